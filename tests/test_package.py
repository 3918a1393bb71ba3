"""Packaging facts: version from metadata, typed marker, public API."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import dedupe_news


def test_version_matches_installed_metadata() -> None:
    assert dedupe_news.__version__ == version("dedupe-news")


def test_py_typed_marker_ships() -> None:
    assert (Path(dedupe_news.__file__).parent / "py.typed").is_file()


def test_every_public_name_exists() -> None:
    missing = [name for name in dedupe_news.__all__ if not hasattr(dedupe_news, name)]
    assert missing == []


def test_seeds_are_the_shared_files_byte_for_byte() -> None:
    root = Path(__file__).resolve().parents[1]
    shared = root.parent / "shared" / "seeds"
    ours = sorted((root / "seeds").glob("*.txt"))
    assert len(ours) == 5
    if shared.is_dir():  # CI clones main with shared/ beside it
        for path in ours:
            assert path.read_bytes() == (shared / path.name).read_bytes(), path.name
