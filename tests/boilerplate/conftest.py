"""Shared fixtures of the boilerplate tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from dedupe_news.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval" / "wcxb_dev.jsonl.gz"


@pytest.fixture(scope="session")
def real_texts() -> list[str]:
    """The normalised seed articles, then the first 200 dev pages (when ``../shared/eval`` is there)."""
    texts = [normalize(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    if EVAL.exists():
        with gzip.open(EVAL, "rt", encoding="utf-8") as handle:
            texts += [normalize(json.loads(line)["page_text"]) for line, _ in zip(handle, range(200))]
    return texts
