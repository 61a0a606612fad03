#!/usr/bin/env python
"""Build graphkit's wheel (rules extractor compiled by mypyc, see setup.py) and unpack it.

    .venv/bin/python scripts/build_compiled.py     # prints the directory to put first on PYTHONPATH

The tests (tests/test_compiled.py) and the benchmark use it to run what `pip install .` installs
next to the editable, pure-Python tree. The unpacked wheel is cached under build/, keyed on the
sources, so a second call is instant.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def source_key(root: Path = ROOT) -> str:
    h = hashlib.sha1()
    package = sorted(f for f in (root / "graphkit").rglob("*")
                     if f.is_file() and "__pycache__" not in f.parts and f.suffix not in (".so", ".pyc"))
    files = [root / "setup.py", root / "pyproject.toml", *package]  # sources and data (the gazetteer)
    for f in files:
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def build(root: Path = ROOT, python: str = sys.executable) -> Path:
    """The unpacked compiled wheel of `root`, built with `python -m pip wheel` on first use."""
    cache = root / "build"
    dest = cache / f"compiled-{source_key(root)}"
    if (dest / ".complete").exists():
        return dest
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([python, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp, str(root)],
                             capture_output=True, text=True, env={**os.environ, "GRAPHKIT_MYPYC": "1"})
        wheels = list(Path(tmp).glob("graphkit-*.whl"))
        if out.returncode != 0 or not wheels:
            raise RuntimeError(f"pip wheel failed ({out.returncode}): {(out.stderr or out.stdout).strip()[-2000:]}")
        for old in cache.glob("compiled-*"):
            shutil.rmtree(old, ignore_errors=True)
        with zipfile.ZipFile(wheels[0]) as z:
            z.extractall(dest)
    (dest / ".complete").touch()
    return dest


if __name__ == "__main__":
    try:
        print(build())
    except RuntimeError as e:
        print(f"build_compiled: {e}", file=sys.stderr)
        sys.exit(1)
