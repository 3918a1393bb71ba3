"""The helpers under normalisation: span edits, and the screens that skip ftfy."""

from __future__ import annotations

import re

from ftfy import badness, chardata
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import edits, escapes, mojibake

SMALL = st.text(st.sampled_from(list("ab&;#x€Â\x80 ")), max_size=12)


@settings(max_examples=300, deadline=None)
@given(SMALL, SMALL)
def test_diff_edits_rebuild_the_new_text(old: str, new: str) -> None:
    units = [m.span() for m in re.finditer(r"&#?x*;", old)]
    found = edits.diff_edits(old, new, lambda before, after: ("rule", "reason"), units)
    assert edits.apply_edits(old, found) == new
    for earlier, later in zip(found, found[1:]):
        assert earlier.end < later.start or earlier.end <= later.start
    for unit_start, unit_end in units:
        for edit in found:  # an edit touching an entity covers all of it
            if edit.start < unit_end and unit_start < edit.end:
                assert edit.start <= unit_start and unit_end <= edit.end


def test_offset_map_composes_two_steps() -> None:
    original = "aXXbYc"
    first = [edits.Edit(1, 3, "Z", "r", "")]  # -> "aZbYc"
    offsets = edits.OffsetMap()
    offsets.push(first)
    middle = edits.apply_edits(original, first)
    assert middle == "aZbYc"
    assert offsets.to_original(3, 4) == (4, 5)  # "Y"
    assert offsets.to_original(1, 2) == (1, 3)  # "Z" came from "XX"
    assert offsets.to_original(0, 5) == (0, 6)


def _category(*names: str) -> set[str]:
    chars: set[str] = set()
    for name in names:
        body = badness.MOJIBAKE_CATEGORIES[name]
        for match in re.finditer(r"(.)-(.)|(.)", body, re.S):
            if match.group(3) is not None:
                chars.add(match.group(3))
            else:
                chars.update(chr(c) for c in range(ord(match.group(1)), ord(match.group(2)) + 1))
    return chars


def test_screen_covers_every_mojibake_character_of_installed_ftfy() -> None:
    """If ftfy's heuristic grows new characters, the screen must learn them."""
    suspect = re.compile(f"[{mojibake._SUSPECT}{mojibake._TELLTALE}]")
    lettered = {"common", "start_punctuation", "end_punctuation", "lower_common", "upper_common"}
    needed = _category(*(set(badness.MOJIBAKE_CATEGORIES) - lettered))
    missing = sorted(c for c in needed if not suspect.match(c))
    assert missing == []


def test_screen_covers_ftfy_ligatures() -> None:
    telltale = re.compile(f"[{mojibake._TELLTALE}]")
    assert [chr(c) for c in chardata.LIGATURES if not telltale.match(chr(c))] == []


def test_character_sets_match_their_regex_classes() -> None:
    from dedupe_news import whitespace

    every = [chr(c) for c in range(0x110000)]
    assert mojibake.CANDIDATE_CHARS == {c for c in every if mojibake._CANDIDATE_RE.match(c)}
    assert whitespace.LAYOUT_CHARS == {c for c in every if whitespace.CHAR_SCREEN_RE.match(c)}


def test_layout_rules_come_in_the_order_the_fast_path_assumes() -> None:
    """Character rules first, then spacing rules led by trailing spaces and indentation."""
    from dedupe_news import whitespace

    assert whitespace.RULES == whitespace._CHAR_RULES + whitespace._SPACING_RULES
    assert whitespace._SPACING_RULES[:2] == (whitespace._TRAILING, whitespace._INDENT)
    assert all(rule.trigger is None for rule in whitespace._CHAR_RULES)


ESCAPE_LINES = st.sampled_from(
    [
        r"\u201cQuoted,\u201d she said.",
        r"It\'s done.\n\nNext paragraph",
        r"C:\new\table",
        "plain line",
        r"say \"hi\" and \"bye\".",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ESCAPE_LINES, max_size=8))
def test_escape_edits_of_repeated_lines_are_those_of_each_line(lines: list[str]) -> None:
    """A line seen before is decided once; its edits are those it gets on its own."""
    text = "\n".join(lines)
    expected = []
    offset = 0
    for line in lines:
        if "\\" in line:
            expected.extend(escapes._line_edits(line, offset))
        offset += len(line) + 1
    assert escapes.escape_edits(text) == expected


def test_a_repeated_line_is_repaired_everywhere_by_one_ftfy_call(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = mojibake.ftfy_config()
    text = "Home â€” News\nCafÃ© story\nHome â€” News\nHome â€” News"
    calls: list[str] = []
    fix_text = mojibake.ftfy.fix_text

    def counted(line: str, cfg: object) -> str:
        calls.append(line)
        return fix_text(line, cfg)  # type: ignore[arg-type]

    monkeypatch.setattr(mojibake.ftfy, "fix_text", counted)
    fixed = edits.apply_edits(text, mojibake.mojibake_edits(text, config, explain=False))
    assert fixed == "Home — News\nCafé story\nHome — News\nHome — News"
    # the last line has no newline, so it is a different segment for ftfy
    assert calls == ["Home â€” News\n", "CafÃ© story\n", "Home â€” News"]
    explained = mojibake.mojibake_edits(text, config, explain=True)
    assert edits.apply_edits(text, explained) == fixed
    assert [text[e.start : e.end] for e in explained].count("â€”") == 3


JOINER_TEXT = st.lists(
    st.sampled_from(["\u200c", "\u200d", "a", " ", "\n", "é", "\xa0", "\u3000", "\u2028", "😀", "\ud83d", "\x85"]),
    max_size=14,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(JOINER_TEXT | st.text(max_size=20))
def test_fast_joiner_rule_removes_the_runs_the_explained_rule_removes(text: str) -> None:
    """The one-regex fast path equals the per-run decision of the explain path."""
    from dedupe_news import whitespace

    (rule,) = [r for r in whitespace.RULES if "\u200d" in r.chars]
    assert rule.fast is not None
    assert rule.fast(text) == rule.pattern.sub(rule.replacement, text)  # type: ignore[arg-type]


def test_joiners_stay_only_inside_non_ascii_words() -> None:
    from dedupe_news import whitespace

    (rule,) = [r for r in whitespace.RULES if "\u200d" in r.chars]
    assert rule.fast is not None
    family = "👨\u200d👩\u200d👧"
    assert rule.fast(family) == family
    assert rule.fast(f"\u200d{family}\u200d x\u200dy é\u200d\u200c ") == f"{family} xy é "
