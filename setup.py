"""Build the optional C kernel ``dedupe_news._minhash``; metadata lives in pyproject.toml.

The extension is optional: without a C compiler ``pip install`` still
succeeds and :mod:`dedupe_news.signatures` uses its numpy path.
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
    ext_modules=[Extension("dedupe_news._minhash", ["src/dedupe_news/_minhash.c"], optional=True)],
    cmdclass={"build_ext": BuildExt},
)
