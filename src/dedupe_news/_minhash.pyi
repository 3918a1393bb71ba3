"""Types of the optional compiled kernel (``_minhash.c``); see :mod:`dedupe_news.signatures`."""

from typing_extensions import Buffer  # type checkers always have it

TOKEN_LENGTH_MULT: int
TOKEN_MULT: int
TOKEN_SHIFT: int
SHINGLE_BASE: int

def signatures(
    texts: list[str],
    a: Buffer,
    b: Buffer,
    table: Buffer,
    ranges: Buffer,
    chars: bool,
    n: int,
    casefold: bool,
    out: Buffer,
    sizes: Buffer | None,
) -> None: ...
