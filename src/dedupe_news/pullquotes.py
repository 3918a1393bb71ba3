"""Pull quotes glued into other paragraphs: find the glued copy of a sentence.

Web pages print a striking sentence twice: once in the running text and once
in a pull-quote box. A scraper that flattens the page glues the box's text to
the front or back of a neighbouring paragraph, e.g. ``"…as progressive."
--Amazon employee"We are ready and willing …"``. A paragraph *hosts* a glued
pull quote when its first (or last) sentence, up to a short dash attribution,
is a near-exact copy of another paragraph of the document (the *source*),
which may end in a short attribution of its own (``…," one worker said.``).

Three conditions keep ordinary prose safe. The copy must end a sentence in
the host and a clause in the source, so a paragraph that merely quotes the
same words inside its own sentence is never cut. The host must stop
following the source where the copy ends (a repeated title with a site name
appended is not a glued quote). And there must be evidence of gluing: a dash
attribution (``--Amazon employee``) or no space between the copy and the
sentence it touches; a teaser sentence that also opens the body paragraph,
followed by a normal space, is left alone. Candidates come from an index of
the sources' first three words, so the cost grows with the number of words.
:func:`may_have_pull_quotes` checks only where a copy can start (a
paragraph's start or a sentence's), a cheap necessary condition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .repeat_keys import Token, small_edit, word_tokens

__all__ = ["PullQuote", "find_pull_quotes", "may_have_pull_quotes"]

_OPENING = "\"“‘«(["
_CLOSING = "\"”’'»)]"
_FINAL = ".!?…"
_DASH_RE = re.compile(r"\s*(?:--|—|–|―|-(?=\s))\s*")
_LEADING_RE = re.compile(r"[\s\"“‘«(\[\-–—']*")
_CAMEL_GLUE_RE = re.compile(r"[a-z]{3}[A-Z][a-z]+[\s,;:]")  # not "McDonald", "DeAndre"
_WORD_AFTER_RE = re.compile(r"[A-Z][a-z]+[\s,;:]")  # "The council", not "AspNet.Mvc"
_CLAUSE_END_RE = re.compile(r"[\"”’')\]]*(?:[,;:!?…]|\.(?!\d)|\s*(?:--|[—–―]|-\s))")
_SENTENCE_GAP_RE = re.compile(r"([.!?…]+[\"”’')\]]?)(\s*)([\"“‘«(\[]*)")
#: Ways to step over one differing stretch: (words skipped in host, in source).
_RESYNC = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3), (3, 2), (2, 3), (3, 3))
_MIN_REST_WORDS = 3
#: Words of a source's start that must appear verbatim where its copy starts.
_PREFIX = 3
#: Sources tried per host position (the first ones in the text): bounds the
#: work when many paragraphs start alike ("Posted by admin on ...").
_MAX_SOURCES = 8


@dataclass(frozen=True)
class PullQuote:
    """A glued copy of a sentence that also stands as its own paragraph.

    Attributes:
        start: offset of the glued copy (with its attribution) in the text.
        end: end offset (exclusive) of the glued copy; ``text[start:end]`` is cut.
        host_start: offset of the paragraph the copy is glued to.
        host_end: end offset of that paragraph.
        source_start: offset of the paragraph that holds the same sentence; kept.
        source_end: end offset of that paragraph.
        position: ``"front"`` or ``"back"``: where the copy is glued.
        matched: fraction of the source's words found in the glued copy.
        text: the glued copy, ``text[start:end]``.
    """

    start: int
    end: int
    host_start: int
    host_end: int
    source_start: int
    source_end: int
    position: str
    matched: float
    text: str


def _lockstep(
    host: list[str], lo: int, hi: int, source: list[str], max_edit_chars: int
) -> tuple[int, int]:
    """How far ``host[lo:hi]`` and ``source`` agree from their starts: (host words, source words).

    A differing stretch is stepped over when it is a small edit
    (:func:`~dedupe_news.repeat_keys.small_edit`) and the next two words agree
    again; at most one such stretch per ten matched words.
    """
    i, j, edits = lo, 0, 0
    while i < hi and j < len(source):
        if host[i] == source[j]:
            i += 1
            j += 1
            continue
        if edits > j // 10:
            break
        for skip_host, skip_source in _RESYNC:
            a, b = i + skip_host, j + skip_source
            if (
                a + 2 <= hi
                and b + 2 <= len(source)
                and host[a] == source[b]
                and host[a + 1] == source[b + 1]
                and small_edit(host[i:a], source[j:b], max_edit_chars)
            ):
                i, j, edits = a, b, edits + 1
                break
        else:
            break
    return i - lo, j


def _attribution_end(text: str, pos: int, seg_end: int, max_words: int) -> int | None:
    """Where a dash attribution starting at ``pos`` ends (``seg_end`` if it runs to the end)."""
    words, in_word = 0, False
    for index in range(pos, min(seg_end, pos + 20 * max_words)):
        char = text[index]
        if char in "\"“" and index > pos and not text[index - 1].isspace():
            return index  # the next paragraph's quote glued on
        if char.isupper() and _CAMEL_GLUE_RE.match(text, max(pos, index - 3), index + 40):
            return index  # "--Staff writerThe council ...": the next paragraph glued on
        if char in ".!?" and (index + 1 >= seg_end or text[index + 1].isspace()):
            after = index + 1
            while after < seg_end and text[after].isspace():
                after += 1
            return after
        if char.isalnum():
            if not in_word:
                words += 1
                if words > max_words:
                    return None
            in_word = True
        else:
            in_word = False
    return seg_end if pos + 20 * max_words >= seg_end else None


def _cut_after(text: str, pos: int, seg_end: int, max_words: int) -> tuple[int, bool] | None:
    """Where the text after a sentence ending at ``pos`` resumes, and whether it is glued.

    Returns ``(seg_end, False)`` when nothing but punctuation follows,
    ``(index, glued)`` when a dash attribution or the next sentence follows
    (``glued`` is the scraping evidence: a dash attribution, or no space
    between the two sentences), and None when ``pos`` is in the middle of a
    sentence.
    """
    index = pos
    final = closed = False
    while index < seg_end and text[index] in _FINAL:
        index, final = index + 1, True
    while index < seg_end and text[index] in _CLOSING:
        index, closed = index + 1, True
    after_space = index
    while after_space < seg_end and text[after_space].isspace():
        after_space += 1
    if after_space >= seg_end:
        return seg_end, False
    if not (final or closed):
        return None
    dash = _DASH_RE.match(text, index, seg_end)
    if dash:
        end = _attribution_end(text, dash.end(), seg_end, max_words)
        return None if end is None else (end, True)
    nxt = text[after_space]
    starts_sentence = nxt.isupper() or nxt.isdigit() or nxt in _OPENING
    if after_space == index:  # glued without a space; "4.6" and "Twilio.AspNet" are no sentence ends
        plain_word = pos > 0 and text[pos - 1].islower() and _WORD_AFTER_RE.match(text, index)
        glued = nxt in _OPENING or (nxt.isupper() and (closed or bool(plain_word)))
        return (index, True) if glued else None
    return (after_space, False) if final and starts_sentence else None


class _Finder:
    """Finds the glued pull quotes among the kept paragraphs of one text."""

    def __init__(
        self, text: str, units: list[tuple[int, int, str]], min_words: int,
        max_attribution_words: int, max_edit_chars: int, words: list[list[str]] | None = None,
    ) -> None:
        self.text = text
        self.units = units
        self.min_words = min_words
        self.max_attr = max_attribution_words
        self.max_edit = max_edit_chars
        self.words = words if words is not None else [
            key.split(" ") if key else [] for _, _, key in units
        ]
        self.hosts: set[int] = set()
        self.sources: set[int] = set()
        self.source_tokens: dict[int, list[Token]] = {}
        # Sources indexed by their first _PREFIX words (the first _MAX_SOURCES of each).
        self.by_prefix: dict[tuple[str, ...], list[int]] = {}
        for index, words in enumerate(self.words):
            if len(words) >= min_words:
                sources = self.by_prefix.setdefault(tuple(words[:_PREFIX]), [])
                if len(sources) < _MAX_SOURCES:
                    sources.append(index)

    def run(self) -> list[PullQuote]:
        """Every glued copy, hosts in text order; a unit is a host or a source, never both."""
        found: list[PullQuote] = []
        for host_index, words in enumerate(self.words):
            if host_index in self.sources or len(words) < self.min_words + _MIN_REST_WORDS:
                continue
            hits = self._prefix_hits(host_index, words)
            if hits:
                cuts = _Host(self, host_index, hits).cuts()
                if cuts:
                    self.hosts.add(host_index)
                    found.extend(cuts)
        return found

    def _prefix_hits(self, host_index: int, words: list[str]) -> dict[int, list[int]]:
        """Host word positions where some source's first words start: {position: sources}."""
        grams = list(zip(*(words[k:] for k in range(_PREFIX))))
        common = self.by_prefix.keys() & set(grams)  # set operations run at C speed
        if not common or (len(common) == 1 and self.by_prefix[grams[0]] == [host_index]):
            return {}
        hits: dict[int, list[int]] = {}
        for position, gram in enumerate(grams):
            if gram in common:
                sources = [source for source in self.by_prefix[gram] if source != host_index]
                if sources:
                    hits[position] = sources
        return hits

    def match(self, host: list[str], s: int, hi: int, source: int) -> tuple[int, int] | None:
        """(host words, source words) matched from host word ``s``, if enough."""
        words = self.words[source]
        taken, matched = _lockstep(host, s, hi, words, self.max_edit)
        if matched < self.min_words or len(words) - matched > self.max_attr:
            return None
        return taken, matched

    def ends_clause(self, source: int, matched: int) -> bool:
        """True when the source's first ``matched`` words end a clause (``," one worker said.``)."""
        if matched == len(self.words[source]):
            return True
        if source not in self.source_tokens:
            start, end, _ = self.units[source]
            self.source_tokens[source] = word_tokens(self.text, start, end)
        tokens = self.source_tokens[source]
        if len(tokens) != len(self.words[source]):
            return False
        gap = self.text[tokens[matched - 1].end : tokens[matched].start]
        return bool(_CLAUSE_END_RE.match(gap))

    def quote(
        self, start: int, end: int, host_index: int, source: int, position: str, matched: float
    ) -> PullQuote:
        host_start, host_end, _ = self.units[host_index]
        source_start, source_end, _ = self.units[source]
        return PullQuote(
            start, end, host_start, host_end, source_start, source_end, position, matched,
            self.text[start:end],
        )


class _Host:
    """One paragraph being searched for glued copies, cut from both ends in turn."""

    def __init__(self, finder: _Finder, index: int, hits: dict[int, list[int]]) -> None:
        self.finder = finder
        self.index = index
        self.hits = hits
        self.words = finder.words[index]
        self.start, self.end, _ = finder.units[index]
        self._tokens: list[Token] | None = None

    @property
    def tokens(self) -> list[Token]:
        """The host's words with offsets, computed once a match needs them."""
        if self._tokens is None:
            self._tokens = word_tokens(self.finder.text, self.start, self.end)
        return self._tokens

    def sources(self, position: int) -> list[int]:
        """Sources whose first words occur at host word ``position``."""
        return [i for i in self.hits.get(position, ()) if i not in self.finder.hosts]

    def cuts(self) -> list[PullQuote]:
        """Every glued copy, cutting from the front and the back until none is left."""
        finder = self.finder
        lo, hi, seg_start, seg_end = 0, len(self.words), self.start, self.end
        cuts: list[PullQuote] = []
        while hi - lo >= finder.min_words + _MIN_REST_WORDS:
            found = self._front(lo, hi, seg_start, seg_end) or self._back(lo, hi, seg_end)
            if found is None:
                break
            quote, source = found
            finder.sources.add(source)
            cuts.append(quote)
            if quote.position == "front":
                seg_start = quote.end
                while lo < hi and self.tokens[lo].start < seg_start:
                    lo += 1
            else:
                seg_end = quote.start
                while hi > lo and self.tokens[hi - 1].end > seg_end:
                    hi -= 1
        return cuts

    def _front(self, lo: int, hi: int, seg_start: int, seg_end: int) -> tuple[PullQuote, int] | None:
        """A source copied at the front of ``words[lo:hi]``, glued to a following sentence."""
        finder, text, words = self.finder, self.finder.text, self.words
        for source in self.sources(lo):
            match = finder.match(words, lo, hi, source)
            if match is None:
                continue
            tokens = self.tokens
            if len(tokens) != len(words):
                return None
            if _LEADING_RE.match(text, seg_start, tokens[lo].start).end() != tokens[lo].start:
                return None
            taken, source_taken = match
            source_words = finder.words[source]
            # The match may run on into the host's next sentence on a common
            # word ("the organizer" / "The council"): step back to a sentence
            # end, but only where the host stops following the source.
            for length in range(taken, 0, -1):
                matched = source_taken - (taken - length)
                if matched < finder.min_words or len(source_words) - matched > finder.max_attr:
                    break
                following = source_words[matched : matched + 2]
                if following and words[lo + length : lo + length + len(following)] == following:
                    continue
                if not finder.ends_clause(source, matched):
                    continue
                found = _cut_after(text, tokens[lo + length - 1].end, seg_end, finder.max_attr)
                if found is None or found[0] >= seg_end:
                    continue
                cut, glued = found
                rest = sum(1 for token in tokens[lo + length : hi] if token.start >= cut)
                if glued and rest >= _MIN_REST_WORDS:
                    fraction = matched / len(source_words)
                    return finder.quote(seg_start, cut, self.index, source, "front", fraction), source
                break
        return None

    def _back(self, lo: int, hi: int, seg_end: int) -> tuple[PullQuote, int] | None:
        """A source copied at the back of ``words[lo:hi]``, after a finished sentence."""
        finder, text = self.finder, self.finder.text
        for s in sorted(self.hits):
            if not lo + _MIN_REST_WORDS <= s <= hi - finder.min_words:
                continue
            for source in self.sources(s):
                match = finder.match(self.words, s, hi, source)
                if match is None:
                    continue
                tokens = self.tokens
                if len(tokens) != len(self.words):
                    return None
                gap = _SENTENCE_GAP_RE.fullmatch(text, tokens[s - 1].end, tokens[s].start)
                if gap is None or not (gap.group(2) or gap.group(3) or text[tokens[s].start].isupper()):
                    break  # no sentence end before the copy ("4.6" is a number)
                taken, source_taken = match
                if not finder.ends_clause(source, source_taken):
                    continue
                found = _cut_after(text, tokens[s + taken - 1].end, seg_end, finder.max_attr)
                if found is None or found[0] != seg_end:
                    continue
                glued = found[1] or not gap.group(2)
                if not glued:
                    continue
                fraction = source_taken / len(finder.words[source])
                return finder.quote(gap.end(1), seg_end, self.index, source, "back", fraction), source
        return None


def find_pull_quotes(
    text: str,
    units: list[tuple[int, int, str]],
    *,
    min_words: int = 8,
    max_attribution_words: int = 5,
    max_edit_chars: int = 3,
    words: list[list[str]] | None = None,
) -> list[PullQuote]:
    """Glued pull quotes among ``units`` (``(start, end, folded key)`` of each kept paragraph).

    A unit is either a host (its glued copies are cut) or a source (kept as
    is), never both, within one call. ``words``, if given, holds each unit's
    key split into words (read only), to save splitting them again.
    """
    finder = _Finder(text, units, min_words, max_attribution_words, max_edit_chars, words)
    return finder.run()


def may_have_pull_quotes(
    words: list[list[str]],
    heads: Callable[[int], Iterable[tuple[str, ...]]],
    *,
    min_words: int = 8,
    max_attribution_words: int = 5,
    max_edit_chars: int = 3,
) -> bool:
    """False only when :func:`find_pull_quotes` surely finds nothing.

    ``words`` holds the folded words of each unit; ``heads(i)`` the first
    three words at every position of unit ``i`` where a sentence may start
    (its start, and after ``.``, ``!``, ``?`` or an ellipsis; any superset
    will do). A unit's first glued copy starts at its start or right after a
    sentence end, where its words repeat a source's first three words, and
    from there they must follow the source as :func:`find_pull_quotes`
    requires (:meth:`_Finder.match`); only such places are checked.
    """
    sources: dict[tuple[str, ...], list[int]] = {}
    for index, unit in enumerate(words):
        if len(unit) >= min_words:
            sources.setdefault(tuple(unit[:_PREFIX]), []).append(index)
    if not sources:
        return False
    for index, unit in enumerate(words):
        if len(unit) < min_words + _MIN_REST_WORDS:
            continue
        for head in heads(index):
            others = [source for source in sources.get(head, ()) if source != index]
            if others and _follows(unit, head, [words[source] for source in others],
                                   min_words, max_attribution_words, max_edit_chars):
                return True
    return False


def _follows(
    host: list[str], head: tuple[str, ...], sources: list[list[str]],
    min_words: int, max_attribution_words: int, max_edit_chars: int,
) -> bool:
    """True when ``host`` may hold, where it starts with ``head``, the first
    glued copy of one of ``sources`` (bounds of :meth:`_Host.cuts`)."""
    for position in range(len(host) - _PREFIX + 1):
        if tuple(host[position : position + _PREFIX]) != head:
            continue
        for source in sources:
            taken, matched = _lockstep(host, position, len(host), source, max_edit_chars)
            if matched < min_words or len(source) - matched > max_attribution_words:
                continue
            if position == 0:  # a front copy leaves _MIN_REST_WORDS words of the host
                shortest = taken - matched + max(min_words, len(source) - max_attribution_words)
                if max(shortest, 1) <= len(host) - _MIN_REST_WORDS:
                    return True
            elif _MIN_REST_WORDS <= position <= len(host) - min_words:
                # a back copy runs to the host's end, but for a short attribution
                tail = host[position + taken :]
                if sum(1 for word in tail if word.strip("_")) <= max_attribution_words:
                    return True
    return False
