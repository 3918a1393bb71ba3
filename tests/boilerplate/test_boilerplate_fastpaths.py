"""The boilerplate stage's shortcuts give the same answers as the full work.

The fast path of ``strip_boilerplate(explain=False)`` must return the text
of ``explain=True``; the cheap pre-tests in front of the span rules and the
section headers must never skip a line the full test would accept.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import label_lines, strip_boilerplate
from dedupe_news.boilerplate.features import body_span, classify
from dedupe_news.boilerplate.rules import EDGE_CHARS, SECTION_STARTS, SPAN_RULES

BODY = (
    "The city council voted on Tuesday to expand the bus network, adding four routes that will "
    "serve neighbourhoods on the east side of the river for the first time in a decade."
)

_PIECES = [
    "",
    "   ",
    "Home",
    "News",
    "Share This Article",
    "Privacy Policy",
    "Bus routes expand",
    "Leave a Reply",
    "Related Articles",
    "12 Comments",
    "0 Comment(s)Print E-mail Xinhua, July 16, 2019",
    "article imageAmazon workers protest in Berlin",
    "Officials said it would start in March. Enditem",
    "Short sentence in the body.",
    BODY,
    BODY,
    BODY,
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_fast_path_text_equals_explained_text(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    assert strip_boilerplate(text, explain=False).text == strip_boilerplate(text).text


def test_fast_path_collapses_blank_runs_and_trims_ends() -> None:
    text = f"\n\nHome\n\n\n{BODY}\n\n\n\n{BODY}\n\nPrivacy Policy\n\n"
    fast = strip_boilerplate(text, explain=False).text
    assert fast == f"{BODY}\n\n{BODY}"
    assert fast == strip_boilerplate(text).text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Print", "E-mail", "Email", "Share", "Tweet", "Bookmark", "Comments", "Save",
                         "Font size", "3 Comments", "0 Comment(s)", "|", " ", "·", "Xinhua", "July 16",
                         "Print this", "mail", "2019", "Reuters"]),
        min_size=1,
        max_size=8,
    )
)
def test_span_rule_matches_hold_a_needed_string(parts: list[str]) -> None:
    line = "".join(parts)
    for rule in SPAN_RULES:
        match = rule.pattern.search(line)
        if rule.needs and match:
            assert any(need in line for need in rule.needs)


def test_section_headers_after_bullets_and_in_any_case_are_found() -> None:
    prose = " ".join([BODY] * 1)
    for header in ("Related Articles", "RELATED ARTICLES", "• Related Articles", "Leave a Reply", "12 Comments"):
        text = "\n".join([prose] * 6 + [header, "Some other story headline", "Another headline here"])
        rules = {label.text: label.rule for label in label_lines(text)}
        assert rules[header] is not None and rules[header].endswith(".section"), header
    assert all(word[0].isalpha() for word in SECTION_STARTS)
    assert "•" in EDGE_CHARS


def _body_span_reference(lines: list[str], classes: list[int], words: list[int], penalty: float):
    """The plain maximum-sum run over every line (the definition body_span implements)."""
    best, best_span, run, start = 0.0, None, 0.0, 0
    for i, cls in enumerate(classes):
        if cls == -1:
            continue
        if cls == 2:
            if run <= 0:
                run, start = 0.0, i
            run += min(words[i], 80)
            if run > best:
                best, best_span = run, (start, i)
        elif cls == 0:
            run -= penalty
        else:
            n = words[i]
            if n >= 3 and lines[i][-1] in '.!?…"”’\')»:;]':
                run -= penalty * 0.25
            elif n <= 2 or lines[i].istitle() or lines[i].isupper():
                run -= penalty * 2.0
            else:
                run -= penalty
    return best_span


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["Subscribe to our newsletter"]), max_size=40), st.sampled_from([3.0, 2.7, 0.5]))
def test_body_span_equals_the_full_scan(pieces: list[str], penalty: float) -> None:
    claimed = [None] * len(pieces)
    classes, words = classify(pieces, claimed, 10)
    assert body_span(pieces, classes, words, penalty) == _body_span_reference(pieces, classes, words, penalty)
