"""Widgets common across news and blog sites (consent forms, page-code residue, disclaimers).

Positive cases: the widget line is removed by the named rule and the article
around it stays. Negative cases: reporting that uses the same words
("by using the app, drivers agree", "for informational purposes only", "JavaScript",
"registered trademarks of") comes out unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe_news.boilerplate import strip_boilerplate

DATA = Path(__file__).resolve().parents[1] / "data"
POSITIVE = json.loads((DATA / "boilerplate_web_cases.json").read_text(encoding="utf-8"))
NEGATIVE = json.loads((DATA / "boilerplate_web_negative.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", POSITIVE, ids=[c["label"] for c in POSITIVE])
def test_web_widget_is_removed_and_article_kept(case: dict) -> None:
    result = strip_boilerplate(case["text"])
    for gone in case["removed"]:
        assert gone not in result.text, f"{gone!r} should have been removed"
    for kept in case["kept"]:
        assert kept in result.text, f"{kept!r} should have been kept"
    assert case["rule"] in {change.rule for change in result.changes}


@pytest.mark.parametrize("case", NEGATIVE, ids=[c["label"] for c in NEGATIVE])
def test_reporting_that_uses_widget_words_is_unchanged(case: dict) -> None:
    result = strip_boilerplate(case["text"])
    assert result.text == case["text"]
    assert result.changes == ()
