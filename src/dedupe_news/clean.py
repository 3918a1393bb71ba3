"""The cleaning pipeline: normalise, strip boilerplate, repair repeats.

:func:`clean` is the fast path (no explanations are built);
:func:`clean_and_explain` returns the same text plus every change, each
tagged with its stage and rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .boilerplate import BoilerplateConfig, strip_boilerplate
from .explain import Explained
from .normalize import NormalizeConfig, normalize_and_explain
from .repeats import RepeatsConfig, remove_repeats

__all__ = ["CleanConfig", "clean", "clean_and_explain"]

# Rounds of boilerplate + repeats; a second round runs only when repeats
# removed something, a third has never been needed on the dev pages.
_MAX_ROUNDS = 3


@dataclass(frozen=True)
class CleanConfig:
    """One config per stage, composed; a stage can be switched off.

    Attributes:
        normalize: settings of the normalisation stage.
        boilerplate: settings of the boilerplate stage.
        repeats: settings of the repeats stage.
        strip_boilerplate: run the boilerplate stage (default True).
        remove_repeats: run the repeats stage (default True).
    """

    normalize: NormalizeConfig = field(default_factory=NormalizeConfig)
    boilerplate: BoilerplateConfig = field(default_factory=BoilerplateConfig)
    repeats: RepeatsConfig = field(default_factory=RepeatsConfig)
    strip_boilerplate: bool = True
    remove_repeats: bool = True


def clean(
    text: str,
    config: CleanConfig | None = None,
    *,
    templates: object | None = None,
    source: str | None = None,
) -> str:
    """Return ``text`` normalised, without boilerplate and without repeats.

    Args:
        text: the scraped text.
        config: stage settings; defaults are documented on each stage config.
        templates: a fitted :class:`~dedupe_news.boilerplate.TemplateModel`
            whose per-source boilerplate lines are removed as well.
        source: the document's source (domain, site or folder) used to look
            up ``templates``.
    """
    return _run(text, config, templates, source, explain=False).text


def clean_and_explain(
    text: str,
    config: CleanConfig | None = None,
    *,
    templates: object | None = None,
    source: str | None = None,
) -> Explained:
    """Like :func:`clean`, and also return every change with its rule and reason.

    The changes of each stage carry offsets into that stage's input: the
    normalisation changes refer to ``text``, the boilerplate changes to the
    normalised text, the repeats changes to the text after boilerplate.
    """
    return _run(text, config, templates, source, explain=True)


def _run(
    text: str,
    config: CleanConfig | None,
    templates: object | None,
    source: str | None,
    *,
    explain: bool,
) -> Explained:
    config = config or CleanConfig()
    step = normalize_and_explain(text, config.normalize, explain=explain)
    changes = list(step.changes)
    current = step.text
    # Boilerplate labels short lines by their neighbours, so removing repeated
    # copies can change a line's context: run both stages again until the
    # repeats stage finds nothing, which makes clean(clean(x)) == clean(x).
    for _ in range(_MAX_ROUNDS):
        if config.strip_boilerplate:
            step = strip_boilerplate(
                current, config.boilerplate, templates=templates, source=source, explain=explain
            )
            changes.extend(step.changes)
            current = step.text
        if not config.remove_repeats:
            break
        step = remove_repeats(current, config.repeats, explain=explain)
        changes.extend(step.changes)
        if step.text == current:
            break
        current = step.text
    return Explained(current, tuple(changes))
