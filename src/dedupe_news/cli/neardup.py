"""Near-duplicate settings and signatures for the command line.

Options shared by ``cluster``, ``dedup``, ``scan``, ``check`` and ``index``
(``--threshold``, ``--containment-threshold``, ``--num-perm``, ``--seed``,
``--shingle``, ``--ngram``, ``--no-clean``), the worker that cleans texts and
computes their MinHash signatures and shingle-set sizes in a chunk, and the
check's near-duplicate findings (against other committed files and an index).
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from ..clusters import ClusterConfig, cluster_signatures, prepare_texts
from ..document import Document
from ..errors import ConfigError, DedupeNewsError
from ..lsh import estimate_containment, estimate_jaccard
from ..report import Finding
from ..shingles import ShingleConfig
from ..signatures import MinHashConfig, signatures_and_sizes
from .options import clean_config, fraction

__all__ = [
    "add_near_duplicate_options",
    "cluster_config",
    "minhash_overrides",
    "signature_chunk",
    "compute_signatures",
    "near_duplicate_findings",
]


def add_near_duplicate_options(parser: argparse.ArgumentParser, *, check: bool = True) -> None:
    """MinHash and clustering settings; unset options keep the library defaults."""
    group = parser.add_argument_group("near-duplicates")
    group.add_argument("--threshold", type=fraction, help="estimated Jaccard for copies (library default if unset)")
    group.add_argument(
        "--containment-threshold",
        type=fraction,
        help="estimated containment for trimmed or extended copies (library default if unset)",
    )
    group.add_argument("--num-perm", type=int, help="MinHash permutations (default 128)")
    group.add_argument("--seed", type=int, help="MinHash seed (default 1)")
    group.add_argument("--shingle", choices=("word", "char"), help="shingle kind (default word)")
    group.add_argument("--ngram", type=int, help="shingle size in words or characters")
    group.add_argument(
        "--no-clean",
        action="store_true",
        help="hash the raw text instead of the cleaned text",
    )
    if check:
        group.add_argument(
            "--near-duplicates",
            action=argparse.BooleanOptionalAction,
            default=True,
            help="report files that are near-duplicates of another committed file (default: on)",
        )
        group.add_argument(
            "--index",
            metavar="INDEX",
            help="also report files that duplicate a document of this dedupe-news index",
        )


def minhash_overrides(args: argparse.Namespace) -> dict[str, Any]:
    """The MinHash settings given on the command line (only those given)."""
    given: dict[str, Any] = {}
    if getattr(args, "num_perm", None) is not None:
        given["num_perm"] = args.num_perm
    if getattr(args, "seed", None) is not None:
        given["seed"] = args.seed
    shingle: dict[str, Any] = {}
    if getattr(args, "shingle", None) is not None:
        shingle["kind"] = args.shingle
    if getattr(args, "ngram", None) is not None:
        shingle["n"] = args.ngram
    if shingle:
        given["shingle"] = shingle
    return given


def minhash_config(args: argparse.Namespace, base: MinHashConfig | None = None) -> MinHashConfig:
    """``base`` (default: library defaults) with the command line's MinHash options."""
    base = base or MinHashConfig()
    given = minhash_overrides(args)
    shingle = base.shingle
    if "shingle" in given:
        fields = dict(given.pop("shingle"))
        if "kind" in fields and "n" not in fields and fields["kind"] != shingle.kind:
            shingle = ShingleConfig(kind=fields["kind"])
        else:
            shingle = dataclasses.replace(shingle, **fields)
    return dataclasses.replace(base, shingle=shingle, **given)


def settings_given(args: argparse.Namespace) -> bool:
    """True when any option that changes how texts are hashed or matched was given."""
    return bool(
        minhash_overrides(args)
        or getattr(args, "threshold", None) is not None
        or getattr(args, "containment_threshold", None) is not None
        or getattr(args, "no_clean", False)
        or getattr(args, "no_boilerplate", False)
        or getattr(args, "no_repeats", False)
    )


def cluster_config(args: argparse.Namespace, base: ClusterConfig | None = None) -> ClusterConfig:
    """``base`` (default: library defaults) with the near-duplicate options given.

    The cleaning options (``--no-boilerplate``, ``--no-repeats``) become its
    ``clean_config``, so texts are hashed exactly as :func:`dedupe_news.cluster`
    would hash them with the same settings. Changing a threshold or
    ``--num-perm`` lets the LSH bands and rows be chosen again.
    """
    base = base or ClusterConfig()
    given: dict[str, Any] = {"minhash": minhash_config(args, base.minhash)}
    if getattr(args, "no_boilerplate", False) or getattr(args, "no_repeats", False):
        given["clean_config"] = clean_config(args)
    if (
        getattr(args, "threshold", None) is not None
        or getattr(args, "containment_threshold", None) is not None
        or given["minhash"].num_perm != base.minhash.num_perm
    ):
        given["bands_rows"] = None
    if getattr(args, "threshold", None) is not None:
        given["threshold"] = args.threshold
    if getattr(args, "containment_threshold", None) is not None:
        given["containment_threshold"] = args.containment_threshold
    if getattr(args, "no_clean", False):
        given["clean"] = False
    try:
        return dataclasses.replace(base, **given)
    except TypeError as error:
        raise ConfigError(f"cluster settings not accepted: {error}") from None


def signature_chunk(config: ClusterConfig, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Signatures and shingle-set sizes of a chunk of texts, as :func:`dedupe_news.cluster` makes them.

    Texts are cleaned first (with ``config.clean_config``) unless
    ``config.clean`` is False.
    """
    return signatures_and_sizes(prepare_texts([Document(str(i), t) for i, t in enumerate(texts)], config), config.minhash)


def compute_signatures(texts: Iterable[str], config: ClusterConfig) -> tuple[np.ndarray, np.ndarray]:
    """All signatures of ``texts`` in one process (small inputs: the check)."""
    return stack([signature_chunk(config, list(texts))], config.minhash.num_perm)


def stack(parts: Sequence[tuple[np.ndarray, np.ndarray]], num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate per-chunk ``(signatures, sizes)``."""
    parts = [p for p in parts if len(p[1])]
    if not parts:
        return np.zeros((0, num_perm), dtype=np.uint32), np.zeros(0, dtype=np.uint32)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])


def _pair_scores(sigs: np.ndarray, sizes: np.ndarray, i: int, j: int) -> tuple[float, float]:
    return (
        float(estimate_jaccard(sigs[i], sigs[j])),
        float(estimate_containment(sigs[i], int(sizes[i]), sigs[j], int(sizes[j]))),
    )


def _finding(path: str, other: str, jaccard: float, containment: float, where: str) -> Finding:
    return Finding(
        path,
        1,
        1,
        "near-duplicate",
        "near-duplicate",
        f"near-duplicate of {other}{where} (estimated Jaccard {jaccard:.2f}, containment {containment:.2f})",
        "",
    )


def near_duplicate_findings(
    args: argparse.Namespace,
    checked: Mapping[str, str],
) -> Iterator[Finding]:
    """Findings for checked files that are copies of another committed file or of ``--index``.

    ``checked`` maps each checked path to its text *as the fixer would write
    it*; committed files are read from disk and unreadable ones ignored.
    """
    if not checked or not (args.near_duplicates or args.index):
        return
    from .hook import committed_files, read_text_file

    config = cluster_config(args)
    paths = list(checked)
    texts = [checked[path] for path in paths]
    if args.near_duplicates:
        suffixes = sorted({_suffix(path) for path in paths})
        for path in committed_files(suffixes, exclude=paths):
            try:
                texts.append(read_text_file(path))
            except DedupeNewsError:
                continue
            paths.append(path)
    sigs, sizes = compute_signatures(texts, config)
    if args.near_duplicates and len(paths) > 1:
        yield from _cluster_findings(paths, sigs, sizes, len(checked), config)
    if args.index:
        yield from _index_findings(args.index, paths[: len(checked)], texts[: len(checked)], args)


def _suffix(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return "." + name.rsplit(".", 1)[-1] if "." in name else name


def _cluster_findings(
    paths: list[str],
    sigs: np.ndarray,
    sizes: np.ndarray,
    n_checked: int,
    config: ClusterConfig,
) -> Iterator[Finding]:
    result = cluster_signatures(paths, sigs, sizes, config)
    position = {path: i for i, path in enumerate(paths)}
    for cluster in result.clusters:
        members = list(cluster.members)
        if len(members) < 2:
            continue
        for member in sorted(members, key=position.__getitem__):
            if position[member] >= n_checked:
                continue
            other = cluster.canonical if member != cluster.canonical else min(
                (m for m in members if m != member), key=position.__getitem__
            )
            jaccard, containment = _pair_scores(sigs, sizes, position[member], position[other])
            yield _finding(member, other, jaccard, containment, "")


def _index_findings(
    index_path: str, paths: list[str], texts: list[str], args: argparse.Namespace
) -> Iterator[Finding]:
    """Checked files that duplicate an indexed document (hashed with the index's settings)."""
    from .index import config_of, open_index

    with open_index(index_path, args, create=False) as index:
        config = config_of(index, args)
        sigs, sizes = compute_signatures(texts, config)
        matches = index.query(sigs, sizes)
    for path, found in zip(paths, matches):
        for match in found:
            if match.id == path:
                continue
            yield _finding(path, match.id, match.jaccard, match.containment, f" in index {index_path}")
