r"""Normalisation, the first cleaning stage: repair encoding damage, tidy layout.

One pass runs, in order: evidence-based decoding of literal escapes
(:mod:`dedupe_news.escapes`), ftfy's mojibake / HTML-entity repair on the
lines that need it (:mod:`dedupe_news.mojibake`), the surrogate, line-break,
control-character and whitespace rules (:mod:`dedupe_news.whitespace`) and
Unicode NFC. Passes repeat until the text stops changing (at most
:data:`MAX_PASSES`), so ``normalize`` is idempotent. Clean text — most
documents — is recognised first and returned as is. The screen drops the
ordinary ASCII characters and looks only at what is left (layout
characters, backslashes, ftfy's candidates, other non-ASCII; short in news
text), scans once for spacing (both screens are one compiled pass each when
the optional ``dedupe_news._screen`` extension is built, C-speed string
scans otherwise), asks ftfy's heuristic about mojibake or entity hints, if
any, and checks NFC, usually on the rest alone. Each step of a pass is
gated by a C-speed check of its own, and a pass says when a second one
would change nothing.
With ``explain=True`` every edit becomes a
:class:`~dedupe_news.explain.Change` whose offsets point into the original
input.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, fields
from typing import Callable

from ftfy import TextFixerConfig

from ._extensions import optional_extension
from .edits import Edit, OffsetMap, apply_edits, diff_edits
from .errors import ConfigError
from .escapes import escape_edits
from .explain import Change, Explained
from .mojibake import (
    CANDIDATE_CHARS,
    HINT_CLASS,
    ftfy_config,
    has_candidates,
    hints_need_ftfy,
    mojibake_edits,
)
from .whitespace import (
    LAYOUT_CHARS,
    LAYOUT_CLASS,
    RULES,
    layout,
    layout_edits,
    needs_layout,
    needs_spacing,
)

#: The compiled screens (optional; the pure-Python twins are the reference).
_screen = optional_extension("_screen", "rest")

__all__ = ["MAX_PASSES", "NormalizeConfig", "normalize", "normalize_and_explain"]

#: Passes run until the text is stable; real text needs one or two.
MAX_PASSES = 4

_STAGE = "normalize"

# The characters some step acts on: layout characters, the backslash and
# ftfy's candidates (see :func:`_special_chars`).
_SPECIAL_RE = re.compile(f"[{LAYOUT_CLASS}\\\\{HINT_CLASS}]")
_LAYOUT_OR_BACKSLASH = LAYOUT_CHARS | {"\\"}
# The ASCII characters no step acts on, as UTF-8 bytes to delete.
_ORDINARY_ASCII = bytes(code for code in range(0x80) if _SPECIAL_RE.match(chr(code)) is None)


@dataclass(frozen=True)
class NormalizeConfig:
    r"""Which repairs the normalisation stage makes; every one is on by default.

    Attributes:
        decode_escapes: decode literal ``\uXXXX``, ``\UXXXXXXXX``, ``\n``,
            ``\r\n``, ``\t``, ``\"``, ``\'`` and ``\/`` in lines that show
            evidence of JSON-style escaping. Lines that look like paths,
            LaTeX, regular expressions or code are left alone; a line with
            escapes but no evidence (``line one\nline two``) is left alone too
            (false negatives are preferred to damaging code samples).
        fix_mojibake: repair text decoded with the wrong encoding (ftfy's
            ``fix_encoding`` and C1-control repair). ftfy's heuristic is
            conservative; its false positives are rare.
        unescape_html: decode HTML entities (``&amp;``, ``&#8217;``) in
            lines without a ``<`` (ftfy's "auto" mode).
        fix_ligatures: split typographic ligatures (``ﬁ`` -> ``fi``).
        fix_surrogates: join surrogate pairs; a lone surrogate becomes U+FFFD.
        fix_line_breaks: ``\r\n``, ``\r``, vertical tab, form feed, U+2028
            and U+2029 become ``\n``.
        remove_control_chars: remove C0/C1 control characters (except tab and
            line breaks) and the few format characters ftfy also removes.
        remove_zero_width: remove zero-width spaces, word joiners, soft
            hyphens and byte-order marks; zero-width joiners are kept between
            two non-ASCII characters (emoji sequences, Indic and Persian).
        normalize_spaces: tabs, no-break and other Unicode spaces become " ".
        strip_trailing_spaces: remove spaces at the end of lines.
        strip_indent: remove spaces at the start of lines (scraped text
            indents with junk whitespace); set False for Markdown or code,
            whose indentation is then kept as it is.
        collapse_spaces: runs of spaces inside a line become one space
            (indentation is never collapsed).
        collapse_blank_lines: more than one blank line becomes one.
        strip_blank_edges: no blank lines at the start or end; a final
            newline is kept (once) only if the text ended with one.
        nfc: Unicode NFC normalisation.
        ftfy_config: derived, not an argument: the ``ftfy.TextFixerConfig``
            these options give (see :func:`dedupe_news.mojibake.ftfy_config`).
    """

    decode_escapes: bool = True
    fix_mojibake: bool = True
    unescape_html: bool = True
    fix_ligatures: bool = True
    fix_surrogates: bool = True
    fix_line_breaks: bool = True
    remove_control_chars: bool = True
    remove_zero_width: bool = True
    normalize_spaces: bool = True
    strip_trailing_spaces: bool = True
    strip_indent: bool = True
    collapse_spaces: bool = True
    collapse_blank_lines: bool = True
    strip_blank_edges: bool = True
    nfc: bool = True
    ftfy_config: TextFixerConfig = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for option in fields(self):
            if not option.init:
                continue
            value = getattr(self, option.name)
            if not isinstance(value, bool):
                raise ConfigError(
                    f"NormalizeConfig.{option.name} must be True or False, got {value!r}"
                )
        fixer = ftfy_config(
            fix_encoding=self.fix_mojibake,
            unescape_html=self.unescape_html,
            fix_ligatures=self.fix_ligatures,
        )
        object.__setattr__(self, "ftfy_config", fixer)


_DEFAULT = NormalizeConfig()


def normalize(text: str, config: NormalizeConfig | None = None) -> str:
    """Return ``text`` with escape artefacts, mojibake and layout repaired.

    Clean text is returned unchanged. ``normalize(normalize(x)) == normalize(x)``.
    """
    return normalize_and_explain(text, config, explain=False).text


def normalize_and_explain(
    text: str, config: NormalizeConfig | None = None, *, explain: bool = True
) -> Explained:
    """Return the normalised text and, with ``explain``, every change made.

    Each :class:`~dedupe_news.explain.Change` has ``stage="normalize"``, a rule
    id (``escape.unicode``, ``mojibake``, ``whitespace.nbsp``, ...) and offsets
    into ``text``. Changes are listed in the order they were made, so two
    may cover the same original span (an escaped no-break space is first
    decoded, then made a plain space). With ``explain=False`` no changes are
    built (faster); the text is the same.
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, got {type(text).__name__}")
    cfg = _DEFAULT if config is None else config
    screened = _screen_text(text, cfg)
    if screened is None:
        return Explained(text)
    if not explain:
        return Explained(_fast_passes(text, cfg, screened))
    offsets = OffsetMap()
    changes: list[Change] = []
    current = text
    for _ in range(MAX_PASSES):
        fixed = _explained_pass(current, cfg, text, offsets, changes)
        if fixed == current:
            break
        current = fixed
    return Explained(current, tuple(changes))


#: What the screen saw of a text that is not clean: its :func:`_rest` and
#: the :func:`_special_chars` of that rest (a pass reuses both).
_Screened = tuple[str, set[str]]


def _screen_text(text: str, cfg: NormalizeConfig) -> _Screened | None:
    """None when no step can change ``text``, else what the screen saw of it.

    Costs a few C-speed scans, no Python loop.
    Exact for ``cfg`` where it says None: a pass would change nothing.
    A layout character or a backslash is work. An ftfy candidate usually is
    not: ftfy's heuristic is asked about the hints (an accented letter next
    to another non-ASCII letter, as in "Núñez", or an HTML entity), so a
    clean text with a few of them stays on the fast path. ASCII text is
    always NFC, so only other text pays for the NFC check.
    """
    rest = _rest(text)
    special = _special_chars(rest)
    if not special.isdisjoint(_LAYOUT_OR_BACKSLASH) or needs_spacing(text):
        return rest, special
    if special and hints_need_ftfy(text, cfg.ftfy_config, only_ampersands=special == {"&"}):
        return rest, special
    return None if _is_nfc(text, rest) else (rest, special)


def _rest_py(text: str) -> str:
    """``text`` without its ordinary ASCII characters, in order.

    What is left holds every character a step acts on (layout characters,
    backslashes, ftfy candidates) and every character NFC can change. News
    text is mostly ASCII, so the rest is short: deleting the ordinary bytes
    of the UTF-8 encoding is several times faster than a regex scan. This is
    the pure-Python twin of :func:`_rest_c`; both give the same str.
    """
    rest = text.encode("utf-8", "surrogatepass").translate(None, _ORDINARY_ASCII)
    return rest.decode("utf-8", "surrogatepass")


def _rest_c(text: str) -> str:
    """:func:`_rest_py` in one compiled pass over ``text`` (no encoding or decoding)."""
    return _screen.rest(text, _ORDINARY_ASCII)


#: :func:`_rest_py`, or its compiled twin when it is built.
_rest: Callable[[str], str] = _rest_py if _screen is None else _rest_c


def _special_chars(rest: str) -> set[str]:
    """The layout characters, backslashes and ftfy candidates of a :func:`_rest`."""
    return set(_SPECIAL_RE.findall(rest)) if rest else set()


def _is_nfc(text: str, rest: str) -> bool:
    """``unicodedata.is_normalized("NFC", text)``, often decided on ``rest`` alone.

    ``rest`` is :func:`_rest` of ``text``. NFC composes an ASCII letter only
    with a following combining mark (combining class > 0; a test checks this
    on the installed Unicode data), and deleting ASCII can bring characters
    together, never part them. So when a short ``rest`` holds no combining
    mark and is NFC, so is ``text``; otherwise the whole text is checked.
    """
    if text.isascii():
        return True
    if (
        len(rest) * 8 <= len(text)
        and unicodedata.is_normalized("NFC", rest)
        and not any(map(unicodedata.combining, set(rest)))
    ):
        return True
    return unicodedata.is_normalized("NFC", text)


def _fast_passes(text: str, cfg: NormalizeConfig, screened: _Screened) -> str:
    """Run :func:`_fast_pass` on a text that is not clean until it is stable.

    ``screened`` is what :func:`_screen_text` saw of ``text``.
    """
    for _ in range(MAX_PASSES):
        fixed, settled = _fast_pass(text, cfg, screened)
        if fixed == text or settled:
            return fixed
        text = fixed
        next_screen = _screen_text(text, cfg)
        if next_screen is None:
            break
        screened = next_screen
    return text


def _fast_pass(
    text: str, cfg: NormalizeConfig, screened: _Screened | None = None
) -> tuple[str, bool]:
    """One pass; also says whether another pass certainly changes nothing.

    ``screened``, when given, is what :func:`_screen_text` saw of ``text``.

    The layout rules are stable on their own output and no step makes a
    backslash, so a second pass can only act where this one leaves a
    backslash, where ftfy may see new work, or after a surrogate or NFC
    change. ftfy may see new work when the text holds a candidate
    character, unless ftfy left it alone and no later step changed it.
    """
    escaped = cfg.decode_escapes and "\\" in text
    if escaped:
        text = apply_edits(text, escape_edits(text))
    decoded = text
    if screened is None or escaped:
        rest = _rest(text)
        present = _special_chars(rest)
    else:
        rest, present = screened
    candidates = _wants_ftfy(cfg) and not present.isdisjoint(CANDIDATE_CHARS)
    if candidates:
        text = _repair_mojibake(text, cfg, present)
    ftfy_idle = text is decoded
    if not ftfy_idle:
        rest = _rest(text)
        present = _special_chars(rest)
    surrogates = any("\ud800" <= char <= "\udfff" for char in present)
    laid_out = layout(text, lambda rule: getattr(cfg, rule.option), present)
    if laid_out is not text:
        text = laid_out
        rest = "" if text.isascii() else _rest(text)  # ASCII needs no rest for NFC
    composed = False
    if cfg.nfc and not _is_nfc(text, rest):
        composed = True
        text = unicodedata.normalize("NFC", text)
    settled = (
        not surrogates  # a lone surrogate becomes U+FFFD, which ftfy may read
        and not composed
        and not (escaped and "\\" in text)
        and not (candidates and not (ftfy_idle and text == decoded))
    )
    return text, settled


def _repair_mojibake(text: str, cfg: NormalizeConfig, present: set[str]) -> str:
    """The ftfy step of a fast pass; ``present`` holds the special characters of ``text``."""
    only_ampersands = present.intersection(CANDIDATE_CHARS) == {"&"}
    edits = mojibake_edits(text, cfg.ftfy_config, explain=False, only_ampersands=only_ampersands)
    return apply_edits(text, edits)


def _explained_pass(
    text: str, cfg: NormalizeConfig, original: str, offsets: OffsetMap, changes: list[Change]
) -> str:
    def commit(current: str, edits: list[Edit]) -> str:
        if not edits:
            return current
        for edit in edits:
            start, end = offsets.to_original(edit.start, edit.end)
            changes.append(
                Change(_STAGE, edit.rule, edit.reason, start, end, original[start:end], edit.after)
            )
        offsets.push(edits)
        return apply_edits(current, edits)

    if cfg.decode_escapes and "\\" in text:
        text = commit(text, escape_edits(text))
    if _wants_ftfy(cfg) and has_candidates(text):
        text = commit(text, mojibake_edits(text, cfg.ftfy_config, explain=True))
    if needs_layout(text):
        for rule in RULES:
            if getattr(cfg, rule.option):
                text = commit(text, layout_edits(text, rule))
    if cfg.nfc and not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = commit(text, _nfc_edits(text))
    return text


def _wants_ftfy(cfg: NormalizeConfig) -> bool:
    return cfg.fix_mojibake or cfg.unescape_html or cfg.fix_ligatures


def _nfc_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    start = 0
    for line in text.split("\n"):
        if not line.isascii() and not unicodedata.is_normalized("NFC", line):
            fixed = unicodedata.normalize("NFC", line)
            edits.extend(
                e._replace(start=e.start + start, end=e.end + start)
                for e in diff_edits(line, fixed, _nfc_rule)
            )
        start += len(line) + 1
    return edits


def _nfc_rule(before: str, after: str) -> tuple[str, str]:
    return "unicode.nfc", "Unicode NFC normalisation (composed characters)"
