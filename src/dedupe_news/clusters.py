"""Clusters of syndicated copies: LSH candidates, verified pairs, union-find.

Four steps (datatrove's naming): signatures (of the cleaned text, see
:mod:`dedupe_news.signatures`), buckets (LSH band keys, :mod:`dedupe_news.lsh`),
clusters (each candidate pair is verified, then joined with union-find) and,
in :mod:`dedupe_news.dedup`, the filter. A candidate pair is joined when its
estimated Jaccard reaches ``threshold``, or when the smaller document is
mostly contained in the larger one (a copy trimmed after a few paragraphs, or
the original of a copy with an added paragraph): estimated containment at
least ``containment_threshold``, the smaller document at least
``min_size_ratio`` of the larger one's distinct shingles and at least
``min_shingles`` of them, so a short text quoting a long one does not join it.

Canonical member of a cluster: the most complete document (most distinct
shingles of its cleaned text, or the caller's ``completeness``), ties broken by
the smallest id. The cluster id is the canonical member's id, so it does not
depend on the input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Union

import numpy as np

from .document import Document
from .errors import ConfigError, InputError
from .lsh import band_keys, candidate_pairs, containment_from_jaccard, lsh_params
from .signatures import DEFAULT_BATCH_SIZE, MinHashConfig, signatures_and_sizes
from .unionfind import components

__all__ = [
    "ClusterConfig",
    "Cluster",
    "ClusterResult",
    "cluster",
    "cluster_signatures",
    "as_documents",
    "joinable",
]

DocLike = Union[Document, Mapping[str, Any], Sequence[Any]]


@dataclass(frozen=True)
class ClusterConfig:
    """Settings of near-duplicate clustering.

    Attributes:
        threshold: estimated Jaccard at or above which two documents are
            copies (default 0.7; on the cleaned seeds, syndicated variants
            score 0.95 on average, distinct stories at most 0.02; trimmed
            copies, as low as 0.66, join through containment instead).
        containment_threshold: estimated fraction of the smaller document's
            shingles inside the larger one at or above which they are copies
            (default 0.75: a copy both trimmed and given a local paragraph
            keeps about 0.8).
        min_size_ratio: containment joins only when the smaller document has
            at least this fraction of the larger one's distinct shingles
            (default 0.25: a copy cut after a quarter of the story still
            joins; a paragraph quoting a long article does not).
        min_shingles: containment joins only when the smaller document has at
            least this many distinct shingles (default 20).
        clean: clean texts with :func:`dedupe_news.clean` before shingling
            (default True), so site chrome neither joins different stories
            nor separates copies.
        clean_config: settings of that cleaning (None: defaults).
        minhash: signature settings.
        bands_rows: ``(bands, rows)`` override of the LSH parameters; None
            chooses them with :func:`~dedupe_news.lsh.lsh_params` for
            :attr:`lsh_threshold`.
        max_bucket: in an LSH bucket larger than this, each member is paired
            only with the first ``max_bucket`` members (bounds the work on
            thousands of exact copies).
        batch_size: texts per signature batch.
        threads: signature batches computed in parallel threads.
    """

    threshold: float = 0.7
    containment_threshold: float = 0.75
    min_size_ratio: float = 0.25
    min_shingles: int = 20
    clean: bool = True
    clean_config: Any = None
    minhash: MinHashConfig = field(default_factory=MinHashConfig)
    bands_rows: tuple[int, int] | None = None
    max_bucket: int = 100
    batch_size: int = DEFAULT_BATCH_SIZE
    threads: int = 1

    def __post_init__(self) -> None:
        for name in ("threshold", "containment_threshold", "min_size_ratio"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or not 0.0 < value <= 1.0:
                raise ConfigError(f"ClusterConfig.{name} must be in (0, 1], got {value!r}")
        if not isinstance(self.min_shingles, int) or self.min_shingles < 1:
            raise ConfigError(f"ClusterConfig.min_shingles must be a positive integer, got {self.min_shingles!r}")
        if not isinstance(self.max_bucket, int) or self.max_bucket < 1:
            raise ConfigError(f"ClusterConfig.max_bucket must be a positive integer, got {self.max_bucket!r}")
        if self.bands_rows is not None:
            bands, rows = self.bands_rows
            if bands < 1 or rows < 1 or bands * rows > self.minhash.num_perm:
                raise ConfigError(
                    f"bands_rows {self.bands_rows!r}: bands * rows must be <= num_perm {self.minhash.num_perm}"
                )

    @property
    def lsh_threshold(self) -> float:
        """Jaccard the LSH is tuned for: the lowest Jaccard a joinable pair can have.

        A pair at the containment limits (containment ``c``, size ratio
        ``p``) has Jaccard ``c p / (1 + p - c p)``.
        """
        c, p = self.containment_threshold, self.min_size_ratio
        return min(self.threshold, c * p / (1 + p - c * p))

    def lsh_bands_rows(self) -> tuple[int, int]:
        """The ``(bands, rows)`` used: the override, else :func:`lsh_params`."""
        if self.bands_rows is not None:
            return self.bands_rows
        return lsh_params(min(max(self.lsh_threshold, 0.01), 0.99), self.minhash.num_perm)


@dataclass(frozen=True)
class Cluster:
    """One group of copies of the same story.

    Attributes:
        id: the canonical member's id.
        members: member ids, canonical first, then in input order.
        canonical: the id of the member to keep.
        similarity: each member's estimated Jaccard with the canonical
            member (aligned with ``members``; 1.0 for the canonical).
        containment: each member's estimated share of shingles inside the
            canonical member (aligned with ``members``).
    """

    id: str
    members: tuple[str, ...]
    canonical: str
    similarity: tuple[float, ...]
    containment: tuple[float, ...]

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class ClusterResult:
    """All clusters (singletons included) and each document's cluster id.

    Attributes:
        clusters: every cluster, ordered by the input position of its canonical
            member.
        assignments: document id -> cluster id.
        bands_rows: the LSH parameters used.
        candidate_pairs: number of candidate pairs verified.
        joined_pairs: number of pairs that passed verification.
    """

    clusters: tuple[Cluster, ...]
    assignments: Mapping[str, str]
    bands_rows: tuple[int, int]
    candidate_pairs: int
    joined_pairs: int

    @property
    def duplicates(self) -> tuple[Cluster, ...]:
        """The clusters with more than one member."""
        return tuple(c for c in self.clusters if len(c.members) > 1)


def as_documents(docs: Iterable[DocLike]) -> list[Document]:
    """Accept ``Document``, ``{"id", "text", ...}`` dicts or ``(id, text)`` pairs."""
    out: list[Document] = []
    seen: set[str] = set()
    for position, doc in enumerate(docs):
        if isinstance(doc, Document):
            item = doc
        elif isinstance(doc, Mapping):
            if "id" not in doc or "text" not in doc:
                raise InputError("<docs>", f"document {position} has no 'id' or 'text' key")
            meta = {k: v for k, v in doc.items() if k not in ("id", "text")}
            item = Document(str(doc["id"]), doc["text"], meta)
        elif isinstance(doc, Sequence) and not isinstance(doc, (str, bytes)) and len(doc) == 2:
            item = Document(str(doc[0]), doc[1])
        else:
            raise InputError("<docs>", f"document {position} is not a Document, dict or (id, text) pair")
        if not isinstance(item.text, str):
            raise InputError("<docs>", f"document {item.id!r}: text must be str, got {type(item.text).__name__}")
        if item.id in seen:
            raise InputError("<docs>", f"duplicate document id {item.id!r} (ids must be unique)")
        seen.add(item.id)
        out.append(item)
    return out


def prepare_texts(docs: Sequence[Document], config: ClusterConfig) -> list[str]:
    """The texts that are shingled: cleaned unless ``config.clean`` is False."""
    if not config.clean:
        return [d.text for d in docs]
    from .clean import clean

    return [clean(d.text, config.clean_config) for d in docs]


def cluster(docs: Iterable[DocLike], config: ClusterConfig | None = None) -> ClusterResult:
    """Cluster syndicated copies among ``docs``.

    Args:
        docs: ``(id, text)`` pairs, ``{"id": ..., "text": ...}`` dicts or
            :class:`~dedupe_news.document.Document`; ids must be unique.
        config: thresholds and signature settings.

    Example (``story`` and ``other`` are two news texts)::

        result = cluster([("wire", story), ("reprint", story[: len(story) // 2]), ("x", other)])
        result.assignments  # {"wire": "wire", "reprint": "wire", "x": "x"}
        result.duplicates[0].containment  # (1.0, 0.96): the reprint lies inside "wire"
    """
    config = config or ClusterConfig()
    documents = as_documents(docs)
    texts = prepare_texts(documents, config)
    sigs, sizes = signatures_and_sizes(texts, config.minhash, batch_size=config.batch_size, threads=config.threads)
    return cluster_signatures([d.id for d in documents], sigs, sizes, config)


def cluster_signatures(
    ids: Sequence[str],
    sigs: np.ndarray,
    sizes: np.ndarray,
    config: ClusterConfig | None = None,
    *,
    completeness: Sequence[float] | np.ndarray | None = None,
) -> ClusterResult:
    """Cluster precomputed signatures (from :func:`signatures_and_sizes`).

    Args:
        ids: document ids, unique, aligned with the rows of ``sigs``.
        sigs: ``(n, num_perm)`` uint32 signatures.
        sizes: distinct-shingle counts, aligned with ``ids``.
        config: thresholds (its ``minhash`` must match how ``sigs`` were made).
        completeness: score of each document for choosing the canonical member
            (higher wins); default ``sizes``.
    """
    config = config or ClusterConfig()
    ids = [str(i) for i in ids]
    sigs = np.asarray(sigs)
    sizes = np.asarray(sizes, dtype=np.int64)
    n = len(ids)
    if sigs.ndim != 2 or sigs.shape[0] != n or sizes.shape != (n,):
        raise ConfigError(f"ids ({n}), signatures {sigs.shape} and sizes {sizes.shape} do not align")
    if n and sigs.shape[1] != config.minhash.num_perm:
        raise ConfigError(
            f"signatures have {sigs.shape[1]} permutations but config.minhash.num_perm is {config.minhash.num_perm}"
        )
    if len(set(ids)) != n:
        raise InputError("<docs>", "document ids must be unique")
    score = sizes.astype(np.float64) if completeness is None else np.asarray(completeness, dtype=np.float64)
    if score.shape != (n,):
        raise ConfigError(f"completeness must have one value per document, got shape {score.shape}")
    bands, rows = config.lsh_bands_rows()
    pairs = np.zeros((0, 2), dtype=np.int64)
    indexed = np.flatnonzero(sizes > 0)  # empty documents join nothing: keep them out of the buckets
    if indexed.size:
        keys = band_keys(sigs[indexed], bands, rows)
        pairs = indexed[candidate_pairs(keys, max_bucket=config.max_bucket)]
    joined = pairs[_verify(pairs, sigs, sizes, config)]
    labels = components(n, joined)
    clusters = _build_clusters(ids, labels, sigs, sizes, score)
    assignments = {member: c.id for c in clusters for member in c.members}
    return ClusterResult(tuple(clusters), assignments, (bands, rows), int(pairs.shape[0]), int(joined.shape[0]))


def _pair_scores(
    sigs: np.ndarray, sizes: np.ndarray, left: np.ndarray, right: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Jaccard, containment of the smaller in the larger, smaller and larger sizes."""
    jac = np.empty(left.size, dtype=np.float64)
    step = 65536
    for lo in range(0, left.size, step):
        hi = lo + step
        jac[lo:hi] = np.count_nonzero(sigs[left[lo:hi]] == sigs[right[lo:hi]], axis=1) / sigs.shape[1]
    small = np.minimum(sizes[left], sizes[right])
    large = np.maximum(sizes[left], sizes[right])
    return jac, np.asarray(containment_from_jaccard(jac, small, large)), small, large


def joinable(
    jaccard: np.ndarray | float,
    containment: np.ndarray | float,
    small: np.ndarray | int,
    large: np.ndarray | int,
    config: ClusterConfig,
) -> np.ndarray:
    """The join rule of :class:`ClusterConfig`, element-wise over pairs.

    A pair joins when its estimated Jaccard reaches ``threshold``, or when the
    smaller document (``small`` distinct shingles) is contained in the larger
    one (``large``) at ``containment_threshold``, guarded by ``min_shingles``
    and ``min_size_ratio``. A document without shingles joins nothing. The
    persistent index (:mod:`dedupe_news.store`) uses the same rule.
    """
    jac, cont = np.asarray(jaccard), np.asarray(containment)
    small, large = np.asarray(small), np.asarray(large)
    ratio = small / np.maximum(large, 1)
    contained = (cont >= config.containment_threshold) & (small >= config.min_shingles) & (
        ratio >= config.min_size_ratio
    )
    # A document without shingles (empty after cleaning) joins nothing.
    return ((jac >= config.threshold) | contained) & (small > 0)


def _verify(pairs: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, config: ClusterConfig) -> np.ndarray:
    if pairs.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    jac, cont, small, large = _pair_scores(sigs, sizes, pairs[:, 0], pairs[:, 1])
    return joinable(jac, cont, small, large, config)


def _build_clusters(
    ids: list[str], labels: np.ndarray, sigs: np.ndarray, sizes: np.ndarray, score: np.ndarray
) -> list[Cluster]:
    n = len(ids)
    if n == 0:
        return []
    # Canonical: highest score, then smallest id.
    id_rank = np.empty(n, dtype=np.int64)
    id_rank[sorted(range(n), key=ids.__getitem__)] = np.arange(n)
    order = np.lexsort((id_rank, -score, labels))
    sorted_labels = labels[order]
    first = np.flatnonzero(np.diff(sorted_labels, prepend=-1))
    canon_of_label = dict(zip(sorted_labels[first].tolist(), order[first].tolist()))
    canon = np.array([canon_of_label[lab] for lab in labels.tolist()], dtype=np.int64)
    jac = np.empty(n, dtype=np.float64)
    step = 1 << 15  # bounded temporary memory
    for lo in range(0, n, step):
        block = sigs[lo : lo + step]
        jac[lo : lo + step] = np.count_nonzero(block == sigs[canon[lo : lo + step]], axis=1) / sigs.shape[1]
    cont = np.asarray(containment_from_jaccard(jac, sizes, sizes[canon]), dtype=np.float64).reshape(n)
    members: dict[int, list[int]] = {}
    for position, lab in enumerate(labels.tolist()):
        members.setdefault(lab, []).append(position)
    clusters = []
    for position in sorted(set(canon.tolist())):
        group = members[int(labels[position])]
        ordered = [position] + [p for p in group if p != position]
        clusters.append(
            Cluster(
                id=ids[position],
                members=tuple(ids[p] for p in ordered),
                canonical=ids[position],
                similarity=tuple(1.0 if p == position else round(float(jac[p]), 6) for p in ordered),
                containment=tuple(1.0 if p == position else round(float(cont[p]), 6) for p in ordered),
            )
        )
    return clusters
