"""Near-exact copies among the lines of one document, without comparing all pairs.

A near-exact copy is the same paragraph with a few characters changed by a
scraping artefact (mojibake, an escape sequence, a dropped accent). Candidates
are found with MinHash over character shingles of the folded keys
(:mod:`dedupe_news.repeat_keys`), bucketed by LSH bands, so the work grows with
the number of lines, not with its square. Each candidate pair is then
verified with a word-level diff: every stretch where the two word sequences
differ must be a small edit (at most a few characters, no changed number),
and the share of characters in common words (:func:`match_ratio`) must reach
the configured threshold. The first test keeps apart paragraphs that share a
long quote but frame it differently.

:func:`may_have_near_pairs` is a cheap necessary condition for the
verification to accept any pair, so a document without near-exact copies
skips the signatures. Two near-exact keys share words (in order) carrying at
least ``similarity / (2 - similarity)`` of either key's characters; by the
prefix-filtering argument of set-similarity joins, the rarest words of each
key that carry more than the rest must then share a word. Only the pairs
that do are checked, against bounds of the verification (lengths, numbers,
and the characters of their common words).
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from itertools import chain, combinations, compress

import numpy as np

from .repeat_keys import small_edit

_DIGITS_RE = re.compile(r"\d+")

__all__ = [
    "LSH_BANDS",
    "LSH_ROWS",
    "NearExactCache",
    "match_ratio",
    "near_exact_similarity",
    "near_exact_pairs",
    "may_have_near_pairs",
]

#: LSH bands x rows over the MinHash signature. With 8 bands of 4 rows a pair
#: of Jaccard similarity 0.8 becomes a candidate with probability 0.985, 0.9
#: with probability 0.9998, unrelated text (Jaccard 0.1) with probability 0.0008.
LSH_BANDS = 8
LSH_ROWS = 4
#: Buckets larger than this are compared against their first member only.
_FULL_BUCKET = 32
_SEED = 20211208  # any fixed value: signatures must be reproducible
#: Candidate pairs checked by :func:`may_have_near_pairs` per key before it
#: gives up and answers True (the full search then decides).
_SCREEN_PAIRS_PER_KEY = 4
#: Relative slack on the prefix threshold, so float rounding only enlarges prefixes.
_SLACK = 1e-9


def _opcodes(a_words: list[str], b_words: list[str]) -> list[tuple[str, int, int, int, int]]:
    return SequenceMatcher(None, a_words, b_words, autojunk=False).get_opcodes()


def match_ratio(a: str, b: str) -> float:
    """Character match ratio of two folded keys: 2 x shared characters / all characters.

    Shared characters are those of the words the keys have in common, in
    order (a word-level diff); separators are not counted. 1.0 for equal keys.
    """
    if a == b:
        return 1.0
    a_words, b_words = a.split(" "), b.split(" ")
    total = len(a) - a.count(" ") + len(b) - b.count(" ")
    shared = sum(
        len(word)
        for tag, i1, i2, _, _ in _opcodes(a_words, b_words)
        if tag == "equal"
        for word in a_words[i1:i2]
    )
    return 2 * shared / total if total else 1.0


def near_exact_similarity(
    a: str, b: str, *, similarity: float, max_edit_chars: int
) -> float | None:
    """The :func:`match_ratio` of keys ``a`` and ``b`` if they are near-exact copies, else None.

    Near-exact: the ratio reaches ``similarity``, every stretch where the
    word sequences differ is a small edit (at most ``max_edit_chars``
    characters) and no number differs.
    """
    if 2 * min(len(a), len(b)) < similarity * (len(a) + len(b)):
        return None  # the ratio cannot reach the threshold
    if _DIGITS_RE.findall(a) != _DIGITS_RE.findall(b):
        return None  # a changed number is never a scraping artefact
    a_words, b_words = a.split(" "), b.split(" ")
    shared = 0
    for tag, i1, i2, j1, j2 in _opcodes(a_words, b_words):
        if tag == "equal":
            shared += sum(len(word) for word in a_words[i1:i2])
        elif not small_edit(a_words[i1:i2], b_words[j1:j2], max_edit_chars):
            return None
    total = len(a) - a.count(" ") + len(b) - b.count(" ")
    score = 2 * shared / total if total else 1.0
    return score if score >= similarity else None


class NearExactCache:
    """Work that later searches over (mostly) the same keys can reuse.

    Holds MinHash signature rows and verdicts on pairs, by key; one instance
    serves the passes over one document.
    """

    def __init__(self) -> None:
        self.rows: dict[str, np.ndarray] = {}
        self.verdicts: dict[tuple[str, str], float | None] = {}


def _signatures(keys: list[str], shingle_size: int) -> np.ndarray:
    """MinHash signatures (len(keys), bands*rows) of the character shingles of ``keys``.

    Every key must be at least ``shingle_size`` characters long.
    """
    sizes = np.fromiter((len(key) for key in keys), dtype=np.int64, count=len(keys))
    starts = np.concatenate(([0], np.cumsum(sizes + 1)[:-1]))
    codes = np.frombuffer("\x00".join(keys).encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    count = len(codes) - shingle_size + 1
    hashes = np.zeros(count + 1, dtype=np.uint64)  # one spare slot for reduceat
    for offset in range(shingle_size):
        hashes[:count] = hashes[:count] * np.uint64(1_000_003) + codes[offset : offset + count]
    hashes ^= hashes >> np.uint64(31)
    hashes *= np.uint64(0x9E3779B97F4A7C15)
    hashes ^= hashes >> np.uint64(29)
    bounds = np.empty(2 * len(keys), dtype=np.int64)
    bounds[0::2] = starts
    bounds[1::2] = starts + sizes - shingle_size + 1
    rng = np.random.default_rng(_SEED)
    width = LSH_BANDS * LSH_ROWS
    mults = rng.integers(1, 2**63, size=width, dtype=np.uint64) | np.uint64(1)
    adds = rng.integers(0, 2**63, size=width, dtype=np.uint64)
    signature = np.empty((len(keys), width), dtype=np.uint64)
    for column in range(width):
        permuted = (hashes * mults[column] + adds[column]) >> np.uint64(32)
        signature[:, column] = np.minimum.reduceat(permuted, bounds)[0::2]
    return signature


def _candidate_pairs(signature: np.ndarray) -> list[tuple[int, int]]:
    """Pairs of rows that share at least one LSH band, in a deterministic order."""
    pairs: set[tuple[int, int]] = set()
    for band in range(LSH_BANDS):
        block = np.ascontiguousarray(signature[:, band * LSH_ROWS : (band + 1) * LSH_ROWS])
        buckets: dict[bytes, list[int]] = {}
        for row, value in enumerate(block):
            buckets.setdefault(value.tobytes(), []).append(row)
        for members in buckets.values():
            if len(members) < 2:
                continue
            if len(members) <= _FULL_BUCKET:
                pairs.update(combinations(members, 2))
            else:
                pairs.update((members[0], other) for other in members[1:])
    return sorted(pairs)


def near_exact_pairs(
    keys: list[str], *, shingle_size: int, similarity: float, max_edit_chars: int,
    cache: NearExactCache | None = None,
) -> list[tuple[int, int, float]]:
    """Verified near-exact pairs ``(i, j, similarity)`` (``i < j``) among distinct ``keys``.

    Keys shorter than ``shingle_size`` characters are ignored. A ``cache``
    shared by calls with the same settings saves recomputing signatures and
    verdicts for keys seen before.
    """
    cache = cache if cache is not None else NearExactCache()
    usable = [index for index, key in enumerate(keys) if len(key) >= shingle_size]
    if len(usable) < 2:
        return []
    fresh = [keys[index] for index in usable if keys[index] not in cache.rows]
    if fresh:
        for key, row in zip(fresh, _signatures(fresh, shingle_size)):
            cache.rows[key] = row
    signature = np.stack([cache.rows[keys[index]] for index in usable])
    found = []
    for a, b in _candidate_pairs(signature):
        i, j = usable[a], usable[b]
        pair = (keys[i], keys[j])
        if pair not in cache.verdicts:
            cache.verdicts[pair] = near_exact_similarity(
                keys[i], keys[j], similarity=similarity, max_edit_chars=max_edit_chars
            )
        score = cache.verdicts[pair]
        if score is not None:
            found.append((i, j, score))
    return found


def _prefix_words(words: list[str], similarity: float, totals: Counter[str]) -> set[str]:
    """Words of a key one of which any near-exact partner must share (empty: none can match).

    ``totals`` counts every word over all keys. Only words found more than
    once can be shared; if they weigh less than the overlap a partner needs,
    there is no partner. Otherwise the rarest of them (fewest occurrences
    first) that carry more than their weight minus that overlap are
    returned, with every word as rare as the last one taken.
    """
    overlap = similarity * sum(map(len, words)) / (2.0 - similarity) * (1.0 - _SLACK)
    shared = list(compress(words, map((1).__lt__, map(totals.__getitem__, words))))
    rest = sum(map(len, shared))
    if rest < overlap:
        return set()
    shared.sort(key=totals.__getitem__)
    carried, cut = 0, 0
    for word in shared:
        carried += len(word)
        if carried > rest - overlap:
            cut = totals[word]
            break
    return {word for word in shared if totals[word] <= cut}


class _KeyFacts:
    """What :func:`_may_match` needs of one key, computed once."""

    __slots__ = ("size", "chars", "digits", "counts")

    def __init__(self, key: str) -> None:
        self.size = len(key)
        self.chars = len(key) - key.count(" ")
        self.digits = _DIGITS_RE.findall(key)
        self.counts = Counter(key.split(" "))


def _may_match(a: _KeyFacts, b: _KeyFacts, similarity: float) -> bool:
    """False only when :func:`near_exact_similarity` surely rejects the two keys.

    Checks its length and number tests, and bounds the characters of the
    words shared in order by those of the words shared in any order.
    """
    if 2 * min(a.size, b.size) < similarity * (a.size + b.size):
        return False
    total = a.chars + b.chars
    if 2 * min(a.chars, b.chars) < similarity * total or a.digits != b.digits:
        return False
    counts_b = b.counts
    common = sum(
        len(word) * min(count, counts_b[word])
        for word, count in a.counts.items()
        if word in counts_b
    )
    return not (total and 2 * common / total < similarity)


def may_have_near_pairs(
    keys: list[str], *, similarity: float, words: list[list[str]] | None = None
) -> bool:
    """False only when :func:`near_exact_pairs` surely finds no pair among distinct ``keys``.

    Necessary condition, whatever the LSH draws: a verified pair of keys
    ``a``, ``b`` (``A``, ``B`` characters without spaces) shares words, in
    order, of ``S >= similarity * (A + B) / 2`` characters, and ``S <= B``
    gives ``S >= similarity * A / (2 - similarity)``. Taking the key's words
    in one fixed order (rarest first), those that carry more than ``A``
    minus that bound must include a shared word (else the shared words
    would weigh less than the bound), so the two keys' prefixes
    (:func:`_prefix_words`) intersect; the same holds among the words that
    occur more than once, the only ones that can be shared.
    Pairs that share a prefix word are checked with :func:`_may_match`; past
    a budget of pairs the answer is True. ``words``, if given, holds each
    key's words (``key.split(" ")``), to save splitting them again.
    """
    split = words if words is not None else [key.split(" ") for key in keys]
    totals = Counter(chain.from_iterable(split))
    budget = _SCREEN_PAIRS_PER_KEY * len(keys)
    postings: dict[str, list[int]] = {}
    pairs = 0  # counted once per shared prefix word: no fewer than the distinct pairs
    for index, key_words in enumerate(split):
        for word in _prefix_words(key_words, similarity, totals):
            members = postings.setdefault(word, [])
            pairs += len(members)
            members.append(index)
        if pairs > budget:
            return True
    checked: set[tuple[int, int]] = set()
    facts: dict[int, _KeyFacts] = {}
    for members in postings.values():
        for a, b in combinations(members, 2):
            if (a, b) in checked:
                continue
            if len(checked) >= budget:
                return True
            checked.add((a, b))
            if a not in facts:
                facts[a] = _KeyFacts(keys[a])
            if b not in facts:
                facts[b] = _KeyFacts(keys[b])
            if _may_match(facts[a], facts[b], similarity):
                return True
    return False
