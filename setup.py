"""Build hook: the package list, and the rules extractor's hot modules compiled with mypyc.

Packages: graphkit's own, plus the top-level cypher/ folder (schema and named queries, the one
copy of them) installed as `graphkit.cypher`, so that wheels and editable installs alike read it
with importlib.resources. The data files they carry and everything else are in pyproject.toml.

mypyc makes extraction 2x faster. Wheels (`pip install .`, `pip wheel .`)
are compiled; editable installs (`pip install -e .`) stay pure Python so that edits take effect.
GRAPHKIT_MYPYC=1 compiles even an editable build in place, GRAPHKIT_MYPYC=0 never compiles.
Without a C compiler the build warns and installs the same modules as pure Python.
"""
from __future__ import annotations

import os
import sys

from setuptools import find_packages, setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, CompileError, ExecError, PlatformError

# The modules the rules extractor spends its time in; they type-check cleanly under mypy, which
# mypyc requires (see [tool.mypy] in pyproject.toml).
COMPILED = [
    "graphkit/text.py",
    "graphkit/lexicon.py",
    "graphkit/actors/agents.py",
    "graphkit/actors/names.py",
    "graphkit/actors/resolver.py",
    "graphkit/plover.py",
    "graphkit/factuality.py",
    "graphkit/dates.py",
    "graphkit/extractors/speakers.py",
    "graphkit/extractors/pairs.py",
    "graphkit/extractors/triggers.py",
    "graphkit/extractors/mentions.py",
    "graphkit/extractors/cues.py",
    "graphkit/extractors/phrases.py",
    "graphkit/extractors/rules.py",
]


def wanted() -> bool:
    choice = os.environ.get("GRAPHKIT_MYPYC", "").strip()
    if choice in ("0", "1"):
        return choice == "1"
    return "bdist_wheel" in sys.argv  # a wheel, not an editable install or metadata


class OptionalBuildExt(build_ext):
    """A failed C compile leaves the pure-Python modules in place instead of failing the install.

    The compiled modules share one runtime library, so it is all or nothing: if any of them fails,
    the ones that did compile are removed too."""

    def run(self) -> None:
        self.failed: list[str] = []
        try:
            super().run()
        except (CCompilerError, CompileError, ExecError, PlatformError) as e:
            self.failed.append(_first_line(e))
        if self.failed:
            for ext in self.extensions:
                for path in {self.get_ext_fullpath(ext.name), self.get_ext_filename(ext.name)}:
                    if os.path.exists(path):
                        os.remove(path)
            self.warn(f"graphkit: extractor not compiled ({self.failed[0]}); installing pure Python")

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except (CCompilerError, CompileError, ExecError, PlatformError) as e:
            self.failed.append(f"{ext.name}: {_first_line(e)}")


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0][:160] if str(e).strip() else type(e).__name__


def ext_modules() -> list:
    if not wanted():
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("graphkit: mypy/mypyc not installed; building pure Python", file=sys.stderr)
        return []
    return mypycify(COMPILED, opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"), group_name="graphkit")


PACKAGES = [*find_packages(include=["graphkit", "graphkit.*"]), "graphkit.cypher"]

setup(packages=PACKAGES, package_dir={"graphkit.cypher": "cypher"},
      ext_modules=ext_modules(), cmdclass={"build_ext": OptionalBuildExt})
