"""``cluster``, ``dedup``, ``repeats`` and ``scan`` from the command line, against the API."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from cli_helpers import SEEDS, read_jsonl, write_jsonl

import dedupe_news
from dedupe_news.clusters import cluster

SEED_TEXTS = {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def _variant(text: str, header: str) -> str:
    """Another site's copy: its own header, the last paragraph dropped."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[:-1] if len(paragraphs) > 3 else paragraphs
    return header + "\n\n" + "\n\n".join(body)


def _corpus() -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for key, text in SEED_TEXTS.items():
        records.append({"id": f"seed-{key}", "text": text, "site": "origin"})
    for key, text in SEED_TEXTS.items():
        records.append({"id": f"copy-{key}", "text": _variant(text, "Wire copy, reprinted"), "site": "mirror"})
    records.append({"id": 99, "text": "A short unrelated note about the weather in a small town today.", "site": "x"})
    return records


def test_cluster_contract_and_agreement_with_api(tmp_path: Path, cli) -> None:
    records = _corpus()
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "clusters.jsonl"
    run = cli(["cluster", path, "-o", out])
    assert run.code == 0, run.err
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [r["id"] for r in records]  # one per input id, order and type kept
    assert all(set(r) == {"id", "cluster"} for r in rows)
    api = cluster([(str(r["id"]), r["text"]) for r in records]).assignments
    assert {str(r["id"]): r["cluster"] for r in rows} == api
    by_id = {str(r["id"]): r["cluster"] for r in rows}
    for key in SEED_TEXTS:
        assert by_id[f"seed-{key}"] == by_id[f"copy-{key}"]
    assert len(set(by_id.values())) == len(SEED_TEXTS) + 1
    assert "clusters: 6 (5 with copies: 5 of size 2)" in run.err


def test_cluster_jobs_2_is_byte_identical(tmp_path: Path, cli) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", _corpus() * 1)
    one, two = tmp_path / "1.jsonl", tmp_path / "2.jsonl"
    assert cli(["cluster", path, "-o", one, "-q", "--details"]).code == 0
    assert cli(["cluster", path, "-o", two, "-q", "--details", "--jobs", "2"]).code == 0
    assert one.read_bytes() == two.read_bytes()
    rows = read_jsonl(one)
    assert all({"canonical", "similarity"} <= set(r) for r in rows)


def test_duplicate_ids_are_an_input_error(tmp_path: Path, cli) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "one"}, {"id": "a", "text": "two"}])
    run = cli(["cluster", path, "-o", tmp_path / "out.jsonl"])
    assert run.code == 3
    assert run.err == f"dedupe-news: error: {path}:2: duplicate id 'a' (first at {path}:1)\n"


def test_dedup_keeps_one_copy_and_accounts_for_every_drop(tmp_path: Path, cli) -> None:
    records = _corpus()
    path = write_jsonl(tmp_path / "in.jsonl", records)
    out, dropped, stats = tmp_path / "kept.jsonl", tmp_path / "dropped.jsonl", tmp_path / "stats.json"
    run = cli(["dedup", path, "-o", out, "--dropped", dropped, "--stats", stats])
    assert run.code == 0, run.err
    kept = read_jsonl(out)
    gone = read_jsonl(dropped)
    assert len(kept) + len(gone) == len(records)
    assert kept == [r for r in records if r["id"] not in {d["id"] for d in gone}]  # unchanged, in order
    api = dedupe_news.dedup([(str(r["id"]), r["text"]) for r in records]) if hasattr(dedupe_news, "dedup") else None
    if api is not None:
        assert sorted(d.id for d in api.dropped) == sorted(str(d["id"]) for d in gone)
    for item in gone:
        assert set(item) == {"id", "cluster", "canonical", "similarity", "reason"}
        assert item["reason"].startswith("near-duplicate of ")
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["dropped"] == {"near-duplicate": len(gone)}
    assert summary["documents_in"] == len(records) and summary["documents_out"] == len(kept)


def test_dedup_reads_stdin_twice_via_a_spool(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _corpus()
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    run = cli(["dedup", "-", "-q"])
    assert run.code == 0, run.err
    assert len(run.jsonl()) == len(records) - len(SEED_TEXTS)


def test_repeats_report_under_its_own_key(tmp_path: Path, cli) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"id": "s3", "text": SEED_TEXTS["003"], "k": 1}])
    out = tmp_path / "out.jsonl"
    run = cli(["repeats", path, "-o", out, "--gopher"])
    assert run.code == 0, run.err
    (row,) = read_jsonl(out)
    assert row["id"] == "s3" and row["k"] == 1 and row["text"] == SEED_TEXTS["003"]
    expected = json.loads(json.dumps(__import__("dedupe_news.cli.repeats", fromlist=["x"]).to_jsonable(dedupe_news.repeats.find_repeats(SEED_TEXTS["003"]))))
    assert row["repeats"] == expected
    assert set(row["repetition"]) == {"statistics", "repetitive", "reason"}
    assert "documents with repeats: 1" in run.err


def test_scan_reports_stages_and_clusters(tmp_path: Path, cli) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    for key, text in SEED_TEXTS.items():
        (folder / f"{key}.txt").write_text(text, encoding="utf-8")
    (folder / "mirror").mkdir()
    (folder / "mirror" / "copy-001.txt").write_text(_variant(SEED_TEXTS["001"], "Wire copy"), encoding="utf-8")
    run = cli(["scan", folder])
    assert run.code == 0, run.err
    report = run.out
    assert f"{folder.as_posix()}/003.txt: " in report
    assert "repeated paragraphs removed:" in report
    assert "boilerplate removed:" in report
    assert "clusters of copies: 1 among 6 documents" in report
    members = {f"{folder.as_posix()}/001.txt", f"{folder.as_posix()}/mirror/copy-001.txt"}
    listed = {line.strip().split(" (")[0]: line.strip() for line in report.splitlines() if line.startswith("    ")}
    assert members <= set(listed)
    assert sorted("(canonical)" in listed[m] for m in members) == [False, True]
    as_json = cli(["scan", folder, "--json"])
    data = json.loads(as_json.out)
    assert data["schema_version"] == 1
    assert len(data["documents"]) == 6
    assert [sorted(m["id"] for m in c["members"]) for c in data["clusters"]] == [
        sorted([f"{folder.as_posix()}/001.txt", f"{folder.as_posix()}/mirror/copy-001.txt"])
    ]
