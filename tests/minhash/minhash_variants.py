"""Syndicated variants of a story, built the way other sites reprint wire copy."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITES = json.loads((ROOT / "tests" / "data" / "minhash_sites.json").read_text(encoding="utf-8"))


def seeds() -> dict[str, str]:
    return {p.stem[:3]: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}


def paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def wrap(text: str, site: dict) -> str:
    return f"{site['header']}\n\n{text}\n\n{site['footer']}"


def other_site_chrome(text: str) -> str:
    return wrap(text, SITES["sites"][0])


def new_headline(text: str) -> str:
    return "\n\n".join(["Tech giant faces fresh criticism over its government work"] + paragraphs(text)[1:])


def last_paragraphs_dropped(text: str) -> str:
    paras = paragraphs(text)
    return "\n\n".join(paras[: max(3, (len(paras) * 3) // 5)])


def mojibake(text: str) -> str:
    """UTF-8 read as cp1252, as a mis-configured scraper does."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def literal_escapes(text: str) -> str:
    """JSON-escaped text pasted raw: \\n and \\uXXXX artefacts."""
    out = "\\n".join(paragraphs(text))
    return "".join(ch if ord(ch) < 128 else f"\\u{ord(ch):04x}" for ch in out)


def paragraph_added(text: str) -> str:
    paras = paragraphs(text)
    local = (
        "Residents of our county who want to share their views can attend the public meeting on "
        "Tuesday evening at the community center, where local officials will answer questions."
    )
    return "\n\n".join(paras[: len(paras) // 2] + [local] + paras[len(paras) // 2 :])


VARIANTS = {
    "other_site_chrome": other_site_chrome,
    "new_headline": new_headline,
    "last_paragraphs_dropped": last_paragraphs_dropped,
    "mojibake": mojibake,
    "literal_escapes": literal_escapes,
    "paragraph_added": paragraph_added,
}
