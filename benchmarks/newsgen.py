"""Deterministic generator of news-like texts for the benchmarks.

Words are drawn (Zipf-like) from the vocabulary of the seed articles, grouped
into sentences with capitals, commas, numbers and quotes, and into paragraphs;
a text is ``approx_bytes`` long. Syndicated copies of a story get another
site's header and footer, a new headline, dropped last paragraphs or an added
paragraph, like the variants the library has to cluster.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITES = ("Daily Ledger", "Metro Wire", "Valley Post", "Harbor Times", "City Herald")


def vocabulary() -> list[str]:
    """Distinct lower-case words of the seeds, most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for word in re.findall(r"[A-Za-z']+", path.read_text(encoding="utf-8")):
            counts[word.lower()] = counts.get(word.lower(), 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


class NewsGenerator:
    """Random but reproducible news-like stories (seeded ``random.Random``)."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.words = vocabulary()
        self.weights = [1.0 / (rank + 10) for rank in range(len(self.words))]

    def sentence(self) -> str:
        rng = self.rng
        words = rng.choices(self.words, self.weights, k=rng.randint(8, 28))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), f"{rng.randint(2, 9999):,}")
        if rng.random() < 0.3:
            words[rng.randrange(len(words))] += ","
        text = " ".join(words)
        if rng.random() < 0.15:
            text = f"\u201c{text},\u201d said {rng.choice(self.words).title()}"
        return text[0].upper() + text[1:] + "."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def story(self, approx_bytes: int = 5500) -> str:
        paragraphs = [" ".join(self.rng.choices(self.words, self.weights, k=8)).title()]
        while sum(len(p) + 2 for p in paragraphs) < approx_bytes:
            paragraphs.append(self.paragraph())
        return "\n\n".join(paragraphs)

    def syndicate(self, story: str) -> str:
        """Another site's copy: chrome, maybe new headline, trimmed or extended."""
        rng = self.rng
        paragraphs = story.split("\n\n")
        site = rng.choice(SITES)
        if rng.random() < 0.5:
            paragraphs[0] = " ".join(rng.choices(self.words, k=7)).title()
        if rng.random() < 0.4 and len(paragraphs) > 6:
            paragraphs = paragraphs[: len(paragraphs) - rng.randint(1, 3)]
        if rng.random() < 0.3:
            paragraphs.insert(rng.randint(1, len(paragraphs)), self.paragraph())
        header = f"{site}\nHome | News | Politics | Sport\nSubscribe to our newsletter"
        footer = f"Copyright {site}. All rights reserved.\nShare this article"
        return "\n\n".join([header, *paragraphs, footer])
