"""Line labels: the boilerplate stage's decision for each line of a text.

The stage labels rather than deletes: :func:`~dedupe_news.boilerplate.label_lines`
returns one :class:`LineLabel` per line (``"content"`` or ``"boilerplate"``,
with the rule and a human reason), and
:func:`~dedupe_news.boilerplate.strip_boilerplate` removes the lines labelled
boilerplate plus the glued widget spans listed in :attr:`LineLabel.cuts`.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LineLabel", "Cut", "CONTENT", "BOILERPLATE"]

CONTENT = "content"
BOILERPLATE = "boilerplate"


@dataclass(frozen=True)
class Cut:
    """A boilerplate span glued to content inside one line.

    Attributes:
        start: offset of the span in the text (not in the line).
        end: end offset (exclusive) of the span in the text.
        rule: the rule id, e.g. ``"boilerplate.end_marker"``.
        reason: one human-readable sentence.
    """

    start: int
    end: int
    rule: str
    reason: str


@dataclass(frozen=True)
class LineLabel:
    """The decision for one line of the text.

    Attributes:
        index: 0-based line number (lines are split on ``"\\n"``).
        start: offset of the line's first character in the text.
        end: offset just past the line's last character (newline excluded).
        text: the line itself.
        label: ``"content"`` or ``"boilerplate"``.
        rule: the rule id that labelled the line boilerplate
            (``"boilerplate.<family>"``), else ``None``.
        reason: one sentence saying why, else ``None``.
        cuts: glued boilerplate spans removed from a content line
            (e.g. ``"Enditem"`` after the last sentence).
    """

    index: int
    start: int
    end: int
    text: str
    label: str
    rule: str | None = None
    reason: str | None = None
    cuts: tuple[Cut, ...] = ()

    @property
    def is_boilerplate(self) -> bool:
        """True when the whole line is boilerplate."""
        return self.label == BOILERPLATE
