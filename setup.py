"""Build the optional C extensions; metadata lives in pyproject.toml.

``dedupe_news._minhash`` is the MinHash kernel, ``dedupe_news._textscan``
the boilerplate stage's one-pass stem search and ``dedupe_news._screen`` the
normalisation stage's screens. All are optional: without a C compiler
``pip install`` still succeeds, :mod:`dedupe_news.signatures` uses its numpy
path, :mod:`dedupe_news.boilerplate.strip` its ``str.find`` one and
:mod:`dedupe_news.normalize` its encode/translate and substring scans.
"""

from __future__ import annotations

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

#: Flags for gcc and clang (the "unix" compiler type); MSVC keeps its defaults.
UNIX_FLAGS = ["-O3"]


class BuildExt(build_ext):
    """``build_ext`` that adds :data:`UNIX_FLAGS` for gcc/clang only."""

    def build_extensions(self) -> None:
        if self.compiler.compiler_type == "unix":
            for ext in self.extensions:
                ext.extra_compile_args = [*ext.extra_compile_args, *UNIX_FLAGS]
        super().build_extensions()


setup(
    ext_modules=[
        Extension("dedupe_news._minhash", ["src/dedupe_news/_minhash.c"], optional=True),
        Extension("dedupe_news._textscan", ["src/dedupe_news/_textscan.c"], optional=True),
        Extension("dedupe_news._screen", ["src/dedupe_news/_screen.c"], optional=True),
    ],
    cmdclass={"build_ext": BuildExt},
)
