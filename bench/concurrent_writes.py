"""Server-side parallel writes (`CALL { ... } IN n CONCURRENT TRANSACTIONS`, Neo4j 5.21+) beside
the batched path's one managed transaction per batch, on batches whose actors do not overlap.

Both sides create the same relationships with the same statement body (the batch's rows, each
matching its two actors by id and creating the relationship with the row's type and twenty
properties, as the store's CREATE does), into an emptied database with graphkit's schema; the
only difference is who runs the batches: the client, one transaction after the other, or the
server, n at a time, in one auto-commit query. Rounds alternate the two sides.

Needs a running server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD) and WIPES its database:

    python bench/concurrent_writes.py --wipe [--batches 20] [--batch-size 1000] [--concurrency 2]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))

from graphkit.ontology import RELATION_NAMES  # noqa: E402
from graphkit.stores.neo4j import Neo4jSettings, Neo4jStore, quiet_driver_logs  # noqa: E402
from neo4j_load import wipe  # noqa: E402

ROWS = ("UNWIND rows AS row\n"
        "MATCH (s:Actor {id: row.s}) USING INDEX SEEK s:Actor(id)\n"
        "MATCH (o:Actor {id: row.o}) USING INDEX SEEK o:Actor(id)\n"
        "CREATE (s)-[r:$(row.t)]->(o) SET r = row.p")
ONE_BATCH = "WITH $rows AS rows\n" + ROWS
CONCURRENT = ("UNWIND $batches AS rows\n"
              "CALL (rows) {\n" + ROWS + "\n} IN {n} CONCURRENT TRANSACTIONS OF 1 ROW")


def batches(n_batches: int, size: int, groups: int, seed: int) -> list[list[dict]]:
    """`n_batches` batches of `size` relations; batch i uses only actor group i % groups, so
    batches that run at the same time never touch the same actor."""
    rng = random.Random(seed)
    out = []
    for i in range(n_batches):
        g = i % groups
        pool = [f"A{g:02d}-{k:03d}" for k in range(40)]
        rows = []
        for j in range(size):
            s, o = rng.sample(pool, 2)
            sentence = f"Actor {s} and actor {o} were reported in story {i}-{j}, a sentence of news length."
            rows.append({"s": s, "o": o, "t": rng.choice(RELATION_NAMES), "p": {
                "id": f"r{i}-{j}", "doc_id": f"d{i}-{j // 10}", "sentence_index": j % 10, "sentence": sentence,
                "start": 0, "end": len(sentence), "negated": False, "date": "2024-05-01", "confidence": 0.9,
                "extractor": "rules", "trigger": "warn", "subject_mention": s, "object_mention": o,
                "plover": "THREATEN", "quad_class": 3, "goldstein": -4.4}})
        out.append(rows)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wipe", action="store_true", help="required: the database is emptied")
    ap.add_argument("--batches", type=int, default=20)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not args.wipe:
        ap.error("this benchmark empties the database: pass --wipe")
    quiet_driver_logs()
    groups = max(args.concurrency, 2)
    data = batches(args.batches, args.batch_size, groups, seed=7)
    actors = [{"id": f"A{g:02d}-{k:03d}"} for g in range(groups) for k in range(40)]
    n_rel = args.batches * args.batch_size
    concurrent = CONCURRENT.replace("{n}", str(args.concurrency))
    with Neo4jStore(Neo4jSettings.from_env()) as store:
        store.init_schema()
        driver = store.driver

        def reset() -> None:
            wipe(store)
            with driver.session() as s:
                s.run("UNWIND $rows AS row CREATE (:Actor:State {id: row.id, name: row.id, kind: 'state'})",
                      rows=actors).consume()

        def sequential() -> float:
            t0 = time.perf_counter()
            with driver.session() as s:
                for rows in data:
                    s.execute_write(lambda tx, rows=rows: tx.run(ONE_BATCH, rows=rows).consume())
            return time.perf_counter() - t0

        def parallel() -> float:
            t0 = time.perf_counter()
            with driver.session() as s:
                s.run(concurrent, batches=data).consume()
            return time.perf_counter() - t0

        def count() -> int:
            with driver.session() as s:
                return s.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]

        for fn in (sequential, parallel):  # warm-up: plans, hot paths
            reset()
            fn()
        times: dict[str, list[float]] = {"sequential": [], "concurrent": []}
        for r in range(args.repeat):
            for name, fn in ((("sequential", sequential), ("concurrent", parallel)) if r % 2 == 0
                             else (("concurrent", parallel), ("sequential", sequential))):
                reset()
                times[name].append(fn())
                assert count() == n_rel, (name, count())
        ratio = statistics.median(s / c for s, c in zip(times["sequential"], times["concurrent"]))
        for name, ts in times.items():
            print(f"{name:>10}: {n_rel} relations in {statistics.median(ts):.2f} s (median of {len(ts)}) = "
                  f"{n_rel / statistics.median(ts):,.0f} relations/s")
        print(f"concurrent ({args.concurrency} transactions) ÷ sequential, relations/s: {ratio:.2f}× "
              f"(median of per-round ratios; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
        reset()
    return 0


if __name__ == "__main__":
    sys.exit(main())
