"""The fast screen of the repeats stage: bulk folding and cheap necessary conditions.

The screen may only skip the full search when that search would find
nothing, so these tests compare it with the full search (``_Analysis``) on
hand-made and random documents, and check the bulk folding against
:func:`~dedupe_news.repeat_keys.fold_key` on awkward characters.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import RepeatsConfig
from dedupe_news.near_exact import may_have_near_pairs, near_exact_similarity
from dedupe_news.pullquotes import may_have_pull_quotes
from dedupe_news.repeat_keys import PLAIN_PUNCTUATION, FoldedLines, fold_key
from dedupe_news.repeats import RepeatReport, _Analysis, _may_repeat

DATA = Path(__file__).resolve().parents[1] / "data"

PARAGRAPHS = [
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and public transport.",
    "Opponents said the plan would force property taxes higher within two years and called for a public referendum.",
    "The mayor, who proposed the budget in March, said she expected the first projects to begin before the end of summer.",
    "Residents of the northern districts, where bus service was cut last winter, packed the public gallery during the debate.",
    "Le conseil municipal a approuv\u00e9 mardi un nouveau budget qui augmente les d\u00e9penses pour les \u00e9coles et les transports.",
    "Le conseil municipal a approuv\u00c3\u00a9 mardi un nouveau budget qui augmente les d\u00e9penses pour les \u00e9coles et les transports.",
    "\u201cWe will not stop until every family has a safe place to live and a fair rent to pay,\u201d the organizer said.",
    "We will not stop until every family has a safe place to live and a fair rent to pay. --Organizer"
    "\u201cThe council has ignored us for years,\u201d she added at the rally on Friday.",
    "The U.S. Senate voted 52-48 on Friday. Lawmakers left for the recess right after the vote was counted.",
    "The city council voted on Tuesday to approve a new budget that raises spending on schools &amp; public transport.",
    "Advertisement",
    "- 2 cups flour",
    "Q:",
]


def full_search(text: str, config: RepeatsConfig) -> RepeatReport:
    """The search without the screen."""
    return _Analysis(text, config, FoldedLines(text)).report()


def assert_screen_is_sound(text: str, config: RepeatsConfig) -> None:
    if not _may_repeat(FoldedLines(text), config):
        assert full_search(text, config) == RepeatReport()


AWKWARD = (
    "Aa\u00e9\u00c9_ \t\x0b\x0c\r\x1c\x85\u00a0\u2019\u201c\u201d\u2014\u2026.!?,;:-&#'\\"
    "\u0130\u212a\u03a3\u00df\u0131\u4e2d\u0661\u00b2\u00bd\ud800x0u2019amp;nbsp;1234"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(AWKWARD), max_size=80))
def test_bulk_folding_matches_fold_key(line: str) -> None:
    text = f"First line, plain.\n{line}\n{line.upper()}\nlast"
    folded = FoldedLines(text)
    assert folded.words == [fold_key(part).split() for part in text.split("\n")]


def test_plain_punctuation_is_never_a_word_character() -> None:
    for char in PLAIN_PUNCTUATION:
        assert not re.match(r"\w", char), repr(char)
        assert fold_key(f"ab{char}cd") == "ab cd"


def test_sentence_heads_include_line_start_and_every_sentence_start() -> None:
    folded = FoldedLines("One two three. Four five six! Seven eight\u2026 Nine ten eleven? U.S. law")
    heads = folded.sentence_heads(0)
    for head in [("one", "two", "three"), ("four", "five", "six"), ("seven", "eight", "nine"),
                 ("nine", "ten", "eleven"), ("u", "s", "law")]:
        assert head in heads
    entity = FoldedLines("Caf\u00e9 &amp; bar open late tonight")
    assert entity.sentence_heads(0) == [("caf\u00e9", "bar", "open"), ("bar", "open", "late"),
                                        ("open", "late", "tonight")]


def test_near_screen_keeps_a_mojibake_copy_and_drops_unrelated_paragraphs() -> None:
    french, mojibake = fold_key(PARAGRAPHS[4]), fold_key(PARAGRAPHS[5])
    assert near_exact_similarity(french, mojibake, similarity=0.9, max_edit_chars=3) is not None
    assert may_have_near_pairs([french, mojibake], similarity=0.9)
    unrelated = [fold_key(paragraph) for paragraph in PARAGRAPHS[:4]]
    assert not may_have_near_pairs(unrelated, similarity=0.9)


def test_pull_quote_screen_finds_a_glued_quote() -> None:
    text = "\n\n".join(PARAGRAPHS[6:8])
    folded = FoldedLines(text)
    assert may_have_pull_quotes(folded.words, folded.sentence_heads)
    assert full_search(text, RepeatsConfig()).pull_quotes


def test_screen_lets_through_every_json_case() -> None:
    cases = json.loads((DATA / "repeats_cases.json").read_text(encoding="utf-8"))
    negatives = json.loads((DATA / "repeats_negative.json").read_text(encoding="utf-8"))
    for case in cases + negatives:
        text = case.get("original") or case.get("text")
        if isinstance(text, str):
            assert_screen_is_sound(text, RepeatsConfig())
            if full_search(text, RepeatsConfig()).has_repeats:
                assert _may_repeat(FoldedLines(text), RepeatsConfig())


CONFIGS = [
    RepeatsConfig(),
    RepeatsConfig(min_chars=20, min_words=3, near_min_chars=30),
    RepeatsConfig(similarity=0.75, max_edit_chars=6),
    RepeatsConfig(pull_quote_min_words=4, max_attribution_words=0),
    RepeatsConfig(near_exact=False, pull_quotes=False),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PARAGRAPHS), st.sampled_from(["\n", "\n\n", " ", ""])),
             max_size=12),
    st.sampled_from(CONFIGS),
)
def test_screen_never_hides_what_the_full_search_finds(items: list[tuple[str, str]],
                                                       config: RepeatsConfig) -> None:
    text = "".join(paragraph + separator for paragraph, separator in items)
    assert_screen_is_sound(text, config)
