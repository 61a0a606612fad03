#!/usr/bin/env python
"""Build graphkit's wheel, and the tree `pip install .` installs (mypyc-compiled, see setup.py).

    .venv/bin/python scripts/build_compiled.py     # prints the directory to put first on PYTHONPATH

Two caches keep this cheap. The wheel itself is built pure (GRAPHKIT_MYPYC=0, a few seconds)
into build/, keyed on every source and data file; the tests install it (tests/test_wheel.py).
The compiled modules take minutes to build, so they are cached apart, in the user cache
directory ($GRAPHKIT_CACHE_DIR, else ~/.cache/graphkit), keyed only on what they are made of:
the modules setup.py compiles, mypyc's version and options, the Python version. The compiled
tree is the unpacked pure wheel with those compiled modules laid over it (Python prefers an
extension module to the .py beside it), so editing any other file rebuilds nothing slow.
"""
from __future__ import annotations

import ast
import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: What a wheel is built from (pyproject.toml names the readme; setuptools adds LICENSE).
SOURCES = ("pyproject.toml", "setup.py", "README.md", "LICENSE", "graphkit", "cypher")
_SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.so", "*.egg-info")


def compiled_modules(root: Path = ROOT) -> list[str]:
    """The COMPILED list of setup.py, read without running setup()."""
    tree = ast.parse((root / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED" for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise RuntimeError("setup.py has no COMPILED list")


def _files(root: Path) -> list[Path]:
    out = []
    for name in SOURCES:
        p = root / name
        if p.is_file():
            out.append(p)
        elif p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                          and f.suffix not in (".so", ".pyc"))
    return out


def _digest(parts: list[tuple[str, bytes]]) -> str:
    h = hashlib.sha1()
    for name, data in parts:
        h.update(name.encode() + b"\0" + hashlib.sha1(data).digest())
    return h.hexdigest()[:12]


def source_key(root: Path = ROOT) -> str:
    """A hash of everything a wheel is built from."""
    return _digest([(str(f.relative_to(root)), f.read_bytes()) for f in _files(root)])


def compiled_key(root: Path = ROOT) -> str:
    """A hash of what the compiled modules are made of, and nothing else."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        mypy = version("mypy")
    except PackageNotFoundError:
        mypy = "none"
    config = f"{sys.version_info[:2]} {sysconfig.get_platform()} mypy {mypy} " \
             f"opt {os.environ.get('MYPYC_OPT_LEVEL', '3')}"
    return _digest([("config", config.encode())]
                   + [(m, (root / m).read_bytes()) for m in compiled_modules(root)])


def cache_dir() -> Path:
    """$GRAPHKIT_CACHE_DIR, else $XDG_CACHE_HOME/graphkit, else ~/.cache/graphkit."""
    base = os.environ.get("GRAPHKIT_CACHE_DIR")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "graphkit"


def _pip_wheel(root: Path, out: Path, compile: bool, python: str) -> Path:
    """`pip wheel` of a clean copy of `root`'s sources (an in-tree build would leave build/lib
    behind, whose stale files a later wheel would carry)."""
    with tempfile.TemporaryDirectory(prefix="graphkit-wheel-") as tmp:
        stage = Path(tmp) / "src"
        stage.mkdir()
        for name in SOURCES:
            p = root / name
            if p.is_dir():
                shutil.copytree(p, stage / name, ignore=_SKIP)
            elif p.is_file():
                shutil.copy2(p, stage / name)
        env = {**os.environ, "GRAPHKIT_MYPYC": "1" if compile else "0"}
        # no build isolation: the test venv has setuptools, wheel and mypy (the test extra)
        r = subprocess.run([python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(out), str(stage)], capture_output=True, text=True, env=env)
        wheels = sorted(out.glob("graphkit-*.whl"))
        if r.returncode != 0 or not wheels:
            raise RuntimeError(f"pip wheel failed ({r.returncode}): {(r.stderr or r.stdout).strip()[-2000:]}")
        return wheels[0]


def wheel(root: Path = ROOT, python: str = sys.executable) -> Path:
    """graphkit's pure-Python wheel built from `root`, cached in build/ under its source key."""
    cache = root / "build"
    dest = cache / f"wheel-{source_key(root)}"
    found = sorted(dest.glob("graphkit-*.whl")) if (dest / ".complete").exists() else []
    if found:
        return found[0]
    for old in cache.glob("wheel-*"):
        shutil.rmtree(old, ignore_errors=True)
    dest.mkdir(parents=True)
    built = _pip_wheel(root, dest, compile=False, python=python)
    (dest / ".complete").touch()
    return built


def compiled_objects(root: Path = ROOT, python: str = sys.executable) -> Path:
    """A folder of the extension modules mypyc builds (paths as in the wheel), cached under
    compiled_key(): built only when a compiled module, mypyc or the Python version changed."""
    cache = cache_dir()
    dest = cache / f"compiled-{compiled_key(root)}"
    if (dest / ".complete").exists():
        return dest
    with tempfile.TemporaryDirectory(prefix="graphkit-compiled-") as tmp:
        built = _pip_wheel(root, Path(tmp), compile=True, python=python)
        shutil.rmtree(dest, ignore_errors=True)
        with zipfile.ZipFile(built) as z:
            objects = [n for n in z.namelist() if n.endswith(".so")]
            if not objects:
                raise RuntimeError("the wheel holds no compiled module (no C compiler, or mypyc missing?)")
            z.extractall(dest, members=objects)
    (dest / ".complete").touch()
    for old in cache.glob("compiled-*"):  # keep the newest few (other checkouts may use them)
        if old != dest and old.stat().st_mtime < dest.stat().st_mtime - 7 * 86400:
            shutil.rmtree(old, ignore_errors=True)
    return dest


def build(root: Path = ROOT, python: str = sys.executable) -> Path:
    """What `pip install .` installs, unpacked: the wheel with the compiled modules laid in."""
    whl = wheel(root, python)
    objects = compiled_objects(root, python)
    dest = root / "build" / f"compiled-{source_key(root)}-{objects.name.split('-', 1)[1]}"
    if (dest / ".complete").exists():
        return dest
    for old in (root / "build").glob("compiled-*"):
        shutil.rmtree(old, ignore_errors=True)
    with zipfile.ZipFile(whl) as z:
        z.extractall(dest)
    for so in objects.rglob("*.so"):
        target = dest / so.relative_to(objects)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(so, target)
    (dest / ".complete").touch()
    return dest


if __name__ == "__main__":
    try:
        print(build())
    except RuntimeError as e:
        print(f"build_compiled: {e}", file=sys.stderr)
        sys.exit(1)
