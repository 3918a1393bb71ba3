"""Readers and writers: formats, ids, key order, stdin, gzip, atomic replacement."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from dedupe_news.errors import OutputError
from dedupe_news.io import (
    AtomicOutput,
    ReadConfig,
    dumps_record,
    expand_inputs,
    read_records,
    atomic_write_text,
)


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text("two", encoding="utf-8")
    (tmp_path / "a.txt").write_text("one", encoding="utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": 7, "text": "seven"}\n', encoding="utf-8")
    records = list(read_records(expand_inputs([str(tmp_path)])))
    assert [r.id for r in records] == [(tmp_path / "a.txt").as_posix(), "7", (tmp_path / "b" / "2.txt").as_posix()]
    assert [r.text for r in records] == ["one", "seven", "two"]
    assert records[0].id == (tmp_path / "a.txt").as_posix()
    assert records[0].fields == {"id": (tmp_path / "a.txt").as_posix(), "text": "one"}
    assert records[1].id == "7" and records[1].fields["id"] == 7 and records[1].line == 1


def test_text_file_id_is_the_path_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("doc.txt").write_text("Hello.\r\nWorld.\n", encoding="utf-8")
    (record,) = read_records(expand_inputs(["doc.txt"]))
    assert record.id == "doc.txt"
    assert record.text == "Hello.\r\nWorld.\n"  # read as is; cleaning normalises newlines


def test_jsonl_gz_and_custom_keys(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"url": "u1", "body": "B1", "extra": [1]}) + "\n\n")
        handle.write(json.dumps({"url": "u2", "body": "B2"}) + "\n")
    config = ReadConfig(text_key="body", id_key="url")
    records = list(read_records(expand_inputs([str(path)], config), config))
    assert [(r.id, r.text, r.line) for r in records] == [("u1", "B1", 1), ("u2", "B2", 3)]
    assert list(records[0].fields) == ["url", "body", "extra"]


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id": "s1", "text": "from stdin"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (record,) = read_records(expand_inputs(["-"]))
    assert (record.id, record.text, record.source) == ("s1", "from stdin", "<stdin>")


def test_input_format_text_reads_jsonl_suffix_as_text(tmp_path: Path) -> None:
    path = tmp_path / "raw.jsonl"
    path.write_text("not json at all", encoding="utf-8")
    config = ReadConfig(input_format="text")
    (record,) = read_records(expand_inputs([str(path)], config), config)
    assert record.text == "not json at all"


def test_folder_without_documents_is_an_input_error(tmp_path: Path) -> None:
    from dedupe_news.errors import InputError

    with pytest.raises(InputError, match="folder holds no .txt, .jsonl or .jsonl.gz files"):
        expand_inputs([str(tmp_path)])


def test_dumps_record_keeps_unicode_and_key_order() -> None:
    assert dumps_record({"id": "é", "text": "“x”", "a": 1}) == '{"id": "é", "text": "“x”", "a": 1}'


def test_dumps_record_escapes_lone_surrogates() -> None:
    line = dumps_record({"text": "a\ud800b"})
    line.encode("utf-8")
    assert json.loads(line) == {"text": "a\ud800b"}


def test_atomic_output_replaces_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o640)
    with pytest.raises(RuntimeError):
        with AtomicOutput(target) as stream:
            stream.write(b"half")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    atomic_write_text(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640  # permissions kept


def test_atomic_output_to_missing_folder_raises_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write: No such file or directory"):
        AtomicOutput(tmp_path / "missing" / "x").open()


def test_blank_jsonl_lines_are_counted_not_records(tmp_path: Path) -> None:
    path = tmp_path / "gaps.jsonl"
    path.write_text('\n{"id": "a", "text": "x"}\n   \n{"id": "b", "text": "y"}\n', encoding="utf-8")
    blanks: list[tuple[str, int]] = []
    records = list(read_records(expand_inputs([str(path)]), on_blank=lambda name, line: blanks.append((name, line))))
    assert [(r.id, r.line) for r in records] == [("a", 2), ("b", 4)]
    assert blanks == [(str(path), 1), (str(path), 3)]
