"""``dedupe-news cluster`` and ``dedupe-news dedup``: near-duplicate copies.

Both read the input once to compute signatures (in ``--jobs`` processes),
keeping only ids, signatures and sizes in memory, then cluster them.
``cluster`` writes one ``{"id", "cluster"}`` record per input id, in input
order (equal ``cluster`` values = copies of one story). ``dedup`` reads the
input a second time and writes the records to keep, unchanged; every dropped
record is counted and, with ``--dropped FILE``, listed with its cluster,
canonical copy, similarity and reason.
"""

from __future__ import annotations

import argparse
import functools
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..clusters import ClusterConfig, ClusterResult, cluster_signatures
from ..errors import InputError
from ..io import AtomicOutput, JsonlWriter, Record, Source, read_records, spool_stdin
from .neardup import add_near_duplicate_options, cluster_config, signature_chunk, stack
from .options import (
    Session,
    add_clean_options,
    add_input_options,
    add_output_options,
    add_run_options,
    read_config,
)
from .parallel import map_chunks, resolve_jobs

__all__ = ["register", "Signed", "sign_records", "member_similarity"]


def register(commands: Any, *, epilog: str) -> None:
    """Add the ``cluster`` and ``dedup`` subcommands."""
    cluster = commands.add_parser(
        "cluster",
        help="assign every document to a cluster of copies (JSONL: id, cluster)",
        description="Cluster near-duplicate documents (syndicated copies) with MinHash LSH. "
        "Writes one record per input id with 'id' and 'cluster'; equal cluster values "
        "mean copies of one story.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(cluster)
    cluster.add_argument(
        "--details",
        action="store_true",
        help="also write 'canonical' (the cluster's kept copy) and 'similarity' to it",
    )
    cluster.set_defaults(run=run_cluster)
    dedup = commands.add_parser(
        "dedup",
        help="keep one copy per cluster of near-duplicates (JSONL records unchanged)",
        description="Write the input records to keep — one canonical copy per cluster of "
        "near-duplicates, every document without copies — unchanged and in input order. "
        "Reads the input twice (signatures, then output); stdin is spooled to a temporary file.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(dedup)
    dedup.add_argument(
        "--dropped",
        metavar="FILE",
        help="write each dropped record's id, cluster, canonical, similarity and reason (JSONL)",
    )
    dedup.set_defaults(run=run_dedup)


def _common(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    add_output_options(parser)
    add_clean_options(parser)
    add_near_duplicate_options(parser, check=False)
    add_run_options(parser)


@dataclass
class Signed:
    """The first pass: ids in input order, their signatures, and which records were used.

    Attributes:
        ids: document ids (strings) in input order.
        raw_ids: the ids as they appeared in the input (string or integer).
        sigs, sizes: signatures and shingle-set sizes.
        used: one flag per record read (0 = skipped as a duplicate id).
    """

    ids: list[str]
    raw_ids: list[Any]
    sigs: np.ndarray
    sizes: np.ndarray
    used: bytearray


def sign_records(
    session: Session, sources: Sequence[Source], config: Any, args: argparse.Namespace
) -> Signed:
    """Read every record once and compute its signature (in ``--jobs`` processes).

    A repeated id is an input error (or, with ``--on-error skip``, a skipped
    record): clusters are reported per id.
    """
    work = functools.partial(signature_chunk, config)
    first_seen: dict[str, str] = {}
    ids: list[str] = []
    raw_ids: list[Any] = []
    used = bytearray()
    parts = []
    progress = session.progress()

    def unique(records: Iterator[Record]) -> Iterator[Record]:
        for record in records:
            if record.id in first_seen:
                error = InputError(
                    record.source, f"duplicate id {record.id!r} (first at {first_seen[record.id]})", record.line
                )
                if not session.skip_errors:
                    raise error
                session.skipped(error)
                used.append(0)
                continue
            first_seen[record.id] = record.where
            used.append(1)
            yield record

    def project(record: Record) -> str:
        return record.text

    for chunk, part in map_chunks(
        work, unique(session.records(sources)), project, jobs=resolve_jobs(args.jobs)
    ):
        for record in chunk:
            ids.append(record.id)
            raw_ids.append(record.fields.get(args.id_key, record.id) if record.line is not None else record.id)
        parts.append(part)
        progress.update(len(chunk))
    progress.close()
    sigs, sizes = stack(parts, config.minhash.num_perm)
    return Signed(ids, raw_ids, sigs, sizes, used)


def member_similarity(cluster: Any, member: str) -> float:
    """A member's similarity to its cluster's canonical copy (1.0 for the canonical)."""
    if member == cluster.canonical:
        return 1.0
    similarity = getattr(cluster, "similarity", None)
    if isinstance(similarity, Mapping):
        return float(similarity.get(member, 0.0))
    if isinstance(similarity, (list, tuple)):
        members = list(cluster.members)
        if len(similarity) == len(members) and member in members:
            value = similarity[members.index(member)]
            return float(value[1] if isinstance(value, tuple) else value)
        for item in similarity:
            if isinstance(item, tuple) and item and item[0] == member:
                return float(item[1])
    if isinstance(similarity, (int, float)):
        return float(similarity)
    return 0.0


def _cluster(signed: Signed, config: ClusterConfig) -> ClusterResult:
    return cluster_signatures(signed.ids, signed.sigs, signed.sizes, config)


def run_cluster(args: argparse.Namespace, session: Session) -> int:
    """Write ``{"id", "cluster"}`` per input id, in input order."""
    config = cluster_config(args)
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats)
    output = AtomicOutput(args.output)
    with output as stream:
        signed = sign_records(session, sources, config, args)
        result = _cluster(signed, config)
        by_id = {member: cluster for cluster in result.clusters for member in cluster.members}
        writer = JsonlWriter(stream, output.name)
        for doc_id, raw_id in zip(signed.ids, signed.raw_ids):
            record: dict[str, Any] = {"id": raw_id, "cluster": result.assignments[doc_id]}
            if args.details:
                cluster = by_id.get(doc_id)
                canonical = cluster.canonical if cluster is not None else doc_id
                record["canonical"] = canonical
                record["similarity"] = round(member_similarity(cluster, doc_id), 4) if cluster is not None else 1.0
            writer.write(record)
        session.stats.docs_out = writer.count
        session.stats.add_clusters(len(cluster.members) for cluster in result.clusters)
    session.finish()
    return 0


def run_dedup(args: argparse.Namespace, session: Session) -> int:
    """Write the records to keep; account for every dropped one."""
    config = cluster_config(args)
    with tempfile.TemporaryDirectory(prefix="dedupe-news-") as spool:
        sources = spool_stdin(session.sources(), spool)
        session.refuse_overwriting_inputs(sources, args.output, args.dropped, args.stats)
        output = AtomicOutput(args.output)
        dropped_output = AtomicOutput(args.dropped) if args.dropped else None
        with output as stream:
            dropped_stream = dropped_output.open() if dropped_output else None
            try:
                signed = sign_records(session, sources, config, args)
                result = _cluster(signed, config)
                drop = _dropped(result)
                session.stats.add_clusters(len(cluster.members) for cluster in result.clusters)
                writer = JsonlWriter(stream, output.name)
                dropped_writer = JsonlWriter(dropped_stream, args.dropped) if dropped_stream else None
                records = read_records(sources, read_config(args), (lambda error: None) if session.skip_errors else None)
                for flag, record in zip(signed.used, records):
                    if not flag:
                        continue
                    info = drop.get(record.id)
                    if info is None:
                        writer.write(record.fields)
                        continue
                    session.stats.add_dropped("near-duplicate")
                    if dropped_writer is not None:
                        dropped_writer.write({"id": record.fields.get(args.id_key, record.id), **info})
                session.stats.docs_out = writer.count
                if dropped_output is not None:
                    dropped_output.commit()
            except BaseException:
                if dropped_output is not None:
                    dropped_output.abort()
                raise
    session.finish()
    return 0


def _dropped(result: Any) -> dict[str, dict[str, Any]]:
    """Every non-canonical member: its cluster, canonical copy, similarity and reason."""
    dropped: dict[str, dict[str, Any]] = {}
    for cluster in result.clusters:
        for member in cluster.members:
            if member == cluster.canonical:
                continue
            similarity = round(member_similarity(cluster, member), 4)
            dropped[member] = {
                "cluster": cluster.id,
                "canonical": cluster.canonical,
                "similarity": similarity,
                "reason": f"near-duplicate of {cluster.canonical} (similarity {similarity:.2f})",
            }
    return dropped
