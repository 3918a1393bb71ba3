"""Loading the optional C extensions.

``pip install`` compiles ``_minhash``, ``_screen`` and ``_textscan`` when a C
compiler is found; every module that uses one keeps a pure-Python (or numpy)
twin and falls back to it when the extension is missing — or was built from
an older source and lacks a function the module calls (an editable install
not rebuilt after an update).
"""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["optional_extension"]


def optional_extension(name: str, *needs: str) -> ModuleType | None:
    """The compiled module ``dedupe_news.<name>``, or None when it is not built or lacks one of ``needs``."""
    try:
        module = importlib.import_module(f"{__package__}.{name}")
    except ImportError:  # pragma: no cover - depends on the install
        return None
    if not all(hasattr(module, attribute) for attribute in needs):  # pragma: no cover - a stale build
        return None
    return module
