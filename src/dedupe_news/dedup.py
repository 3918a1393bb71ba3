"""De-duplication: keep one document per cluster and account for every other one.

:func:`dedup` clusters the documents (:func:`dedupe_news.cluster`), keeps the
canonical member of each cluster (and every singleton) with its original,
uncleaned text and metadata, and returns a :class:`Dropped` record for each
other member saying which cluster it belonged to, which document was kept in
its place, how similar it was and why it was dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .clusters import ClusterConfig, ClusterResult, DocLike, as_documents, cluster_signatures, prepare_texts
from .document import Document
from .signatures import signatures_and_sizes

__all__ = ["Dropped", "DedupResult", "dedup", "REASONS"]

#: Reason codes of :class:`Dropped`.
REASONS = {
    "near_duplicate": "estimated Jaccard with the kept document reaches the threshold",
    "contained": "most of its shingles are inside the kept document (a trimmed or extended copy)",
    "linked": "joined to the kept document through other members of the cluster",
}


@dataclass(frozen=True)
class Dropped:
    """A document removed as a copy.

    Attributes:
        id: the dropped document's id.
        cluster: its cluster id.
        canonical: the id of the document kept in its place.
        similarity: the score behind ``reason``: estimated Jaccard with the
            canonical document for ``near_duplicate`` and ``linked``,
            estimated containment in it for ``contained``.
        reason: one of :data:`REASONS`.
    """

    id: str
    cluster: str
    canonical: str
    similarity: float
    reason: str


@dataclass(frozen=True)
class DedupResult:
    """Kept documents (input order) and one record per dropped document (input order)."""

    kept: list[Document]
    dropped: list[Dropped]
    clusters: ClusterResult

    def counts(self) -> dict[str, int]:
        """Documents kept, dropped, and dropped per reason (``dropped_<reason>``)."""
        out = {"kept": len(self.kept), "dropped": len(self.dropped)}
        for d in self.dropped:
            out[f"dropped_{d.reason}"] = out.get(f"dropped_{d.reason}", 0) + 1
        return out


def dedup(docs: Iterable[DocLike], config: ClusterConfig | None = None) -> DedupResult:
    """Keep one document per cluster of copies; **drops documents**.

    Every input document is either in ``kept`` (with its original text) or
    in ``dropped``: ``len(kept) + len(dropped) == len(docs)``.
    """
    config = config or ClusterConfig()
    documents = as_documents(docs)
    texts = prepare_texts(documents, config)
    sigs, sizes = signatures_and_sizes(texts, config.minhash, batch_size=config.batch_size, threads=config.threads)
    result = cluster_signatures([d.id for d in documents], sigs, sizes, config)
    return _split(documents, result, config)


def _split(documents: list[Document], result: ClusterResult, config: ClusterConfig) -> DedupResult:
    records: dict[str, Dropped] = {}
    for c in result.clusters:
        for member, jac, cont in zip(c.members[1:], c.similarity[1:], c.containment[1:]):
            if jac >= config.threshold:
                reason, score = "near_duplicate", jac
            elif cont >= config.containment_threshold:
                reason, score = "contained", cont
            else:
                reason, score = "linked", jac
            records[member] = Dropped(member, c.id, c.canonical, score, reason)
    kept = [d for d in documents if d.id not in records]
    dropped = [records[d.id] for d in documents if d.id in records]
    return DedupResult(kept, dropped, result)
