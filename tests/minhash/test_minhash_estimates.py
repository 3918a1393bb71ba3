"""Estimated Jaccard and containment track the exact values computed from shingles."""

from __future__ import annotations

import numpy as np
import pytest
from minhash_variants import paragraphs, seeds

from dedupe_news import (
    ConfigError,
    MinHashConfig,
    estimate_containment,
    estimate_jaccard,
    shingles,
    signatures_and_sizes,
)
from dedupe_news.lsh import containment_from_jaccard

CONFIG = MinHashConfig(num_perm=256)


def pairs_with_known_overlap() -> list[tuple[str, str]]:
    """Pairs sharing 0-100% of their paragraphs, from the seeds."""
    out = []
    for text in seeds().values():
        paras = paragraphs(text)
        half = len(paras) // 2
        for keep in (1.0, 0.8, 0.6, 0.4, 0.2):
            cut = max(1, int(len(paras) * keep))
            out.append(("\n".join(paras), "\n".join(paras[:cut])))
        out.append(("\n".join(paras[:half]), "\n".join(paras[half:])))
        out.append(("\n".join(paras[: half + 2]), "\n".join(paras[half - 2 :])))
    return out


def exact(a: str, b: str) -> tuple[float, float]:
    sa, sb = set(shingles(a)), set(shingles(b))
    inter = len(sa & sb)
    return inter / len(sa | sb), inter / len(sb)


def test_estimated_jaccard_tracks_exact_jaccard() -> None:
    pairs = pairs_with_known_overlap()
    texts = [t for pair in pairs for t in pair]
    sigs, _ = signatures_and_sizes(texts, CONFIG)
    errors = []
    for k, (a, b) in enumerate(pairs):
        est = estimate_jaccard(sigs[2 * k], sigs[2 * k + 1])
        errors.append(est - exact(a, b)[0])
    errors = np.abs(errors)
    # standard error at 256 permutations is <= 0.031; allow ~3.5 sigma per pair.
    assert errors.max() < 0.11, errors.max()
    assert errors.mean() < 0.03, errors.mean()


def test_estimated_containment_tracks_exact_containment() -> None:
    pairs = pairs_with_known_overlap()
    texts = [t for pair in pairs for t in pair]
    sigs, sizes = signatures_and_sizes(texts, CONFIG)
    errors = []
    for k, (a, b) in enumerate(pairs):
        if sizes[2 * k + 1] < 0.25 * sizes[2 * k]:
            continue  # below ClusterConfig.min_size_ratio the estimate is not used (too noisy)
        est = estimate_containment(sigs[2 * k + 1], sizes[2 * k + 1], sigs[2 * k], sizes[2 * k])
        errors.append(est - exact(a, b)[1])
    assert len(errors) >= 25
    errors = np.abs(errors)
    assert errors.max() < 0.2, errors.max()
    assert errors.mean() < 0.05, errors.mean()


def test_containment_formula_on_exact_values() -> None:
    # |A| = 40, |B| = 100, |A & B| = 30 -> J = 30 / 110, C(A in B) = 0.75
    assert containment_from_jaccard(30 / 110, 40, 100) == pytest.approx(0.75)
    assert containment_from_jaccard(1.0, 50, 50) == pytest.approx(1.0)
    assert containment_from_jaccard(0.0, 50, 80) == 0.0
    assert containment_from_jaccard(0.5, 0, 80) == 0.0


def test_identical_and_disjoint_signatures() -> None:
    sigs, _ = signatures_and_sizes(["alpha beta gamma delta epsilon zeta", "one two three four five six"])
    assert estimate_jaccard(sigs[0], sigs[0]) == 1.0
    assert estimate_jaccard(sigs[0], sigs[1]) < 0.05
    with pytest.raises(ConfigError, match="shape"):
        estimate_jaccard(sigs[0], sigs[1][:5])
