"""The compiled kernel gives the numpy path's values, which equal datasketch's."""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from dedupe_news import ConfigError, MinHashConfig, ShingleConfig, shingle_hash, shingles, signatures_and_sizes
from dedupe_news.signatures import kernel_in_use, signatures

# The package re-exports functions named like these modules: import the modules themselves.
signatures_module = importlib.import_module("dedupe_news.signatures")
shingles_module = importlib.import_module("dedupe_news.shingles")

ROOT = Path(__file__).resolve().parents[2]
SEEDS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
BUILT = signatures_module._minhash is not None
needs_kernel = pytest.mark.skipif(not BUILT, reason="dedupe_news._minhash is not built (no C compiler at install)")

UNICODE_TEXTS = [
    "",
    " \u2003\u00a0 ",
    "x",
    "Stra\u00dfe STRASSE stra\u00dfe",  # sharp s folds to "ss"
    "5\u00b5m and 5\u03bcm",  # micro sign folds to a letter, not a separator
    "\u0130stanbul \u0130I\u0131i",  # dotted capital I folds to two code points
    "\u13a0\uab70 Cherokee",  # small Cherokee folds to capital
    "\u03a3\u039f\u03a6\u039f\u03a3 \u03c3\u03bf\u03c6\u03bf\u03c2",  # final sigma
    "\u212a\u212b \ufb01le \ufb00 \u017f",  # Kelvin, Angstrom, ligatures, long s
    "\u00c9T\u00c9 \u00e9t\u00e9 \u00ff\u0178 caf\u00e9",
    "\u201cQuoted\u201d \u2014 dash\u2026 \u00abguillemets\u00bb \u00bfqu\u00e9?",
    "\u65e5\u672c\u8a9e\u3001\u6587\u7ae0\u3002\u30c6\u30b9\u30c8",
    "emoji \U0001f600\U0001f600 \U00010400\U00010428 \U0001e900",  # astral, Deseret and Adlam capitals
    " ".join(chr(c) for c in range(0x100, 0x530)),  # hundreds of distinct letters that fold
    "".join(chr(c) for c in range(0x1E00, 0x1F00)) + " \u0149\u0390\u1e9e\ufb03 \u1f88\u1fb3",  # folds to 2-3
    "lone \ud800 surrogates \udfff\ud83d\ude00 pair",
    "null\x00byte \x1c\x1d\x1e\x1f\x85 controls\x7f",
    "Tab\tnew\nline\r\nform\x0cfeed\x0bvt",
    "it's 5 p.m. -- e-mail: a@b.c, 12,345.67 (so-called) [sic] {x} <y> #tag $5 %9 ^ & * _ + = | ~ `",
    "averyveryverylongtokenthatgoesonandonandonforalongwhile" * 40,
    "\u00e9" * 9 + " " + "\u20ac" * 17 + " " + "\U0001f600" * 33,
    " ".join(f"w{i % 977}" for i in range(60_000)),  # huge token count
]

CONFIGS = [
    MinHashConfig(),
    MinHashConfig(num_perm=2, seed=0),
    MinHashConfig(num_perm=33, seed=2**32 - 1, shingle=ShingleConfig(n=1)),
    MinHashConfig(num_perm=64, seed=7, shingle=ShingleConfig(n=3)),
    MinHashConfig(num_perm=200, seed=3, shingle=ShingleConfig(n=2, casefold=False, fold_digits=False)),
    MinHashConfig(num_perm=31, shingle=ShingleConfig(n=4, fold_punctuation=False)),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(n=64, casefold=False, fold_punctuation=False)),
    MinHashConfig(num_perm=40, shingle=ShingleConfig(kind="char", n=5)),
    MinHashConfig(num_perm=128, seed=5, shingle=ShingleConfig(kind="char")),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(kind="char", n=1, casefold=False, fold_digits=False)),
    MinHashConfig(num_perm=16, shingle=ShingleConfig(kind="char", n=64, fold_punctuation=False)),
]


def reference(text: str, config: MinHashConfig) -> np.ndarray:
    m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=shingle_hash)
    m.update_batch(shingles(text, config.shingle))
    return m.hashvalues


@needs_kernel
def test_kernel_hash_constants_equal_the_shingle_module() -> None:
    kernel = signatures_module._minhash
    assert kernel.TOKEN_LENGTH_MULT == shingles_module.TOKEN_LENGTH_MULT
    assert kernel.TOKEN_MULT == shingles_module.TOKEN_MULT
    assert kernel.TOKEN_SHIFT == shingles_module.TOKEN_SHIFT
    assert kernel.SHINGLE_BASE == shingles_module.SHINGLE_BASE


@needs_kernel
@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.shingle.kind}{c.shingle.n}-p{c.num_perm}-s{c.seed}")
def test_kernel_equals_numpy_path(config: MinHashConfig) -> None:
    texts = UNICODE_TEXTS + SEEDS + [s[: len(s) // 7] for s in SEEDS] + [s.upper() for s in SEEDS]
    c_sigs, c_sizes = signatures_and_sizes(texts, config, batch_size=5, kernel="c")
    np_sigs, np_sizes = signatures_and_sizes(texts, config, batch_size=5, kernel="numpy")
    for i, text in enumerate(texts):
        np.testing.assert_array_equal(c_sigs[i], np_sigs[i], err_msg=repr(text[:60]))
    np.testing.assert_array_equal(c_sizes, np_sizes)
    np.testing.assert_array_equal(signatures(texts, config, kernel="c"), c_sigs)


@needs_kernel
@pytest.mark.parametrize("config", CONFIGS[:3] + CONFIGS[-3:], ids=lambda c: f"{c.shingle.kind}{c.shingle.n}")
def test_kernel_equals_datasketch(config: MinHashConfig) -> None:
    texts = UNICODE_TEXTS[:-1] + SEEDS[:2]
    sigs, sizes = signatures_and_sizes(texts, config, kernel="c")
    for row, size, text in zip(sigs, sizes, texts):
        np.testing.assert_array_equal(row, reference(text, config), err_msg=repr(text[:60]))
        assert size == len({shingle_hash(s) for s in shingles(text, config.shingle)})


TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(" \t\n.,;-'\u2019\u201c\u00a0\u2003\u00b5\u00df\u0130\u03a3\u212a\ufb00"),
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
        st.characters(max_codepoint=0x7F),
    ),
    max_size=120,
)


@needs_kernel
@settings(max_examples=150, deadline=None)
@given(
    st.lists(TEXT, min_size=1, max_size=7),
    st.sampled_from(["word", "char"]),
    st.integers(1, 7),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.integers(2, 70),
    st.integers(0, 2**32 - 1),
)
def test_random_text_kernel_equals_numpy(
    texts: list[str],
    kind: str,
    n: int,
    casefold: bool,
    fold_punctuation: bool,
    fold_digits: bool,
    num_perm: int,
    seed: int,
) -> None:
    folds = {"casefold": casefold, "fold_punctuation": fold_punctuation, "fold_digits": fold_digits}
    shingle = ShingleConfig(kind=kind, n=n, **folds)
    config = MinHashConfig(num_perm=num_perm, seed=seed, shingle=shingle)
    c_sigs, c_sizes = signatures_and_sizes(texts, config, batch_size=3, kernel="c")
    np_sigs, np_sizes = signatures_and_sizes(texts, config, batch_size=3, kernel="numpy")
    np.testing.assert_array_equal(c_sigs, np_sigs)
    np.testing.assert_array_equal(c_sizes, np_sizes)
    np.testing.assert_array_equal(c_sigs[0], reference(texts[0], config))


@needs_kernel
def test_kernel_threads_give_the_same_values() -> None:
    texts = SEEDS * 9 + UNICODE_TEXTS[:-1]
    one = signatures(texts, batch_size=4, kernel="c")
    np.testing.assert_array_equal(signatures(texts, batch_size=4, threads=2, kernel="c"), one)
    np.testing.assert_array_equal(signatures(texts, batch_size=4, kernel="numpy"), one)


@needs_kernel
def test_kernel_refuses_mis_sized_buffers() -> None:
    kernel = signatures_module._minhash
    a, b = signatures_module.permutations(8, 1)
    table = bytes(range(256))
    ranges = np.zeros(2, dtype=np.uint32)
    with pytest.raises(ValueError, match="out"):
        kernel.signatures(["a b"], a, b, table, ranges, False, 2, True, np.empty(7, np.uint32), None)
    with pytest.raises(ValueError, match="sizes"):
        kernel.signatures(["a b"], a, b, table, ranges, True, 2, True, np.empty(8, np.uint32), np.empty(2, np.uint32))
    with pytest.raises(ValueError, match="table"):
        kernel.signatures(["a b"], a, b, table[:10], ranges, False, 2, True, np.empty(8, np.uint32), None)
    with pytest.raises(ValueError, match="equally long"):
        kernel.signatures(["a b"], a, b[:4], table, ranges, False, 2, True, np.empty(8, np.uint32), None)
    with pytest.raises(TypeError, match="not a str"):
        kernel.signatures(["a", b"b"], a, b, table, ranges, False, 2, True, np.empty(16, np.uint32), None)


def test_unknown_kernel_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="kernel must be one of"):
        signatures(["text"], kernel="fortran")  # type: ignore[arg-type]


def test_missing_extension_falls_back_to_numpy_or_refuses_c(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = signatures(SEEDS[:2], kernel="numpy")
    monkeypatch.setattr(signatures_module, "_minhash", None)
    assert kernel_in_use() == "numpy" and kernel_in_use("numpy") == "numpy"
    np.testing.assert_array_equal(signatures(SEEDS[:2]), expected)
    with pytest.raises(ConfigError, match="not built"):
        signatures(SEEDS[:2], kernel="c")
