"""The compiled screens (``_screen.c``) give exactly what their pure-Python twins give.

Skipped where the extension is not built; tests/test_extensions.py makes a
build that silently failed visible.
"""

from __future__ import annotations

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# ``dedupe_news.normalize`` is the function; the module holds the screens.
STAGE = importlib.import_module("dedupe_news.normalize")
WHITESPACE = importlib.import_module("dedupe_news.whitespace")
SCREEN = STAGE._screen

pytestmark = pytest.mark.skipif(SCREEN is None, reason="dedupe_news._screen is not built")

# Every code point, lone surrogates included (hypothesis leaves them out by default).
ANY_CHAR = st.characters(blacklist_categories=())
# Characters at the screens' edges, in the four storage widths of a str.
EDGE = st.sampled_from(
    list(" \n\t\r\\&ab.\x00\x1f\x7f\x80\xa0é\xff\u0100\u2019\u3000\ud800\udc00\U0001f600\U0010ffff")
)
TEXT = (
    st.text(ANY_CHAR, max_size=80)
    | st.lists(EDGE, max_size=80).map("".join)
    | st.text(st.sampled_from(" \n"), max_size=40)
)
SETTINGS = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# A prefix of each storage width shifts a text across the scan's word boundaries.
PREFIXES = ["", "x", "xy", "xyz", "abcdefg", "a" * 15, "é" * 17, "\u2019", "\u2019" * 13, "\U0001f600"]


@SETTINGS
@given(TEXT, st.sampled_from(PREFIXES))
def test_rest_equals_its_python_twin(text: str, prefix: str) -> None:
    for case in (text, prefix + text, text + prefix):
        assert STAGE._rest_c(case) == STAGE._rest_py(case)


@SETTINGS
@given(TEXT, st.sampled_from(PREFIXES))
def test_needs_spacing_equals_its_python_twin(text: str, prefix: str) -> None:
    for case in (text, prefix + text, text + prefix):
        assert SCREEN.needs_spacing(case) == WHITESPACE._needs_spacing_py(case), repr(case)


@SETTINGS
@given(TEXT, st.sampled_from(PREFIXES))
def test_spacing_work_equals_its_python_twin(text: str, prefix: str) -> None:
    for case in (text, prefix + text, text + prefix):
        assert SCREEN.spacing_work(case) == WHITESPACE._spacing_work_py(case), repr(case)


SPACING_TEXT = st.lists(st.sampled_from([" ", "  ", "\n", "\n\n", "\n ", " \n", "a", "é", "\u2019"]), max_size=30)
OPTIONS = st.fixed_dictionaries(
    {
        name: st.booleans()
        for name in ("strip_trailing_spaces", "strip_indent", "collapse_spaces")
        + ("collapse_blank_lines", "strip_blank_edges")
    }
)


@SETTINGS
@given(SPACING_TEXT.map("".join), OPTIONS)
def test_screened_spacing_rules_give_the_text_of_the_triggered_ones(
    text: str, options: dict[str, bool]
) -> None:
    def enabled(rule: object) -> bool:
        return options.get(rule.option, True)  # type: ignore[attr-defined]

    expected = WHITESPACE._fix_spacing_py(text, enabled)
    assert WHITESPACE._fix_spacing_screened(text, enabled) == expected, repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "plain ASCII text, nothing special.",
        "latin-1 only: café, naïve, \xa0, \xad, \x85",
        "UCS-2: “quotes” — dashes… and \u3000 a wide space",
        "astral: 😀 \U0010ffff and 𝔘𝔫𝔦",
        "lone surrogates: \ud800 and \udfff, and a pair \ud83d\ude00",
        "\\u201c escaped \\n and &amp; entities\r\n\t\x0b\x0c\x1b",
    ],
)
def test_both_screens_agree_on_every_storage_width(text: str) -> None:
    for length in range(len(text) + 1):
        part = text[:length]
        assert STAGE._rest_c(part) == STAGE._rest_py(part)
        assert SCREEN.needs_spacing(part) == WHITESPACE._needs_spacing_py(part)
        assert SCREEN.spacing_work(part) == WHITESPACE._spacing_work_py(part)


@pytest.mark.parametrize("gap", range(0, 40))
def test_needs_spacing_finds_a_pair_at_every_offset(gap: int) -> None:
    """Each pair the rules act on is found wherever it falls in the scan's words."""
    for body in ("a" * gap, "é" * gap, "\u2019" * gap, "😀" * gap):
        for bit, pair in [(1, " \n"), (2, "\n "), (4, "  "), (8, "\n\n\n")]:
            text = f"x{body}{pair}y{body}z"
            assert SCREEN.needs_spacing(text) and WHITESPACE._needs_spacing_py(text)
            assert SCREEN.spacing_work(text) == WHITESPACE._spacing_work_py(text) == bit
        for single in (" ", "\n", "\n\n"):
            text = f"x{body}{single}y{body}z"
            assert SCREEN.needs_spacing(text) is WHITESPACE._needs_spacing_py(text) is False
            assert SCREEN.spacing_work(text) == 0


def test_rest_returns_a_plain_str_for_a_subclass() -> None:
    class Text(str):
        pass

    kept = SCREEN.rest(Text("é"), b"")
    assert type(kept) is str
    assert kept == "é"
    assert SCREEN.rest("ab", b"") == "ab"


def test_rest_refuses_a_table_that_is_not_ascii() -> None:
    with pytest.raises(ValueError, match="not ASCII"):
        SCREEN.rest("abc", b"a\x80")
    with pytest.raises(TypeError):
        SCREEN.rest("abc", "a")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        SCREEN.needs_spacing(b"a  b")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        SCREEN.spacing_work(None)  # type: ignore[arg-type]



MOJIBAKE = importlib.import_module("dedupe_news.mojibake")
# Characters at the hint scan's edges: candidates (ASCII "&" and ESC too),
# lone telltales, entity parts, non-ASCII neighbours of every width.
HINT_EDGE = st.sampled_from(
    list("&#;aZ9 \n\x1b\x7f\x80\x93\xa0\xa9\xc2\xc3é\xff\u0152\u0153\u0132ВГЂ€™“\u2500\ufffd\ufb01")
    + ["\ud83d", "\U0001f600", "&amp;", "&#8217;", "&#x;", "&" + "a" * 24 + ";", "&" + "a" * 25 + ";"]
)
HINT_TEXT = TEXT | st.lists(HINT_EDGE, max_size=60).map("".join)


@SETTINGS
@given(HINT_TEXT, st.sampled_from(PREFIXES), st.integers(0, 90))
def test_next_hint_equals_its_regex_twin(text: str, prefix: str, pos: int) -> None:
    """Same first hint from every start, the character before the start included."""
    for case in (text, prefix + text, text + prefix):
        for start in {0, pos, pos % (len(case) + 1), len(case)}:
            expected = MOJIBAKE._next_hint_py(case, start)
            assert MOJIBAKE._next_hint_c(case, start) == expected, (case, start)


@pytest.mark.parametrize("gap", range(0, 40))
def test_next_hint_finds_a_hint_at_every_offset(gap: int) -> None:
    """Hints are found wherever they fall in the scan's blocks of 16."""
    for body in ("a" * gap, "\u2019" * gap, "😀" * gap):
        for hint in ("Ã", "é«", "&amp;", "\x1b[", "\x93"):
            text = f"x{body} {hint} y{body}"
            expected = MOJIBAKE._next_hint_py(text, 0)
            assert expected != -1
            assert MOJIBAKE._next_hint_c(text, 0) == expected
        assert MOJIBAKE._next_hint_c(f"x{body} é & y", 0) == -1


def test_next_hint_refuses_bad_tables() -> None:
    table = MOJIBAKE._HINT_BITMAP
    with pytest.raises(ValueError, match="8192"):
        SCREEN.next_hint("abc", 0, table[:-1], table)
    with pytest.raises(ValueError, match="ASCII"):
        SCREEN.next_hint("abc", 0, MOJIBAKE._bitmap(frozenset("a")), table)
    with pytest.raises(TypeError):
        SCREEN.next_hint(b"abc", 0, table, table)  # type: ignore[arg-type]
    assert SCREEN.next_hint("é«", -5, table, MOJIBAKE._LONE_BITMAP) == 0
