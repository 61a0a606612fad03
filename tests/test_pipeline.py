"""One pipeline for every store: the same `build` tests against SQLite and the real Neo4j.

`build(inputs, store)` reads, validates, extracts and writes through the Store protocol; the
`target` fixture is an SQLite file or the Neo4j test server (its settings), so each test below
runs once per store. The Neo4j runs need the server (conftest.py: they skip without one and
fail under CI=true).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build import Progress, build
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.pipeline import extract
from graphkit.readers import id_hash
from graphkit.stores import is_neo4j_uri, open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request, tmp_path):
    """Where to build: an SQLite file that does not exist yet, or an empty Neo4j database."""
    if request.param == "sqlite":
        return tmp_path / "g.db"
    return request.getfixturevalue("neo4j_clean")


def contents(target) -> dict:
    """The store's articles and relations (actors differ by design: Neo4j keeps a node for
    every state or organisation a person's role names)."""
    with open_store(target, readonly=True) as store:
        return {"articles": [(a["id"], a["title"], a["date"]) for a in store.articles()],
                "relations": sorted((r["id"], r["doc_id"], r["subject_id"], r["relation"], r["object_id"],
                                     r["negated"], r["plover"], r["date"]) for r in store.relations())}


def articles_file(path: Path, texts: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "text": v, "date": "2024-05-01"}) + "\n"
                            for k, v in texts.items()), encoding="utf-8")
    return path


def test_build_twice_gives_the_same_graph_with_progress_and_stats(target):
    seen: list[Progress] = []
    first = build([EXAMPLES], target, batch_size=7, progress=seen.append)
    after_first = contents(target)
    second = build([EXAMPLES], target)
    assert contents(target) == after_first
    expected = sorted(r.id for res in extract([EXAMPLES]) for r in res.relations)
    assert [r[0] for r in after_first["relations"]] == expected and len(expected) > 100
    assert first.found == first.articles == second.articles == len(after_first["articles"]) == len(seen)
    assert first.relations == second.relations == len(expected) and second.removed == 0
    assert [p.articles for p in seen] == list(range(1, first.found + 1)) and seen[-1].total == first.found
    assert first.store == second.store and first.summary().startswith(f"built {first.store}: ")


def test_a_bad_line_late_in_the_input_writes_nothing(target, tmp_path):
    build([EXAMPLES], target)
    before = contents(target)
    bad = articles_file(tmp_path / "late.jsonl", {f"x{i}": "France criticized Germany." for i in range(40)})
    with open(bad, "a", encoding="utf-8") as f:
        f.write('{"id": "broken", "text": "no end\n')
    with pytest.raises(InputError) as e:
        build([bad, EXAMPLES], target)
    assert str(e.value).startswith(f"{bad}:41: invalid JSON")
    assert contents(target) == before


def test_a_re_extracted_article_replaces_its_stale_relations(target, tmp_path):
    src = tmp_path / "a.jsonl"
    articles_file(src, {"a1": "France criticized Germany. Iran supplied drones to Russia.",
                        "a2": "China warned Japan."})
    build([src], target)
    a1, a2 = (f"{k}@{id_hash(str(src.resolve()))}" for k in ("a1", "a2"))  # namespaced by their file
    assert {(r[1], r[3]) for r in contents(target)["relations"]} == {
        (a1, "CRITICIZES"), (a1, "SUPPLIES"), (a2, "WARNS")}
    articles_file(src, {"a1": "France criticized Germany.", "a2": "China warned Japan."})
    stats = build([src], target)
    assert (stats.articles, stats.relations, stats.removed) == (2, 2, 1)
    assert {(r[1], r[3]) for r in contents(target)["relations"]} == {(a1, "CRITICIZES"), (a2, "WARNS")}


def test_duplicate_ids_are_reported_and_the_later_article_wins(target, tmp_path):
    src = tmp_path / "d.jsonl"
    src.write_text(json.dumps({"id": "same", "text": "France criticized Germany."}) + "\n"
                   + json.dumps({"id": "same", "text": "France met Japan."}) + "\n", encoding="utf-8")
    stats = build([src], target)
    assert stats.duplicate_ids == [f"same@{id_hash(str(src.resolve()))}"] and stats.duplicate_at == [f"{src}:2"]
    assert (stats.articles, stats.relations, stats.removed) == (1, 1, 0)  # what was stored
    assert [(r[2], r[3], r[4]) for r in contents(target)["relations"]] == [("FRA", "MEETS", "JPN")]


def test_the_command_picks_the_store_and_says_the_same(target):
    args = ["--db", str(target)] if isinstance(target, Path) else ["--neo4j", target.uri]
    env = {} if isinstance(target, Path) else {"NEO4J_USER": target.user, "NEO4J_PASSWORD": target.password}
    result = CliRunner().invoke(main, ["build", str(EXAMPLES), *args], env=env)
    assert result.exit_code == 0, result.output
    where = str(target) if isinstance(target, Path) else target.where
    found = sum(1 for _ in extract([EXAMPLES]))
    assert result.stdout.startswith(f"built {where}: {found} articles, ")
    assert "articles/s)" in result.stdout
    assert contents(target)["articles"]


def test_open_store_tells_a_uri_from_a_file():
    assert is_neo4j_uri("bolt://127.0.0.1:7687") and is_neo4j_uri("neo4j+s://db.example.org")
    assert not is_neo4j_uri("graphkit.db") and not is_neo4j_uri("bolt.db") and not is_neo4j_uri(Path("x"))


def test_stores_import_nothing_above_them():
    """Stores only write and read: the model, the ontology, the errors, their driver, each other."""
    import ast

    allowed = {"graphkit.model", "graphkit.ontology", "graphkit.errors", "graphkit.stores"}
    for path in sorted((ROOT / "graphkit" / "stores").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = "graphkit.stores" if node.level == 1 else "graphkit"
                module = f"{base}.{node.module}" if node.module else base
                assert any(module == a or module.startswith(a + ".") for a in allowed), \
                    f"{path.name}:{node.lineno} imports {module}"
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                assert not any(n.startswith("graphkit") for n in names), f"{path.name}:{node.lineno}"
