"""Fixtures of the command-line tests."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from cli_helpers import Run

from dedupe_news.cli import main


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Call ``main(argv)`` in-process and capture stdout and stderr."""

    def run(argv: Sequence[object]) -> Run:
        capsys.readouterr()
        code = main([str(a) for a in argv])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run
