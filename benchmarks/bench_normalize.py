"""Throughput of ``dedupe_news.normalize`` against plain ``ftfy.fix_text``.

Run from a clone with the package installed::

    python benchmarks/bench_normalize.py [--docs 300] [--repeat 3] [--calls 300]

Every corpus is timed for both functions in the same run (the machine is
shared, so only side-by-side numbers mean anything):

* clean text that (mostly) needs no repair: the page texts and the article
  texts (``main_content`` of article pages) of ``../shared/eval/wcxb_dev.jsonl.gz``
  when that file exists (real scraped pages, many languages; some pages carry
  real mojibake, which ftfy must repair), the subsets of both that need no
  repair at all (the common case), and always generated news-like paragraphs
  with curly quotes, dashes and accented names;
* the seed articles (``seeds/*.txt``) repeated 200 times, the news-sized
  texts of the issue-#3 target, and per seed the minimum time of one call
  (the least noisy figure on a shared machine);
* ``artefacts``: the first clean corpus with mojibake, HTML entities,
  no-break and zero-width spaces, CR line breaks and JSON-escaped quote lines
  injected into about a third of its lines.

It also checks that the repairs are ftfy's: on the artefact corpus minus the
escape lines, ``normalize`` must equal ftfy applied line by line (configured
to keep curly quotes and full-width characters) followed by the
whitespace/NFC rules alone.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import random
import re
import time
from pathlib import Path
from typing import Callable

import ftfy

from dedupe_news import NormalizeConfig, normalize

# ``dedupe_news.normalize`` is the function; the module says which screens run.
_STAGE = importlib.import_module("dedupe_news.normalize")

_LINE_RE = re.compile(r"[^\n]*\n|[^\n]+")
_WCXB = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wcxb_dev.jsonl.gz"
_SEEDS = Path(__file__).resolve().parents[1] / "seeds"

_WORDS = (
    "the government said on Tuesday that its officials would review the contract "
    "after employees raised concerns about facial recognition software used by "
    "police departments in several states while critics argued the company had "
    "ignored warnings from members of Congress and civil rights groups"
).split()
_NAMES = ["José Núñez", "Zoë Brontë", "François Côté", "Ana Müller", "Jeff Bezos", "Renée Søndergaard"]


def _generated_texts(count: int, rng: random.Random) -> list[str]:
    texts = []
    for _ in range(count):
        paragraphs = []
        for _ in range(rng.randint(6, 14)):
            sentences = []
            for _ in range(rng.randint(2, 5)):
                words = rng.choices(_WORDS, k=rng.randint(8, 22))
                sentence = " ".join(words).capitalize()
                if rng.random() < 0.3:
                    sentence = f"“{sentence},” {rng.choice(_NAMES)} said"
                elif rng.random() < 0.2:
                    sentence += f" — {rng.choice(_NAMES)}’s view"
                sentences.append(sentence + ".")
            paragraphs.append(" ".join(sentences))
        texts.append("\n\n".join(paragraphs))
    return texts


def _clean_corpora(count: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """(name, texts) of clean corpora: real pages when ../shared is there, generated always."""
    corpora = []
    if _WCXB.is_file():
        with gzip.open(_WCXB, "rt", encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
        pages = [r["page_text"] for r in records][:count]
        articles = [r["main_content"] for r in records if r["page_type"] == "article" and r["main_content"]]
        articles = articles[:count]
        corpora.append(("wcxb pages", pages))
        corpora.append(("wcxb articles (main_content)", articles))
        # The common case: documents that need no repair at all.
        corpora.append(("wcxb pages, no repair needed", [t for t in pages if normalize(t) == t]))
        corpora.append(("wcxb articles, no repair needed", [t for t in articles if normalize(t) == t]))
    corpora.append(("generated", _generated_texts(min(count, 200), rng)))
    seeds = _seed_texts()
    if seeds:
        corpora.append(("seed articles x200", [text for _, text in seeds] * 200))
    return corpora


def _seed_texts() -> list[tuple[str, str]]:
    return [(path.name, path.read_text(encoding="utf-8")) for path in sorted(_SEEDS.glob("*.txt"))]


def _per_seed(calls: int) -> None:
    """Minimum microseconds of one ``normalize`` call per seed article."""
    print(f"\n{'seed':<28}{'KB':>6}{'min us/call':>13}{'MB/s':>8}")
    for name, text in _seed_texts():
        best = float("inf")
        for _ in range(calls):
            start = time.perf_counter()
            normalize(text)
            best = min(best, time.perf_counter() - start)
        size = len(text.encode("utf-8"))
        print(f"{name:<28}{size / 1e3:>6.1f}{best * 1e6:>13.1f}{size / best / 1e6:>8.1f}")


def _mojibake(text: str, rng: random.Random) -> str:
    encoding = rng.choice(["windows-1252", "latin-1"])
    try:
        return text.encode("utf-8").decode(encoding)
    except UnicodeDecodeError:
        return text.encode("utf-8").decode("windows-1252", errors="replace")


def _inject(text: str, rng: random.Random, *, escapes: bool) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        roll = rng.random()
        if roll < 0.10 and not line.isascii():
            line = _mojibake(line, rng)
        elif roll < 0.15:
            line = line.replace("’", "&rsquo;").replace("—", "&mdash;") + " Q&amp;A"
        elif roll < 0.20:
            line = line.replace(" ", "\u00a0", 3) + "\u200b  "
        elif roll < 0.25:
            line = "\u201cquoted tweet\u201d says \u00e9t\u00e9 \u2014 now"
            line = _mojibake(line, rng)
        elif roll < 0.30 and escapes:
            line = r"\u201cIs this who we are?\n\nCongress should act.\u201d\u2014 ACLU (@ACLU)"
        out.append(line + ("\r" if roll > 0.95 else ""))
    return "\n".join(out)


def _throughput(func: Callable[[str], str], texts: list[str], repeat: int) -> float:
    size = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            func(text)
        best = min(best, time.perf_counter() - start)
    return size / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents per corpus (default 300)")
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats, best kept (default 3)")
    parser.add_argument(
        "--calls", type=int, default=300, help="calls per seed for the per-seed minimum (default 300)"
    )
    args = parser.parse_args()
    rng = random.Random(20261121)
    corpora = _clean_corpora(args.docs, rng)
    base_name, base = corpora[0]
    corpora.append((f"artefacts ({base_name} + injected)", [_inject(t, rng, escapes=True) for t in base]))
    if not _WCXB.is_file():
        print(f"note: {_WCXB} not found; using generated news-like text only")
    built = getattr(_STAGE, "_screen", None) is not None
    print(f"screens: {'compiled (dedupe_news._screen)' if built else 'pure Python (_screen not built)'}")
    print(f"{'corpus':<36}{'docs':>6}{'MB':>7}{'normalize MB/s':>16}{'ftfy.fix_text MB/s':>20}{'ratio':>8}")
    for name, texts in corpora:
        size = sum(len(t.encode("utf-8", "surrogatepass")) for t in texts) / 1e6
        ours = _throughput(normalize, texts, args.repeat)
        ref = _throughput(ftfy.fix_text, texts, args.repeat)
        print(f"{name:<36}{len(texts):>6}{size:>7.1f}{ours:>16.1f}{ref:>20.1f}{ours / ref:>7.1f}x")
    _per_seed(args.calls)
    _check_identical_repairs(base, rng)


def _check_identical_repairs(clean: list[str], rng: random.Random) -> None:
    keep_typography = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
    layout_only = NormalizeConfig(
        decode_escapes=False, fix_mojibake=False, unescape_html=False, fix_ligatures=False
    )

    def reference(text: str) -> str:
        # ftfy line by line: ftfy.fix_text stops decoding HTML entities in every
        # line after the first line containing "<"; dedupe_news decides per line.
        fixed = "".join(ftfy.fix_text(line, keep_typography) for line in _LINE_RE.findall(text))
        return normalize(fixed, layout_only)

    dirty = [_inject(t, rng, escapes=False) for t in clean]
    changed = once = stable = 0
    first_diff = None
    for text in dirty:
        ours = normalize(text)
        changed += ours != text
        ref = reference(text)
        once += ours == ref
        # normalize repeats its pass until the text is stable: removing a
        # zero-width space can make a line decodable that ftfy left alone.
        for _ in range(4):
            again = reference(ref)
            if again == ref:
                break
            ref = again
        stable += ours == ref
        if ours != ref and first_diff is None:
            i = next(i for i in range(len(ours) + 1) if ours[i : i + 1] != ref[i : i + 1])
            first_diff = (i, ours[max(0, i - 40) : i + 40], ref[max(0, i - 40) : i + 40])
    print(
        f"repairs vs per-line ftfy(uncurl_quotes=False, fix_character_width=False) + layout rules, "
        f"on {len(dirty)} documents ({changed} needed repair):\n"
        f"  identical to one ftfy+layout pass: {once}; identical to ftfy+layout repeated until stable: {stable}"
    )
    if first_diff is not None:
        print(f"  first difference at {first_diff[0]}:\n  ours: {first_diff[1]!r}\n  ftfy: {first_diff[2]!r}")


if __name__ == "__main__":
    main()
