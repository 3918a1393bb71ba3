"""``check`` and ``fix`` in-process: the check flags exactly what the fixer changes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cli_helpers import SEEDS

from dedupe_news import clean
from dedupe_news.cli.hook import check_text, fixed_text

FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): (?P<rule>[\w.-]+): (?P<reason>.+)$")
SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))


def _copy_seeds(folder: Path) -> list[Path]:
    paths = []
    for name in SEED_NAMES:
        target = folder / name
        shutil.copyfile(SEEDS / name, target)
        paths.append(target)
    return paths


def test_check_flags_exactly_the_files_fix_rewrites(tmp_path: Path, cli) -> None:
    paths = _copy_seeds(tmp_path)
    before = {p: p.read_bytes() for p in paths}
    check = cli(["check", "--no-near-duplicates", *paths])
    assert {p: p.read_bytes() for p in paths} == before  # the check is read-only
    flagged = set()
    for line in check.out.splitlines():
        match = FINDING.match(line)
        assert match, line
        flagged.add(match["path"])
    expected = {str(p) for p in paths if clean(p.read_text(encoding="utf-8")) != p.read_text(encoding="utf-8")}
    assert flagged == expected
    assert check.code == (1 if expected else 0)

    fix = cli(["fix", *paths])
    assert fix.code == (1 if expected else 0)
    assert fix.out.splitlines() == [f"Fixing {p}" for p in paths if str(p) in expected]

    again = cli(["check", "--no-near-duplicates", *paths])
    assert (again.code, again.out) == (0, "")
    assert cli(["fix", *paths]).code == 0  # nothing left to fix


def test_finding_lines_point_into_the_original_file(tmp_path: Path) -> None:
    for name in SEED_NAMES:
        text = (SEEDS / name).read_text(encoding="utf-8")
        _, findings = check_text(name, text)
        lines = text.split("\n")
        for finding in findings:
            assert 1 <= finding.line <= finding.end_line <= len(lines)


def test_fixer_keeps_a_final_newline() -> None:
    assert fixed_text("clean text", "raw text\n") == "clean text\n"
    assert fixed_text("clean text", "raw text") == "clean text"
    assert fixed_text("", "\n") == ""


def test_clean_file_passes_and_is_not_rewritten(tmp_path: Path, cli) -> None:
    path = tmp_path / "ok.txt"
    text = "A plain paragraph of news text.\n\nAnother paragraph, different from the first.\n"
    path.write_text(text, encoding="utf-8")
    if clean(text) + "\n" != text:
        pytest.skip("the cleaning pipeline rewrites this plain text")
    stat = path.stat()
    assert cli(["check", "--no-near-duplicates", path]).code == 0
    assert cli(["fix", path]).code == 0
    assert path.stat().st_mtime_ns == stat.st_mtime_ns


def test_check_on_binary_file_names_it_and_exits_3(tmp_path: Path, cli) -> None:
    path = tmp_path / "b.txt"
    path.write_bytes(b"abc\x00def")
    run = cli(["check", path])
    assert run.code == 3
    assert run.err == f"dedupe-news: error: {path}:1: binary file (NUL byte at column 4)\n"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_check_reports_copy_of_a_committed_file(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q")
    original = (SEEDS / "000_ecb92d27ef854b65.txt").read_text(encoding="utf-8")
    (tmp_path / "story.txt").write_text(clean(original), encoding="utf-8")
    _git(tmp_path, "add", "story.txt")
    _git(tmp_path, "commit", "-q", "-m", "story")
    copy = "Reprinted by Another Site\n\n" + clean(original)
    (tmp_path / "copy.txt").write_text(copy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli(["check", "--no-boilerplate", "copy.txt"])
    assert run.code == 1
    assert re.search(r"^copy\.txt:1: near-duplicate: near-duplicate of story\.txt \(estimated Jaccard [01]\.\d\d", run.out, re.M), run.out
    alone = cli(["check", "--no-near-duplicates", "--no-boilerplate", "copy.txt"])
    assert "near-duplicate" not in alone.out


def test_check_reports_copy_of_an_indexed_document(tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "repo.sqlite"
    assert cli(["index", "add", index, SEEDS / "002_a6a4ba20cda5a87b.txt", "-q"]).code == 0
    monkeypatch.chdir(tmp_path)
    text = (SEEDS / "002_a6a4ba20cda5a87b.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(fixed_text(clean(text), text), encoding="utf-8")
    run = cli(["check", "--no-near-duplicates", "--index", index, "copy.txt"])
    assert run.code == 1
    expected = f"copy.txt:1: near-duplicate: near-duplicate of {(SEEDS / '002_a6a4ba20cda5a87b.txt').as_posix()} in index {index}"
    assert run.out.startswith(expected), run.out
