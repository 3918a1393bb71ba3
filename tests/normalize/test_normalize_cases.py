"""Table-driven normalisation tests: every fix, and text that must not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dedupe_news import normalize, normalize_and_explain

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(name: str) -> list[dict[str, object]]:
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


CASES = _load("normalize_cases.json")
NEGATIVE = _load("normalize_negative.json")


@pytest.mark.parametrize("case", CASES, ids=[str(c["label"]) for c in CASES])
def test_case_is_repaired(case: dict[str, object]) -> None:
    original, expected = str(case["original"]), str(case["expected"])
    assert normalize(original) == expected
    explained = normalize_and_explain(original)
    assert explained.text == expected
    missing = set(case.get("rules", [])) - set(explained.counts())  # type: ignore[arg-type]
    assert not missing, f"rules not reported: {missing}; got {explained.counts()}"
    assert normalize(expected) == expected


@pytest.mark.parametrize("case", NEGATIVE, ids=[str(c["label"]) for c in NEGATIVE])
def test_negative_case_is_unchanged(case: dict[str, object]) -> None:
    original = str(case["original"])
    assert normalize(original) == original
    assert normalize_and_explain(original).changes == ()


def test_case_files_cover_every_rule() -> None:
    rules = {rule for case in CASES for rule in case.get("rules", [])}  # type: ignore[union-attr]
    assert rules >= {
        "escape.unicode",
        "escape.newline",
        "escape.tab",
        "escape.quote",
        "escape.slash",
        "mojibake",
        "html_entity",
        "unicode.ligature",
        "unicode.surrogate",
        "unicode.nfc",
        "whitespace.nbsp",
        "whitespace.zero_width",
        "whitespace.soft_hyphen",
        "whitespace.bom",
        "whitespace.control",
        "whitespace.tab",
        "whitespace.collapse",
        "whitespace.trailing",
        "whitespace.blank_lines",
        "newline.crlf",
        "newline.separator",
    }
