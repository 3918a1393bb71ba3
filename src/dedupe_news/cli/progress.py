"""A minimal progress line on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts documents and redraws ``label: N docs (R docs/s)`` at most 5 times a second.

    Disabled (prints nothing) unless ``enabled`` is true; the command line
    enables it when stderr is a terminal and ``--no-progress`` is not given.
    """

    def __init__(self, label: str, *, enabled: bool, stream: TextIO | None = None) -> None:
        self.label = label
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.count = 0
        self._start = time.monotonic()
        self._last = 0.0

    def update(self, count: int = 1) -> None:
        """Add ``count`` documents and redraw if enough time has passed."""
        self.count += count
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.2:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.count / max(now - self._start, 1e-9)
        self.stream.write(f"\r{self.label}: {self.count} docs ({rate:,.0f} docs/s)")
        self.stream.flush()

    def close(self) -> None:
        """Draw the final count and end the line."""
        if self.enabled:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
