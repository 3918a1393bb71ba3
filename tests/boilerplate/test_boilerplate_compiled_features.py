"""The compiled classifier loops give the Python loops' classes and body spans.

``features.classify`` and ``features.body_span`` run their per-line loops in
``dedupe_news._textscan`` when it is built; the Python loops stay as the
fallback and the reference. Float sums must agree to the bit, since the body
span is the first maximum.
"""

from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news.boilerplate import features

BUILT = features._textscan is not None
pytestmark = pytest.mark.skipif(not BUILT, reason="dedupe_news._textscan is not built (no C compiler at install)")


def both(lines: list[str], claimed: list[str | None], penalty: float, monkeypatch: pytest.MonkeyPatch) -> tuple:
    """classify and body_span compiled, after checking the Python loops give the same."""
    classes, words = features.classify(lines, claimed, 10)
    span = features.body_span(lines, classes, words, penalty)
    with monkeypatch.context() as patch:
        patch.setattr(features, "_textscan", None)
        assert features.classify(lines, claimed, 10) == (classes, words)
        assert features.body_span(lines, classes, words, penalty) == span
    return classes, span


def test_compiled_loops_equal_the_python_loops_on_real_pages(
    real_texts: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    spans = 0
    for k, text in enumerate(real_texts):
        lines = text.split("\n")
        claimed = [("boilerplate.x" if (i * 7 + k) % 11 == 0 else None) for i in range(len(lines))]
        for penalty in (3.0, 0.7, 11.0):
            _, span = both(lines, claimed, penalty, monkeypatch)
            spans += span is not None
        both(lines, [None] * len(lines), 3.0, monkeypatch)
    assert spans > 100  # most pages have an article body


LINE = st.one_of(
    st.sampled_from(["", "   ", "Home", "NEWS", "Latest Headlines", "Food & Nutrition", "He said so.", "x" * 45]),
    st.lists(st.sampled_from(["the", "Market", "of", "US", "and", "fell", "—", "\u00e9t\u00e9", "3"]), min_size=1, max_size=40).map(" ".join),
    st.tuples(st.lists(st.sampled_from(["word", "The", "and", "it", "said"]), min_size=3, max_size=30), st.sampled_from([".", ",", "", ":", "”", "!"])).map(lambda t: " ".join(t[0]) + t[1]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(LINE, st.booleans()), max_size=30), st.sampled_from([3.0, 0.5, 2.25]))
def test_compiled_loops_equal_the_python_loops_on_generated_pages(pieces: list[tuple[str, bool]], penalty: float) -> None:
    lines = [line for line, _ in pieces]
    claimed = ["boilerplate.x" if bad else None for _, bad in pieces]
    with pytest.MonkeyPatch.context() as monkeypatch:
        both(lines, claimed, penalty, monkeypatch)


def test_compiled_loops_check_their_arguments() -> None:
    with pytest.raises(ValueError, match="same length"):
        features._textscan.classify_lines(["a"], [], [None], 10, ".", 40, 20, features._is_prose)
    with pytest.raises(TypeError):
        features._textscan.classify_lines([1], [1], [None], 10, ".", 40, 20, features._is_prose)
    with pytest.raises(ValueError, match="same length"):
        features._textscan.body_span(["a"], [2, 2], [1], 3.0, ".", 0.25, 2.0, 80)
    with pytest.raises(ZeroDivisionError):  # an error in the prose test reaches the caller
        features._textscan.classify_lines(["no end " * 30], [61], [None], 10, ".", 40, 20, lambda line, n: 1 / 0)
