"""The document record that flows through every pipeline stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Document"]


@dataclass(frozen=True)
class Document:
    """A text with a stable identifier and the caller's own fields.

    ``metadata`` holds every other key of the input record (a JSONL line's
    other fields, a file's source folder, ...); stages never drop it.
    """

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=dict)
