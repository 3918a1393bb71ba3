"""Span edits on a text, and the bookkeeping that maps them to the original.

The normalisation stage rewrites a text in several steps (escapes, encoding,
whitespace, NFC). Each step describes its work as a list of :class:`Edit`
objects on the text it received; :func:`apply_edits` applies them, and
:class:`OffsetMap` composes the steps so that every edit can be reported with
offsets into the text the *stage* received. :func:`diff_edits` recovers edits
from an opaque ``old -> new`` rewrite (used for ftfy and NFC, explain mode only).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from difflib import SequenceMatcher
from typing import Callable, NamedTuple, Sequence

__all__ = ["Edit", "OffsetMap", "apply_edits", "diff_edits"]

#: Above this many differing characters, :func:`diff_edits` reports one edit
#: instead of running a quadratic character diff.
_MAX_DIFF_CHARS = 4000


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``after``; ``rule`` and ``reason`` say why."""

    start: int
    end: int
    after: str
    rule: str
    reason: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Return ``text`` with sorted, non-overlapping ``edits`` applied."""
    if not edits:
        return text
    parts: list[str] = []
    pos = 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.after)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


class _Layer:
    """One applied list of edits, indexed for mapping output offsets back."""

    def __init__(self, edits: list[Edit]) -> None:
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.old_starts: list[int] = []
        self.old_ends: list[int] = []
        delta = 0
        for edit in edits:
            new_start = edit.start + delta
            new_end = new_start + len(edit.after)
            self.new_starts.append(new_start)
            self.new_ends.append(new_end)
            self.old_starts.append(edit.start)
            self.old_ends.append(edit.end)
            delta = new_end - edit.end

    def map_start(self, pos: int) -> int:
        i = bisect_right(self.new_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.new_ends[i]:
            return self.old_starts[i]
        return self.old_ends[i] + (pos - self.new_ends[i])

    def map_end(self, pos: int) -> int:
        i = bisect_left(self.new_starts, pos) - 1
        if i < 0:
            return pos
        if pos <= self.new_ends[i]:
            return self.old_ends[i]
        return self.old_ends[i] + (pos - self.new_ends[i])


class OffsetMap:
    """Maps offsets in the current text back to the original, across steps.

    Call :meth:`push` with each list of edits after applying it; then
    :meth:`to_original` turns a span of the current text into the smallest
    span of the original text that produced it.
    """

    def __init__(self) -> None:
        self._layers: list[_Layer] = []

    def push(self, edits: list[Edit]) -> None:
        """Record that ``edits`` were applied to the current text."""
        if edits:
            self._layers.append(_Layer(edits))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span of the current span ``[start, end)``."""
        for layer in reversed(self._layers):
            start = layer.map_start(start)
            end = max(start, layer.map_end(end))
        return start, end


def diff_edits(
    old: str,
    new: str,
    classify: Callable[[str, str], tuple[str, str]],
    units: Sequence[tuple[int, int]] = (),
) -> list[Edit]:
    """Edits that turn ``old`` into ``new``; ``classify(before, after)`` names each.

    ``classify`` returns ``(rule, reason)`` for one differing span. ``units``
    are spans of ``old`` that must not be split (e.g. HTML entities): an edit
    touching one grows to cover it. Long differing middles are reported as one
    edit to keep the cost linear.
    """
    if old == new:
        return []
    opcodes = _opcodes(old, new)
    spans: list[list[int]] = []
    for tag, a0, a1, _b0, _b1 in opcodes:
        if tag == "equal":
            continue
        if spans and a0 <= spans[-1][1]:
            spans[-1][1] = a1
        else:
            spans.append([a0, a1])
    if units:
        spans = _snap(spans, units)
    edits = []
    for a0, a1 in spans:
        b0, b1 = _to_new(opcodes, a0, min), _to_new(opcodes, a1, max)
        before, after = old[a0:a1], new[b0:b1]
        rule, reason = classify(before, after)
        edits.append(Edit(a0, a1, after, rule, reason))
    return edits


def _opcodes(old: str, new: str) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher opcodes, computed only on the differing middle."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    a_end, b_end = len(old) - suffix, len(new) - suffix
    codes = [("equal", 0, prefix, 0, prefix)]
    if (a_end - prefix) + (b_end - prefix) > _MAX_DIFF_CHARS:
        codes.append(("replace", prefix, a_end, prefix, b_end))
    else:
        matcher = SequenceMatcher(None, old[prefix:a_end], new[prefix:b_end], autojunk=False)
        for tag, a0, a1, b0, b1 in matcher.get_opcodes():
            codes.append((tag, a0 + prefix, a1 + prefix, b0 + prefix, b1 + prefix))
    codes.append(("equal", a_end, len(old), b_end, len(new)))
    return codes


def _to_new(
    opcodes: list[tuple[str, int, int, int, int]], pos: int, pick: Callable[[list[int]], int]
) -> int:
    """Offset in ``new`` of a span boundary ``pos`` of ``old``.

    At an insertion point two offsets are possible; ``pick`` (``min`` for a
    span start, ``max`` for a span end) takes the one that keeps the
    insertion inside the span.
    """
    candidates = []
    for tag, a0, a1, b0, b1 in opcodes:
        if a0 <= pos <= a1:
            if tag == "equal":
                candidates.append(b0 + (pos - a0))
            else:
                if pos == a0:
                    candidates.append(b0)
                if pos == a1:
                    candidates.append(b1)
    return pick(candidates)


def _snap(spans: list[list[int]], units: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Grow spans over the units they touch, merging until stable."""
    changed = True
    while changed:
        changed = False
        for span in spans:
            for u0, u1 in units:
                overlaps = u0 < span[1] and span[0] < u1
                touches = overlaps or (span[0] == span[1] and u0 < span[0] < u1)
                if touches and (u0 < span[0] or u1 > span[1]):
                    span[0], span[1] = min(span[0], u0), max(span[1], u1)
                    changed = True
        spans.sort()
        merged: list[list[int]] = []
        for span in spans:
            if merged and span[0] <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], span[1])
                changed = True
            else:
                merged.append(span)
        spans = merged
    return spans
