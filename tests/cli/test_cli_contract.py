"""The JSONL contract of ``clean`` (and ``cluster``), the API/CLI agreement, ``--jobs``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import SEEDS, read_jsonl, write_jsonl

import dedupe_news

N_RECORDS = 10_000


def _corpus(path: Path) -> Path:
    """10,000 short records with mixed id types and extra keys (some texts need cleaning)."""
    records = []
    for i in range(N_RECORDS):
        text = f"Story {i % 97} about topic {i % 13}.\n\nA second  paragraph number {i}.   \n"
        if i % 5 == 0:
            text += "\nA second  paragraph number " + str(i) + ".\n"
        doc_id = i if i % 3 == 0 else f"doc-{i:05d}"
        records.append({"id": doc_id, "text": text, "meta": {"n": i}, "lang": "en"})
    return write_jsonl(path, records)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("contract") / "in.jsonl")


def test_clean_writes_one_record_per_input_with_same_id_and_keys(corpus: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "out.jsonl"
    run = cli(["clean", corpus, "-o", out, "-q"])
    assert run.code == 0, run.err
    inputs = read_jsonl(corpus)
    outputs = read_jsonl(out)
    assert len(outputs) == len(inputs) == N_RECORDS
    for before, after in zip(inputs, outputs):
        assert after["id"] == before["id"]  # same value and type, same order
        assert list(after) == list(before)  # every key kept, in order
        assert after["meta"] == before["meta"] and after["lang"] == before["lang"]
    sample = [0, 1, 5, 9_999]
    assert [outputs[i]["text"] for i in sample] == [dedupe_news.clean(inputs[i]["text"]) for i in sample]


def test_jobs_2_output_is_byte_identical_to_jobs_1(corpus: Path, tmp_path: Path, cli) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert cli(["clean", corpus, "-o", one, "-q", "--jobs", "1"]).code == 0
    assert cli(["clean", corpus, "-o", two, "-q", "--jobs", "2"]).code == 0
    assert one.read_bytes() == two.read_bytes()


def test_cluster_writes_one_record_per_input_id_in_order(corpus: Path, tmp_path: Path, cli) -> None:
    out = tmp_path / "clusters.jsonl"
    run = cli(["cluster", corpus, "-o", out, "-q", "--no-clean"])  # hashing raw text keeps it quick
    assert run.code == 0, run.err
    inputs = read_jsonl(corpus)
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in inputs]
    assert all(list(r) == ["id", "cluster"] for r in rows)
    clusters = {r["cluster"] for r in rows}
    assert {str(r["id"]) for r in rows} >= clusters  # a cluster is named by its canonical member


def test_stats_summary_counts_documents_and_rules(corpus: Path, tmp_path: Path, cli) -> None:
    stats = tmp_path / "stats.json"
    run = cli(["clean", corpus, "-o", tmp_path / "out.jsonl", "--stats", stats])
    assert run.code == 0
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["schema_version"] == 1
    assert summary["command"] == "clean"
    assert summary["documents_in"] == summary["documents_out"] == N_RECORDS
    assert summary["dropped"] == {}
    assert run.err.startswith(f"dedupe-news clean: {N_RECORDS} documents in, {N_RECORDS} out")


def test_cli_clean_equals_api_clean_on_seeds(tmp_path: Path, cli) -> None:
    out = tmp_path / "seeds.jsonl"
    assert cli(["clean", SEEDS, "-o", out, "-q"]).code == 0
    records = read_jsonl(out)
    paths = sorted(SEEDS.glob("*.txt"))
    assert [r["id"] for r in records] == [p.as_posix() for p in paths]
    for record, path in zip(records, paths):
        assert record["text"] == dedupe_news.clean(path.read_text(encoding="utf-8"))
        assert list(record) == ["id", "text"]


def test_explain_adds_changes_under_their_own_key(tmp_path: Path, cli) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": (SEEDS / "003_bd489fff77bd9b7a.txt").read_text(encoding="utf-8")}])
    out = tmp_path / "out.jsonl"
    assert cli(["clean", path, "-o", out, "--explain", "-q"]).code == 0
    (record,) = read_jsonl(out)
    expected = dedupe_news.clean_and_explain(json.loads(path.read_text(encoding="utf-8"))["text"])
    assert record["text"] == expected.text
    assert [c["rule"] for c in record["changes"]] == [c.rule for c in expected.changes]


def test_stdin_to_stdout(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = b'{"id": "x", "text": "Hello  world.  "}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run = cli(["clean", "-", "-q"])
    assert run.code == 0
    (record,) = run.jsonl()
    assert record == {"id": "x", "text": dedupe_news.clean("Hello  world.  ")}
