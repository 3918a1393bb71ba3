"""Signature throughput from raw text: datasketch's usual path, rensa, dedupe_news.

All contenders get the same ~5.5 KB news-like texts (``newsgen.py``) and 128
permutations. datasketch and rensa are fed 5-word shingles built in Python
(lower-case, ``\\w+`` tokens), which is how they are normally used; dedupe_news
starts from the raw text. Run::

    .venv/bin/python benchmarks/bench_signatures.py [--docs 4000] [--reference-docs 400]

Prints which kernel ``signatures`` runs (the compiled ``dedupe_news._minhash``
when it is built, else numpy), then docs/s, MB/s, bytes of signature per
document and the ratio to datasketch for each contender, measured in the same
run (the machine is shared and noisy). The numpy kernel's row stays as the
baseline of the compiled one.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import NewsGenerator  # noqa: E402

from dedupe_news import MinHashConfig, shingle_hash, shingles, signatures  # noqa: E402
from dedupe_news.signatures import kernel_in_use  # noqa: E402

WORD = re.compile(r"\w+")


def python_shingles(text: str, n: int = 5) -> list[str]:
    """The usual hand-written shingling: lower-case word 5-grams."""
    words = WORD.findall(text.lower())
    return [" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))]


def timed(fn) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def run_datasketch(texts: list[str], num_perm: int):
    from datasketch import LeanMinHash, MinHash

    def go():
        sets = [[s.encode("utf-8") for s in python_shingles(t)] for t in texts]
        return MinHash.bulk(sets, num_perm=num_perm)

    wall, cpu, hashes = timed(go)
    return wall, cpu, LeanMinHash(hashes[0]).hashvalues.nbytes


def run_rensa(texts: list[str], num_perm: int):
    try:
        from rensa import RMinHash
    except ImportError:
        return None

    def go():
        digests = []
        for t in texts:
            m = RMinHash(num_perm=num_perm, seed=1)
            m.update(python_shingles(t))
            digests.append(m.digest())
        return digests

    wall, cpu, digests = timed(go)
    return wall, cpu, np.asarray(digests[0], dtype=np.uint32).nbytes


def run_ours(texts: list[str], config: MinHashConfig, threads: int, kernel: str = "auto"):
    wall, cpu, sigs = timed(lambda: signatures(texts, config, threads=threads, kernel=kernel))
    return wall, cpu, sigs.nbytes // len(texts)


def verify(texts: list[str], config: MinHashConfig) -> int:
    """Rows equal datasketch fed ``shingles`` with ``hashfunc=shingle_hash``."""
    from datasketch import MinHash

    sigs = signatures(texts, config)
    if not np.array_equal(sigs, signatures(texts, config, kernel="numpy")):
        raise SystemExit("MISMATCH between the kernels")
    for row, text in zip(sigs, texts):
        m = MinHash(num_perm=config.num_perm, seed=config.seed, hashfunc=shingle_hash)
        m.update_batch(shingles(text, config.shingle))
        if not np.array_equal(m.hashvalues, row):
            raise SystemExit("MISMATCH with datasketch")
    return len(texts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=4000, help="texts for dedupe_news")
    parser.add_argument("--reference-docs", type=int, default=400, help="texts for datasketch and rensa")
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; best is reported")
    args = parser.parse_args(argv)

    gen = NewsGenerator(seed=11)
    texts = [gen.story() for _ in range(args.docs)]
    ref = texts[: args.reference_docs]
    config = MinHashConfig(num_perm=args.num_perm)
    mean = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    print(f"texts: {len(texts)} news-like (mean {mean:.0f} bytes UTF-8), num_perm={args.num_perm}")
    print(f"verified equal to datasketch MinHash(hashfunc=shingle_hash): {verify(texts[:25], config)} docs")
    kernel = kernel_in_use()
    print(f"kernel: {kernel} ({'compiled dedupe_news._minhash' if kernel == 'c' else 'extension not built'})")

    contenders = [
        ("datasketch (python shingles + MinHash.bulk)", ref, lambda: run_datasketch(ref, args.num_perm)),
        ("rensa RMinHash (python shingles)", ref, lambda: run_rensa(ref, args.num_perm)),
        ("dedupe_news, numpy kernel, 1 thread", texts, lambda: run_ours(texts, config, 1, "numpy")),
        (f"dedupe_news, {kernel} kernel, 1 thread", texts, lambda: run_ours(texts, config, 1)),
        (f"dedupe_news, {kernel} kernel, 2 threads", texts, lambda: run_ours(texts, config, 2)),
    ]
    if kernel == "numpy":
        del contenders[2]
    best: dict[str, tuple[float, float, int]] = {}
    for _ in range(args.rounds):  # interleaved rounds, best of each: the machine is shared
        for name, _docs, fn in contenders:
            got = fn()
            if got is None:
                continue
            wall, cpu, nbytes = got
            if name in best:
                wall, cpu = min(wall, best[name][0]), min(cpu, best[name][1])
            best[name] = (wall, cpu, nbytes)
    ds_wall, ds_cpu, _ = best[contenders[0][0]]
    ds_rate, ds_cpu_rate = len(ref) / ds_wall, len(ref) / ds_cpu
    print(
        f"{'contender':46} {'docs':>5} {'docs/s':>8} {'MB/s':>7} {'sig B/doc':>9} {'vs datasketch':>13}"
        f" {'CPU docs/s':>10} {'CPU ratio':>9}"
    )
    for name, docs, _fn in contenders:
        if name not in best:
            print(f"{name:46} not installed (pip install rensa to compare)")
            continue
        wall, cpu, nbytes = best[name]
        mb = sum(len(t.encode("utf-8")) for t in docs) / 1e6
        rate, cpu_rate = len(docs) / wall, len(docs) / cpu
        print(
            f"{name:46} {len(docs):5d} {rate:8.0f} {mb / wall:7.2f} {nbytes:9d} {rate / ds_rate:12.1f}x"
            f" {cpu_rate:10.0f} {cpu_rate / ds_cpu_rate:8.1f}x"
        )
    print(f"best of {args.rounds} interleaved rounds; 'CPU' columns use process CPU time (all threads)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
