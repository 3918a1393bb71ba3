"""Public API of the boilerplate stage: labels, explanations, config, templates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dedupe_news
from dedupe_news import BoilerplateConfig, LineLabel, TemplateModel, label_lines, strip_boilerplate
from dedupe_news.errors import ConfigError, InputError

BODY = (
    "The city council voted on Tuesday to expand the bus network, adding four routes that will "
    "serve neighbourhoods on the east side of the river for the first time in a decade.\n\n"
    "Officials said the new routes would start running in March and that fares would stay the "
    "same, although the council will review the budget again in the autumn."
)
PAGE = f"Home\nNews\nSport\n\nBus routes expand\n\n{BODY}\n\nShare This Article\n\nPrivacy Policy\n\n\n"


def test_label_lines_labels_every_line_and_deletes_nothing() -> None:
    labels = label_lines(PAGE)
    assert [label.text for label in labels] == PAGE.split("\n")
    assert all(isinstance(label, LineLabel) for label in labels)
    by_text = {label.text: label for label in labels}
    assert by_text["Share This Article"].rule == "boilerplate.share"
    assert by_text["Share This Article"].is_boilerplate
    assert by_text["Privacy Policy"].rule == "boilerplate.legal"
    assert by_text["Bus routes expand"].label == "content"
    assert by_text["Bus routes expand"].rule is None
    for label in labels:
        assert PAGE[label.start : label.end] == label.text
        assert (label.reason is None) == (label.rule is None)


def test_strip_removes_exactly_the_labelled_lines() -> None:
    result = strip_boilerplate(PAGE)
    removed = {label.text for label in label_lines(PAGE) if label.is_boilerplate}
    assert {change.before for change in result.changes} == removed
    assert result.text == f"Bus routes expand\n\n{BODY}"


def test_explain_false_gives_the_same_text_without_changes() -> None:
    fast = strip_boilerplate(PAGE, explain=False)
    assert fast.text == strip_boilerplate(PAGE).text
    assert fast.changes == ()


def test_output_has_no_blank_runs_or_edge_blank_lines() -> None:
    text = f"Advertisement\n\n{BODY}\n\nAdvertisement\n\nIt was not enough.\n\nAdvertisement\n\n"
    out = strip_boilerplate(text).text
    assert "\n\n\n" not in out
    assert not out.startswith("\n") and not out.endswith("\n")
    assert "It was not enough." in out


def test_families_can_be_switched_off() -> None:
    text = f"{BODY}\n\nShare This Article"
    config = BoilerplateConfig(families=("newsletter",), structural=False)
    assert strip_boilerplate(text, config).text == text


def test_structure_can_be_switched_off() -> None:
    text = f"Politics\nScience\nHealth\n\n{BODY}"
    assert strip_boilerplate(text, BoilerplateConfig(structural=False)).text == text
    assert strip_boilerplate(text).text == BODY


@pytest.mark.parametrize(
    "kwargs",
    [
        {"families": ("nope",)},
        {"families": "share"},
        {"prose_min_words": 1},
        {"short_penalty": 0},
        {"headline_lines": -1},
    ],
)
def test_bad_config_raises_a_helpful_config_error(kwargs: dict) -> None:
    with pytest.raises(ConfigError):
        BoilerplateConfig(**kwargs)


CORPUS = [
    (
        "example.com",
        f"Example Daily — your town, your news\n\nStory number {i} starts here with its own words "
        f"about topic {i * 7} and nothing else.\n\nExample Daily is published by Example Media.",
    )
    for i in range(5)
] + [("other.org", f"Other header\n\n{BODY}")]


def test_template_model_fit_save_load_round_trip(tmp_path: Path) -> None:
    model = TemplateModel.fit(CORPUS, min_docs=3)
    assert "Example Daily is published by Example Media." in model.for_source("example.com")
    assert model.for_source("other.org") == frozenset()  # one document: nothing learned
    assert model.for_source(None) == frozenset()
    path = tmp_path / "templates.json"
    model.save(path)
    loaded = TemplateModel.load(path)
    assert loaded == model
    again = tmp_path / "again.json"
    TemplateModel.fit(list(CORPUS), min_docs=3).save(again)
    assert again.read_bytes() == path.read_bytes()  # deterministic


def test_template_lines_are_removed_for_their_source_only() -> None:
    model = TemplateModel.fit(CORPUS, min_docs=3)
    text = f"{BODY}\n\nExample Daily is published by Example Media."
    result = strip_boilerplate(text, templates=model, source="example.com")
    assert result.text == BODY
    assert [change.rule for change in result.changes] == ["boilerplate.template"]
    assert strip_boilerplate(text, templates=model, source="other.org").text == text
    assert dedupe_news.clean(text, templates=model, source="example.com") == BODY


def test_template_model_rejects_bad_settings_and_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        TemplateModel.fit(CORPUS, min_docs=1)
    with pytest.raises(ConfigError):
        TemplateModel.fit(CORPUS, min_fraction=0)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError):
        TemplateModel.load(broken)
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ConfigError):
        TemplateModel.load(wrong)
    with pytest.raises(InputError):
        TemplateModel.load(tmp_path / "missing.json")


LINES = st.sampled_from(
    [
        "",
        "Home",
        "Share This Article",
        "READ MORE: Council approves cycle lanes",
        "It was not enough.",
        "What happens next",
        "#FFFFFF",
        "5",
        "Subscribe",
        "article imageBus routes expand",
        "3 Comment(s)Print E-mail Example News, May 2, 2023",
        "Officials said the new routes would start running in March, and fares stay the same.",
        BODY.split("\n")[0],
        BODY.split("\n")[0] + " Enditem",
        "Privacy Policy | Terms of Use",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=14))
def test_stripping_is_idempotent_and_tidy(lines: list[str]) -> None:
    text = "\n".join(lines)
    once = strip_boilerplate(text).text
    assert strip_boilerplate(once).text == once
    assert strip_boilerplate(text, explain=False).text == once
    assert "\n\n\n" not in once
    assert once == once.strip("\n")
