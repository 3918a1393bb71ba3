"""Table-driven repair cases: text that must be repaired, and text that must not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe_news import Explained, remove_repeats

DATA = Path(__file__).resolve().parents[1] / "data"
CASES = json.loads((DATA / "repeats_cases.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((DATA / "repeats_negative.json").read_text(encoding="utf-8"))


def replay(text: str, result: Explained) -> str:
    """Apply the removals of ``result`` to ``text``: must give ``result.text``."""
    pieces, position = [], 0
    for change in sorted(result.changes, key=lambda change: change.start):
        assert change.start >= position, "changes overlap"
        assert text[change.start : change.end] == change.before
        pieces.append(text[position : change.start] + change.after)
        position = change.end
    return "".join(pieces) + text[position:]


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_repair(case: dict) -> None:
    result = remove_repeats(case["original"])
    assert result.text == case["fixed"]
    assert result.counts() == case["rules"]


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_changes_replay_to_the_output_and_name_the_kept_copy(case: dict) -> None:
    original = case["original"]
    result = remove_repeats(original)
    assert replay(original, result) == result.text
    for change in result.changes:
        assert change.stage == "repeats"
        assert change.removed
        assert change.kept_at is not None
        assert change.reason
        kept = change.kept_at
        assert not (change.start <= kept < change.end), "the kept copy is never removed"


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_repair_is_idempotent_and_fast_path_agrees(case: dict) -> None:
    result = remove_repeats(case["original"])
    again = remove_repeats(result.text)
    assert again.text == result.text
    assert again.changes == ()
    fast = remove_repeats(case["original"], explain=False)
    assert fast.text == result.text
    assert fast.changes == ()


@pytest.mark.parametrize("case", CASES, ids=[case["label"] for case in CASES])
def test_output_has_no_run_of_blank_lines(case: dict) -> None:
    text = remove_repeats(case["original"]).text
    assert "\n\n\n" not in text
    assert not text.startswith("\n")


@pytest.mark.parametrize("case", NEGATIVE, ids=[case["label"] for case in NEGATIVE])
def test_negative_cases_do_not_change(case: dict) -> None:
    result = remove_repeats(case["original"])
    assert result.text == case["original"]
    assert result.changes == ()
