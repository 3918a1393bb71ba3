"""Types of the optional compiled kernel (``_minhash.c``); see :mod:`dedupe_news.signatures`."""

from typing_extensions import Buffer  # type checkers always have it

TOKEN_LENGTH_MULT: int
TOKEN_MULT: int
TOKEN_SHIFT: int
SHINGLE_BASE: int

def word_signatures(
    texts: list[str],
    a: Buffer,
    b: Buffer,
    table: Buffer,
    ranges: Buffer,
    n: int,
    casefold: bool,
    out: Buffer,
    sizes: Buffer | None,
) -> None: ...
def minhash(hashes: Buffer, bounds: Buffer, a: Buffer, b: Buffer, out: Buffer) -> None: ...
