"""The optional C extensions are built wherever the install could build them.

Each has pure-Python/numpy twins that give the same results (tested in
tests/minhash, tests/boilerplate and tests/normalize), so a missing build is
slow, not wrong; these tests make a silently failed build visible. A machine
with a C compiler on PATH must have built them; DEDUPE_NEWS_REQUIRE_KERNEL=1
or =0 overrides that guess.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sysconfig
from types import ModuleType

import pytest

from dedupe_news import kernel_in_use

strip_module = importlib.import_module("dedupe_news.boilerplate.strip")
signatures_module = importlib.import_module("dedupe_news.signatures")
normalize_module = importlib.import_module("dedupe_news.normalize")
whitespace_module = importlib.import_module("dedupe_news.whitespace")


def _required() -> bool:
    """DEDUPE_NEWS_REQUIRE_KERNEL=1/0 decides; unset, a C compiler on PATH means
    the install had what it needed to build the extensions."""
    wanted = os.environ.get("DEDUPE_NEWS_REQUIRE_KERNEL")
    if wanted is not None:
        return wanted == "1"
    compiler = (sysconfig.get_config_var("CC") or "cc").split()
    return bool(compiler) and shutil.which(compiler[0]) is not None


def _loaded() -> dict[str, ModuleType | None]:
    """Each extension as the package loaded it (None: not built, or built from older source)."""
    return {
        "dedupe_news._minhash": signatures_module._minhash,
        "dedupe_news._textscan": strip_module._textscan,
        "dedupe_news._screen": normalize_module._screen,
    }


@pytest.mark.parametrize(
    "name", ["dedupe_news._minhash", "dedupe_news._textscan", "dedupe_news._screen"]
)
def test_extension_is_built_when_required(name: str) -> None:
    if _loaded()[name] is None:
        if _required():
            pytest.fail(
                f"{name} is not built (or is stale) although a C compiler is available: reinstall "
                "with 'pip install -e .' (DEDUPE_NEWS_REQUIRE_KERNEL=0 allows the slower fallback)"
            )
        pytest.skip(f"{name} is not built (no C compiler at install)")


def test_built_extensions_are_the_paths_in_use() -> None:
    loaded = _loaded()
    assert (kernel_in_use() == "c") == (loaded["dedupe_news._minhash"] is not None)
    if loaded["dedupe_news._textscan"] is not None:
        assert strip_module._stem_lines is loaded["dedupe_news._textscan"].stem_lines
    screen = loaded["dedupe_news._screen"]
    assert whitespace_module._screen is screen
    if screen is not None:
        assert normalize_module._rest is normalize_module._rest_c
        assert whitespace_module.needs_spacing is screen.needs_spacing
        assert whitespace_module._fix_spacing is whitespace_module._fix_spacing_screened
    else:
        assert normalize_module._rest is normalize_module._rest_py
        assert whitespace_module.needs_spacing is whitespace_module._needs_spacing_py
        assert whitespace_module._fix_spacing is whitespace_module._fix_spacing_py


def test_a_missing_or_stale_extension_is_not_used() -> None:
    from dedupe_news._extensions import optional_extension

    errors = importlib.import_module("dedupe_news.errors")
    assert optional_extension("_no_such_extension") is None
    assert optional_extension("errors") is errors
    assert optional_extension("errors", "ConfigError") is errors
    assert optional_extension("errors", "ConfigError", "no_such_function") is None  # built from an older source
