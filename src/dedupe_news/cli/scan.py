"""``dedupe-news scan``: a human-readable report on a folder (or any inputs).

For each document: what cleaning would change, grouped by stage — escape
artefacts and mojibake repaired, boilerplate lines removed (by rule),
repeated paragraphs and blocks removed — each with its line in the original
file; then the clusters of copies among all documents, and a summary. With
``--json`` the same report is written as JSON carrying a schema version.
Nothing is modified.
"""

from __future__ import annotations

import argparse
import functools
import json
from typing import Any

from ..clean import CleanConfig
from ..clusters import ClusterConfig, cluster_signatures
from ..io import AtomicOutput, Record
from ..report import (
    ClusterSummary,
    FileFindings,
    document_to_dict,
    find_changes,
    format_clusters,
    format_document,
    format_summary,
    scan_to_dict,
)
from ..signatures import MinHashConfig, signatures_and_sizes
from .cluster import member_similarity
from .neardup import add_near_duplicate_options, cluster_config, stack
from .options import (
    Session,
    add_clean_options,
    add_input_options,
    add_run_options,
    clean_config,
    load_templates,
    record_source,
)
from .parallel import map_chunks, resolve_jobs

__all__ = ["register", "run", "scan_chunk"]


def register(commands: Any, *, epilog: str) -> None:
    """Add the ``scan`` subcommand."""
    parser = commands.add_parser(
        "scan",
        help="report on a folder: artefacts, boilerplate, repeats, clusters of copies",
        description="A human-readable report of what cleaning would change in each document "
        "(with line numbers) and which documents are copies of one another. Read-only.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    parser.add_argument("-o", "--output", default="-", metavar="FILE", help="write the report here (default: stdout)")
    parser.add_argument("--json", action="store_true", help="write the report as JSON (with schema_version)")
    parser.add_argument(
        "--max-findings",
        type=int,
        default=8,
        metavar="N",
        help="list at most N changes per stage and document (default 8; 0 = all)",
    )
    parser.add_argument(
        "--no-clusters", action="store_true", help="skip near-duplicate clustering"
    )
    add_clean_options(parser)
    add_near_duplicate_options(parser, check=False)
    add_run_options(parser)
    parser.set_defaults(run=run)


def scan_chunk(
    config: CleanConfig,
    templates: Any,
    minhash: MinHashConfig | None,
    hash_cleaned: bool,
    items: list[tuple[str, str, str | None]],
) -> tuple[list[FileFindings], Any]:
    """Findings of each ``(id, text, source)`` and, with ``minhash``, signatures and sizes."""
    found = [find_changes(doc_id, text, config, templates=templates, source=source) for doc_id, text, source in items]
    if minhash is None:
        return found, None
    texts = [item.cleaned if hash_cleaned else item.original for item in found]
    sigs, sizes = signatures_and_sizes(texts, minhash)
    return found, (sigs, sizes)


def run(args: argparse.Namespace, session: Session) -> int:
    """Print (or write) the scan report."""
    config = clean_config(args)
    templates = load_templates(args)
    clusters_config = None if args.no_clusters else cluster_config(args)
    minhash = clusters_config.minhash if clusters_config is not None else None
    hash_cleaned = bool(getattr(clusters_config, "clean", True))
    limit = args.max_findings if args.max_findings > 0 else None
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats)
    output = AtomicOutput(args.output)
    ids: list[str] = []
    parts = []
    documents: list[dict[str, Any]] = []
    progress = session.progress()
    with output as stream:
        work = functools.partial(scan_chunk, config, templates, minhash, hash_cleaned)

        def project(record: Record) -> tuple[str, str, str | None]:
            return record.id, record.text, record_source(record, args)

        for chunk, (found, part) in map_chunks(
            work, session.records(sources), project, jobs=resolve_jobs(args.jobs), chunk_size=32
        ):
            for item in found:
                ids.append(item.path)
                session.stats.add_explained(item.original, item.explained)
                session.stats.docs_out += 1
                if args.json:
                    documents.append(document_to_dict(item))
                else:
                    stream.write((format_document(item, max_findings=limit) + "\n").encode("utf-8"))
            if part is not None:
                parts.append(part)
            progress.update(len(chunk))
        progress.close()
        summaries = _clusters(ids, parts, clusters_config) if clusters_config is not None else None
        if summaries is not None:
            session.stats.add_clusters(len(c.members) for c in summaries)
        if args.json:
            settings = {"clean": {"boilerplate": config.strip_boilerplate, "repeats": config.remove_repeats}}
            if clusters_config is not None:
                settings["minhash"] = clusters_config.minhash.to_dict()
                settings["threshold"] = clusters_config.threshold
            report = scan_to_dict(documents, summaries or [], session.stats, settings)
            stream.write((json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        else:
            tail = ""
            if summaries is not None:
                tail += format_clusters(summaries, session.stats.docs_in) + "\n"
            tail += format_summary(session.stats) + "\n"
            stream.write(("\n" + tail).encode("utf-8"))
    session.finish(summary=False)
    return 0


def _clusters(ids: list[str], parts: list[Any], config: ClusterConfig) -> list[ClusterSummary]:
    if not ids:
        return []
    sigs, sizes = stack(parts, config.minhash.num_perm)
    result = cluster_signatures(ids, sigs, sizes, config)
    summaries = []
    for cluster in result.clusters:
        members = tuple((m, member_similarity(cluster, m)) for m in cluster.members)
        summaries.append(ClusterSummary(str(cluster.id), cluster.canonical, members))
    return summaries
