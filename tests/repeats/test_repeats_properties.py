"""Properties of the repair on random compositions of paragraphs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import RepeatsConfig, find_repeats, remove_repeats
from dedupe_news.repeat_keys import fold_key

POOL = [
    "The city council voted on Tuesday to approve a new budget that raises spending on schools and public transport.",
    "Opponents said the plan would force property taxes higher within two years and called for a public referendum.",
    "The mayor, who proposed the budget in March, said she expected the first projects to begin before the end of summer.",
    "Construction unions welcomed the vote, saying the transport projects alone would create about 1,200 jobs next year.",
    "Residents of the northern districts, where bus service was cut last winter, packed the public gallery during the debate.",
    "Advertisement",
    "- 2 cups flour",
    "Q:",
    "Rage, rage against the dying of the light.",
    "| Lions | 3 | Won |",
]
QUOTE_POOL = POOL + [
    '"We will not stop until every family has a safe place to live and a fair rent to pay," the organizer said.',
    '"We will not stop until every family has a safe place to live and a fair rent to pay." --Organizer'
    '"The council has ignored us for years," she added at the rally on Friday.',
    "Tenants marched to city hall on Friday.\u201cWe will not stop until every family has a safe place"
    " to live and a fair rent to pay.\u201d",
]
paragraph = st.sampled_from(POOL)
separator = st.sampled_from(["\n", "\n\n"])
document = st.lists(st.tuples(paragraph, separator), min_size=0, max_size=30).map(
    lambda items: "".join(text + sep for text, sep in items)
)


def line_keys(text: str) -> set[str]:
    return {fold_key(line) for line in text.split("\n") if line.strip()}


@settings(max_examples=150, deadline=None)
@given(document)
def test_repair_is_idempotent_and_replayable(text: str) -> None:
    result = remove_repeats(text)
    assert remove_repeats(result.text).text == result.text
    pieces, position = [], 0
    for change in result.changes:
        assert change.start >= position
        assert text[change.start : change.end] == change.before
        pieces.append(text[position : change.start])
        position = change.end
    assert "".join(pieces) + text[position:] == result.text


@settings(max_examples=150, deadline=None)
@given(document)
def test_repair_never_loses_a_distinct_line_nor_adds_blank_runs(text: str) -> None:
    result = remove_repeats(text)
    assert line_keys(result.text) == line_keys(text)
    if "\n\n\n" not in text:
        assert "\n\n\n" not in result.text
    if not text.startswith("\n"):
        assert not result.text.startswith("\n")


@settings(max_examples=100, deadline=None)
@given(document)
def test_every_long_line_occurs_once_after_repair(text: str) -> None:
    assert not find_repeats(remove_repeats(text).text).has_repeats
    result = remove_repeats(text, RepeatsConfig(keep_list_templates=False))
    lines = [fold_key(line) for line in result.text.split("\n") if line.strip()]
    long_lines = [key for key in lines if len(key) >= 60]
    assert len(long_lines) == len(set(long_lines))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(QUOTE_POOL), separator), max_size=20).map(
        lambda items: "".join(text + sep for text, sep in items)
    )
)
def test_repair_with_pull_quotes_is_idempotent(text: str) -> None:
    result = remove_repeats(text)
    assert remove_repeats(result.text).text == result.text
    assert not find_repeats(result.text).has_repeats
