"""Seed 003 (Common Dreams): body captured three times, a repeated tagline, a glued pull quote.

Checked both on the raw text through ``remove_repeats`` and through the whole
``clean`` pipeline (whose normalise and boilerplate stages may rewrite quotes,
escapes and chrome), so expectations compare folded keys, not raw strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe_news import clean, clean_and_explain, find_repeats, remove_repeats
from dedupe_news.repeat_keys import fold_key

SEED = Path(__file__).resolve().parents[2] / "seeds" / "003_bd489fff77bd9b7a.txt"
RAW = SEED.read_text(encoding="utf-8")
LINES = RAW.split("\n")
# Body of the first copy: lines 8-20 of the file (1-based), in order.
BODY = LINES[7:20]
PULL_QUOTE = "being implicated in the deeply immoral way the trump administration"
READY = "we are ready and willing to support the vital homeland security investigations mission"


def body_keys() -> list[str]:
    """A distinctive folded prefix of each body paragraph, in order."""
    keys = []
    for line in BODY:
        key = fold_key(line)
        if key.startswith(PULL_QUOTE) and READY in key:
            key = READY  # the paragraph the pull quote was glued to
        keys.append(" ".join(key.split()[:12]))
    return keys


def assert_body_once_in_order(text: str) -> None:
    folded = fold_key(text)
    positions = []
    for key in body_keys():
        assert folded.count(key) == 1, key
        positions.append(folded.index(key))
    assert positions == sorted(positions)
    assert folded.count(PULL_QUOTE) == 1
    assert folded.count(READY) == 1


def test_seed_body_lines_are_what_the_tests_expect() -> None:
    assert len(BODY) == 13
    assert fold_key(BODY[0]).startswith("over the objections of its employees")
    assert READY in fold_key(BODY[2]) and fold_key(BODY[2]).startswith(PULL_QUOTE)
    assert fold_key(RAW).count(PULL_QUOTE) == 6


def test_report_says_the_body_block_occurred_three_times() -> None:
    report = find_repeats(RAW)
    (block,) = report.blocks
    assert block.count == 3
    assert block.lines == 13
    assert block.text.split("\n") == BODY
    assert [RAW[o.start : o.end] for o in block.occurrences] == [block.text] * 3
    (tagline,) = report.groups
    assert tagline.count == 2
    assert tagline.text.startswith("Daily news & progressive opinion")
    (quote,) = report.pull_quotes
    assert quote.position == "front"
    assert fold_key(quote.text).startswith(PULL_QUOTE)
    assert READY not in fold_key(quote.text)
    assert fold_key(RAW[quote.source_start : quote.source_end]).endswith("one worker said")


def test_remove_repeats_on_the_raw_seed() -> None:
    result = remove_repeats(RAW)
    assert_body_once_in_order(result.text)
    assert result.counts() == {"repeats.paragraph": 1, "repeats.pull_quote": 1, "repeats.block": 2}
    assert remove_repeats(result.text).text == result.text
    kept = [c.kept_at for c in result.changes if c.rule == "repeats.block"]
    assert kept == [RAW.index(BODY[0])] * 2


def test_clean_pipeline_on_the_seed() -> None:
    text = clean(RAW)
    assert_body_once_in_order(text)
    assert "\n\n\n" not in text
    explained = clean_and_explain(RAW)
    assert explained.text == text
    rules = {change.rule for change in explained.by_stage("repeats")}
    assert "repeats.block" in rules
    assert "repeats.pull_quote" in rules


@pytest.mark.parametrize("copies", [2, 3])
def test_seed_body_repeated_with_blank_lines_between_paragraphs(copies: int) -> None:
    body = "\n\n".join(BODY)
    text = "\n\n".join([body, "Please donate."] + [body] * (copies - 1))
    report = find_repeats(text)
    assert [block.count for block in report.blocks] == [copies]
    assert_body_once_in_order(remove_repeats(text).text)
