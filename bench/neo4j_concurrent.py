#!/usr/bin/env python
"""The incremental Neo4j load: the batched path (`Neo4jStore.write`, one managed transaction per
~1,000 relations) beside server-side parallel writes (`CALL { ... } IN k CONCURRENT
TRANSACTIONS OF m ROWS`, Neo4j 5.21+), on the same extracted corpus, rounds interleaved
(issue 15, item 3).

    .venv/bin/python bench/neo4j_concurrent.py --wipe                 # 2,000 and 20,000 articles
    .venv/bin/python bench/neo4j_concurrent.py --wipe --sizes 2000 --rounds 5 --concurrency 1,2,4

Needs a running server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD: `eval "$(bash scripts/neo4j.sh
start)"`) and WIPES its database, so it insists on --wipe. Prints markdown; not part of the
test suite.

The concurrent writer (`ConcurrentLoad`, below) writes what `Neo4jStore.write` writes, per chunk
of --chunk relations (whole articles):

1. one managed transaction: which of the chunk's articles the graph has already, and every
   actor, role and ACTS_FOR link the chunk names (the nodes that concurrent transactions would
   otherwise all MERGE: the hubs of the news, the United States or Russia, are in nearly every
   batch, so actor-disjoint batches are rare; see `disjoint_share`);
2. one auto-commit query for the chunk's new articles: the actors found once, by index seek,
   then `CALL (doc, actors) { CREATE the article, its relations (MATCHed actors only, dynamic
   type), its REPORTS links } IN k CONCURRENT TRANSACTIONS OF m ROWS ON ERROR CONTINUE REPORT
   STATUS`. A row is one article, so every inner transaction holds whole articles: an article is
   never half-written;
3. the articles already in the graph (re-extractions: stale relations to delete), and any whose
   inner transaction failed (a deadlock, another loader's constraint violation), through the
   batched path's own `_write_batch` with MERGE: the same statements, so re-loads and
   re-extractions behave exactly as they do there.

`--disjoint` also loads a synthetic corpus twice with the concurrent writer: once with the
actors of neighbouring inner transactions disjoint, once drawn from one shared pool; the ratio
says how much the locks on shared actor nodes cost (creating a relationship locks a sparse end
node exclusively; a dense one, 50 relationships or more, only with shared locks).

`--control` adds a second batched writer to every round (A/A): the spread of its ratio to the
first is what noise alone does on a shared machine. With the server's pid (scripts/neo4j.sh's
state dir, GRAPHKIT_NEO4J_STATE_DIR) it also reports the server's CPU per load, split by thread.
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))
sys.path.insert(2, str(ROOT / "tests"))

import corpus  # noqa: E402

from graphkit.model import Article, Extraction, Mention, Relation  # noqa: E402
from graphkit.ontology import RELATION_NAMES  # noqa: E402
from graphkit.stores import LoadStats  # noqa: E402
from graphkit.stores.neo4j import (_EXISTING_ARTICLES, _FIND_ACTORS, _KEEP_PLAN,  # noqa: E402
                                   _PROPS_MAP, Neo4jSettings, Neo4jStore, _Batch, _MissingActors,
                                   _prepared, _Rows, _run, _write_batch, quiet_driver_logs)

# The chunk's new articles, each one row: [id, title, url, date, source, relation rows, links].
# Relation rows are the batched path's ([id, type, subject position, object position, *values],
# type checked against the ontology by _prepared); positions index `actors`, found once. The
# outer WHERE writes nothing unless every actor was found (someone wiped the graph meanwhile:
# the caller redoes the chunk with every actor upserted). The concurrency and rows per inner
# transaction are integers formatted by `concurrent_statement`, never text from a caller.
_CONCURRENT_CREATE = (
    _KEEP_PLAN + _FIND_ACTORS +
    "WITH actors WHERE all(x IN actors WHERE x[0] IS NOT NULL)\n"
    "UNWIND $docs AS doc\n"
    "CALL (doc, actors) {\n"
    "  CREATE (a:Article {id: doc[0], title: doc[1], url: doc[2], date: doc[3], source: doc[4]})\n"
    "  WITH a, doc, actors\n"
    "  CALL (doc, actors) {\n"
    "    UNWIND doc[5] AS row\n"
    "    WITH row, actors[row[2]][0] AS s, actors[row[3]][0] AS o\n"
    f"    CREATE (s)-[r:$(row[1]) {_PROPS_MAP}]->(o)\n"
    "  }\n"
    "  CALL (a, doc, actors) {\n"
    "    UNWIND doc[6] AS link\n"
    "    WITH a, link, actors[link[0]][0] AS x\n"
    "    CREATE (a)-[p:REPORTS]->(x) SET p.count = link[1]\n"
    "  }\n"
    "} IN {k} CONCURRENT TRANSACTIONS OF {m} ROWS ON ERROR CONTINUE REPORT STATUS AS st\n"
    "RETURN doc[0] AS id, st.committed AS ok, st.errorMessage AS error"
)


def concurrent_statement(k: int, m: int) -> str:
    return _CONCURRENT_CREATE.replace("{k}", str(int(k))).replace("{m}", str(int(m)))


def _nodes(tx: Any, batch: _Batch) -> set[str]:
    """The chunk's shared part, in one transaction: actors, bare actors, roles (the batched
    path's own statements, through _write_batch with no articles or relations); returns the ids
    of the chunk's articles the graph already has."""
    existing = set(_run(tx, _EXISTING_ARTICLES, ids=list(batch.docs)).single()["ids"])
    _write_batch(tx, _Batch(actors=batch.actors, bare_actors=batch.bare_actors, roles=batch.roles))
    return existing


def _sub_batch(batch: _Batch, docs: set[str]) -> _Batch:
    """The articles `docs` of `batch` with their relations, as a batch of their own (actors
    omitted: the chunk's node transaction wrote them)."""
    return _Batch(articles=[a for a in batch.articles if a["id"] in docs],
                  relations=[r for r in batch.relations if r["doc_id"] in docs],
                  docs={d: ids for d, ids in batch.docs.items() if d in docs})


class ConcurrentLoad:
    """`Neo4jStore.write` with the new articles of each chunk written by one
    `IN k CONCURRENT TRANSACTIONS OF m ROWS` query (see the module docstring)."""

    def __init__(self, store: Neo4jStore, concurrency: int, rows: int, chunk: int):
        self.store, self.k, self.m, self.chunk = store, concurrency, rows, chunk
        self.statement = concurrent_statement(concurrency, rows)
        self.failed_inner = 0  # inner transactions that failed and were redone serially
        self.errors: list[str] = []

    def write(self, extractions: Iterable[Extraction]) -> LoadStats:
        store = self.store
        stats = LoadStats()
        t0 = time.perf_counter()
        store._before_first_write()

        def fill(batch: _Batch, ex: Extraction) -> int:
            store._add_extraction(batch, ex)
            stats.unresolved += len(ex.unresolved)
            return len(ex.relations)

        batch, n = _Batch(), 0
        for ex in extractions:
            n += fill(batch, ex)
            if n >= self.chunk:
                self._flush(batch, stats)
                batch, n = _Batch(), 0
        if batch.articles:
            self._flush(batch, stats)
        stats.seconds = time.perf_counter() - t0
        return stats

    def _flush(self, batch: _Batch, stats: LoadStats) -> None:
        store = self.store
        lean = _Batch(actors={k: v for k, v in batch.actors.items() if store._written.get(k) != v},
                      bare_actors=batch.bare_actors,
                      roles={k: v for k, v in batch.roles.items() if store._written_roles.get(k) != v},
                      docs=batch.docs)
        with store._session() as session:
            existing = session.execute_write(_nodes, lean)
            fresh = [d for d in batch.docs if d not in existing]
            done: set[str] = set()
            if fresh:
                done = self._concurrent(session, _sub_batch(batch, set(fresh)))
                if not done:  # an actor was missing: upsert every actor, then try once more
                    store._written.clear()
                    store._written_roles.clear()
                    session.execute_write(_nodes, batch)
                    done = self._concurrent(session, _sub_batch(batch, set(fresh)))
            rest = set(batch.docs) - done
            removed = 0
            if rest:  # re-extractions and failed inner transactions: the batched path's MERGE
                sub = _sub_batch(batch, rest)
                ids = list(sub.docs)
                for i in range(0, len(ids), 100):
                    part = _sub_batch(sub, set(ids[i:i + 100]))
                    try:
                        removed += session.execute_write(_write_batch, part, None)
                    except _MissingActors:
                        session.execute_write(_nodes, batch)
                        removed += session.execute_write(_write_batch, part, None)
        store._written.update(batch.actors)
        store._written_roles.update(batch.roles)
        stats.articles += len(batch.articles)
        stats.committed = stats.articles
        stats.relations += len(batch.relations) + batch.superseded
        stats.removed += removed + batch.superseded

    def _concurrent(self, session: Any, batch: _Batch) -> set[str]:
        """Create the (new) articles of `batch` concurrently; the ids whose inner transaction
        committed."""
        actor_ids, rel_params, reports = _prepared(batch)
        rows_of: dict[str, list[list[Any]]] = {d: [] for d in batch.docs}
        for row, params in zip(batch.relations, rel_params):
            rows_of[row["doc_id"]].append(params)
        links_of: dict[str, list[list[Any]]] = {d: [] for d in batch.docs}
        for (doc, _), (x, ids) in reports.items():
            links_of[doc].append([x, len(ids)])
        docs = [[a["id"], a["title"], a["url"], a["date"], a["source"], rows_of[a["id"]],
                 links_of[a["id"]]] for a in batch.articles]
        done: set[str] = set()
        failed: set[str] = set()
        for rec in session.run(self.statement, {"actor_ids": _Rows(actor_ids), "docs": _Rows(docs)}):
            if rec["ok"]:
                done.add(rec["id"])
            else:
                failed.add(rec["id"])
                if rec["error"] and len(self.errors) < 5:
                    self.errors.append(rec["error"].splitlines()[0][:200])
        if failed:
            self.failed_inner += -(-len(failed) // self.m)
        return done


# --- the corpus ---------------------------------------------------------------------------------

def extractions(n: int) -> list[Extraction]:
    from graphkit.extractors import get_extractor
    from graphkit.readers import read_articles

    path = corpus.write_jsonl(OUT / f"corpus-{n}.jsonl", n)
    return list(get_extractor("rules").pipe(read_articles([str(path)])))


def disjoint_share(exs: list[Extraction], per_tx: int, k: int) -> float:
    """Of the inner transactions of `per_tx` articles, the share whose actors overlap none of
    the k - 1 before it (what would run beside it): how far partitioning by actor could go."""
    groups = [{a for ex in exs[i:i + per_tx] for r in ex.relations
               for a in (r.subject.actor.id, r.object.actor.id)} for i in range(0, len(exs), per_tx)]
    ok = sum(all(not (g & h) for h in groups[max(0, i - k + 1):i]) for i, g in enumerate(groups))
    return ok / len(groups)


def lock_corpus(articles: int, per_tx: int, k: int, disjoint: bool, seed: int = 11) -> Iterator[Extraction]:
    """Synthetic articles of 10 relations among 400 gazetteer states and organisations; with
    `disjoint`, inner transaction t (of `per_tx` articles) draws its actors from pool t mod k, so
    the k transactions that run together share no actor; else all draw from the whole pool."""
    from graphkit.actors import load_gazetteer

    rng = random.Random(seed)
    pool = sorted((a for a in load_gazetteer().actors.values() if a.kind in ("state", "organisation")),
                  key=lambda a: a.id)[:400]
    pools = [pool[i::k] for i in range(k)]
    for i in range(articles):
        mine = pools[(i // per_tx) % k] if disjoint else pool
        doc = f"lock-{i:06d}"
        rels = []
        for j in range(10):
            s, o = rng.sample(mine, 2)
            name = rng.choice(RELATION_NAMES)
            sentence = f"{s.name} {name.lower()} {o.name} ({j})."
            rels.append(Relation(subject=Mention(s, s.name, 0, 1), relation=name,
                                 object=Mention(o, o.name, 2, 3), doc_id=doc, sentence=sentence,
                                 sentence_index=j, start=0, end=len(sentence), date="2024-01-01",
                                 confidence=0.8, extractor="synthetic", trigger=name.lower()))
        yield Extraction(Article(id=doc, text="", title=doc, url="", date="2024-01-01",
                                 source="synthetic"), rels)


# --- the bench ----------------------------------------------------------------------------------

def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg} (load {loadavg()})", file=sys.stderr, flush=True)


def wipe(store: Neo4jStore) -> None:
    for q in ("MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*)",
              "MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)"):
        while store.run(q, write=True)[1][0][0]:
            pass


def snapshot(store: Neo4jStore) -> tuple[Any, ...]:
    """Everything a load writes, to compare two loads: every row the store reads back (roles
    sorted in full: two roles of one person may share a start), and the REPORTS links with their
    counts."""
    reports = store.run("MATCH (a:Article)-[p:REPORTS]->(x:Actor) RETURN a.id, x.id, p.count "
                        "ORDER BY a.id, x.id")[1]
    labels = store.run("MATCH (a:Actor) RETURN a.id, labels(a) ORDER BY a.id")[1]
    roles = sorted(store.roles(), key=lambda r: sorted((k, str(v)) for k, v in r.items()))
    return (list(store.actors()), list(store.articles()), list(store.relations()), roles, reports,
            [[i, sorted(ls)] for i, ls in labels])


def median(xs: Iterable[float]) -> float:
    return statistics.median(list(xs))


def re_extracted(exs: list[Extraction], extra: list[Extraction]) -> list[Extraction]:
    """The corpus as a second extraction might give it: every third article keeps half its
    relations, every fifth none, and `extra` articles are new."""
    out = []
    for i, ex in enumerate(exs):
        if i % 5 == 0:
            ex = dataclasses.replace(ex, relations=[])
        elif i % 3 == 0:
            ex = dataclasses.replace(ex, relations=ex.relations[: len(ex.relations) // 2])
        out.append(ex)
    return out + extra


def check(store: Neo4jStore, ks: list[int], rows: int, chunk: int) -> str:
    """Each concurrent writer against the batched path on the same sequence of loads: a first
    load, the same load again (nothing may change), then a re-extraction of every article with
    new ones among them (stale relations and REPORTS links go). Every step's graph must equal
    the batched path's, row by row."""
    exs = extractions(400)
    steps = [exs[:300], exs[:300], re_extracted(exs[:300], exs[300:])]
    graphs: dict[str, list[tuple[Any, ...]]] = {}
    removed: dict[str, list[int]] = {}
    for mode in ("batched", *(f"k={k}" for k in ks)):
        wipe(store)
        store._written.clear()
        store._written_roles.clear()
        w: Any = store if mode == "batched" else ConcurrentLoad(store, int(mode[2:]), rows, chunk)
        graphs[mode], removed[mode] = [], []
        for step in steps:
            removed[mode].append(w.write(step).removed)
            graphs[mode].append(snapshot(store))
        if mode != "batched":
            for i, (mine, theirs) in enumerate(zip(graphs[mode], graphs["batched"])):
                if mine != theirs:
                    raise SystemExit(f"check: {mode}, step {i + 1}: the graph differs from the batched path's")
            if removed[mode] != removed["batched"]:
                raise SystemExit(f"check: {mode}: removed {removed[mode]}, batched {removed['batched']}")
    if graphs["batched"][0] != graphs["batched"][1] or graphs["batched"][1] == graphs["batched"][2]:
        raise SystemExit("check: the batched path itself is not idempotent, or the re-extraction changed nothing")
    n_rel = [len(g[2]) for g in graphs["batched"]]
    return (f"Checked first: for k = {', '.join(map(str, ks))}, three loads (300 articles; the same again; "
            f"all 300 re-extracted, some with fewer relations or none, plus 100 new) leave the graph "
            f"row for row as the batched path leaves it ({n_rel[0]:,}, {n_rel[1]:,}, {n_rel[2]:,} "
            f"relations; stale relations removed {removed['batched']}).")


class CPU:
    """CPU seconds of this process and of the server (its pid from scripts/neo4j.sh's state dir)."""

    def __init__(self) -> None:
        state = os.environ.get("GRAPHKIT_NEO4J_STATE_DIR")
        self.pid = None
        if state and (Path(state) / "neo4j.pid").exists():
            self.pid = int((Path(state) / "neo4j.pid").read_text().strip())

    def server(self) -> float:
        if self.pid is None:
            return float("nan")
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def now(self) -> tuple[float, float]:
        return time.process_time(), self.server()

    def threads(self) -> dict[str, tuple[str, float]]:
        """The server's threads: id -> (kind, CPU seconds so far). Kinds: "bolt" (the Bolt
        worker that runs a session's transactions), "inner" (the threads that run the inner
        transactions of CALL ... IN CONCURRENT TRANSACTIONS), "gc", "other"."""
        out: dict[str, tuple[str, float]] = {}
        if self.pid is None:
            return out
        tasks = Path(f"/proc/{self.pid}/task")
        for t in tasks.iterdir():
            try:
                name = (t / "comm").read_text().strip()
                fields = (t / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            kind = ("bolt" if name.startswith("neo4j.BoltWorke") else
                    "inner" if name.startswith("neo4j.CypherTra") else
                    "gc" if name.startswith(("GC Thread", "G1 ")) else "other")
            out[t.name] = (kind, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"))
        return out


def thread_split(before: dict[str, tuple[str, float]], after: dict[str, tuple[str, float]]) -> dict[str, float]:
    """CPU seconds per kind of server thread between two `CPU.threads()`, and the busiest one."""
    split = {"bolt": 0.0, "inner": 0.0, "gc": 0.0, "other": 0.0, "busiest": 0.0}
    for t, (kind, cpu) in after.items():
        d = cpu - before.get(t, (kind, 0.0))[1]
        split[kind] += d
        split["busiest"] = max(split["busiest"], d)
    return split


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wipe", action="store_true", help="required: the database is emptied")
    ap.add_argument("--sizes", default="2000,20000", help="corpus sizes, articles (~10.4 relations each)")
    ap.add_argument("--rounds", default="3", help="rounds per size: one number, or one per size (6,3)")
    ap.add_argument("--concurrency", default="2,4", help="k of IN k CONCURRENT TRANSACTIONS")
    ap.add_argument("--rows", type=int, default=100, help="articles per inner transaction (m)")
    ap.add_argument("--chunk", type=int, default=20000, help="relations per concurrent query")
    ap.add_argument("--control", action="store_true",
                    help="a second batched writer in every round (A/A): how far noise alone moves a ratio")
    ap.add_argument("--disjoint", type=int, default=0, metavar="ARTICLES",
                    help="also the lock test: disjoint vs shared actors, this many articles")
    args = ap.parse_args()
    if not args.wipe:
        ap.error("this benchmark empties the database: pass --wipe")
    quiet_driver_logs()
    ks = [int(k) for k in args.concurrency.split(",")]
    sizes = [int(x) for x in args.sizes.split(",")]
    rounds = [int(x) for x in args.rounds.split(",")]
    rounds += [rounds[-1]] * (len(sizes) - len(rounds))
    modes = ["batched", *(["batched A/A"] if args.control else []), *(f"k={k}" for k in ks)]
    cpu = CPU()
    print(f"`{' '.join([Path(sys.executable).name, *sys.argv])}`, start {time.strftime('%Y-%m-%d %H:%M')}: "
          f"load average {loadavg()}, {os.cpu_count()} cores\n")

    def writer(mode: str) -> Any:
        store._written.clear()
        store._written_roles.clear()
        if mode.startswith("batched"):
            return store
        return ConcurrentLoad(store, int(mode[2:]), args.rows, args.chunk)

    with Neo4jStore(Neo4jSettings.from_env()) as store:
        store.init_schema()
        log("warm-up")
        warm = extractions(300)
        for _ in range(2):
            for mode in modes:
                wipe(store)
                w = writer(mode)
                w.write(warm)
                w.write(warm)
        log("check")
        print(check(store, ks, args.rows, args.chunk) + "\n")
        rows, threads, shares = [], [], {}
        for n, n_rounds in zip(sizes, rounds):
            exs = extractions(n)
            n_rel = sum(len(e.relations) for e in exs)
            shares[n] = {k: disjoint_share(exs, args.rows, k) for k in ks}
            secs: dict[str, list[float]] = {m: [] for m in modes}
            again: dict[str, list[float]] = {m: [] for m in modes}
            server: dict[str, list[float]] = {m: [] for m in modes}
            client: dict[str, list[float]] = {m: [] for m in modes}
            failed = {m: 0 for m in modes}
            split: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
            reference = None
            for r in range(n_rounds):
                order = modes[r % len(modes):] + modes[:r % len(modes)]
                for mode in order:
                    wipe(store)
                    w = writer(mode)
                    t0, (c0, s0) = cpu.threads(), cpu.now()
                    stats = w.write(exs)
                    c1, s1 = cpu.now()
                    split[mode].append(thread_split(t0, cpu.threads()))
                    secs[mode].append(stats.seconds)
                    client[mode].append(c1 - c0)
                    server[mode].append(s1 - s0)
                    again[mode].append(w.write(exs).seconds)  # the same load again: changes nothing
                    if isinstance(w, ConcurrentLoad):
                        failed[mode] += w.failed_inner
                        if w.errors:
                            log(f"{mode}: failed inner transactions, e.g. {w.errors[0]}")
                    if r == 0:
                        snap = snapshot(store)
                        if reference is None:
                            reference = snap
                        elif snap != reference:
                            raise SystemExit(f"{n} articles, {mode}: the graph differs from the batched load's")
                    log(f"{n} articles, round {r + 1}/{n_rounds}, {mode}: {n_rel / stats.seconds:,.0f} relations/s, "
                        f"server CPU {server[mode][-1]:.2f} s")
            for mode in modes:
                threads.append([n, mode, *(f"{median(x[k] for x in split[mode]):.2f}"
                                           for k in ("bolt", "inner", "gc", "other", "busiest"))])
                ratio = [b / s for b, s in zip(secs["batched"], secs[mode])]
                ratio_again = median(b / s for b, s in zip(again["batched"], again[mode]))
                rows.append([n, f"{n_rel:,}", mode, f"{n_rel / median(secs[mode]):,.0f}",
                             f"{median(secs[mode]):.2f}", f"**{median(ratio):.2f}×**",
                             f"{min(ratio):.2f}–{max(ratio):.2f}", f"{median(server[mode]):.2f}",
                             f"{median(client[mode]):.2f}", f"{n_rel / median(again[mode]):,.0f}",
                             f"{ratio_again:.2f}×", "" if mode.startswith("batched") else str(failed[mode])])
            log(f"{n} articles done")
        print("| articles | relations | writer | relations/s | s (median) | ÷ batched (relations/s) | "
              "range over rounds | server CPU s | client CPU s | re-load relations/s | re-load ÷ batched "
              "| inner transactions redone |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(str(x) for x in row) + " |")
        print("\nServer CPU seconds per first load by thread (medians over rounds): the Bolt worker "
              "that runs the session's transactions, the threads that run the concurrent inner "
              "transactions, the JVM's garbage collector, the rest; and the busiest single thread.\n")
        print("| articles | writer | Bolt worker s | inner-transaction threads s | GC s | other s | busiest thread s |")
        print("|---|---|---|---|---|---|---|")
        for row in threads:
            print("| " + " | ".join(str(x) for x in row) + " |")
        print(f"\nRounds per size: {', '.join(f'{n}: {r}' for n, r in zip(sizes, rounds))}; inner transactions of "
              f"{args.rows} articles, {args.chunk:,} relations per concurrent query.")
        print("Inner transactions whose actors overlap none of the k − 1 before them (bench corpus): "
              + "; ".join(f"{n} articles: " + ", ".join(f"k={k} {v:.0%}" for k, v in sh.items())
                          for n, sh in shares.items()) + ".")
        if args.disjoint:
            print()
            print("| lock test (synthetic, 10 relations per article) | k | actors disjoint s | shared s | "
                  "shared ÷ disjoint (time) |")
            print("|---|---|---|---|---|")
            for k in ks:
                d_s: list[float] = []
                s_s: list[float] = []
                for r in range(rounds[0]):
                    for disjoint in ((True, False) if r % 2 == 0 else (False, True)):
                        exs = list(lock_corpus(args.disjoint, args.rows, k, disjoint))
                        wipe(store)
                        stats = writer(f"k={k}").write(exs)
                        (d_s if disjoint else s_s).append(stats.seconds)
                print(f"| {args.disjoint} articles, {10 * args.disjoint:,} relations | {k} | {median(d_s):.2f} | "
                      f"{median(s_s):.2f} | {median(s / d for s, d in zip(s_s, d_s)):.2f}× |")
                log(f"lock test k={k} done")
        wipe(store)
    print(f"\nEnd {time.strftime('%H:%M')}: load average {loadavg()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
