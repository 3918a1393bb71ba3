"""Signatures equal datasketch's MinHash fed ``shingles``; rows work in datasketch's LSH."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.lsh import _optimal_param
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import (
    MinHashConfig,
    ShingleConfig,
    band_keys,
    lsh_params,
    shingle_hash,
    shingles,
    signatures,
    signatures_and_sizes,
)
from dedupe_news.lsh import candidate_pairs
from dedupe_news.signatures import to_lean_minhash

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]

EDGE_TEXTS = [
    "",
    "   \n\t ",
    "!!! ... ---",
    "Hello",
    "a b c d",
    "One two three four five",
    "One two three four five six",
    "Ünïcödé \u201cquoted\u201d \u2014 dash\u2026 ok 12,345 \u0130stanbul Stra\u00dfe \u03a3\u0391\u03a3",
    "x\u00a0y\u2003z\ufeffw\u200bv soft\u00adhyphen",
    "KELVIN \u212a and \u017f long s \ufb00 ligature",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3001\u53e5\u8aad\u70b9\u3002\u3042\u308a",
    "averyveryverylongtokenthatgoesonandonandonforalongwhile-and more 123456789012345678",
    "emoji \U0001f600 deseret \U00010400 \U00010428 done",
    "lone surrogate \ud800 here",
    "null\x00byte and\x1ccontrol",
    "Line one.\nLine two.\r\nLine three.\n\nParagraph two has more words in it than one.",
]

CONFIGS = [
    MinHashConfig(),
    MinHashConfig(num_perm=64, seed=7, shingle=ShingleConfig(n=3)),
    MinHashConfig(num_perm=32, seed=3, shingle=ShingleConfig(n=2, casefold=False, fold_digits=False)),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(n=4, fold_punctuation=False)),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(n=1)),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(kind="char", n=5)),
]


def reference(text: str, config: MinHashConfig) -> np.ndarray:
    m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=shingle_hash)
    m.update_batch(shingles(text, config.shingle))
    return m.hashvalues


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.shingle.kind}{c.shingle.n}-p{c.num_perm}")
def test_rows_equal_datasketch_minhash(config: MinHashConfig) -> None:
    texts = SEEDS + EDGE_TEXTS + [s[: len(s) // 3] for s in SEEDS]
    sigs, sizes = signatures_and_sizes(texts, config, batch_size=4)
    assert sigs.dtype == np.uint32 and sigs.shape == (len(texts), config.num_perm)
    for row, size, text in zip(sigs, sizes, texts):
        np.testing.assert_array_equal(row, reference(text, config), err_msg=repr(text[:60]))
        assert size == len({shingle_hash(s) for s in shingles(text, config.shingle)})


def test_batch_size_does_not_change_values() -> None:
    texts = SEEDS + EDGE_TEXTS
    one = signatures(texts, batch_size=1)
    np.testing.assert_array_equal(one, signatures(texts, batch_size=7))
    np.testing.assert_array_equal(one, signatures(texts, batch_size=1000))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=80), min_size=1, max_size=6), st.sampled_from(["word", "char"]))
def test_random_text_equals_datasketch(texts: list[str], kind: str) -> None:
    config = MinHashConfig(num_perm=16, shingle=ShingleConfig(kind=kind, n=2 if kind == "word" else 4))
    sigs = signatures(texts, config, batch_size=3)
    for row, text in zip(sigs, texts):
        np.testing.assert_array_equal(row, reference(text, config))


def test_empty_text_is_all_max_like_datasketch() -> None:
    sigs = signatures(["", "  ...  "])
    assert (sigs == np.uint32(0xFFFFFFFF)).all()
    assert shingles("") == [] and shingles(" , ") == []


def test_short_text_is_one_shingle_of_all_tokens() -> None:
    assert shingles("Breaking: Fire!") == [b"breaking fire"]
    assert shingles("In 2019, 15 died") == [b"in 0000 00 died"]


def test_hashing_normalisation_folds_case_punctuation_and_digits() -> None:
    assert shingles("\u201cAMAZON\u2019s\u201d   deal\u2014 worth $1,250", ShingleConfig(n=8)) == [
        b"amazon s deal worth 0 000"
    ]
    assert shingles("It's 5 p.m.", ShingleConfig(n=8, fold_punctuation=False, fold_digits=False)) == [
        b"it's 5 p.m."
    ]


def test_lean_minhash_rows_index_and_query_in_datasketch_lsh() -> None:
    texts = SEEDS + [SEEDS[0] + "\n\nA paragraph added by another site."]
    sigs = signatures(texts)
    lsh = MinHashLSH(threshold=0.7, num_perm=128)
    for i, row in enumerate(sigs[:5]):
        lsh.insert(f"seed{i}", to_lean_minhash(row))
    found = lsh.query(LeanMinHash(seed=1, hashvalues=sigs[5], scheme="affine32"))
    assert found == ["seed0"]
    theirs = MinHash(num_perm=128, seed=1, hashfunc=shingle_hash)
    theirs.update_batch(shingles(texts[0]))
    assert LeanMinHash(theirs).jaccard(to_lean_minhash(sigs[0])) == 1.0


@pytest.mark.parametrize("threshold", [0.1, 0.3, 0.5, 0.65, 0.8, 0.95])
@pytest.mark.parametrize("num_perm", [32, 128, 256])
def test_lsh_params_match_datasketch(threshold: float, num_perm: int) -> None:
    assert lsh_params(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_candidate_pairs_equal_datasketch_lsh_candidates() -> None:
    rng = np.random.default_rng(5)
    words = [f"w{i}" for i in range(300)]
    stories = [" ".join(rng.choice(words, 120)) for _ in range(30)]
    texts = list(stories)
    for s in stories[:20]:  # near copies with 1-15 words changed
        tokens = s.split()
        for k in rng.choice(len(tokens), rng.integers(1, 16), replace=False):
            tokens[k] = "edit"
        texts.append(" ".join(tokens))
    sigs = signatures(texts, MinHashConfig(num_perm=64))
    bands, rows = lsh_params(0.5, 64)
    lsh = MinHashLSH(threshold=0.5, num_perm=64)
    for i, row in enumerate(sigs):
        lsh.insert(i, to_lean_minhash(row))
    expected = {(i, j) for i in range(len(texts)) for j in lsh.query(to_lean_minhash(sigs[i])) if i < j}
    got = {tuple(p) for p in candidate_pairs(band_keys(sigs, bands, rows)).tolist()}
    assert got == expected and len(got) >= 20
