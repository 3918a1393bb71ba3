"""Rule families as data: positive cases (widget removed) and negative cases (unchanged).

Two pairs of files: the widgets of the seeds' kinds (``boilerplate_cases``)
and widgets common across news and blog sites — consent forms, page-code
residue, disclaimers (``boilerplate_web_cases``). Their negative cases are
reporting that uses the same words ("by using the app, drivers agree", "for
informational purposes only", "registered trademarks of").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe_news.boilerplate import strip_boilerplate

DATA = Path(__file__).resolve().parents[1] / "data"


def _cases(*names: str) -> list[dict]:
    return [case for name in names for case in json.loads((DATA / name).read_text(encoding="utf-8"))]


POSITIVE = _cases("boilerplate_cases.json", "boilerplate_web_cases.json")
NEGATIVE = _cases("boilerplate_negative.json", "boilerplate_web_negative.json")


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_widget_is_removed_and_article_kept(case: dict) -> None:
    result = strip_boilerplate(case["text"])
    for gone in case["removed"]:
        assert gone not in result.text, f"{gone!r} should have been removed"
    for kept in case["kept"]:
        assert kept in result.text, f"{kept!r} should have been kept"
    assert case["rule"] in {change.rule for change in result.changes}


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_article_prose_that_looks_like_a_widget_is_unchanged(case: dict) -> None:
    result = strip_boilerplate(case["text"])
    assert result.text == case["text"]
    assert result.changes == ()


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_change_offsets_point_into_the_input(case: dict) -> None:
    text = case["text"]
    for change in strip_boilerplate(text).changes:
        assert change.stage == "boilerplate"
        assert change.rule.startswith("boilerplate.")
        assert change.reason.endswith(".")
        assert text[change.start : change.end] == change.before
        assert change.after == ""
