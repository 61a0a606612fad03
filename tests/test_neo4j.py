"""The Neo4j store, schema, named queries and CLI, against a REAL Neo4j 5.26 server over Bolt.

Tests marked `neo4j` need NEO4J_URI/USER/PASSWORD (see conftest.py: they skip without them,
and fail under CI=true). Each starts from an empty database. The kill test starts a second,
private server (scripts/neo4j.sh with its own state dir and port), SIGKILLs it mid-load and
restarts it on the store it left; another private server shows the store kept across restarts.
The rest of this file (query headers, schema coverage, parameter parsing) needs no server.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from graphkit.cypher_queries import (QUERIES_DIR, format_result, load_query, parse_params,
                                     query_names, used_params)
from graphkit.errors import StoreError
from graphkit.model import Extraction
from graphkit.ontology import RELATION_NAMES
from graphkit.stores.neo4j import SCHEMA_FILE, Neo4jSettings, Neo4jStore, connect, schema_statements
from graphkit.views import subgraph_from_cypher
from neo4j_helpers import fixture_extractions, synthetic_corpus

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"
CLI = [sys.executable, "-c", "from graphkit.cli import main; main()"]


# --- helpers ----------------------------------------------------------------------------------

def cli_env(settings: Neo4jSettings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update({"NEO4J_URI": settings.uri, "NEO4J_USER": settings.user,
                "NEO4J_PASSWORD": settings.password})
    if settings.database:
        env["NEO4J_DATABASE"] = settings.database
    env.update(extra)
    return env


def gk(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the graphkit CLI in a subprocess; `.seconds` is how long it took."""
    t0 = time.monotonic()
    r = subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, cwd=ROOT,
                       timeout=timeout)
    r.seconds = time.monotonic() - t0  # type: ignore[attr-defined]
    return r


def assert_one_line_error(r: subprocess.CompletedProcess, *words: str, within: float = 10.0) -> str:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert lines[0].startswith("graphkit: error: ")
    for w in words:
        assert w.lower() in lines[0].lower(), lines[0]
    assert r.seconds < within, f"took {r.seconds:.1f} s"  # type: ignore[attr-defined]
    return lines[0]


def rows(settings: Neo4jSettings, query: str, **params) -> list[dict]:
    driver = connect(settings)
    try:
        with driver.session(database=settings.database, notifications_min_severity="OFF") as s:
            return [r.data() for r in s.run(query, params)]
    finally:
        driver.close()


def counts(settings: Neo4jSettings) -> dict[str, int]:
    with Neo4jStore(settings, ensure_schema=False) as store:
        return store.counts()


def snapshot(settings: Neo4jSettings) -> dict[str, list]:
    """Every node and relationship with its properties, sorted: equal snapshots, equal graphs."""
    nodes = rows(settings, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = rows(settings, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, "
                          "properties(r) AS props")
    key = lambda d: json.dumps(d, sort_keys=True, default=str)  # noqa: E731
    for n in nodes:
        n["labels"] = sorted(n["labels"])
    return {"nodes": sorted(nodes, key=key), "rels": sorted(rels, key=key)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sqlite_db(path: Path, extractions) -> Path:
    from graphkit.stores.sqlite import SQLiteStore

    with SQLiteStore(path) as store:
        store.write(extractions)
    return path


@pytest.fixture
def fixture_graph(neo4j_clean):
    """The frozen fixture of real extractor output, written to an empty database."""
    with Neo4jStore(neo4j_clean) as store:
        store.write(fixture_extractions())
    return neo4j_clean


def agent_extraction() -> Extraction:
    """An article of agents (German prosecutors, German troops), an unresolved name, and
    relations whose PLOVER root is given, missing (the type's default) or not the type's."""
    from graphkit.model import Actor, Article, Mention, Relation

    rus = Actor("RUS", "Russia", "state")
    ltu = Actor("LTU", "Lithuania", "state")
    jud = Actor("DEUJUD", "German prosecutors", "agent", acts_for="DEU", sector="JUD")
    mil = Actor("DEUMIL", "German troops", "agent", acts_for="DEU", sector="MIL")
    aclu = Actor("unresolved:american-civil-liberties-union", "American Civil Liberties Union", "unresolved")
    doc = "ag-2024-05-01-agents"

    def r(i, s, name, o, plover=None, negated=False, **kw):
        text = f"{s.name} {name.lower()} {o.name}."
        return Relation(Mention(s, s.name, 0, len(s.name)), name, Mention(o, o.name, 0, 1), doc, text, i, 0,
                        len(text), negated=negated, date=kw.pop("date", "2024-05-01"), confidence=0.8,
                        extractor="test", trigger=name.lower(), plover=plover, **kw)
    # "German prosecutors accused Russia in April, Lithuania said": a claim, dated by its text
    claim = {"speaker": Mention(ltu, "Vilnius", 40, 47), "date": "2024-04-15", "date_source": "text",
             "article_date": "2024-05-01"}
    rels = [r(0, jud, "ACCUSES", rus, "ACCUSE", **claim), r(1, aclu, "CRITICIZES", jud),
            r(2, mil, "MOBILIZES", ltu), r(3, rus, "WARNS", mil), r(4, rus, "ATTACKS", mil, "ASSAULT"),
            r(5, rus, "ATTACKS", ltu, "COERCE"), r(6, mil, "ATTACKS", rus, "COERCE"),
            r(7, rus, "ATTACKS", mil, negated=True)]
    return Extraction(Article(doc, "", "Agents", f"https://example.org/{doc}", "2024-05-01", "test"), rels)


@pytest.fixture
def agent_graph(fixture_graph):
    """The fixture graph and one article of agents."""
    with Neo4jStore(fixture_graph) as store:
        store.write([agent_extraction()])
    return fixture_graph


# --- no server needed -------------------------------------------------------------------------

def test_schema_file_covers_every_relation_type():
    text = SCHEMA_FILE.read_text()
    for name in RELATION_NAMES:
        assert f"FOR ()-[r:{name}]-() REQUIRE r.id IS UNIQUE" in text, name
        assert f"FOR ()-[r:{name}]-() ON (r.date)" in text, name
        assert f"FOR ()-[r:{name}]-() ON (r.doc_id)" in text, name
    stmts = schema_statements()
    assert all("IF NOT EXISTS" in s for s in stmts)
    assert any("(a:Actor) REQUIRE a.id IS UNIQUE" in s for s in stmts)
    assert any("(a:Article) REQUIRE a.id IS UNIQUE" in s for s in stmts)


def test_at_least_twelve_named_queries_with_honest_headers():
    names = query_names()
    assert len(names) >= 12
    for name in names:
        q = load_query(name)
        assert q.path == QUERIES_DIR / f"{name}.cypher"
        assert q.summary.startswith(f"{name}:"), name
        assert "Parameters:" in q.text and "Example:" in q.text, name
        assert set(q.params) == used_params(q.text), (name, sorted(q.params), sorted(used_params(q.text)))
        assert q.params, name


def test_parse_params_json_else_string():
    assert parse_params(["actor=UKR", "limit=5", "types=[\"ATTACKS\"]", "x=null", "d=2024-01-01",
                         "s=\"42\"", "$e="]) == {
        "actor": "UKR", "limit": 5, "types": ["ATTACKS"], "x": None, "d": "2024-01-01", "s": "42", "e": ""}
    with pytest.raises(StoreError):
        parse_params(["no-equals-sign"])


def test_load_query_resolution(tmp_path):
    assert load_query("who_supplies").name == "who_supplies"
    assert load_query("who_supplies.cypher").name == "who_supplies"
    f = tmp_path / "mine.cypher"
    f.write_text("// mine: test\n//\n// Parameters:\n//   $x  a thing   (default: 3)\nRETURN $x AS x\n")
    q = load_query(str(f))
    assert q.bind({}) == {"x": 3}
    with pytest.raises(StoreError, match="has no parameter"):
        q.bind({"y": 1})
    assert load_query("MATCH (n) RETURN n").name is None
    with pytest.raises(StoreError, match="named queries"):
        load_query("no_such_query")
    with pytest.raises(StoreError, match="needs --param actor"):
        load_query("who_supplies").bind({})


def test_settings_never_take_a_password_from_arguments():
    s = Neo4jSettings.from_env(env={"NEO4J_URI": "bolt://h:1", "NEO4J_PASSWORD": "pw"})
    assert (s.uri, s.user, s.password, s.database) == ("bolt://h:1", "neo4j", "pw", None)
    s = Neo4jSettings.from_env(password_env="MY_PW", env={"NEO4J_URI": "bolt://h:1", "MY_PW": "x"})
    assert s.password == "x"
    with pytest.raises(StoreError, match="MY_PW is not set"):
        Neo4jSettings.from_env(password_env="MY_PW", env={"NEO4J_URI": "bolt://h:1"})
    with pytest.raises(StoreError, match="no Neo4j URI"):
        Neo4jSettings.from_env(env={"NEO4J_PASSWORD": "pw"})
    assert "pw" not in repr(s)


# --- schema -----------------------------------------------------------------------------------

def test_relation_values_line_up_with_their_property_names(tmp_path):
    """Statement rows carry property values by position (_values); _WRITTEN_PROPS names them.
    The values of an extracted Relation (write) equal those of the same relation as another
    store reads it back (load_from)."""
    from graphkit.ontology import RELATIONS
    from graphkit.stores.neo4j import RELATION_PROPS, _WRITTEN_PROPS, _props, _relation_row, _values
    from graphkit.stores.sqlite import SQLiteStore

    row = {k: f"value of {k}" for k in RELATION_PROPS}
    row.update(negated=1, relation="SANCTIONS", subject_acts_for="USA", object_acts_for="RUS")
    props = _props(row)
    assert list(props) == list(_WRITTEN_PROPS)
    assert props == {**{k: row[k] for k in RELATION_PROPS}, "negated": True,
                     "subject_acts_for": "USA", "object_acts_for": "RUS",
                     "quad_class": RELATIONS["SANCTIONS"].quad_class,
                     "goldstein": RELATIONS["SANCTIONS"].goldstein}

    extractions = fixture_extractions()
    with SQLiteStore(sqlite_db(tmp_path / "g.db", extractions)) as store:
        stored = {r["id"]: r for r in store.relations()}
    for ex in extractions:
        for r in ex.relations:
            back = {**stored[r.id], "subject_acts_for": r.acts_for.get("subject"),
                    "object_acts_for": r.acts_for.get("object")}  # load_from derives these two
            assert _values(_relation_row(r, ex.article.date)) == _values(back)


@pytest.mark.neo4j
def test_agents_unresolved_actors_sector_and_plover_in_the_graph(neo4j_clean):
    """Agents and unresolved names get their kind's label from the whitelist and their sector;
    every relationship carries a PLOVER root (the type's when the relation has none); the
    readers give both back; a second write changes nothing."""
    from graphkit.model import Actor

    ex = agent_extraction()
    evil = Actor("evil", "Evil", "Agent:Admin {x: 1}) DETACH DELETE (n) //")  # a kind from text
    ex.relations.append(dataclasses.replace(ex.relations[0], subject=dataclasses.replace(
        ex.relations[0].subject, actor=evil), sentence_index=9))
    with Neo4jStore(neo4j_clean) as store:
        store.write([ex])
        first = snapshot(neo4j_clean)
        c = store.counts()
        store.write([ex])
        assert snapshot(neo4j_clean) == first and store.counts() == c
        actors = {a["id"]: a for a in store.actors()}
        relations = {(r["subject_id"], r["relation"], r["object_id"], r["negated"]): r for r in store.relations()}
    assert (c["Agent"], c["Unresolved"], c["Other"]) == (2, 1, 1)
    labels = {r["id"]: (sorted(r["l"]), r["s"], r["k"]) for r in rows(
        neo4j_clean, "MATCH (a:Actor) RETURN a.id AS id, labels(a) AS l, a.sector AS s, a.kind AS k")}
    assert labels["DEUJUD"] == (["Actor", "Agent"], "JUD", "agent")
    assert labels["DEUMIL"] == (["Actor", "Agent"], "MIL", "agent")
    assert labels["unresolved:american-civil-liberties-union"] == (["Actor", "Unresolved"], None, "unresolved")
    assert labels["evil"] == (["Actor", "Other"], None, "other")
    assert labels["RUS"] == (["Actor", "State"], None, "state")
    assert actors["DEUJUD"] == {"id": "DEUJUD", "name": "German prosecutors", "kind": "agent",
                                "acts_for": "DEU", "sector": "JUD"}
    assert rows(neo4j_clean, "MATCH ()-[r]->() WHERE type(r) IN $t AND r.plover IS NULL RETURN count(r) AS n",
                t=list(RELATION_NAMES)) == [{"n": 0}]
    assert relations["DEUJUD", "ACCUSES", "RUS", False]["plover"] == "ACCUSE"
    assert relations["unresolved:american-civil-liberties-union", "CRITICIZES", "DEUJUD", False]["plover"] == "ACCUSE"
    assert relations["RUS", "WARNS", "DEUMIL", False]["plover"] == "THREATEN"  # none given: WARNS' own
    assert relations["RUS", "ATTACKS", "LTU", False]["plover"] == "COERCE"  # given, not the type's
    # relabelling: an actor whose kind changes keeps one kind label
    with Neo4jStore(neo4j_clean) as store:
        moved = dataclasses.replace(ex.relations[1], subject=dataclasses.replace(ex.relations[1].subject, actor=Actor(
            "unresolved:american-civil-liberties-union", "ACLU", "organisation")))
        store.write([dataclasses.replace(ex, relations=[*ex.relations[:1], moved, *ex.relations[2:]])])
    assert rows(neo4j_clean, "MATCH (a:Actor {id: 'unresolved:american-civil-liberties-union'}) "
                             "RETURN labels(a) AS l") == [{"l": ["Actor", "Organisation"]}]


@pytest.mark.neo4j
def test_speaker_and_dates_in_the_graph_the_same_written_or_loaded_from_sqlite(neo4j_clean, tmp_path):
    """A claim's speaker is a property pair on the relationship whose actor is a node (though
    neither subject nor object); date_source and article_date ride along; `graphkit load` of an
    SQLite store of the same extraction writes the same graph."""
    ex = agent_extraction()
    with Neo4jStore(neo4j_clean) as store:
        store.write([ex])
        written = snapshot(neo4j_clean)
        rels = {r["id"]: r for r in store.relations()}
    claim = ex.relations[0]
    assert {k: rels[claim.id][k] for k in ("speaker_id", "speaker_mention", "date", "date_source",
                                            "article_date")} == {
        "speaker_id": "LTU", "speaker_mention": "Vilnius", "date": "2024-04-15", "date_source": "text",
        "article_date": "2024-05-01"}
    other = rels[ex.relations[1].id]
    assert (other["speaker_id"], other["date_source"], other["article_date"]) == (None, "article", "2024-05-01")
    assert rows(neo4j_clean, "MATCH (s:Actor)-[r:ACCUSES]->(o:Actor) MATCH (sp:Actor {id: r.speaker_id}) "
                             "RETURN sp.name AS speaker, s.id AS s, o.id AS o") == [
        {"speaker": "Lithuania", "s": "DEUJUD", "o": "RUS"}]
    db = sqlite_db(tmp_path / "g.db", [ex])
    rows(neo4j_clean, "MATCH (n) DETACH DELETE n")
    from graphkit.stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as source, Neo4jStore(neo4j_clean) as store:
        store.load_from(source)
    assert snapshot(neo4j_clean) == written


@pytest.mark.neo4j
def test_load_from_a_migrated_schema_1_store_carries_sector_and_plover(neo4j_clean, tmp_path):
    """`graphkit load` from a store file written before schema 2: its relations (no root
    stored) get their type's root, the agents written after the migration their sector."""
    import sqlite3

    from graphkit.ontology import RELATIONS
    from graphkit.stores.sqlite import SQLiteStore

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript((ROOT / "tests" / "data" / "sqlite_schema_v1.sql").read_text(encoding="utf-8"))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "graphkit"), ("schema_version", "1")])
    conn.executemany("INSERT INTO actors VALUES (?, ?, 'state', NULL)", [("RUS", "Russia"), ("LTU", "Lithuania")])
    conn.execute("INSERT INTO articles VALUES ('old1', 'Old', '', '2023-01-01', 'test')")
    conn.execute("INSERT INTO relations VALUES ('oldrel0000000000001', 'old1', 0, 'RUS', 'SANCTIONS', 'LTU', 0, "
                 "NULL, NULL, 'Russia sanctioned Lithuania.', 0, 28, '2023-01-01', 0.9, 'rules', 'sanction', "
                 "'Russia', 'Lithuania', NULL, NULL)")
    conn.commit()
    conn.close()
    with SQLiteStore(db) as store:  # migrates
        store.write([agent_extraction()])
    r = gk("load", "--db", str(db), env=cli_env(neo4j_clean))
    assert r.returncode == 0, r.stderr
    got = rows(neo4j_clean, "MATCH (s:Actor)-[r]->(o:Actor) WHERE r.quad_class IS NOT NULL "
                            "RETURN r.id AS id, type(r) AS t, r.plover AS p, s.id AS s")
    roots = {x["id"]: x["p"] for x in got}
    assert roots["oldrel0000000000001"] == "SANCTION"
    want = {rel.id: rel.plover or RELATIONS[rel.relation].plover for rel in agent_extraction().relations}
    assert {k: v for k, v in roots.items() if k in want} == want
    assert rows(neo4j_clean, "MATCH (a:Agent) RETURN a.id AS id, a.sector AS s ORDER BY id") == [
        {"id": "DEUJUD", "s": "JUD"}, {"id": "DEUMIL", "s": "MIL"}]
    # the same graph as writing the extraction straight in (the old article aside)
    loaded = snapshot(neo4j_clean)
    rows(neo4j_clean, "MATCH (n) DETACH DELETE n")
    with Neo4jStore(neo4j_clean) as store:
        store.write([agent_extraction()])
    straight = snapshot(neo4j_clean)
    assert [n for n in loaded["nodes"] if n["props"].get("id") != "old1"] == straight["nodes"]
    assert [x for x in loaded["rels"] if "old1" not in (x["a"], x["props"].get("doc_id"))] == straight["rels"]


@pytest.mark.neo4j
def test_subgraph_from_cypher_carries_sector_and_plover(agent_graph):
    sub = subgraph_from_cypher(agent_graph, "MATCH p=(:Agent {id: 'DEUMIL'})-[]-(:Actor) RETURN p")
    actors = {a["id"]: a for a in sub.actors()}
    assert actors["DEUMIL"]["sector"] == "MIL" and actors["DEUMIL"]["kind"] == "agent"
    rels = {(r["subject_id"], r["relation"], r["object_id"], r["negated"]): r["plover"] for r in sub.relations()}
    assert rels["RUS", "WARNS", "DEUMIL", False] == "THREATEN"
    assert rels["DEUMIL", "ATTACKS", "RUS", False] == "COERCE"
    G = sub.to_networkx(plover=["COERCE"])
    assert [(u, v) for u, v in G.edges()] == [("DEUMIL", "RUS")]
    assert G.nodes["DEUMIL"]["sector"] == "MIL"


@pytest.mark.neo4j
def test_schema_init_twice_is_idempotent(neo4j_clean):
    env = cli_env(neo4j_clean)
    show = ("SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties "
            "RETURN name, type, labelsOrTypes, properties ORDER BY name")
    first = gk("neo4j", "init", env=env)
    assert first.returncode == 0, first.stderr
    assert re.match(r"applied \d+ schema statements", first.stdout)
    constraints = rows(neo4j_clean, show)
    indexes = rows(neo4j_clean, "SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name")
    second = gk("neo4j", "init", env=env)
    assert second.returncode == 0, second.stderr
    assert rows(neo4j_clean, show) == constraints
    assert rows(neo4j_clean, "SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name") == indexes
    names = {c["name"]: c for c in constraints}
    assert names["actor_id"]["labelsOrTypes"] == ["Actor"]
    assert names["article_id"]["labelsOrTypes"] == ["Article"]
    for t in RELATION_NAMES:
        assert names[f"{t.lower()}_id"]["type"] == "RELATIONSHIP_UNIQUENESS"
    assert all(i["state"] == "ONLINE" for i in indexes)


# --- writing ----------------------------------------------------------------------------------

@pytest.mark.neo4j
def test_write_model_and_second_write_changes_nothing(neo4j_clean):
    with Neo4jStore(neo4j_clean) as store:
        stats = store.write(fixture_extractions())
        assert (stats.articles, stats.relations, stats.removed) == (6, 24, 0)
        first = snapshot(neo4j_clean)
        c1 = store.counts()
        again = store.write(fixture_extractions(), batch_size=3)  # other batch cuts, same graph
        assert again.removed == 0
        assert store.counts() == c1
        assert snapshot(neo4j_clean) == first
        # readers follow the Store contract
        assert {r["id"] for r in store.relations()} == {r.id for ex in fixture_extractions() for r in ex.relations}
        assert len(list(store.articles())) == 6
        roles = list(store.roles())
        assert {(r["person_id"], r["acts_for"]) for r in roles} >= {("vladimir-putin", "RUS"),
                                                                    ("antony-blinken", "USA")}
    assert c1["Article"] == 6 and c1["Person"] == 2 and c1["ACTS_FOR"] >= 2
    # the model: labels by kind, a typed relationship carrying its provenance
    putin = rows(neo4j_clean, "MATCH (p:Actor {id: 'vladimir-putin'}) RETURN labels(p) AS l, p.kind AS k")[0]
    assert sorted(putin["l"]) == ["Actor", "Person"] and putin["k"] == "person"
    r = rows(neo4j_clean, "MATCH (:Actor {id: 'vladimir-putin'})-[r:WARNS]->(:Actor {id: 'NATO'}) "
                          "MATCH (a:Article {id: r.doc_id})-[p:REPORTS]->(:Actor {id: 'NATO'}) "
                          "RETURN r.sentence AS s, r.subject_acts_for AS f, r.quad_class AS q, a.title AS t")
    assert r == [{"s": "Vladimir Putin warned NATO against sending troops to Ukraine.", "f": "RUS", "q": 3,
                  "t": "Niger Turns on Washington"}]
    # a REPORTS link counts the article's relations that involve its actor (an actor's relation
    # with itself once)
    counts = rows(neo4j_clean, "MATCH (a:Article)-[p:REPORTS]->(x:Actor) "
                               "OPTIONAL MATCH (x)-[r]-() WHERE r.doc_id = a.id "
                               "WITH p, count(DISTINCT r) AS actual RETURN p.count AS stored, actual")
    assert counts and all(c["stored"] == c["actual"] for c in counts), counts
    assert max(c["stored"] for c in counts) >= 2
    types = {t["t"] for t in rows(neo4j_clean, "MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")}
    assert types <= set(RELATION_NAMES) | {"REPORTS", "ACTS_FOR"}


@pytest.mark.neo4j
def test_one_statement_writes_every_relation_type_with_its_properties(neo4j_clean):
    """The relations of all twenty types go through one statement (a guarded CREATE or MERGE per
    type): each lands under its own type with all its properties, on the CREATE path (new
    articles) and on the MERGE path (the same articles again, in other batch cuts)."""
    from graphkit.ontology import RELATIONS

    exs = list(synthetic_corpus(40, per_article=6, prefix="types"))
    sent: dict[str, int] = {}
    for ex in exs:
        for r in ex.relations:
            sent[r.relation] = sent.get(r.relation, 0) + 1
    assert set(sent) == set(RELATION_NAMES)
    with Neo4jStore(neo4j_clean, batch_size=50) as store:
        store.write(exs)
        counts = store.counts()
        assert {t: counts.get(t, 0) for t in RELATION_NAMES} == sent
        first = snapshot(neo4j_clean)
        store.write(exs, batch_size=7)
        assert store.counts() == counts and snapshot(neo4j_clean) == first
    got = rows(neo4j_clean, "MATCH ()-[r]->() WHERE type(r) IN $types "
                            "RETURN type(r) AS t, r.quad_class AS q, r.goldstein AS g, "
                            "size(keys(r)) AS k, r.extractor AS e", types=list(RELATION_NAMES))
    assert len(got) == sum(sent.values())
    for row in got:
        assert (row["q"], row["g"], row["e"]) == (RELATIONS[row["t"]].quad_class,
                                                  RELATIONS[row["t"]].goldstein, "synthetic")
        assert row["k"] >= 15  # id, provenance, modality, codes (null properties are not stored)


@pytest.mark.neo4j
def test_a_relation_type_outside_the_ontology_is_refused_before_anything_is_written(neo4j_clean):
    """CREATE takes a relation's type from its row: the store checks it against the ontology
    first, and refuses the whole load in one line."""
    exs = list(synthetic_corpus(5, per_article=4, prefix="evil"))
    bad = exs[3].relations[1]
    exs[3] = dataclasses.replace(exs[3], relations=[*exs[3].relations[:1],
                                                    dataclasses.replace(bad, relation="FOO]->() DETACH DELETE n //")])
    with Neo4jStore(neo4j_clean) as store:
        with pytest.raises(StoreError) as e:
            store.write(exs)
    assert str(e.value) == "evil-000003: relation type 'FOO]->() DETACH DELETE n //' is not in the ontology"
    assert rows(neo4j_clean, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_dynamic_types_from_neo4j_5_26_on():
    from graphkit.stores.neo4j import has_dynamic_types

    assert [has_dynamic_types(v) for v in ("5.26.30", "5.26.0", "2025.10.1", "5.25.1", "5.7.0", "4.4.40", "")] \
        == [True, True, True, False, False, False, False]


@pytest.mark.neo4j
def test_servers_before_5_26_get_a_guarded_create_per_type_and_the_same_graph(neo4j_clean):
    """A server without dynamic types gets the twenty guarded CREATEs instead of `$(row[1])`;
    the graph is the same. (The test server is 5.26: the store is told to use the old form.)"""
    import graphkit.stores.neo4j as n4j

    exs = list(synthetic_corpus(40, per_article=6, prefix="old"))
    with Neo4jStore(neo4j_clean) as store:
        store.write(exs)
        assert store._create == n4j._CREATE_RELATIONS  # 5.26: dynamic types
    want = snapshot(neo4j_clean)
    rows(neo4j_clean, "MATCH (n) DETACH DELETE n")
    with Neo4jStore(neo4j_clean) as store:
        store._create = n4j._CREATE_RELATIONS_GUARDED
        store.write(exs)
    assert snapshot(neo4j_clean) == want


@pytest.mark.neo4j
def test_an_actor_deleted_behind_the_stores_back_is_written_again_in_place(neo4j_clean):
    """A store does not upsert again the actors it wrote; one deleted meanwhile (here one from
    the middle of the batch's actor list, by which rows name their actors) is found missing, the
    transaction rolls back and the batch is redone in full: the graph ends up as a clean load
    makes it, on the CREATE path (new articles) and on the MERGE path."""
    a = list(synthetic_corpus(30, 6, prefix="gone-a"))
    b = list(synthetic_corpus(30, 6, seed=8, prefix="gone-b"))
    with Neo4jStore(neo4j_clean) as store:
        store.write(a)
        store.write(b)
    want = snapshot(neo4j_clean)
    rows(neo4j_clean, "MATCH (n) DETACH DELETE n")

    def actor_ids(exs: list[Extraction]) -> list[str]:
        return list(dict.fromkeys(x.id for ex in exs for r in ex.relations
                                  for x in (r.subject.actor, r.object.actor)))

    in_a = set(actor_ids(a))
    middle = actor_ids(b)[len(actor_ids(b)) // 2:]
    victim = next(x for x in middle if x in in_a)
    with Neo4jStore(neo4j_clean) as store:
        store.write(a)
        rows(neo4j_clean, "MATCH (x:Actor {id: $id}) DETACH DELETE x", id=victim)
        assert store.write(b).relations == sum(len(ex.relations) for ex in b)  # CREATE path
        store.write(a)  # MERGE path: a's relations to the victim went with it
    assert snapshot(neo4j_clean) == want


@pytest.mark.neo4j
def test_write_statements_start_from_an_index_on_a_full_graph(neo4j_clean):
    """Every write statement is pinned to index seeks (hints, or MERGE on a unique key), so the
    plan it keeps (`replan=skip`) is right whatever the graph's size: no label, type or index
    scan. (The planner once chose, on a full graph, to delete stale REPORTS links by scanning
    every actor: 2 s a batch.)"""
    import graphkit.stores.neo4j as n4j

    with Neo4jStore(neo4j_clean, batch_size=100) as store:
        store.write(synthetic_corpus(150, prefix="plans"))
    statements = [*n4j._UPSERT_ACTORS.values(), n4j._ENSURE_ACTORS, n4j._UPSERT_ARTICLES,
                  n4j._EXISTING_ARTICLES, *n4j._DELETE_STALE.values(), n4j._MERGE_RELATIONS,
                  n4j._CREATE_RELATIONS, n4j._CREATE_RELATIONS_GUARDED, n4j._CREATE_REPORTS, n4j._MERGE_REPORTS,
                  n4j._DELETE_STALE_REPORTS, n4j._MERGE_ROLES, n4j._DELETE_STALE_ROLES,
                  n4j._FORMER_ARTICLES, *n4j._FORMER_SENTENCES.values(), n4j._ARTICLES_OF_INPUT,
                  n4j._DELETE_ARTICLES, n4j._DROP_ORPHANS]
    driver = connect(neo4j_clean)
    try:
        with driver.session(database=neo4j_clean.database) as session:
            for stmt in statements:
                assert stmt.startswith("CYPHER replan=skip\n")
                plan = session.run("CYPHER replan=force EXPLAIN " + stmt.split("\n", 1)[1]).consume().plan
                ops: list[str] = []
                todo = [plan]
                while todo:
                    node = todo.pop()
                    ops.append(node["operatorType"].split("@")[0])
                    todo.extend(node.get("children", []))
                assert not [op for op in ops if "Scan" in op], (stmt, ops)
                assert [op for op in ops if "Seek" in op or op in ("Merge", "LockingMerge")], (stmt, ops)
    finally:
        driver.close()


@pytest.mark.neo4j
def test_cli_load_twice_gives_identical_counts_equal_to_the_sqlite_store(neo4j_clean, tmp_path):
    from graphkit.stores.sqlite import SQLiteStore

    db = sqlite_db(tmp_path / "g.db", fixture_extractions())
    env = cli_env(neo4j_clean)
    r1 = gk("load", "--db", str(db), "--batch-size", "5", env=env)
    assert r1.returncode == 0, r1.stderr
    assert "6 articles, 24 relations" in r1.stdout
    c1, s1 = counts(neo4j_clean), snapshot(neo4j_clean)
    r2 = gk("load", "--db", str(db), env=env)
    assert r2.returncode == 0, r2.stderr
    assert counts(neo4j_clean) == c1
    assert snapshot(neo4j_clean) == s1
    with SQLiteStore(db, create=False) as src:
        assert c1["Actor"] == len(list(src.actors()))
        assert sum(c1.get(t, 0) for t in RELATION_NAMES) == len(list(src.relations()))
        assert c1["ACTS_FOR"] == len(list(src.roles()))
        assert c1["Article"] == len(list(src.articles()))
    # acts_for is not in the contract's relation row: load derives it from the roles
    assert rows(neo4j_clean, "MATCH ()-[r:WARNS]->() WHERE r.subject_acts_for IS NOT NULL "
                             "RETURN r.subject_acts_for AS f ORDER BY f") == [{"f": "RUS"}, {"f": "USA"}]


@pytest.mark.neo4j
def test_build_straight_into_neo4j_matches_the_sqlite_build(neo4j_clean, tmp_path):
    from graphkit.stores.sqlite import SQLiteStore

    env = cli_env(neo4j_clean)
    r = gk("build", str(EXAMPLES), "--neo4j", neo4j_clean.uri, env=env)
    assert r.returncode == 0, r.stderr
    c1 = counts(neo4j_clean)
    r = gk("build", str(EXAMPLES), "--neo4j", neo4j_clean.uri, env=env)
    assert r.returncode == 0, r.stderr
    assert counts(neo4j_clean) == c1
    db = tmp_path / "ex.db"
    r = gk("build", str(EXAMPLES), "--db", str(db), env=env)
    assert r.returncode == 0, r.stderr
    with SQLiteStore(db, create=False) as src:
        want = {row["id"] for row in src.relations()}
    got = {x["id"] for x in rows(neo4j_clean, "MATCH ()-[r]->() WHERE r.quad_class IS NOT NULL RETURN r.id AS id")}
    assert got == want and len(want) > 50


@pytest.mark.neo4j
def test_reextraction_replaces_stale_relations(fixture_graph):
    exs = {ex.article.id: ex for ex in fixture_extractions()}
    doc = "fx-2024-11-05-warnings"
    old = exs[doc].relations
    china_taiwan = next(r for r in old if r.subject.actor.id == "CHN" and r.object.actor.id == "TWN")
    new_rel = dataclasses.replace(old[1], relation="CRITICIZES", trigger="criticised")
    kept = [r for r in old if r is not china_taiwan] + [new_rel]
    before = counts(fixture_graph)
    with Neo4jStore(fixture_graph) as store:
        stats = store.write([Extraction(exs[doc].article, kept)])
    assert (stats.relations, stats.removed) == (3, 1)
    after = counts(fixture_graph)
    assert after["WARNS"] == before["WARNS"] - 1
    assert after["CRITICIZES"] == before["CRITICIZES"] + 1
    assert not rows(fixture_graph, "MATCH ()-[r {id: $id}]->() RETURN r", id=china_taiwan.id)
    assert rows(fixture_graph, "MATCH ()-[r:CRITICIZES {id: $id}]->() RETURN r.doc_id AS d",
                id=new_rel.id) == [{"d": doc}]
    # Taiwan is no longer in what the article reports; other articles are untouched
    reported = {x["id"] for x in rows(fixture_graph, "MATCH (:Article {id: $d})-[:REPORTS]->(x) RETURN x.id AS id",
                                      d=doc)}
    assert reported == {"antony-blinken", "RUS", "POL"}
    assert rows(fixture_graph, "MATCH ()-[r:SUPPLIES]->() RETURN count(r) AS n") == [{"n": 6}]
    # an article that now yields nothing loses all its relations
    with Neo4jStore(fixture_graph) as store:
        stats = store.write([Extraction(exs[doc].article, [])])
    assert stats.removed == 3
    assert rows(fixture_graph, "MATCH ()-[r]->() WHERE r.doc_id = $d RETURN count(r) AS n", d=doc) == [{"n": 0}]
    assert rows(fixture_graph, "MATCH (:Article {id: $d})-[p:REPORTS]->() RETURN count(p) AS n", d=doc) == [{"n": 0}]


def _drop_schema(settings: Neo4jSettings) -> None:
    driver = connect(settings)
    try:
        with driver.session(database=settings.database) as s:
            # names the server reported (test code only; graphkit never builds Cypher from text)
            for c in s.run("SHOW CONSTRAINTS YIELD name RETURN name").value():
                s.run(f"DROP CONSTRAINT `{c}` IF EXISTS").consume()
            for i in s.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name").value():
                s.run(f"DROP INDEX `{i}` IF EXISTS").consume()
    finally:
        driver.close()


@pytest.mark.neo4j
def test_concurrent_loads_create_no_duplicates(neo4j_clean, tmp_path):
    # no schema either: both loaders race to create it before they write
    _drop_schema(neo4j_clean)
    db = sqlite_db(tmp_path / "syn.db", synthetic_corpus(300, 6, seed=11))
    env = cli_env(neo4j_clean)
    cmd = [*CLI, "load", "--db", str(db), "--batch-size", "50"]
    procs = [subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    dup_actors = rows(neo4j_clean, "MATCH (a:Actor) WITH a.id AS id, count(*) AS n WHERE n > 1 RETURN id")
    dup_rels = rows(neo4j_clean, "MATCH ()-[r]->() WHERE r.quad_class IS NOT NULL "
                                 "WITH r.id AS id, count(*) AS n WHERE n > 1 RETURN id")
    dup_reports = rows(neo4j_clean, "MATCH (a:Article)-[p:REPORTS]->(x) WITH a, x, count(p) AS n "
                                    "WHERE n > 1 RETURN a.id")
    assert dup_actors == [] and dup_rels == [] and dup_reports == []
    concurrent = counts(neo4j_clean)
    # the same as one load into an empty database
    rows(neo4j_clean, "MATCH (n) DETACH DELETE n")
    r = gk("load", "--db", str(db), env=env)
    assert r.returncode == 0, r.stderr
    assert counts(neo4j_clean) == concurrent


# --- queries ----------------------------------------------------------------------------------

def _one(result: list[dict], **want) -> dict:
    for row in result:
        if all(row.get(k) == v for k, v in want.items()):
            return row
    raise AssertionError(f"no row with {want} in {result}")


QUERY_CASES = {
    "who_supplies": ({"actor": "Ukraine"}, lambda res: (
        _one(res, supplier_id="USA", relations=2, first="2022-03-01", last="2023-02-24"),
        "Javelin missiles" in _one(res, supplier_id="USA")["what"],
        _one(res, supplier_id="DEU", relations=1))),
    "sanction_network": ({"since": "2023-01-01"}, lambda res: (
        _one(res, sanctioner_id="EU", target_id="RUS", relations=1),
        _one(res, sanctioner_id="GBR", target_id="BLR"),
        all(r["target_id"] != "IRN" for r in res))),  # EU on Iran was 2022
    "who_warned_whom": ({"since": "2024-01-01", "until": "2024-06-30"}, lambda res: (
        len(res) == 1,
        _one(res, warner_id="vladimir-putin", on_behalf_of="RUS", warned_id="NATO", date="2024-05-20"))),
    "support_chains": ({"actor": "SYR"}, lambda res: (
        _one(res, origin_id="IRN", via_id="RUS", first_link=["SUPPLIES"], second_link=["SUPPLIES"]),
        _one(res, origin_id="BLR", via_id="RUS", first_link=["SUPPORTS"]))),
    "cooperation_to_conflict": ({}, lambda res: (
        _one(res, actor_a="Niger", actor_b="United States", last_cooperation="2021-09-14",
             first_conflict="2024-05-20", cooperation=["COOPERATES"], conflict=["ACCUSES"], days=979),)),
    "most_criticised": ({"limit": 1}, lambda res: (
        len(res) == 1,
        _one(res, actor_id="RUS", relations=3, criticisms=3),
        sorted(res[0]["critics"]) == ["France", "Germany", "Japan"])),
    "acting_for": ({"actor": "USA", "on": "2024-11-05"}, lambda res: (
        _one(res, person_id="antony-blinken", role="foreign_minister", relations=1),)),
    "on_behalf_of": ({"actor": "Russia"}, lambda res: (
        res == [_one(res, person="Vladimir Putin", relation="WARNS", object_id="NATO", date="2024-05-20")],)),
    "articles_behind": ({"subject": "United States", "relation": "supplies", "object": "UKR"}, lambda res: (
        [r["article"] for r in res] == ["fx-2022-03-01-arms-for-ukraine", "fx-2023-02-24-sanctions-anniversary"],
        "Javelin" in res[0]["sentence"] and res[0]["title"] == "Western Arms Flow to Ukraine")),
    "article_relations": ({"article": "fx-2024-11-05-warnings"}, lambda res: (
        len(res) == 3,
        _one(res, subject="Russia", relation="ATTACKS", object="Poland", negated=True))),
    "dyad_timeline": ({"a": "NER", "b": "United States"}, lambda res: (
        [r["relation"] for r in res] == ["COOPERATES", "ACCUSES"],
        abs(res[-1]["running_goldstein"] - 4.4) < 1e-9)),
    "hostile_dyads": ({"limit": 1}, lambda res: (
        res == [_one(res, actor_a="Russia", actor_b="Ukraine", net_goldstein=-10.0, conflict=1)],)),
    "connection_path": ({"from": "Iran", "to": "SYR"}, lambda res: (
        _one(res, hops=2, actors=["Iran", "Russia", "Syria"]),)),
    "hedged_relations": ({"actor": "RUS"}, lambda res: (
        res == [_one(res, subject="Russia", relation="ATTACKS", object="Poland", negated=True)],)),
    "actor_profile": ({"actor": "Russia"}, lambda res: (
        _one(res, direction="in", relation="CRITICIZES", relations=3),
        _one(res, direction="out", relation="ATTACKS", partners=["Ukraine"]))),
    "timeline": ({"since": "2022-01-01", "until": "2022-12-31", "types": ["SUPPLIES"]}, lambda res: (
        len(res) == 5 and {r["relation"] for r in res} == {"SUPPLIES"},
        _one(res, subject="Iran", object="Russia", date="2022-10-20"))),
}

# Queries about agents and PLOVER roots run on the fixture plus one article of agents
# (agent_graph below): the frozen extractor output has none.
AGENT_QUERY_CASES = {
    "plover_events": ({"a": "RUS", "b": "German troops", "roots": ["threaten", "ASSAULT"]}, lambda res: (
        len(res) == 2,
        _one(res, subject_id="RUS", object_id="DEUMIL", plover="THREATEN", relations=1, hedged=0,
             types=["WARNS"], first="2024-05-01", article="ag-2024-05-01-agents"),
        # an ATTACKS the extractor coded as COERCE, not as its type's ASSAULT, counts under COERCE
        _one(res, subject_id="RUS", object_id="DEUMIL", plover="ASSAULT", relations=1, types=["ATTACKS"]))),
    "claims_by": ({"speaker": "Lithuania"}, lambda res: (
        res == [_one(res, speaker="Lithuania", subject="German prosecutors", relation="ACCUSES", object="Russia",
                     date="2024-04-15", mention="Vilnius", article="ag-2024-05-01-agents")],)),
    "agents_of": ({"actor": "Germany"}, lambda res: (
        [r["agent_id"] for r in res] == ["DEUJUD", "DEUMIL"],
        _one(res, agent_id="DEUJUD", sector="JUD", relations=2, as_subject=1, as_object=1,
             first="2024-04-15"),
        sorted(_one(res, agent_id="DEUJUD")["plover"]) == ["ACCUSE"],
        sorted(_one(res, agent_id="DEUMIL")["partners"]) == ["Lithuania", "Russia"],
        sorted(_one(res, agent_id="DEUMIL")["plover"]) == ["ASSAULT", "COERCE", "MOBILIZE", "THREATEN"])),
}


def test_queries_headed_facts_only_leave_out_negated_and_modal_relations():
    """A named query whose header says "facts only" filters every relationship it matches on
    `NOT r.negated` and `r.modality IS NULL` (the definition `graphkit analyze` and
    `SQLiteStore.find_relations` use)."""
    headed = 0
    for name in query_names():
        text = load_query(name).text
        header = " ".join(line for line in text.splitlines() if line.startswith("//"))
        if "facts only" not in header.lower():
            continue
        headed += 1
        body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
        for var in set(re.findall(r"-\[(\w+)", body)):
            assert re.search(rf"NOT {var}\.negated\b", body), (name, var)
            assert re.search(rf"\b{var}\.modality IS NULL\b", body), (name, var)
    assert headed >= 1


def test_every_named_query_has_a_case():
    assert set(QUERY_CASES) | set(AGENT_QUERY_CASES) == set(query_names())
    assert not set(QUERY_CASES) & set(AGENT_QUERY_CASES)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(QUERY_CASES))
def test_named_query_on_the_fixture(fixture_graph, name):
    params, check = QUERY_CASES[name]
    q = load_query(name)
    with Neo4jStore(fixture_graph, ensure_schema=False) as store:
        keys, records = store.run(q.text, q.bind(params))
    res = json.loads(format_result(keys, records, "json"))
    assert res, f"{name} returned nothing"
    assert all(check(res)), res


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(AGENT_QUERY_CASES))
def test_agent_and_plover_query_on_the_fixture(agent_graph, name):
    params, check = AGENT_QUERY_CASES[name]
    q = load_query(name)
    with Neo4jStore(agent_graph, ensure_schema=False) as store:
        keys, records = store.run(q.text, q.bind(params))
    res = json.loads(format_result(keys, records, "json"))
    assert res, f"{name} returned nothing"
    assert all(check(res)), res


@pytest.mark.neo4j
def test_agent_queries_narrow_by_sector_and_root(agent_graph):
    with Neo4jStore(agent_graph, ensure_schema=False) as store:
        q = load_query("agents_of")
        _, records = store.run(q.text, q.bind({"actor": "DEU", "sector": "mil"}))
        assert [r[1] for r in records] == ["DEUMIL"]
        q = load_query("plover_events")
        _, records = store.run(q.text, q.bind({"a": "USA", "b": "Ukraine"}))  # fixture rows: type defaults
        res = json.loads(format_result(["subject_id", "plover", "relations"],
                                       [[r[1], r[4], r[5]] for r in records], "json"))
        assert {"subject_id": "USA", "plover": "AID", "relations": 2} in res


@pytest.mark.neo4j
def test_cli_query_formats(fixture_graph):
    env = cli_env(fixture_graph)
    r = gk("query", "who_supplies", "--param", "actor=UKR", env=env)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["supplier", "supplier_id", "relations", "first", "last", "what", "articles"]
    assert lines[2].startswith("United States  USA") and lines[-1] == "(2 rows)"
    r = gk("query", "who_supplies", "-p", "actor=UKR", "--format", "csv", env=env)
    assert r.stdout.splitlines()[1].startswith("United States,USA,2,2022-03-01,2023-02-24,")
    r = gk("query", str(QUERIES_DIR / "hostile_dyads.cypher"), "-p", "limit=2", "--format", "json", env=env)
    assert json.loads(r.stdout)[0]["net_goldstein"] == -10.0
    # text with a parameter; the value never becomes Cypher
    evil = "RUS'}) DETACH DELETE (n) //"
    r = gk("query", "MATCH (a:Actor) WHERE a.id = $id RETURN a.name AS name", "-p", f"id={evil}",
           "--format", "json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout) == []
    r = gk("query", "MATCH (a:Actor {id: $id}) RETURN a", "-p", "id=RUS", "--format", "json", env=env)
    assert json.loads(r.stdout)[0]["a"]["labels"] == ["Actor", "State"]
    # an ad-hoc query's server warnings reach stderr, marked as warnings
    r = gk("query", "MATCH (a:Actr) RETURN count(a) AS n", env=env)
    assert r.returncode == 0 and "graphkit: warning:" in r.stderr and "Actr" in r.stderr


@pytest.mark.neo4j
def test_subgraph_from_cypher_and_view(fixture_graph, tmp_path):
    q = load_query("connection_path")
    sub = subgraph_from_cypher(fixture_graph, q.text, q.bind({"from": "IRN", "to": "SYR"}))
    assert [a["id"] for a in sub.actors()] == ["IRN", "RUS", "SYR"]
    rels = list(sub.relations())
    assert {(r["subject_id"], r["relation"], r["object_id"]) for r in rels} == {
        ("IRN", "SUPPLIES", "RUS"), ("RUS", "SUPPLIES", "SYR")}
    assert {a["id"] for a in sub.articles()} == {"fx-2022-10-20-drones-for-russia"}
    g = sub.to_networkx()
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    # bare relationships: their end nodes are fetched; ACTS_FOR becomes role rows
    sub = subgraph_from_cypher(fixture_graph, "MATCH ()-[r:SANCTIONS]->() RETURN r")
    assert len(list(sub.relations())) == 4 and {a["id"] for a in sub.actors()} >= {"EU", "RUS", "BLR"}
    sub = subgraph_from_cypher(fixture_graph, "MATCH (p)-[f:ACTS_FOR]->(s) RETURN collect([p, f, s]) AS x")
    assert {(r["person_id"], r["acts_for"]) for r in sub.roles()} == {("vladimir-putin", "RUS"),
                                                                      ("antony-blinken", "USA")}
    out = tmp_path / "view.html"
    r = gk("view", "--neo4j", fixture_graph.uri, "--cypher", "connection_path", "-p", "from=IRN",
           "-p", "to=SYR", "--out", str(out), env=cli_env(fixture_graph))
    assert r.returncode == 0, r.stderr
    assert "3 actors, 2 relations" in r.stdout and "Iran" in out.read_text()


def test_graph_forms_take_the_parameters_of_their_named_query():
    forms = sorted((QUERIES_DIR / "graph").glob("*.cypher"))
    assert [f.stem for f in forms] == ["sanction_network"]
    for f in forms:
        table, graph = load_query(f.stem), load_query(f.stem, graph=True)
        assert graph.path == f and table.path == QUERIES_DIR / f.name
        assert {k: (p.required, p.default) for k, p in graph.params.items()} == \
            {k: (p.required, p.default) for k, p in table.params.items()}
        assert used_params(graph.text) == set(graph.params)
    assert load_query("who_supplies", graph=True).path == QUERIES_DIR / "who_supplies.cypher"


@pytest.mark.neo4j
def test_view_of_sanction_network_draws_the_edges_of_its_table(fixture_graph, tmp_path):
    params = {"since": "2023-01-01"}
    table, graph = load_query("sanction_network"), load_query("sanction_network", graph=True)
    with Neo4jStore(fixture_graph, ensure_schema=False) as store:
        keys, records = store.run(table.text, table.bind(params))
        edges = {(r["sanctioner_id"], r["target_id"]): r["relations"]
                 for r in json.loads(format_result(keys, records, "json"))}
        sub = subgraph_from_cypher(store, graph.text, graph.bind(params))
    drawn: dict = {}
    for r in sub.relations():
        assert r["relation"] == "SANCTIONS" and r["date"] >= "2023-01-01"
        drawn[r["subject_id"], r["object_id"]] = drawn.get((r["subject_id"], r["object_id"]), 0) + 1
    assert drawn == edges and ("EU", "RUS") in drawn
    out = tmp_path / "sanctions.html"
    r = gk("view", "--neo4j", fixture_graph.uri, "--cypher", "sanction_network", "-p", "since=2023-01-01",
           "--out", str(out), env=cli_env(fixture_graph))
    assert r.returncode == 0, r.stderr
    assert f"{len(drawn)} relations" in r.stdout and "warning" not in r.stderr
    assert "European Union" in out.read_text()


@pytest.mark.neo4j
def test_view_of_a_query_returning_a_table_is_a_one_line_error(fixture_graph, tmp_path):
    out = tmp_path / "table.html"
    r = gk("view", "--neo4j", fixture_graph.uri, "--cypher", "who_supplies", "-p", "actor=UKR",
           "--out", str(out), env=cli_env(fixture_graph))
    line = assert_one_line_error(r, "query who_supplies returned", "supplier_id",
                                 "no nodes, relationships or paths", "RETURN p")
    assert "2 row(s)" in line and not out.exists()
    r = gk("view", "--neo4j", fixture_graph.uri, "--cypher", "MATCH (a:Actor) RETURN a.name AS name",
           "--out", str(out), env=cli_env(fixture_graph))
    assert_one_line_error(r, "the query returned", "of name but no nodes")
    assert not out.exists()


# --- errors: one line, exit 2, fast, nothing written ------------------------------------------

@pytest.mark.neo4j
def test_wrong_password_one_line_nothing_written(neo4j_clean, tmp_path):
    db = sqlite_db(tmp_path / "g.db", fixture_extractions())
    env = cli_env(neo4j_clean, NEO4J_PASSWORD="not-the-password")
    r = gk("load", "--db", str(db), env=env)
    assert_one_line_error(r, "refused user 'neo4j'", "wrong user name or password")
    assert counts(neo4j_clean).get("Actor", 0) == 0


@pytest.mark.neo4j
def test_server_down_one_line_within_seconds(neo4j_settings, tmp_path):
    db = sqlite_db(tmp_path / "g.db", fixture_extractions())
    port = free_port()  # closed: nothing listens there
    env = cli_env(neo4j_settings, NEO4J_URI=f"bolt://127.0.0.1:{port}")
    r = gk("load", "--db", str(db), env=env)
    assert_one_line_error(r, f"cannot reach Neo4j at bolt://127.0.0.1:{port}", within=5)
    r = gk("query", "who_supplies", "-p", "actor=UKR", "--neo4j", f"neo4j://127.0.0.1:{port}", env=env)
    assert_one_line_error(r, "cannot reach", within=5)


@pytest.mark.neo4j
def test_silent_server_times_out_within_seconds(neo4j_settings):
    with socket.socket() as s:  # accepts connections, never speaks Bolt
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        env = cli_env(neo4j_settings, NEO4J_URI=f"bolt://127.0.0.1:{s.getsockname()[1]}")
        r = gk("neo4j", "init", env=env)
    assert_one_line_error(r, "cannot reach", within=12)


@pytest.mark.neo4j
def test_wrong_database_one_line_nothing_written(neo4j_clean, tmp_path):
    db = sqlite_db(tmp_path / "g.db", fixture_extractions())
    env = cli_env(neo4j_clean)
    r = gk("load", "--db", str(db), "--database", "nosuchdb", env=env)
    assert_one_line_error(r, "no database 'nosuchdb'")
    r = gk("query", "who_supplies", "-p", "actor=UKR", env={**env, "NEO4J_DATABASE": "nosuchdb"})
    assert_one_line_error(r, "no database 'nosuchdb'")
    assert counts(neo4j_clean).get("Actor", 0) == 0


@pytest.mark.neo4j
def test_query_errors_one_line(neo4j_clean):
    env = cli_env(neo4j_clean)
    assert_one_line_error(gk("query", "MATCH (n RETURN n", env=env), "Cypher syntax error", "line 1")
    assert_one_line_error(gk("query", "MATCH (n) WHERE n.id = $who RETURN n", env=env),
                          "missing query parameter", "who")
    assert_one_line_error(gk("query", "who_warned_whom", "-p", "since=2024-01-01", env=env),
                          "needs --param until=VALUE")
    assert_one_line_error(gk("query", "who_supplies", "-p", "actr=UKR", env=env), "has no parameter $actr")
    assert_one_line_error(gk("query", "CREATE (:Actor {id: 'x'})", env=env), "--write")
    assert_one_line_error(gk("query", "no_such_query", env=env), "named queries")
    assert_one_line_error(gk("query", "who_supplies", "-p", "actor=UKR", env={**env, "NEO4J_URI": "http://x"}),
                          "not a Neo4j URI")
    assert_one_line_error(gk("query", "who_supplies", "-p", "actor=UKR", "--password-env", "GK_NO_SUCH_VAR",
                             env=env), "GK_NO_SUCH_VAR is not set")
    assert counts(neo4j_clean).get("Actor", 0) == 0
    r = gk("query", "CREATE (:Scratch {id: 'x'}) RETURN 1 AS one", "--write", env=env)
    assert r.returncode == 0 and "1" in r.stdout
    rows(neo4j_clean, "MATCH (n:Scratch) DELETE n")


# --- queries that end: timeout, Ctrl-C, read-only by the server's plan ------------------------

# 2,000 generated nodes make this a cartesian product of 8e9 rows: minutes of full CPU.
SLOW_QUERY = ("MATCH (a:GkSlow), (b:GkSlow), (c:GkSlow) WHERE a.i + b.i + c.i < 0 "
              "RETURN count(*) AS n")


@pytest.fixture
def slow_graph(neo4j_clean):
    rows(neo4j_clean, "UNWIND range(1, 2000) AS i CREATE (:GkSlow {i: i})")
    yield neo4j_clean
    rows(neo4j_clean, "MATCH (n:GkSlow) DELETE n")


def running(settings: Neo4jSettings, marker: str) -> list[dict]:
    """The server's running transactions whose query mentions `marker` (this one aside)."""
    return rows(settings, "SHOW TRANSACTIONS YIELD transactionId, currentQuery, metaData "
                          "WHERE currentQuery CONTAINS $m AND NOT currentQuery STARTS WITH 'SHOW' "
                          "RETURN transactionId, metaData", m=marker)


@pytest.mark.neo4j
def test_query_timeout_stops_a_slow_query_on_the_server(slow_graph):
    r = gk("query", SLOW_QUERY, "--timeout", "1", env=cli_env(slow_graph))
    assert_one_line_error(r, "longer than its 1 s timeout", "--timeout", within=15)
    assert running(slow_graph, "GkSlow") == []
    # the library: the same timeout, as a StoreError
    with Neo4jStore(slow_graph, ensure_schema=False) as store:
        t0 = time.monotonic()
        with pytest.raises(StoreError, match="0.5 s timeout"):
            store.run(SLOW_QUERY, timeout=0.5)
        assert time.monotonic() - t0 < 10


@pytest.mark.neo4j
@pytest.mark.timeout(120)
def test_ctrl_c_terminates_the_running_transaction_and_exits_130(slow_graph):
    proc = subprocess.Popen([*CLI, "query", SLOW_QUERY, "--timeout", "90"], cwd=ROOT,
                            env=cli_env(slow_graph), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        deadline = time.monotonic() + 30
        # the query's own transaction, tagged so that Ctrl-C finds it (not the EXPLAIN before it,
        # which a poll can catch first)
        while not [t for t in running(slow_graph, "GkSlow") if "graphkit_query" in t["metaData"]]:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the tagged query never started on the server"
            time.sleep(0.2)
        time.sleep(1.0)  # well inside the query's run
        t0 = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
        took = time.monotonic() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, (out, err)
    assert err.strip() == "graphkit: interrupted" and out == ""
    assert took < 10, f"Ctrl-C took {took:.1f} s"
    deadline = time.monotonic() + 10  # and the server no longer runs it
    while running(slow_graph, "GkSlow"):
        assert time.monotonic() < deadline, "the transaction still runs on the server"
        time.sleep(0.2)


@pytest.mark.neo4j
def test_read_only_is_the_servers_query_type_not_the_text(neo4j_clean):
    env = cli_env(neo4j_clean)
    # typed "r" by the server, but its plan terminates transactions: needs --write
    assert_one_line_error(gk("query", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'", env=env), "--write")
    assert_one_line_error(gk("query", "CREATE INDEX gk_scratch IF NOT EXISTS FOR (n:Scratch) ON (n.x)",
                             env=env), "schema", "--write")
    # a write whose text begins like a read
    assert_one_line_error(gk("query", "MATCH (n:Actor) WITH n LIMIT 1 SET n.touched = true RETURN n",
                             env=env), "--write")
    assert_one_line_error(gk("query", "PROFILE MATCH (n) RETURN n", env=env), "PROFILE")
    r = gk("query", "SHOW TRANSACTIONS YIELD transactionId RETURN count(*) AS n", "--format", "json", env=env)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["n"] >= 1, r.stderr
    r = gk("query", "TERMINATE TRANSACTIONS 'neo4j-transaction-999999999'", "--write", "--format", "json",
           env=env)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["message"] == "Transaction not found.", r.stderr
    with Neo4jStore(neo4j_clean, ensure_schema=False) as store:
        assert store.query_type("MATCH (n) RETURN count(n)") == "r"
        assert store.query_type("CREATE (n:Scratch) RETURN n") == "rw"
        assert store.query_type("SHOW TRANSACTIONS") == "r"
        assert store.query_type("TERMINATE TRANSACTIONS 'x'") == "w"
    # a syntax error's position is the user's, not that of the EXPLAIN graphkit adds
    assert_one_line_error(gk("query", "MATCH (n RETURN n", env=env), "line 1, column 10")
    assert rows(neo4j_clean, "SHOW INDEXES YIELD name WHERE name = 'gk_scratch' RETURN name") == []


# --- the kill test ----------------------------------------------------------------------------

def _borrow_cds_archive(state: Path) -> list[str]:
    """Copy the main test server's class-data-sharing archive (if any) into `state`, so the
    private server starts a few seconds faster; the JVM flags that map it on a manual start."""
    main = Path(os.environ.get("GRAPHKIT_NEO4J_STATE_DIR")
                or Path(os.environ.get("TMPDIR", "/tmp")) / "graphkit-neo4j") / "cds"
    archives = sorted(main.glob("*.jsa")) if main.is_dir() else []
    if not archives:
        return []
    (state / "cds").mkdir(parents=True, exist_ok=True)
    copy = state / "cds" / archives[0].name
    copy.write_bytes(archives[0].read_bytes())
    return [f"-XX:SharedArchiveFile={copy}", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"]


def _server_env(state: Path, port: int, password: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHKIT_NEO4J_"))}
    env.update({"GRAPHKIT_NEO4J_STATE_DIR": str(state), "GRAPHKIT_NEO4J_PORT": str(port),
                "GRAPHKIT_NEO4J_PASSWORD": password})
    return env


def _script(command: list[str], senv: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "scripts/neo4j.sh", *command], cwd=ROOT, env=senv,
                          capture_output=True, text=True, timeout=300)


def _private_server_env(tmp_path: Path, password: str) -> tuple[dict[str, str], int]:
    """The environment of a private scripts/neo4j.sh server (own state dir and port)."""
    if not (ROOT / "tests" / "neo4j-server" / "target" / "classpath.txt").is_file():
        msg = "the Neo4j test server has not been built (run scripts/neo4j.sh start once)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)
    state, port = tmp_path / "state", free_port()
    senv = _server_env(state, port, password)
    if not _borrow_cds_archive(state):  # without one the script would record one at stop: slow here
        senv["GRAPHKIT_NEO4J_CDS"] = "0"
    return senv, port


@pytest.mark.neo4j
@pytest.mark.timeout(600)
def test_neo4j_sh_keeps_its_store_across_restarts_unless_asked_for_a_fresh_one(neo4j_settings, tmp_path):
    password = "keep-test-password"
    senv, port = _private_server_env(tmp_path, password)
    settings = Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", password)
    try:
        started = _script(["start", "--fresh"], senv)
        assert started.returncode == 0, started.stderr
        assert "fresh store" in started.stderr and f"NEO4J_URI=bolt://127.0.0.1:{port}" in started.stdout
        rows(settings, "CREATE (:Kept {id: 'yesterday'})")
        assert _script(["stop"], senv).returncode == 0
        # a plain start keeps the graph, and the same password still logs in
        again = _script(["start"], senv)
        assert again.returncode == 0, again.stderr
        assert "kept store" in again.stderr and "--fresh" in again.stderr
        assert rows(settings, "MATCH (k:Kept) RETURN k.id AS id") == [{"id": "yesterday"}]
        assert _script(["stop"], senv).returncode == 0
        # asked for a fresh one, it starts empty
        fresh = _script(["start", "--fresh"], senv)
        assert fresh.returncode == 0 and "fresh store" in fresh.stderr, fresh.stderr
        assert rows(settings, "MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
        assert _script(["start", "--bogus"], senv).returncode == 2
    finally:
        _script(["stop"], senv)


@pytest.mark.neo4j
@pytest.mark.timeout(600)
def test_server_killed_mid_load_then_rerun_equals_clean_load(neo4j_clean, tmp_path):
    password = "kill-test-password"
    senv, port = _private_server_env(tmp_path, password)
    state = Path(senv["GRAPHKIT_NEO4J_STATE_DIR"])
    db = sqlite_db(tmp_path / "syn.db", synthetic_corpus(300, 8, seed=5))
    started = _script(["start", "--fresh"], senv)
    assert started.returncode == 0, started.stderr
    try:
        kill_settings = Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", password)
        env = cli_env(kill_settings)
        load = subprocess.Popen([*CLI, "load", "--db", str(db), "--batch-size", "20"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # wait for a few committed batches, then kill the server hard (the store survives)
        deadline = time.monotonic() + 120
        while True:
            assert load.poll() is None, "the load finished before the server could be killed"
            try:
                n = rows(kill_settings, "MATCH (a:Article) RETURN count(a) AS n")[0]["n"]
            except StoreError:
                n = 0
            if n >= 10:
                break
            assert time.monotonic() < deadline
            time.sleep(0.2)
        pid = int((state / "neo4j.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        t_kill = time.monotonic()
        out, err = load.communicate(timeout=120)
        waited = time.monotonic() - t_kill
        assert load.returncode == 2, (out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        assert re.search(r"cannot reach Neo4j|lost the connection", lines[0]), lines[0]
        assert waited < 40, f"the load took {waited:.0f} s to give up"
        # the script restarts on the store the killed server left (kept, not emptied)
        password = password + "-restarted"
        restarted = _script(["start"], {**senv, "GRAPHKIT_NEO4J_PASSWORD": password})
        assert restarted.returncode == 0 and "kept store" in restarted.stderr, restarted.stderr
        kill_settings = Neo4jSettings(f"bolt://127.0.0.1:{port}", "neo4j", password)
        env = cli_env(kill_settings)
        partial = counts(kill_settings)
        assert 10 <= partial["Article"] < 300, partial  # committed batches survived the crash
        again = gk("load", "--db", str(db), env=env)
        assert again.returncode == 0, again.stderr
        recovered = counts(kill_settings)
        dups = rows(kill_settings, "MATCH (a:Actor) WITH a.id AS id, count(*) AS n WHERE n > 1 RETURN id")
        assert dups == []
    finally:
        try:
            _script(["stop"], senv)
        except subprocess.TimeoutExpired:
            pass
    # the same corpus loaded cleanly into the main test server
    clean = gk("load", "--db", str(db), env=cli_env(neo4j_clean))
    assert clean.returncode == 0, clean.stderr
    assert recovered == counts(neo4j_clean)
