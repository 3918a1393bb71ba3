"""Whitespace, invisible and control characters: the layout half of normalisation.

Each rule is a compiled pattern and a replacement, applied in a fixed order so
that the result is stable (applying the rules twice changes nothing):
surrogate pairs are joined; line breaks become ``\n``; control characters,
zero-width characters, soft hyphens and byte-order marks go; tabs and Unicode
spaces become a space; trailing spaces go; indentation goes (unless switched
off); runs of spaces inside a line become one; more than one blank line
becomes one; blank lines at the start and end go, and a final newline is kept
only if the text had one. Zero-width joiners are kept between two non-ASCII
characters, where they build emoji sequences and Indic or Persian words.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from ._extensions import optional_extension
from .edits import Edit

#: The compiled screen (optional; the pure-Python twins below are the reference).
_screen = optional_extension("_screen", "needs_spacing", "spacing_work")

__all__ = [
    "CHAR_SCREEN_RE",
    "LAYOUT_CHARS",
    "LAYOUT_CLASS",
    "RULES",
    "Rule",
    "charset",
    "layout",
    "layout_edits",
    "needs_layout",
    "needs_spacing",
]


class Rule(NamedTuple):
    """One whitespace rule: replace every match of ``pattern`` by ``replacement``.

    A callable replacement may return the match unchanged (no edit).
    ``trigger`` tells cheaply whether the rule can apply (``in`` tests are
    cheaper than a regex scan); rules that rewrite single characters give
    ``chars`` instead, checked against the characters :data:`CHAR_SCREEN_RE`
    found. ``fast`` is an equivalent plain-string function used when no
    explanation is needed; ``per_char`` says that the rule only replaces
    each of its ``chars`` by the ``replacement`` string, which the fast path
    does with ``str.replace`` for the characters present.
    """

    name: str
    option: str  # the NormalizeConfig field that switches it on
    pattern: re.Pattern[str]
    replacement: str | Callable[[re.Match[str]], str]
    reason: str
    trigger: Callable[[str], bool] | None = None
    chars: frozenset[str] = frozenset()
    fast: Callable[[str], str] | None = None
    per_char: bool = False


def charset(ranges: str) -> frozenset[str]:
    """The characters of a regex class body made of single chars and ``a-b`` ranges."""
    chars: set[str] = set()
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars.update(chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            chars.add(ranges[i])
            i += 1
    return frozenset(chars)


def _char_rule(
    name: str,
    option: str,
    ranges: str,
    replacement: str | Callable[[re.Match[str]], str],
    reason: str,
    *,
    pattern: str | None = None,
    fast: Callable[[str], str] | None = None,
) -> Rule:
    regex = re.compile(pattern or f"[{ranges}]")
    per_char = pattern is None and isinstance(replacement, str)
    return Rule(name, option, regex, replacement, reason, None, charset(ranges), fast, per_char)


def _strip_line_edges(text: str, trailing: bool, indent: bool) -> str:
    """Remove the trailing spaces and/or the indentation of every line."""
    lines = text.split("\n")
    if trailing and indent:
        return "\n".join([line.strip(" ") for line in lines])
    if trailing:
        return "\n".join([line.rstrip(" ") for line in lines])
    return "\n".join([line.lstrip(" ") for line in lines])


# Runs of spaces, as a pattern that starts with two literal characters, so
# ``sub`` skips to each candidate in C.
_RUN_RE = re.compile("   *")


def _collapse_runs(text: str, indented: bool = True) -> str:
    """Fast :func:`_collapse`: every run is inside a line unless one starts a line.

    ``indented=False`` tells that no line of ``text`` starts with a space.
    """
    if indented and (text.startswith("  ") or "\n  " in text):
        return _RUN_RE.sub(_collapse, text)
    return _RUN_RE.sub(" ", text)


def _collapse(match: re.Match[str]) -> str:
    """A run of spaces inside a line becomes one; indentation is kept."""
    start = match.start()
    if start == 0 or match.string[start - 1] == "\n":
        return match.group()
    return " "


def _joiner(match: re.Match[str]) -> str:
    """Zero-width (non-)joiners stay only between two non-ASCII characters."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isascii() or after.isascii() or before.isspace() or after.isspace():
        return ""
    return match.group()


# The runs :func:`_joiner` removes, as one pattern with a plain replacement
# (no Python call per run; emoji sequences hold many joiners): a run after a
# character that is ASCII or a space (or at the start), or before one (or
# at the end). Joiners are neither, so a run is only ever matched whole.
_UNJOINED_RE = re.compile(
    "[\u200c\u200d](?:(?<![^\\x00-\\x7f\\s].)[\u200c\u200d]*|[\u200c\u200d]*(?![^\\x00-\\x7f\\s]))"
)


def _surrogate(match: re.Match[str]) -> str:
    """A surrogate pair made one character; a lone surrogate made U+FFFD."""
    pair = match.group()
    if len(pair) == 2:
        return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + (ord(pair[1]) - 0xDC00))
    return "\ufffd"


# The two line-edge rules; the fast path applies them together, line by line.
_TRAILING = Rule(
    "whitespace.trailing",
    "strip_trailing_spaces",
    re.compile(r" +(?=\n|\Z)"),
    "",
    "trailing spaces removed",
    lambda text: " \n" in text or text.endswith(" "),
)
_INDENT = Rule(
    "whitespace.indent",
    "strip_indent",
    re.compile(r"(?m)^ +"),
    "",
    "indentation at the start of a line removed",
    lambda text: "\n " in text or text.startswith(" "),
)

_COLLAPSE = Rule(
    "whitespace.collapse",
    "collapse_spaces",
    re.compile("  +"),
    _collapse,
    "run of spaces collapsed",
    lambda text: "  " in text,
    fast=_collapse_runs,
)

RULES: tuple[Rule, ...] = (
    _char_rule(
        "unicode.surrogate",
        "fix_surrogates",
        "\ud800-\udfff",
        _surrogate,
        "surrogate pair joined, or lone surrogate replaced by U+FFFD",
        pattern="[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]",
    ),
    _char_rule(
        "newline.crlf",
        "fix_line_breaks",
        "\r",
        "\n",
        "Windows or old Mac line break made \\n",
        pattern=r"\r\n?",
        fast=lambda text: text.replace("\r\n", "\n").replace("\r", "\n"),
    ),
    _char_rule(
        "newline.separator",
        "fix_line_breaks",
        "\x0b\x0c\u2028\u2029",
        "\n",
        "vertical tab, form feed or Unicode line/paragraph separator made \\n",
    ),
    _char_rule(
        "whitespace.control",
        "remove_control_chars",
        "\x00-\x08\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufff9-\ufffc",
        "",
        "control character removed",
    ),
    _char_rule(
        "whitespace.bom",
        "remove_zero_width",
        "\ufeff",
        "",
        "byte-order mark removed",
        fast=lambda text: text.replace("\ufeff", ""),
    ),
    _char_rule(
        "whitespace.soft_hyphen",
        "remove_zero_width",
        "\xad",
        "",
        "soft hyphen removed",
        fast=lambda text: text.replace("\xad", ""),
    ),
    _char_rule(
        "whitespace.zero_width",
        "remove_zero_width",
        "\u200b\u2060\u180e",
        "",
        "zero-width character removed",
    ),
    _char_rule(
        "whitespace.zero_width",
        "remove_zero_width",
        "\u200c\u200d",
        _joiner,
        "zero-width joiner that joins nothing removed",
        pattern="[\u200c\u200d]+",
        fast=lambda text: _UNJOINED_RE.sub("", text),
    ),
    _char_rule(
        "whitespace.tab",
        "normalize_spaces",
        "\t",
        " ",
        "tab made a space",
        fast=lambda text: text.replace("\t", " "),
    ),
    _char_rule(
        "whitespace.nbsp",
        "normalize_spaces",
        "\xa0\u1680\u2000-\u200a\u202f\u205f\u3000",
        " ",
        "no-break or other Unicode space made a plain space",
    ),
    _TRAILING,
    _INDENT,
    _COLLAPSE,
    Rule(
        "whitespace.blank_lines",
        "collapse_blank_lines",
        re.compile(r"\n{3,}"),
        "\n\n",
        "extra blank lines removed",
        lambda text: "\n\n\n" in text,
    ),
    Rule(
        "whitespace.blank_lines",
        "strip_blank_edges",
        re.compile(r"\A\n+"),
        "",
        "blank lines at the start removed",
        lambda text: text.startswith("\n"),
    ),
    Rule(
        "whitespace.blank_lines",
        "strip_blank_edges",
        re.compile(r"\n{2,}\Z"),
        "\n",
        "blank lines at the end removed",
        lambda text: text.endswith("\n\n"),
    ),
)

# The rules that rewrite single characters, then the spacing rules, which
# start with the two line-edge rules (a test checks this order).
_CHAR_RULES = tuple(rule for rule in RULES if rule.trigger is None)
_SPACING_RULES = tuple(rule for rule in RULES if rule.trigger is not None)

#: Body of a regex character class of every character some rule (or the
#: surrogate fix) rewrites; see :func:`needs_layout`.
LAYOUT_CLASS = (
    "\r\x0b\x0c\u2028\u2029\x00-\x08\x0e-\x1f\x7f-\x9f\u206a-\u206f\ufff9-\ufffc\ufeff\xad"
    "\u200b-\u200d\u2060\u180e\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000\ud800-\udfff"
)
CHAR_SCREEN_RE = re.compile(f"[{LAYOUT_CLASS}]")
#: The same characters as a set.
LAYOUT_CHARS: frozenset[str] = frozenset().union(*(rule.chars for rule in RULES))

# A line break next to a space (" \n", "\n ") or starting three in a row. The
# pattern starts with a literal, so ``search`` skips to each newline in C.
_BREAK_SPACING_RE = re.compile(r"\n(?:(?<= \n)|(?= |\n\n))")


def _needs_spacing_py(text: str) -> bool:
    """False when no space or blank-line rule can change ``text``.

    Checks for double spaces, spaces at either end of a line, three or more
    line breaks in a row and blank lines at the ends, in two C-speed scans.
    This is the pure-Python twin of the compiled ``_screen.needs_spacing``
    (one pass over the text); both give the same answer.
    """
    return (
        text.startswith((" ", "\n"))
        or text.endswith((" ", "\n\n"))
        or "  " in text
        or _BREAK_SPACING_RE.search(text) is not None
    )


#: False when no space or blank-line rule can change ``text`` (see
#: :func:`_needs_spacing_py`): the compiled twin when it is built.
needs_spacing: Callable[[str], bool] = (
    _needs_spacing_py if _screen is None else _screen.needs_spacing
)


def _spacing_work_py(text: str) -> int:
    """Bit ``i`` set when the trigger of the ``i``-th spacing rule fires on ``text``.

    The spacing rules are those of :data:`RULES` with a trigger, in order
    (the two line-edge rules first). This is the pure-Python twin of the
    compiled ``_screen.spacing_work`` (one pass over the text); both give
    the same bits.
    """
    work = 0
    for bit, rule in enumerate(_SPACING_RULES):
        if rule.trigger is not None and rule.trigger(text):
            work |= 1 << bit
    return work


def needs_layout(text: str, *, chars: bool = True) -> bool:
    """False when no whitespace rule can change ``text`` (cheap screen).

    With ``chars=False`` only the layout (spaces, blank lines) is checked,
    for callers that already know which special characters the text holds.
    """
    if needs_spacing(text):
        return True
    return chars and CHAR_SCREEN_RE.search(text) is not None


def layout(text: str, enabled: Callable[[Rule], bool], present: set[str] | None = None) -> str:
    """Apply the enabled rules in order (fast path, no explanations).

    ``present`` may hold (a superset of) the special characters of ``text``.
    The character rules come first; the space and blank-line rules then run
    only when :func:`needs_spacing` finds work for them.
    """
    if present is None:
        present = set(CHAR_SCREEN_RE.findall(text))
    for rule in _CHAR_RULES:
        if not present.isdisjoint(rule.chars) and enabled(rule):
            text = _apply_char_rule(text, rule, present)
    if not needs_spacing(text):
        return text
    return _fix_spacing(text, enabled)


def _apply_char_rule(text: str, rule: Rule, present: set[str]) -> str:
    found = present.intersection(rule.chars)
    if not found:
        return text
    if rule.per_char and isinstance(rule.replacement, str):
        for char in sorted(found):
            text = text.replace(char, rule.replacement)
        return text
    return _apply(text, rule)


def _fix_spacing_py(text: str, enabled: Callable[[Rule], bool]) -> str:
    """The spacing rules; the two line-edge rules (the first two) in one go.

    Each later rule runs when its trigger (a substring test) fires on the
    text as it is then. :func:`_fix_spacing_screened` gives the same text.
    """
    trailing, indent = enabled(_TRAILING), enabled(_INDENT)
    if trailing or indent:
        text = _strip_line_edges(text, trailing, indent)
    for rule in _SPACING_RULES[2:]:
        if enabled(rule) and rule.trigger is not None and rule.trigger(text):
            text = _apply(text, rule)
    return text


def _fix_spacing_screened(text: str, enabled: Callable[[Rule], bool]) -> str:
    """:func:`_fix_spacing_py` with every trigger read in one compiled pass.

    The triggers are read once before the line edges are stripped and once
    after: stripping can make three line breaks in a row, but no later rule
    makes work for a rule after it (a trigger that no longer fires only
    costs a scan that finds nothing). The line edges are stripped only
    where a trigger says some line has a space at an edge.
    """
    work = _screen.spacing_work(text)
    trailing = enabled(_TRAILING) and work & 1 != 0
    indent = enabled(_INDENT) and work & 2 != 0
    if trailing or indent:
        text = _strip_line_edges(text, trailing, indent)
        work = _screen.spacing_work(text)
    for bit, rule in enumerate(_SPACING_RULES[2:], start=2):
        if not (work >> bit & 1 and enabled(rule)):
            continue
        if rule is _COLLAPSE:  # the indentation bit tells whether a run can start a line
            text = _collapse_runs(text, indented=work & 2 != 0)
        else:
            text = _apply(text, rule)
    return text


#: The spacing rules: screened in one compiled pass when ``_screen`` is
#: built, by substring triggers otherwise (same text either way).
_fix_spacing: Callable[[str, Callable[[Rule], bool]], str] = (
    _fix_spacing_py if _screen is None else _fix_spacing_screened
)


def _apply(text: str, rule: Rule) -> str:
    if rule.fast is not None:
        return rule.fast(text)
    return rule.pattern.sub(rule.replacement, text)


def layout_edits(text: str, rule: Rule) -> list[Edit]:
    """The edits one rule makes on ``text`` (explain path)."""
    edits = []
    replacement = rule.replacement
    for match in rule.pattern.finditer(text):
        after = replacement if isinstance(replacement, str) else replacement(match)
        if after != match.group():
            edits.append(Edit(match.start(), match.end(), after, rule.name, rule.reason))
    return edits

