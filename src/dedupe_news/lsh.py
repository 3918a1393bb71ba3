"""LSH banding of MinHash signatures, candidate pairs and similarity estimates.

:func:`lsh_params` chooses bands and rows for a Jaccard threshold the way
datasketch's ``MinHashLSH`` does (minimising the weighted false-positive and
false-negative areas). :func:`band_keys` hashes each band of each signature to
one 64-bit key; two documents are candidates when any band key matches, which
is datasketch's rule (identical ``hashvalues[start:end]`` in a band) up to
64-bit hash collisions. :func:`candidate_pairs` finds them by sorting keys
instead of filling hash tables.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .errors import ConfigError

__all__ = [
    "lsh_params",
    "band_keys",
    "candidate_pairs",
    "estimate_jaccard",
    "estimate_containment",
    "containment_from_jaccard",
]

_U64 = np.uint64


def lsh_params(
    threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    """Return ``(bands, rows)`` for a Jaccard ``threshold``, as datasketch's ``MinHashLSH``.

    Minimises ``fp_weight * P(false positive) + fn_weight * P(false negative)``
    over every ``bands * rows <= num_perm``. The probabilities are integrals of
    polynomials of degree ``bands * rows``, computed exactly by Gauss-Legendre
    quadrature (datasketch uses ``scipy.integrate.quad``; the choices agree).
    """
    if not 0.0 < threshold < 1.0:
        raise ConfigError(f"threshold must be between 0 and 1 (exclusive), got {threshold!r}")
    if not isinstance(num_perm, int) or num_perm < 2:
        raise ConfigError(f"num_perm must be an integer >= 2, got {num_perm!r}")
    fp_w, fn_w = weights
    if fp_w < 0 or fn_w < 0 or abs(fp_w + fn_w - 1.0) > 1e-9:
        raise ConfigError(f"weights must be two non-negative numbers summing to 1, got {weights!r}")
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], dtype=np.float64)
    b, r = pairs[:, :1], pairs[:, 1:]
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 2)
    # Gauss-Legendre is exact for these polynomials of degree b * r <= num_perm.
    s_fp = threshold / 2 * (x + 1)
    s_fn = threshold + (1 - threshold) / 2 * (x + 1)
    fp = threshold / 2 * ((1 - (1 - s_fp**r) ** b) @ w)
    fn = (1 - threshold) / 2 * (((1 - s_fn**r) ** b) @ w)
    error = fp * fp_w + fn * fn_w
    best = int(np.argmin(error))  # first minimum, as datasketch's strict "<" scan
    return int(pairs[best, 0]), int(pairs[best, 1])


def _check_bands(sigs: np.ndarray, bands: int, rows: int) -> None:
    if sigs.ndim != 2:
        raise ConfigError(f"signatures must be a 2-D array, got shape {sigs.shape}")
    if bands < 1 or rows < 1 or bands * rows > sigs.shape[1]:
        raise ConfigError(
            f"bands * rows = {bands} * {rows} = {bands * rows} must be <= num_perm {sigs.shape[1]}; "
            "did you pass the num_perm the signatures were made with?"
        )


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Return one 64-bit key per band, shape ``(n, bands)``, uint64.

    Band ``i`` covers columns ``i*rows .. (i+1)*rows - 1`` (datasketch's
    ``hashranges``). Equal bands give equal keys; different bands collide
    with probability about 2**-64.
    """
    sigs = np.asarray(sigs)
    _check_bands(sigs, bands, rows)
    out = np.empty((sigs.shape[0], bands), dtype=_U64)
    step = 1 << 15  # bounded temporary memory, whatever the number of rows
    for lo in range(0, sigs.shape[0], step):
        block = sigs[lo : lo + step, : bands * rows].astype(_U64).reshape(-1, bands, rows)
        key = np.full((block.shape[0], bands), 0x243F6A8885A308D3, dtype=_U64)
        for j in range(rows):
            key ^= block[:, :, j]
            key *= _U64(0x100000001B3)
            key ^= key >> _U64(29)
            key *= _U64(0xBF58476D1CE4E5B9)
        out[lo : lo + step] = key
    return out


def candidate_pairs(keys: np.ndarray, *, max_bucket: int | None = None) -> np.ndarray:
    """Return the distinct pairs ``(i, j)``, ``i < j``, sharing a key in some band.

    Args:
        keys: output of :func:`band_keys`, shape ``(n, bands)``.
        max_bucket: if set, a bucket with more than ``max_bucket`` members
            pairs each member only with the bucket's first ``max_bucket``
            members (in index order) instead of with all of them, bounding the work on
            huge buckets (many exact copies); connectivity of the bucket is
            kept.

    Returns:
        int64 array of shape ``(m, 2)``, sorted.
    """
    chunks = list(_bucket_pairs(np.asarray(keys), max_bucket))
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64)
    n = keys.shape[0]
    code = sorted_unique(np.concatenate(chunks))
    return np.stack([code // n, code % n], axis=1)


def _bucket_pairs(keys: np.ndarray, max_bucket: int | None) -> Iterator[np.ndarray]:
    """Yield pair codes ``i * n + j`` (``i < j``) band by band."""
    n = keys.shape[0]
    if n == 0:
        return
    for band in range(keys.shape[1]):
        order = np.argsort(keys[:, band], kind="stable")
        sorted_keys = keys[order, band]
        new = np.empty(n, dtype=bool)
        new[0] = True
        np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        sizes = np.diff(np.append(starts, n))
        multi = sizes > 1
        if not multi.any():
            continue
        starts, sizes = starts[multi], sizes[multi]
        limit = sizes - 1 if max_bucket is None else np.minimum(sizes - 1, max_bucket)
        # Partner at bucket position p pairs with every member after it.
        for p in range(int(limit.max())):
            live = limit > p
            s, z = starts[live] + p, sizes[live] - p - 1
            first = np.repeat(s, z)
            second = first + 1 + (np.arange(z.sum()) - np.repeat(np.cumsum(z) - z, z))
            a, b = order[first], order[second]
            yield np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``numpy.unique`` by sorting (fast for large integer arrays)."""
    values = np.sort(values)
    if values.size < 2:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float | np.ndarray:
    """Fraction of equal signature values (datasketch's ``MinHash.jaccard``).

    Works on two rows, or row-wise on two ``(m, num_perm)`` arrays.
    """
    a, b = np.asarray(sig_a), np.asarray(sig_b)
    if a.shape != b.shape:
        raise ConfigError(f"signatures differ in shape: {a.shape} vs {b.shape}")
    eq = np.count_nonzero(a == b, axis=-1) / a.shape[-1]
    return float(eq) if a.ndim == 1 else eq


def containment_from_jaccard(
    jaccard: float | np.ndarray, size_a: float | np.ndarray, size_b: float | np.ndarray
) -> float | np.ndarray:
    """Estimated fraction of A's shingles inside B, from Jaccard and the set sizes.

    With ``J = |A & B| / |A | B|`` and ``|A | B| = |A| + |B| - |A & B|``:
    ``|A & B| = J (|A| + |B|) / (1 + J)``, so containment
    ``C(A in B) = J (|A| + |B|) / ((1 + J) |A|)``, clipped to ``[0, 1]``.
    """
    j = np.asarray(jaccard, dtype=np.float64)
    sa = np.asarray(size_a, dtype=np.float64)
    sb = np.asarray(size_b, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(sa > 0, j * (sa + sb) / ((1.0 + j) * np.maximum(sa, 1.0)), 0.0)
    c = np.clip(c, 0.0, 1.0)
    return float(c) if c.ndim == 0 else c


def estimate_containment(
    sig_a: np.ndarray, size_a: int, sig_b: np.ndarray, size_b: int
) -> float:
    """Estimated fraction of A's distinct shingles that are also in B.

    Uses the Jaccard estimate of the signatures and the distinct-shingle
    counts from :func:`~dedupe_news.signatures.signatures_and_sizes`
    (see :func:`containment_from_jaccard`).
    """
    return float(containment_from_jaccard(estimate_jaccard(sig_a, sig_b), size_a, size_b))
