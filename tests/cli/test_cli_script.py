"""The installed ``dedupe-news`` script, run as users run it (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import SEEDS

SCRIPT = Path(sys.executable).parent / "dedupe-news"


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"{SCRIPT} is not installed")
def test_installed_script_pipes_jsonl_and_reports_errors(tmp_path: Path) -> None:
    data = "".join(json.dumps({"id": i, "text": f"Paragraph {i}  with  spaces."}) + "\n" for i in range(3))
    done = subprocess.run([SCRIPT, "clean", "-", "-q"], input=data, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [0, 1, 2]
    assert done.stderr == ""

    version = subprocess.run([SCRIPT, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("dedupe-news ")

    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe")
    failed = subprocess.run([SCRIPT, "scan", bad], capture_output=True, text=True, timeout=60)
    assert failed.returncode == 3
    assert failed.stderr == f"dedupe-news: error: {bad}:1: invalid UTF-8 (byte 0xff at column 1)\n"
    assert failed.stdout == ""


@pytest.mark.skipif(not SCRIPT.exists(), reason=f"{SCRIPT} is not installed")
def test_installed_script_scans_the_seeds() -> None:
    done = subprocess.run([SCRIPT, "scan", SEEDS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(f"{SEEDS.as_posix()}/") >= 5
    assert "summary: 5 documents in" in done.stdout


def test_progress_line_only_when_asked_or_on_a_terminal(tmp_path: Path, cli) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "Some text."}\n', encoding="utf-8")
    quiet = cli(["clean", path, "-o", tmp_path / "a.jsonl", "-q"])
    assert quiet.err == ""  # stderr is not a terminal here
    shown = cli(["clean", path, "-o", tmp_path / "b.jsonl", "-q", "--progress"])
    assert shown.err.startswith("\rclean: 1 docs (") and shown.err.endswith("\n")
