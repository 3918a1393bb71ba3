"""The real ``pre-commit try-repo`` on a temporary repository holding the seeds.

Needs git, the pre-commit tool and network access to PyPI (pre-commit builds
the hook's environment); slow, but part of CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import ROOT, SEEDS

pytestmark = pytest.mark.slow

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
NEEDS_TOOLS = pytest.mark.skipif(
    shutil.which("git") is None or not Path(PRE_COMMIT).exists(),
    reason="pre-commit and git are needed to run the hooks for real",
)


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _snapshot(target: Path, env: dict[str, str]) -> Path:
    """A one-commit git copy of the project's working tree (what pip installs).

    ``try-repo`` on the project itself would see only committed and tracked
    files; the snapshot tests exactly the tree under test.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    shutil.copytree(ROOT / "src", target / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md", "LICENSE", ".pre-commit-hooks.yaml"):
        if (ROOT / name).exists():
            shutil.copyfile(ROOT / name, target / name)
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]):
        assert _run(args, target, env).returncode == 0
    return target


@NEEDS_TOOLS
def test_pre_commit_check_fails_then_fix_then_check_passes(tmp_path: Path) -> None:
    repo = tmp_path / "seeds-repo"
    repo.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_CONFIG_NOSYSTEM": "1"}
    env.update(
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org",
    )
    project = _snapshot(tmp_path / "project", env)
    names = sorted(p.name for p in SEEDS.glob("*.txt"))
    for name in names:
        shutil.copyfile(SEEDS / name, repo / name)
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run(["git", "add", "."], repo, env).returncode == 0
    assert _run(["git", "commit", "-q", "-m", "seeds"], repo, env).returncode == 0

    def try_repo() -> subprocess.CompletedProcess[str]:
        # all hooks of the manifest, in order: the check, then the fixer
        return _run([PRE_COMMIT, "try-repo", str(project), "--all-files", "--verbose"], repo, env)

    before = {name: (repo / name).read_bytes() for name in names}
    first = try_repo()
    assert first.returncode == 1, first.stdout + first.stderr
    out = first.stdout
    check_part, _, fix_part = out.partition("dedupe-news fix")
    assert "dedupe-news check" in check_part and fix_part, out
    findings = re.findall(r"^(\S+\.txt):(\d+): ([\w.-]+): (.+)$", check_part, re.M)
    rules: dict[str, set[str]] = {}
    for path, _line, rule, _reason in findings:
        rules.setdefault(path, set()).add(rule)
    seed3 = "003_bd489fff77bd9b7a.txt"
    assert any(rule.startswith("repeats.block") for rule in rules.get(seed3, ())), out
    assert any(rule.startswith("escape.") for rule in rules.get(seed3, ())), out
    for name in names:
        if name != seed3:
            assert any(rule.startswith("boilerplate.") for rule in rules.get(name, ())), (name, out)
    assert "near-duplicate" not in out  # five distinct stories

    changed = sorted(name for name in names if (repo / name).read_bytes() != before[name])
    assert changed == sorted(rules)  # the fixer rewrote exactly the files the check flagged
    assert sorted(re.findall(r"^Fixing (\S+)$", fix_part, re.M)) == changed

    second = try_repo()
    assert second.returncode == 0, second.stdout + second.stderr
    assert not re.search(r"^\S+\.txt:\d+: ", second.stdout, re.M)
