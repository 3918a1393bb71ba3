"""``dedupe-news templates fit | info``: corpus-learned boilerplate templates.

``fit`` reads a corpus, normalises each text as ``clean`` does before its
boilerplate stage, and learns per source the lines that recur on many of that
source's pages (:meth:`~dedupe_news.boilerplate.TemplateModel.fit`). The
model is written atomically to ``-o MODEL`` and used with
``clean --templates MODEL`` (and ``scan``, ``check``, ``fix``, ``cluster``).
A record's source is the value of ``--source-key`` or, for a text file, its
folder: the same rule the other commands use to look templates up.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from ..boilerplate import TemplateModel
from ..errors import ConfigError, OutputError
from ..io import Source
from ..normalize import normalize
from .options import Session, add_input_options, add_run_options, fraction, record_source

__all__ = ["register", "run_fit", "run_info"]


def register(commands: Any, *, epilog: str) -> None:
    """Add ``templates`` with its ``fit`` and ``info`` subcommands."""
    templates = commands.add_parser(
        "templates",
        help="learn per-source boilerplate lines from a corpus (fit, info)",
        description="Lines that one source repeats on many of its pages are that source's "
        "template; clean --templates MODEL removes them.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = templates.add_subparsers(dest="action", metavar="ACTION", required=True)
    fit = actions.add_parser(
        "fit",
        help="learn a template model from the inputs and write it to -o MODEL",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_input_options(fit)
    fit.add_argument("-o", "--output", required=True, metavar="MODEL", help="the model file to write (JSON)")
    fit.add_argument(
        "--source-key",
        metavar="KEY",
        help="JSONL key naming a record's source (required for JSONL; text files: their folder)",
    )
    fit.add_argument(
        "--min-docs",
        type=int,
        default=3,
        metavar="N",
        help="a template line occurs in at least N documents of its source (default: 3)",
    )
    fit.add_argument(
        "--min-fraction",
        type=fraction,
        default=0.3,
        metavar="F",
        help="... and in at least this fraction (above 0) of them (default: 0.3)",
    )
    fit.add_argument(
        "--max-words",
        type=int,
        default=80,
        metavar="N",
        help="lines of N words or more are never templates (default: 80)",
    )
    add_run_options(fit, jobs=False)
    fit.set_defaults(run=run_fit)
    info = actions.add_parser("info", help="print a model's settings and lines per source (JSON)")
    info.add_argument("model", metavar="MODEL", help="a model written by 'templates fit'")
    info.set_defaults(run=run_info)


def _pairs(args: argparse.Namespace, session: Session, sources: list[Source]) -> Iterator[tuple[str, str]]:
    """``(source, normalised text)`` per record; a record without a source is refused."""
    progress = session.progress()
    for record in session.records(sources):
        source = record_source(record, args)
        if source is None:
            raise ConfigError(
                f"{record.where}: record has no source; pass --source-key KEY naming "
                "a string field (e.g. the domain)"
            )
        progress.update()
        yield source, normalize(record.text)
    progress.close()


def run_fit(args: argparse.Namespace, session: Session) -> int:
    """Fit the model on the inputs and save it atomically."""
    if args.max_words < 1:
        raise ConfigError(f"--max-words must be >= 1, got {args.max_words}")
    sources = session.sources()
    session.refuse_overwriting_inputs(sources, args.output, args.stats)
    model = TemplateModel.fit(
        _pairs(args, session, sources),
        min_docs=args.min_docs,
        min_fraction=args.min_fraction,
        max_words=args.max_words,
    )
    model.save(args.output)
    session.stats.docs_out = session.stats.docs_in
    session.stats.extra["sources_with_templates"] = len(model.lines)
    session.stats.extra["template_lines"] = sum(len(lines) for lines in model.lines.values())
    session.finish()
    return 0


def run_info(args: argparse.Namespace, session: Session) -> int:
    """Print the model's settings and the number of template lines per source."""
    model = TemplateModel.load(args.model)
    data = {
        "path": args.model,
        "min_docs": model.min_docs,
        "min_fraction": model.min_fraction,
        "sources": {source: len(model.lines[source]) for source in sorted(model.lines)},
    }
    try:
        sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    except OSError as error:
        raise OutputError("<stdout>", f"cannot write: {error.strerror}") from None
    return 0
