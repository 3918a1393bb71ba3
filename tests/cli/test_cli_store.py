"""The SQLite index: header, incremental adds, queries, refusal of other settings."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from cli_helpers import SEEDS, read_jsonl, write_jsonl

from dedupe_news.errors import IndexMismatchError, InputError
from dedupe_news.signatures import MinHashConfig, signatures_and_sizes
from dedupe_news.store import IndexSettings, SignatureIndex

SEED_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def _settings(**changes: object) -> IndexSettings:
    base = IndexSettings(MinHashConfig(), threshold=0.5, containment_threshold=0.8, bands=16, rows=8)
    fields = {**base.__dict__, **changes}
    return IndexSettings(**fields)


def _variant(text: str) -> str:
    paragraphs = text.split("\n\n")
    return "\n\n".join(["A new headline from another site"] + paragraphs[:-1])


def test_add_then_query_finds_the_copy_and_not_the_others(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    ids = list(SEED_TEXTS)
    sigs, sizes = signatures_and_sizes(list(SEED_TEXTS.values()))
    with SignatureIndex.open(path, _settings(), create=True) as index:
        result = index.add(ids[:3], sigs[:3], sizes[:3])
        assert (result.added, result.duplicates) == (3, ())
    with SignatureIndex.open(path) as index:  # incremental: a second session adds more
        result = index.add(ids[2:], sigs[2:], sizes[2:])
        assert (result.added, result.duplicates) == (2, (ids[2],))
        assert len(index) == 5
        name = "001_ee79137ff6cda428.txt"
        query_sigs, query_sizes = signatures_and_sizes([_variant(SEED_TEXTS[name])])
        (matches,) = index.query(query_sigs, query_sizes)
    assert [m.id for m in matches] == [name]
    assert 0.5 <= matches[0].jaccard <= 1.0
    assert matches[0].containment >= 0.8


def test_header_records_settings_and_signatures_are_uint32_blobs(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    sigs, sizes = signatures_and_sizes(["some text to index here"])
    with SignatureIndex.open(path, _settings(), create=True) as index:
        index.add(["a"], sigs, sizes)
    db = sqlite3.connect(path)
    header = {k: json.loads(v) for k, v in db.execute("SELECT key, value FROM header")}
    assert header["format"] == "dedupe-news-index/1"
    assert {"library_version", "hash", "scheme", "num_perm", "seed", "shingle", "bands", "rows", "threshold", "containment_threshold", "clean"} <= set(header)
    assert header["num_perm"] == 128 and header["bands"] == 16 and header["rows"] == 8
    (blob,) = db.execute("SELECT signature FROM docs").fetchone()
    assert np.array_equal(np.frombuffer(blob, dtype="<u4"), sigs[0])
    assert db.execute("SELECT COUNT(*) FROM bands").fetchone()[0] == 16
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    plan = " ".join(str(r) for r in db.execute("EXPLAIN QUERY PLAN SELECT doc FROM bands WHERE band = 1 AND key = 2"))
    assert "PRIMARY KEY" in plan or "INDEX" in plan  # band lookups use the index
    db.close()


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"minhash": MinHashConfig(num_perm=64), "bands": 8}, ["num_perm 128 in the index, 64 asked", "bands 16 in the index, 8 asked"]),
        ({"minhash": MinHashConfig(seed=7)}, ["seed 1 in the index, 7 asked"]),
        ({"threshold": 0.9}, ["threshold 0.5 in the index, 0.9 asked"]),
        ({"clean": False}, ["clean True in the index, False asked"]),
    ],
)
def test_other_settings_are_refused_naming_each_difference(tmp_path: Path, changes: dict, named: list[str]) -> None:
    path = tmp_path / "index.sqlite"
    SignatureIndex.open(path, _settings(), create=True).close()
    with pytest.raises(IndexMismatchError) as caught:
        SignatureIndex.open(path, _settings(**changes))
    for text in named:
        assert text in str(caught.value)
    assert caught.value.exit_code == 5


def test_a_file_that_is_not_an_index_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="not a dedupe-news index"):
        SignatureIndex.open(path)


def test_cli_index_add_query_info(tmp_path: Path, cli) -> None:
    index = tmp_path / "idx.sqlite"
    run = cli(["index", "add", index, SEEDS])
    assert run.code == 0, run.err
    assert "added: 5" in run.err
    again = cli(["index", "add", index, SEEDS / "000_ecb92d27ef854b65.txt"])
    assert again.code == 0
    assert f"id '{(SEEDS / '000_ecb92d27ef854b65.txt').as_posix()}' already indexed" in again.err
    queries = write_jsonl(
        tmp_path / "q.jsonl",
        [
            {"id": "copy-of-002", "text": _variant(SEED_TEXTS["002_a6a4ba20cda5a87b.txt"])},
            {"id": "unrelated", "text": "A short note about the weather in a small town, unrelated to anything."},
        ],
    )
    out = tmp_path / "matches.jsonl"
    result = cli(["index", "query", index, queries, "-o", out])
    assert result.code == 0, result.err
    records = read_jsonl(out)
    assert [r["id"] for r in records] == ["copy-of-002", "unrelated"]
    assert [d["id"] for d in records[0]["duplicates"]] == [(SEEDS / "002_a6a4ba20cda5a87b.txt").as_posix()]
    assert set(records[0]["duplicates"][0]) == {"id", "jaccard", "containment"}
    assert records[1]["duplicates"] == []
    info = cli(["index", "info", index])
    assert json.loads(info.out)["documents"] == 5


def test_cli_query_with_other_settings_exits_5_naming_them(tmp_path: Path, cli) -> None:
    index = tmp_path / "idx.sqlite"
    assert cli(["index", "add", index, SEEDS, "-q"]).code == 0
    run = cli(["index", "query", index, SEEDS, "--num-perm", "64"])
    assert run.code == 5
    assert run.err.startswith(f"dedupe-news: error: {index}: index was built with other settings: ")
    assert "num_perm 128 in the index, 64 asked" in run.err
    assert run.err.count("\n") == 1


def test_failed_add_leaves_no_new_index(tmp_path: Path, cli) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n{broken\n', encoding="utf-8")
    index = tmp_path / "idx.sqlite"
    run = cli(["index", "add", index, bad])
    assert run.code == 3
    assert not index.exists()


def test_failed_add_leaves_existing_index_unchanged(tmp_path: Path, cli) -> None:
    index = tmp_path / "idx.sqlite"
    assert cli(["index", "add", index, SEEDS / "000_ecb92d27ef854b65.txt", "-q"]).code == 0
    bad = write_jsonl(tmp_path / "more.jsonl", [{"id": "x", "text": "fine text"}])
    with bad.open("a", encoding="utf-8") as handle:
        handle.write("{broken\n")
    assert cli(["index", "add", index, bad]).code == 3
    with SignatureIndex.open(index) as opened:
        assert len(opened) == 1
