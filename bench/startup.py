#!/usr/bin/env python
"""Start-up time of the `graphkit` command (issue 15, item 4: `extract` on an empty file ≤ 0.2 s).

    .venv/bin/python bench/startup.py                          # this tree, 15 runs of each command
    .venv/bin/python bench/startup.py --runs 21 --baseline-src /tmp/old-tree   # before/after

Measures the wall time of whole processes, as a user sees them:

- `python -m graphkit extract EMPTY` (an empty .txt file: start-up, the gazetteer and the
  extractor, no article), with graphkit's gazetteer cache warm (the usual case: any earlier
  run filled it) and cold (`GRAPHKIT_CACHE_DIR` pointed at a fresh empty directory each run);
- `graphkit --help` (the console script: imports only).

The measured processes write and reuse .pyc files (in a temporary PYTHONPYCACHEPREFIX, even
where PYTHONDONTWRITEBYTECODE is set), as an installed graphkit has them; --no-bytecode leaves
the environment as it is (without .pyc files every run recompiles graphkit's sources).

Every figure is the median of --runs runs. With --baseline-src DIR (a source tree holding an
older `graphkit/` package; it is put first on PYTHONPATH) both trees run interleaved, one run of
each per round, and the ratio baseline ÷ this tree is the median of the per-round ratios, since
the machine is shared and its speed drifts. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 0.2  # seconds, `graphkit extract EMPTY`
PYCACHE: Path | None = None  # where the measured processes keep their .pyc files (None: as the environment says)


def run_once(argv: list[str], src: Path, cache_dir: Path | None) -> float:
    env = dict(os.environ)
    if PYCACHE is not None:  # bytecode cached, as in any installed copy (not in the source tree)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["PYTHONPATH"] = str(src) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    if cache_dir is not None:
        env["GRAPHKIT_CACHE_DIR"] = str(cache_dir)
    t0 = time.perf_counter()
    proc = subprocess.run(argv, cwd=src, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr.decode(errors='replace')}")
    return wall


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="runs of each command per tree (default 15)")
    ap.add_argument("--baseline-src", type=Path, default=None,
                    help="an older source tree (DIR/graphkit) to compare with, interleaved")
    ap.add_argument("--src", type=Path, default=ROOT, help="the tree to measure (default: this one)")
    ap.add_argument("--no-bytecode", action="store_true",
                    help="leave PYTHONDONTWRITEBYTECODE as it is (by default the runs cache .pyc "
                         "files in a temporary PYTHONPYCACHEPREFIX, as an installed graphkit has them)")
    args = ap.parse_args()
    global PYCACHE

    exe = Path(sys.executable)
    script = exe.with_name("graphkit")
    help_cmd = [str(script), "--help"] if script.exists() else [str(exe), "-m", "graphkit", "--help"]
    work = Path(tempfile.mkdtemp(prefix="graphkit-startup-"))
    empty = work / "empty.txt"
    empty.write_text("", encoding="utf-8")
    if not args.no_bytecode:
        PYCACHE = work / "pycache"
    extract_cmd = [str(exe), "-m", "graphkit", "extract", str(empty)]
    warm_cache = work / "cache-warm"  # the same directory every run: filled by the warm-up run

    trees = {"this tree": args.src.resolve()}
    if args.baseline_src is not None:
        trees = {"baseline": args.baseline_src.resolve(), **trees}
    cases = {
        "`python -m graphkit extract EMPTY` (cache warm)": lambda: (extract_cmd, warm_cache),
        "`python -m graphkit extract EMPTY` (cache cold)": None,  # a new directory per run
        "`graphkit --help`": lambda: (help_cmd, None),
    }

    # one warm-up run of each command per tree (fills the page cache, .pyc files and the warm cache)
    for src in trees.values():
        run_once(extract_cmd, src, warm_cache)
        run_once(help_cmd, src, None)

    times: dict[tuple[str, str], list[float]] = {(c, t): [] for c in cases for t in trees}
    n_cold = 0
    for _ in range(args.runs):
        for case, make in cases.items():
            for tree, src in trees.items():
                if make is None:
                    n_cold += 1
                    cmd, cache = extract_cmd, work / f"cache-cold-{n_cold}"
                else:
                    cmd, cache = make()
                times[(case, tree)].append(run_once(cmd, src, cache))
    shutil.rmtree(work, ignore_errors=True)

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}; median of {args.runs} runs, wall seconds; "
          f"bytecode {'as the environment says' if args.no_bytecode else 'cached (.pyc)'}")
    print()
    header = "| command | " + " | ".join(trees) + (" | baseline ÷ this tree |" if len(trees) > 1 else " |")
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for case in cases:
        row = f"| {case} | " + " | ".join(f"{med[(case, t)]:.3f}" for t in trees)
        if len(trees) > 1:
            ratios = [b / a for b, a in zip(times[(case, "baseline")], times[(case, "this tree")])]
            row += f" | {statistics.median(ratios):.2f}×"
        print(row + " |")
    warm = med[("`python -m graphkit extract EMPTY` (cache warm)", "this tree")]
    cold = med[("`python -m graphkit extract EMPTY` (cache cold)", "this tree")]
    print()
    print(f"target: extract EMPTY ≤ {TARGET} s: warm {warm:.3f} s ({'met' if warm <= TARGET else 'missed'}), "
          f"cold {cold:.3f} s ({'met' if cold <= TARGET else 'missed'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
