"""Time the repeats stage on 1 MB documents, with and without repeats.

Documents are built deterministically from :mod:`newsgen` stories:

* ``repeats``: stories whose body is captured two or three times, with a
  donation appeal between copies, a repeated tagline, a near-exact copy of a
  paragraph (mojibake) and a glued pull quote;
* ``no repeats``: the same amount of text, every paragraph distinct;
* ``near-exact``: every paragraph followed later by a mojibake copy (the
  worst case for the near-exact search).

* ``news-sized``: many documents of a news page's size, timed as a batch:
  the eval page texts after :func:`dedupe_news.normalize` and boilerplate
  stripping (what ``clean`` feeds the stage) when the eval file is present,
  else generated stories (most without repeats, some with).

For each, prints side by side the time and MB/s of a reference that only
drops exactly repeated lines (one ``dict`` pass, the floor any line-level
method pays), of :func:`find_repeats`, of :func:`remove_repeats` with and
without explanations, and of :func:`repetition_stats`, plus what was found.
The scaling rows time ``remove_repeats`` at 0.25, 0.5 and 1 MB to show the
cost grows linearly.

With ``--eval PATH`` (default ``../shared/eval/wcxb_dev.jsonl.gz`` when it
exists) it also runs the stage alone on the raw text of real pages and prints,
per page type, the words it removed and the human-checked main-content words
lost, as a share of the main-content words of the changed pages. Words are
counted with multiplicity: removing a second copy of a paragraph the main
content holds once costs nothing, removing a legitimately repeated one does.

Usage::

    python benchmarks/bench_repeats.py [--mb 1.0] [--repeat 3] [--eval PATH | --no-eval]
                                       [--pages 400]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsgen import NewsGenerator  # noqa: E402

from dedupe_news import find_repeats, remove_repeats, repetition_stats  # noqa: E402
from dedupe_news.repeat_keys import fold_key  # noqa: E402

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "wcxb_dev.jsonl.gz"

APPEAL = (
    "Independent journalism needs your support. Every contribution, however big or small, "
    "helps us keep our reporting free for everyone. Please give what you can today."
)
TAGLINE = "Daily news and progressive opinion, funded by the people, delivered straight to your inbox."


def _mojibake(paragraph: str) -> str:
    return paragraph.replace("e", "\u00e9", 1).encode("utf-8").decode("latin-1")


def _story_with_repeats(gen: NewsGenerator, index: int) -> str:
    paragraphs = gen.story(4000).split("\n\n")
    quote = paragraphs[2].split(". ")[0].rstrip(".") + "."
    paragraphs[3] = quote + " --Staff writer" + paragraphs[3]  # glued pull quote
    paragraphs.insert(5, quote)  # ... which also stands on its own
    paragraphs.append(_mojibake(paragraphs[1]))  # near-exact copy
    body = "\n\n".join(paragraphs)
    copies = [body, APPEAL, body] + ([body] if index % 2 else [])
    return "\n\n".join([TAGLINE, f"Story {index}", TAGLINE, *copies])


def build_repeats(size: int) -> str:
    gen, parts, total = NewsGenerator(seed=11), [], 0
    while total < size:
        parts.append(_story_with_repeats(gen, len(parts)))
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)[:size].rsplit("\n", 1)[0]


def build_plain(size: int) -> str:
    gen, parts, total = NewsGenerator(seed=12), [], 0
    while total < size:
        parts.append(gen.paragraph())
        total += len(parts[-1]) + 2
    return "\n\n".join(parts)[:size].rsplit("\n", 1)[0]


def build_near_exact(size: int) -> str:
    gen, parts, total = NewsGenerator(seed=13), [], 0
    while total < size:
        block = [gen.paragraph() for _ in range(5)]
        parts.extend(block + [_mojibake(p) for p in block])
        total += sum(len(p) + 2 for p in block) * 2
    return "\n\n".join(parts)[:size].rsplit("\n", 1)[0]


def reference_exact_lines(text: str) -> str:
    """Drop exactly repeated non-blank lines: the cheapest line-level method."""
    seen: dict[str, None] = {}
    out = []
    for line in text.split("\n"):
        key = line.strip()
        if key and key in seen:
            continue
        seen[key] = None
        out.append(line)
    return "\n".join(out)


def best_time(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def news_sized(path: Path | None, pages: int) -> tuple[str, list[str]]:
    """A batch of news-page-sized documents: eval pages as ``clean`` feeds them, or generated."""
    if path is not None and path.is_file():
        from dedupe_news import normalize
        from dedupe_news.boilerplate import strip_boilerplate

        texts = []
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if len(texts) >= pages:
                    break
                page_text = json.loads(line)["page_text"]
                texts.append(strip_boilerplate(normalize(page_text), explain=False).text)
        return f"eval pages ({path.name}, normalised, boilerplate stripped)", texts
    gen = NewsGenerator(seed=14)
    texts = [
        _story_with_repeats(gen, index) if index % 5 == 0 else gen.story(6000)
        for index in range(pages)
    ]
    return "generated stories (1 in 5 with repeats)", texts


def time_batch(texts: list[str], repeat: int) -> None:
    """Time every method over the whole batch, side by side with the reference."""
    mb = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    changed = sum(remove_repeats(text, explain=False).text != text for text in texts)
    rows = [
        ("reference: exact lines", reference_exact_lines, f"{changed} of {len(texts)} changed"),
        ("find_repeats", find_repeats, ""),
        ("remove_repeats", remove_repeats, ""),
        ("remove_repeats explain=False", lambda text: remove_repeats(text, explain=False), ""),
        ("repetition_stats", repetition_stats, ""),
    ]
    for label, function, note in rows:
        seconds = best_time(lambda: [function(text) for text in texts], repeat)
        print(f"{'news-sized':<12} {mb:>5.2f} {label:<28} {seconds:>8.3f} {mb / seconds:>7.2f}  {note}")


def evaluate(path: Path) -> None:
    """Words removed from real pages, and main-content words lost, per page type."""
    totals: dict[str, Counter[str]] = {}
    started = time.perf_counter()
    size = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            page = json.loads(line)
            text = page["page_text"]
            size += len(text.encode("utf-8"))
            result = remove_repeats(text, explain=False)
            row = totals.setdefault(page["page_type"], Counter())
            row["pages"] += 1
            if result.text == text:
                continue
            main = Counter(fold_key(page["main_content"] or "").split())
            before = Counter(fold_key(text).split())
            after = Counter(fold_key(result.text).split())
            row["changed"] += 1
            row["removed"] += sum(before.values()) - sum(after.values())
            row["lost"] += sum((main & before).values()) - sum((main & after).values())
            row["main"] += sum((main & before).values())
    seconds = time.perf_counter() - started
    print(f"\nreal pages ({path.name}), stage alone on the raw page text, {size / 1e6 / seconds:.2f} MB/s:")
    print(f"  {'page type':<14} {'pages':>6} {'changed':>8} {'words removed':>14} "
          f"{'main words lost':>16} {'share of main':>14}")
    for kind, row in sorted(totals.items(), key=lambda item: -item[1]["pages"]):
        share = row["lost"] / row["main"] if row["main"] else 0.0
        print(f"  {kind:<14} {row['pages']:>6} {row['changed']:>8} {row['removed']:>14,} "
              f"{row['lost']:>16,} {share:>13.2%}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="document size in MB (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs, best kept (default 3)")
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="WCXB-style JSONL.gz of pages")
    parser.add_argument("--no-eval", action="store_true", help="skip the real-page measurement")
    parser.add_argument("--pages", type=int, default=400, help="news-sized documents (default 400)")
    args = parser.parse_args(argv)
    size = int(args.mb * 1_000_000)
    documents = {
        "repeats": build_repeats(size),
        "no repeats": build_plain(size),
        "near-exact": build_near_exact(size),
    }
    print(f"{'document':<12} {'MB':>5} {'method':<28} {'seconds':>8} {'MB/s':>7}  found")
    for name, text in documents.items():
        mb = len(text.encode("utf-8")) / 1e6
        report = find_repeats(text)
        result = remove_repeats(text)
        found = (
            f"{len(report.blocks)} blocks (max count {max((b.count for b in report.blocks), default=0)}), "
            f"{len(report.groups)} groups, {len(report.pull_quotes)} pull quotes, "
            f"{len(text) - len(result.text):,} chars removed"
        )
        rows = [
            ("reference: exact lines", lambda: reference_exact_lines(text), ""),
            ("find_repeats", lambda: find_repeats(text), found),
            ("remove_repeats", lambda: remove_repeats(text), ""),
            ("remove_repeats explain=False", lambda: remove_repeats(text, explain=False), ""),
            ("repetition_stats", lambda: repetition_stats(text), ""),
        ]
        for label, function, note in rows:
            seconds = best_time(function, args.repeat)
            print(f"{name:<12} {mb:>5.2f} {label:<28} {seconds:>8.3f} {mb / seconds:>7.2f}  {note}")
    source, batch = news_sized(None if args.no_eval else args.eval, args.pages)
    print(f"\nnews-sized: {len(batch)} {source}")
    time_batch(batch, args.repeat)
    print()
    print("scaling of remove_repeats (time per MB should stay flat):")
    for name in ("repeats", "no repeats"):
        text = documents[name]
        for fraction in (0.25, 0.5, 1.0):
            part = text[: int(len(text) * fraction)]
            mb = len(part.encode("utf-8")) / 1e6
            seconds = best_time(lambda: remove_repeats(part, explain=False), args.repeat)
            print(f"  {name:<12} {mb:>5.2f} MB {seconds:>8.3f} s {seconds / mb:>7.3f} s/MB")
    if not args.no_eval and args.eval.is_file():
        evaluate(args.eval)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
