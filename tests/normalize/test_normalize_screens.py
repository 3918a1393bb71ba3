"""The cheap screens must never skip work: each is checked against the slow decision."""

from __future__ import annotations

import importlib
import unicodedata
from dataclasses import fields

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dedupe_news import NormalizeConfig, mojibake, normalize, whitespace

# ``dedupe_news.normalize`` is the function; the module holds the screens.
STAGE = importlib.import_module("dedupe_news.normalize")
CONFIG = NormalizeConfig()

# Characters around every screen's edge: escapes, entities, mojibake, spaces,
# combining marks, the Cyrillic and Greek letters of ftfy's patterns.
EDGE = st.sampled_from(
    list("\\&;#amp<\n\r\t \u00a0\u200b\u200d\u00ad\ufeff\x07\x1b\x93\u2028\ufffc")
    + list("ÃÂâ€œ™©®°±²³µ¶·¸¹º»¼½¾¿ÀÉÑÖØÜßàéñöøüœŒ─ﬁ")
    + list("ВГРСЂвΒΓΞΟ😀\u0301\u1100\u1161\ud83d\ude00“”—…ab.A")
    + ["&amp;", "&#8217;", "â€™", "Ã©", r"\u201c", r"\n\n", "  ", " \n", "\n "]
)
TEXT = st.lists(EDGE, max_size=30).map("".join) | st.text(max_size=40)
CONFIGS = st.just(NormalizeConfig()) | st.builds(
    NormalizeConfig, **{f.name: st.booleans() for f in fields(NormalizeConfig) if f.init}
)
SETTINGS = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT, CONFIGS)
def test_a_pass_leaves_a_text_the_screen_calls_clean_unchanged(
    text: str, config: NormalizeConfig
) -> None:
    """A pass run without the screen changes nothing on a text it calls clean."""
    if STAGE._screen_text(text, config) is None:
        assert STAGE._fast_pass(text, config)[0] == text


@SETTINGS
@given(TEXT)
def test_hint_scan_finds_every_character_ftfy_could_act_on(text: str) -> None:
    """Every position the per-character decision accepts is a hint."""
    config = mojibake.ftfy_config()
    hints = {m.start() for m in mojibake._HINT_RE.finditer(text)}
    for i, char in enumerate(text):
        if char not in mojibake.CANDIDATE_CHARS:
            continue
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end == -1 else end
        if mojibake._hit_needs_ftfy(text, i, start, end, config):
            assert i in hints, (text, i)


def test_hint_lookbehind_sees_before_the_search_start() -> None:
    # "é" after "«" is a hint because of its neighbour, even when the search
    # starts at the "é" itself.
    text = "x«é x"
    assert mojibake._HINT_RE.search(text, 2) is not None


@SETTINGS
@given(TEXT)
def test_needs_spacing_matches_the_plain_tests(text: str) -> None:
    expected = (
        "  " in text
        or " \n" in text
        or "\n\n\n" in text
        or "\n " in text
        or text.startswith((" ", "\n"))
        or text.endswith((" ", "\n\n"))
    )
    assert whitespace.needs_spacing(text) == expected


def test_clean_text_of_many_scripts_is_left_alone() -> None:
    screened = [
        "“Quoted,” she said — then left… (© 2024)",
        "José Müller and François Côté met in Zürich.",
        "Ana Núñez, à côté",  # two accented letters in a row: ftfy's heuristic is asked
        # "Р" and "С" take part in ftfy's Windows-1251 patterns
        "Москва — столица России. Греция: Αθήνα.",
        "東京は日本の首都です。서울은 한국의 수도입니다.",
        "AT&T and Q&A stay; so does R&D.",
    ]
    for text in screened:
        assert STAGE._screen_text(text, CONFIG) is None, text
        assert normalize(text) == text
    joined = "Emoji 😀 and a family 👨\u200d👩\u200d👧 stay."  # joiners are kept
    assert STAGE._screen_text(joined, CONFIG) is not None
    assert normalize(joined) == joined


def test_work_is_never_screened_away() -> None:
    for text in ["caf\u00e9 â€™ here", "a&amp;b", "x\u00a0y", "Ã© long", "tab\there", "a\\u00e9"]:
        assert STAGE._screen_text(text, CONFIG) is not None, text


def test_a_combining_mark_is_composed() -> None:
    text = "Cafe\u0301 au lait"
    assert STAGE._screen_text(text, CONFIG) is not None
    assert normalize(text) == unicodedata.normalize("NFC", text)


@SETTINGS
@given(TEXT, CONFIGS)
def test_a_pass_says_settled_only_when_another_pass_changes_nothing(
    text: str, config: NormalizeConfig
) -> None:
    fixed, settled = STAGE._fast_pass(text, config)
    if settled:
        assert STAGE._fast_pass(fixed, config)[0] == fixed


NFC_EDGE = st.sampled_from(
    list("aeAE \n&\\\u00a0é\u0301\u0327\u0338<=\u212b\u2126\u1100\u1161\u11a8가\u0b47\u0b3e\u0cd5")
)


@SETTINGS
@given(TEXT | st.lists(NFC_EDGE, max_size=30).map("".join))
def test_nfc_check_on_the_rest_agrees_with_unicodedata(text: str) -> None:
    expected = unicodedata.is_normalized("NFC", text)
    assert STAGE._is_nfc(text, STAGE._rest(text)) == expected
    padded = text + "x" * (8 * len(text))  # a short rest, as in mostly-ASCII text
    assert STAGE._is_nfc(padded, STAGE._rest(padded)) == unicodedata.is_normalized("NFC", padded)


def test_ascii_letters_compose_only_with_combining_marks() -> None:
    """The NFC check on the rest relies on this fact of the installed Unicode data."""
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if not decomposition or decomposition.startswith("<"):
            continue
        parts = [chr(int(part, 16)) for part in decomposition.split()]
        if len(parts) == 2 and parts[0].isascii():
            assert unicodedata.combining(parts[1]) > 0, hex(code)


def test_rest_keeps_every_special_and_non_ascii_character() -> None:
    text = "a\\b&c\td\re\x1bf\u00a0g\u201ch\ud800i😀j\x7fk"
    assert STAGE._rest(text) == "\\&\t\r\x1b\u00a0\u201c\ud800😀\x7f"
    assert STAGE._rest("plain ASCII, with {brackets} and 'quotes'.\n") == ""


AMPERSAND_TEXT = st.lists(
    st.sampled_from(["&amp;", "&#8217;", "&x", "& ", "&nbsp;", "<b>", "\n", "a", " ", "“", "—", "日"]),
    max_size=20,
).map("".join)


@SETTINGS
@given(AMPERSAND_TEXT)
def test_entity_scan_finds_the_lines_of_the_full_hint_scan(text: str) -> None:
    """With "&" the only candidate character, the entity scan finds the same lines."""
    config = mojibake.ftfy_config()
    expected = list(mojibake._lines_to_fix(text, config))
    assert list(mojibake._lines_to_fix(text, config, only_ampersands=True)) == expected
    assert mojibake.hints_need_ftfy(text, config, only_ampersands=True) == bool(expected)


def test_a_backslash_left_by_a_pass_gets_another_pass() -> None:
    # The zero-width space hides the escaped quote from the first pass.
    text = 'She said \\\u200b"we won\\" on Tuesday.'
    fixed, settled = STAGE._fast_pass(text, CONFIG)
    assert fixed == 'She said \\"we won\\" on Tuesday.'
    assert not settled
    assert normalize(text) == 'She said "we won" on Tuesday.'
