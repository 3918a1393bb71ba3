"""Reading documents from files and writing results atomically.

Readers turn command-line inputs — ``.txt`` files, folders (searched
recursively), JSONL and JSONL.gz files, and ``-`` for standard input — into a
stream of :class:`Record` objects, one per document, without holding the
corpus in memory. Every problem with an input (invalid UTF-8, binary data, an
empty file, a malformed JSONL line, a missing key, a line over the size limit)
becomes an :class:`~dedupe_news.errors.InputError` naming the file and line;
callers choose between stopping and skipping the record with its reason.
Writers put output in a temporary file beside the target and rename it into
place only when everything succeeded, so a failed run never leaves a file
written half-way.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from .document import Document
from .errors import ConfigError, InputError, OutputError

__all__ = [
    "STDIN",
    "DEFAULT_MAX_LINE_BYTES",
    "ReadConfig",
    "Source",
    "Record",
    "expand_inputs",
    "read_records",
    "read_source",
    "decode_text_file",
    "spool_stdin",
    "AtomicOutput",
    "JsonlWriter",
    "atomic_write_bytes",
    "atomic_write_text",
    "dumps_record",
]

STDIN = "-"
"""The input name that means standard input."""

DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024
"""Longest JSONL line (or text-file line) accepted by default: 64 MiB."""

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
TEXT_SUFFIXES = (".txt",)
_FORMATS = ("auto", "jsonl", "text")


@dataclass(frozen=True)
class ReadConfig:
    """How inputs are read.

    Attributes:
        text_key: JSONL key holding the text (default ``"text"``).
        id_key: JSONL key holding the document id (default ``"id"``); a text
            file's id is its path.
        input_format: ``"auto"`` (by file suffix: ``.jsonl``, ``.ndjson``,
            optionally ``.gz``, are JSONL, anything else is text; standard
            input is JSONL), ``"jsonl"`` or ``"text"``.
        max_line_bytes: a JSONL line, or a line of a text file, longer than
            this is an input error (protects memory against a corrupt file).
    """

    text_key: str = "text"
    id_key: str = "id"
    input_format: str = "auto"
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES

    def __post_init__(self) -> None:
        if self.input_format not in _FORMATS:
            raise ConfigError(
                f"input_format must be one of {', '.join(_FORMATS)}, got {self.input_format!r}"
            )
        if self.max_line_bytes < 1:
            raise ConfigError(f"max_line_bytes must be at least 1, got {self.max_line_bytes}")
        if not self.text_key or not self.id_key:
            raise ConfigError("text_key and id_key must be non-empty strings")


@dataclass(frozen=True)
class Source:
    """One input file (or standard input) and how to parse it.

    Attributes:
        name: the name shown in messages and used as a text file's id.
        path: the file to open; ``None`` for standard input.
        format: ``"jsonl"`` or ``"text"``.
        compressed: the file is gzip-compressed.
    """

    name: str
    path: str | None
    format: str
    compressed: bool = False


@dataclass(frozen=True)
class Record:
    """One document read from an input, with where it came from.

    Attributes:
        id: the document id as a string (a text file's path).
        text: the document text.
        fields: every key of the input record, in input order. A text file
            gives ``{id_key: path, text_key: text}``.
        source: the input's name.
        line: 1-based line of a JSONL record; ``None`` for a text file.
    """

    id: str
    text: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    line: int | None = None

    @property
    def where(self) -> str:
        """``source:line`` (or just ``source``), for messages."""
        return f"{self.source}:{self.line}" if self.line is not None else self.source

    def to_document(self) -> Document:
        """The record as a :class:`~dedupe_news.document.Document`."""
        return Document(self.id, self.text, dict(self.fields))


# --------------------------------------------------------------------------- inputs


def _format_of(name: str, config: ReadConfig) -> tuple[str, bool]:
    lower = name.lower()
    compressed = lower.endswith(".gz")
    if config.input_format != "auto":
        return config.input_format, compressed
    if any(lower.endswith(suffix) for suffix in JSONL_SUFFIXES):
        return "jsonl", compressed
    if compressed:
        return "jsonl", True
    return "text", False


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted, skipping hidden files and folders."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def expand_inputs(inputs: Sequence[str], config: ReadConfig | None = None) -> list[Source]:
    """Turn command-line inputs into the list of sources to read, in order.

    A folder contributes its ``.txt``, ``.jsonl``, ``.ndjson`` (and gzip)
    files, recursively, in sorted order; hidden files and folders are skipped.

    Raises:
        InputError: an input does not exist, or a folder holds no such file.
    """
    config = config or ReadConfig()
    sources: list[Source] = []
    for name in inputs:
        if name == STDIN:
            fmt = "jsonl" if config.input_format == "auto" else config.input_format
            sources.append(Source("<stdin>", None, fmt))
            continue
        path = Path(name)
        if path.is_dir():
            found = [
                p
                for p in _walk(path)
                if p.name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)
            ]
            if not found:
                raise InputError(name, "folder holds no .txt, .jsonl or .jsonl.gz files")
            for p in found:
                fmt, compressed = _format_of(p.name, config)
                sources.append(Source(p.as_posix(), str(p), fmt, compressed))
        elif path.exists():
            fmt, compressed = _format_of(name, config)
            sources.append(Source(name, name, fmt, compressed))
        else:
            raise InputError(name, "no such file or folder")
    return sources


def spool_stdin(sources: Sequence[Source], folder: str) -> list[Source]:
    """Copy standard input to a file in ``folder`` so it can be read twice.

    Two-pass commands (signatures, then output) call this; other sources are
    returned unchanged.
    """
    spooled: list[Source] = []
    for source in sources:
        if source.path is None:
            target = os.path.join(folder, "stdin")
            with open(target, "wb") as out:
                shutil.copyfileobj(sys.stdin.buffer, out, 1024 * 1024)
            source = Source(source.name, target, source.format, source.compressed)
        spooled.append(source)
    return spooled


def _line_of(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode_text_file(name: str, data: bytes, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> str:
    """Decode a text file's bytes, refusing empty, binary and non-UTF-8 data.

    Raises:
        InputError: the file is empty (or only whitespace), holds a NUL byte,
            is not valid UTF-8, or has a line longer than ``max_line_bytes``.
    """
    if not data.strip():
        raise InputError(name, "empty file (no text)")
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _line_of(data, nul)
        raise InputError(name, f"binary file (NUL byte at column {column})", line)
    if len(data) > max_line_bytes:
        for number, chunk in enumerate(data.split(b"\n"), start=1):
            if len(chunk) > max_line_bytes:
                raise InputError(
                    name,
                    f"line longer than {max_line_bytes} bytes (raise --max-line-bytes)",
                    number,
                )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_of(data, error.start)
        raise InputError(
            name, f"invalid UTF-8 (byte 0x{data[error.start]:02x} at column {column})", line
        ) from None


def _open_binary(source: Source) -> tuple[IO[bytes], IO[bytes] | None]:
    """The stream to read and the underlying file to close (``None`` for stdin)."""
    if source.path is None:
        raw: IO[bytes] = sys.stdin.buffer
        owned: IO[bytes] | None = None
    else:
        try:
            raw = owned = open(source.path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as error:
            raise InputError(source.name, f"cannot read: {error.strerror}") from None
    if source.compressed:
        return gzip.GzipFile(fileobj=raw, mode="rb"), owned  # type: ignore[return-value]
    return raw, owned


def _read_text(source: Source, config: ReadConfig) -> Iterator[Record]:
    if source.path is None:
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(source.path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise InputError(source.name, f"cannot read: {error.strerror}") from None
    text = decode_text_file(source.name, data, config.max_line_bytes)
    fields = {config.id_key: source.name, config.text_key: text}
    yield Record(source.name, text, fields, source.name, None)


def _jsonl_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered raw lines; ``None`` stands for a line longer than ``limit`` bytes.

    A long line is consumed in pieces, so it never sits in memory whole.
    """
    number = 0
    while True:
        raw = stream.readline(limit + 2)
        if not raw:
            return
        number += 1
        body = raw[:-1] if raw.endswith(b"\n") else raw
        if body.endswith(b"\r"):
            body = body[:-1]
        if len(body) <= limit:
            yield number, body
            continue
        while not raw.endswith(b"\n"):
            raw = stream.readline(1024 * 1024)
            if not raw:
                break
        yield number, None


def _parse_jsonl_line(source: Source, number: int, body: bytes, config: ReadConfig) -> Record:
    if b"\x00" in body:
        raise InputError(source.name, "binary data (NUL byte) in a JSONL line", number)
    try:
        decoded = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            source.name,
            f"invalid UTF-8 (byte 0x{body[error.start]:02x} at column {error.start + 1})",
            number,
        ) from None
    try:
        value = json.loads(decoded)
    except json.JSONDecodeError as error:
        raise InputError(
            source.name, f"malformed JSON at column {error.colno}: {error.msg}", number
        ) from None
    if not isinstance(value, dict):
        raise InputError(
            source.name, f"expected a JSON object, got {type(value).__name__}", number
        )
    if config.text_key not in value:
        raise InputError(source.name, f"missing key {config.text_key!r} (see --text-key)", number)
    if config.id_key not in value:
        raise InputError(source.name, f"missing key {config.id_key!r} (see --id-key)", number)
    text = value[config.text_key]
    if not isinstance(text, str):
        raise InputError(
            source.name,
            f"key {config.text_key!r} must be a string, got {type(text).__name__}",
            number,
        )
    doc_id = value[config.id_key]
    if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)):
        raise InputError(
            source.name,
            f"key {config.id_key!r} must be a string or an integer, got {type(doc_id).__name__}",
            number,
        )
    return Record(str(doc_id), text, value, source.name, number)


def _read_jsonl(
    source: Source,
    config: ReadConfig,
    on_error: Callable[[InputError], None] | None,
    on_blank: Callable[[str, int], None] | None,
) -> Iterator[Record]:
    stream, owned = _open_binary(source)
    seen_any = False
    try:
        for number, body in _jsonl_lines(stream, config.max_line_bytes):
            if body is not None and not body.strip():
                if on_blank is not None:
                    on_blank(source.name, number)
                continue
            seen_any = True
            try:
                if body is None:
                    raise InputError(
                        source.name,
                        f"line longer than {config.max_line_bytes} bytes (raise --max-line-bytes)",
                        number,
                    )
                yield _parse_jsonl_line(source, number, body, config)
            except InputError as error:
                if on_error is None:
                    raise
                on_error(error)
    except (gzip.BadGzipFile, zlib.error):
        raise InputError(source.name, "not a valid gzip file") from None
    except EOFError:
        raise InputError(source.name, "truncated gzip file") from None
    finally:
        if source.compressed:
            stream.close()
        if owned is not None:
            owned.close()
    if not seen_any:
        raise InputError(source.name, "empty file (no JSONL records)")


def read_source(
    source: Source,
    config: ReadConfig | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_blank: Callable[[str, int], None] | None = None,
) -> Iterator[Record]:
    """Records of one source, in file order.

    Args:
        source: what to read (see :func:`expand_inputs`).
        config: keys, format and size limit.
        on_error: when given, a bad JSONL line is passed to it and skipped
            instead of raising; problems with a whole file still raise.
        on_blank: called with ``(source name, line)`` for each blank JSONL
            line, which holds no record and is skipped.

    Raises:
        InputError: the first problem found, naming file and line.
    """
    config = config or ReadConfig()
    if source.format == "text":
        return _read_text(source, config)
    return _read_jsonl(source, config, on_error, on_blank)


def read_records(
    sources: Iterable[Source],
    config: ReadConfig | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_blank: Callable[[str, int], None] | None = None,
) -> Iterator[Record]:
    """Records of every source in turn, streaming (one JSONL line at a time).

    With ``on_error``, a source that cannot be read at all (empty, binary, not
    UTF-8) or a bad JSONL line is handed to it and skipped, so every dropped
    input is accounted for; without it the first problem raises.
    """
    for source in sources:
        try:
            yield from read_source(source, config, on_error, on_blank)
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)


# --------------------------------------------------------------------------- outputs


def dumps_record(record: Mapping[str, Any]) -> str:
    """One JSONL line (without newline): UTF-8 kept as is, keys in given order.

    Text holding lone surrogates (possible in JSON input) cannot be UTF-8
    encoded, so such a record is written with ``\\u`` escapes instead.
    """
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record, ensure_ascii=True)
    return line


class AtomicOutput:
    """A binary output that appears at ``path`` only when complete.

    Use as a context manager. Bytes go to a temporary file in the target's
    folder; on a clean exit it is flushed, synced and renamed over ``path``
    (keeping an existing file's permissions); on an exception it is removed
    and ``path`` is left untouched. ``path`` of ``"-"`` (or ``None``) writes
    to standard output directly.

    Raises:
        OutputError: the folder is missing or unwritable, or writing failed.
    """

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = None if path is None or str(path) == STDIN else os.fspath(path)
        self.name = "<stdout>" if self.path is None else self.path
        self._tmp: str | None = None
        self._stream: IO[bytes] | None = None

    def open(self) -> IO[bytes]:
        """Create the temporary file now (fails early on an unwritable target)."""
        if self._stream is not None:
            return self._stream
        if self.path is None:
            self._stream = sys.stdout.buffer
            return self._stream
        if os.path.isdir(self.path):
            raise OutputError(self.path, "cannot write: is a folder")
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            handle, self._tmp = tempfile.mkstemp(
                prefix=f".{os.path.basename(self.path)}.", suffix=".tmp", dir=folder
            )
        except OSError as error:
            raise OutputError(self.path, f"cannot write: {error.strerror}") from None
        self._stream = os.fdopen(handle, "wb")
        return self._stream

    def __enter__(self) -> IO[bytes]:
        return self.open()

    def commit(self) -> None:
        """Flush and move the finished file into place."""
        stream = self.open()
        if self.path is None:
            try:
                stream.flush()
            except BrokenPipeError:
                raise
            except OSError as error:
                raise OutputError(self.name, f"cannot write: {error.strerror}") from None
            return
        assert self._tmp is not None
        try:
            stream.flush()
            os.fsync(stream.fileno())
            stream.close()
            mode = _mode_for(self.path)
            os.chmod(self._tmp, mode)
            os.replace(self._tmp, self.path)
        except OSError as error:
            self.abort()
            raise OutputError(self.path, f"cannot write: {error.strerror}") from None
        self._tmp = None

    def abort(self) -> None:
        """Remove the temporary file; the target is left as it was."""
        if self.path is None:
            return
        if self._stream is not None and not self._stream.closed:
            self._stream.close()
        if self._tmp is not None:
            try:
                os.unlink(self._tmp)
            except FileNotFoundError:
                pass
            self._tmp = None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.abort()


def _mode_for(path: str) -> int:
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class JsonlWriter:
    """Writes one JSON object per line to a binary stream."""

    def __init__(self, stream: IO[bytes], name: str = "<stdout>") -> None:
        self._stream = stream
        self._name = name
        self.count = 0

    def write(self, record: Mapping[str, Any]) -> None:
        """Append one record."""
        try:
            self._stream.write(dumps_record(record).encode("utf-8") + b"\n")
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(self._name, f"cannot write: {error.strerror}") from None
        self.count += 1


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temporary file, then rename)."""
    with AtomicOutput(path) as stream:
        try:
            stream.write(data)
        except OSError as error:
            raise OutputError(os.fspath(path), f"cannot write: {error.strerror}") from None


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace ``path`` with ``text`` encoded as UTF-8, atomically, newlines as given."""
    atomic_write_bytes(path, text.encode("utf-8"))
