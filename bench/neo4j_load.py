"""Neo4j load rate: batched UNWIND statements vs one MERGE (and one transaction) per relation.

Needs a running server (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD; `eval "$(bash scripts/neo4j.sh
start)"`) and WIPES its database, so it insists on --wipe.

    python bench/neo4j_load.py --wipe [--articles 2000] [--naive-articles 100] [--warm-up 2]

It warms the server up first (the server plans each statement once and compiles its hot paths
during the first loads: on a server just started the first figures are several times lower).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from neo4j_helpers import synthetic_corpus  # noqa: E402

from graphkit.stores.neo4j import Neo4jSettings, Neo4jStore, quiet_driver_logs  # noqa: E402


def wipe(store: Neo4jStore) -> None:
    while store.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", write=True)[1][0][0]:
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wipe", action="store_true", help="required: the database is emptied")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--per-article", type=int, default=8)
    ap.add_argument("--naive-articles", type=int, default=100)
    ap.add_argument("--batch-sizes", default="1000,100")
    ap.add_argument("--warm-up", type=int, default=2, metavar="ROUNDS",
                    help="untimed rounds first: 300 articles batched twice, 20 one by one")
    args = ap.parse_args()
    if not args.wipe:
        ap.error("this benchmark empties the database: pass --wipe")
    quiet_driver_logs()
    with Neo4jStore(Neo4jSettings.from_env()) as store:
        store.init_schema()
        for _ in range(args.warm_up):
            wipe(store)
            store.write(synthetic_corpus(300, args.per_article))
            store.write(synthetic_corpus(300, args.per_article))
            wipe(store)
            store.write_one_by_one(synthetic_corpus(20, args.per_article))
        n_rel = args.articles * args.per_article
        for size in (int(s) for s in args.batch_sizes.split(",")):
            wipe(store)
            stats = store.write(synthetic_corpus(args.articles, args.per_article), batch_size=size)
            print(f"batched, batch size {size:>5}: {stats.relations} relations in {stats.seconds:.1f} s "
                  f"= {stats.relations / stats.seconds:,.0f} relations/s")
            again = store.write(synthetic_corpus(args.articles, args.per_article), batch_size=size)
            print(f"  same load again (idempotent): {again.seconds:.1f} s "
                  f"= {again.relations / again.seconds:,.0f} relations/s")
        wipe(store)
        t0 = time.perf_counter()
        stats = store.write_one_by_one(synthetic_corpus(args.naive_articles, args.per_article))
        print(f"one MERGE + transaction per relation: {stats.relations} relations in "
              f"{stats.seconds:.1f} s = {stats.relations / stats.seconds:,.0f} relations/s")
        print(f"(corpus: {n_rel} relations for the batched runs; {time.perf_counter() - t0:.1f} s naive)")
        wipe(store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
