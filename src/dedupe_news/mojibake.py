"""Mojibake, HTML entities and ligatures, repaired by ftfy on the lines that need it.

``ftfy.fix_text`` costs about 2 MB/s, and nearly every line of scraped news
needs none of it. ftfy itself works line by line and only re-decodes a line
when its ``badness`` heuristic fires; that heuristic needs at least one
character from a small set of mojibake-prone characters next to another
non-ASCII character (or one of a few lone telltales such as ``Ã``, ``Â`` or a
C1 control). One class-led regex finds exactly those places ("hints", see
:data:`HINT_CLASS` and :data:`HINT_CONTEXT`; HTML entities are hints too) in a
single C-speed scan (or ``_screen.next_hint``, its compiled twin, when the
optional extension is built: the regex tries its lookarounds at every
accented letter), ftfy's own heuristic is then checked in a small window
around each hint, and only lines that ftfy would change are handed to ftfy —
configured to keep curly quotes and full-width characters, the typography of
clean text; a line that recurs in a text is handed over once. The
repairs are therefore the ones ``ftfy.fix_text`` makes with that
configuration (see ``benchmarks/bench_normalize.py``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterator

import ftfy
from ftfy.badness import is_bad

from ._extensions import optional_extension
from .edits import Edit, diff_edits
from .whitespace import charset

#: The compiled hint scan (optional; the regex is the reference).
_screen = optional_extension("_screen", "next_hint")

try:  # the heuristic's regex, used on small windows; fall back to whole lines
    from ftfy.badness import BADNESS_RE as _BADNESS_RE
except ImportError:  # pragma: no cover - a future ftfy may rename it
    _BADNESS_RE = None

__all__ = [
    "CANDIDATE_CHARS",
    "HINT_CLASS",
    "HINT_CONTEXT",
    "ftfy_config",
    "has_candidates",
    "hint_needs_ftfy",
    "hints_need_ftfy",
    "mojibake_edits",
]

# Characters that take part in ftfy's mojibake heuristic, except common
# typography (curly quotes, dashes, ellipsis, bullets, nbsp, (c), (R), TM,
# guillemets) and Greek/Cyrillic letters, whose patterns are listed apart.
_SUSPECT = (
    "\x80-\x9f"
    "\xa2-\xa8\xaa\xac\xaf-\xb3\xb5\xb6\xb8-\xba\xbc-\xbe\xc0-\xff"
    "\u0100-\u024f\u02c6-\u02dd\u0490\u0491"
    "\u2020\u2021\u2030\u2044\u20a7\u20ac\u2116"
    "\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261\u2264\u2265"
    "\u2310\u25ca\u2500-\u259f\ufffd"
)
# Characters ftfy rewrites on sight: C1 controls, terminal escapes, ligatures.
_TELLTALE = "\x80-\x9f\x1b\u0132\u0133\u0149\u01c4-\u01cc\u01f1-\u01f3\ufb00-\ufb06"
_GREEK_CYRILLIC_PAIR = "ВГРСΒΓΞΟ"

# Every character that can make ftfy change a line.
_CANDIDATE_CLASS = f"{_SUSPECT}{_TELLTALE}&\u0402{_GREEK_CYRILLIC_PAIR}"
_CANDIDATE_RE = re.compile(f"[{_CANDIDATE_CLASS}]")
_TELLTALE_RE = re.compile(f"[{_TELLTALE}]")

#: Body of a regex character class: the characters a hint can start with.
HINT_CLASS = _CANDIDATE_CLASS
#: Lookarounds that, right after one :data:`HINT_CLASS` character, tell
#: whether it is a hint: a candidate next to another non-ASCII character, a
#: telltale or lone suspect (C1 control, ligature, ``Ã``, ``Â``, ``œ``), or an
#: ``&`` that starts an HTML entity. These are the cheap tests
#: :func:`_hit_needs_ftfy` makes before its costlier ones, done in C; a text
#: without a hint is certainly left alone by ftfy.
HINT_CONTEXT = (
    "(?=[^\\x00-\\x7f])"
    "|(?<=[^\\x00-\\x7f].)"
    f"|(?<=[{_TELLTALE}\xc2\xc3\u0152\u0153])"
    "|(?<=&)(?=#?[0-9A-Za-z]{1,24};)"
)
# One class-led pattern, so ``search`` skips ordinary characters in C.
_HINT_RE = re.compile(f"[{HINT_CLASS}](?:{HINT_CONTEXT})")
# The hints that matter in a text whose only candidate character is "&":
# entities (any other "&" is left alone). It starts with a literal, so
# ``search`` jumps from "&" to "&".
_ENTITY_HINT_RE = re.compile("&(?=#?[0-9A-Za-z]{1,24};)")
# ftfy always rewrites these (terminal escapes, ligatures; C1 controls too).
_SURE_TELLTALES = frozenset(
    "\x1b\u0132\u0133\u0149\u01c4\u01c5\u01c6\u01c7\u01c8\u01c9\u01ca\u01cb\u01cc"
    "\u01f1\u01f2\u01f3\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"
)
# ftfy's heuristic can fire on these next to ASCII: "Ã ", "Â ", "œ.".
_LONE_SUSPECTS = frozenset("\xc2\xc3\u0152\u0153")
_ENTITY_RE = re.compile(r"&#?[0-9A-Za-z]{1,24};")


def _bitmap(chars: frozenset[str]) -> bytes:
    """One bit per BMP code point of ``chars`` (bit ``c & 7`` of byte ``c >> 3``)."""
    bits = bytearray(0x10000 // 8)
    for char in chars:
        code = ord(char)
        bits[code >> 3] |= 1 << (code & 7)
    return bytes(bits)


# The compiled hint scan's tables: the characters a hint starts with, and
# those that are a hint on their own (the third lookaround of HINT_CONTEXT).
_HINT_BITMAP = _bitmap(charset(_CANDIDATE_CLASS))
_LONE_BITMAP = _bitmap(charset(f"{_TELLTALE}\xc2\xc3\u0152\u0153"))


#: Every character that can make ftfy change a line; text without any skips ftfy.
CANDIDATE_CHARS: frozenset[str] = charset(_CANDIDATE_CLASS)


def has_candidates(text: str) -> bool:
    """True when ``text`` holds any of :data:`CANDIDATE_CHARS` (one C-speed scan)."""
    return _CANDIDATE_RE.search(text) is not None


def ftfy_config(
    *, fix_encoding: bool = True, unescape_html: bool = True, fix_ligatures: bool = True
) -> ftfy.TextFixerConfig:
    """The ftfy configuration of the normalisation stage.

    Keeps curly quotes (``uncurl_quotes=False``) and full-width characters
    (``fix_character_width=False``, which would rewrite CJK punctuation);
    line breaks, control characters and surrogates are handled by
    :mod:`dedupe_news.whitespace` with their own explanations.
    """
    return ftfy.TextFixerConfig(
        unescape_html="auto" if unescape_html else False,
        remove_terminal_escapes=True,
        fix_encoding=fix_encoding,
        restore_byte_a0=fix_encoding,
        replace_lossy_sequences=fix_encoding,
        decode_inconsistent_utf8=fix_encoding,
        fix_c1_controls=fix_encoding,
        fix_latin_ligatures=fix_ligatures,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization="NFC",
        explain=False,
    )


def mojibake_edits(
    text: str, config: ftfy.TextFixerConfig, *, explain: bool, only_ampersands: bool = False
) -> list[Edit]:
    """Edits repairing the lines of ``text`` that ftfy would change.

    With ``explain`` each line's repair is split into the spans that changed
    and each span is named (``mojibake``, ``html_entity``, ...); without it,
    one edit per line is returned (cheaper, same resulting text). A caller
    that knows "&" to be the only :data:`CANDIDATE_CHARS` character of
    ``text`` passes ``only_ampersands`` and the lines are found faster.
    """
    edits: list[Edit] = []
    repaired: dict[str, str] = {}  # a line repeated in the text (menus) costs ftfy once
    for start, end in _lines_to_fix(text, config, only_ampersands):
        end = min(end + 1, len(text))  # ftfy's segments keep their newline
        line = text[start:end]
        fixed = repaired.get(line)
        if fixed is None:
            fixed = repaired[line] = ftfy.fix_text(line, config)
        if fixed == line:
            continue
        if not explain:
            edits.append(Edit(start, end, fixed, "mojibake", "ftfy repair"))
            continue
        units = [m.span() for m in _ENTITY_RE.finditer(line)]
        edits.extend(
            e._replace(start=e.start + start, end=e.end + start)
            for e in diff_edits(line, fixed, _classify, units)
        )
    return edits


def _next_hint_py(text: str, pos: int) -> int:
    """Where the first hint of ``text`` at or after ``pos`` starts, or -1 (regex scan)."""
    hit = _HINT_RE.search(text, pos)
    return -1 if hit is None else hit.start()


def _next_hint_c(text: str, pos: int) -> int:
    """:func:`_next_hint_py` in one compiled scan (``_screen.next_hint``)."""
    return _screen.next_hint(text, pos, _HINT_BITMAP, _LONE_BITMAP)


def _next_entity_hint(text: str, pos: int) -> int:
    """Where the first entity hint (an "&" starting an entity) at or after ``pos`` is, or -1."""
    hit = _ENTITY_HINT_RE.search(text, pos)
    return -1 if hit is None else hit.start()


#: :func:`_next_hint_py`, or its compiled twin when it is built.
_next_hint: Callable[[str, int], int] = _next_hint_py if _screen is None else _next_hint_c


def _lines_to_fix(
    text: str, config: ftfy.TextFixerConfig, only_ampersands: bool = False
) -> Iterator[tuple[int, int]]:
    """Spans of the lines (without their newline) that ftfy could change, in order."""
    next_hint = _next_entity_hint if only_ampersands else _next_hint
    pos = 0
    line_start = line_end = -1
    while True:
        i = next_hint(text, pos)
        if i == -1:
            return
        if i > line_end:
            line_start = text.rfind("\n", 0, i) + 1
            line_end = text.find("\n", i)
            if line_end == -1:
                line_end = len(text)
        if _hit_needs_ftfy(text, i, line_start, line_end, config):
            yield line_start, line_end
            pos = line_end + 1
        else:
            pos = i + 1


def hints_need_ftfy(text: str, config: ftfy.TextFixerConfig, *, only_ampersands: bool) -> bool:
    """Could ftfy change any line of ``text``? (See :func:`mojibake_edits`.)"""
    return next(_lines_to_fix(text, config, only_ampersands), None) is not None


def hint_needs_ftfy(text: str, i: int, config: ftfy.TextFixerConfig) -> bool:
    """Could ftfy change the line of ``text`` holding the hint at ``i``?

    ``i`` is the start of a hint (see :data:`HINT_CONTEXT`); the answer is
    the one :func:`mojibake_edits` acts on.
    """
    start = text.rfind("\n", 0, i) + 1
    end = text.find("\n", i)
    return _hit_needs_ftfy(text, i, start, len(text) if end == -1 else end, config)


def _hit_needs_ftfy(text: str, i: int, start: int, end: int, config: ftfy.TextFixerConfig) -> bool:
    """Could ftfy change the line ``text[start:end]`` because of the character at ``i``?"""
    char = text[i]
    if char == "&":
        return (
            bool(config.unescape_html)
            and _ENTITY_RE.match(text, i) is not None
            and text.find("<", start, end) == -1
        )
    if char in _SURE_TELLTALES or "\x80" <= char <= "\x9f":
        return True
    if not config.fix_encoding:
        return False
    before = text[i - 1] if i > start else "a"
    after = text[i + 1] if i + 1 < end else "a"
    if before.isascii() and after.isascii() and char not in _LONE_SUSPECTS:
        return False
    if _BADNESS_RE is None:  # pragma: no cover - a future ftfy may rename it
        return is_bad(text[start : end + 1])
    # ftfy's heuristic matches at most 7 characters; a window around the
    # candidate, cut where ftfy cuts its segments (after the newline), decides.
    return _BADNESS_RE.search(text[max(start, i - 8) : min(end + 1, i + 10)]) is not None


def _classify(before: str, after: str) -> tuple[str, str]:
    if "&" in before and ";" in before:
        return "html_entity", "HTML entity decoded"
    if "\x1b" in before:
        return "whitespace.control", "terminal escape sequence removed"
    if before and all(unicodedata.decomposition(c).startswith("<compat>") for c in before):
        if _TELLTALE_RE.search(before):
            return "unicode.ligature", "typographic ligature split into letters"
    if unicodedata.normalize("NFC", before) == after:
        return "unicode.nfc", "Unicode NFC normalisation"
    return "mojibake", "mojibake (text decoded with the wrong encoding) repaired"
