"""MinHash signatures of many texts at once, equal to datasketch's "affine32" MinHash.

Row ``i`` of :func:`signatures` equals ``datasketch.MinHash(num_perm, seed=seed,
hashfunc=shingle_hash)`` updated with ``shingles(texts[i])``: the 32-bit shingle
hash is pre-mixed with MurmurHash3's 32-bit finalizer and permuted by
``a * h + b mod 2**32`` with datasketch's ``a`` (odd) and ``b`` drawn from
``numpy.random.RandomState(seed)``; an empty text keeps ``2**32 - 1``
everywhere. The shingles are never built: a batch of texts is encoded to one
UTF-8 buffer and mapped through a byte table (ASCII case and digit folding,
separators to spaces; non-ASCII separators and case folding found from the
code points), each token is hashed from unaligned 8-byte loads, n-gram hashes
are combined from token hashes with shifted array operations, and the
permutations run over chunks of shingles with ``numpy.minimum.reduceat`` by
document. Signatures are uint32: 4 * num_perm bytes per document.

Two kernels compute the same values. The compiled extension
``dedupe_news._minhash`` (built by ``pip install`` when a C compiler is
present) does the whole path one text at a time, reading the code points of
each ``str`` directly, for word and character shingles; the numpy path above
is the fallback and the reference the tests compare it with.
``kernel="auto"`` (the default) takes the compiled one when it is importable;
``"c"`` or ``"numpy"`` force one, and :func:`kernel_in_use` tells which runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ._extensions import optional_extension
from .errors import ConfigError, InputError
from .shingles import (
    SHINGLE_BASE,
    SHINGLE_HASH_VERSION,
    TOKEN_LENGTH_MULT,
    TOKEN_MULT,
    TOKEN_SHIFT,
    ShingleConfig,
    _ascii_separators,
    separator_ranges,
)

#: The compiled kernel (optional; without it the numpy path serves).
_minhash = optional_extension("_minhash", "signatures")

__all__ = [
    "MinHashConfig",
    "signatures",
    "signatures_and_sizes",
    "permutations",
    "EMPTY_HASH",
    "to_lean_minhash",
    "Kernel",
    "kernel_in_use",
]

#: Which implementation computes the signatures (see the module docstring).
Kernel = Literal["auto", "c", "numpy"]
_KERNELS = ("auto", "c", "numpy")

#: Texts per batch: measured best on ~5 KB news texts (working set fits the caches).
DEFAULT_BATCH_SIZE = 64
#: The value of every permutation of an empty text (datasketch's initial value).
EMPTY_HASH = np.uint32(0xFFFFFFFF)
_SCHEME = "affine32"
_U64 = np.uint64
_U32 = np.uint32


@dataclass(frozen=True)
class MinHashConfig:
    """MinHash settings; two signatures compare only if these are equal.

    Attributes:
        num_perm: number of permutations (signature length), 2..4096.
        seed: seed of datasketch's permutation parameters.
        shingle: how texts are cut into shingles.
    """

    num_perm: int = 128
    seed: int = 1
    shingle: ShingleConfig = field(default_factory=ShingleConfig)

    def __post_init__(self) -> None:
        if not isinstance(self.num_perm, int) or not 2 <= self.num_perm <= 4096:
            raise ConfigError(f"MinHashConfig.num_perm must be an integer in 2..4096, got {self.num_perm!r}")
        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**32:
            raise ConfigError(f"MinHashConfig.seed must be an integer in 0..2**32-1, got {self.seed!r}")
        if not isinstance(self.shingle, ShingleConfig):
            raise ConfigError(f"MinHashConfig.shingle must be a ShingleConfig, got {type(self.shingle).__name__}")

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form, with the scheme and hash identifiers (for index headers)."""
        return {
            "num_perm": self.num_perm,
            "seed": self.seed,
            "scheme": _SCHEME,
            "hash": SHINGLE_HASH_VERSION,
            "shingle": self.shingle.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MinHashConfig:
        """Inverse of :meth:`to_dict`; refuses another scheme or shingle hash."""
        if data.get("scheme", _SCHEME) != _SCHEME:
            raise ConfigError(f"MinHash scheme {data.get('scheme')!r} is not supported (only {_SCHEME!r})")
        if data.get("hash", SHINGLE_HASH_VERSION) != SHINGLE_HASH_VERSION:
            raise ConfigError(
                f"shingle hash {data.get('hash')!r} differs from this version's {SHINGLE_HASH_VERSION!r}; "
                "rebuild the signatures"
            )
        unknown = set(data) - {"num_perm", "seed", "scheme", "hash", "shingle"}
        if unknown:
            raise ConfigError(f"unknown MinHashConfig keys: {sorted(unknown)}")
        shingle = ShingleConfig.from_dict(dict(data.get("shingle", {})))
        return cls(num_perm=int(data.get("num_perm", 128)), seed=int(data.get("seed", 1)), shingle=shingle)


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return datasketch's affine32 permutation parameters ``(a, b)`` (uint32)."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    return a, b


def signatures(
    texts: Sequence[str],
    config: MinHashConfig | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    threads: int = 1,
    kernel: Kernel = "auto",
) -> np.ndarray:
    """Return the MinHash signatures of ``texts``, shape ``(len(texts), num_perm)``, uint32.

    Args:
        texts: the texts (already cleaned, if cleaning is wanted).
        config: MinHash settings (default: 128 permutations, seed 1, 5-word shingles).
        batch_size: texts processed together; memory grows with it, not with
            ``len(texts)``.
        threads: batches computed in parallel threads (both kernels release
            the GIL in their loops). The values do not depend on it.
        kernel: ``"auto"`` (compiled kernel when built, else numpy), ``"c"``
            (raise :class:`ConfigError` when it is not built) or ``"numpy"``.
            The values do not depend on it.
    """
    return _compute(texts, config or MinHashConfig(), batch_size, threads, kernel, with_sizes=False)[0]


def signatures_and_sizes(
    texts: Sequence[str],
    config: MinHashConfig | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    threads: int = 1,
    kernel: Kernel = "auto",
) -> tuple[np.ndarray, np.ndarray]:
    """Return the signatures and the number of distinct shingle hashes of each text.

    The sizes (uint32) count the distinct 32-bit values the MinHash was built
    from, i.e. the set the signature estimates; they are used to estimate
    containment (:func:`dedupe_news.lsh.estimate_containment`). The keywords
    are those of :func:`signatures`.
    """
    sigs, sizes = _compute(texts, config or MinHashConfig(), batch_size, threads, kernel, with_sizes=True)
    assert sizes is not None
    return sigs, sizes


def kernel_in_use(kernel: Kernel = "auto") -> Literal["c", "numpy"]:
    """Return the kernel that ``signatures(..., kernel=kernel)`` runs.

    ``"c"`` when the compiled extension is built (``auto``) or asked for,
    ``"numpy"`` otherwise; :class:`ConfigError` for ``"c"`` when the extension
    is missing or for an unknown name.
    """
    if kernel not in _KERNELS:
        raise ConfigError(f"kernel must be one of {', '.join(map(repr, _KERNELS))}, got {kernel!r}")
    if kernel == "numpy" or (kernel == "auto" and _minhash is None):
        return "numpy"
    if _minhash is None:
        raise ConfigError(
            "kernel='c' needs the compiled extension dedupe_news._minhash, which is not built; "
            "reinstall with a C compiler available or use kernel='auto'"
        )
    return "c"


def to_lean_minhash(row: np.ndarray, config: MinHashConfig | None = None) -> Any:
    """Return one signature row as a ``datasketch.LeanMinHash`` (for ``MinHashLSH``)."""
    from datasketch import LeanMinHash

    config = config or MinHashConfig()
    return LeanMinHash(seed=config.seed, hashvalues=np.asarray(row, dtype=_U32), scheme=_SCHEME)


def _compute(
    texts: Sequence[str], config: MinHashConfig, batch_size: int, threads: int, kernel: Kernel, *, with_sizes: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    if isinstance(texts, str):
        raise ConfigError("texts must be a sequence of strings, not one string")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ConfigError(f"batch_size must be a positive integer, got {batch_size!r}")
    if not isinstance(threads, int) or threads < 1:
        raise ConfigError(f"threads must be a positive integer, got {threads!r}")
    compiled = kernel_in_use(kernel) == "c"
    texts = list(texts)
    for position, text in enumerate(texts):
        if not isinstance(text, str):
            raise InputError("<texts>", f"text {position} is {type(text).__name__}, not str")
    sigs = np.empty((len(texts), config.num_perm), dtype=_U32)
    sizes = np.zeros(len(texts), dtype=_U32) if with_sizes else None
    starts = list(range(0, len(texts), batch_size))

    def work(engine: _Engine, start: int) -> None:
        batch = texts[start : start + batch_size]
        stop = start + len(batch)
        if engine.compiled:
            engine.compiled_signatures(batch, sigs[start:stop], None if sizes is None else sizes[start:stop])
            return
        hashes, docs = engine.shingle_hashes(batch)
        if sizes is not None:
            hashes, docs = _distinct(hashes, docs)
            sizes[start : start + len(batch)] = np.bincount(docs, minlength=len(batch))
        sigs[start : start + len(batch)] = engine.minhash(hashes, docs, len(batch))

    if threads == 1 or len(starts) < 2:
        engine = _Engine(config, compiled)
        for start in starts:
            work(engine, start)
        return sigs, sizes
    workers = min(threads, len(starts))
    engines = [_Engine(config, compiled) for _ in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        # Worker k takes batches k, k + workers, ...: each owns one engine.
        futures = [pool.submit(lambda k=k: [work(engines[k], s) for s in starts[k::workers]]) for k in range(workers)]
        for future in futures:
            future.result()
    return sigs, sizes


def _distinct(hashes: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Drop repeated (doc, hash) pairs; both outputs stay grouped by doc."""
    if hashes.size == 0:
        return hashes, docs
    keys = (docs.astype(_U64) << _U64(32)) | hashes.astype(_U64)
    keys.sort()
    keep = np.empty(keys.size, dtype=bool)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    keys = keys[keep]
    return (keys & _U64(0xFFFFFFFF)).astype(_U32), (keys >> _U64(32)).astype(np.int64)


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U32(16))
    h *= _U32(0x85EBCA6B)
    h ^= h >> _U32(13)
    h *= _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


_SPACE = 0x20
_LITTLE_ENDIAN = np.little_endian
_PAD = 8
#: MASKS[k] keeps the low k bytes of a little-endian 8-byte word.
_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], dtype=_U64)


def _code_points(u8: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions and code points of the multi-byte UTF-8 characters in ``u8``."""
    high = np.flatnonzero(u8 >= 0x80)
    if high.size == 0:
        return high, high
    lead = u8[high]
    is_lead = lead >= 0xC0
    pos = high[is_lead]
    b0 = lead[is_lead].astype(np.int64)
    b1 = u8[pos + 1].astype(np.int64) & 0x3F
    b2 = u8[pos + 2].astype(np.int64) & 0x3F
    b3 = u8[pos + 3].astype(np.int64) & 0x3F
    cp = np.where(
        b0 < 0xE0,
        ((b0 & 0x1F) << 6) | b1,
        np.where(b0 < 0xF0, ((b0 & 0x0F) << 12) | (b1 << 6) | b2, ((b0 & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3),
    )
    return pos, cp


class _Engine:
    """Per-call state: byte table, permutation parameters, work buffers."""

    chunk = 4096

    def __init__(self, config: MinHashConfig, compiled: bool = False) -> None:
        self.config = config
        self.compiled = compiled
        sc = config.shingle
        table = bytearray(range(256))
        for ch in _ascii_separators(sc.fold_punctuation):
            table[ord(ch)] = _SPACE
        if sc.casefold:
            for c in range(ord("A"), ord("Z") + 1):
                table[c] = c + 32
        if sc.fold_digits:
            for c in range(ord("1"), ord("9") + 1):
                table[c] = ord("0")
        self.table = bytes(table)
        self.ranges = separator_ranges(sc.fold_punctuation)
        self.range_bounds = np.array(self.ranges, dtype=_U32).ravel()
        self.a, self.b = permutations(config.num_perm, config.seed)
        # Column vectors: each row of a chunk is one scalar times a contiguous
        # run of hashes, the fastest inner loop numpy has for it.
        self.a_col, self.b_col = self.a[:, None], self.b[:, None]
        self.buf = np.empty((0, 0) if compiled else (config.num_perm, self.chunk), dtype=_U32)

    # -- compiled kernel -------------------------------------------------
    def compiled_signatures(self, texts: list[str], out: np.ndarray, sizes: np.ndarray | None) -> None:
        """Fill ``out`` (and ``sizes``) with the compiled kernel."""
        sc = self.config.shingle
        _minhash.signatures(
            texts, self.a, self.b, self.table, self.range_bounds, sc.kind == "char", sc.size, sc.casefold, out, sizes
        )

    # -- shingle hashes -------------------------------------------------
    def shingle_hashes(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Return (32-bit shingle hashes, doc index of each), grouped by doc."""
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        u8, lengths = self._buffer(encoded)
        leads, cps = _code_points(u8)
        if self.config.shingle.casefold and cps.size:
            changed = [c for c in np.unique(cps).tolist() if chr(c).casefold() != chr(c)]
            if changed:
                doc_ends = np.cumsum(lengths + 1)
                docs = np.unique(np.searchsorted(doc_ends, leads[np.isin(cps, changed)]))
                for i in docs.tolist():
                    encoded[i] = texts[i].casefold().encode("utf-8", "surrogatepass")
                u8, lengths = self._buffer(encoded)
                leads, cps = _code_points(u8)
        if cps.size:
            u8 = self._mark_separators(u8, leads, cps)
        sep = u8 == _SPACE
        edges = np.flatnonzero(sep[1:] != sep[:-1]) + 1
        starts, ends = edges[0::2], edges[1::2]
        doc_ends = np.cumsum(lengths + 1)
        counts = np.diff(np.searchsorted(starts, doc_ends), prepend=0)
        if self.config.shingle.kind == "char":
            return self._char_shingles(u8, starts, ends, counts)
        return self._word_shingles(self._token_hashes(u8, starts, ends), counts)

    def _buffer(self, encoded: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """One translated buffer: "\n" doc "\n" doc ... "\n" + padding."""
        lengths = np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded))
        data = (b"\n" + b"\n".join(encoded) + b"\n" * (1 + _PAD)).translate(self.table)
        return np.frombuffer(data, dtype=np.uint8), lengths

    def _mark_separators(self, u8: np.ndarray, leads: np.ndarray, cps: np.ndarray) -> np.ndarray:
        hit = np.zeros(cps.size, dtype=bool)
        for lo, hi in self.ranges:
            hit |= (cps >= lo) & (cps <= hi)
        if not hit.any():
            return u8
        u8 = u8.copy()
        pos = leads[hit]
        width = np.where(cps[hit] < 0x800, 2, 3)  # every range is in the BMP
        u8[pos] = _SPACE
        u8[pos + 1] = _SPACE
        u8[pos[width == 3] + 2] = _SPACE
        return u8

    @staticmethod
    def _token_hashes(u8: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """:func:`~dedupe_news.shingles.token_hash` of every token, from 8-byte loads."""
        words = np.ndarray(shape=(u8.size - 7,), dtype="<u8", buffer=u8, strides=(1,))
        length = ends - starts
        h = length.astype(_U64) * _U64(TOKEN_LENGTH_MULT)
        h ^= words[starts] & _MASKS[np.minimum(length, 8)]
        h *= _U64(TOKEN_MULT)
        h ^= h >> _U64(TOKEN_SHIFT)
        longer = np.flatnonzero(length > 8)
        offset = 8
        while longer.size:
            rest = length[longer] - offset
            part = h[longer] ^ (words[starts[longer] + offset] & _MASKS[np.minimum(rest, 8)])
            part *= _U64(TOKEN_MULT)
            part ^= part >> _U64(TOKEN_SHIFT)
            h[longer] = part
            offset += 8
            longer = longer[rest > 8]
        return h

    def _word_shingles(self, tok: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        n = self.config.shingle.size
        ntok = tok.size
        ndocs = counts.size
        poly = tok.copy()
        base = _U64(SHINGLE_BASE)
        for j in range(1, min(n, ntok)):
            poly[: ntok - j] *= base
            poly[: ntok - j] += tok[j:]
        # Start t is valid when its doc has >= n tokens from t on; docs with
        # 1..n-1 tokens get one shingle of all their tokens.
        per_doc = np.maximum(counts - n + 1, 0)
        short = np.flatnonzero((counts > 0) & (counts < n))
        first = np.cumsum(counts) - counts
        if short.size:
            per_doc[short] = 1
            poly[first[short]] = self._short_shingles(tok, first[short], counts[short])
        total = int(per_doc.sum())
        doc_of = np.repeat(np.arange(ndocs), per_doc)
        index = np.arange(total) - np.repeat(np.cumsum(per_doc) - per_doc, per_doc) + first[doc_of]
        high = poly.view(_U32)[1::2] if _LITTLE_ENDIAN else (poly >> _U64(32)).astype(_U32)
        return high[index], doc_of

    @staticmethod
    def _short_shingles(tok: np.ndarray, first: np.ndarray, count: np.ndarray) -> np.ndarray:
        poly = tok[first].copy()
        for j in range(1, int(count.max())):
            live = count > j
            poly[live] = poly[live] * _U64(SHINGLE_BASE) + tok[first[live] + j]
        return poly

    def _char_shingles(
        self, u8: np.ndarray, starts: np.ndarray, ends: np.ndarray, counts: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Character n-grams of each doc's tokens joined by one space."""
        n = self.config.shingle.size
        ndocs = counts.size
        # The canonical text: token bytes plus the first separator after every
        # token that is not its doc's last; docs end to end.
        keep = u8 != _SPACE
        last = np.cumsum(counts) - 1
        inner = np.ones(starts.size, dtype=bool)
        inner[last[counts > 0]] = False
        keep[ends[inner]] = True
        canon = np.concatenate([u8[keep], np.zeros(_PAD, dtype=np.uint8)])
        size = canon.size - _PAD
        doc_bytes = np.zeros(ndocs, dtype=np.int64)
        np.add.at(doc_bytes, np.repeat(np.arange(ndocs), counts), ends - starts)
        doc_bytes += np.maximum(counts - 1, 0)
        doc_end = np.cumsum(doc_bytes)
        char_pos = np.flatnonzero((canon[:size] & 0xC0) != 0x80)
        cpos = np.append(char_pos, size)
        first_char = np.searchsorted(char_pos, doc_end - doc_bytes)
        nchars = np.searchsorted(char_pos, doc_end) - first_char
        per_doc = np.where(nchars >= n, nchars - n + 1, (nchars > 0).astype(np.int64))
        total = int(per_doc.sum())
        doc_of = np.repeat(np.arange(ndocs), per_doc)
        g = np.arange(total) - np.repeat(np.cumsum(per_doc) - per_doc, per_doc) + first_char[doc_of]
        w_start = cpos[g]
        w_end = np.where(nchars[doc_of] >= n, cpos[np.minimum(g + n, cpos.size - 1)], doc_end[doc_of])
        # Split every window at its spaces into parts; hash = polynomial of part hashes.
        spaces = np.append(np.flatnonzero(canon[:size] == _SPACE), size)  # sentinel: never inside a window
        first_space = np.searchsorted(spaces, w_start)
        nparts = np.searchsorted(spaces, w_end) - first_space + 1
        window = np.repeat(np.arange(total), nparts)
        j = np.arange(int(nparts.sum())) - np.repeat(np.cumsum(nparts) - nparts, nparts)
        at = first_space[window] + j
        part_start = np.where(j == 0, w_start[window], spaces[np.maximum(at - 1, 0)] + 1)
        last_part = j == nparts[window] - 1
        part_end = np.where(last_part, w_end[window], spaces[np.minimum(at, spaces.size - 1)])
        part_hash = self._token_hashes(canon, part_start, part_end)
        powers = np.cumprod(np.full(int(nparts.max(initial=1)), SHINGLE_BASE, dtype=_U64))
        powers = np.concatenate([np.ones(1, dtype=_U64), powers])
        part_hash *= powers[nparts[window] - 1 - j]
        offsets = np.cumsum(nparts) - nparts
        poly = np.add.reduceat(part_hash, offsets) if total else part_hash[:0]
        return (poly >> _U64(32)).astype(_U32), doc_of

    # -- permutations ----------------------------------------------------
    def minhash(self, hashes: np.ndarray, docs: np.ndarray, ndocs: int) -> np.ndarray:
        """Min over each doc's shingles of every permutation (rows of empty docs stay max).

        Shingles are processed in chunks of ``chunk`` columns; each chunk is
        cut into segments at document starts, every segment is reduced with
        ``numpy.minimum.reduceat``, and segments of one document spanning
        chunks are reduced once more at the end.
        """
        num_perm = self.config.num_perm
        out = np.full((ndocs, num_perm), EMPTY_HASH, dtype=_U32)
        total = hashes.size
        if total == 0:
            return out
        hv = _fmix32(hashes)
        chunk = self.chunk
        doc_starts = np.flatnonzero(np.diff(docs, prepend=-1))
        seg_starts = np.concatenate([doc_starts, np.arange(0, total, chunk)])
        seg_starts.sort(kind="stable")  # two sorted runs: a linear merge
        seg_starts = seg_starts[np.diff(seg_starts, prepend=-1) > 0]
        bounds = np.searchsorted(seg_starts, np.arange(0, total + chunk, chunk))
        seg_mins = np.empty((num_perm, seg_starts.size), dtype=_U32)
        buf = self.buf
        for k, c0 in enumerate(range(0, total, chunk)):
            width = min(chunk, total - c0)
            if width < chunk:
                buf = buf[:, :width]
            np.multiply(hv[None, c0 : c0 + width], self.a_col, out=buf)
            np.add(buf, self.b_col, out=buf)
            lo, hi = bounds[k], bounds[k + 1]
            np.minimum.reduceat(buf, seg_starts[lo:hi] - c0, axis=1, out=seg_mins[:, lo:hi])
        seg_docs = docs[seg_starts]
        first_seg = np.flatnonzero(np.diff(seg_docs, prepend=-1))
        per_doc = np.minimum.reduceat(seg_mins, first_seg, axis=1)
        out[seg_docs[first_seg]] = per_doc.T
        return out
