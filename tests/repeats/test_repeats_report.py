"""find_repeats: blocks, groups and pull quotes reported with correct spans and counts."""

from __future__ import annotations

import dataclasses

import pytest

from dedupe_news import (
    ConfigError,
    RepeatBlock,
    RepeatGroup,
    RepeatReport,
    RepeatsConfig,
    find_repeats,
    remove_repeats,
)

P1 = "The city council voted on Tuesday to approve a new budget that raises spending on schools and public transport."
P2 = "Opponents said the plan's costs would force property taxes higher within two years and called for a public referendum."
P3 = "The mayor, who proposed the budget in March, said she expected the first projects to begin before the end of summer."
P4 = "Construction unions welcomed the vote, saying the transport projects alone would create about 1,200 jobs next year."
QUOTE = '"We will not stop until every family has a safe place to live and a fair rent to pay."'
SOURCE = '"We will not stop until every family has a safe place to live and a fair rent to pay," the organizer said.'


def test_body_three_times_is_one_block_with_count_three() -> None:
    body = "\n\n".join([P1, P2, P3])
    text = "\n\n".join([body, "Donate today.", body, "Read more.", body])
    report = find_repeats(text)
    assert report.groups == ()
    assert len(report.blocks) == 1
    block = report.blocks[0]
    assert isinstance(block, RepeatBlock)
    assert block.count == 3
    assert block.lines == 3
    assert block.paragraphs == 3
    assert block.text == body
    starts = [occ.start for occ in block.occurrences]
    assert starts == [0, text.index(body, 1), text.rindex(body)]
    for occ in block.occurrences:
        assert text[occ.start : occ.end] == body
        assert occ.similarity == 1.0
    assert not block.near_exact


def test_single_paragraph_is_a_group_with_kind_paragraph() -> None:
    text = "\n\n".join([P1, P4, P2, P4])
    report = find_repeats(text)
    assert report.blocks == ()
    (group,) = report.groups
    assert isinstance(group, RepeatGroup)
    assert group.kind == "paragraph"
    assert group.count == 2
    assert group.text == P4
    assert [text[o.start : o.end] for o in group.occurrences] == [P4, P4]


def test_line_inside_a_paragraph_is_a_group_with_kind_line() -> None:
    tagline = "Daily news and progressive opinion delivered to your inbox every single morning"
    text = f"{tagline}\nSubscribe\n\n{P1}\n{tagline}\n\n{P2}"
    (group,) = find_repeats(text).groups
    assert group.kind == "line"
    assert [o.start for o in group.occurrences] == [0, text.rindex(tagline)]


def test_near_exact_copy_is_reported_with_its_similarity() -> None:
    mojibake = P2.replace("plan's", "planâ€™s")
    text = "\n\n".join([P1, P2, P4, mojibake])
    (group,) = find_repeats(text).groups
    assert group.near_exact
    kept, copy = group.occurrences
    assert kept.similarity == 1.0
    assert 0.8 <= copy.similarity < 1.0
    assert text[copy.start : copy.end] == mojibake


def test_escape_artefact_copy_is_exact_after_folding() -> None:
    escaped = P2.replace("plan's", "plan\\u2019s")
    (group,) = find_repeats("\n\n".join([P1, P2, P4, escaped])).groups
    assert not group.near_exact


def test_near_exact_can_be_switched_off() -> None:
    mojibake = P2.replace("plan's", "planâ€™s")
    text = "\n\n".join([P1, P2, P4, mojibake])
    assert not find_repeats(text, RepeatsConfig(near_exact=False)).has_repeats


def test_pull_quote_is_reported_with_host_and_source() -> None:
    host = QUOTE + ' --Tenant organizer"The council has ignored us for years," she added.'
    text = "\n\n".join([P1, host, P4, SOURCE])
    report = find_repeats(text)
    assert report.blocks == () and report.groups == ()
    (quote,) = report.pull_quotes
    assert quote.position == "front"
    assert quote.text == QUOTE + " --Tenant organizer"
    assert text[quote.start : quote.end] == quote.text
    assert text[quote.host_start : quote.host_end] == host
    assert text[quote.source_start : quote.source_end] == SOURCE
    assert 0.8 < quote.matched < 1.0  # "the organizer said" is not in the glued copy


def test_pull_quotes_can_be_switched_off() -> None:
    host = QUOTE + ' --Tenant organizer"The council has ignored us for years," she added.'
    text = "\n\n".join([P1, host, SOURCE])
    assert find_repeats(text, RepeatsConfig(pull_quotes=False)).pull_quotes == ()
    assert remove_repeats(text, RepeatsConfig(pull_quotes=False)).text == text


def test_two_glued_copies_in_one_host_are_both_cut() -> None:
    other = "Rents in the district have doubled in five years while wages barely moved at all."
    host = QUOTE + other + "The council has ignored the tenants for years, organizers said."
    text = "\n\n".join([P1, host, SOURCE, other])
    result = remove_repeats(text)
    assert result.counts() == {"repeats.pull_quote": 2}
    assert "The council has ignored the tenants for years, organizers said." in result.text
    assert result.text.count("Rents in the district") == 1
    assert remove_repeats(result.text).changes == ()


def test_report_of_a_text_without_repeats_is_empty() -> None:
    report = find_repeats("\n\n".join([P1, P2, P3, P4]))
    assert report == RepeatReport()
    assert not report.has_repeats
    assert report.removable_chars == 0


def test_removable_chars_counts_the_removed_copies() -> None:
    text = "\n\n".join([P1, P4, P2, P4])
    assert find_repeats(text).removable_chars == len(P4)


def test_report_is_frozen() -> None:
    report = find_repeats("\n\n".join([P1, P4, P4]))
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.groups = ()  # type: ignore[misc]


def test_shorter_min_chars_catches_short_repeated_lines() -> None:
    text = "Subscribe to our newsletter today\n\n" + P1 + "\n\nSubscribe to our newsletter today"
    assert remove_repeats(text).text == text
    short = RepeatsConfig(min_chars=20, min_words=3)
    assert remove_repeats(text, short).text == "Subscribe to our newsletter today\n\n" + P1


def test_short_lines_inside_a_repeated_block_go_with_it() -> None:
    body = "\n\n".join(["Photo: AP", P1, "Advertisement", P2])
    text = body + "\n\nDonate today.\n\n" + body
    result = remove_repeats(text)
    assert result.text == body + "\n\nDonate today."
    (block,) = find_repeats(text).blocks
    assert (block.lines, block.paragraphs) == (4, 4)


def test_repeated_multi_line_paragraph_is_a_paragraph_group() -> None:
    paragraph = "\n".join(["Photo: AP", P1, "Advertisement", P2])
    text = paragraph + "\n\nDonate today.\n\n" + paragraph
    report = find_repeats(text)
    assert report.blocks == ()
    (group,) = report.groups
    assert (group.kind, group.count, group.text) == ("paragraph", 2, paragraph)
    assert remove_repeats(text).counts() == {"repeats.paragraph": 1}


def test_empty_and_blank_texts() -> None:
    for text in ("", "\n", "  \n\n  "):
        assert remove_repeats(text).text == text
        assert not find_repeats(text).has_repeats


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_chars": 0},
        {"min_words": -1},
        {"similarity": 0.0},
        {"similarity": 1.5},
        {"shingle_size": 0},
        {"near_min_chars": 3, "shingle_size": 5},
        {"min_block_lines": 1},
        {"max_edit_chars": -1},
        {"min_chars": True},
    ],
)
def test_bad_settings_raise_config_error(kwargs: dict) -> None:
    with pytest.raises(ConfigError, match="RepeatsConfig"):
        RepeatsConfig(**kwargs)


WARM_UP = "Warm up: 15 minutes of easy jogging in zone 2, then five strides of 20 seconds at race pace."
DAYS = [
    "Monday: 6 km easy run on flat ground, keeping the heart rate low throughout the whole session.",
    "Wednesday: 5 x 800 m intervals at 10k pace with 2 minutes of walking recovery between the repeats.",
    "Friday: 40 minutes of steady running at marathon effort, finishing with 5 minutes of cooling down.",
]


def test_a_lists_shared_passage_is_kept_by_default() -> None:
    text = "\n\n".join(f"{day}\n{WARM_UP}" for day in DAYS)
    assert remove_repeats(text).text == text
    assert not find_repeats(text).has_repeats
    strict = RepeatsConfig(keep_list_templates=False)
    result = remove_repeats(text, strict)
    assert result.text.count(WARM_UP) == 1
    assert result.counts() == {"repeats.line": 2}


def test_a_list_template_only_twice_is_a_repeat() -> None:
    text = "\n\n".join(f"{day}\n{WARM_UP}" for day in DAYS[:2])
    assert remove_repeats(text).text.count(WARM_UP) == 1


def test_a_body_three_times_is_no_list_template_even_with_long_material_between() -> None:
    body = "\n\n".join([P1, P2, P3])
    appeal = " ".join([P4] * 4)  # longer than one paragraph, shorter than the body
    text = "\n\n".join([body, appeal, body, "Related: " + P4[::-1], body])
    (block,) = find_repeats(text).blocks
    assert block.count == 3


def test_report_to_dict_is_json_ready() -> None:
    import json

    body = "\n\n".join([P1, P2])
    host = QUOTE + ' --Tenant organizer"The council has ignored us for years," she added.'
    text = "\n\n".join([body, host, SOURCE, "Donate today.", body, P4, P4])
    data = find_repeats(text).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert [b["count"] for b in data["blocks"]] == [2]
    assert [(g["kind"], g["count"]) for g in data["groups"]] == [("paragraph", 2)]
    assert [q["position"] for q in data["pull_quotes"]] == ["front"]
    assert data["removable_chars"] > len(body)
