"""Shingles: the hashing normalisation of a text and its word or character n-grams.

A text is normalised *for hashing only* (the cleaned text users see is not
touched): case is folded with :meth:`str.casefold`, ASCII digits become ``0``,
and punctuation and spaces separate tokens. A shingle is ``n`` consecutive
tokens joined by one space (``kind="word"``) or ``n`` consecutive characters of
the tokens joined by one space (``kind="char"``), as UTF-8 bytes. A text with
fewer than ``n`` tokens (characters) has one shingle holding all of them; an
empty text has none. :func:`shingle_hash` maps a shingle to the 32-bit value
fed to MinHash; :mod:`dedupe_news.signatures` computes the same values for
whole batches of texts at once, without building the shingles.

Separators when ``fold_punctuation`` is on: every ASCII character that is not
a letter or digit, the Latin-1 punctuation block U+0080-U+00BF (no-break space,
guillemets, soft hyphen, ...), General Punctuation U+2000-U+206F (typographic
spaces, dashes, curly quotes, ellipsis, zero-width characters), CJK punctuation
U+3000-U+303F, U+1680 and U+FEFF. With ``fold_punctuation`` off only white
space separates tokens (ASCII white space, U+0085, U+00A0, U+1680,
U+2000-U+200B, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF) and
punctuation stays part of the tokens. Letters and digits outside ASCII are
kept as they are (after case folding).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .errors import ConfigError

__all__ = [
    "ShingleConfig",
    "shingles",
    "shingle_hash",
    "hash_tokens",
    "SHINGLE_HASH_VERSION",
    "separator_ranges",
    "token_hash",
]

#: Identifies the shingle hash below; stored in index headers so an index
#: built with another hash is refused.
SHINGLE_HASH_VERSION = "tok64-poly64-hi32/1"

MASK64 = (1 << 64) - 1
#: Token hash: seed multiplier of the byte length, and the chunk multiplier.
TOKEN_LENGTH_MULT = 0x9E3779B97F4A7C15
TOKEN_MULT = 0xFF51AFD7ED558CCD
TOKEN_SHIFT = 29
#: Shingle hash: polynomial base (odd) over the token hashes.
SHINGLE_BASE = 0x100000001B3

# Separator code point ranges (inclusive) beyond ASCII, per setting.
_PUNCT_RANGES: tuple[tuple[int, int], ...] = (
    (0x0080, 0x00BF),
    (0x1680, 0x1680),
    (0x2000, 0x206F),
    (0x3000, 0x303F),
    (0xFEFF, 0xFEFF),
)
_SPACE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0085, 0x0085),
    (0x00A0, 0x00A0),
    (0x1680, 0x1680),
    (0x2000, 0x200B),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
)
_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_ASCII_ALNUM = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DIGIT_FOLD = str.maketrans("123456789", "000000000")

_DEFAULT_N = {"word": 5, "char": 9}


def separator_ranges(fold_punctuation: bool) -> tuple[tuple[int, int], ...]:
    """Return the non-ASCII code point ranges that separate tokens."""
    return _PUNCT_RANGES if fold_punctuation else _SPACE_RANGES


def _ascii_separators(fold_punctuation: bool) -> str:
    if fold_punctuation:
        return "".join(chr(c) for c in range(128) if chr(c) not in _ASCII_ALNUM)
    return _ASCII_SPACE


def _token_pattern(fold_punctuation: bool) -> re.Pattern[str]:
    parts = [re.escape(_ascii_separators(fold_punctuation))]
    for lo, hi in separator_ranges(fold_punctuation):
        parts.append(f"\\u{lo:04x}-\\u{hi:04x}")
    return re.compile("[^" + "".join(parts) + "]+")


_TOKENS_PUNCT = _token_pattern(True)
_TOKENS_SPACE = _token_pattern(False)


@dataclass(frozen=True)
class ShingleConfig:
    """How a text is cut into shingles for MinHash.

    Attributes:
        kind: ``"word"`` (default) for word n-grams or ``"char"`` for
            character n-grams of the normalised text.
        n: shingle length in tokens (words) or characters. Default 5 words,
            chosen by ``benchmarks/bench_shingles.py``: on the cleaned seeds
            and their syndicated variants, 5-word shingles gave the widest
            margin between the lowest copy similarity (0.70) and the highest
            similarity of two distinct stories, bare or in one site template
            (0.02); 2-word shingles let distinct stories reach 0.10 and 5- to
            9-character shingles 0.08-0.23. ``kind="char"`` defaults to 9.
        casefold: fold case (:meth:`str.casefold`) before hashing.
        fold_punctuation: punctuation separates tokens and is dropped (see the
            module docstring for the exact set); off: only white space does.
        fold_digits: ASCII digits ``1``-``9`` become ``0`` (so ``2,000`` and
            ``3,000`` hash alike; dates and counts edited by a re-publisher do
            not break shingles).
    """

    kind: Literal["word", "char"] = "word"
    n: int | None = None
    casefold: bool = True
    fold_punctuation: bool = True
    fold_digits: bool = True

    def __post_init__(self) -> None:
        if self.kind not in ("word", "char"):
            raise ConfigError(f"ShingleConfig.kind must be 'word' or 'char', got {self.kind!r}")
        if self.n is None:
            object.__setattr__(self, "n", _DEFAULT_N[self.kind])
        if not isinstance(self.n, int) or isinstance(self.n, bool) or not 1 <= self.n <= 64:
            raise ConfigError(f"ShingleConfig.n must be an integer in 1..64, got {self.n!r}")

    @property
    def size(self) -> int:
        """The shingle length ``n`` (never None after construction)."""
        assert self.n is not None
        return self.n

    def to_dict(self) -> dict[str, Any]:
        """Plain-JSON form (stored in index headers)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ShingleConfig:
        """Inverse of :meth:`to_dict`; unknown keys are a :class:`ConfigError`."""
        unknown = set(data) - {"kind", "n", "casefold", "fold_punctuation", "fold_digits"}
        if unknown:
            raise ConfigError(f"unknown ShingleConfig keys: {sorted(unknown)}")
        return cls(**data)


def normalize_for_hashing(text: str, config: ShingleConfig | None = None) -> list[str]:
    """Return the tokens of ``text`` after the hashing normalisation."""
    config = config or ShingleConfig()
    if config.casefold:
        text = text.casefold()
    if config.fold_digits:
        text = text.translate(_DIGIT_FOLD)
    return (_TOKENS_PUNCT if config.fold_punctuation else _TOKENS_SPACE).findall(text)


def shingles(text: str, config: ShingleConfig | None = None) -> list[bytes]:
    """Return the shingles of ``text`` in order (duplicates kept), as UTF-8 bytes.

    This is the pure-Python reference: :func:`dedupe_news.signatures` gives
    the same MinHash values as ``datasketch.MinHash(hashfunc=shingle_hash)``
    fed this list.

    >>> shingles("The cat sat, on the mat!", ShingleConfig(n=3))
    [b'the cat sat', b'cat sat on', b'sat on the', b'on the mat']
    >>> shingles("Hi there", ShingleConfig(n=3))
    [b'hi there']
    """
    config = config or ShingleConfig()
    tokens = normalize_for_hashing(text, config)
    n = config.size
    if config.kind == "char":
        joined = " ".join(tokens)
        if not joined:
            return []
        if len(joined) <= n:
            return [_encode(joined)]
        return [_encode(joined[i : i + n]) for i in range(len(joined) - n + 1)]
    if not tokens:
        return []
    if len(tokens) <= n:
        return [_encode(" ".join(tokens))]
    return [_encode(" ".join(tokens[i : i + n])) for i in range(len(tokens) - n + 1)]


def _encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogatepass")


def token_hash(token: bytes) -> int:
    """64-bit hash of one token (bytes without spaces); see :func:`shingle_hash`."""
    h = (len(token) * TOKEN_LENGTH_MULT) & MASK64
    for i in range(0, max(len(token), 1), 8):
        h = ((h ^ int.from_bytes(token[i : i + 8], "little")) * TOKEN_MULT) & MASK64
        h ^= h >> TOKEN_SHIFT
    return h


def shingle_hash(shingle: bytes) -> int:
    """Return the 32-bit hash of one shingle (usable as datasketch ``hashfunc``).

    Definition: split the shingle on the space byte into tokens; hash each
    token (:func:`token_hash`: start from ``len * 0x9E3779B97F4A7C15``, then
    per 8-byte little-endian chunk, the last one zero-padded,
    ``h = (h ^ chunk) * 0xFF51AFD7ED558CCD mod 2**64; h ^= h >> 29``);
    combine the token hashes as a polynomial in base ``0x100000001B3``
    modulo 2**64 and keep the high 32 bits (datasketch's affine32 scheme
    then pre-mixes them with MurmurHash3's 32-bit finalizer).
    ``str`` input is encoded as UTF-8 first. Working per token is what lets
    :func:`dedupe_news.signatures` hash whole batches with array operations.
    """
    if isinstance(shingle, str):
        shingle = _encode(shingle)
    h = 0
    for token in shingle.split(b" "):
        h = (h * SHINGLE_BASE + token_hash(token)) & MASK64
    return h >> 32


def hash_tokens(text: str, config: ShingleConfig | None = None) -> list[int]:
    """Return ``[shingle_hash(s) for s in shingles(text, config)]``."""
    return [shingle_hash(s) for s in shingles(text, config)]
