"""The compiled line pass: word counts, line_family's first tests and the section-header test.

``_textscan.line_info`` must equal its Python twins (``features.line_words``,
``rules.may_be_widget`` and ``rules.may_start_section``); ``may_be_widget``
may only rule out lines that ``line_family`` rules out too, and
``may_start_section`` only lines whose key cannot start a section header:
the stage skips those tests on them.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news.boilerplate.features import line_words
from dedupe_news.boilerplate.rules import (
    EDGE_CHARS,
    FIRST_WORD_GATE,
    FIRST_WORD_SPAN,
    QUOTE_CHARS,
    SECTION_STARTS,
    line_family,
    line_key,
    may_be_widget,
    may_start_section,
)

strip_module = importlib.import_module("dedupe_news.boilerplate.strip")
BUILT = strip_module._textscan is not None


#: Lines at the edges of the gate: edge characters, quotes, colons, case,
#: non-ASCII first words (whose lower case may be ASCII), long first words.
EDGE_LINES = [
    "",
    " ",
    "•",
    "— Share this article",
    "SHARE THIS",
    "Share",
    "Subscribe: now",
    "Roundup: a story",
    "\u212aelvin sign starts this line",
    "Émile said so",
    "“Subscribe” he said",
    '"Share prices fell," she said.',
    "a" * (FIRST_WORD_SPAN + 5) + " tail",
    "Tags" + " x" * 200,
    "Tags: " + "x " * 10,
    "The post appeared first on Example.",
    "THE POST appeared",
    "The  post (two spaces)",
    "The" + "x" * 45 + " post",
    "The " + "x" * 30,
    "As an Amazon Associate we earn from qualifying purchases.",
    "As a result, prices rose.",
    "A+ A- font size",
    "\u00bb \u201cQuoted\u201d",
    "Comments.",
    "COMMENTS:",
    "• Related Articles",
    "12 Comments",
    "\u0661\u0662 comments",
    "Don\u2019t miss",
    "More" + "!" * 120,
    "Related" + "x" * 120,
    "Morelike this",
    "The quick brown fox jumps over the lazy dog.",
    "12 Comments",
    "\u00a0\u200bRelated: more",
    "read\u00a0more",
    # around each word limit: ``limit + 3`` spaces may be a widget, ``limit + 4`` not
    *(
        f"{word.capitalize()}{' x' * spaces}"
        for word in ("share", "tags", "subscribe")
        for spaces in (FIRST_WORD_GATE[word][0] + 3, FIRST_WORD_GATE[word][0] + 4)
    ),
]


@pytest.fixture(scope="module")
def lines(real_texts: list[str]) -> list[str]:
    """The edge lines, then every line of the real texts."""
    return EDGE_LINES + [line for text in real_texts for line in text.split("\n")]


def test_may_be_widget_rules_out_only_lines_line_family_rules_out(lines: list[str]) -> None:
    limit = FIRST_WORD_GATE["share"][0]
    assert may_be_widget("Share" + " x" * (limit + 3)) and not may_be_widget("Share" + " x" * (limit + 4))
    assert not may_be_widget("") and may_be_widget("•") and may_be_widget("Roundup: a story")
    assert not may_be_widget("Quick brown foxes jump over the lazy dog.")
    assert not may_be_widget('"Share prices fell," she said.') and not may_be_widget("» “Quoted”")
    assert may_be_widget("The post Example appeared first on Site.") and not may_be_widget("The quick fox.")
    assert may_be_widget("The p\u00f8st")  # a non-ASCII second word may lower-case to anything
    ruled_out = [line for line in lines if not may_be_widget(line)]
    assert len(ruled_out) > len(lines) // 3  # the test saves work on ordinary text
    assert [line for line in ruled_out if line_family(line) is not None] == []
    assert all(may_be_widget(line) for line in lines if line_family(line) is not None)


def test_may_start_section_rules_out_only_lines_that_cannot_open_a_section(lines: list[str]) -> None:
    def could(line: str) -> bool:  # the stage's own test on the line key
        head = line_key(line).rstrip(":").split(" ", 1)[0]
        return head in SECTION_STARTS or head[:1].isdigit()

    ruled_out = [line for line in lines if not may_start_section(line)]
    assert len(ruled_out) > len(lines) // 2
    assert [line for line in ruled_out if could(line)] == []
    assert may_start_section("Comments.") and may_start_section("\u0661\u0662 comments")
    assert not may_start_section("Morelike this") and not may_start_section("Related" + "x" * 120)


@pytest.mark.skipif(not BUILT, reason="dedupe_news._textscan is not built (no C compiler at install)")
def test_compiled_line_info_equals_its_twins(real_texts: list[str]) -> None:
    for text in real_texts + ["\n".join(EDGE_LINES), "", "\n", "x\n\ny ", "\U0001f600 a\nb"]:
        lines = text.split("\n")
        words, gate, heads = strip_module._textscan.line_info(text, strip_module._COMPILED_GATE)
        assert words == line_words(lines)
        assert list(gate) == [int(may_be_widget(line)) for line in lines]
        assert list(heads) == [int(may_start_section(line)) for line in lines]


@pytest.mark.skipif(not BUILT, reason="dedupe_news._textscan is not built (no C compiler at install)")
@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*"ab :Tgs\u00e9\u212a\u201c•-\"1!.", "Tags", "Share", "the", "post", "As", "an", "A", "+", "More", "related", "COMMENTS"]), max_size=12), max_size=6))
def test_compiled_line_info_equals_its_twins_on_generated_lines(pieces: list[list[str]]) -> None:
    text = "\n".join("".join(line) for line in pieces)
    words, gate, heads = strip_module._textscan.line_info(text, strip_module._COMPILED_GATE)
    assert words == line_words(text.split("\n"))
    assert list(gate) == [int(may_be_widget(line)) for line in text.split("\n")]
    assert list(heads) == [int(may_start_section(line)) for line in text.split("\n")]


@pytest.mark.skipif(not BUILT, reason="dedupe_news._textscan is not built (no C compiler at install)")
def test_compile_gate_checks_its_arguments() -> None:
    with pytest.raises(TypeError):
        strip_module._textscan.compile_gate({"share": "x"}, QUOTE_CHARS, EDGE_CHARS, FIRST_WORD_SPAN, ())
    with pytest.raises(TypeError):
        strip_module._textscan.compile_gate({"share": (3, [1])}, QUOTE_CHARS, EDGE_CHARS, FIRST_WORD_SPAN, ())
    with pytest.raises(ValueError, match="span"):
        strip_module._textscan.compile_gate(dict(FIRST_WORD_GATE), QUOTE_CHARS, EDGE_CHARS, 0, ())
    with pytest.raises(TypeError, match="not a str"):
        strip_module._textscan.compile_gate({}, QUOTE_CHARS, EDGE_CHARS, FIRST_WORD_SPAN, ("more", 3))
    with pytest.raises(ValueError):
        strip_module._textscan.line_info("text", strip_module._COMPILED_STEMS)
