"""``dedupe-news index add | query | info``: the persistent SQLite index.

``add`` computes signatures of the inputs (in ``--jobs`` processes) and adds
them in one transaction; an id already in the index is reported and left as
it is. A new index takes its settings from the options (library defaults
otherwise); an existing index keeps its own, and an option that contradicts
them is refused (exit 5) with the differing settings named. ``query`` writes,
per input document, the indexed documents it duplicates with estimated
Jaccard and containment, without recomputing the indexed corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from ..clusters import ClusterConfig
from ..errors import OutputError
from ..io import AtomicOutput, JsonlWriter
from ..store import IndexSettings, SignatureIndex
from .cluster import sign_records
from .neardup import add_near_duplicate_options, cluster_config, settings_given
from .options import (
    Session,
    add_clean_options,
    add_input_options,
    add_output_options,
    add_run_options,
)

__all__ = ["register", "open_index", "config_of"]


def register(commands: Any, *, epilog: str) -> None:
    """Add ``index`` with its ``add``, ``query`` and ``info`` subcommands."""
    index = commands.add_parser(
        "index",
        help="a persistent near-duplicate index in one SQLite file (add, query, info)",
        description="Signatures and LSH bands of documents in one SQLite file, with a header "
        "of the settings they were computed with.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = index.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add",
        help="add documents (incrementally; repeated ids are reported and skipped)",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add.add_argument("index", metavar="INDEX", help="the SQLite index file (created if missing)")
    _inputs(add)
    add.set_defaults(run=run_add)
    query = actions.add_parser(
        "query",
        help="per input document, the indexed documents it duplicates (JSONL)",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    query.add_argument("index", metavar="INDEX", help="the SQLite index file")
    _inputs(query)
    add_output_options(query)
    query.add_argument(
        "--include-self",
        action="store_true",
        help="also report an indexed document with the same id as the query",
    )
    query.set_defaults(run=run_query)
    info = actions.add_parser("info", help="print the index's header and size (JSON)")
    info.add_argument("index", metavar="INDEX", help="the SQLite index file")
    info.set_defaults(run=run_info)


def _inputs(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    add_clean_options(parser)
    add_near_duplicate_options(parser, check=False)
    add_run_options(parser)


def open_index(path: str, args: argparse.Namespace, *, create: bool) -> SignatureIndex:
    """Open the index with its own settings, or with the options' if any were given.

    Options given on the command line replace only those settings; if the
    result differs from the index's, :class:`IndexMismatchError` names each
    difference. A new index takes the options (library defaults otherwise).
    """
    if os.path.exists(path):
        if not settings_given(args):
            return SignatureIndex.open(path)
        with SignatureIndex.open(path) as stored:
            base = stored.settings.to_cluster_config()
        return SignatureIndex.open(path, IndexSettings.from_cluster_config(cluster_config(args, base)))
    return SignatureIndex.open(path, IndexSettings.from_cluster_config(cluster_config(args)), create=create)


def config_of(index: SignatureIndex, args: argparse.Namespace) -> ClusterConfig:
    """The cluster config that hashes texts as the index did."""
    return index.settings.to_cluster_config()


def run_add(args: argparse.Namespace, session: Session) -> int:
    """Add the inputs' signatures in one transaction."""
    created = not os.path.exists(args.index)
    try:
        with open_index(args.index, args, create=True) as index:
            config = config_of(index, args)
            sources = session.sources()
            session.refuse_overwriting_inputs(sources, args.index, args.stats)
            signed = sign_records(session, sources, config, args)
            with index.transaction():
                result = index.add(signed.ids, signed.sigs, signed.sizes)
            total = len(index)
    except BaseException:
        if created:
            _remove_index(args.index)
        raise
    for doc_id in result.duplicates:
        session.stderr.write(f"dedupe-news: {args.index}: id {doc_id!r} already indexed; kept the indexed copy\n")
    session.stats.docs_out = result.added
    session.stats.extra["added"] = result.added
    session.stats.extra["already_indexed"] = len(result.duplicates)
    session.stats.extra["index_size"] = total
    if result.duplicates:
        session.stats.dropped["already indexed"] += len(result.duplicates)
    session.finish()
    return 0


def _remove_index(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(path + suffix)
        except FileNotFoundError:
            pass


def run_query(args: argparse.Namespace, session: Session) -> int:
    """Write ``{"id", "duplicates": [{"id", "jaccard", "containment"}, ...]}`` per input."""
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats, args.index)
    output = AtomicOutput(args.output)
    with output as stream:
        with open_index(args.index, args, create=False) as index:
            config = config_of(index, args)
            signed = sign_records(session, sources, config, args)
            matches = index.query(signed.sigs, signed.sizes)
        writer = JsonlWriter(stream, output.name)
        with_copies = 0
        for doc_id, raw_id, found in zip(signed.ids, signed.raw_ids, matches):
            duplicates = [
                {"id": m.id, "jaccard": m.jaccard, "containment": m.containment}
                for m in found
                if args.include_self or m.id != doc_id
            ]
            with_copies += bool(duplicates)
            writer.write({"id": raw_id, "duplicates": duplicates})
        session.stats.docs_out = writer.count
        session.stats.extra["documents_with_duplicates"] = with_copies
    session.finish()
    return 0


def run_info(args: argparse.Namespace, session: Session) -> int:
    """Print the header and the number of documents."""
    with SignatureIndex.open(args.index) as index:
        data = {"schema_version": 1, "path": args.index, "documents": len(index), "header": index.header}
    try:
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True) + "\n")
    except OSError as error:
        raise OutputError("<stdout>", f"cannot write: {error.strerror}") from None
    return 0
