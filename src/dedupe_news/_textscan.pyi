"""Types of the optional compiled stem search and line pass (``_textscan.c``); see :mod:`dedupe_news.boilerplate.strip`."""

from typing import final

@final
class _CompiledStems:
    """What :func:`compile_stems` returns (a capsule; opaque and read-only)."""

@final
class _CompiledGate:
    """What :func:`compile_gate` returns (a capsule; opaque and read-only)."""

def compile_stems(stems: tuple[str, ...], groups: tuple[int, ...] | None = None, /) -> _CompiledStems: ...
def stem_lines(
    text: str, stems: tuple[str, ...] | _CompiledStems, groups: tuple[int, ...] | None = None, /
) -> tuple[list[int], ...]: ...
def compile_gate(limits: dict[str, int], edges: str, span: int, /) -> _CompiledGate: ...
def line_info(text: str, gate: _CompiledGate, /) -> tuple[list[int], bytearray]: ...
