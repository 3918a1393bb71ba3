"""Types of the optional compiled stem search and line pass (``_textscan.c``); see :mod:`dedupe_news.boilerplate.strip`."""

from collections.abc import Callable, Iterable
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
def compile_gate(
    table: dict[str, tuple[int, frozenset[str] | None]],
    quotes: str,
    edges: str,
    span: int,
    section_words: Iterable[str],
    /,
) -> _CompiledGate: ...
def line_info(text: str, gate: _CompiledGate, /) -> tuple[list[int], bytearray, bytearray]: ...
def classify_lines(
    lines: list[str],
    words: list[int],
    claimed: list[str | None],
    prose_min_words: int,
    terminal: str,
    wrap_min_chars: int,
    unpunctuated_min_words: int,
    is_prose: Callable[[str, int], bool],
    /,
) -> tuple[list[int], list[int]]: ...
def body_span(
    lines: list[str],
    classes: list[int],
    words: list[int],
    penalty: float,
    terminal: str,
    sentence_share: float,
    menu_share: float,
    score_cap: int,
    /,
) -> tuple[int, int] | None: ...
