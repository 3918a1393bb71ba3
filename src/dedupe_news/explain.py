"""Explanations: what each stage changed in a text, and why.

Every stage of the cleaning pipeline (normalise, boilerplate, repeats) returns
an :class:`Explained`: the new text plus one :class:`Change` per edit. Offsets
in a change refer to the text *that stage received*, so the changes of one
stage can be replayed or displayed against its input.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

__all__ = ["Change", "Explained"]


@dataclass(frozen=True)
class Change:
    """One edit: which stage and rule made it, where, and what it replaced.

    Attributes:
        stage: ``"normalize"``, ``"boilerplate"`` or ``"repeats"``.
        rule: the rule's stable id, e.g. ``"escape.unicode"``,
            ``"boilerplate.newsletter"``, ``"repeats.block"``.
        reason: one human-readable sentence.
        start: offset of the replaced text in the stage's input.
        end: end offset (exclusive) of the replaced text in the stage's input.
        before: the text that was replaced or removed.
        after: what replaced it (``""`` for a removal).
        kept_at: for a removed repeat, the offset of the copy that was kept.
    """

    stage: str
    rule: str
    reason: str
    start: int
    end: int
    before: str
    after: str = ""
    kept_at: int | None = None

    @property
    def removed(self) -> bool:
        """True when the change deleted text rather than rewriting it."""
        return self.after == "" and self.before != ""


@dataclass(frozen=True)
class Explained:
    """A stage's output text and the changes that produced it."""

    text: str
    changes: tuple[Change, ...] = ()

    def counts(self) -> dict[str, int]:
        """Number of changes per rule id, in order of first appearance."""
        return dict(Counter(change.rule for change in self.changes))

    def by_stage(self, stage: str) -> tuple[Change, ...]:
        """The changes made by one stage."""
        return tuple(change for change in self.changes if change.stage == stage)
