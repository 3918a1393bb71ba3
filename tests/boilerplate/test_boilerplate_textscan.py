"""The compiled one-pass stem search gives the ``str.find`` path's lines, and the stage's output."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news.boilerplate import label_lines, strip_boilerplate
from dedupe_news.boilerplate.threads import REPLY_STEMS
from dedupe_news.normalize import normalize

# The package re-exports a function named like this module: import the module itself.
strip_module = importlib.import_module("dedupe_news.boilerplate.strip")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
BUILT = strip_module._textscan is not None
needs_scan = pytest.mark.skipif(not BUILT, reason="dedupe_news._textscan is not built (no C compiler at install)")
STEMS = strip_module._PHRASE_STEMS


def reference(text: str, stems: tuple[str, ...]) -> tuple[list[int], ...]:
    """Every start of every stem in "\\n" + text, mapped to the line it belongs to."""
    padded = "\n" + text
    found = []
    for stem in stems:
        lines = {padded.count("\n", 0, at + 1) - 1 for at in range(len(padded)) if padded.startswith(stem, at)}
        found.append(sorted(lines))
    return tuple(found)


def both(text: str, stems: tuple[str, ...]) -> tuple[list[int], ...]:
    """The fallback's answer, after checking the compiled one (when built) gives the same."""
    python = strip_module._stem_lines_py(text, stems)
    if BUILT:
        assert strip_module._textscan.stem_lines(text, stems) == python
        assert strip_module._textscan.stem_lines(text, strip_module._textscan.compile_stems(stems)) == python
    return python


@pytest.mark.parametrize(
    ("text", "stems", "expected"),
    [
        ("", ("\n", "a"), ([0], [])),
        ("ab\ncd", ("\n", "\nc", "\na", "d"), ([0, 1], [1], [0], [1])),
        ("cookie\ncookie cookie\n\ncookies", ("ookie", "cookie\nc"), ([0, 1, 3], [0])),
        ("x\n\n\ny", ("\n\n", "\n\n\n", "\ny"), ([1, 2], [1], [3])),
        ("aaaa\naa", ("aa", "aaa", "a\na"), ([0, 1], [0], [0])),
        ("\u00a9 2024\n\u00a9", ("\u00a9", "\u00a92"), ([0, 1], [])),
        ("caf\u00e9 \u2014 \U0001f600\n\U0001f600!", ("\U0001f600", "\u2014 \U0001f600", "\u00e9 "), ([0, 1], [0], [0])),
        ("Follow us\nFollow", ("\nFollow ",), ([0],)),
    ],
)
def test_stem_lines_cases(text: str, stems: tuple[str, ...], expected: tuple[list[int], ...]) -> None:
    assert both(text, stems) == expected
    assert reference(text, stems) == expected


CHARS = st.one_of(
    st.sampled_from("\n\n\n  abco\u00a9\u00e9\u0100\u01a9\u2014\u4e2d\U0001f600\U000100a9"),
    st.characters(codec="utf-8", exclude_characters="\r"),
    st.characters(max_codepoint=0x7F, exclude_characters="\r"),
)
TEXT = st.text(alphabet=CHARS, max_size=80)
STEM = st.text(alphabet=CHARS, min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(TEXT, st.lists(STEM, min_size=0, max_size=8), st.data())
def test_random_stems_compiled_equals_fallback(text: str, stems: list[str], data: st.DataObject) -> None:
    # Also search stems cut out of the text itself, so hits (overlapping, at either end) are common.
    for _ in range(data.draw(st.integers(0, 4))):
        if text:
            start = data.draw(st.integers(0, len(text) - 1))
            stems.append(text[start : start + data.draw(st.integers(1, 5))])
    stems_tuple = tuple(stems)
    assert both(text, stems_tuple) == reference(text, stems_tuple)


@needs_scan
def test_compiled_search_equals_fallback_on_the_seeds() -> None:
    for text in SEEDS + [s.upper() for s in SEEDS] + [s.replace(" ", "\n") for s in SEEDS]:
        assert both(text, STEMS) == reference(text, STEMS)
    assert any(any(both(text, STEMS)) for text in SEEDS)  # the seeds do hold trigger stems


@needs_scan
def test_stage_output_is_the_same_without_the_extension(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = SEEDS + [s[: len(s) // 3] for s in SEEDS]
    compiled = [(strip_boilerplate(t), strip_boilerplate(t, explain=False), label_lines(t)) for t in texts]
    monkeypatch.setattr(strip_module, "_stem_lines", strip_module._stem_lines_py)
    monkeypatch.setattr(strip_module, "_textscan", None)
    fallback = [(strip_boilerplate(t), strip_boilerplate(t, explain=False), label_lines(t)) for t in texts]
    assert fallback == compiled


@needs_scan
def test_compiled_search_refuses_bad_stems() -> None:
    with pytest.raises(ValueError, match="empty"):
        strip_module._textscan.stem_lines("text", ("a", ""))
    with pytest.raises(TypeError, match="not a str"):
        strip_module._textscan.stem_lines("text", ("a", b"b"))
    with pytest.raises(TypeError):
        strip_module._textscan.stem_lines("text", ["a"])
    with pytest.raises(ValueError, match="empty"):
        strip_module._textscan.compile_stems(("a", ""))
    with pytest.raises(TypeError, match="not a str"):
        strip_module._textscan.compile_stems(("a", b"b"))
    with pytest.raises(TypeError):
        strip_module._textscan.compile_stems(["a"])
    with pytest.raises(ValueError, match="empty"):
        strip_module._stem_lines_py("text", ("a", ""))


#: Texts with span rule edges and reply buttons at the first and last lines.
EDGE_TEXTS = [
    "",
    "Enditem",
    "Reply",
    "It said. Enditem\nReply\nreply to Ann\nREPLY\nThe end. ENDITEM",
    "Print E-mail 0 Comment(s)Xinhua, July 16\n\nPrint\nText END ITEM\nnot Enditem here\nA line. Enditem",
    "article imageAmazon workers\nTop PhotoX\n7 Comments\nReplies\nMore text\nShare",
    "x\nReply to this comment\n  Reply\nEnditem \nEnditem\n",
]


@needs_scan
def test_one_scan_finds_the_fallbacks_span_candidates_and_reply_buttons(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = SEEDS + EDGE_TEXTS
    compiled = [strip_module._scan(t, t.split("\n")) for t in texts]
    monkeypatch.setattr(strip_module, "_textscan", None)
    reply_starts = tuple(stem[1:] for stem in REPLY_STEMS)
    for text, (hits, edges, replies) in zip(texts, compiled):
        lines = text.split("\n")
        fallback_hits, fallback_edges, fallback_replies = strip_module._scan(text, lines)
        assert fallback_replies is None
        assert hits[: len(strip_module._PHRASE_TABLE)] == fallback_hits
        assert edges == fallback_edges
        assert replies == [i for i, line in enumerate(lines) if line.startswith(reply_starts)]
    edge_sets = [edges for _, edges, _ in compiled[len(SEEDS) :]]
    assert edge_sets[1] == [0] and edge_sets[3] == [0, 4]  # last lines ending with a suffix count
    assert compiled[len(SEEDS) + 3][2] == [1, 2, 3]


@needs_scan
def test_stage_output_is_the_same_without_the_extension_on_edge_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = [(strip_boilerplate(t), label_lines(t)) for t in EDGE_TEXTS]
    monkeypatch.setattr(strip_module, "_textscan", None)
    monkeypatch.setattr(strip_module, "_stem_lines", strip_module._stem_lines_py)
    assert [(strip_boilerplate(t), label_lines(t)) for t in EDGE_TEXTS] == compiled


@needs_scan
def test_compiled_stems_are_reusable_and_keep_their_strs() -> None:
    compiled = strip_module._textscan.compile_stems(tuple(["ab" + "c" * k for k in range(3)] + ["\nx"]))
    texts = ["abc\nxabcc", "x\nab", "", "ab\n\nx" * 50, "\u00e9abcc\nx\U0001f600abc"]
    first = [strip_module._textscan.stem_lines(t, compiled) for t in texts]
    assert first[0] == ([0, 1], [0, 1], [1], [1])
    assert [strip_module._textscan.stem_lines(t, compiled) for t in texts] == first  # no state kept
    for text, found in zip(texts, first):
        assert found == reference(text, ("ab", "abc", "abcc", "\nx"))


def merged(text: str, stems: tuple[str, ...], groups: tuple[int, ...]) -> tuple[list[int], ...]:
    """The reference lines of each group: the union of its stems' lines, sorted."""
    per_stem = reference(text, stems)
    return tuple(
        sorted(set().union(*(lines for lines, g in zip(per_stem, groups) if g == group)))
        for group in range(max(groups) + 1)
    )


GROUP_CASES = [
    ("ab\ncd ab\n\nxcd", ("ab", "cd", "\nx", "d"), (0, 0, 1, 0)),
    ("aaaa\naa\n\u00e9a", ("aa", "a\na", "\u00e9"), (1, 1, 1)),
    ("", ("\n", "x"), (0, 2)),  # group 1 has no stem: an empty list
]


@pytest.mark.parametrize(("text", "stems", "groups"), GROUP_CASES)
def test_grouped_stems_list_the_union_of_their_lines(text: str, stems: tuple[str, ...], groups: tuple[int, ...]) -> None:
    expected = merged(text, stems, groups)
    assert strip_module._stem_lines_py(text, stems, groups) == expected
    if BUILT:
        assert strip_module._textscan.stem_lines(text, stems, groups) == expected
        assert strip_module._textscan.stem_lines(text, strip_module._textscan.compile_stems(stems, groups)) == expected


def test_the_stage_scan_groups_trigger_stems_by_family() -> None:
    stems, groups = strip_module._PHRASE_STEMS, strip_module._PHRASE_GROUPS
    assert max(groups) + 1 == len(strip_module._PHRASE_TABLE)
    for text in SEEDS + [s.upper() for s in SEEDS]:
        assert strip_module._stem_lines_py(text, stems, groups) == merged(text, stems, groups)
        if BUILT:
            assert strip_module._scan(text, text.split("\n"))[0][: max(groups) + 1] == merged(text, stems, groups)


@needs_scan
def test_groups_are_checked() -> None:
    with pytest.raises(ValueError, match="one group per stem"):
        strip_module._textscan.compile_stems(("a", "b"), (0,))
    with pytest.raises(ValueError, match="small int"):
        strip_module._textscan.compile_stems(("a",), (-1,))
    with pytest.raises(ValueError, match="small int"):
        strip_module._textscan.stem_lines("a", ("a",), ("0",))
    with pytest.raises(TypeError, match="only with a tuple"):
        strip_module._textscan.stem_lines("a", strip_module._textscan.compile_stems(("a",)), (0,))
    with pytest.raises(ValueError):
        strip_module._stem_lines_py("a", ("a", "b"), (0,))
