"""Types of the optional compiled stem search (``_textscan.c``); see :mod:`dedupe_news.boilerplate.strip`."""

from typing import final

@final
class _CompiledStems:
    """What :func:`compile_stems` returns (a capsule; opaque and read-only)."""

def compile_stems(stems: tuple[str, ...], /) -> _CompiledStems: ...
def stem_lines(text: str, stems: tuple[str, ...] | _CompiledStems, /) -> tuple[list[int], ...]: ...
