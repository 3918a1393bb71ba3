"""Options shared by the subcommands and the objects built from them.

Each ``add_*`` function adds one group of options to a subcommand's parser;
each builder turns parsed arguments into the library's config objects, so a
setting means the same thing in every subcommand. :class:`Session` carries a
run's statistics, the skipped-input accounting and the progress line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from ..boilerplate import TemplateModel
from ..clean import CleanConfig
from ..errors import ConfigError, InputError
from ..io import DEFAULT_MAX_LINE_BYTES, AtomicOutput, ReadConfig, Record, Source, expand_inputs, read_records
from ..report import RunStats
from .progress import Progress

__all__ = [
    "add_input_options",
    "add_output_options",
    "add_run_options",
    "add_clean_options",
    "fraction",
    "read_config",
    "clean_config",
    "load_templates",
    "record_source",
    "Session",
]


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {number}")
    return number


def fraction(value: str) -> float:
    """An argparse type: a number in [0, 1]."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in [0, 1], got {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number in [0, 1], got {number}")
    return number


def add_input_options(parser: argparse.ArgumentParser, *, nargs: str = "+") -> None:
    """INPUT... plus --text-key, --id-key, --input-format, --max-line-bytes, --on-error."""
    parser.add_argument(
        "inputs",
        nargs=nargs,
        metavar="INPUT",
        help=".txt files, folders (recursive), .jsonl / .jsonl.gz files, or - for stdin (JSONL)",
    )
    group = parser.add_argument_group("input")
    group.add_argument("--text-key", default="text", help="JSONL key of the text (default: text)")
    group.add_argument("--id-key", default="id", help="JSONL key of the id (default: id)")
    group.add_argument(
        "--input-format",
        choices=("auto", "jsonl", "text"),
        default="auto",
        help="how to read inputs (default: auto, by suffix; stdin is JSONL)",
    )
    group.add_argument(
        "--max-line-bytes",
        type=_positive_int,
        default=DEFAULT_MAX_LINE_BYTES,
        metavar="N",
        help=f"refuse JSONL or text lines longer than N bytes (default: {DEFAULT_MAX_LINE_BYTES})",
    )
    group.add_argument(
        "--on-error",
        choices=("fail", "skip"),
        default="fail",
        help="on a bad input file or line: stop (exit 3, default) or skip it, "
        "reporting each skipped input with its reason",
    )


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """-o/--output (default stdout)."""
    parser.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="FILE",
        help="write JSONL here (default: stdout); written to a temporary file, then renamed",
    )


def add_run_options(parser: argparse.ArgumentParser, *, jobs: bool = True) -> None:
    """--jobs, --stats, --quiet, --progress/--no-progress."""
    group = parser.add_argument_group("run")
    if jobs:
        group.add_argument(
            "-j",
            "--jobs",
            type=_positive_int,
            default=1,
            metavar="N",
            help="worker processes for cleaning and signatures (0 = one per CPU); "
            "output is identical for every N",
        )
    group.add_argument(
        "--stats", metavar="FILE", help="also write the statistics summary as JSON to FILE"
    )
    group.add_argument(
        "-q", "--quiet", action="store_true", help="do not print the statistics summary on stderr"
    )
    group.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress line on stderr (default: only when stderr is a terminal)",
    )


def add_clean_options(parser: argparse.ArgumentParser) -> None:
    """--no-boilerplate, --no-repeats, --templates, --source-key."""
    group = parser.add_argument_group("cleaning")
    group.add_argument(
        "--no-boilerplate", action="store_true", help="keep boilerplate lines (skip that stage)"
    )
    group.add_argument(
        "--no-repeats", action="store_true", help="keep repeated paragraphs (skip that stage)"
    )
    group.add_argument(
        "--templates",
        metavar="MODEL",
        help="a fitted boilerplate TemplateModel file; per-source template lines are removed too",
    )
    group.add_argument(
        "--source-key",
        metavar="KEY",
        help="JSONL key naming a record's source for --templates (text files: their folder)",
    )


def read_config(args: argparse.Namespace) -> ReadConfig:
    """The :class:`~dedupe_news.io.ReadConfig` of the input options."""
    return ReadConfig(
        text_key=args.text_key,
        id_key=args.id_key,
        input_format=args.input_format,
        max_line_bytes=args.max_line_bytes,
    )


def clean_config(args: argparse.Namespace) -> CleanConfig:
    """The :class:`~dedupe_news.clean.CleanConfig` of the cleaning options."""
    return CleanConfig(
        strip_boilerplate=not getattr(args, "no_boilerplate", False),
        remove_repeats=not getattr(args, "no_repeats", False),
    )


def load_templates(args: argparse.Namespace) -> TemplateModel | None:
    """The :class:`TemplateModel` named by ``--templates``, or ``None``."""
    path = getattr(args, "templates", None)
    if not path:
        return None
    try:
        return TemplateModel.load(path)
    except OSError as error:
        raise InputError(path, f"cannot read templates: {error.strerror}") from None


def record_source(record: Record, args: argparse.Namespace) -> str | None:
    """The source used to look up templates: ``--source-key`` value or the file's folder."""
    key = getattr(args, "source_key", None)
    if key and key in record.fields and isinstance(record.fields[key], str):
        return record.fields[key]
    if record.line is None:
        parent = record.source.rsplit("/", 1)
        return parent[0] if len(parent) == 2 else "."
    return None


_REASON = re.compile(r"^[^:(]+")


@dataclass
class Session:
    """One run: its statistics, skipped inputs and progress line.

    Attributes:
        command: the subcommand name.
        args: the parsed arguments.
        stats: the statistics printed at the end.
        stderr: where messages and the summary go.
    """

    command: str
    args: argparse.Namespace
    stats: RunStats = field(init=False)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)

    def __post_init__(self) -> None:
        self.stats = RunStats(self.command)
        self._stats_output: AtomicOutput | None = None

    def begin(self) -> None:
        """Open the ``--stats`` file now, so an unwritable path fails before any work."""
        path = getattr(self.args, "stats", None)
        if path:
            self._stats_output = AtomicOutput(path)
            self._stats_output.open()

    def abort(self) -> None:
        """Drop a half-made ``--stats`` file after a failure."""
        if self._stats_output is not None:
            self._stats_output.abort()

    @property
    def skip_errors(self) -> bool:
        """True with ``--on-error skip``."""
        return getattr(self.args, "on_error", "fail") == "skip"

    def skipped(self, error: InputError) -> None:
        """Account for a skipped input: count it by reason and say so on stderr."""
        match = _REASON.match(error.message)
        reason = match.group(0).strip() if match else error.message
        self.stats.add_dropped(reason, str(error))
        self.stderr.write(f"dedupe-news: skipped {error}\n")

    def sources(self, inputs: Sequence[str] | None = None) -> list[Source]:
        """The expanded inputs."""
        return expand_inputs(inputs if inputs is not None else self.args.inputs, read_config(self.args))

    def refuse_overwriting_inputs(self, sources: Sequence[Source], *outputs: str | None) -> None:
        """Refuse an output that is one of the inputs: inputs are never modified.

        Raises:
            ConfigError: an output path names an input file.
        """
        for output in outputs:
            if not output or output == "-" or not os.path.exists(output):
                continue
            for source in sources:
                if source.path is not None and os.path.samefile(source.path, output):
                    raise ConfigError(f"{output}: output is also an input; write to another file")

    def records(self, sources: Sequence[Source]) -> Iterator[Record]:
        """Stream records, skipping bad ones with ``--on-error skip``."""
        on_error = self.skipped if self.skip_errors else None
        for record in read_records(sources, read_config(self.args), on_error, self._blank):
            self.stats.docs_in += 1
            yield record

    def _blank(self, source: str, line: int) -> None:
        self.stats.extra["blank_lines_skipped"] += 1

    def progress(self, label: str | None = None) -> Progress:
        """A progress line, enabled per ``--progress`` or when stderr is a terminal."""
        wanted = getattr(self.args, "progress", None)
        if wanted is None:
            wanted = bool(getattr(self.stderr, "isatty", lambda: False)())
        return Progress(label or self.command, enabled=wanted, stream=self.stderr)

    @property
    def wants_stats(self) -> bool:
        """True when the summary will be shown or saved."""
        return not getattr(self.args, "quiet", False) or bool(getattr(self.args, "stats", None))

    def finish(self, *, summary: bool = True) -> None:
        """Print the summary on stderr (unless ``--quiet`` or ``summary`` is
        False, when the command printed it itself) and write ``--stats``."""
        if summary and not getattr(self.args, "quiet", False):
            self.stderr.write(self.stats.format() + "\n")
        if getattr(self.args, "stats", None) and self._stats_output is None:
            self.begin()
        if self._stats_output is not None:
            stream = self._stats_output.open()
            text = json.dumps(self.stats.to_dict(), indent=2, ensure_ascii=False) + "\n"
            stream.write(text.encode("utf-8"))
            self._stats_output.commit()
