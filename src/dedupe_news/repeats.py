"""Repeated paragraphs, lines and blocks inside one document: find, report, repair.

Scrapers capture the same text more than once: a whole article body two or
three times, a tagline in the header twice, a pull quote glued to the next
paragraph. :func:`find_repeats` reports these as data (:class:`RepeatReport`):
runs of several lines repeated together are one :class:`RepeatBlock` with its
count, single repeated paragraphs or lines are :class:`RepeatGroup`\\ s, glued
pull quotes are :class:`~dedupe_news.pullquotes.PullQuote`\\ s.
:func:`remove_repeats` keeps the first copy of everything and removes the
others, explaining each removal with a :class:`~dedupe_news.explain.Change`
whose ``kept_at`` is the offset of the kept copy.

Lines are compared on folded keys (:mod:`dedupe_news.repeat_keys`: case,
punctuation, escape artefacts and entities ignored) in one pass with a hash
map, and near-exact copies are found with MinHash LSH
(:mod:`dedupe_news.near_exact`), so the cost grows linearly with the length of
the document. Only lines of at least ``min_chars`` folded characters and
``min_words`` words are repeats on their own; shorter ones (bullets, ``Q:``
labels, a refrain, table cells) are removed only inside a repeated block
anchored by a long line, and a passage recurring between longer, different
material (a list's shared blurb) is kept. The search runs again on what it
kept until nothing is left to remove, so the repair is idempotent.

Most documents repeat nothing, so a screen runs first (:func:`_screen`): the
lines are folded in bulk (:class:`~dedupe_news.repeat_keys.FoldedLines`) and
three cheap necessary conditions are checked: an eligible key occurring
twice, a possible glued pull quote
(:func:`~dedupe_news.pullquotes.may_have_pull_quotes`) and a pair of long
keys that could be near-exact copies
(:func:`~dedupe_news.near_exact.may_have_near_pairs`). When none holds, the
full search could not find anything and is skipped; the same tests skip the
near-exact and pull-quote searches of each pass that cannot find anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ConfigError
from .explain import Change, Explained
from .near_exact import NearExactCache, match_ratio, may_have_near_pairs, near_exact_pairs
from .pullquotes import PullQuote, find_pull_quotes, may_have_pull_quotes
from .repeat_keys import FoldedLines, fold_key

__all__ = [
    "RepeatsConfig",
    "Occurrence",
    "RepeatGroup",
    "RepeatBlock",
    "PullQuote",
    "RepeatReport",
    "find_repeats",
    "remove_repeats",
]


@dataclass(frozen=True)
class RepeatsConfig:
    """Settings of the repeats stage; the defaults suit news articles.

    Attributes:
        min_chars: a line (or one-line paragraph) is a repeat on its own only
            if its folded key has at least this many characters (default 60).
            Shorter repeated lines, e.g. list bullets, ``Q:``/``A:`` labels,
            a poem's refrain, table cells, are kept unless they sit inside a
            repeated block. Lower it to catch short repeated lines, at the
            risk of removing legitimate refrains.
        min_words: ... and at least this many words (default 8).
        near_exact: also match copies that differ by a few characters
            (mojibake, an escape artefact); default True.
        similarity: minimum character match ratio of two near-exact copies
            (default 0.9): twice the characters of the words they share, in
            order, over all their characters. Besides, every stretch where
            they differ must be a small edit (``max_edit_chars``).
        near_min_chars: only lines with at least this many folded characters
            are matched near-exactly (default 80): on short lines a few
            characters are a different text.
        max_edit_chars: the largest difference, in characters, of one differing
            stretch between near-exact copies (default 3); a changed number
            is never a small edit.
        shingle_size: character n-gram size of the MinHash signatures that
            find near-exact candidates (default 5).
        min_block_lines: a run of at least this many consecutive repeated lines
            is reported and removed as one block (default 2).
        pull_quotes: cut glued copies of pull quotes (default True). Only
            copies with evidence of gluing are cut: a dash attribution or no
            space between the copy and the sentence it touches (see
            :mod:`dedupe_news.pullquotes`).
        pull_quote_min_words: the shortest sentence, in words, treated as a
            glued pull quote (default 8).
        max_attribution_words: the longest attribution, in words, after a pull
            quote (``--Amazon employee``) or after its source (``one worker
            said``) (default 5).
        max_candidates: earlier copies tried when extending a repeated run
            (default 8); bounds the work on pathological input.
        keep_list_templates: keep a passage that occurs three or more times
            when every stretch between two of its copies is at least as long
            as the passage (default True): that is a list's shared text (each
            event's blurb, a training plan's warm-up), not a scraping
            duplicate. Switch off to remove such copies too.
    """

    min_chars: int = 60
    min_words: int = 8
    near_exact: bool = True
    similarity: float = 0.9
    near_min_chars: int = 80
    max_edit_chars: int = 3
    shingle_size: int = 5
    min_block_lines: int = 2
    pull_quotes: bool = True
    pull_quote_min_words: int = 8
    max_attribution_words: int = 5
    max_candidates: int = 8
    keep_list_templates: bool = True

    def __post_init__(self) -> None:
        for name in ("min_chars", "min_words", "near_min_chars", "shingle_size",
                     "pull_quote_min_words", "max_candidates"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ConfigError(f"RepeatsConfig.{name} must be an integer >= 1, got {value!r}")
        for name in ("max_edit_chars", "max_attribution_words"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ConfigError(f"RepeatsConfig.{name} must be an integer >= 0, got {value!r}")
        if not isinstance(self.min_block_lines, int) or self.min_block_lines < 2:
            raise ConfigError(
                f"RepeatsConfig.min_block_lines must be an integer >= 2, got {self.min_block_lines!r}"
                " (single repeated lines are reported as groups)"
            )
        if (
            not isinstance(self.similarity, (int, float))
            or isinstance(self.similarity, bool)
            or not 0.0 < self.similarity <= 1.0
        ):
            raise ConfigError(
                f"RepeatsConfig.similarity must be in (0, 1], got {self.similarity!r}; "
                "use near_exact=False to match exact copies only"
            )
        if self.near_min_chars < self.shingle_size:
            raise ConfigError(
                f"RepeatsConfig.near_min_chars ({self.near_min_chars}) must be at least "
                f"shingle_size ({self.shingle_size})"
            )


@dataclass(frozen=True)
class Occurrence:
    """One copy of a repeated text: its span and its similarity to the kept copy.

    ``similarity`` is 1.0 when the folded keys are equal, else their character
    match ratio (:func:`~dedupe_news.near_exact.match_ratio`; the lowest over
    the lines of a block).
    """

    start: int
    end: int
    similarity: float = 1.0


class _Copies:
    """What groups and blocks share: their copies, the first one kept."""

    occurrences: tuple[Occurrence, ...]

    @property
    def count(self) -> int:
        """How many times the text occurs."""
        return len(self.occurrences)

    @property
    def near_exact(self) -> bool:
        """True when some copy differs from the kept one (after folding)."""
        return any(occ.similarity < 1.0 for occ in self.occurrences)


@dataclass(frozen=True)
class RepeatGroup(_Copies):
    """A paragraph or line that occurs more than once; the first occurrence is kept.

    Attributes:
        kind: ``"paragraph"`` (a whole paragraph) or ``"line"`` (a line inside
            a longer paragraph).
        text: the kept copy.
        occurrences: every copy in text order; ``occurrences[0]`` is kept.
    """

    kind: str
    text: str
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class RepeatBlock(_Copies):
    """A run of consecutive lines (several paragraphs) repeated together.

    Attributes:
        text: the kept copy, ``text[occurrences[0].start:occurrences[0].end]``.
        lines: number of non-blank lines in one copy.
        paragraphs: number of paragraphs in one copy (blank-line separated;
            when the text has no blank lines, every line is a paragraph).
        occurrences: every copy in text order; ``occurrences[0]`` is kept.
    """

    text: str
    lines: int
    paragraphs: int
    occurrences: tuple[Occurrence, ...]


@dataclass(frozen=True)
class RepeatReport:
    """Everything repeated inside one text; offsets refer to that text.

    Lines that belong to a reported block are not reported again as groups.
    Copies that only show once others are removed (a search pass on the
    repaired text finds them) are reported too, with offsets in the original.
    """

    blocks: tuple[RepeatBlock, ...] = ()
    groups: tuple[RepeatGroup, ...] = ()
    pull_quotes: tuple[PullQuote, ...] = ()

    @property
    def has_repeats(self) -> bool:
        """True when anything is repeated."""
        return bool(self.blocks or self.groups or self.pull_quotes)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form: counts, then every block, group and pull quote with its spans."""

        def occurrences(item: RepeatBlock | RepeatGroup) -> list[dict[str, object]]:
            return [
                {"start": o.start, "end": o.end, "similarity": round(o.similarity, 4)}
                for o in item.occurrences
            ]

        return {
            "blocks": [
                {"count": b.count, "lines": b.lines, "paragraphs": b.paragraphs,
                 "text": b.text, "occurrences": occurrences(b)}
                for b in self.blocks
            ],
            "groups": [
                {"kind": g.kind, "count": g.count, "text": g.text, "occurrences": occurrences(g)}
                for g in self.groups
            ],
            "pull_quotes": [
                {"position": q.position, "start": q.start, "end": q.end, "text": q.text,
                 "host": [q.host_start, q.host_end], "source": [q.source_start, q.source_end],
                 "matched": round(q.matched, 4)}
                for q in self.pull_quotes
            ],
            "removable_chars": self.removable_chars,
        }

    @property
    def removable_chars(self) -> int:
        """Characters in the copies :func:`remove_repeats` removes (separators excluded)."""
        copies = sum(
            occ.end - occ.start for item in self.blocks + self.groups for occ in item.occurrences[1:]
        )
        return copies + sum(quote.end - quote.start for quote in self.pull_quotes)


#: Copies (the kept one included) from which a widely spaced passage is a list template.
_TEMPLATE_MIN_COUNT = 3
#: Analysis passes at most; the next pass sees the text the previous one repaired.
_MAX_PASSES = 8


class _Line:
    """A non-blank line: where it is, its paragraph and its folded key.

    ``start``/``end`` is the line's current content (a glued pull quote cut
    from it moves them); ``line_start`` and ``orig_end`` never move and frame
    removals of the whole line.
    """

    __slots__ = (
        "number", "line_start", "start", "end", "orig_end", "paragraph", "key", "eligible", "cut"
    )

    def __init__(self, number: int, line_start: int, start: int, end: int, paragraph: int) -> None:
        self.number = number  # index in text.split("\n")
        self.line_start = line_start
        self.start = start
        self.end = end
        self.orig_end = end
        self.paragraph = paragraph
        self.key = ""
        self.eligible = False
        self.cut = False  # a glued pull quote was cut from it


@dataclass(frozen=True)
class _Match:
    """Positions ``copy:copy+length`` repeat positions ``source:source+length`` of a line list."""

    source: int
    copy: int
    length: int


@dataclass(frozen=True)
class _Repeat:
    """A removed copy and the kept one, as indices of the text's lines."""

    source: tuple[int, ...]
    copy: tuple[int, ...]
    similarity: float


def _split_lines(text: str) -> tuple[list[_Line], bool]:
    """The non-blank lines of ``text`` and whether blank lines separate paragraphs."""
    lines: list[_Line] = []
    paragraph, blank_before, has_blank = 0, False, False
    position = 0
    for number, raw in enumerate(text.split("\n")):
        content = raw.strip()
        if content:
            if blank_before and lines:
                paragraph += 1
                has_blank = True
            start = position + raw.index(content[0])
            lines.append(_Line(number, position, start, start + len(content), paragraph))
            blank_before = False
        else:
            blank_before = True
        position += len(raw) + 1
    return lines, has_blank


def _union_find_roots(size: int, pairs: list[tuple[int, int, float]]) -> list[int]:
    """Component root (its smallest member) of every element."""
    parent = list(range(size))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b, _ in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [root(item) for item in range(size)]


def _group_ids(
    lines: list[_Line], config: RepeatsConfig, cache: NearExactCache, may_pair: bool | None = None
) -> list[int]:
    """One id per line; equal ids mean equal folded keys or near-exact copies.

    ``may_pair`` is the verdict of :func:`~dedupe_news.near_exact.may_have_near_pairs`
    on these lines' long keys when already known.
    """
    key_ids: dict[str, int] = {}
    ids = [key_ids.setdefault(line.key, len(key_ids)) for line in lines]
    if not config.near_exact:
        return ids
    keys = list(key_ids)  # distinct keys, in order of first appearance
    long_keys = [index for index, key in enumerate(keys) if len(key) >= config.near_min_chars]
    if may_pair is None:
        may_pair = len(long_keys) > 1 and may_have_near_pairs(
            [keys[index] for index in long_keys], similarity=config.similarity
        )
    if not may_pair:
        return ids  # no pair can pass the verification
    pairs = near_exact_pairs(
        [keys[index] for index in long_keys],
        shingle_size=config.shingle_size,
        similarity=config.similarity,
        max_edit_chars=config.max_edit_chars,
        cache=cache,
    )
    if not pairs:
        return ids
    roots = _union_find_roots(
        len(keys), [(long_keys[a], long_keys[b], score) for a, b, score in pairs]
    )
    return [roots[gid] for gid in ids]


def _drop_list_templates(matches: list[_Match], lines: list[_Line]) -> list[_Match]:
    """Keep passages that recur 3+ times between longer, different material.

    A list's items often share a description (each event's blurb, a training
    plan's warm-up, a webcam's credit line): the shared passage recurs once
    per item with the item's own text between copies. A scraper's duplicate
    does not look like that: a captured body is long next to what separates
    its copies. Lengths are content characters of the lines.
    """
    sizes = [0]
    for line in lines:
        sizes.append(sizes[-1] + line.end - line.start)
    grouped: dict[tuple[int, int], list[int]] = {}
    for match in matches:
        grouped.setdefault((match.source, match.length), []).append(match.copy)
    templates = set()
    for (source, length), copies in grouped.items():
        if len(copies) + 1 < _TEMPLATE_MIN_COUNT:
            continue
        starts = [source, *sorted(copies)]
        size = sizes[source + length] - sizes[source]
        if all(sizes[b] - sizes[a + length] >= size for a, b in zip(starts, starts[1:])):
            templates.add((source, length))
    return [match for match in matches if (match.source, match.length) not in templates]


def _match_runs(ids: list[int], eligible: list[bool], config: RepeatsConfig) -> list[_Match]:
    """Later copies of earlier lines, extended to the longest runs repeated together.

    Left to right, each eligible line that has an earlier copy is matched
    against up to ``max_candidates`` earlier kept copies; the longest
    agreement (forwards, then backwards over lines not yet removed) wins and
    the copy's lines are removed. Every line is visited a bounded number of
    times, so the scan is linear in the number of lines.
    """
    count = len(ids)
    removed = [False] * count
    seen: dict[int, list[int]] = {}
    matches: list[_Match] = []
    j = 0
    while j < count:
        best: tuple[int, int] | None = None
        if eligible[j]:
            candidates = [i for i in seen.get(ids[j], ()) if not removed[i]]
            for i in candidates[: config.max_candidates]:
                length = 1
                while (
                    j + length < count
                    and i + length < j
                    and ids[i + length] == ids[j + length]
                    and ids[j + length] != ids[j]  # a run of one line is a group, not blocks
                ):
                    length += 1
                if best is None or length > best[1]:
                    best = (i, length)
        if best is None:
            seen.setdefault(ids[j], []).append(j)
            j += 1
            continue
        source, length = best
        back = 0
        while (
            source - back - 1 >= 0
            and j - back - 1 >= source + length
            and not removed[j - back - 1]
            and not removed[source - back - 1]
            and ids[source - back - 1] == ids[j - back - 1]
        ):
            back += 1
        match = _Match(source - back, j - back, length + back)
        for index in range(match.copy, match.copy + match.length):
            removed[index] = True
        matches.append(match)
        j += length
    return matches


class _Analysis:
    """The repeats found in one text, in the form both report and repair use.

    The search runs in passes: each pass sees the lines the previous passes
    kept (with glued pull quotes cut), until a pass finds nothing. The result
    is therefore a fixed point: the repaired text has no repeats left, so
    repairing it again changes nothing.
    """

    def __init__(
        self, text: str, config: RepeatsConfig, folded: FoldedLines, screen: _Screen | None = None
    ) -> None:
        self.text = text
        self.config = config
        self.folded = folded
        # verdicts of the screen, valid for the first pass (all lines, uncut)
        self.first_pass: _Screen | None = screen
        self.lines, self.has_blank = _split_lines(text)
        for line in self.lines:
            self._set_key(line, " ".join(folded.words[line.number]))
        self.near_cache = NearExactCache()
        self.repeats: list[_Repeat] = []
        self.quotes: list[tuple[PullQuote, int]] = []
        self.removed: set[int] = set()
        alive = list(range(len(self.lines)))
        for _ in range(_MAX_PASSES):
            if not self._pass(alive):
                break
            alive = [index for index in alive if index not in self.removed]

    def _set_key(self, line: _Line, key: str | None = None) -> None:
        """Set the line's key (folded from its current content unless given) and eligibility."""
        config = self.config
        line.key = fold_key(self.text[line.start : line.end]) if key is None else key
        line.eligible = (
            len(line.key) >= config.min_chars and line.key.count(" ") + 1 >= config.min_words
        )

    def _pass(self, alive: list[int]) -> bool:
        """Find repeats among the ``alive`` lines; True when something was found."""
        config = self.config
        lines = [self.lines[index] for index in alive]
        screen, self.first_pass = self.first_pass, None
        ids = _group_ids(lines, config, self.near_cache, screen.near if screen else None)
        eligible = [line.eligible for line in lines]
        matches = _match_runs(ids, eligible, config)
        if config.min_block_lines > 2:
            matches = self._split_short_blocks(matches, eligible)
        if config.keep_list_templates:
            matches = _drop_list_templates(matches, lines)
        for match in matches:
            repeat = _Repeat(
                tuple(alive[match.source + k] for k in range(match.length)),
                tuple(alive[match.copy + k] for k in range(match.length)),
                self._similarity(lines, match),
            )
            self.repeats.append(repeat)
            self.removed.update(repeat.copy)
        quotes: list[PullQuote] = []
        kept = [index for index in alive if index not in self.removed]
        may_quote = screen.quotes if screen and not matches else None
        if config.pull_quotes and (
            may_quote if may_quote is not None else self._may_have_pull_quotes(kept)
        ):
            quotes = find_pull_quotes(
                self.text,
                [(self.lines[i].start, self.lines[i].end, self.lines[i].key) for i in kept],
                words=[self._words(self.lines[i]) for i in kept],
                min_words=config.pull_quote_min_words,
                max_attribution_words=config.max_attribution_words,
                max_edit_chars=config.max_edit_chars,
            )
            by_start = {self.lines[i].start: i for i in kept}
            hosts = [by_start[quote.host_start] for quote in quotes]
            for quote, host in zip(quotes, hosts):
                self.quotes.append((quote, host))
            for quote, host in zip(quotes, hosts):
                line = self.lines[host]
                if quote.position == "front":
                    line.start = max(line.start, quote.end)
                else:
                    line.end = min(line.end, quote.start)
            for host in set(hosts):
                self.lines[host].cut = True
                self._set_key(self.lines[host])
        return bool(matches or quotes)

    def _may_have_pull_quotes(self, kept: list[int]) -> bool:
        """The cheap necessary condition of :func:`find_pull_quotes` on the ``kept`` lines.

        A line's sentence starts come from the folded text; a line cut
        before offers every position instead.
        """
        units = [self.lines[index] for index in kept]
        words = [self._words(line) for line in units]

        def heads(unit: int) -> list[tuple[str, ...]]:
            line = units[unit]
            if line.cut:
                return list(zip(words[unit], words[unit][1:], words[unit][2:]))
            return list(self.folded.sentence_heads(line.number))

        config = self.config
        return may_have_pull_quotes(
            words,
            heads,
            min_words=config.pull_quote_min_words,
            max_attribution_words=config.max_attribution_words,
            max_edit_chars=config.max_edit_chars,
        )

    def _words(self, line: _Line) -> list[str]:
        """The words of the line's key (those of the folded text while it is uncut)."""
        if not line.cut:
            return self.folded.words[line.number]
        return line.key.split(" ") if line.key else []

    def _split_short_blocks(self, matches: list[_Match], eligible: list[bool]) -> list[_Match]:
        """Runs shorter than ``min_block_lines`` become single-line matches."""
        result = []
        for match in matches:
            if 1 < match.length < self.config.min_block_lines:
                result.extend(
                    _Match(match.source + k, match.copy + k, 1)
                    for k in range(match.length)
                    if eligible[match.copy + k]
                )
            else:
                result.append(match)
        return result

    def _similarity(self, lines: list[_Line], match: _Match) -> float:
        """Lowest key similarity between the copy's lines and the source's."""
        lowest = 1.0
        verdicts = self.near_cache.verdicts
        for k in range(match.length):
            a, b = lines[match.source + k].key, lines[match.copy + k].key
            if a != b:
                score = verdicts.get((a, b)) or verdicts.get((b, a)) or match_ratio(a, b)
                lowest = min(lowest, score)
        return lowest

    def paragraphs_in(self, indices: tuple[int, ...]) -> int:
        """Number of paragraphs the lines ``indices`` belong to."""
        if not self.has_blank:
            return len(indices)
        return len({self.lines[index].paragraph for index in indices})

    def is_whole_paragraph(self, indices: tuple[int, ...]) -> bool:
        """True when the lines ``indices`` are exactly one paragraph of the text."""
        first, last = indices[0], indices[-1]
        if last - first + 1 != len(indices):
            return False
        if not self.has_blank:
            return len(indices) == 1
        paragraph = self.lines[first].paragraph
        before = first == 0 or self.lines[first - 1].paragraph != paragraph
        after = last + 1 == len(self.lines) or self.lines[last + 1].paragraph != paragraph
        return before and after and self.lines[last].paragraph == paragraph

    def kind(self, repeat: _Repeat) -> str:
        """``"block"``, ``"paragraph"`` or ``"line"``: what the kept copy is."""
        if self.is_whole_paragraph(repeat.source):
            return "paragraph"
        return "line" if len(repeat.source) == 1 else "block"

    def span(self, indices: tuple[int, ...]) -> tuple[int, int]:
        """Text span from the first to the last of the lines ``indices``."""
        return self.lines[indices[0]].start, self.lines[indices[-1]].end

    def report(self) -> RepeatReport:
        """The findings as a :class:`RepeatReport`."""
        grouped: dict[tuple[int, ...], list[_Repeat]] = {}
        for repeat in self.repeats:
            grouped.setdefault(repeat.source, []).append(repeat)
        blocks, groups = [], []
        for source, copies in sorted(grouped.items()):
            start, end = self.span(source)
            occurrences = (Occurrence(start, end),) + tuple(
                Occurrence(*self.span(repeat.copy), repeat.similarity)
                for repeat in sorted(copies, key=lambda r: r.copy)
            )
            kind = self.kind(copies[0])
            if kind == "block":
                blocks.append(
                    RepeatBlock(self.text[start:end], len(source), self.paragraphs_in(source), occurrences)
                )
            else:
                groups.append(RepeatGroup(kind, self.text[start:end], occurrences))
        quotes = tuple(quote for quote, host in self.quotes if host not in self.removed)
        return RepeatReport(tuple(blocks), tuple(groups), quotes)

    def removals(self) -> list[tuple[int, int, _Repeat | PullQuote]]:
        """Character spans to delete, each with what it removes, sorted and disjoint.

        A removed run of lines takes the separator on one side with it (the
        smaller one, so a paragraph break survives a removed line inside a
        paragraph); a run at the end keeps the text's final newline.
        """
        owner: dict[int, _Repeat] = {}
        for repeat in self.repeats:
            for index in repeat.copy:
                owner[index] = repeat
        spans: list[tuple[int, int, _Repeat | PullQuote]] = []
        order = sorted(owner)
        position = 0
        while position < len(order):
            run = [order[position]]
            while position + 1 < len(order) and order[position + 1] == run[-1] + 1:
                position += 1
                run.append(order[position])
            spans.extend(self._run_spans(run, owner))
            position += 1
        spans.extend(
            (quote.start, quote.end, quote) for quote, host in self.quotes if host not in self.removed
        )
        spans.sort(key=lambda item: item[0])
        return spans

    def _run_spans(
        self, run: list[int], owner: dict[int, _Repeat]
    ) -> list[tuple[int, int, _Repeat | PullQuote]]:
        """Spans removing the consecutive lines ``run``, one per owning repeat."""
        lines, text = self.lines, self.text
        first, last = run[0], run[-1]
        before = lines[first - 1] if first > 0 else None
        after = lines[last + 1] if last + 1 < len(lines) else None
        take_left = before is not None and (
            after is None
            or text.count("\n", lines[last].orig_end, after.line_start)
            > text.count("\n", before.orig_end, lines[first].line_start)
        )
        segments: list[list[int]] = []
        for index in run:
            if segments and owner[segments[-1][-1]] is owner[index]:
                segments[-1].append(index)
            else:
                segments.append([index])
        spans: list[tuple[int, int, _Repeat | PullQuote]] = []
        if take_left:
            start = before.orig_end  # type: ignore[union-attr]
            for segment in segments:
                end = lines[segment[-1]].orig_end
                spans.append((start, end, owner[segment[0]]))
                start = end
        else:
            stop = after.line_start if after is not None else len(text)
            for number, segment in enumerate(segments):
                end = lines[segments[number + 1][0]].line_start if number + 1 < len(segments) else stop
                spans.append((lines[segment[0]].line_start, end, owner[segment[0]]))
        return spans

    def change(self, start: int, end: int, item: _Repeat | PullQuote) -> Change:
        """The :class:`Change` explaining one removal."""
        before = self.text[start:end]
        if isinstance(item, PullQuote):
            return Change(
                "repeats", "repeats.pull_quote",
                f"pull quote glued to the {item.position} of a paragraph; the same sentence "
                f"stands on its own at offset {item.source_start}, which is kept",
                start, end, before, kept_at=item.source_start,
            )
        kind = self.kind(item)
        kept = self.lines[item.source[0]].start
        near = (
            f" (near-exact copy, similarity {item.similarity:.2f})" if item.similarity < 1.0 else ""
        )
        if kind == "block":
            what = (
                f"repeated block of {len(item.source)} lines "
                f"({self.paragraphs_in(item.source)} paragraphs)"
            )
        else:
            what = f"repeated {kind}"
        return Change(
            "repeats", f"repeats.{kind}",
            f"{what}{near}; the first copy, at offset {kept}, is kept",
            start, end, before, kept_at=kept,
        )


@dataclass(frozen=True)
class _Screen:
    """Which cheap necessary conditions hold for a text (None: not checked)."""

    exact: bool = False
    quotes: bool | None = None
    near: bool | None = None

    @property
    def may_repeat(self) -> bool:
        """False only when the full search surely finds nothing."""
        return bool(self.exact or self.quotes or self.near)


def _screen(folded: FoldedLines, config: RepeatsConfig) -> _Screen:
    """Check, on the folded lines, the conditions without which nothing is repeated.

    The first search pass finds a repeat only if an eligible line's key
    occurs twice, or a glued pull quote is found among all the lines, or two
    distinct long keys are near-exact copies; when that pass finds nothing,
    nothing is removed or reported. Each condition is checked with a cheap
    necessary test on the same folded keys the search uses, in that order,
    stopping at the first that holds.
    """
    words = folded.words
    keys = [" ".join(line) for line in words]
    seen: set[str] = set()
    for key, line in zip(keys, words):
        if len(key) >= config.min_chars and len(line) >= config.min_words:
            if key in seen:
                return _Screen(exact=True)
            seen.add(key)
    quotes = None
    if config.pull_quotes:
        quotes = may_have_pull_quotes(
            words,
            folded.sentence_heads,
            min_words=config.pull_quote_min_words,
            max_attribution_words=config.max_attribution_words,
            max_edit_chars=config.max_edit_chars,
        )
        if quotes:
            return _Screen(quotes=True)
    if not config.near_exact:
        return _Screen(quotes=quotes)
    long_keys: dict[str, list[str]] = {}  # distinct long keys and their words
    for key, line in zip(keys, words):
        if len(key) >= config.near_min_chars:
            long_keys.setdefault(key, line)
    near = len(long_keys) > 1 and may_have_near_pairs(
        list(long_keys), similarity=config.similarity, words=list(long_keys.values())
    )
    return _Screen(quotes=quotes, near=near)


def _may_repeat(folded: FoldedLines, config: RepeatsConfig) -> bool:
    """False only when the full search surely finds nothing in the folded text."""
    return _screen(folded, config).may_repeat


def find_repeats(text: str, config: RepeatsConfig | None = None) -> RepeatReport:
    """Report the repeated blocks, paragraphs, lines and glued pull quotes of ``text``.

    Offsets in the report refer to ``text``. Nothing is changed; see
    :func:`remove_repeats` for the repair.

    >>> body = "A first paragraph long enough to count as a repeat on its own.\\n\\n"
    >>> report = find_repeats(body + "Donate now.\\n\\n" + body)
    >>> [group.count for group in report.groups]
    [2]
    """
    config = config or RepeatsConfig()
    folded = FoldedLines(text)
    screen = _screen(folded, config)
    if not screen.may_repeat:
        return RepeatReport()
    return _Analysis(text, config, folded, screen).report()


def remove_repeats(
    text: str, config: RepeatsConfig | None = None, *, explain: bool = True
) -> Explained:
    """Return ``text`` with later copies of repeated blocks, paragraphs and lines removed.

    The first copy of everything is kept, in place; glued copies of pull
    quotes are cut from the paragraph they are glued to. Each removal is a
    :class:`~dedupe_news.explain.Change` with rule ``repeats.block``,
    ``repeats.paragraph``, ``repeats.line`` or ``repeats.pull_quote`` and
    ``kept_at`` set to the offset of the kept copy; with ``explain=False`` the
    same text is returned without changes. Removals never leave a run of blank
    lines behind, and running the function on its own output changes nothing.
    """
    config = config or RepeatsConfig()
    folded = FoldedLines(text)
    screen = _screen(folded, config)
    if not screen.may_repeat:
        return Explained(text)
    analysis = _Analysis(text, config, folded, screen)
    removals = analysis.removals()
    if not removals:
        return Explained(text)
    pieces, position = [], 0
    for start, end, _ in removals:
        pieces.append(text[position:start])
        position = end
    pieces.append(text[position:])
    changes = (
        tuple(analysis.change(start, end, item) for start, end, item in removals) if explain else ()
    )
    return Explained("".join(pieces), changes)
