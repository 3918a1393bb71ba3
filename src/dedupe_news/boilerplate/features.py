"""Line features and the structural classifier (jusText-style, on plain text).

Each non-blank line gets cheap features — word count, terminal punctuation,
and for long lines without terminal punctuation a stop-word count — and one
of three classes:

* ``GOOD`` — prose: at least ``prose_min_words`` words and sentence structure
  (ends like a sentence; or 20+ words with stop words, few Capitalised words
  and no glued link texts). Hard-wrapped paragraphs are classed as a whole.
  Prose is never removed here.
* ``SHORT`` — anything else that no phrase rule claimed: headings, menu items,
  bylines, list items, glued menus.
* ``BAD`` — already claimed by a phrase rule or template.

The article body is located as the run of lines with the highest score
(prose adds its word count, every short or bad line subtracts a penalty) —
the plain-text version of Finn et al.'s body-text extraction. Short lines
inside the body stay (subheadings, short sentences, list items); short lines
outside it take the label of their surroundings: the few lines directly
above the body (headline, byline, dateline), and sentences, list items and
subheadings that continue the body stay; the rest — menus, section lists,
footers — is boilerplate.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, islice
from operator import itemgetter

import regex

from .._extensions import optional_extension

#: The compiled per-line loops (optional; the Python loops below are the reference).
_textscan = optional_extension("_textscan", "classify_lines", "body_span")

__all__ = ["GOOD", "SHORT", "BAD", "BLANK", "line_words", "classify", "body_span", "structural_rules"]

GOOD = 2
SHORT = 1
BAD = 0
BLANK = -1

#: Ending characters that make a line look like a sentence.
_TERMINAL = frozenset('.!?…"”’\')»:;]')
#: The same characters as a str, for the compiled loops.
_TERMINAL_CHARS = "".join(sorted(_TERMINAL))

#: Function words a heading fragment ends with ("More news from").
_DANGLING = frozenset("from of on by and or the to in at for with about a an".split())

#: Shortest line that can be the first part of a hard-wrapped paragraph.
_WRAP_MIN_CHARS = 40

#: A line without terminal punctuation needs this many words to be prose.
_UNPUNCTUATED_MIN_WORDS = 20

#: ... and fewer than this fraction of Capitalised words.
_CAPITALISED_MAX = 0.5

#: Link texts glued together by a scraper: "MoneyWhat", "campusLife".
_GLUED = regex.compile(r"\p{Ll}\p{Lu}")

#: Frequent function words (English, Spanish/French/Portuguese, German),
#: counted with ``str.count`` on long lines that do not end like a sentence.
_STOP_TOKENS = (" the ", " and ", " of ", " to ", " de ", " la ", " und ", " die ", " is ", " in ")

#: Fraction of stop-word hits per word above which a long line reads as prose.
_STOP_DENSITY = 0.08

#: Cap on the score one prose line adds, so one huge line cannot drag the
#: body over a whole menu on its own.
_GOOD_SCORE_CAP = 80

#: Cost multipliers of short sentences and menu-like items (see :func:`body_span`).
_SENTENCE_COST = 0.25
_MENU_COST = 2.0


def _is_prose(line: str, words: int) -> bool:
    """A long line reads as prose.

    It ends like a sentence; or it is long (``_UNPUNCTUATED_MIN_WORDS``),
    has stop words, few Capitalised words and no glued link texts
    ("How to Invest MoneyWhat to Invest In...").
    """
    if line[-1] in _TERMINAL:
        return True
    if words < _UNPUNCTUATED_MIN_WORDS:
        return False
    if sum(map(line.count, _STOP_TOKENS)) < words * _STOP_DENSITY:
        return False
    if sum(map(str.isupper, map(itemgetter(0), line.split()))) >= words * _CAPITALISED_MAX:
        return False
    return len(_GLUED.findall(line)) < 3  # the regex scan last: it costs most


def line_words(lines: list[str]) -> list[int]:
    """The word count of every line: its spaces plus one, 0 for an empty line."""
    return [line.count(" ") + 1 if line else 0 for line in lines]


def classify(
    lines: list[str], claimed: list[str | None], prose_min_words: int, words: list[int] | None = None
) -> tuple[list[int], list[int]]:
    """Return the class and the word count of every line.

    Args:
        lines: the text's lines.
        claimed: per line, the rule id of a phrase rule or template that
            already labelled it boilerplate, else ``None``.
        prose_min_words: minimum words of a prose line.
        words: :func:`line_words` of ``lines`` when the caller has it
            (used as the returned list, not copied).
    """
    if words is None:
        words = line_words(lines)
    if _textscan is not None:
        classes, wrapped = _textscan.classify_lines(
            lines, words, claimed, prose_min_words, _TERMINAL_CHARS, _WRAP_MIN_CHARS,
            _UNPUNCTUATED_MIN_WORDS, _is_prose,
        )
        if wrapped:
            _join_wrapped(lines, classes, words, prose_min_words, wrapped)
        return classes, words
    classes = [SHORT] * len(lines)
    wrapped: list[int] = []
    terminal = _TERMINAL
    i = -1
    for line, n, rule in zip(lines, words, claimed):
        i += 1
        if rule is not None:
            classes[i] = BAD
        elif n >= prose_min_words:  # long enough for prose (or a line of spaces)
            if line[-1] in terminal or _is_prose(line, n):
                classes[i] = GOOD
            elif line.isspace():
                classes[i] = BLANK
            elif len(line) >= _WRAP_MIN_CHARS:
                wrapped.append(i)
        elif not line or line.isspace():
            classes[i] = BLANK
        elif len(line) >= _WRAP_MIN_CHARS and line[-1] not in terminal:
            wrapped.append(i)
    if wrapped:
        _join_wrapped(lines, classes, words, prose_min_words, wrapped)
    return classes, words


def _join_wrapped(
    lines: list[str], classes: list[int], words: list[int], prose_min_words: int, starts: list[int]
) -> None:
    """Class hard-wrapped paragraphs as a whole.

    A line of at least ``_WRAP_MIN_CHARS`` characters that does not end like
    a sentence and is followed by a line starting in lower case, or that
    ends in a comma, continues on the next line.
    The lines of such a paragraph are prose together when the whole is.
    ``starts`` lists the short lines that may begin one.
    """
    n = len(lines)
    done = -1
    for i in starts:
        if i <= done or classes[i] != SHORT:
            continue
        j = i
        while j < n - 1 and classes[j + 1] in (SHORT, GOOD) and _continues(lines[j], lines[j + 1]):
            j += 1
        if j > i:
            total = sum(words[i : j + 1])
            if total >= prose_min_words and _is_prose(" ".join(lines[i : j + 1]), total):
                for k in range(i, j + 1):
                    classes[k] = GOOD
        done = j


def _continues(line: str, following: str) -> bool:
    """``following`` is the wrapped continuation of ``line``."""
    if len(line) < _WRAP_MIN_CHARS or line[-1] in _TERMINAL or not following:
        return False
    return following[0].islower() or line[-1] == ","


def body_span(
    lines: list[str], classes: list[int], words: list[int], penalty: float
) -> tuple[int, int] | None:
    """The line range ``(first, last)`` with the highest body score, or None.

    Prose lines add their word count (capped); bad lines subtract
    ``penalty``; a short sentence (three or more words ending like one)
    subtracts a quarter of it, a menu-like item (one or two words, Title Case
    or ALL CAPS) double, other short lines ``penalty``; blank lines are
    neutral (maximum-sum contiguous run).
    """
    if _textscan is not None:
        return _textscan.body_span(
            lines, classes, words, penalty, _TERMINAL_CHARS, _SENTENCE_COST, _MENU_COST, _GOOD_SCORE_CAP
        )
    best = 0.0
    best_span: tuple[int, int] | None = None
    run = 0.0
    start = 0
    sentence_cost = penalty * _SENTENCE_COST
    menu_cost = penalty * _MENU_COST
    if GOOD not in classes:
        return None
    # lines before the first and after the last prose line cannot change the result
    low = classes.index(GOOD)
    high = len(classes) - classes[::-1].index(GOOD)
    for i, cls in enumerate(islice(classes, low, high), low):
        if cls == BLANK:
            continue
        if cls == GOOD:
            if run <= 0:
                run = 0.0
                start = i
            run += min(words[i], _GOOD_SCORE_CAP)
            if run > best:
                best = run
                best_span = (start, i)
        elif cls == BAD:
            run -= penalty
        else:
            line = lines[i]
            n = words[i]
            if n >= 3 and line[-1] in _TERMINAL:
                run -= sentence_cost
            elif n <= 2 or line.istitle() or line.isupper():
                run -= menu_cost
            else:
                run -= penalty
    return best_span


def structural_rules(
    lines: list[str],
    classes: list[int],
    words: list[int],
    *,
    penalty: float,
    headline_lines: int,
    widget: Callable[[int], bool],
    inline: Callable[[int], bool],
) -> dict[int, str]:
    """Short lines outside the article body that are boilerplate.

    ``widget(i)`` says whether a whole-line rule claims line ``i`` (and
    records it); it is asked only about the lines next to the body, so that
    widgets there do not take a headline's place. ``inline(i)`` says whether
    that widget is one found inside article bodies (advertisement labels,
    captions, counters): those do not end the body, other widgets (share
    bars, related links, comment forms) do.

    Returns ``{line index: "navigation" | "footer"}``. Nothing is returned
    when the text has no prose line at all (when unsure, keep).
    """
    span = body_span(lines, classes, words, penalty)
    if span is None:
        return {}
    first, last = span
    found: dict[int, str] = {}
    # Above the body: sentences and list items continuing it upwards stay,
    # then up to ``headline_lines`` lines (headline, byline, dateline), then
    # everything short is menu.
    continuing = True
    kept_above = 0
    menu_from = -1  # lines above this one: every short line is menu
    for i in range(first - 1, -1, -1):
        cls = classes[i]
        if cls == BLANK:
            continue
        if cls == GOOD:  # prose apart from the body: the headline is not above it
            menu_from = i
            break
        if cls == BAD:
            continuing = False
            continue
        if continuing:
            if widget(i):
                continuing = inline(i)
                continue
            if _sentence_or_item(lines[i], words[i]):
                continue
            continuing = False
        if kept_above < headline_lines and words[i] >= 2:
            if not widget(i):
                kept_above += 1
            continue
        found[i] = "navigation"
        menu_from = i
        break
    if menu_from > 0:
        found.update(dict.fromkeys(compress(range(menu_from), map(SHORT.__eq__, classes)), "navigation"))
    # Below the body: sentences, list items and subheadings (a line followed
    # by a sentence) continuing it stay, short sentences between two prose
    # lines stay, the rest is footer.
    continuing = True
    previous = GOOD
    for i in range(last + 1, len(lines)):
        cls = classes[i]
        if cls == BLANK:
            continue
        if cls == BAD:
            continuing = False
            continue
        if cls == GOOD:
            previous = GOOD
            continuing = False
            continue
        line = lines[i]
        if continuing:
            if widget(i):
                continuing = inline(i)
                continue
            if _sentence_or_item(line, words[i]) or _heading_of_sentence(lines, classes, words, i):
                continue
        if (
            words[i] >= 3
            and line[-1] in _TERMINAL
            and previous == GOOD
            and _next_class(classes, i + 1) == GOOD
        ):
            widget(i)
            continue
        continuing = False
        previous = SHORT
        found[i] = "footer"
    return found


def _heading_of_sentence(lines: list[str], classes: list[int], words: list[int], i: int) -> bool:
    """Line ``i`` is a subheading: the next non-blank line is prose or a sentence."""
    for j in range(i + 1, len(lines)):
        cls = classes[j]
        if cls == BLANK:
            continue
        if cls == GOOD:
            return True
        return cls == SHORT and words[j] >= 3 and lines[j][-1] in _TERMINAL
    return False


def _sentence_or_item(line: str, words: int) -> bool:
    """A short line that reads like a sentence or a list item, not a menu entry.

    Three or more words, and either ending like a sentence or not written in
    Title Case or capitals, and not ending in a dangling function word
    ("More news from") ("Marriage license fee – ~$75 in Ohio" is an item,
    "Food & Nutrition" and "Latest Headlines" are menu entries).
    """
    if words < 3:
        return False
    if line[-1] in _TERMINAL:
        return True
    if line.rsplit(" ", 1)[-1].lower() in _DANGLING:
        return False
    return not (line.istitle() or line.isupper())


def _next_class(classes: list[int], start: int) -> int:
    """Class of the next non-blank line from ``start`` (BAD at the end)."""
    for cls in islice(classes, start, None):
        if cls != BLANK:
            return cls
    return BAD
