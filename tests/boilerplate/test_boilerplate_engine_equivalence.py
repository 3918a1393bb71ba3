"""The boilerplate engine's lookup tables and shortcuts answer like the plain definitions.

Each test keeps the plain (slow) form of one engine step as a reference and
compares it with the engine on generated lines: the first-word gate and
per-word check tables of ``line_family``, the mapping of phrase trigger hits
to lines, the classifier on lines of spaces, and the fast path of
``strip_boilerplate`` on glued widget spans and runs of blank lines.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dedupe_news import label_lines, strip_boilerplate
from dedupe_news.boilerplate import rules, strip
from dedupe_news.boilerplate.features import BLANK, classify
from dedupe_news.boilerplate.rules import FAMILIES, FAMILY_NAMES, PHRASE_RES, line_family

BODY = (
    "The city council voted on Tuesday to expand the bus network, adding four routes that will "
    "serve neighbourhoods on the east side of the river for the first time in a decade."
)


def _line_family_reference(line: str) -> str | None:
    """``line_family`` written with the plain tables (DISPATCH and per-family dicts)."""
    head = line if line[:1] not in rules._EDGE_SET else line.lstrip(rules._EDGE)
    if head[:1].isalpha():
        space = head.find(" ", 0, 40)
        word = (head[:space] if space >= 0 else head[:40]).lower()
        limit = rules._DISPATCH_MAX_WORDS.get(word)
        if not limit and word[-1:] == ":":
            limit = rules._DISPATCH_MAX_WORDS.get(word.rstrip(":"))
        if limit is None or line.count(" ") >= limit + 4:
            return None
        seconds = rules._SECOND_WORDS.get(word)
        if seconds is not None:
            rest = head[space + 1 : space + 24].lower() if space >= 0 else ""
            if rest.split(" ", 1)[0] not in seconds:
                return None
    elif head[:1] in rules._QUOTES:
        return None
    key = line.strip(rules._EDGE).lower()
    if not key:
        return "junk" if line.strip() else None
    if key[0] in "([" and key[-1] in ")]" and len(key) > 2 and key not in rules._END_KEYS:
        return _line_family_reference(key[1:-1])
    space = key.find(" ")
    word = key if space < 0 else key[:space]
    names = rules.DISPATCH.get(word)
    if names is None:
        first = key[0]
        if first.isdigit():
            if key == "30" and line.strip() == "-30-":
                return "end_marker"
            names = rules.DISPATCH["<digit>"]
        elif first.isalpha():
            names = rules.DISPATCH.get(word.rstrip(":"))
            if names is None:
                return None
        else:
            names = rules.DISPATCH["<symbol>"]
    if key in rules._END_KEYS:
        return "end_marker"
    sentence = line[-1] in ".!?" and not line.endswith("...")
    words = key.count(" ") + 1
    for name in names:
        if words > rules._LINE_MAX_WORDS[name] or (sentence and name in rules._NO_SENTENCE):
            continue
        if rules._LINE_PATTERNS[name].fullmatch(key):
            return name
    return None


_WORDS = sorted({word for family in FAMILIES for word in family.starts} - {"<digit>", "<symbol>"})
_TOKENS = st.sampled_from(
    _WORDS
    + [w.capitalize() for w in _WORDS[::3]]
    + [w + ":" for w in _WORDS[::5]]
    + ["the", "The", "post", "article", "an", "+", "us", "now", "here", "more", "news", "·", "•", "|",
       "12", "3", "(", ")", "“Quote", "#FFF", "...", "-30-", "###", "Enditem", "city", "council", "x" * 45]
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_TOKENS, min_size=1, max_size=14), st.sampled_from(["", ".", "!", ":", "...", ")"]))
def test_line_family_equals_the_plain_dispatch(tokens: list[str], end: str) -> None:
    line = " ".join(tokens) + end
    assert line_family(line) == _line_family_reference(line)


def test_line_family_of_known_widgets() -> None:
    assert line_family("Share This Article") == "share"
    assert line_family("Tags: city, council") == "tags"
    assert line_family("The post Bus routes appeared first on City News") == "attribution"
    assert line_family("The council met on Tuesday") is None
    assert line_family("#FFFFFF") == "junk"
    assert line_family("-30-") == "end_marker"


def _phrase_rules_reference(text: str) -> list[str | None]:
    """Phrase rules per line, with line offsets, bisect and a full ``findall``."""
    lines = text.split("\n")
    starts = list(accumulate(map((1).__add__, map(len, lines)), initial=0))
    found: list[str | None] = [None] * len(lines)
    padded = "\n" + text
    for family in FAMILIES:
        pattern = PHRASE_RES.get(family.name)
        if pattern is None:
            continue
        candidates: set[int] = set()
        for stem in family.triggers:
            shift = 0 if stem[0] == "\n" else 1
            at = padded.find(stem)
            while at >= 0:
                index = bisect_right(starts, at - shift) - 1
                candidates.add(index)
                at = padded.find(stem, starts[index] + len(lines[index]) + 1)
        limit = max(family.max_words, family.max_words_multi)
        for index in sorted(candidates):
            if found[index] is not None:
                continue
            line = lines[index]
            words = line.count(" ") + 1
            if words > limit:
                continue
            if words <= family.max_words:
                if pattern.search(line):
                    found[index] = family.rule
            elif len({hit.casefold() for hit in pattern.findall(line)}) >= 2:
                found[index] = family.rule
    return found


_PHRASE_PIECES = sorted({stem for family in FAMILIES for stem in family.triggers}) + [
    "Follow us on Twitter", "Sign up for our newsletter", "We use cookies", "donate now",
    "become a member", "people-powered", "reader-funded", "\n", "\n", "\n", " ", "word ", BODY,
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_PIECES), max_size=30))
@example(["Follow us on Twitter", "\n", "Follow us on Twitter", "\n", "\n", "Follow us on Twitter"])
@example(["\n", "Follow us on Twitter", "\n", "Sign up for our newsletter", "\n", "We use cookies"])
@example(["We use cookies", " ", "We use cookies", "\n", "Sign up for our newsletter", "\n", BODY])
def test_phrase_rules_equal_the_offset_and_findall_reference(pieces: list[str]) -> None:
    text = "".join(pieces)
    data = strip._Analysis(text)
    strip._phrase_rules(strip._scan(text, data.lines)[0], data, frozenset(FAMILY_NAMES))
    assert data.rules == _phrase_rules_reference(text)


def test_phrase_triggers_on_first_and_last_lines() -> None:
    text = "Follow us on Twitter for more\n" + BODY + "\nSign up for our daily newsletter"
    rules_by_line = [label.rule for label in label_lines(text)]
    assert rules_by_line[0] == "boilerplate.app_social"
    assert rules_by_line[1] is None
    assert rules_by_line[2] == "boilerplate.newsletter"


def test_lines_of_spaces_are_blank_whatever_their_length() -> None:
    lines = [BODY, " " * 3, " " * 30, "\t" + " " * 12, BODY]
    classes, words = classify(lines, [None] * len(lines), 10)
    assert classes[1] == classes[2] == classes[3] == BLANK
    assert words[2] == 31


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["", "", "", "Home", BODY, "Officials said it would start in March. Enditem",
             "0 Comment(s)Print E-mail Xinhua, July 16, 2019", "Share This Article", "Privacy Policy"]
        ),
        max_size=30,
    )
)
def test_fast_path_with_cuts_and_blank_runs_equals_explained_text(pieces: list[str]) -> None:
    text = "\n".join(pieces)
    fast = strip_boilerplate(text, explain=False).text
    assert fast == strip_boilerplate(text).text
    assert "\n\n\n" not in fast and fast == fast.strip("\n")
