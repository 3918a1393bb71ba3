r"""Literal escape sequences left by JSON scrapers, decoded only with evidence.

Scrapers that paste a JSON string into a page without decoding it leave
literal ``\u201c``, ``\n`` or ``\"`` in the text. Backslashes are also
legitimate (Windows paths, regular expressions, LaTeX, code samples), so this
module decides line by line: a line is decoded only when it could be the body
of a JSON string (every backslash sequence is a JSON-style escape, no path,
LaTeX or code shape) *and* it shows evidence of escaping — an escaped
non-ASCII character, an escaped line break at a sentence or paragraph
boundary, escaped quotes around prose, an escaped apostrophe inside a word,
or escaped slashes in a URL. Escapes inside straight double quotes, backticks
or a single-quoted token are code and stay as they are. ``\\`` and escapes
that would produce a backslash or a lone surrogate are never decoded, so
decoding cannot create new escapes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from sys import maxsize as len_max
from typing import Callable, NamedTuple

from .edits import Edit

__all__ = ["escape_edits"]

_TOKEN_RE = re.compile(
    r"""\\(?:
        u(?P<hi>[dD][89abAB][0-9a-fA-F]{2})\\u(?P<lo>[dD][c-fC-F][0-9a-fA-F]{2})
      | u(?P<u4>[0-9a-fA-F]{4})
      | U(?P<u8>[0-9a-fA-F]{8})
      | (?P<nl>r\\n|n|r)
      | (?P<tab>t)
      | (?P<quote>["'])
      | (?P<slash>/)
      | (?P<bs>\\)
      | (?P<foreign>.|$)
    )""",
    re.VERBOSE | re.DOTALL,
)

# A line matching any of these is a path, LaTeX or code, whatever else it holds.
# Each pattern starts with a literal character (or is anchored at the start),
# so ``search`` skips to its candidates in C; one alternation of them all
# would try every branch at every position of the line.
_VETO_RES = (
    re.compile(r":\\(?<=(?<![\w\\])[A-Za-z]:\\)"),  # drive-letter path: C:\new\table
    re.compile(r"""\\\\(?<=(?<![^\s(\["'])\\\\)[\w.$-]+\\"""),  # UNC path: \\server\share
    re.compile(  # LaTeX command with an argument, or a common LaTeX command
        r"""\\(?:[A-Za-z]+\{
          |(?:begin|end|frac|left|right|math\w*|text\w*|sqrt|sum|int|cdot|times
             |theta|tau|nu|neq?|not|to|rightarrow|Rightarrow|leq?|geq?|rho|nabla)\b)""",
        re.VERBOSE,
    ),
    re.compile(r"^\s*(?:>>>|\$\s|\#include|//|/\*)"),  # prompts and comments
    re.compile(r"""\((?<=\w\()\s*['"]"""),  # call with a string argument
    re.compile(r"""=\s*['"]"""),  # assignment of a string
    re.compile(r"^\s*[\w$]+\s*:\s*'"),  # object property: key: 'value'
    re.compile(r";\s*$"),  # statement end
)


def _vetoed(line: str) -> bool:
    """True when ``line`` looks like a path, LaTeX or code."""
    return any(pattern.search(line) is not None for pattern in _VETO_RES)


# A single-quoted token holding a backslash: '\n', '\u00e9', 'a\tb'. The
# pattern starts with the quote (the look-behind comes after it), so
# ``finditer`` skips to each quote in C.
_SINGLE_QUOTED_RE = re.compile(r"'(?<![\w\\]')[^'\s]*\\[^'\s]*'(?!\w)")

_SENTENCE_END = frozenset('.!?…:"\'”’»)]')
_OPENERS = frozenset('“"‘\'«([')
_CLOSE_PROSE = frozenset('.,!?…')
_AFTER_CLOSE = frozenset(",.;:!?)]—–-")
_BEFORE_OPEN = frozenset("([—–-")

_RULES = {
    "unicode": ("escape.unicode", "literal \\u escape decoded to its character"),
    "newline": ("escape.newline", "literal \\n escape decoded to a line break"),
    "tab": ("escape.tab", "literal \\t escape decoded to a tab"),
    "quote": ("escape.quote", "escaped quote decoded"),
    "slash": ("escape.slash", "escaped slash decoded"),
}


class _Token(NamedTuple):
    start: int
    end: int
    kind: str
    decoded: str | None  # None: never decoded (\\, lone surrogates, \u005c)


def escape_edits(text: str) -> list[Edit]:
    """Edits that decode the escape sequences of every line showing evidence.

    Offsets are into ``text``. Lines without a backslash cost nothing, and a
    line repeated in the text (an embed shown twice) is decided once.
    """
    edits: list[Edit] = []
    decided: dict[str, tuple[int, list[Edit]]] = {}  # line -> (its first offset, its edits)
    pos = text.find("\\")
    while pos != -1:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        if end == -1:
            end = len(text)
        line = text[start:end]
        seen = decided.get(line)
        if seen is None:
            found = _line_edits(line, start)
            decided[line] = (start, found)
            edits.extend(found)
        else:
            edits.extend(_moved(seen[1], start - seen[0]))
        pos = text.find("\\", end)
    return edits


def _moved(edits: list[Edit], shift: int) -> list[Edit]:
    """``edits`` with their offsets moved by ``shift``."""
    return [Edit(start + shift, end + shift, *rest) for start, end, *rest in edits]


def _line_edits(line: str, offset: int) -> list[Edit]:
    if _vetoed(line):
        return []
    tokens = [_token(match) for match in _TOKEN_RE.finditer(line)]
    if any(token.kind == "foreign" for token in tokens):
        return []
    protected = _protected_spans(line, tokens)
    live = [
        token
        for token in tokens
        if token.decoded is not None and not _inside(protected, token.start)
    ]
    if not live:
        return []
    evidence = _evidence(line, live)
    if evidence is None:
        return []
    edits = []
    for token in live:
        rule, reason = _RULES[token.kind]
        assert token.decoded is not None
        edits.append(
            Edit(
                offset + token.start, offset + token.end, token.decoded, rule, f"{reason}: {evidence}"
            )
        )
    return edits


# Token kinds of the groups of _TOKEN_RE that always decode the same way.
_FIXED_TOKENS: dict[str, tuple[str, str | None]] = {
    "nl": ("newline", "\n"),
    "tab": ("tab", "\t"),
    "slash": ("slash", "/"),
    "bs": ("backslash", None),
    "foreign": ("foreign", None),
}


def _token(match: re.Match[str]) -> _Token:
    start, end = match.span()
    group = match.lastgroup  # the one alternative that matched ("lo" for a pair)
    assert group is not None
    if group == "lo":
        high, low = int(match["hi"], 16), int(match["lo"], 16)
        code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return _Token(start, end, "unicode", chr(code))
    if group in ("u4", "u8"):
        code = int(match[group], 16)
        usable = code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and code != 0x5C
        return _Token(start, end, "unicode", chr(code) if usable else None)
    if group == "quote":
        return _Token(start, end, "quote", match[group])
    kind, decoded = _FIXED_TOKENS[group]
    return _Token(start, end, kind, decoded)


def _protected_spans(line: str, tokens: list[_Token]) -> list[tuple[int, int]]:
    """Spans of code: straight double quotes, backticks, single-quoted tokens."""
    escaped = {token.start + 1 for token in tokens if token.kind == "quote"}
    spans = []
    for char in ('"', "`"):
        marks = [i for i in _positions(line, char) if i not in escaped]
        for k in range(0, len(marks), 2):
            spans.append((marks[k], marks[k + 1] if k + 1 < len(marks) else len(line)))
    spans.extend(match.span() for match in _SINGLE_QUOTED_RE.finditer(line))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _positions(line: str, char: str) -> list[int]:
    """Offsets of every ``char`` in ``line``."""
    found = []
    i = line.find(char)
    while i != -1:
        found.append(i)
        i = line.find(char, i + 1)
    return found


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """True when ``pos`` lies strictly inside one of the sorted, disjoint ``spans``."""
    i = bisect_right(spans, (pos, len_max)) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _evidence(line: str, live: list[_Token]) -> str | None:
    """Why ``line`` looks JSON-escaped, or None when it does not."""
    by_start = {token.start: token for token in live}
    by_end = {token.end: token for token in live}

    def before(pos: int) -> str:
        while pos > 0:
            token = by_end.get(pos)
            if token is not None:
                if token.kind != "newline":
                    return (token.decoded or "?")[-1]
                pos = token.start
            elif line[pos - 1] == " ":
                pos -= 1
            else:
                return line[pos - 1]
        return ""

    def after(pos: int) -> str:
        while pos < len(line):
            token = by_start.get(pos)
            if token is not None:
                if token.kind != "newline":
                    return (token.decoded or "?")[:1]
                pos = token.end
            elif line[pos] == " ":
                pos += 1
            else:
                return line[pos]
        return ""

    for token in live:
        if token.kind == "unicode" and token.decoded and ord(token.decoded[0]) >= 0x80:
            return "the line has an escaped non-ASCII character"
    if _line_break_evidence(line, live, before, after):
        return "an escaped line break sits at a sentence or paragraph boundary"
    if _quote_evidence(line, live, by_end, by_start):
        return "escaped quotes or apostrophes surround prose"
    slashes = [t for t in live if t.kind == "slash"]
    if slashes:
        url = any(line[t.start - 1 : t.start] == ":" and t.end in by_start for t in slashes)
        between_words = sum(
            1
            for t in slashes
            if line[t.start - 1 : t.start].isalnum() and line[t.end : t.end + 1].isalnum()
        )
        if url or between_words >= 2:
            return "escaped slashes in a URL or between words"
    return None


def _line_break_evidence(
    line: str, live: list[_Token], before: Callable[[int], str], after: Callable[[int], str]
) -> bool:
    """An escaped break after a sentence end, or a paragraph break between words."""
    runs: list[list[_Token]] = []
    for token in live:
        if token.kind != "newline":
            continue
        if runs and not line[runs[-1][-1].end : token.start].strip(" "):
            runs[-1].append(token)
        else:
            runs.append([token])
    for run in runs:
        prev, nxt = before(run[0].start), after(run[-1].end)
        if not prev or not nxt:
            continue
        if len(run) >= 2 and (prev.isalnum() or prev in _SENTENCE_END or prev == ",") and (
            nxt.isalnum() or nxt in _OPENERS
        ):
            return True
        if prev in _SENTENCE_END and (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
            return True
    return False


def _quote_evidence(
    line: str, live: list[_Token], by_end: dict[int, _Token], by_start: dict[int, _Token]
) -> bool:
    opening = {'"': 0, "'": 0}
    closing = {'"': 0, "'": 0}
    for token in live:
        if token.kind != "quote":
            continue
        prev = _neighbour(line, token.start - 1, by_end, token.start, -1)
        nxt = _neighbour(line, token.end, by_start, token.end, 1)
        quote = token.decoded or '"'
        if quote == "'" and prev.isalpha() and nxt.isalpha():
            return True  # don\'t, It\'s
        starts_word = nxt.isalnum() or nxt in _OPENERS
        if (prev == "" or prev.isspace() or prev in _BEFORE_OPEN) and starts_word:
            opening[quote] += 1
        elif (prev.isalnum() or prev in _CLOSE_PROSE) and (
            nxt == "" or nxt.isspace() or nxt in _AFTER_CLOSE
        ):
            closing[quote] += 1
    return any(opening[q] and closing[q] for q in opening)


def _neighbour(line: str, index: int, tokens: dict[int, _Token], key: int, step: int) -> str:
    """The character next to a token, seen through an adjacent decoded token."""
    token = tokens.get(key)
    if token is not None and token.decoded:
        return token.decoded[-1] if step < 0 else token.decoded[0]
    if 0 <= index < len(line):
        return line[index]
    return ""
