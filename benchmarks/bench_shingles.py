"""Which shingling separates syndicated copies from distinct stories best?

For word n-grams (n = 2..8) and character n-grams (n = 5..13) it prints, on
the cleaned seeds: the lowest and mean estimated Jaccard between each seed and
its syndicated variants (other site's chrome, new headline, last paragraphs
dropped, mojibake, literal escapes, added paragraph; higher is better), the
highest Jaccard between two distinct seeds, bare and wrapped in the same site
template (lower is better), and the margin between the two. Run::

    .venv/bin/python benchmarks/bench_shingles.py
"""

from __future__ import annotations

import sys
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "minhash"))

from minhash_variants import SITES, VARIANTS, seeds, wrap  # noqa: E402

from dedupe_news import MinHashConfig, ShingleConfig, clean, estimate_jaccard, signatures  # noqa: E402


def measure(shingle: ShingleConfig) -> tuple[float, float, float, float]:
    config = MinHashConfig(num_perm=256, shingle=shingle)
    originals = seeds()
    copy_scores = []
    for text in originals.values():
        texts = [clean(text)] + [clean(fn(text)) for fn in VARIANTS.values()]
        sigs = signatures(texts, config)
        copy_scores += [estimate_jaccard(sigs[0], sigs[k]) for k in range(1, len(texts))]
    distinct = []
    for site in [None, *SITES["sites"]]:
        texts = [clean(t if site is None else wrap(t, site)) for t in originals.values()]
        sigs = signatures(texts, config)
        distinct += [estimate_jaccard(sigs[a], sigs[b]) for a, b in combinations(range(len(texts)), 2)]
    return min(copy_scores), sum(copy_scores) / len(copy_scores), max(distinct), min(copy_scores) - max(distinct)


def main() -> int:
    print(f"{'shingles':10} {'copy min':>8} {'copy mean':>9} {'distinct max':>12} {'margin':>7}")
    for kind, sizes in (("word", (2, 3, 4, 5, 6, 8)), ("char", (5, 7, 9, 13))):
        for n in sizes:
            lo, mean, hi, margin = measure(ShingleConfig(kind=kind, n=n))
            print(f"{kind + ' ' + str(n):10} {lo:8.3f} {mean:9.3f} {hi:12.3f} {margin:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
