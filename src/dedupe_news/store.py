"""A persistent MinHash LSH index in one SQLite file.

:class:`SignatureIndex` stores, for every indexed document, its id, its
MinHash signature (``num_perm`` little-endian uint32 values in a blob) and the
size of its shingle set, plus one row per LSH band holding the band's 64-bit
key, with an index on ``(band, key)`` for lookups. A header table records the
settings that make signatures comparable — library version, shingle hash and
MinHash scheme, ``num_perm``, seed, shingle settings, whether texts were
cleaned first, LSH bands and rows and the thresholds — and opening an index
with other settings raises :class:`~dedupe_news.errors.IndexMismatchError`
naming each difference, instead of silently finding nothing. The file uses
SQLite's write-ahead log; additions run in one transaction, so an index is
never left half-updated. When one file is outgrown, rows of the stored
signatures can be loaded into ``datasketch.MinHashLSH`` with Redis storage
(see :meth:`SignatureIndex.iter_signatures`).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import numpy as np

from .clean import CleanConfig
from .clusters import ClusterConfig, joinable
from .errors import ConfigError, IndexMismatchError, InputError, OutputError
from .lsh import band_keys, containment_from_jaccard, estimate_containment, estimate_jaccard
from .signatures import MinHashConfig

__all__ = ["IndexSettings", "IndexMatch", "AddResult", "SignatureIndex", "INDEX_FORMAT"]

INDEX_FORMAT = "dedupe-news-index/1"
"""Identifies the table layout; an index of another format is refused."""

_QUERY_BATCH = 512
_FETCH_BATCH = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS header (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS bands (
    band INTEGER NOT NULL,
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class IndexSettings:
    """Everything that must match for two signatures to be comparable.

    Attributes:
        minhash: MinHash settings (num_perm, seed, shingles; the scheme and
            shingle hash are recorded from it).
        threshold: estimated Jaccard at or above which documents are copies.
        containment_threshold: estimated containment at or above which a
            document counts as a trimmed or extended copy.
        min_size_ratio, min_shingles: guards of the containment rule (see
            :class:`~dedupe_news.clusters.ClusterConfig`).
        bands, rows: LSH banding (``bands * rows <= num_perm``).
        clean: texts were cleaned before hashing.
        clean_boilerplate, clean_repeats: which optional cleaning stages ran.
    """

    minhash: MinHashConfig
    threshold: float
    containment_threshold: float
    bands: int
    rows: int
    min_size_ratio: float = 0.25
    min_shingles: int = 20
    clean: bool = True
    clean_boilerplate: bool = True
    clean_repeats: bool = True

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1 or self.bands * self.rows > self.minhash.num_perm:
            raise ConfigError(
                f"bands ({self.bands}) * rows ({self.rows}) must be between 1 and "
                f"num_perm ({self.minhash.num_perm})"
            )

    @classmethod
    def from_cluster_config(cls, config: ClusterConfig) -> IndexSettings:
        """Settings of a :class:`~dedupe_news.clusters.ClusterConfig`."""
        bands, rows = config.lsh_bands_rows()
        cleaning = config.clean_config or CleanConfig()
        return cls(
            minhash=config.minhash,
            threshold=float(config.threshold),
            containment_threshold=float(config.containment_threshold),
            bands=int(bands),
            rows=int(rows),
            min_size_ratio=float(config.min_size_ratio),
            min_shingles=int(config.min_shingles),
            clean=bool(config.clean),
            clean_boilerplate=bool(cleaning.strip_boilerplate),
            clean_repeats=bool(cleaning.remove_repeats),
        )

    def to_cluster_config(self) -> ClusterConfig:
        """The :class:`~dedupe_news.clusters.ClusterConfig` that hashes texts as this index did."""
        cleaning = CleanConfig(strip_boilerplate=self.clean_boilerplate, remove_repeats=self.clean_repeats)
        return ClusterConfig(
            threshold=self.threshold,
            containment_threshold=self.containment_threshold,
            min_size_ratio=self.min_size_ratio,
            min_shingles=self.min_shingles,
            clean=self.clean,
            clean_config=None if cleaning == CleanConfig() else cleaning,
            minhash=self.minhash,
            bands_rows=(self.bands, self.rows),
        )

    def to_header(self) -> dict[str, Any]:
        """The settings as flat header entries (JSON values)."""
        minhash = self.minhash.to_dict()
        return {
            "hash": minhash.get("hash"),
            "scheme": minhash.get("scheme"),
            "num_perm": self.minhash.num_perm,
            "seed": self.minhash.seed,
            "shingle": minhash.get("shingle"),
            "clean": self.clean,
            "clean_boilerplate": self.clean_boilerplate,
            "clean_repeats": self.clean_repeats,
            "threshold": self.threshold,
            "containment_threshold": self.containment_threshold,
            "min_size_ratio": self.min_size_ratio,
            "min_shingles": self.min_shingles,
            "bands": self.bands,
            "rows": self.rows,
        }

    @classmethod
    def from_header(cls, header: dict[str, Any]) -> IndexSettings:
        """Inverse of :meth:`to_header`."""
        minhash = MinHashConfig.from_dict(
            {key: header[key] for key in ("num_perm", "seed", "scheme", "hash", "shingle")}
        )
        return cls(
            minhash=minhash,
            threshold=float(header["threshold"]),
            containment_threshold=float(header["containment_threshold"]),
            bands=int(header["bands"]),
            rows=int(header["rows"]),
            min_size_ratio=float(header["min_size_ratio"]),
            min_shingles=int(header["min_shingles"]),
            clean=bool(header["clean"]),
            clean_boilerplate=bool(header["clean_boilerplate"]),
            clean_repeats=bool(header["clean_repeats"]),
        )

    def differences(self, other: IndexSettings) -> list[str]:
        """``"name: self value vs other value"`` for every setting that differs."""
        mine, theirs = _flatten(self.to_header()), _flatten(other.to_header())
        return [
            f"{key} {mine.get(key)!r} in the index, {theirs.get(key)!r} asked"
            for key in sorted(set(mine) | set(theirs))
            if mine.get(key) != theirs.get(key)
        ]

    def joinable(self, jaccard: float, containment: float, size_a: int, size_b: int) -> bool:
        """The clustering rule (:func:`dedupe_news.clusters.joinable`) with this
        index's thresholds. ``containment`` is not used: the rule estimates the
        smaller document's containment in the larger from ``jaccard`` and the sizes."""
        return _joins(jaccard, size_a, size_b, self.to_cluster_config())


def _joins(jaccard: float, size_a: int, size_b: int, config: ClusterConfig) -> bool:
    small, large = min(size_a, size_b), max(size_a, size_b)
    contained = containment_from_jaccard(jaccard, small, large)
    return bool(joinable(jaccard, contained, small, large, config))


def _flatten(header: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in header.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


@dataclass(frozen=True)
class IndexMatch:
    """An indexed document that a query document duplicates.

    Attributes:
        id: the indexed document's id.
        jaccard: estimated Jaccard similarity of the two shingle sets.
        containment: estimated share of the query's shingles found in the
            indexed document.
    """

    id: str
    jaccard: float
    containment: float


@dataclass(frozen=True)
class AddResult:
    """What :meth:`SignatureIndex.add` did: documents added and ids already present."""

    added: int
    duplicates: tuple[str, ...]


class SignatureIndex:
    """MinHash signatures and LSH band keys in one SQLite file.

    Open with :meth:`open`; use as a context manager (closes the file).
    """

    def __init__(self, path: str, connection: sqlite3.Connection, settings: IndexSettings, header: dict[str, Any]) -> None:
        self.path = path
        self.settings = settings
        self.header = header
        self._db = connection

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        settings: IndexSettings | None = None,
        *,
        create: bool = False,
    ) -> SignatureIndex:
        """Open (or with ``create``, create) the index at ``path``.

        Args:
            path: the SQLite file.
            settings: the settings the caller will use; ``None`` accepts the
                index's own. Required to create an index.
            create: create the file if it does not exist.

        Raises:
            InputError: the file does not exist (and ``create`` is false) or
                is not a dedupe-news index.
            IndexMismatchError: the index was built with other settings.
            OutputError: a new index cannot be written.
        """
        name = os.fspath(path)
        exists = os.path.exists(name)
        if not exists and not create:
            raise InputError(name, "no such index (create it with 'dedupe-news index add')")
        if not exists and settings is None:
            raise ConfigError("settings are required to create an index")
        try:
            connection = sqlite3.connect(name, isolation_level=None)
        except sqlite3.Error as error:
            raise (InputError if exists else OutputError)(name, f"cannot open index: {error}") from None
        try:
            header = _read_header(name, connection) if exists else None
            if header is None:
                assert settings is not None
                header = _create(name, connection, settings)
            stored = IndexSettings.from_header(header)
        except BaseException:
            connection.close()
            raise
        if settings is not None:
            differences = stored.differences(settings)
            if differences:
                connection.close()
                raise IndexMismatchError(
                    f"{name}: index was built with other settings: " + "; ".join(differences)
                    + ". Use the index's settings (omit those options) or build a new index."
                )
        return cls(name, connection, stored, header)

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def __enter__(self) -> SignatureIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    # ------------------------------------------------------------------ writing

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group additions: all of them are kept, or (on an exception) none."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise OutputError(self.path, f"cannot write index: {error}") from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as error:
            raise OutputError(self.path, f"cannot write index: {error}") from None

    def add(self, ids: Sequence[str], sigs: np.ndarray, sizes: np.ndarray) -> AddResult:
        """Add documents; ids already in the index are left as they are and returned.

        Call inside :meth:`transaction` to group several batches; alone, one
        call is one transaction.
        """
        sigs = self._check_signatures(sigs, len(ids))
        keys = band_keys(sigs, self.settings.bands, self.settings.rows).astype(np.uint64).view(np.int64)
        duplicates: list[str] = []
        added = 0
        own = not self._db.in_transaction
        try:
            if own:
                self._db.execute("BEGIN IMMEDIATE")
            for i, doc_id in enumerate(ids):
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO docs (id, size, signature) VALUES (?, ?, ?)",
                    (doc_id, int(sizes[i]), sigs[i].astype("<u4").tobytes()),
                )
                if cursor.rowcount == 0:
                    duplicates.append(doc_id)
                    continue
                doc = cursor.lastrowid
                self._db.executemany(
                    "INSERT OR IGNORE INTO bands (band, key, doc) VALUES (?, ?, ?)",
                    ((band, int(key), doc) for band, key in enumerate(keys[i])),
                )
                added += 1
            if own:
                self._db.execute("COMMIT")
        except sqlite3.Error as error:
            if own and self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise OutputError(self.path, f"cannot write index: {error}") from None
        return AddResult(added, tuple(duplicates))

    # ------------------------------------------------------------------ reading

    def query(self, sigs: np.ndarray, sizes: np.ndarray) -> list[list[IndexMatch]]:
        """For each query signature, the indexed documents it duplicates.

        A candidate (sharing at least one LSH band key) is a match when it
        passes the clustering rule with the index's thresholds
        (:meth:`IndexSettings.joinable`). Matches are sorted by Jaccard
        (highest first), then id; ``containment`` is the estimated share of
        the query's shingles inside the indexed document.
        """
        sigs = self._check_signatures(sigs, len(sizes))
        results: list[list[IndexMatch]] = [[] for _ in range(len(sigs))]
        config = self.settings.to_cluster_config()
        for start in range(0, len(sigs), _QUERY_BATCH):
            batch = sigs[start : start + _QUERY_BATCH]
            candidates = self._candidates(batch)
            stored = self._fetch(sorted({doc for docs in candidates.values() for doc in docs}))
            for offset, docs in sorted(candidates.items()):
                qi = start + offset
                found = []
                for doc in docs:
                    doc_id, size, sig = stored[doc]
                    jaccard = float(estimate_jaccard(sigs[qi], sig))
                    contained = float(estimate_containment(sigs[qi], int(sizes[qi]), sig, size))
                    if _joins(jaccard, int(sizes[qi]), size, config):
                        found.append(IndexMatch(doc_id, round(jaccard, 4), round(contained, 4)))
                found.sort(key=lambda m: (-m.jaccard, -m.containment, m.id))
                results[qi] = found
        return results

    def iter_signatures(self, batch_size: int = 1000) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
        """Yield ``(ids, signatures, sizes)`` batches in insertion order.

        Each signature row can become a ``datasketch.LeanMinHash`` (see
        :func:`dedupe_news.signatures.to_lean_minhash`) to move the index to
        ``datasketch.MinHashLSH`` with Redis storage.
        """
        last = 0
        num_perm = self.settings.minhash.num_perm
        while True:
            rows = self._db.execute(
                "SELECT doc, id, size, signature FROM docs WHERE doc > ? ORDER BY doc LIMIT ?",
                (last, batch_size),
            ).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            sigs = np.frombuffer(b"".join(r[3] for r in rows), dtype="<u4").reshape(len(rows), num_perm)
            yield [r[1] for r in rows], sigs.astype(np.uint32), np.array([r[2] for r in rows], dtype=np.uint32)

    def _candidates(self, batch: np.ndarray) -> dict[int, list[int]]:
        keys = band_keys(batch, self.settings.bands, self.settings.rows).astype(np.uint64).view(np.int64)
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS query_keys (qi INTEGER, band INTEGER, key INTEGER)")
        db.execute("DELETE FROM query_keys")
        db.executemany(
            "INSERT INTO query_keys VALUES (?, ?, ?)",
            ((qi, band, int(key)) for qi, row in enumerate(keys) for band, key in enumerate(row)),
        )
        candidates: dict[int, list[int]] = {}
        for qi, doc in db.execute(
            "SELECT DISTINCT q.qi, b.doc FROM query_keys q "
            "JOIN bands b ON b.band = q.band AND b.key = q.key ORDER BY q.qi, b.doc"
        ):
            candidates.setdefault(qi, []).append(doc)
        db.execute("DELETE FROM query_keys")
        return candidates

    def _fetch(self, docs: list[int]) -> dict[int, tuple[str, int, np.ndarray]]:
        found: dict[int, tuple[str, int, np.ndarray]] = {}
        for start in range(0, len(docs), _FETCH_BATCH):
            part = docs[start : start + _FETCH_BATCH]
            marks = ",".join("?" * len(part))
            for doc, doc_id, size, blob in self._db.execute(
                f"SELECT doc, id, size, signature FROM docs WHERE doc IN ({marks})", part
            ):
                found[doc] = (doc_id, int(size), np.frombuffer(blob, dtype="<u4").astype(np.uint32))
        return found

    def _check_signatures(self, sigs: np.ndarray, count: int) -> np.ndarray:
        sigs = np.asarray(sigs)
        num_perm = self.settings.minhash.num_perm
        if sigs.ndim != 2 or sigs.shape[1] != num_perm or sigs.shape[0] != count:
            raise ConfigError(
                f"expected signatures of shape ({count}, {num_perm}) for this index, got {sigs.shape}"
            )
        return sigs.astype(np.uint32, copy=False)


def _read_header(name: str, connection: sqlite3.Connection) -> dict[str, Any] | None:
    """The stored header; ``None`` for an empty new file."""
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        raise InputError(name, "not a dedupe-news index (not an SQLite database)") from None
    if not tables:
        return None
    if "header" not in tables:
        raise InputError(name, "not a dedupe-news index (no header table)")
    header = {key: json.loads(value) for key, value in connection.execute("SELECT key, value FROM header")}
    if header.get("format") != INDEX_FORMAT:
        raise IndexMismatchError(
            f"{name}: index format {header.get('format')!r} is not {INDEX_FORMAT!r}; rebuild the index"
        )
    try:
        IndexSettings.from_header(header)
    except (KeyError, TypeError, ValueError) as error:
        raise InputError(name, f"not a dedupe-news index (damaged header: {error})") from None
    return header


def _create(name: str, connection: sqlite3.Connection, settings: IndexSettings) -> dict[str, Any]:
    from . import __version__

    header = {"format": INDEX_FORMAT, "library_version": __version__, **settings.to_header()}
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.executemany(
            "INSERT INTO header (key, value) VALUES (?, ?)",
            ((key, json.dumps(value, sort_keys=True)) for key, value in header.items()),
        )
        connection.execute("COMMIT")
    except sqlite3.Error as error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise OutputError(name, f"cannot create index: {error}") from None
    return header
