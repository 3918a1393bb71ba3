"""dedupe_news: clean scraped news text and de-duplicate it.

Three capabilities, each usable alone:

* **clean** — repair escape artefacts and mojibake, normalise unicode and
  whitespace, strip site boilerplate, and repair repeated paragraphs, with an
  explanation of every change (:func:`clean`, :func:`clean_and_explain`).
* **repeats** — find repeated paragraphs, blocks and glued pull quotes inside
  one document (:func:`find_repeats`).
* **near-duplicates** — MinHash signatures compatible with datasketch, LSH and
  clustering of syndicated copies (:func:`signatures`, :func:`cluster`,
  :func:`dedup`).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .document import Document
from .errors import ConfigError, DedupeNewsError, IndexMismatchError, InputError, OutputError
from .explain import Change, Explained

# --- normalisation (issue 2)
from .normalize import NormalizeConfig, normalize, normalize_and_explain

# --- boilerplate (issue 3)
from .boilerplate import BoilerplateConfig, LineLabel, TemplateModel, label_lines, strip_boilerplate

# --- repeats (issue 4)
from .gopher import GopherThresholds, RepetitionStats, is_repetitive, repetition_stats
from .repeats import (
    Occurrence,
    PullQuote,
    RepeatBlock,
    RepeatGroup,
    RepeatReport,
    RepeatsConfig,
    find_repeats,
    remove_repeats,
)

# --- cleaning pipeline
from .clean import CleanConfig, clean, clean_and_explain

# --- near-duplicates (issue 5)
from .shingles import ShingleConfig, shingle_hash, shingles
from .signatures import MinHashConfig, kernel_in_use, signatures, signatures_and_sizes
from .lsh import band_keys, estimate_containment, estimate_jaccard, lsh_params
from .clusters import Cluster, ClusterConfig, ClusterResult, cluster, cluster_signatures
from .dedup import DedupResult, Dropped, dedup

# --- command line and index (issue 6)
from .store import IndexMatch, IndexSettings, SignatureIndex

try:
    __version__ = version("dedupe-news")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"

__all__ = [
    "__version__",
    "Document",
    "DedupeNewsError",
    "ConfigError",
    "InputError",
    "OutputError",
    "IndexMismatchError",
    "Change",
    "Explained",
    # normalisation
    "NormalizeConfig",
    "normalize",
    "normalize_and_explain",
    # boilerplate
    "BoilerplateConfig",
    "strip_boilerplate",
    "label_lines",
    "LineLabel",
    "TemplateModel",
    # repeats
    "RepeatsConfig",
    "remove_repeats",
    "find_repeats",
    "RepeatReport",
    "RepeatBlock",
    "RepeatGroup",
    "Occurrence",
    "PullQuote",
    "RepetitionStats",
    "GopherThresholds",
    "repetition_stats",
    "is_repetitive",
    # cleaning pipeline
    "CleanConfig",
    "clean",
    "clean_and_explain",
    # near-duplicates
    "ShingleConfig",
    "shingles",
    "shingle_hash",
    "MinHashConfig",
    "signatures",
    "signatures_and_sizes",
    "kernel_in_use",
    "lsh_params",
    "band_keys",
    "estimate_jaccard",
    "estimate_containment",
    "ClusterConfig",
    "Cluster",
    "ClusterResult",
    "cluster",
    "cluster_signatures",
    "DedupResult",
    "Dropped",
    "dedup",
    # command line and index
    "SignatureIndex",
    "IndexSettings",
    "IndexMatch",
]
