"""Folded comparison keys for the repeats stage: lines, words and small edits.

Two copies of a paragraph rarely come out of a scraper byte-identical: one has
curly quotes and the other straight ones, one a literal ``\\u2019`` escape or a
``&amp;`` entity, one a mojibake ``Ã©``. The repeats stage therefore compares
*folded keys*: escape sequences and HTML entities become separators, case is
lowered, and only runs of word characters (``\\w+``, any script) are kept,
joined by one space. Punctuation never matters; letters, digits and their order
do. :func:`word_tokens` gives the same words with their offsets in the original
text, and :func:`small_edit` decides whether two short differing stretches are
an artefact (a few characters) rather than different wording.
"""

from __future__ import annotations

import re

__all__ = ["ARTEFACT_RE", "Token", "fold_key", "word_tokens", "edit_distance", "small_edit"]

#: Escape sequences and HTML entities a scraper leaves behind; folded to a separator.
ARTEFACT_RE = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[nrt]|&#?[0-9A-Za-z]{1,10};")
_WORD_RE = re.compile(r"\w+")
_TOKEN_RE = re.compile(ARTEFACT_RE.pattern + r"|(\w+)")
_DIGITS_RE = re.compile(r"\d+")


class Token:
    """One word of a line: its lower-cased text and its span in the source text."""

    __slots__ = ("word", "start", "end")

    def __init__(self, word: str, start: int, end: int) -> None:
        self.word = word
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Token({self.word!r}, {self.start}, {self.end})"


def fold_key(text: str) -> str:
    """The folded comparison key of ``text``: lower-cased words joined by spaces.

    >>> fold_key('\\u201cIt\\'s   DONE,\\u201d she said &amp; left.')
    'it s done she said left'
    """
    return " ".join(_WORD_RE.findall(ARTEFACT_RE.sub(" ", text))).lower()


def word_tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` as in :func:`fold_key`, with absolute offsets."""
    end = len(text) if end is None else end
    return [
        Token(match.group(1).lower(), match.start(1), match.end(1))
        for match in _TOKEN_RE.finditer(text, start, end)
        if match.group(1) is not None
    ]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)


def small_edit(a_words: list[str], b_words: list[str], max_edit_chars: int) -> bool:
    """True when two differing word runs are an artefact, not different wording.

    The runs are compared without their separators: at most ``max_edit_chars``
    characters may differ, and no number may change (a scraping artefact never
    turns ``1.2%`` into ``1.5%``).
    """
    a, b = "".join(a_words), "".join(b_words)
    if _DIGITS_RE.findall(a) != _DIGITS_RE.findall(b):
        return False
    if max(len(a), len(b)) > 8 * max(max_edit_chars, 1):
        return False
    return edit_distance(a, b, max_edit_chars) <= max_edit_chars
