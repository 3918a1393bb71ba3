"""Each bad input gives one message naming file and line, and the documented exit code.

The same case table (tests/data/cli_bad_inputs.json) runs against the reader
API and against ``dedupe-news clean``; a failed run leaves no output file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dedupe_news.errors import InputError
from dedupe_news.io import DEFAULT_MAX_LINE_BYTES, ReadConfig, expand_inputs, read_records

from cli_helpers import DATA

CASES = json.loads((DATA / "cli_bad_inputs.json").read_text(encoding="utf-8"))["cases"]


def _make(case: dict[str, Any], folder: Path) -> tuple[str, str]:
    path = folder / (case["file"] or "missing.txt")
    if case["content"] is not None:
        path.write_bytes(case["content"].encode("latin-1"))
    return str(path), case["message"].replace("{path}", str(path))


def _limit(case: dict[str, Any]) -> int:
    args = case.get("args", [])
    return int(args[args.index("--max-line-bytes") + 1]) if "--max-line-bytes" in args else DEFAULT_MAX_LINE_BYTES


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_reader_raises_input_error(case: dict[str, Any], tmp_path: Path) -> None:
    path, message = _make(case, tmp_path)
    config = ReadConfig(max_line_bytes=_limit(case))
    with pytest.raises(InputError) as caught:
        list(read_records(expand_inputs([path], config), config))
    assert str(caught.value) == message
    assert caught.value.exit_code == case["exit_code"]


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_cli_prints_one_line_and_exits(case: dict[str, Any], tmp_path: Path, cli) -> None:
    path, message = _make(case, tmp_path)
    out = tmp_path / "out" / "result.jsonl"
    out.parent.mkdir()
    run = cli(["clean", path, "-o", out, *case.get("args", [])])
    assert run.code == case["exit_code"]
    assert run.err == f"dedupe-news: error: {message}\n"
    assert list(out.parent.iterdir()) == []  # nothing written half-way, no temp file left


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_skip_mode_accounts_for_every_dropped_input(case: dict[str, Any], tmp_path: Path, cli) -> None:
    path, message = _make(case, tmp_path)
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "ok", "text": "A fine text."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    stats = tmp_path / "stats.json"
    run = cli(["clean", good, path, "-o", out, "--on-error", "skip", "--stats", stats, *case.get("args", [])])
    if case["file"] is None:  # a missing input is a usage problem, never skipped
        assert run.code == 3
        return
    assert run.code == 0
    assert f"dedupe-news: skipped {message}\n" in run.err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records[0]["id"] == "ok"
    summary = json.loads(stats.read_text(encoding="utf-8"))
    assert summary["schema_version"] == 1
    assert sum(summary["dropped"].values()) == 1


def test_unwritable_output_is_exit_4_and_input_untouched(tmp_path: Path, cli) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Text."}\n', encoding="utf-8")
    before = source.read_bytes()
    target = tmp_path / "no" / "such" / "folder" / "out.jsonl"
    run = cli(["clean", source, "-o", target])
    assert run.code == 4
    assert run.err == f"dedupe-news: error: {target}: cannot write: No such file or directory\n"
    assert source.read_bytes() == before


def test_output_that_is_a_folder_is_exit_4(tmp_path: Path, cli) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Text."}\n', encoding="utf-8")
    run = cli(["clean", source, "-o", tmp_path])
    assert run.code == 4
    assert run.err == f"dedupe-news: error: {tmp_path}: cannot write: is a folder\n"


def test_failed_run_keeps_previous_output(tmp_path: Path, cli) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\nnot json\n', encoding="utf-8")
    run = cli(["clean", bad, "-o", out])
    assert run.code == 3
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "out.jsonl"]


def test_unwritable_stats_file_fails_before_work(tmp_path: Path, cli) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Text."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run = cli(["clean", source, "-o", out, "--stats", tmp_path / "missing" / "s.json"])
    assert run.code == 4
    assert not out.exists()


@pytest.mark.parametrize(
    "argv, fragment",
    [
        (["clean"], "the following arguments are required: INPUT"),
        (["clean", "x.jsonl", "--jobs", "-1"], "expected a number >= 0"),
        (["nonsense"], "invalid choice: 'nonsense'"),
        (["cluster", "x.jsonl", "--threshold", "1.5"], "expected a number in [0, 1]"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], fragment: str, cli) -> None:
    run = cli(argv)
    assert run.code == 2
    assert fragment in run.err


def test_help_exits_0(cli) -> None:
    run = cli(["--help"])
    assert run.code == 0
    assert "exit codes:" in run.out


def test_output_that_is_an_input_is_refused(tmp_path: Path, cli) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "Text  with  spaces."}\n', encoding="utf-8")
    before = source.read_bytes()
    for command in (["clean"], ["cluster"], ["dedup"]):
        run = cli([*command, source, "-o", source])
        assert run.code == 2
        assert run.err == f"dedupe-news: error: {source}: output is also an input; write to another file\n"
    assert source.read_bytes() == before
