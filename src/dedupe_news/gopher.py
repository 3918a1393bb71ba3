"""Gopher repetition statistics, for pipelines that drop repetitive documents.

Rae et al. (2021), "Scaling Language Models: Methods, Analysis & Insights from
Training Gopher" (https://arxiv.org/abs/2112.11446), filter MassiveText with
statistics of repeated lines, paragraphs and word n-grams. The repeats stage
repairs such documents; these statistics let a pipeline choose to drop them
instead (or to check the repair worked). Definitions used here, chosen to be
easy to compute by hand:

* **lines** are the non-blank lines of the text, stripped; **paragraphs** are
  the stripped chunks between blank lines.
* an element (line, paragraph, n-gram occurrence) is a **duplicate** when an
  equal element occurred earlier; the first occurrence is not a duplicate.
* the *count* fraction is duplicates / elements; the *character* fraction is
  the characters of duplicate elements / the characters of all elements.
* **words** are runs of word characters (``\\w+``, case kept); the characters
  of an n-gram are the characters of its words (separators not counted), and
  word-level fractions divide by the characters of all words.
* **top n-gram character fraction** (n = 2, 3, 4): characters of the words
  covered by the occurrences of the most frequent n-gram (ties: the one with
  more characters, then the first seen), each word counted once even where
  occurrences overlap, divided by all word characters; 0 when no n-gram
  occurs twice.
* **duplicate n-gram character fraction** (n = 5 ... 10): characters of the
  words covered by duplicate n-gram occurrences, each word counted once even
  when duplicate n-grams overlap, divided by all word characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import count

import numpy as np

from .errors import ConfigError

__all__ = ["RepetitionStats", "GopherThresholds", "repetition_stats", "is_repetitive"]

_WORD_RE = re.compile(r"\w+")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")

# Gopher, Rae et al. 2021, Table A1 ("repetition removal" thresholds): a
# document is removed when any statistic exceeds its threshold.
_GOPHER_TOP_NGRAMS = ((2, 0.20), (3, 0.18), (4, 0.16))
_GOPHER_DUP_NGRAMS = ((5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10))


@dataclass(frozen=True)
class GopherThresholds:
    """Upper bounds of the repetition statistics; a document above any one is repetitive.

    The defaults are Gopher's published thresholds (Rae et al. 2021, Table A1).
    ``None`` switches a check off; an n-gram check is switched off by leaving
    its ``n`` out of the tuple.

    Attributes:
        dup_line_frac: duplicate lines / lines (Gopher: 0.30).
        dup_para_frac: duplicate paragraphs / paragraphs (0.30).
        dup_line_char_frac: characters in duplicate lines (0.20).
        dup_para_char_frac: characters in duplicate paragraphs (0.20).
        top_ngram_char_frac: ``(n, bound)`` for the most frequent n-gram
            (2: 0.20, 3: 0.18, 4: 0.16).
        dup_ngram_char_frac: ``(n, bound)`` for duplicate n-grams
            (5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10).
    """

    dup_line_frac: float | None = 0.30
    dup_para_frac: float | None = 0.30
    dup_line_char_frac: float | None = 0.20
    dup_para_char_frac: float | None = 0.20
    top_ngram_char_frac: tuple[tuple[int, float], ...] = _GOPHER_TOP_NGRAMS
    dup_ngram_char_frac: tuple[tuple[int, float], ...] = _GOPHER_DUP_NGRAMS

    def __post_init__(self) -> None:
        for name in ("dup_line_frac", "dup_para_frac", "dup_line_char_frac", "dup_para_char_frac"):
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ConfigError(
                    f"GopherThresholds.{name} must be a fraction in [0, 1] or None, got {value!r}"
                )
        for name in ("top_ngram_char_frac", "dup_ngram_char_frac"):
            for item in getattr(self, name):
                if (
                    not isinstance(item, tuple)
                    or len(item) != 2
                    or not isinstance(item[0], int)
                    or item[0] < 1
                    or not 0.0 <= item[1] <= 1.0
                ):
                    raise ConfigError(
                        f"GopherThresholds.{name} must hold (n, fraction) pairs with n >= 1 and "
                        f"0 <= fraction <= 1, got {item!r}"
                    )


@dataclass(frozen=True)
class RepetitionStats:
    """Gopher's repetition statistics of one text (see the module docstring).

    Attributes:
        lines: number of non-blank lines.
        paragraphs: number of paragraphs.
        words: number of words.
        dup_line_frac: duplicate lines / lines.
        dup_line_char_frac: characters of duplicate lines / characters of lines.
        dup_para_frac: duplicate paragraphs / paragraphs.
        dup_para_char_frac: characters of duplicate paragraphs / of paragraphs.
        top_ngram_char_frac: ``{n: fraction}`` for the most frequent n-gram.
        dup_ngram_char_frac: ``{n: fraction}`` for duplicate n-grams.
    """

    lines: int
    paragraphs: int
    words: int
    dup_line_frac: float
    dup_line_char_frac: float
    dup_para_frac: float
    dup_para_char_frac: float
    top_ngram_char_frac: dict[int, float] = field(default_factory=dict)
    dup_ngram_char_frac: dict[int, float] = field(default_factory=dict)


def _duplicate_fractions(elements: list[str]) -> tuple[float, float]:
    """(duplicates / elements, duplicate characters / characters)."""
    total_chars = sum(len(element) for element in elements)
    seen: set[str] = set()
    duplicates = duplicate_chars = 0
    for element in elements:
        if element in seen:
            duplicates += 1
            duplicate_chars += len(element)
        else:
            seen.add(element)
    count_frac = duplicates / len(elements) if elements else 0.0
    char_frac = duplicate_chars / total_chars if total_chars else 0.0
    return count_frac, char_frac


class _WordGrams:
    """The words of a text as integer ids, and exact n-gram identities computed with numpy."""

    def __init__(self, words: list[str]) -> None:
        # A word's id is the position of its first occurrence: equal words,
        # equal ids, below len(words); mapped at C speed.
        first_position: dict[str, int] = {}
        self.ids = np.fromiter(
            map(first_position.setdefault, words, count()), dtype=np.int64, count=len(words)
        )
        self.lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        self.total = int(self.lengths.sum())
        self._cache: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def grams(self, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each n-gram position: the gram's id, the position where that gram
        first occurs, and the count of each gram id.

        Gram ids are exact: the (n-1)-gram id and the last word's id are packed
        into one integer and made dense again with ``np.unique``.
        """
        if n not in self._cache:
            if n == 1:
                dense = np.unique(self.ids, return_inverse=True)[1].ravel()
            else:
                shorter = self.grams(n - 1)[0]
                packed = shorter[:-1] * np.int64(len(self.ids) + 1) + self.ids[n - 1 :]
                dense = np.unique(packed, return_inverse=True)[1].ravel()
            counts = np.bincount(dense)
            first = np.full(len(counts), len(dense), dtype=np.int64)
            np.minimum.at(first, dense, np.arange(len(dense)))
            self._cache[n] = (dense, first[dense], counts)
        return self._cache[n]

    def covered_chars(self, starts: np.ndarray, n: int) -> int:
        """Characters of the words covered by n-grams starting at ``starts``, each word once."""
        if starts.size == 0:
            return 0
        delta = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.add.at(delta, starts, 1)
        np.add.at(delta, starts + n, -1)
        covered = np.cumsum(delta[:-1]) > 0
        return int(self.lengths[covered].sum())

    def top_fraction(self, n: int) -> float:
        """Share of characters covered by the most frequent n-gram occurring twice or more."""
        if len(self.ids) < n or not self.total:
            return 0.0
        gram, first, counts = self.grams(n)
        best = counts.max()
        if best < 2:
            return 0.0
        # ties: the gram with more characters, then the one seen first
        chars = np.convolve(self.lengths, np.ones(n, dtype=np.int64), mode="valid")
        candidates = np.flatnonzero(counts[gram] == best)
        order = np.lexsort((first[candidates], -chars[candidates]))
        top = gram[candidates[order[0]]]
        return self.covered_chars(np.flatnonzero(gram == top), n) / self.total

    def duplicate_fraction(self, n: int) -> float:
        """Share of characters covered by n-gram occurrences that repeat an earlier one."""
        if len(self.ids) < n or not self.total:
            return 0.0
        _, first, _ = self.grams(n)
        duplicates = np.flatnonzero(first != np.arange(len(first)))
        return self.covered_chars(duplicates, n) / self.total


def repetition_stats(
    text: str,
    *,
    top_ngrams: tuple[int, ...] = (2, 3, 4),
    dup_ngrams: tuple[int, ...] = (5, 6, 7, 8, 9, 10),
) -> RepetitionStats:
    """Compute Gopher's repetition statistics of ``text``.

    Args:
        text: any text; blank lines separate paragraphs.
        top_ngrams: the ``n`` for which the top n-gram fraction is computed.
        dup_ngrams: the ``n`` for which the duplicate n-gram fraction is computed.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    paragraphs = [chunk.strip() for chunk in _PARAGRAPH_BREAK_RE.split(text) if chunk.strip()]
    words = _WORD_RE.findall(text)
    grams = _WordGrams(words)
    line_frac, line_char_frac = _duplicate_fractions(lines)
    para_frac, para_char_frac = _duplicate_fractions(paragraphs)
    top = {n: grams.top_fraction(n) for n in top_ngrams}
    dup = {n: grams.duplicate_fraction(n) for n in dup_ngrams}
    return RepetitionStats(
        lines=len(lines),
        paragraphs=len(paragraphs),
        words=len(words),
        dup_line_frac=line_frac,
        dup_line_char_frac=line_char_frac,
        dup_para_frac=para_frac,
        dup_para_char_frac=para_char_frac,
        top_ngram_char_frac=top,
        dup_ngram_char_frac=dup,
    )


def is_repetitive(
    text: str, thresholds: GopherThresholds | None = None
) -> tuple[bool, str | None]:
    """Gopher's repetition filter: ``(True, reason)`` when a statistic exceeds its bound.

    Checks run in Gopher's order (paragraphs, lines, top n-grams, duplicate
    n-grams); the reason names the first one exceeded: ``"dup_para_frac"``,
    ``"dup_para_char_frac"``, ``"dup_line_frac"``, ``"dup_line_char_frac"``,
    ``"top_{n}_gram"`` or ``"dup_{n}_gram"``. ``(False, None)`` otherwise.

    >>> is_repetitive("spam spam spam spam spam spam spam spam spam spam")
    (True, 'top_2_gram')
    """
    limits = thresholds or GopherThresholds()
    stats = repetition_stats(
        text,
        top_ngrams=tuple(n for n, _ in limits.top_ngram_char_frac),
        dup_ngrams=tuple(n for n, _ in limits.dup_ngram_char_frac),
    )
    checks: list[tuple[str, float, float | None]] = [
        ("dup_para_frac", stats.dup_para_frac, limits.dup_para_frac),
        ("dup_para_char_frac", stats.dup_para_char_frac, limits.dup_para_char_frac),
        ("dup_line_frac", stats.dup_line_frac, limits.dup_line_frac),
        ("dup_line_char_frac", stats.dup_line_char_frac, limits.dup_line_char_frac),
    ]
    for n, bound in limits.top_ngram_char_frac:
        checks.append((f"top_{n}_gram", stats.top_ngram_char_frac[n], bound))
    for n, bound in limits.dup_ngram_char_frac:
        checks.append((f"dup_{n}_gram", stats.dup_ngram_char_frac[n], bound))
    for reason, value, bound in checks:
        if bound is not None and value > bound:
            return True, reason
    return False, None
