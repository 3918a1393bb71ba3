"""Union-find (disjoint sets) over document positions, for joining verified pairs."""

from __future__ import annotations

import numpy as np

__all__ = ["components"]


def components(n: int, pairs: np.ndarray) -> np.ndarray:
    """Return a component label per position ``0..n-1`` given joined ``pairs``.

    The label of a component is its smallest position, so labels do not
    depend on the order of ``pairs``.
    """
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in np.asarray(pairs, dtype=np.int64).reshape(-1, 2).tolist():
        ra, rb = find(a), find(b)
        if ra != rb:
            if ra < rb:
                parent[rb] = ra
            else:
                parent[ra] = rb
    return np.array([find(i) for i in range(n)], dtype=np.int64)
