"""Explanations of the normalisation stage: rules, offsets, fast path, config."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedupe_news import ConfigError, NormalizeConfig, normalize, normalize_and_explain

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_changes_point_into_the_original_text() -> None:
    text = "Caf\u00c3\u00a9\u00a0\u00a0&amp; bar \r\n\r\n\r\n" + r"\u201cHi?\n\nYes.\u201d" + "  \n"
    explained = normalize_and_explain(text)
    assert explained.text == "Café & bar\n\n“Hi?\n\nYes.”\n"
    assert explained.changes
    for change in explained.changes:
        assert change.stage == "normalize"
        assert 0 <= change.start <= change.end <= len(text)
        assert change.before == text[change.start : change.end]
        assert change.reason
    first_escape = next(c for c in explained.changes if c.rule == "escape.unicode")
    assert first_escape.before == r"\u201c"
    assert first_escape.after == "“"


def test_counts_per_rule() -> None:
    explained = normalize_and_explain("a\u00a0b\u00a0c  d\u200be")
    assert explained.counts() == {
        "whitespace.zero_width": 1,
        "whitespace.nbsp": 2,
        "whitespace.collapse": 1,
    }


def test_explain_false_builds_no_changes_and_same_text() -> None:
    text = "â€œQuoteâ€\x9d &amp; more\t\ttext  \n\n\n\nend"
    fast = normalize_and_explain(text, explain=False)
    slow = normalize_and_explain(text)
    assert fast.changes == ()
    assert fast.text == slow.text == normalize(text)
    assert slow.changes


def test_clean_text_is_returned_unchanged_without_changes() -> None:
    text = "“Clean,” she said — twice… 中文，好。\n\nSecond paragraph.\n"
    assert normalize(text) is text or normalize(text) == text
    assert normalize_and_explain(text).changes == ()


def test_html_entity_change_covers_the_whole_entity() -> None:
    explained = normalize_and_explain("Tom &amp; Jerry &#8217;s")
    entities = [c for c in explained.changes if c.rule == "html_entity"]
    assert [(c.before, c.after) for c in entities] == [("&amp;", "&"), ("&#8217;", "’")]


def test_seed_003_tweet_gets_curly_quotes_and_a_paragraph_break() -> None:
    text = (SEEDS / "003_bd489fff77bd9b7a.txt").read_text(encoding="utf-8")
    assert "\\u201c" in text
    out = normalize(text)
    assert "\\u201c" not in out and "\\n" not in out
    assert "“ICE acts with impunity" in out
    assert "technology to?\n\nCongress should take immediate action" in out
    assert "this technology.”— ACLU (@ACLU)" in out
    explained = normalize_and_explain(text)
    assert explained.counts()["escape.unicode"] == 6  # three tweets, two quotes each
    assert explained.counts()["escape.newline"] == 6


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_seeds_normalise_idempotently_and_keep_their_words(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out = normalize(text)
    assert normalize(out) == out
    assert "\r" not in out and "\n\n\n" not in out and " \n" not in out
    assert out.split() == normalize(" ".join(text.split())).split() or len(out) <= len(text)


def test_seed_nbsp_and_double_spaces_are_tidied() -> None:
    text = (SEEDS / "000_ecb92d27ef854b65.txt").read_text(encoding="utf-8")
    explained = normalize_and_explain(text)
    assert explained.counts().get("whitespace.nbsp") == text.count("\u00a0")
    assert "\u00a0" not in explained.text and "  " not in explained.text


def test_config_switches_a_fix_off() -> None:
    text = "caf\u00c3\u00a9\u00a0x"
    assert normalize(text, NormalizeConfig(fix_mojibake=False)) == "caf\u00c3\u00a9 x"
    assert normalize(text, NormalizeConfig(normalize_spaces=False)) == "café\u00a0x"
    escaped = r"\u201cHi\u201d"
    assert normalize(escaped, NormalizeConfig(decode_escapes=False)) == escaped


def test_config_rejects_non_boolean_values() -> None:
    with pytest.raises(ConfigError, match="NormalizeConfig.nfc must be True or False, got 'yes'"):
        NormalizeConfig(nfc="yes")  # type: ignore[arg-type]


def test_non_string_input_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="expects str"):
        normalize(b"bytes")  # type: ignore[arg-type]


def test_indentation_is_kept_when_strip_indent_is_off() -> None:
    markdown = "Example:\n\n    x = 1\n    y  =  2\n\n- item\n  - nested  item\n"
    keep = NormalizeConfig(strip_indent=False)
    assert normalize(markdown, keep) == "Example:\n\n    x = 1\n    y = 2\n\n- item\n  - nested item\n"
    assert normalize(markdown) == "Example:\n\nx = 1\ny = 2\n\n- item\n- nested item\n"
