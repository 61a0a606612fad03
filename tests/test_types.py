"""The package type-checks: mypyc compiles four of its modules on the strength of their
annotations (setup.py), and a wrong annotation elsewhere has hidden real faults (a click
function deprecated for removal, typed `object`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_graphkit_type_checks_under_mypy():
    r = subprocess.run([sys.executable, "-m", "mypy", "graphkit"], cwd=ROOT, capture_output=True,
                       text=True, timeout=600)
    assert r.returncode == 0, (r.stdout + r.stderr)[-4000:]
