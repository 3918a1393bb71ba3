"""``dedupe-news clean``: one cleaned record per input record.

Every input key is kept; the text key holds the cleaned text; ``--explain``
adds a ``changes`` list (stage, rule, reason, offsets, before, after).
Cleaning runs in ``--jobs`` processes with output identical to one job.
"""

from __future__ import annotations

import argparse
import functools
from dataclasses import asdict
from typing import Any

from ..io import AtomicOutput, JsonlWriter, Record
from .options import (
    Session,
    add_clean_options,
    add_input_options,
    add_output_options,
    add_run_options,
    clean_config,
    load_templates,
    record_source,
)
from .parallel import clean_chunk, map_chunks, resolve_jobs

__all__ = ["register", "run"]


def register(commands: Any, *, epilog: str) -> None:
    """Add the ``clean`` subcommand."""
    parser = commands.add_parser(
        "clean",
        help="write each record with its text cleaned (JSONL)",
        description="Repair escape artefacts and mojibake, normalise whitespace, strip "
        "boilerplate and repair repeated paragraphs. Writes one JSONL record per input "
        "record: every input key kept, the text key cleaned.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    add_output_options(parser)
    add_clean_options(parser)
    parser.add_argument(
        "--explain", action="store_true", help="add a 'changes' key listing every change"
    )
    add_run_options(parser)
    parser.set_defaults(run=run)


def change_dicts(changes: Any) -> list[dict[str, Any]]:
    """Changes as JSON-ready dicts."""
    return [asdict(change) for change in changes]


def run(args: argparse.Namespace, session: Session) -> int:
    """Clean every record and write them in input order."""
    config = clean_config(args)
    templates = load_templates(args)
    explain = bool(args.explain) or session.wants_stats
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats)
    output = AtomicOutput(args.output)
    progress = session.progress()
    with output as stream:
        writer = JsonlWriter(stream, output.name)
        work = functools.partial(clean_chunk, config, templates, explain)

        def project(record: Record) -> tuple[str, str | None]:
            return record.text, record_source(record, args)

        for chunk, results in map_chunks(
            work, session.records(sources), project, jobs=resolve_jobs(args.jobs)
        ):
            for record, result in zip(chunk, results):
                fields = dict(record.fields)
                fields[args.text_key] = result.text
                if args.explain:
                    fields["changes"] = change_dicts(result.changes)
                writer.write(fields)
                session.stats.add_explained(record.text, result)
                session.stats.docs_out += 1
            progress.update(len(chunk))
    progress.close()
    session.finish()
    return 0
