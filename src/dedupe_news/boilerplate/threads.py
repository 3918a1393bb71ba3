"""Reader comment threads below an article, found by their repeated markers.

Blog and news pages list their comments as a run of small blocks: the
commenter ("Sharon says"), a timestamp ("July 14, 2015 at 3:53 pm",
"3 years ago"), the comment, a "Reply" button. The comment section rule in
:mod:`.strip` needs a header after most of the article's prose; a long
thread under a short article has more prose than the article, so that rule
does not fire there. :func:`mark_comment_threads` finds the thread by its
markers instead: at least :data:`MIN_MARKERS` marker lines, each within
:data:`MAX_GAP` lines of the previous one, among them a reply button and a
commenter or timestamp line (reply buttons alone also follow embedded
posts), after at least :data:`MIN_WORDS_BEFORE` words of prose (lines of
ten or more words ending like a sentence: the article commented on). The
lines from the first marker to the last are the thread; a page without such
markers is left alone. :mod:`.strip` calls it after the structural pass, so
the article body is located as if the thread were prose, as before.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

from .config import BoilerplateConfig

__all__ = [
    "THREAD_RULE",
    "THREAD_REASON",
    "MIN_MARKERS",
    "MAX_GAP",
    "MIN_WORDS_BEFORE",
    "REPLY_STEMS",
    "thread_span",
    "mark_comment_threads",
]

#: Rule id of the lines of a comment thread.
THREAD_RULE = "boilerplate.comments.thread"

#: Explanation attached to those lines.
THREAD_REASON = "Part of a reader comment thread (commenter, timestamp and reply lines repeat)."

#: Fewest marker lines that make a thread.
MIN_MARKERS = 3

#: Most lines between two markers of the same thread (a comment of a few paragraphs).
MAX_GAP = 25

#: Fewest words of prose above the thread (the article it comments on).
MIN_WORDS_BEFORE = 150

#: A prose line has at least this many words ...
_PROSE_WORDS = 10

#: ... and ends with one of these.
_PROSE_ENDS = frozenset(".!?\"”’)")

#: Longest marker line in characters.
_MARKER_CHARS = 80

#: A reply button: "Reply", "Reply to comment", "Reply to Ann", "Reply ↓", "Replies", "ReplyDelete".
_REPLY = regex.compile(
    r"repl(?:y|ies)(?:delete| to (?:this )?comment| to .{1,40})?\W*",
    regex.IGNORECASE,
)

#: A commenter line: "Sharon says", "Jill Winger says:", "Mark wrote:".
_COMMENTER = regex.compile(r".{1,60}\b(?:says|wrote|commented)\s*:?\s*", regex.IGNORECASE)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"

_DATE = rf"(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"

#: A comment timestamp: a date and a clock time, maybe after the commenter's
#: name ("July 14, 2015 at 3:53 pm", "Happy September 17, 2025 at 6:26 pm",
#: "EditorSeptember 15, 2008 at 9:19 PM").
_TIMESTAMP = regex.compile(
    rf"\W*.{{0,40}}?{_DATE},? ?(?:at |@ |- )?\d{{1,2}}:\d\d(?: ?[ap]\.?m\.?)?\W*",
    regex.IGNORECASE,
)

#: A bare date or age ("July 25, 2019", "3 years ago", "3mo"): a marker only
#: next to another one (an article's dateline is not).
_WEAK_TIMESTAMP = regex.compile(
    rf"\W*(?:{_DATE}|\d+ (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?) ago|\d+ ?(?:mo|[hdwy]))\W*",
    regex.IGNORECASE,
)

_DIGIT = regex.compile(r"\d")

#: Most lines between a bare date or age and the marker next to it.
_WEAK_REACH = 4


_REPLY_MARK = 1
_OTHER_MARK = 2
_WEAK_MARK = 3


#: Line starts one of which every reply button has: texts without any have no thread.
REPLY_STEMS = ("\nRepl", "\nrepl", "\nREPL")

#: Line endings of commenter lines, a cheap test before the pattern.
_COMMENTER_ENDS = ("says", "says:", "wrote", "wrote:", "commented", "commented:")

#: First letters of reply buttons, a cheap test before the pattern.
_REPLY_HEADS = frozenset("rR")


def _marker(line: str) -> int:
    """The kind of marker the line is (reply, commenter or timestamp, bare date), else 0."""
    if not line or len(line) > _MARKER_CHARS:
        return 0
    stripped = line.strip()
    if line[:1] in _REPLY_HEADS and _REPLY.fullmatch(line):
        return _REPLY_MARK
    if stripped.lower().endswith(_COMMENTER_ENDS) and _COMMENTER.fullmatch(line):
        return _OTHER_MARK
    if not _DIGIT.search(stripped):
        return 0
    if ":" in stripped and _TIMESTAMP.fullmatch(line):
        return _OTHER_MARK
    if _WEAK_TIMESTAMP.fullmatch(line):
        return _WEAK_MARK
    return 0


def _reply_window(lines: list[str], replies: list[int] | None = None) -> tuple[int, int] | None:
    """Lines ``(start, stop)`` within ``MAX_GAP`` of a line starting like a reply button, or None.

    ``replies``, when given, are the sorted indices of the lines starting
    with one of :data:`REPLY_STEMS` (less their newline), found by the
    caller; else they are found with ``str.find`` on the joined text, so
    pages without reply buttons cost one pass per stem and no per-line work.
    """
    if replies is not None:
        if not replies:
            return None
        return max(0, replies[0] - MAX_GAP), min(len(lines), replies[-1] + MAX_GAP + 1)
    text = "\n" + "\n".join(lines)
    hits = []
    for stem in REPLY_STEMS:
        at = text.find(stem)
        while at >= 0:
            hits.append(at)
            at = text.find(stem, at + 1)
    if not hits:
        return None
    low, high = min(hits), max(hits)
    first = text.count("\n", 0, low)  # the hit is the newline before line ``first``
    last = first + text.count("\n", low + 1, high + 1)
    return max(0, first - MAX_GAP), min(len(lines), last + MAX_GAP + 1)


def _markers(lines: list[str], start: int) -> list[tuple[int, int]]:
    """``(index, kind)`` of the marker lines (indices from ``start``); bare dates only near a stronger marker."""
    found = [(i, kind) for i, kind in enumerate(map(_marker, lines), start) if kind]
    strong = [i for i, kind in found if kind != _WEAK_MARK]
    kept = []
    for i, kind in found:
        if kind == _WEAK_MARK:
            at = bisect_left(strong, i - _WEAK_REACH)
            if at == len(strong) or strong[at] > i + _WEAK_REACH:
                continue
            kind = _OTHER_MARK
        kept.append((i, kind))
    return kept


def _longest_run(markers: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``(index, kind)`` markers with gaps of at most ``MAX_GAP`` lines."""
    best: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for marker in markers:
        if run and marker[0] - run[-1][0] > MAX_GAP:
            run = []
        run.append(marker)
        if len(run) > len(best):
            best = list(run)
    return best


def _prose_words(lines: list[str]) -> int:
    """Words in the lines that read as prose (long enough, ending like a sentence)."""
    total = 0
    for line in lines:
        words = line.count(" ") + 1
        if words >= _PROSE_WORDS and line.rstrip()[-1:] in _PROSE_ENDS:
            total += words
    return total


def thread_span(lines: list[str], replies: list[int] | None = None) -> tuple[int, int] | None:
    """The line range ``(first, last)`` of the comment thread of ``lines``, or None.

    ``replies``: the sorted indices of the lines starting with one of
    :data:`REPLY_STEMS` when the caller has them (None: found here).
    """
    window = _reply_window(lines, replies)
    if window is None:
        return None
    start, stop = window
    markers = _markers(lines[start:stop], start)
    if len(markers) < MIN_MARKERS:
        return None
    run = _longest_run(markers)
    kinds = {kind for _, kind in run}
    if len(run) < MIN_MARKERS or len(kinds) < 2:
        return None
    first, last = run[0][0], run[-1][0]
    if _prose_words(lines[:first]) < MIN_WORDS_BEFORE:
        return None
    return first, last


def mark_comment_threads(
    lines: list[str],
    rules: list[str | None],
    config: BoilerplateConfig,
    enabled: frozenset[str],
    replies: list[int] | None = None,
) -> None:
    """Label the unlabelled lines of the comment thread of ``lines`` with :data:`THREAD_RULE`.

    Does nothing unless ``config.sections`` is on and the ``comments``
    family is in ``enabled``. ``replies``: as for :func:`thread_span`.
    """
    if not config.sections or "comments" not in enabled:
        return
    span = thread_span(lines, replies)
    if span is None:
        return
    for i in range(span[0], span[1] + 1):
        if rules[i] is None and lines[i]:
            rules[i] = THREAD_RULE
