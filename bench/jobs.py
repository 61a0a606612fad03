#!/usr/bin/env python
"""`graphkit build --jobs 2` against `--jobs 1` (issue 15: the bar is ≥ 1.8× the articles/s on
10,000 articles), and the 100,000-article build at --jobs 2 with each process's peak memory.

    .venv/bin/python bench/jobs.py                          # 10k x 3 rounds, then 100k once
    .venv/bin/python bench/jobs.py --articles 10000 --rounds 5 --big 0 --tree pure

Every run is a fresh `python -m graphkit build CORPUS --db NEW.db --jobs N` process, as a user
runs it: the compiled wheel first on PYTHONPATH (`--tree compiled`, what `pip install .` gives)
or this source tree (`--tree pure`). Its rate is what the command's summary line reports (articles
over the build's own time: validation, extraction, writing; not the interpreter's start-up), and
its wall time is measured around the process too. The two sides run interleaved, the order
swapped every round, and the ratio is the median of the per-round ratios: the machine is shared
and its speed drifts. The load average is printed with each round. Peak memory is each
process's VmHWM (Linux /proc), sampled every 0.1 s over the process tree (psutil). Prints
markdown; not part of the test suite.
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(1, str(ROOT / "scripts"))

import corpus  # noqa: E402


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_kib(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def run_build(src: Path, jobs: int, env: dict[str, str]) -> dict:
    """One `graphkit build` process: its rate, wall time and each process's peak RSS (MiB)."""
    import psutil

    db = OUT / f"jobs-{jobs}.db"
    for p in OUT.glob(f"jobs-{jobs}.db*"):
        p.unlink()
    cmd = [sys.executable, "-m", "graphkit", "build", str(src), "--db", str(db), "--jobs", str(jobs)]
    import resource

    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=OUT)
    parent = psutil.Process(proc.pid)
    peaks: dict[int, tuple[str, int]] = {}
    own_cpu = 0.0
    while proc.poll() is None:
        try:
            t = parent.cpu_times()
            own_cpu = t.user + t.system
        except psutil.NoSuchProcess:
            pass
        try:
            family = [parent, *parent.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for p in family:
            kib = peak_kib(p.pid)
            if kib is not None:
                peaks[p.pid] = ("parent" if p.pid == proc.pid else "worker", kib)
        time.sleep(0.1)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers, once reaped
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.strip()[-400:]}")
    m = re.search(r"(\d+) articles, (\d+) relations.* in ([\d.]+) s \((\d+) articles/s\)", out)
    if m is None:
        raise RuntimeError(f"no summary in {out!r}")
    workers = sorted(kib for role, kib in peaks.values() if role == "worker")
    return {"articles": int(m.group(1)), "relations": int(m.group(2)), "seconds": float(m.group(3)),
            "rate": int(m.group(1)) / float(m.group(3)), "wall": wall, "summary": out.strip(),
            "cpu": cpu, "parent_cpu": own_cpu,
            "parent_mib": peaks.get(proc.pid, ("parent", 0))[1] / 1024,
            "worker_mib": [k / 1024 for k in workers]}


def compare(rounds: list) -> None:
    """The rounds as a markdown table, the median ratio, the CPU split and the peak memory."""
    print("| round | order | --jobs 1 articles/s | --jobs 2 articles/s | ratio (summary rate) | ratio (process wall) "
          "| CPU s, --jobs 1 | CPU s, --jobs 2 (all processes; parent) | load average before → after |")
    print("|---|---|---|---|---|---|---|---|---|")
    for i, (one, two, before, after) in enumerate(rounds, 1):
        print(f"| {i} | {'1, 2' if i % 2 else '2, 1'} | {one['rate']:.0f} | {two['rate']:.0f} | "
              f"{two['rate'] / one['rate']:.2f}× | {one['wall'] / two['wall']:.2f}× | {one['cpu']:.1f} | "
              f"{two['cpu']:.1f}; {two['parent_cpu']:.1f} | {before} → {after} |")
    ratio = statistics.median(two["rate"] / one["rate"] for one, two, _, _ in rounds)
    wall_ratio = statistics.median(one["wall"] / two["wall"] for one, two, _, _ in rounds)
    print(f"\nMedian of per-round ratios: **{ratio:.2f}×** (summary rate), {wall_ratio:.2f}× (process wall time); "
          f"target ≥ 1.8×: {'met' if ratio >= 1.8 else 'not met'}. Same rows both ways: "
          f"{rounds[0][0]['relations']:,} relations each.")
    overhead = statistics.median(two["cpu"] / one["cpu"] for one, two, _, _ in rounds)
    parent = statistics.median(two["parent_cpu"] / one["cpu"] for one, two, _, _ in rounds)
    print(f"CPU: --jobs 2 spends {overhead:.2f}× the CPU time of --jobs 1 over all its processes (median), its "
          f"parent {parent:.2f}× of it; on two otherwise idle cores that bounds the ratio at "
          f"{min(2 / overhead, 1 / parent):.2f}× (derived, not measured).")
    one, two = rounds[-1][0], rounds[-1][1]
    print(f"Peak RSS (last round): --jobs 1 {one['parent_mib']:.0f} MiB; --jobs 2 parent {two['parent_mib']:.0f} MiB, "
          f"workers {', '.join(f'{m:.0f}' for m in two['worker_mib'])} MiB.")

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--big", type=int, default=100000, help="articles for the --jobs 2 end-to-end run (0: skip)")
    ap.add_argument("--tree", choices=("compiled", "pure"), default="compiled")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)

    env = dict(os.environ)
    tree = "this source tree (pure Python)"
    if args.tree == "compiled":
        import build_compiled

        compiled = build_compiled.build()
        env["PYTHONPATH"] = str(compiled)
        tree = "the compiled wheel (`pip install .`)"
    else:
        env["PYTHONPATH"] = str(ROOT)
    src = corpus.write_jsonl(OUT / f"corpus-{args.articles}.jsonl", args.articles)
    print(f"# --jobs 2 vs --jobs 1, {args.articles:,} articles, {tree}, os.cpu_count() = {os.cpu_count()}\n")
    print(f"    {Path(sys.executable).name} bench/jobs.py {' '.join(sys.argv[1:])}\n")
    rounds = []
    for r in range(args.rounds):
        before = loadavg()
        order = (1, 2) if r % 2 == 0 else (2, 1)
        got = {jobs: run_build(src, jobs, env) for jobs in order}
        rounds.append((got[1], got[2], before, loadavg()))
        print(f"round {r + 1}: jobs 1 {got[1]['rate']:.0f} articles/s, jobs 2 {got[2]['rate']:.0f} articles/s, "
              f"ratio {got[2]['rate'] / got[1]['rate']:.2f}× (wall {got[1]['wall'] / got[2]['wall']:.2f}×); "
              f"load average {before} → {loadavg()}", file=sys.stderr, flush=True)
    if rounds:
        compare(rounds)
    if args.big:
        big = corpus.write_jsonl(OUT / f"corpus-{args.big}.jsonl", args.big)
        before = loadavg()
        res = run_build(big, 2, env)
        print(f"\n{args.big:,} articles end to end at --jobs 2: {res['seconds']:.1f} s in the build "
              f"({res['rate']:.0f} articles/s), {res['wall']:.1f} s for the whole process, "
              f"{res['relations']:,} relations; peak RSS parent {res['parent_mib']:.0f} MiB, workers "
              f"{', '.join(f'{m:.0f}' for m in res['worker_mib'])} MiB; load average {before} → {loadavg()}.")
        print(f"\n    {res['summary']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
