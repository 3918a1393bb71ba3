"""``dedupe-news repeats``: report repeated paragraphs, blocks and glued quotes.

Writes every input record with a ``repeats`` key holding the report of
:func:`dedupe_news.repeats.find_repeats`; the text is not changed. With
``--gopher`` it also adds ``repetition`` (Gopher's repetition statistics and
whether they exceed Gopher's thresholds).
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
from collections.abc import Mapping
from typing import Any

from ..gopher import is_repetitive, repetition_stats
from ..repeats import find_repeats
from ..io import AtomicOutput, JsonlWriter, Record
from .options import Session, add_input_options, add_output_options, add_run_options
from .parallel import map_chunks, resolve_jobs

__all__ = ["register", "run", "to_jsonable", "repeats_chunk"]


def register(commands: Any, *, epilog: str) -> None:
    """Add the ``repeats`` subcommand."""
    parser = commands.add_parser(
        "repeats",
        help="report repeated paragraphs and blocks inside each document (JSONL)",
        description="Find repeated paragraphs, repeated multi-paragraph blocks and glued "
        "pull quotes inside each document. Writes every input record with a 'repeats' key.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(parser)
    add_output_options(parser)
    parser.add_argument(
        "--gopher",
        action="store_true",
        help="add 'repetition': Gopher repetition statistics and the is_repetitive verdict",
    )
    add_run_options(parser)
    parser.set_defaults(run=run)


def to_jsonable(value: Any) -> Any:
    """Turn a report (dataclasses, tuples, mappings) into JSON-ready data."""
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_jsonable(to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, float):
        return round(value, 6)
    if value is None or isinstance(value, (str, int, bool)):
        return value
    return str(value)


def repeats_chunk(gopher: bool, texts: list[str]) -> list[tuple[dict[str, Any], bool]]:
    """The repeats report (and optionally Gopher statistics) of each text, and whether it has repeats."""
    results = []
    for text in texts:
        report = find_repeats(text)
        found = bool(getattr(report, "has_repeats", False))
        result: dict[str, Any] = {"repeats": to_jsonable(report)}
        if gopher:
            stats = repetition_stats(text)
            repetitive, reason = is_repetitive(text)
            result["repetition"] = {
                "statistics": to_jsonable(stats),
                "repetitive": repetitive,
                "reason": reason,
            }
        results.append((result, found))
    return results


def run(args: argparse.Namespace, session: Session) -> int:
    """Write each record with its repeats report."""
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats)
    output = AtomicOutput(args.output)
    progress = session.progress()
    with output as stream:
        writer = JsonlWriter(stream, output.name)
        work = functools.partial(repeats_chunk, bool(args.gopher))

        def project(record: Record) -> str:
            return record.text

        for chunk, results in map_chunks(
            work, session.records(sources), project, jobs=resolve_jobs(args.jobs)
        ):
            for record, (result, found) in zip(chunk, results):
                fields = dict(record.fields)
                fields.update(result)
                writer.write(fields)
                session.stats.docs_out += 1
                session.stats.extra["documents_with_repeats"] += int(found)
            progress.update(len(chunk))
    progress.close()
    session.finish()
    return 0

