"""Import hand-coded relations (examples/relations.csv) into a graph store and look at them.

Run from the repository root:

    .venv/bin/python examples/import_relations.py [graphkit.db]
"""
import sys
from pathlib import Path

from graphkit.imports import import_relations
from graphkit.stores.sqlite import SQLiteStore

here = Path(__file__).parent
db = sys.argv[1] if len(sys.argv) > 1 else "graphkit.db"

report = import_relations(here / "relations.csv", db=db)
print(f"imported {report.imported} of {report.rows} rows into {db}")
for name, actor_id in report.new_actors.items():
    print(f"  not in the gazetteer, kept as {actor_id}: {name}")

with SQLiteStore(db) as store:
    names = {a["id"]: a["name"] for a in store.actors()}
    rows = [r for r in store.relations() if r["extractor"] == "import"]
    for r in sorted(rows, key=lambda r: (r["date"] or "", r["doc_id"])):
        neg = "NOT " if r["negated"] else ""
        print(f"{r['date']}  {names[r['subject_id']]:<20} {neg}{r['relation']:<12} {names[r['object_id']]}")
