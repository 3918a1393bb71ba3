"""Gopher repetition statistics on hand-computable texts, and the default thresholds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import ConfigError, GopherThresholds, is_repetitive, remove_repeats, repetition_stats

SEED_003 = Path(__file__).resolve().parents[2] / "seeds" / "003_bd489fff77bd9b7a.txt"
ONLY_LINES = dict(
    dup_para_frac=None, dup_para_char_frac=None, dup_line_char_frac=None,
    top_ngram_char_frac=(), dup_ngram_char_frac=(),
)


def test_duplicate_lines_by_count_and_characters() -> None:
    stats = repetition_stats("one two\nthree\none two\n\nfour five six\n")
    assert stats.lines == 4
    assert stats.dup_line_frac == pytest.approx(1 / 4)
    assert stats.dup_line_char_frac == pytest.approx(7 / 32)  # 7+5+7+13 characters
    assert stats.paragraphs == 2
    assert stats.dup_para_frac == 0.0
    assert stats.dup_para_char_frac == 0.0


def test_duplicate_paragraphs_by_count_and_characters() -> None:
    stats = repetition_stats("alpha beta\n\ngamma\n\nalpha beta")
    assert stats.paragraphs == 3
    assert stats.dup_para_frac == pytest.approx(1 / 3)
    assert stats.dup_para_char_frac == pytest.approx(10 / 25)


def test_top_ngram_character_fraction() -> None:
    stats = repetition_stats("one two\nthree\none two\n\nfour five six\n")
    # words: one two three one two four five six = 28 characters;
    # "one two" occurs twice and covers 3+3+3+3 characters; no 3-gram repeats.
    assert stats.words == 8
    assert stats.top_ngram_char_frac == pytest.approx({2: 12 / 28, 3: 0.0, 4: 0.0})


def test_top_ngram_counts_overlapping_words_once() -> None:
    stats = repetition_stats("x y x y x y", top_ngrams=(2,), dup_ngrams=(2,))
    assert stats.top_ngram_char_frac == {2: 1.0}
    # duplicates of "x y"/"y x" start at words 2, 3, 4 and cover words 2..5
    assert stats.dup_ngram_char_frac[2] == pytest.approx(4 / 6)


def test_duplicate_ngram_character_fraction() -> None:
    stats = repetition_stats("a b c d e a b c d e f")
    assert stats.dup_ngram_char_frac[5] == pytest.approx(5 / 11)
    assert stats.dup_ngram_char_frac[6] == 0.0
    assert set(stats.dup_ngram_char_frac) == {5, 6, 7, 8, 9, 10}


def test_empty_text_has_zero_statistics() -> None:
    stats = repetition_stats("")
    assert (stats.lines, stats.paragraphs, stats.words) == (0, 0, 0)
    assert stats.dup_line_frac == stats.dup_para_char_frac == 0.0
    assert is_repetitive("") == (False, None)


def test_default_thresholds_are_gophers_published_ones() -> None:
    limits = GopherThresholds()
    assert (limits.dup_line_frac, limits.dup_para_frac) == (0.30, 0.30)
    assert (limits.dup_line_char_frac, limits.dup_para_char_frac) == (0.20, 0.20)
    assert limits.top_ngram_char_frac == ((2, 0.20), (3, 0.18), (4, 0.16))
    assert limits.dup_ngram_char_frac == (
        (5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10),
    )


def test_threshold_is_exceeded_only_strictly() -> None:
    text = "\n".join(["l1", "l2", "l3", "l4", "l5", "l6", "l7", "l1", "l2", "l3"])  # 3 of 10
    assert repetition_stats(text).dup_line_frac == pytest.approx(0.3)
    assert is_repetitive(text, GopherThresholds(dup_line_frac=0.30, **ONLY_LINES)) == (False, None)
    assert is_repetitive(text, GopherThresholds(dup_line_frac=0.29, **ONLY_LINES)) == (True, "dup_line_frac")


def test_checks_run_in_gophers_order_and_name_the_first_exceeded() -> None:
    assert is_repetitive("alpha beta\n\nalpha beta\n\ngamma") == (True, "dup_para_frac")
    assert is_repetitive("spam spam spam spam spam spam") == (True, "top_2_gram")
    off = GopherThresholds(top_ngram_char_frac=())
    words = " ".join(f"w{i}" for i in range(40))
    assert is_repetitive(words + " " + " ".join(f"w{i}" for i in range(10)), off) == (True, "dup_5_gram")


def test_seed_003_is_repetitive_until_repaired() -> None:
    raw = SEED_003.read_text(encoding="utf-8")
    assert is_repetitive(raw) == (True, "dup_line_frac")
    repaired = remove_repeats(raw).text
    assert is_repetitive(repaired) == (False, None)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"dup_line_frac": 1.5},
        {"dup_para_char_frac": -0.1},
        {"top_ngram_char_frac": ((0, 0.2),)},
        {"dup_ngram_char_frac": ((5, 2.0),)},
        {"dup_ngram_char_frac": (5, 0.15)},
    ],
)
def test_bad_thresholds_raise_config_error(kwargs: dict) -> None:
    with pytest.raises(ConfigError, match="GopherThresholds"):
        GopherThresholds(**kwargs)


def _reference_fractions(words: list[str], n: int) -> tuple[float, float]:
    """Plain-Python top and duplicate n-gram fractions, straight from the definitions."""
    total = sum(len(word) for word in words)
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    if not total or not grams:
        return 0.0, 0.0

    def covered(starts: list[int]) -> float:
        marked = {i for start in starts for i in range(start, start + n)}
        return sum(len(words[i]) for i in marked) / total

    counts: dict[tuple[str, ...], int] = {}
    for gram in grams:
        counts[gram] = counts.get(gram, 0) + 1
    best = max(counts.values())
    top = 0.0
    if best >= 2:
        chosen = max(
            (gram for gram in counts if counts[gram] == best),
            key=lambda gram: (sum(map(len, gram)), -grams.index(gram)),
        )
        top = covered([i for i, gram in enumerate(grams) if gram == chosen])
    seen: set[tuple[str, ...]] = set()
    duplicates = []
    for i, gram in enumerate(grams):
        if gram in seen:
            duplicates.append(i)
        seen.add(gram)
    return top, covered(duplicates)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "ccc", "a", "dddd"]), max_size=40), st.integers(2, 6))
def test_ngram_fractions_match_the_plain_definitions(words: list[str], n: int) -> None:
    stats = repetition_stats(" ".join(words), top_ngrams=(n,), dup_ngrams=(n,))
    top, duplicate = _reference_fractions(words, n)
    assert stats.top_ngram_char_frac[n] == pytest.approx(top)
    assert stats.dup_ngram_char_frac[n] == pytest.approx(duplicate)
