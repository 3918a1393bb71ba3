"""PLACEHOLDER - replaced by the repeats work (issue 4)."""

from __future__ import annotations

from dataclasses import dataclass

from .explain import Explained

__all__ = ["RepeatsConfig", "remove_repeats"]


@dataclass(frozen=True)
class RepeatsConfig:
    """Settings of the repeats stage."""


def remove_repeats(
    text: str, config: RepeatsConfig | None = None, *, explain: bool = True
) -> Explained:
    """Return the text with later copies of repeated paragraphs removed."""
    return Explained(text)
