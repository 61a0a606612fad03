"""The bulk route into Neo4j (graphkit.neo4j_bulk), against REAL Neo4j 5.26: the examples loaded
the batched way into the test server, and exported and imported with Neo4j's own neo4j-admin
(scripts/neo4j.sh admin: org.neo4j.cli.AdminTool from the Maven artifacts) into the fresh store
of a private server, must hold the same graph and answer every named query the same.
The header checks at the bottom need no server.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_neo4j import (ROOT, _private_server_env, _script, assert_one_line_error, cli_env, counts,
                        gk, snapshot)

from graphkit.cypher_queries import format_result, load_query, query_names
from graphkit.errors import InputError
from graphkit.neo4j_bulk import FILES, HEADERS, importer_arguments, write_import_csv
from graphkit.stores.neo4j import Neo4jSettings, Neo4jStore

EXAMPLES = ROOT / "examples" / "articles"
ADMIN = f"bash {ROOT / 'scripts' / 'neo4j.sh'} admin"
ACTORS = ("RUS", "UKR", "USA", "CHN", "IRN", "ISR", "NATO", "EU")


def _param_sets(name: str, article: str, relation: tuple[str, str, str]) -> list[dict]:
    """Parameter values for a named query, several where it takes actors, so that most of the
    runs return rows on the examples."""
    takes = set(load_query(name).params)
    if name == "connection_path":
        return [{"from": a, "to": b} for a, b in (("IRN", "SYR"), ("RUS", "USA"), ("CHN", "UKR"))]
    if {"since", "until"} <= takes and load_query(name).params["since"].required:  # a date range
        return [{"since": "2000-01-01", "until": "2030-12-31"}, {"since": "2024-01-01", "until": "2024-12-31"}]
    if {"a", "b"} <= takes:
        return [{"a": a, "b": b} for a, b in (("RUS", "UKR"), ("USA", "CHN"), ("ISR", "IRN"))]
    if "article" in takes:
        return [{"article": article}]
    if "subject" in takes:
        s, r, o = relation
        return [{"subject": s, "relation": r, "object": o}]
    if "speaker" in takes:  # the examples' speakers: a leader and a state
        return [{"speaker": "donald-trump"}, {"speaker": "TUR"}]
    if "actor" in takes and load_query(name).params["actor"].required:
        return [{"actor": a} for a in ACTORS]
    return [{}] + ([{"actor": "RUS"}] if "actor" in takes else [])


def _canonical(rows: list[dict]) -> list[str]:
    """Rows as sorted JSON, each list in a row sorted: collect() has no defined order (the two
    ways store a node's relationships in different orders), nor have rows that tie in ORDER BY."""
    def norm(v):
        return sorted((norm(x) for x in v), key=json.dumps) if isinstance(v, list) else v
    return sorted(json.dumps({k: norm(v) for k, v in row.items()}, sort_keys=True) for row in rows)


def answers(settings: Neo4jSettings, article: str, relation: tuple[str, str, str]) -> dict[str, list]:
    """Every named query's rows (canonical, see _canonical) for each of its parameter sets."""
    out: dict[str, list] = {}
    with Neo4jStore(settings, ensure_schema=False) as store:
        for name in query_names():
            q = load_query(name)
            for params in _param_sets(name, article, relation):
                keys, records = store.run(q.text, q.bind(params))
                out[f"{name} {json.dumps(params, sort_keys=True)}"] = _canonical(json.loads(
                    format_result(keys, records, "json")))
    return out


@pytest.mark.neo4j
@pytest.mark.timeout(900)
def test_bulk_import_of_the_examples_answers_every_named_query_as_the_batched_load(neo4j_clean, tmp_path):
    db = tmp_path / "examples.db"
    built = gk("build", str(EXAMPLES), "--db", str(db), env=cli_env(neo4j_clean))
    assert built.returncode == 0, built.stderr
    from graphkit.stores.sqlite import SQLiteStore

    with SQLiteStore(str(db), readonly=True) as store:
        first = next(iter(store.relations()))
    article = first["doc_id"]
    relation = (first["subject_id"], first["relation"], first["object_id"])

    # the batched way: graphkit load into the test server
    loaded = gk("load", "--db", str(db), env=cli_env(neo4j_clean))
    assert loaded.returncode == 0, loaded.stderr
    batched_counts = counts(neo4j_clean)
    batched_graph = snapshot(neo4j_clean)
    batched = answers(neo4j_clean, article, relation)

    # the bulk way: export and neo4j-admin import in one step, into a private server's new store
    password = "bulk-test-password"
    senv, port = _private_server_env(tmp_path, password)
    senv["NEO4J_ADMIN"] = ADMIN
    bulk = Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", password)
    folder = tmp_path / "bulk"
    try:
        imported = gk("neo4j", "import-bulk", str(folder), "--db", str(db), env=senv, timeout=600)
        assert imported.returncode == 0, imported.stderr
        assert "imported" in imported.stdout and "graphkit neo4j init" in imported.stderr
        started = _script(["start"], senv)
        assert started.returncode == 0, started.stderr
        assert "kept store" in started.stderr  # it serves the imported database
        init = gk("neo4j", "init", env=cli_env(bulk))
        assert init.returncode == 0, init.stderr

        assert counts(bulk) == batched_counts
        assert batched_counts["Actor"] > 50 and batched_counts["Article"] == 15
        assert batched_counts["REPORTS"] > 0 and batched_counts["ACTS_FOR"] > 0
        assert snapshot(bulk) == batched_graph  # every node and relationship, every property
        got = answers(bulk, article, relation)
        assert got.keys() == batched.keys()
        for key in batched:
            assert got[key] == batched[key], key
        # not a vacuous comparison: most named queries return rows for one of their parameter
        # sets, and most runs do (which runs are empty follows the examples, not the import)
        answered = {key.split()[0] for key, rows in batched.items() if rows}
        assert len(answered) >= 0.9 * len(query_names()), sorted(set(query_names()) - answered)
        assert sum(1 for rows in batched.values() if rows) >= 0.6 * len(batched), \
            [k for k, rows in batched.items() if not rows]

        # while the server runs: the database is in use
        r = gk("neo4j", "import-bulk", str(folder), env=senv, timeout=300)
        assert_one_line_error(r, "running", within=120)
        assert _script(["stop"], senv).returncode == 0
        # a database that exists (holds the graph) is not replaced unless asked
        r = gk("neo4j", "import-bulk", str(folder), env=senv, timeout=300)
        assert_one_line_error(r, "already exists", "--overwrite", within=120)
        r = gk("neo4j", "import-bulk", str(folder), "--overwrite", env=senv, timeout=600)
        assert r.returncode == 0, r.stderr
        assert _script(["start"], senv).returncode == 0
        assert counts(bulk) == batched_counts
    finally:
        _script(["stop"], senv)


def test_bad_folders_are_one_line_errors(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "NEO4J_ADMIN": ADMIN}
    assert_one_line_error(gk("neo4j", "import-bulk", str(tmp_path / "nowhere"), env=env),
                          "no such folder")
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "actors.csv").write_text(",".join(HEADERS["actors.csv"]) + "\n")
    assert_one_line_error(gk("neo4j", "import-bulk", str(tmp_path / "half"), env=env),
                          "articles.csv", "missing")
    assert_one_line_error(gk("neo4j", "import-bulk", str(tmp_path / "x"), "--db", str(tmp_path / "no.db"),
                             env=env), "no such SQLite store")
    with pytest.raises(InputError, match="not a Neo4j database name"):
        importer_arguments(tmp_path, database="neo4j; rm -rf /")


def test_export_headers_and_cells_are_what_the_importer_reads(tmp_path):
    rows = {
        "actors": [{"id": "RUS", "name": "Russia", "kind": "state", "acts_for": None, "sector": None},
                   {"id": "p", "name": 'Say "x"', "kind": "person", "acts_for": "RUS", "sector": None},
                   {"id": "odd", "name": "Odd", "kind": "martian", "acts_for": None, "sector": None}],
        "articles": [{"id": "d1", "title": "", "url": None, "date": "2024-01-02", "source": "s",
                      "input": "/news/d1.txt"}],
        "relations": [{"id": "r1", "doc_id": "d1", "sentence_index": 0, "subject_id": "p", "relation": "WARNS",
                       "object_id": "UKR", "negated": False, "modality": None, "what": "", "sentence": "a\nb",
                       "start": 0, "end": 3, "date": None, "confidence": 0.85, "extractor": "t",
                       "trigger": "warn", "subject_mention": "P", "object_mention": "U", "plover": None}],
        "roles": [{"person_id": "p", "acts_for": "RUS", "role": "head_of_state", "title": "President",
                   "start": "2000-05-07", "end": None}],
    }
    paths = write_import_csv(rows, tmp_path / "out")
    assert [Path(p).name for p in paths] == list(FILES)
    text = {Path(p).name: Path(p).read_text(encoding="utf-8") for p in paths}
    for name, header in HEADERS.items():
        assert text[name].splitlines()[0] == ",".join(header)
    assert text["actors.csv"].splitlines()[1:] == [
        '"RUS","Russia","state",,,Actor;State', '"p","Say ""x""","person","RUS",,Actor;Person',
        '"odd","Odd","other",,,Actor;Other', '"UKR","UKR","other",,,Actor;Other']  # an endpoint the store lacks
    # "" stays an empty string, None no property; the relation takes its article's date
    assert text["articles.csv"].splitlines()[1] == '"d1","",,"2024-01-02","s","/news/d1.txt",Article'
    rel = text["relations.csv"].split("\n", 1)[1]
    assert rel.startswith('"p","UKR",WARNS,"r1","d1",0,"a\nb",0,3,false,,"","2024-01-02",0.85,')
    # PLOVER, no speaker, the date's source and the article's date, acts_for on the day, ontology codes
    assert rel.rstrip("\n").endswith('"THREATEN",,,"article","2024-01-02","RUS",,3,-4.4')
    assert text["reports.csv"].splitlines()[1:] == ['"d1","p",REPORTS,1', '"d1","UKR",REPORTS,1']
    assert text["acts_for.csv"].splitlines()[1] == \
        '"p","RUS",ACTS_FOR,"head_of_state|2000-05-07","head_of_state","President","2000-05-07",'
    args = importer_arguments(tmp_path / "out")
    assert args[:4] == ["database", "import", "full", "neo4j"]
    assert sum(a.startswith("--nodes=") for a in args) == 2 and "--multiline-fields=true" in args
