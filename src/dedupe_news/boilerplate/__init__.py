"""Boilerplate stripping on plain text: label each line, remove site chrome.

Three kinds of evidence, each reported with its own rule id:

* phrase rule families (:mod:`.rules`) — newsletter and login prompts, share
  bars, comment forms, donation appeals, related links, tag lists, source
  footers, app and social prompts, UI controls, legal, consent and disclaimer
  lines, affiliate notes, page code left in the text, colour codes and
  counters, agency end markers, and widget text glued to content;
* sections (:mod:`.strip`, :mod:`.threads`) — the comment or related-article
  section that ends an article, and reader comment threads;
* structure (:mod:`.features`) — runs of short non-sentence lines around the
  article body (menus, section lists, footers); prose is never removed here;
* learned templates (:mod:`.templates`) — lines a source repeats on many of
  its pages.

:func:`label_lines` returns the decision for every line without deleting
anything; :func:`strip_boilerplate` applies it and explains every removal.
"""

from __future__ import annotations

from .config import BoilerplateConfig
from .labels import Cut, LineLabel
from .rules import FAMILY_NAMES
from .strip import label_lines, strip_boilerplate
from .templates import TemplateModel

__all__ = [
    "BoilerplateConfig",
    "Cut",
    "FAMILY_NAMES",
    "LineLabel",
    "TemplateModel",
    "label_lines",
    "strip_boilerplate",
]
