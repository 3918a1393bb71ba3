"""Label each line of a text and strip the boilerplate ones.

:func:`label_lines` runs, in order: the whole-line phrase rules (one scan of
the text), the phrase rules inside longer lines (only on lines holding a
trigger stem), the learned templates of the document's source, and the
structural classifier; glued widget spans are recorded as cuts on content
lines. :func:`strip_boilerplate` removes what was labelled, keeps the text
tidy (no runs of blank lines, no leading or trailing blank lines) and, unless
``explain=False``, returns one :class:`~dedupe_news.explain.Change` per
removed line or span with offsets into its input.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ..explain import Change, Explained
from .config import BoilerplateConfig
from .features import classify, structural_rules
from .labels import BOILERPLATE, CONTENT, Cut, LineLabel
from .rules import FAMILIES, MAX_LINE_CHARS, PHRASE_RES, SPAN_RULES, line_family
from .templates import TemplateModel, template_key

__all__ = ["label_lines", "strip_boilerplate"]

_STAGE = "boilerplate"
_REASONS = {family.rule: family.reason for family in FAMILIES}
_REASONS["boilerplate.template"] = "A line this source repeats on many of its pages (learned template)."
_REASONS["boilerplate.navigation"] = (
    "A short line without sentence structure in the menu block above the article body."
)
_REASONS["boilerplate.footer"] = (
    "A short line without sentence structure in the link or footer block below the article body."
)


class _Analysis:
    """Per-call working data: lines, their offsets, rule per line, cuts per line."""

    __slots__ = ("lines", "starts", "rules", "cuts")

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.starts = [0, *accumulate(len(line) + 1 for line in self.lines)][:-1]
        self.rules: list[str | None] = [None] * len(self.lines)
        self.cuts: dict[int, list[Cut]] = {}


def _analyse(
    text: str,
    config: BoilerplateConfig,
    templates: TemplateModel | None,
    source: str | None,
    *,
    precise: bool,
) -> _Analysis:
    """Label the lines of ``text``.

    Order: phrase rules and templates (they may claim long lines), then the
    structural classifier, then whole-line rules on the lines structure kept.
    With ``precise`` the lines removed by structure also get the name of the
    widget family they match, when one does; the set of removed lines is the
    same either way.
    """
    data = _Analysis(text)
    rules, lines = data.rules, data.lines
    enabled = frozenset(config.families)
    _phrase_rules(text, data, enabled)
    if templates is not None and config.templates:
        known = templates.for_source(source)
        if known:
            for i, line in enumerate(lines):
                if rules[i] is None and line and template_key(line) in known:
                    rules[i] = "boilerplate.template"

    def widget(i: int) -> bool:
        line = lines[i]
        if rules[i] is None and line and len(line) <= MAX_LINE_CHARS:
            family = line_family(line)
            if family is not None and family in enabled:
                rules[i] = "boilerplate." + family
        return rules[i] is not None

    found: dict[int, str] = {}
    if config.structural:
        classes, words = classify(lines, rules, config.prose_min_words)
        found = structural_rules(
            lines,
            classes,
            words,
            penalty=config.short_penalty,
            headline_lines=config.headline_lines,
            widget=widget,
        )
    for i in range(len(lines)):
        if i not in found:
            widget(i)
        elif precise and not widget(i):
            rules[i] = "boilerplate." + found[i]
    if not precise:
        for i, where in found.items():
            if rules[i] is None:
                rules[i] = "boilerplate." + where
    _span_rules(text, "\n" + text + "\n", data, enabled)
    return data


def _phrase_rules(text: str, data: _Analysis, enabled: frozenset[str]) -> None:
    """Phrase families: try each family's pattern on lines holding a trigger."""
    rules, lines, starts = data.rules, data.lines, data.starts
    for family in FAMILIES:
        pattern = PHRASE_RES.get(family.name)
        if pattern is None or family.name not in enabled:
            continue
        candidates: set[int] = set()
        for stem in family.triggers:
            at = text.find(stem)
            while at >= 0:
                index = bisect_right(starts, at) - 1
                candidates.add(index)
                at = text.find(stem, starts[index] + len(lines[index]) + 1)
        limit = max(family.max_words, family.max_words_multi)
        for index in sorted(candidates):
            if rules[index] is not None:
                continue
            line = lines[index]
            words = line.count(" ") + 1
            if words > limit:
                continue
            hits = {hit.casefold() for hit in pattern.findall(line)}
            if (hits and words <= family.max_words) or (len(hits) >= 2 and words <= family.max_words_multi):
                rules[index] = family.rule


def _span_rules(text: str, padded: str, data: _Analysis, enabled: frozenset[str]) -> None:
    """Cut widget spans glued to content lines."""
    rules, starts = data.rules, data.starts
    for span_rule in SPAN_RULES:
        if span_rule.name not in enabled:
            continue
        if span_rule.triggers and not any(t in text for t in span_rule.triggers):
            continue
        for match in span_rule.pattern.finditer(padded):
            start, end = match.start(1) - 1, match.end(1) - 1
            index = bisect_right(starts, start) - 1
            if rules[index] is None:
                data.cuts.setdefault(index, []).append(
                    Cut(start, end, span_rule.rule, span_rule.reason)
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
    data = _analyse(text, config or BoilerplateConfig(), templates, source, precise=True)
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
    data = _analyse(text, config or BoilerplateConfig(), templates, source, precise=explain)
    lines, rules, starts, cuts = data.lines, data.rules, data.starts, data.cuts
    changes: list[Change] = []
    out: list[str] = []
    blank = True  # drop leading blank lines and runs of blank lines
    for i, line in enumerate(lines):
        rule = rules[i]
        if rule is not None:
            if explain:
                changes.append(Change(_STAGE, rule, _REASONS[rule], starts[i], starts[i] + len(line), line))
            continue
        if i in cuts:
            line = _apply_cuts(line, starts[i], cuts[i], changes if explain else None)
        if not line or line.isspace():
            if not blank:
                out.append("")
                blank = True
            continue
        out.append(line)
        blank = False
    if out and blank:
        out.pop()
    return Explained("\n".join(out), tuple(changes))


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
