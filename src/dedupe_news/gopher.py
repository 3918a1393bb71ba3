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
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice

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


def _ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    return list(zip(*(islice(words, k, None) for k in range(n))))


def _covered_chars(lengths: list[int], starts: list[int], n: int) -> int:
    """Characters of the words covered by n-grams starting at ``starts`` (ascending), once each."""
    covered_until = 0  # words before this index are already counted
    chars = 0
    for index in starts:
        chars += sum(lengths[max(index, covered_until) : index + n])
        covered_until = index + n
    return chars


def _top_ngram_chars(words: list[str], lengths: list[int], n: int) -> int:
    """Characters covered by the most frequent n-gram, if it occurs twice or more."""
    grams = _ngrams(words, n)
    counts = Counter(grams)
    top, top_count, top_chars = None, 1, 0
    for gram, count in counts.items():  # insertion order: the first seen wins full ties
        if count < 2 or count < top_count:
            continue
        chars = sum(len(word) for word in gram)
        if count > top_count or chars > top_chars:
            top, top_count, top_chars = gram, count, chars
    if top is None:
        return 0
    return _covered_chars(lengths, [i for i, gram in enumerate(grams) if gram == top], n)


def _duplicate_ngram_chars(words: list[str], lengths: list[int], n: int) -> int:
    """Characters of the words covered by duplicate occurrences of n-grams."""
    seen: set[tuple[str, ...]] = set()
    starts = []
    for index, gram in enumerate(_ngrams(words, n)):
        if gram in seen:
            starts.append(index)
        else:
            seen.add(gram)
    return _covered_chars(lengths, starts, n)


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
    lengths = [len(word) for word in words]
    total = sum(lengths)
    line_frac, line_char_frac = _duplicate_fractions(lines)
    para_frac, para_char_frac = _duplicate_fractions(paragraphs)
    top = {n: (_top_ngram_chars(words, lengths, n) / total if total else 0.0) for n in top_ngrams}
    dup = {n: (_duplicate_ngram_chars(words, lengths, n) / total if total else 0.0) for n in dup_ngrams}
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
    checks += [(f"top_{n}_gram", stats.top_ngram_char_frac[n], bound) for n, bound in limits.top_ngram_char_frac]
    checks += [(f"dup_{n}_gram", stats.dup_ngram_char_frac[n], bound) for n, bound in limits.dup_ngram_char_frac]
    for reason, value, bound in checks:
        if bound is not None and value > bound:
            return True, reason
    return False, None
