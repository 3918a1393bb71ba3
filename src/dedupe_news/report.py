"""Reports: where each change falls in the original file, run statistics, scans.

:func:`find_changes` runs the cleaning stages on one text and places every
change on a line of the *original* text, which is what ``dedupe-news check``
prints (``file:line: rule: reason``) and what ``dedupe-news scan`` groups by
stage. :class:`RunStats` accumulates what a command did — documents in and
out, changes and lines removed per rule, repeats repaired, documents dropped
with their reason, cluster sizes — and renders it as a short text summary or
as JSON carrying :data:`SCHEMA_VERSION`.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .boilerplate import strip_boilerplate
from .clean import CleanConfig
from .explain import Change, Explained
from .normalize import normalize_and_explain
from .repeats import remove_repeats

__all__ = [
    "SCHEMA_VERSION",
    "Finding",
    "FileFindings",
    "find_changes",
    "lines_removed",
    "RunStats",
    "ClusterSummary",
    "document_to_dict",
    "scan_to_dict",
    "format_document",
    "format_clusters",
    "format_summary",
]

SCHEMA_VERSION = 1
"""Version of every JSON report's layout; bumped when a key changes meaning."""

EXCERPT_CHARS = 60
STAGE_TITLES = {
    "normalize": "artefacts repaired",
    "boilerplate": "boilerplate removed",
    "repeats": "repeated paragraphs removed",
}


@dataclass(frozen=True)
class Finding:
    """One change placed in the original file.

    Attributes:
        path: the file (or document id).
        line: 1-based line in the original text where the change starts.
        end_line: line where it ends (same as ``line`` for one-line changes).
        stage: the stage that made it.
        rule: the rule id, e.g. ``"boilerplate.newsletter"``.
        reason: the stage's one-sentence reason.
        excerpt: the start of the changed text, shortened.
        count: how many changes of this rule fall on this span.
        kept_line: for a removed repeat, the line of the copy that was kept.
    """

    path: str
    line: int
    end_line: int
    stage: str
    rule: str
    reason: str
    excerpt: str
    count: int = 1
    kept_line: int | None = None

    def describe(self) -> str:
        """``reason (lines a-b; kept copy at line k; 3 times) "excerpt"``."""
        notes = []
        if self.end_line > self.line:
            notes.append(f"lines {self.line}-{self.end_line}")
        if self.kept_line is not None:
            notes.append(f"kept copy at line {self.kept_line}")
        if self.count > 1:
            notes.append(f"{self.count} times")
        text = self.reason + (f" ({'; '.join(notes)})" if notes else "")
        return text + (f' "{self.excerpt}"' if self.excerpt else "")

    def format(self) -> str:
        """``path:line: rule: reason ...`` — the check's output line."""
        return f"{self.path}:{self.line}: {self.rule}: {self.describe()}"


@dataclass(frozen=True)
class FileFindings:
    """A document's cleaned text and its changes placed on original lines."""

    path: str
    original: str
    cleaned: str
    findings: tuple[Finding, ...]
    explained: Explained

    @property
    def changed(self) -> bool:
        """True when cleaning changes the text."""
        return self.cleaned != self.original


def _excerpt(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) > EXCERPT_CHARS:
        first = first[: EXCERPT_CHARS - 1].rstrip() + "…"
    return first.replace('"', "'")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    index = text.find("\n")
    while index >= 0:
        starts.append(index + 1)
        index = text.find("\n", index + 1)
    return starts


def _line_at(starts: Sequence[int], offset: int) -> int:
    """0-based line index holding ``offset``."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


def _removed_lines(text: str, changes: Sequence[Change]) -> set[int]:
    """0-based lines of ``text`` whose non-blank content lies wholly inside a removal."""
    starts = _line_starts(text)
    removed: set[int] = set()
    for change in changes:
        if not change.removed:
            continue
        first = _line_at(starts, change.start)
        last = _line_at(starts, max(change.start, change.end - 1))
        for line in range(first, last + 1):
            end = starts[line + 1] - 1 if line + 1 < len(starts) else len(text)
            content = text[starts[line] : end]
            if not content.strip():
                continue
            begin = starts[line] + len(content) - len(content.lstrip())
            finish = starts[line] + len(content.rstrip())
            if change.start <= begin and finish <= change.end:
                removed.add(line)
    return removed


def _deletion_map(before: str, after: str, changes: Sequence[Change]) -> list[int] | None:
    """Line map for a stage that only removes text; ``None`` if it did more.

    Walks forward through the input, skipping lines the stage removed, so a
    kept line is matched to its own position even when identical copies of it
    were removed elsewhere (repeated blocks, repeated boilerplate).
    """
    a = [line.strip() for line in before.split("\n")]
    b = [line.strip() for line in after.split("\n")]
    skip = _removed_lines(before, changes)
    mapping: list[int] = []
    pointer = 0
    for line in b:
        if not line:
            mapping.append(min(pointer, len(a) - 1))
            continue
        found = next((i for i in range(pointer, len(a)) if i not in skip and a[i] == line), None)
        if found is None:
            found = next((i for i in range(pointer, len(a)) if i not in skip and line in a[i]), None)
        if found is None:
            return None
        mapping.append(found)
        pointer = found + 1
    return mapping


def _line_map(before: str, after: str, changes: Sequence[Change] = ()) -> list[int]:
    """For each line of ``after``, the 0-based line of ``before`` it came from.

    Stages that only remove text are mapped by walking forward past removed
    lines; otherwise lines are aligned on their stripped content with
    :class:`difflib.SequenceMatcher`, and rewritten lines map to the
    corresponding line of the replaced region.
    """
    if changes and all(change.removed for change in changes):
        mapping = _deletion_map(before, after, changes)
        if mapping is not None:
            return mapping
    a = [line.strip() for line in before.split("\n")]
    b = [line.strip() for line in after.split("\n")]
    mapping = [0] * len(b)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            if tag == "equal":
                mapping[j1 + k] = i1 + k
            else:
                mapping[j1 + k] = min(i1 + k, max(i1, i2 - 1), max(len(a) - 1, 0))
    return mapping


def _run_stages(text: str, config: CleanConfig, templates: object | None, source: str | None) -> list[tuple[str, Explained]]:
    """Each stage's input text and result, as :func:`dedupe_news.clean` runs them."""
    steps = [(text, normalize_and_explain(text, config.normalize, explain=True))]
    if config.strip_boilerplate:
        current = steps[-1][1].text
        steps.append(
            (
                current,
                strip_boilerplate(
                    current, config.boilerplate, templates=templates, source=source, explain=True
                ),
            )
        )
    if config.remove_repeats:
        current = steps[-1][1].text
        steps.append((current, remove_repeats(current, config.repeats, explain=True)))
    return steps


def find_changes(
    path: str,
    text: str,
    config: CleanConfig | None = None,
    *,
    templates: object | None = None,
    source: str | None = None,
) -> FileFindings:
    """Clean ``text`` and place each change on a line of the original text.

    Args:
        path: the name printed in findings.
        text: the original text.
        config: cleaning settings, as for :func:`dedupe_news.clean`.
        templates, source: boilerplate templates, as for :func:`dedupe_news.clean`.

    Returns:
        The cleaned text (equal to ``clean(text, config)``) and one
        :class:`Finding` per change. If cleaning changes the text but no
        stage explained why, one ``clean.unexplained`` finding says so, so a
        check never passes a file its fixer would rewrite.
    """
    config = config or CleanConfig()
    steps = _run_stages(text, config, templates, source)
    # to_original[line of the current stage's input] -> line of the original text
    to_original: list[int] = list(range(text.count("\n") + 1))
    findings: list[Finding] = []
    changes: list[Change] = []
    for stage_input, result in steps:
        starts = _line_starts(stage_input)

        def original_line(offset: int) -> int:
            return to_original[min(_line_at(starts, offset), len(to_original) - 1)] + 1

        for change in result.changes:
            start, end = _content_span(change)
            kept = None if change.kept_at is None else original_line(change.kept_at)
            findings.append(
                Finding(
                    path,
                    original_line(start),
                    original_line(end),
                    change.stage,
                    change.rule,
                    change.reason,
                    _excerpt(change.before),
                    kept_line=kept,
                )
            )
        changes.extend(result.changes)
        if result.text != stage_input:
            step_map = _line_map(stage_input, result.text, result.changes)
            to_original = [to_original[min(i, len(to_original) - 1)] for i in step_map]
    cleaned = steps[-1][1].text
    if cleaned != text and not findings:
        findings.append(
            Finding(path, 1, 1, "clean", "clean.unexplained", "text changes when cleaned", "")
        )
    return FileFindings(path, text, cleaned, _grouped(findings), Explained(cleaned, tuple(changes)))


def _content_span(change: Change) -> tuple[int, int]:
    """Offsets of the first and last non-blank character a change touched."""
    before = change.before
    stripped = before.strip()
    if not stripped:
        return change.start, max(change.start, change.end - 1)
    lead = len(before) - len(before.lstrip())
    trail = len(before) - len(before.rstrip())
    return change.start + lead, max(change.start + lead, change.end - trail - 1)


def _grouped(findings: list[Finding]) -> tuple[Finding, ...]:
    """Findings sorted by line; the same rule on the same span counted once."""
    merged: dict[tuple[int, int, str, str, str], Finding] = {}
    for finding in findings:
        key = (finding.line, finding.end_line, finding.stage, finding.rule, finding.reason)
        if key in merged:
            merged[key] = replace(merged[key], count=merged[key].count + 1)
        else:
            merged[key] = finding
    return tuple(sorted(merged.values(), key=lambda f: (f.line, f.end_line, f.stage, f.rule)))


def lines_removed(change: Change) -> int:
    """Non-blank lines a removal deleted (0 for a rewrite)."""
    if not change.removed:
        return 0
    return sum(1 for line in change.before.split("\n") if line.strip())


@dataclass(frozen=True)
class ClusterSummary:
    """One cluster of copies, for reports: its id, canonical member and members."""

    id: str
    canonical: str
    members: tuple[tuple[str, float], ...]  # (doc id, similarity to canonical)


@dataclass
class RunStats:
    """What a command did, accumulated while it runs (one per run, not global).

    Attributes:
        command: the subcommand name.
        docs_in: documents read.
        docs_out: documents written (or kept).
        docs_changed: documents whose text cleaning changed.
        dropped: documents or lines not processed, by reason.
        changes: edits per rule id.
        lines_removed: non-blank lines removed per rule id.
        repeats_repaired: copies of repeated paragraphs or blocks removed.
        cluster_sizes: number of clusters per size (size 1 = no copy).
        extra: command-specific counters (e.g. ``already_indexed``).
        messages: one line per skipped input, for the log.
    """

    command: str
    docs_in: int = 0
    docs_out: int = 0
    docs_changed: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    changes: Counter[str] = field(default_factory=Counter)
    lines_removed: Counter[str] = field(default_factory=Counter)
    repeats_repaired: int = 0
    cluster_sizes: Counter[int] = field(default_factory=Counter)
    extra: Counter[str] = field(default_factory=Counter)
    messages: list[str] = field(default_factory=list)

    def add_explained(self, original: str, explained: Explained) -> None:
        """Count one cleaned document's changes."""
        if explained.text != original:
            self.docs_changed += 1
        for change in explained.changes:
            self.changes[change.rule] += 1
            removed = lines_removed(change)
            if removed:
                self.lines_removed[change.rule] += removed
            if change.stage == "repeats" and change.removed:
                self.repeats_repaired += 1

    def add_dropped(self, reason: str, message: str | None = None) -> None:
        """Account for one document or line that was not processed."""
        self.dropped[reason] += 1
        if message is not None:
            self.messages.append(message)

    def add_clusters(self, sizes: Iterable[int]) -> None:
        """Record the size of every cluster (singletons included)."""
        self.cluster_sizes.update(sizes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready statistics with :data:`SCHEMA_VERSION`; keys sorted for stable output."""
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "command": self.command,
            "documents_in": self.docs_in,
            "documents_out": self.docs_out,
            "documents_changed": self.docs_changed,
            "dropped": dict(sorted(self.dropped.items())),
            "changes_by_rule": dict(sorted(self.changes.items())),
            "lines_removed_by_rule": dict(sorted(self.lines_removed.items())),
            "repeats_repaired": self.repeats_repaired,
        }
        if self.cluster_sizes:
            data["clusters"] = sum(self.cluster_sizes.values())
            data["clusters_with_copies"] = sum(
                count for size, count in self.cluster_sizes.items() if size > 1
            )
            data["cluster_sizes"] = {str(size): count for size, count in sorted(self.cluster_sizes.items())}
        if self.extra:
            data.update(sorted(self.extra.items()))
        return data

    def format(self) -> str:
        """A few human-readable lines for stderr."""
        lines = [
            f"dedupe-news {self.command}: {self.docs_in} documents in, {self.docs_out} out"
            + (f", {self.docs_changed} changed by cleaning" if self.changes else "")
        ]
        if self.dropped:
            lines.append("  dropped: " + _counts(self.dropped))
        if self.changes:
            lines.append("  changes by rule: " + _counts(self.changes))
        if self.lines_removed:
            total = sum(self.lines_removed.values())
            lines.append(f"  lines removed: {total} (" + _counts(self.lines_removed) + ")")
        if self.repeats_repaired:
            lines.append(f"  repeats repaired: {self.repeats_repaired}")
        if self.cluster_sizes:
            clusters = sum(self.cluster_sizes.values())
            copies = {size: n for size, n in self.cluster_sizes.items() if size > 1}
            sizes = ", ".join(f"{n} of size {size}" for size, n in sorted(copies.items(), reverse=True))
            lines.append(
                f"  clusters: {clusters} ({sum(copies.values())} with copies"
                + (f": {sizes}" if sizes else "")
                + ")"
            )
        for key, value in sorted(self.extra.items()):
            lines.append(f"  {key.replace('_', ' ')}: {value}")
        return "\n".join(lines)


def _counts(counter: Mapping[Any, int]) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0]))))


def document_to_dict(item: FileFindings) -> dict[str, Any]:
    """One document of the scan report as JSON-ready data."""
    return {
        "id": item.path,
        "changed": item.changed,
        "chars_in": len(item.original),
        "chars_out": len(item.cleaned),
        "findings": [
            {
                "line": f.line,
                "end_line": f.end_line,
                "stage": f.stage,
                "rule": f.rule,
                "reason": f.reason,
                "excerpt": f.excerpt,
                "count": f.count,
                "kept_line": f.kept_line,
            }
            for f in item.findings
        ],
    }


def scan_to_dict(
    documents: Sequence[Mapping[str, Any]],
    clusters: Sequence[ClusterSummary],
    stats: RunStats,
    settings: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The scan report as JSON-ready data (``schema_version`` first).

    ``documents`` are :func:`document_to_dict` results; only clusters with
    more than one member are listed.
    """
    return {
        "schema_version": SCHEMA_VERSION,
        "settings": dict(settings or {}),
        "documents": list(documents),
        "clusters": [
            {
                "id": c.id,
                "canonical": c.canonical,
                "members": [{"id": m, "similarity": round(s, 4)} for m, s in c.members],
            }
            for c in clusters
            if len(c.members) > 1
        ],
        "statistics": stats.to_dict(),
    }


def format_document(item: FileFindings, *, max_findings: int | None = 8) -> str:
    """The scan report's section for one document: its changes grouped by stage."""
    if not item.findings:
        return f"{item.path}: nothing to clean ({len(item.original)} chars)"
    out = [
        f"{item.path}: {len(item.original)} -> {len(item.cleaned)} chars, "
        f"{len(item.findings)} changes"
    ]
    for stage in ("normalize", "boilerplate", "repeats", "clean"):
        found = [f for f in item.findings if f.stage == stage]
        if not found:
            continue
        removed = sum(lines_removed(c) for c in item.explained.changes if c.stage == stage)
        title = STAGE_TITLES.get(stage, "unexplained changes")
        extra = f", {removed} lines" if removed else ""
        rules = Counter[str]()
        for finding in found:
            rules[finding.rule] += finding.count
        out.append(f"  {title}: {sum(rules.values())}{extra} ({_counts(rules)})")
        shown = found if max_findings is None else found[:max_findings]
        for finding in shown:
            out.append(f"    line {finding.line}: {finding.rule}: {finding.describe()}")
        if len(found) > len(shown):
            out.append(f"    ... and {len(found) - len(shown)} more")
    return "\n".join(out)


def format_clusters(clusters: Sequence[ClusterSummary], documents: int) -> str:
    """The scan report's clusters of copies (clusters of one document are not listed)."""
    with_copies = [c for c in clusters if len(c.members) > 1]
    if not with_copies:
        return f"clusters of copies: none among {documents} documents"
    out = [f"clusters of copies: {len(with_copies)} among {documents} documents"]
    for cluster in with_copies:
        out.append(f"  cluster {cluster.id}: {len(cluster.members)} documents")
        for member, similarity in cluster.members:
            mark = "canonical" if member == cluster.canonical else f"similarity {similarity:.2f}"
            out.append(f"    {member} ({mark})")
    return "\n".join(out)


def format_summary(stats: RunStats) -> str:
    """The statistics as the scan report's closing lines."""
    return stats.format().replace(f"dedupe-news {stats.command}: ", "summary: ", 1)
