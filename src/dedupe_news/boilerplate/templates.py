"""Corpus-learned templates: lines a source repeats on many of its pages.

A site's chrome recurs on every page it publishes, article text does not.
:meth:`TemplateModel.fit` counts, per source (domain, site or folder), in how
many documents each line occurs; a line found in at least ``min_docs``
documents and in at least ``min_fraction`` of that source's documents is
boilerplate for that source. The model is plain data, saved to and loaded
from JSON, and fitting is deterministic (same pairs, same file).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError, InputError, OutputError

__all__ = ["TemplateModel", "template_key"]

_FORMAT = "dedupe_news.boilerplate.templates"
_VERSION = 1


def template_key(line: str) -> str:
    """The form in which lines are compared: inner whitespace collapsed, stripped."""
    return " ".join(line.split())


@dataclass(frozen=True)
class TemplateModel:
    """Per-source sets of boilerplate lines learned from a corpus.

    Attributes:
        lines: source -> frozenset of template lines (see :func:`template_key`).
        min_docs: documents a line had to occur in (used when fitting).
        min_fraction: fraction of the source's documents it had to occur in.
    """

    lines: Mapping[str, frozenset[str]] = field(default_factory=dict)
    min_docs: int = 3
    min_fraction: float = 0.3

    def __post_init__(self) -> None:
        if self.min_docs < 2:
            raise ConfigError(
                f"min_docs must be >= 2 (got {self.min_docs}): a line seen in one document "
                "says nothing about the site's template"
            )
        if not 0.0 < self.min_fraction <= 1.0:
            raise ConfigError(f"min_fraction must be in (0, 1] (got {self.min_fraction})")

    @classmethod
    def fit(
        cls,
        pairs: Iterable[tuple[str, str]],
        *,
        min_docs: int = 3,
        min_fraction: float = 0.3,
        max_words: int = 80,
    ) -> TemplateModel:
        """Learn template lines from ``(source, text)`` pairs.

        Args:
            pairs: one pair per document; ``source`` groups documents of one site.
            min_docs: a line must occur in at least this many documents of a source.
            min_fraction: ... and in at least this fraction of them.
            max_words: longer lines are never templates (article paragraphs
                syndicated on one site should not be learned away).
        """
        probe = cls(min_docs=min_docs, min_fraction=min_fraction)  # validates the settings
        doc_counts: Counter[str] = Counter()
        line_counts: dict[str, Counter[str]] = {}
        for source, text in pairs:
            doc_counts[source] += 1
            keys = {template_key(line) for line in text.split("\n")}
            keys.discard("")
            counter = line_counts.setdefault(source, Counter())
            counter.update(key for key in keys if key.count(" ") < max_words)
        learned: dict[str, frozenset[str]] = {}
        for source in sorted(line_counts):
            needed = max(probe.min_docs, probe.min_fraction * doc_counts[source])
            chosen = frozenset(key for key, n in line_counts[source].items() if n >= needed)
            if chosen:
                learned[source] = chosen
        return cls(lines=learned, min_docs=min_docs, min_fraction=min_fraction)

    def for_source(self, source: str | None) -> frozenset[str]:
        """The template lines of ``source`` (empty for unknown sources)."""
        if source is None:
            return frozenset()
        return self.lines.get(source, frozenset())

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict with sorted lines (byte-identical for equal models)."""
        return {
            "format": _FORMAT,
            "version": _VERSION,
            "min_docs": self.min_docs,
            "min_fraction": self.min_fraction,
            "sources": {source: sorted(self.lines[source]) for source in sorted(self.lines)},
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> TemplateModel:
        """Rebuild a model from :meth:`to_dict` output."""
        if data.get("format") != _FORMAT:
            raise ConfigError(f"not a dedupe_news template model (format={data.get('format')!r})")
        if data.get("version") != _VERSION:
            raise ConfigError(
                f"template model version {data.get('version')!r} is not supported (expected {_VERSION})"
            )
        sources = data.get("sources")
        if not isinstance(sources, dict):
            raise ConfigError("template model has no 'sources' mapping")
        return cls(
            lines={str(s): frozenset(map(str, lines)) for s, lines in sources.items()},
            min_docs=int(data.get("min_docs", 3)),  # type: ignore[call-overload]
            min_fraction=float(data.get("min_fraction", 0.3)),  # type: ignore[arg-type]
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model as JSON atomically (temporary file, then rename)."""
        target = Path(path)
        payload = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent or Path("."), prefix=target.name, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, target)
        except OSError as exc:
            raise OutputError(str(target), f"cannot write template model: {exc.strerror or exc}") from exc

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> TemplateModel:
        """Read a model written by :meth:`save`."""
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(path), f"cannot read template model: {exc.strerror or exc}") from exc
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"template model is not valid JSON: {exc.msg}", exc.lineno) from exc
        if not isinstance(data, dict):
            raise InputError(str(path), "template model must be a JSON object")
        return cls.from_dict(data)
