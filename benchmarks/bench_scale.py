"""End-to-end scale: clean, signatures, LSH and clusters for 10k and 100k documents.

Documents are generated on the fly (deterministic seed) from the seeds'
vocabulary; a share of them are syndicated copies of an earlier story (another
site's header and footer, a new headline, last paragraphs dropped or a local
paragraph added). Texts are processed in batches and only the uint32
signatures and sizes are kept, so memory per document is flat. Each size runs
in its own process so its peak memory (``ru_maxrss``) is its own. Run::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10000 100000] [--doc-bytes 3000]

Prints per stage seconds, microseconds per document, peak memory and bytes
per document, and how many injected copies were found.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import SITES, vocabulary  # noqa: E402


class FastNews:
    """Vectorised story generator: Zipf-like words, sentences, paragraphs."""

    def __init__(self, seed: int, doc_bytes: int) -> None:
        self.rng = np.random.default_rng(seed)
        self.words = np.array(vocabulary(), dtype=object)
        weights = 1.0 / (np.arange(len(self.words)) + 10.0)
        self.p = weights / weights.sum()
        self.doc_words = max(20, doc_bytes // 6)

    def paragraph(self, n_words: int) -> str:
        words = self.words[self.rng.choice(len(self.words), n_words, p=self.p)].tolist()
        cuts = np.cumsum(self.rng.integers(8, 25, size=n_words // 8 + 1))
        sentences = [" ".join(words[a:b]) for a, b in zip(np.r_[0, cuts], cuts) if a < n_words]
        return " ".join(s[:1].upper() + s[1:] + "." for s in sentences if s)

    def story(self) -> list[str]:
        head = " ".join(self.words[self.rng.integers(0, 300, 7)].tolist()).title()
        sizes = self.rng.integers(40, 110, size=self.doc_words // 40 + 1)
        sizes = sizes[np.cumsum(sizes) <= self.doc_words] if sizes[0] <= self.doc_words else sizes[:1]
        return [head] + [self.paragraph(int(n)) for n in sizes]

    def copy(self, paragraphs: list[str]) -> str:
        rng = self.rng
        paras = list(paragraphs)
        if rng.random() < 0.5:
            paras[0] = " ".join(self.words[rng.integers(0, 300, 6)].tolist()).title()
        if rng.random() < 0.4 and len(paras) > 4:
            paras = paras[: len(paras) - int(rng.integers(1, max(2, len(paras) // 3)))]
        if rng.random() < 0.3:
            paras.insert(int(rng.integers(1, len(paras) + 1)), self.paragraph(60))
        site = SITES[int(rng.integers(len(SITES)))]
        header = f"{site}\nHome | News | Politics | Sport\nSubscribe to our newsletter"
        footer = f"Copyright {site}. All rights reserved.\nShare this article"
        return "\n\n".join([header, *paras, footer])


def run_one(n: int, doc_bytes: int, copy_share: float, batch: int, clean_texts: bool) -> dict:
    from dedupe_news import ClusterConfig, clean, cluster_signatures, signatures_and_sizes

    config = ClusterConfig()
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gen = FastNews(seed=12345, doc_bytes=doc_bytes)
    sigs = np.empty((n, config.minhash.num_perm), dtype=np.uint32)
    sizes = np.empty(n, dtype=np.uint32)
    origin = np.empty(n, dtype=np.int64)  # index of the original story
    recent: list[tuple[int, list[str]]] = []  # a bounded pool of originals to copy
    times = {"generate": 0.0, "clean": 0.0, "signatures": 0.0, "clusters": 0.0}
    total_bytes = 0
    for start in range(0, n, batch):
        t = time.perf_counter()
        texts = []
        for i in range(start, min(n, start + batch)):
            if recent and gen.rng.random() < copy_share:
                src, paras = recent[int(gen.rng.integers(len(recent)))]
                texts.append(gen.copy(paras))
                origin[i] = src
            else:
                paras = gen.story()
                texts.append("\n\n".join(paras))
                origin[i] = i
                recent.append((i, paras))
                if len(recent) > 500:
                    recent.pop(int(gen.rng.integers(len(recent))))
        total_bytes += sum(len(x) for x in texts)
        t2 = time.perf_counter()
        if clean_texts:
            texts = [clean(x, config.clean_config) for x in texts]
        t3 = time.perf_counter()
        end = start + len(texts)
        sigs[start:end], sizes[start:end] = signatures_and_sizes(texts, config.minhash)
        t4 = time.perf_counter()
        times["generate"] += t2 - t
        times["clean"] += t3 - t2
        times["signatures"] += t4 - t3
    t = time.perf_counter()
    result = cluster_signatures([str(i) for i in range(n)], sigs, sizes, config)
    times["clusters"] = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    label = np.array([int(result.assignments[str(i)]) for i in range(n)])
    copies = np.flatnonzero(origin != np.arange(n))
    found = int(np.count_nonzero(label[copies] == label[origin[copies]]))
    merged_stories = sum(len({int(origin[int(m)]) for m in c.members}) > 1 for c in result.duplicates)
    return {
        "n": n,
        "mean_bytes": total_bytes / n,
        "times": times,
        "peak_rss_delta_mb": (rss1 - rss0) / 1024,
        "bands_rows": result.bands_rows,
        "candidate_pairs": result.candidate_pairs,
        "joined_pairs": result.joined_pairs,
        "copies": int(copies.size),
        "copies_found": found,
        "clusters": len(result.clusters),
        "clusters_merging_distinct_stories": merged_stories,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--doc-bytes", type=int, default=3000, help="approximate story length")
    parser.add_argument("--copy-share", type=float, default=0.2, help="share of documents that are copies")
    parser.add_argument("--batch", type=int, default=1000, help="documents per processing batch")
    parser.add_argument("--no-clean", action="store_true", help="skip dedupe_news.clean")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.doc_bytes, args.copy_share, args.batch, not args.no_clean)))
        return 0
    print(f"{'docs':>7} {'bytes/doc':>9} {'gen s':>6} {'clean s':>8} {'sigs s':>7} {'clust s':>8} "
          f"{'us/doc*':>8} {'peak MB':>8} {'B/doc':>6} {'pairs':>8} {'copies found':>14} {'bad merges':>10}")
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--doc-bytes", str(args.doc_bytes),
               "--copy-share", str(args.copy_share), "--batch", str(args.batch)]
        if args.no_clean:
            cmd.append("--no-clean")
        r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
        t = r["times"]
        work = t["clean"] + t["signatures"] + t["clusters"]
        print(
            f"{n:7d} {r['mean_bytes']:9.0f} {t['generate']:6.1f} {t['clean']:8.1f} {t['signatures']:7.1f} "
            f"{t['clusters']:8.1f} {work / n * 1e6:8.0f} {r['peak_rss_delta_mb']:8.1f} "
            f"{r['peak_rss_delta_mb'] * 2**20 / n:6.0f} {r['candidate_pairs']:8d} "
            f"{r['copies_found']:6d}/{r['copies']:<7d} {r['clusters_merging_distinct_stories']:10d}"
        )
    print("us/doc* = (clean + signatures + clusters) / docs, generation excluded; peak MB = ru_maxrss growth")
    print(f"LSH bands x rows: {tuple(r['bands_rows'])}; bad merges = clusters holding two different stories")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
