"""Settings of the boilerplate stage, validated on construction."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError
from .rules import FAMILY_NAMES

__all__ = ["BoilerplateConfig"]


@dataclass(frozen=True)
class BoilerplateConfig:
    """Settings of the boilerplate stage.

    Attributes:
        families: names of the phrase rule families to apply (default: all of
            :data:`dedupe_news.boilerplate.rules.FAMILY_NAMES`). Dropping a
            family keeps its widgets in the text.
        structural: label runs of short non-sentence lines around the article
            (menus, section lists, footers) as boilerplate (default True).
            Prose lines are never removed by this rule.
        sections: label the comment or related-article section that ends an
            article — the header line ("Leave a Reply", "Related Articles")
            and everything after it — when the header comes after most of
            the text's prose (default True); also reader comment threads
            found by their commenter, timestamp and reply lines below at
            least 150 words of prose. Phrase-anchored, so it removes prose
            (the comments themselves): turn it off for forums.
        prose_min_words: a line with at least this many words and sentence
            structure counts as prose (default 10). Prose is removed only by
            phrase rules, templates or a section header, never by structure.
        short_penalty: score a short line subtracts when locating the article
            body (default 3.0; higher keeps the body tighter, lower lets it
            absorb more short lines).
        headline_lines: short lines directly above the body kept as headline,
            byline or dateline (default 2).
        templates: remove lines the fitted template model marks as boilerplate
            for the document's source (default True; needs ``templates=`` and
            ``source=``).
    """

    families: tuple[str, ...] = FAMILY_NAMES
    structural: bool = True
    sections: bool = True
    prose_min_words: int = 10
    short_penalty: float = 3.0
    headline_lines: int = 2
    templates: bool = True

    def __post_init__(self) -> None:
        if isinstance(self.families, str):
            raise ConfigError(
                f"families must be a tuple of family names, not the string {self.families!r}; "
                f"did you mean families=({self.families!r},)?"
            )
        unknown = [name for name in self.families if name not in FAMILY_NAMES]
        if unknown:
            raise ConfigError(
                f"unknown boilerplate families {unknown}; choose from {', '.join(FAMILY_NAMES)}"
            )
        object.__setattr__(self, "families", tuple(self.families))
        if self.prose_min_words < 3:
            raise ConfigError(
                f"prose_min_words must be >= 3 (got {self.prose_min_words}); lower values "
                "would let structure rules remove ordinary sentences"
            )
        if self.short_penalty <= 0:
            raise ConfigError(f"short_penalty must be > 0 (got {self.short_penalty})")
        if self.headline_lines < 0:
            raise ConfigError(f"headline_lines must be >= 0 (got {self.headline_lines})")
