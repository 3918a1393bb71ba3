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

:class:`FoldedLines` folds every line of a text in bulk: lines made of ASCII
(after common typographic punctuation is set aside) are folded with one byte
translation of the whole text, and only the others go through
:func:`fold_key`; the words are the same either way.
"""

from __future__ import annotations

import re

__all__ = [
    "ARTEFACT_RE",
    "Token",
    "FoldedLines",
    "fold_key",
    "word_tokens",
    "edit_distance",
    "small_edit",
]

#: Escape sequences and HTML entities a scraper leaves behind; folded to a separator.
ARTEFACT_RE = re.compile(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|\\[nrt]|&#?[0-9A-Za-z]{1,10};")
_WORD_RE = re.compile(r"\w+")
_TOKEN_RE = re.compile(ARTEFACT_RE.pattern + r"|(\w+)")
_DIGITS_RE = re.compile(r"\d+")

#: Typographic punctuation and spaces outside ASCII; none is a word character,
#: so replacing one by a space leaves a line's folded key unchanged.
PLAIN_PUNCTUATION = (
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2022\u00b7\u2032\u2033\u00a7\u00b6"
    "\u2020\u2021\u00a9\u00ae\u00b0\u20ac\u00a3\u00a5\u00a0\u2002\u2003\u2009"
    "\u200a\u200b\u202f\u2060\ufeff"
)
_PUNCTUATION_BYTES_RE = re.compile(
    b"|".join(re.escape(char.encode("utf-8")) for char in PLAIN_PUNCTUATION)
)
_ELLIPSIS_BYTES = "\u2026".encode("utf-8")
_WORD_BYTES = b"abcdefghijklmnopqrstuvwxyz0123456789_"


def _byte_table(sentence_ends: bytes) -> bytes:
    """ASCII folding table: letters lowered, word bytes kept, ``sentence_ends`` to ``.``,
    newlines and non-ASCII bytes kept, every other byte to a space."""
    table = bytearray(b" " * 256)
    for byte in _WORD_BYTES:
        table[byte] = byte
    for byte in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        table[byte] = byte + 32
    for byte in sentence_ends:
        table[byte] = ord(".")
    table[ord("\n")] = ord("\n")
    for byte in range(128, 256):
        table[byte] = byte
    return bytes(table)


#: Folds an ASCII line to its key's words separated by spaces.
_FOLD_TABLE = _byte_table(b"")
#: The same, with sentence ends (``.``, ``!``, ``?``) kept as ``.``.
_SENTENCE_TABLE = _byte_table(b".!?")
#: Bytes deleted to leave only what needs :func:`fold_key`: non-ASCII bytes,
#: ``&`` and ``\\`` (entities and escape sequences), and newlines.
_PLAIN_ASCII = bytes(byte for byte in range(128) if byte not in b"\n&\\")


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


class FoldedLines:
    """The folded words of every line of a text, computed in bulk.

    ``words[i] == fold_key(lines[i]).split()`` for every line of
    ``text.split("\\n")``. A line whose bytes are ASCII without ``&`` or
    ``\\`` (once common typographic punctuation, never a word character, is
    replaced by spaces) is folded by a byte translation: its words are its
    runs of ``[A-Za-z0-9_]``, lowered, exactly what :func:`fold_key` finds.
    Other lines (letters outside ASCII, entities, escapes) use :func:`fold_key`.
    """

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        raw = text.encode("utf-8", "surrogatepass")
        self._raw_lines = raw.split(b"\n")
        folded = raw.translate(_FOLD_TABLE).decode("latin-1").split("\n")
        self._plain: dict[int, bytes | None] = {}  # lines that needed a second look
        self.words: list[list[str]] = []
        for index, flag in enumerate(raw.translate(None, _PLAIN_ASCII).split(b"\n")):
            if not flag:
                self.words.append(folded[index].split())
                continue
            plain = _plain_ascii(self._raw_lines[index])
            self._plain[index] = plain
            if plain is None:
                self.words.append(fold_key(self.lines[index]).split())
            else:
                self.words.append(plain.translate(_FOLD_TABLE).decode("ascii").split())

    def sentence_heads(self, index: int) -> list[tuple[str, str, str]]:
        """First three words at the line's start and after each sentence end.

        Every position where a sentence may start (after ``.``, ``!``, ``?``
        or ``\u2026``, including inside numbers) is included; for a line
        folded by :func:`fold_key` every position is.
        """
        plain = self._plain.get(index, self._raw_lines[index])
        if plain is None:
            words = self.words[index]
            return list(zip(words, words[1:], words[2:]))
        chunks = plain.translate(_SENTENCE_TABLE).decode("ascii").split(".")
        heads: list[tuple[str, str, str]] = []
        for number, chunk in enumerate(chunks):
            head = chunk.split(None, 3)[:3]
            if not head:
                continue
            following = number + 1
            while len(head) < 3 and following < len(chunks):
                missing = 3 - len(head)
                head += chunks[following].split(None, missing)[:missing]
                following += 1
            if len(head) == 3:
                heads.append((head[0], head[1], head[2]))
        return heads


def _plain_ascii(line: bytes) -> bytes | None:
    """``line`` with typographic punctuation replaced, if that leaves plain ASCII.

    The ellipsis becomes ``.`` (it ends sentences); None when the line still
    holds non-ASCII bytes, ``&`` or ``\\``.
    """
    line = _PUNCTUATION_BYTES_RE.sub(b" ", line.replace(_ELLIPSIS_BYTES, b"."))
    if not line.isascii() or b"&" in line or b"\\" in line:
        return None
    return line


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
