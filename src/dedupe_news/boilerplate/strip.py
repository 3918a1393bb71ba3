"""Label each line of a text and strip the boilerplate ones.

:func:`label_lines` runs, in order: the phrase rules inside lines (only on
lines holding a trigger stem), the learned templates of the document's
source, the glued widget spans (recorded as cuts), the comment or
related-article section that ends an article (from its header line on), the
structural classifier, reader comment threads (:mod:`.threads`, after the
article body is located) and the whole-line widget rules.
:func:`strip_boilerplate` removes what was labelled, keeps the text tidy (no
runs of blank lines, no leading or trailing blank lines) and, unless
``explain=False``, returns one :class:`~dedupe_news.explain.Change` per
removed line or span with offsets into its input.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate, chain, compress, filterfalse, islice, repeat
from operator import is_

import regex

from .._extensions import optional_extension
from ..explain import Change, Explained
from .config import BoilerplateConfig
from .features import BAD, BLANK, GOOD, classify, line_words, structural_rules
from .labels import BOILERPLATE, CONTENT, Cut, LineLabel
from .rules import (
    EDGE_CHARS,
    FAMILIES,
    FIRST_WORD_GATE,
    FIRST_WORD_SPAN,
    MAX_LINE_CHARS,
    PHRASE_RES,
    QUOTE_CHARS,
    SECTION_HEADERS,
    SECTION_STARTS,
    SPAN_ENDS,
    SPAN_RULES,
    SPAN_STARTS,
    line_family,
    line_key,
    may_start_section,
)
from .templates import TemplateModel, template_key
from .threads import REPLY_STEMS, THREAD_REASON, THREAD_RULE, mark_comment_threads

#: The compiled stem search and line pass (optional; the pure-Python twins are the reference).
_textscan = optional_extension("_textscan", "compile_stems", "stem_lines", "compile_gate", "line_info")

__all__ = ["label_lines", "strip_boilerplate"]

_STAGE = "boilerplate"
_REASONS = {family.rule: family.reason for family in FAMILIES}
_REASONS["boilerplate.comments.section"] = (
    "Part of the comment section that follows the article (after its header line)."
)
_REASONS["boilerplate.related.section"] = (
    "Part of the related-articles section that follows the article (after its header line)."
)
_REASONS[THREAD_RULE] = THREAD_REASON
_REASONS["boilerplate.template"] = "A line this source repeats on many of its pages (learned template)."
_REASONS["boilerplate.navigation"] = (
    "A short line without sentence structure in the menu block above the article body."
)
_REASONS["boilerplate.footer"] = (
    "A short line without sentence structure in the link or footer block below the article body."
)


#: A section header must come after this fraction of the text's prose words,
_SECTION_AFTER = 0.66
#: ... the text must have at least this many prose words,
_SECTION_MIN_WORDS = 60
#: ... and the header at most this many words.
_SECTION_HEADER_WORDS = 8

#: The settings used when the caller passes none (frozen, so sharing it is safe).
_DEFAULT_CONFIG = BoilerplateConfig()

#: Widgets that sit inside article bodies and do not end them.
_INLINE_RULES = frozenset({"boilerplate.ui", "boilerplate.junk", "boilerplate.caption"})


#: Per phrase family, in ``FAMILIES`` order: name, rule id, compiled phrase,
#: ``max_words`` and the most words any hit removes.
_PHRASE_TABLE = tuple(
    (
        family.name,
        family.rule,
        PHRASE_RES[family.name],
        family.max_words,
        max(family.max_words, family.max_words_multi),
    )
    for family in FAMILIES
    if family.name in PHRASE_RES
)

#: Every phrase family's trigger stems, in ``FAMILIES`` order (searched in one
#: pass per text), and the family of each: its position in :data:`_PHRASE_TABLE`.
_PHRASE_STEMS, _PHRASE_GROUPS = (
    tuple(stem for family in FAMILIES if family.name in PHRASE_RES for stem in family.triggers),
    tuple(
        group
        for group, family in enumerate(f for f in FAMILIES if f.name in PHRASE_RES)
        for _ in family.triggers
    ),
)


#: Line starts of the span rules' prefixes, then line ends of their suffixes
#: (the last line, which no newline ends, is tested apart).
_SPAN_STEMS = tuple("\n" + prefix for prefix in SPAN_STARTS) + tuple(suffix + "\n" for suffix in SPAN_ENDS)

#: Every stem one scan of the text looks for: phrase triggers, reply buttons, span rule edges.
_SCAN_STEMS = _PHRASE_STEMS + REPLY_STEMS + _SPAN_STEMS

#: The group of each of :data:`_SCAN_STEMS`: its phrase family, then one
#: group for the reply buttons and one for the span rule edges (the scan
#: lists the lines of each group).
_REPLY_GROUP = len(_PHRASE_TABLE)
_SPAN_GROUP = _REPLY_GROUP + 1
_SCAN_GROUPS = _PHRASE_GROUPS + (_REPLY_GROUP,) * len(REPLY_STEMS) + (_SPAN_GROUP,) * len(_SPAN_STEMS)


#: One- and two-character heads of the span rules' line prefixes (a cheap first test).
_SPAN_HEAD1 = frozenset(prefix for prefix in SPAN_STARTS if len(prefix) == 1)
_SPAN_HEAD2 = frozenset(prefix[:2] for prefix in SPAN_STARTS if len(prefix) >= 2)
#: Last characters of the span rules' line suffixes (prefixes and suffixes are never empty).
_SPAN_TAIL1 = frozenset(suffix[-1:] for suffix in SPAN_ENDS)


#: :data:`_SCAN_STEMS` prepared once for the compiled scan (None without it).
_COMPILED_STEMS = None if _textscan is None else _textscan.compile_stems(_SCAN_STEMS, _SCAN_GROUPS)

#: :func:`~.rules.may_be_widget`'s test prepared once for the compiled line pass (None without it).
_COMPILED_GATE = (
    None
    if _textscan is None
    else _textscan.compile_gate(dict(FIRST_WORD_GATE), QUOTE_CHARS, EDGE_CHARS, FIRST_WORD_SPAN, SECTION_STARTS)
)


class _Analysis:
    """Per-call working data: lines, their offsets, rule per line, cuts per line."""

    __slots__ = ("lines", "rules", "cuts", "_starts")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.rules: list[str | None] = [None] * len(self.lines)
        self.cuts: dict[int, list[Cut]] = {}
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offset of every line in the text, then one past the end (built on first use)."""
        if self._starts is None:
            self._starts = list(accumulate(map((1).__add__, map(len, self.lines)), initial=0))
        return self._starts


def _analyse(
    text: str,
    config: BoilerplateConfig,
    templates: TemplateModel | None,
    source: str | None,
    *,
    precise: bool,
) -> _Analysis:
    """Label the lines of ``text``.

    Order: phrase rules and templates (they may claim long lines), glued
    widget spans (cuts), then the structural classifier and whole-line rules,
    both on what remains of each line after its cuts; whole-line rules run
    on the lines structure kept.
    With ``precise`` the lines removed by structure also get the name of the
    widget family they match, when one does; the set of removed lines is the
    same either way.
    """
    data = _Analysis(text)
    rules, lines = data.rules, data.lines
    enabled = frozenset(config.families)
    hits, edges, replies = _scan(text, lines)
    _phrase_rules(hits, data, enabled)
    if templates is not None and config.templates:
        known = templates.for_source(source)
        if known:
            for i, line in enumerate(lines):
                if rules[i] is None and line and template_key(line) in known:
                    rules[i] = "boilerplate.template"
    _span_rules(data, enabled, edges)
    # Structure and whole-line rules judge what remains of a line after its cuts.
    view = lines
    words, gate, heads = _line_info(text, lines)
    if data.cuts:
        view = list(lines)
        for i, line_cuts in list(data.cuts.items()):
            view[i] = line = _apply_cuts(lines[i], data.starts[i], line_cuts, None)
            if not line:
                rules[i] = line_cuts[0].rule
            words[i] = line.count(" ") + 1 if line else 0
            gate[i] = heads[i] = True

    checked: set[int] = set()

    def widget(i: int) -> bool:
        line = view[i]
        if rules[i] is None and line and len(line) <= MAX_LINE_CHARS and i not in checked:
            checked.add(i)
            family = line_family(line) if gate[i] else None
            if family is not None and family in enabled:
                rules[i] = "boilerplate." + family
        return rules[i] is not None

    found: dict[int, str] = {}
    if config.structural or config.sections:
        classes, words = classify(view, rules, config.prose_min_words, words)
    if config.sections:
        _section_tail(view, classes, words, rules, enabled, widget, gate, heads)
    if config.structural:
        found = structural_rules(
            view,
            classes,
            words,
            penalty=config.short_penalty,
            headline_lines=config.headline_lines,
            widget=widget,
            inline=lambda i: rules[i] in _INLINE_RULES,
        )
    # whole-line rules on the lines structure kept (all lines when precise)
    unclaimed = compress(range(len(view)), map(is_, rules, repeat(None)))
    for i in unclaimed if precise else filterfalse(found.__contains__, unclaimed):
        line = view[i]
        if not line or len(line) > MAX_LINE_CHARS or i in checked:
            continue
        if i in found:
            if precise:  # name the widget family of a line structure removes
                widget(i)
            continue
        if not gate[i]:
            continue  # line_family's first test rules it out
        family = line_family(line)
        if family is not None and family in enabled:
            rules[i] = "boilerplate." + family
    for i, where in found.items():
        if rules[i] is None:
            rules[i] = "boilerplate." + where
    if data.cuts:  # the scan saw the text's lines; a line with cuts may start differently in the view
        replies = None
    mark_comment_threads(view, rules, config, enabled, replies)
    for i in list(data.cuts):
        if rules[i] is not None:
            del data.cuts[i]
    return data


def _section_tail(
    view: list[str],
    classes: list[int],
    words: list[int],
    rules: list[str | None],
    enabled: frozenset[str],
    widget: Callable[[int], bool],
    gate: bytes | bytearray,
    heads: bytes | bytearray,
) -> None:
    """Label the comment or related-article section that ends an article.

    The section starts at a header line ("Leave a Reply", "12 Comments",
    "Related Articles", "You may also like") found after at least
    ``_SECTION_AFTER`` of the text's prose words and followed by a line that
    is not prose (a list of links, a comment form, a commenter's name); the
    header and everything after it is labelled. Without such a header, or
    with one earlier in the text, nothing is. ``gate[i]`` is false for the
    lines no whole-line rule can claim (``widget`` is not asked about them),
    ``heads[i]`` for the lines that cannot be a header
    (:func:`~.rules.may_start_section`).
    """
    # prose that a whole-line rule removes anyway does not count
    good = list(compress(range(len(classes)), map(GOOD.__eq__, classes)))
    claimed = [i for i in good if gate[i] and len(view[i]) <= MAX_LINE_CHARS and widget(i)]
    for i in claimed:
        classes[i] = BAD
    prose = [i for i in good if classes[i] == GOOD] if claimed else good
    totals = list(accumulate(map(words.__getitem__, prose)))  # running word total of the prose lines
    total = totals[-1] if totals else 0
    if total < _SECTION_MIN_WORDS:
        return
    # the section starts after the first prose line that brings the words seen to the share needed
    begin = prose[bisect_left(totals, total * _SECTION_AFTER)] + 1
    for i in compress(range(begin, len(view)), islice(heads, begin, None)):
        cls = classes[i]
        if cls == GOOD or cls == BLANK or words[i] > _SECTION_HEADER_WORDS or not may_start_section(view[i]):
            continue  # (without the compiled pass every flag is set: the test runs here)
        key = line_key(view[i]).rstrip(":")
        head = key.split(" ", 1)[0]
        if head not in SECTION_STARTS and not head[:1].isdigit():
            continue
        for family, pattern in SECTION_HEADERS.items():
            if family in enabled and pattern.fullmatch(key) and _next_is_not_prose(classes, i + 1):
                rule = f"boilerplate.{family}.section"
                for j in range(i, len(view)):
                    if classes[j] != BLANK:
                        classes[j] = BAD
                        if rules[j] is None:
                            rules[j] = rule
                return


def _next_is_not_prose(classes: list[int], start: int) -> bool:
    """The first non-blank line from ``start`` is not prose (a list, a form, a name)."""
    for cls in classes[start:]:
        if cls != BLANK:
            return cls != GOOD
    return True


def _stem_lines_py(
    text: str, stems: tuple[str, ...], groups: tuple[int, ...] | None = None
) -> tuple[list[int], ...]:
    """For each stem, the sorted indices of the lines of ``text`` holding it.

    The text is read with a leading ``"\\n"``, so a stem starting with ``"\\n"``
    matches at line starts only (the first line's too) and belongs to the line
    after that newline; any other hit belongs to the line where it starts.
    With ``groups`` (one int per stem), the lines holding any stem of each
    group ``0 .. max(groups)`` instead, sorted, each line once. This is the
    ``str.find`` twin of the compiled ``_textscan.stem_lines``.
    """
    padded = "\n" + text
    found: list[list[int]] = []
    for stem in stems:
        if not stem:
            raise ValueError("stems must not be empty")
        shift = 0 if stem[0] == "\n" else 1
        lines: list[int] = []
        line, counted = -1, 0  # line: newlines in padded[:counted], less one
        at = padded.find(stem)
        while at >= 0:
            line += padded.count("\n", counted, at + 1)
            counted = at + 1
            lines.append(line)
            end = padded.find("\n", at + 1 - shift)  # the newline that starts the next line
            at = padded.find(stem, end) if end >= 0 else -1
        found.append(lines)
    if groups is None:
        return tuple(found)
    if len(groups) != len(stems) or any(group < 0 for group in groups):
        raise ValueError("groups must give one group >= 0 per stem")
    merged: list[set[int]] = [set() for _ in range(max(groups, default=-1) + 1)]
    for group, lines in zip(groups, found):
        merged[group].update(lines)
    return tuple(sorted(lines) for lines in merged)


#: The stem search in use: compiled when the extension is built, else ``str.find``.
_stem_lines: Callable[..., tuple[list[int], ...]] = (
    _stem_lines_py if _textscan is None else _textscan.stem_lines
)


def _line_info(text: str, lines: list[str]) -> tuple[list[int], bytearray, bytearray]:
    """The word count of every line of ``text`` (``lines``) and two flags per
    line, false where :func:`~.rules.may_be_widget` and where
    :func:`~.rules.may_start_section` rule the line out.

    The compiled pass computes all three at once; without it every flag is
    set (each line is then tested in full, with the same results).
    """
    if _textscan is None:
        return line_words(lines), bytearray(b"\x01") * len(lines), bytearray(b"\x01") * len(lines)
    return _textscan.line_info(text, _COMPILED_GATE)


def _scan(text: str, lines: list[str]) -> tuple[tuple[list[int], ...], list[int], list[int] | None]:
    """Find the lines holding each phrase family's trigger stems, the span rule candidates and the reply buttons.

    Returns, per phrase family of :data:`_PHRASE_TABLE`, the sorted indices
    of the lines holding one of its trigger stems; the sorted indices of the
    lines that start with one of :data:`~.rules.SPAN_STARTS` or end with one
    of :data:`~.rules.SPAN_ENDS`; and the sorted indices of the lines
    starting with one of :data:`~.threads.REPLY_STEMS` (None: not searched).
    The compiled scan finds all three in one pass; without it the trigger
    stems are found with ``str.find``, the span candidates line by line and
    the reply buttons later.
    """
    if _textscan is None:
        one, two, tail = _SPAN_HEAD1, _SPAN_HEAD2, _SPAN_TAIL1
        edges = [
            i
            for i, line in enumerate(lines)
            if (line[:2] in two or line[:1] in one or line[-1:] in tail)
            and (line.startswith(SPAN_STARTS) or line.endswith(SPAN_ENDS))
        ]
        return _stem_lines(text, _PHRASE_STEMS, _PHRASE_GROUPS), edges, None
    hits = _textscan.stem_lines(text, _COMPILED_STEMS)
    edges = hits[_SPAN_GROUP]
    last = len(lines) - 1  # no newline ends the last line: test its end here
    if lines[last].endswith(SPAN_ENDS) and (not edges or edges[-1] != last):
        edges.append(last)
    return hits, edges, hits[_REPLY_GROUP]


def _phrase_rules(hits: tuple[list[int], ...], data: _Analysis, enabled: frozenset[str]) -> None:
    """Phrase families: try each family's pattern on lines holding a trigger.

    ``hits``: per family of :data:`_PHRASE_TABLE` (maybe followed by other
    lists), the sorted lines holding one of its trigger stems.
    """
    rules, lines = data.rules, data.lines
    for (name, rule, pattern, max_words, limit), found in zip(_PHRASE_TABLE, hits):
        if not found or name not in enabled:
            continue
        for index in found:
            if rules[index] is not None:
                continue
            line = lines[index]
            words = line.count(" ") + 1
            if words > limit:
                continue
            if words <= max_words:
                if pattern.search(line):
                    rules[index] = rule
            elif _distinct_hits(pattern, line) >= 2:
                rules[index] = rule


def _distinct_hits(pattern: regex.Pattern[str], line: str) -> int:
    """Distinct (casefolded) hits of ``pattern`` in ``line``, counted up to two."""
    if pattern.groups:  # findall returns the groups: keep its exact answer
        return len({hit.casefold() for hit in pattern.findall(line)})
    seen: set[str] = set()
    for hit in pattern.finditer(line):
        seen.add(hit.group().casefold())
        if len(seen) >= 2:
            break
    return len(seen)


def _span_rules(data: _Analysis, enabled: frozenset[str], edges: list[int]) -> None:
    """Cut widget spans glued to content lines.

    ``edges``: the sorted indices of the lines that start with one of
    :data:`~.rules.SPAN_STARTS` or end with one of :data:`~.rules.SPAN_ENDS`.
    """
    rules, lines = data.rules, data.lines
    for index in edges:
        if rules[index] is not None:
            continue
        line = lines[index]
        for span_rule in SPAN_RULES:
            if span_rule.name not in enabled:
                continue
            if not (line.startswith(span_rule.starts) or line.endswith(span_rule.ends)):
                continue
            if span_rule.needs and not any(map(line.__contains__, span_rule.needs)):
                continue
            match = span_rule.pattern.search(line)
            if match:
                offset = data.starts[index]
                data.cuts.setdefault(index, []).append(
                    Cut(offset + match.start(1), offset + match.end(1), span_rule.rule, span_rule.reason)
                )


def label_lines(
    text: str,
    config: BoilerplateConfig | None = None,
    *,
    templates: TemplateModel | None = None,
    source: str | None = None,
) -> list[LineLabel]:
    """Label every line of ``text`` as content or boilerplate; delete nothing.

    Args:
        text: normalised text (``\\n`` newlines).
        config: stage settings (defaults: :class:`BoilerplateConfig`).
        templates: a fitted :class:`TemplateModel`; its lines for ``source``
            are labelled ``boilerplate.template``.
        source: the document's source (domain, site or folder).

    Returns:
        One :class:`LineLabel` per line of ``text.split("\\n")``, in order.
    """
    data = _settled(text, config or _DEFAULT_CONFIG, templates, source, precise=True)
    labels = []
    for i, line in enumerate(data.lines):
        rule = data.rules[i]
        start = data.starts[i]
        labels.append(
            LineLabel(
                index=i,
                start=start,
                end=start + len(line),
                text=line,
                label=CONTENT if rule is None else BOILERPLATE,
                rule=rule,
                reason=None if rule is None else _REASONS[rule],
                cuts=tuple(data.cuts.get(i, ())),
            )
        )
    return labels


def strip_boilerplate(
    text: str,
    config: BoilerplateConfig | None = None,
    *,
    templates: TemplateModel | None = None,
    source: str | None = None,
    explain: bool = True,
) -> Explained:
    """Return ``text`` without boilerplate lines and spans, and the removals.

    Args:
        text: normalised text (``\\n`` newlines, no trailing spaces).
        config: stage settings (defaults: :class:`BoilerplateConfig`).
        templates: a fitted :class:`TemplateModel` (optional).
        source: the document's source, used to look up ``templates``.
        explain: build one :class:`~dedupe_news.explain.Change` per removed
            line or span (offsets into ``text``); ``False`` skips that and
            returns the same text faster.

    The output has no runs of blank lines, no leading or trailing blank
    lines, and stripping it again changes nothing.
    """
    data = _settled(text, config or _DEFAULT_CONFIG, templates, source, precise=explain)
    if not explain:
        fast = _kept_text(data)
        if fast is not None:
            return Explained(fast, ())
    changes: list[Change] = []
    _, out = _output_lines(data, changes if explain else None)
    return Explained("\n".join(out), tuple(changes))


def _output_lines(data: _Analysis, changes: list[Change] | None) -> tuple[list[int], list[str]]:
    """The lines :func:`strip_boilerplate` outputs, and the input line each comes from.

    Labelled lines are left out and cut spans removed; blank lines are kept
    only between two non-blank ones, one per run. With ``changes``, one
    :class:`~dedupe_news.explain.Change` per removed line or span is appended.
    """
    lines, rules, starts, cuts = data.lines, data.rules, data.starts, data.cuts
    origins: list[int] = []
    out: list[str] = []
    blank = True  # drop leading blank lines and runs of blank lines
    for i, line in enumerate(lines):
        rule = rules[i]
        if rule is not None:
            if changes is not None:
                changes.append(Change(_STAGE, rule, _REASONS[rule], starts[i], starts[i] + len(line), line))
            continue
        if i in cuts:
            line = _apply_cuts(line, starts[i], cuts[i], changes)
        if not line or line.isspace():
            if not blank:
                out.append("")
                origins.append(i)
                blank = True
            continue
        out.append(line)
        origins.append(i)
        blank = False
    if out and blank:
        out.pop()
        origins.pop()
    return origins, out


def _settled(
    text: str,
    config: BoilerplateConfig,
    templates: TemplateModel | None,
    source: str | None,
    *,
    precise: bool,
) -> _Analysis:
    """:func:`_analyse`, then once more on what it keeps when a comment thread went.

    The thread pass runs after the article body is located, with the thread
    still counted as prose; without the thread the lines around it (a comment
    form, a list of links) read as the footer they are. Labelling the kept
    lines again and carrying their labels back to the original lines gives
    at once what stripping the output a second time would remove, so the
    stage stays idempotent.
    """
    data = _analyse(text, config, templates, source, precise=precise)
    if THREAD_RULE not in data.rules:
        return data
    origins, kept = _output_lines(data, None)
    again = _analyse("\n".join(kept), config, templates, source, precise=precise)
    for j, rule in enumerate(again.rules):
        if rule is not None and kept[j]:
            i = origins[j]
            data.rules[i] = rule
            data.cuts.pop(i, None)
    return data


def _kept_text(data: _Analysis) -> str | None:
    """The stripped text without building changes, or None when a kept line is blank but not empty.

    Blank lines are empty then, so keeping one empty line per run between
    non-empty ones gives what the line-by-line loop of
    :func:`strip_boilerplate` gives.
    """
    lines, cuts = data.lines, data.cuts
    if cuts:
        lines = lines.copy()
        for i, line_cuts in cuts.items():
            lines[i] = _apply_cuts(lines[i], data.starts[i], line_cuts, None)
    kept = list(compress(lines, map(is_, data.rules, repeat(None))))
    if any(map(str.isspace, kept)):
        return None
    # an empty line stays only after a non-empty one (one per run, none leading) and not at the end
    out = [line for line, before in zip(kept, chain(("",), kept)) if line or before]
    if out and not out[-1]:
        out.pop()
    return "\n".join(out)


def _apply_cuts(line: str, offset: int, line_cuts: list[Cut], changes: list[Change] | None) -> str:
    """Remove the cut spans from one line (offsets are text offsets)."""
    pieces = []
    position = 0
    for cut in sorted(line_cuts, key=lambda c: c.start):
        begin, end = cut.start - offset, cut.end - offset
        if begin < position:
            continue
        pieces.append(line[position:begin])
        if changes is not None:
            changes.append(Change(_STAGE, cut.rule, cut.reason, cut.start, cut.end, line[begin:end]))
        position = end
    pieces.append(line[position:])
    return "".join(pieces).strip()
