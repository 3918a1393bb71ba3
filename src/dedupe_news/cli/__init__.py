"""The ``dedupe-news`` command line.

One module per group of subcommands (``clean``, ``repeats``, ``cluster`` and
``dedup``, ``scan``, ``check`` and ``fix`` for pre-commit, ``index``,
``templates``); this module builds the parser and holds :func:`main`, the one
place where library exceptions become a one-line message on stderr and an
exit code:

====  ==========================================================
code  meaning
====  ==========================================================
0     success
1     ``check`` found problems / ``fix`` changed files
2     usage or configuration error (:class:`ConfigError`)
3     input error: missing, unreadable, empty, binary, not UTF-8,
      malformed JSONL, missing key, line too long (:class:`InputError`)
4     output cannot be written (:class:`OutputError`)
5     index built with other settings (:class:`IndexMismatchError`)
====  ==========================================================
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import DedupeNewsError
from . import clean as clean_command
from . import cluster as cluster_command
from . import hook as hook_command
from . import index as index_command
from . import repeats as repeats_command
from . import scan as scan_command
from . import templates as templates_command
from .options import Session

__all__ = ["main", "build_parser", "error_message"]

EXIT_CODES = """\
exit codes:
  0  success
  1  check found problems / fix changed files
  2  usage or configuration error
  3  input error (missing, unreadable, empty, binary, not UTF-8, malformed JSONL,
     missing key, line too long); the message names file and line
  4  output cannot be written (nothing is left half-written)
  5  index built with other settings (the message names them)
"""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (subcommands register themselves)."""
    from .. import __version__

    parser = argparse.ArgumentParser(
        prog="dedupe-news",
        description="Clean scraped news text, repair repeated paragraphs, "
        "and cluster syndicated copies.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in (
        scan_command,
        clean_command,
        repeats_command,
        cluster_command,
        hook_command,
        index_command,
        templates_command,
    ):
        module.register(commands, epilog=EXIT_CODES)
    return parser


def error_message(error: BaseException) -> tuple[str, int]:
    """The one-line message and exit code for an exception that ends a run."""
    if isinstance(error, DedupeNewsError):
        return f"dedupe-news: error: {error}", error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return "dedupe-news: interrupted", 130
    if isinstance(error, BrokenPipeError):
        return "dedupe-news: error: <stdout>: broken pipe", 4
    raise error


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``dedupe-news`` with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse: --help (0) or a usage error (2)
        return stop.code if isinstance(stop.code, int) else 2
    name = " ".join(part for part in (args.command, getattr(args, "action", None)) if part)
    session = Session(name, args)
    try:
        session.begin()
        return int(args.run(args, session))
    except (DedupeNewsError, KeyboardInterrupt, BrokenPipeError) as error:
        session.abort()
        message, code = error_message(error)
        if isinstance(error, BrokenPipeError):
            # stdout's reader went away; do not let Python complain again at exit
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
        else:
            sys.stderr.write(message + "\n")
        return code
