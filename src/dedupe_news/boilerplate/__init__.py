"""PLACEHOLDER - replaced by the boilerplate work (issue 3)."""

from __future__ import annotations

from dataclasses import dataclass

from ..explain import Explained

__all__ = ["BoilerplateConfig", "strip_boilerplate"]


@dataclass(frozen=True)
class BoilerplateConfig:
    """Settings of the boilerplate stage."""


def strip_boilerplate(
    text: str,
    config: BoilerplateConfig | None = None,
    *,
    templates: object | None = None,
    source: str | None = None,
    explain: bool = True,
) -> Explained:
    """Return the text without boilerplate lines and the removals made."""
    return Explained(text)
