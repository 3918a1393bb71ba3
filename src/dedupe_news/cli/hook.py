"""``dedupe-news check`` and ``dedupe-news fix``: the pre-commit hooks.

``check`` is read-only: it prints ``file:line: rule: reason`` for every change
cleaning would make (escape artefacts, mojibake, boilerplate, repeated
paragraphs) and for files that are near-duplicates of another committed file
(``git ls-files``) or of an index given with ``--index``, and exits 1 when it
printed anything. ``fix`` rewrites each file with its cleaned text
(atomically), prints ``Fixing <file>`` and exits 1 when it changed a file.
``check`` flags a text exactly when ``fix`` would rewrite it (cleaning is
idempotent), so after ``fix`` the cleaning part of ``check`` passes;
near-duplicates are reported only, never removed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from ..clean import CleanConfig
from ..errors import InputError
from ..io import DEFAULT_MAX_LINE_BYTES, atomic_write_text, decode_text_file
from ..report import Finding, find_changes
from .neardup import add_near_duplicate_options, near_duplicate_findings
from .options import Session, add_clean_options, clean_config, load_templates

__all__ = ["register", "fixed_text", "check_text", "read_text_file", "committed_files"]


def register(commands: Any, *, epilog: str) -> None:
    """Add the ``check`` and ``fix`` subcommands."""
    check = commands.add_parser(
        "check",
        help="pre-commit check: list what cleaning would change, and near-duplicate files",
        description="Read-only. Prints file:line: rule: reason for escape artefacts, "
        "boilerplate and repeated paragraphs, and for files that are near-duplicates of "
        "another committed file or of an index. Exit 1 when anything was found.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(check)
    add_near_duplicate_options(check)
    check.set_defaults(run=run_check)
    fix = commands.add_parser(
        "fix",
        help="pre-commit fixer: rewrite files with their cleaned text",
        description="Rewrites each file with its cleaned text (temporary file, then rename), "
        "prints 'Fixing <file>' for each one changed, and exits 1 when it changed any.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(fix)
    fix.set_defaults(run=run_fix)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", metavar="FILE", help="text files (pre-commit passes them)")
    add_clean_options(parser)
    parser.add_argument(
        "--max-line-bytes",
        type=int,
        default=DEFAULT_MAX_LINE_BYTES,
        metavar="N",
        help=f"refuse lines longer than N bytes (default: {DEFAULT_MAX_LINE_BYTES})",
    )


def read_text_file(path: str, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> str:
    """A file's text, refusing empty, binary and non-UTF-8 files with :class:`InputError`."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(path, f"cannot read: {error.strerror}") from None
    return decode_text_file(path, data, max_line_bytes)


def fixed_text(cleaned: str, original: str) -> str:
    """What the fixer writes: the cleaned text, keeping a final newline if the file had one."""
    if original.endswith("\n") and cleaned and not cleaned.endswith("\n"):
        return cleaned + "\n"
    return cleaned


def check_text(
    path: str,
    text: str,
    config: CleanConfig | None = None,
    *,
    templates: object | None = None,
    source: str | None = None,
) -> tuple[str, list[Finding]]:
    """The fixer's output for ``text`` and the findings ``check`` prints for it.

    There are findings exactly when the fixer's output differs from ``text``.
    """
    result = find_changes(path, text, config, templates=templates, source=source)
    target = fixed_text(result.cleaned, text)
    if target == text:
        return target, []
    findings = list(result.findings)
    if not findings:
        findings.append(Finding(path, 1, 1, "clean", "clean.unexplained", "text changes when cleaned", ""))
    return target, findings


def _source(path: str) -> str:
    folder = os.path.dirname(path)
    return folder or "."


def run_check(args: argparse.Namespace, session: Session) -> int:
    """Print every finding; exit 1 when there is any."""
    config = clean_config(args)
    templates = load_templates(args)
    problems = 0
    cleaned: dict[str, str] = {}
    for path in args.files:
        text = read_text_file(path, args.max_line_bytes)
        target, findings = check_text(path, text, config, templates=templates, source=_source(path))
        cleaned[path] = target
        session.stats.docs_in += 1
        for finding in findings:
            sys.stdout.write(finding.format() + "\n")
        problems += bool(findings)
    for finding in near_duplicate_findings(args, cleaned):
        sys.stdout.write(finding.format() + "\n")
        problems += 1
    sys.stdout.flush()
    return 1 if problems else 0


def run_fix(args: argparse.Namespace, session: Session) -> int:
    """Rewrite files whose cleaned text differs; exit 1 when any was rewritten."""
    config = clean_config(args)
    templates = load_templates(args)
    changed = 0
    for path in args.files:
        text = read_text_file(path, args.max_line_bytes)
        target, findings = check_text(path, text, config, templates=templates, source=_source(path))
        if findings:
            atomic_write_text(path, target)
            sys.stdout.write(f"Fixing {path}\n")
            changed += 1
    sys.stdout.flush()
    return 1 if changed else 0


def committed_files(suffixes: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
    """Files tracked by git in the current folder with one of ``suffixes``, sorted.

    Returns an empty list outside a git repository or without git.
    """
    try:
        result = subprocess.run(
            ["git", "ls-files", "-z"], capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return []
    skip = {os.path.normpath(path) for path in exclude}
    names = [name for name in result.stdout.decode("utf-8", "replace").split("\0") if name]
    return sorted(
        name
        for name in names
        if name.lower().endswith(tuple(suffixes))
        and os.path.normpath(name) not in skip
        and os.path.isfile(name)
    )
