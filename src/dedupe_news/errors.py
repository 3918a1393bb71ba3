"""Typed errors raised by dedupe_news.

The library raises these; the command line turns each into one line on
stderr and the exit code given by :attr:`DedupeNewsError.exit_code`.
"""

from __future__ import annotations

__all__ = [
    "DedupeNewsError",
    "ConfigError",
    "InputError",
    "OutputError",
    "IndexMismatchError",
]


class DedupeNewsError(Exception):
    """Base class of every error dedupe_news raises on purpose."""

    exit_code: int = 1


class ConfigError(DedupeNewsError, ValueError):
    """A setting has a value the library cannot use; the message says which."""

    exit_code = 2


class InputError(DedupeNewsError):
    """Input that cannot be read: bad UTF-8, binary data, malformed JSONL, ...

    ``path`` and ``line`` (1-based, when known) name where the problem is; the
    string form starts with ``path:line:`` so editors and CI logs can jump there.
    """

    exit_code = 3

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.message = message
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class OutputError(DedupeNewsError):
    """An output cannot be written (unwritable folder, full disk, ...)."""

    exit_code = 4

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


class IndexMismatchError(DedupeNewsError):
    """An index was built with settings other than the ones asked for.

    Querying it would silently find nothing, so opening it is refused.
    """

    exit_code = 5
