"""PLACEHOLDER - replaced by the normalisation work (issue 2)."""

from __future__ import annotations

from dataclasses import dataclass

from .explain import Explained

__all__ = ["NormalizeConfig", "normalize", "normalize_and_explain"]


@dataclass(frozen=True)
class NormalizeConfig:
    """Settings of the normalisation stage."""


def normalize(text: str, config: NormalizeConfig | None = None) -> str:
    """Return ``text`` repaired and normalised."""
    return normalize_and_explain(text, config, explain=False).text


def normalize_and_explain(
    text: str, config: NormalizeConfig | None = None, *, explain: bool = True
) -> Explained:
    """Return the normalised text and the fixes applied."""
    return Explained(text)
