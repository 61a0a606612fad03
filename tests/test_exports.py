"""graphkit.exports: GraphML and GEXF round trips, node-link JSON, Neo4j bulk-import CSV."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from click.testing import CliRunner
from graphdata import MemoryStore, actor, article, rel, tiny_store

from graphkit.errors import InputError
from graphkit.exports import NODE_HEADER, RELATIONSHIP_HEADER, export, to_exportable
from graphkit.graph import to_networkx

# The exact headers neo4j-admin database import expects (Neo4j Operations Manual, "Import
# header format": <name>:ID(<id space>), :LABEL with ;-separated labels, :START_ID(<space>),
# :END_ID(<space>), :TYPE, typed properties as <name>:<type>; long and double are the types
# the Bolt driver gives Python ints and floats). tests/test_neo4j_bulk.py imports them for real.
NEO4J_NODES = "id:ID(Actor),name,kind,acts_for,sector,:LABEL"
NEO4J_RELS = (":START_ID(Actor),:END_ID(Actor),:TYPE,id,doc_id,sentence_index:long,sentence,start:long,"
              "end:long,negated:boolean,modality,what,date,confidence:double,extractor,trigger,"
              "subject_mention,object_mention,plover,speaker_id,speaker_mention,date_source,article_date,"
              "subject_acts_for,object_acts_for,quad_class:long,goldstein:double")


def _csv_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _no_none(G: nx.Graph) -> None:
    for _, d in G.nodes(data=True):
        assert None not in d.values()
    for *_, d in G.edges(data=True):
        assert None not in d.values()


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_xml_round_trip(tmp_path, fmt, reader):
    G = to_networkx(tiny_store())
    out = tmp_path / f"g.{fmt}"
    assert export(G, fmt, out) == [str(out)]
    R = reader(out)
    assert R.is_directed() and R.is_multigraph()
    assert set(R) == set(G)
    assert R.number_of_edges() == G.number_of_edges() == 12
    _no_none(R)
    assert R.nodes["RUS"]["name"] == "Russia" and R.nodes["RUS"]["kind"] == "state"
    assert R.nodes["RUS"]["acts_for"] == "" and R.nodes["sergey-lavrov"]["acts_for"] == "RUS"
    keys = {k for _, _, k in R.edges(keys=True)}
    assert keys == {k for _, _, k in G.edges(keys=True)}  # relation ids survive
    for u, v, k, d in G.edges(keys=True, data=True):
        r = R.edges[u, v, k]
        assert r["relation"] == d["relation"] == r["label"]
        assert r["negated"] is d["negated"]  # typed: a real boolean
        assert isinstance(r["confidence"], float) and r["confidence"] == d["confidence"]
        assert isinstance(r["quad_class"], int) and isinstance(r["goldstein"], float)
        assert r["sentence"] == d["sentence"] and r["doc_id"] == d["doc_id"]
        assert r["modality"] == "" and r["date"] == (d["date"] or "")


def test_gexf_has_labels_and_relation_ids_for_gephi(tmp_path):
    out = tmp_path / "g.gexf"
    export(tiny_store(), "gexf", out)
    text = out.read_text(encoding="utf-8")
    assert 'xmlns="http://www.gexf.net/1.2draft"' in text
    assert '<node id="RUS" label="Russia">' in text
    rid = tiny_store()._relations[0]["id"]
    assert f'id="{rid}"' in text and 'label="ATTACKS"' in text
    for t in ('type="boolean"', 'type="double"', 'type="string"'):
        assert t in text


def test_merged_export_counts_and_unique_ids(tmp_path):
    export(tiny_store(), "graphml", tmp_path / "m.graphml", merged=True)
    export(tiny_store(), "gexf", tmp_path / "m.gexf", merged=True)
    for R in (nx.read_graphml(tmp_path / "m.graphml"), nx.read_gexf(tmp_path / "m.gexf")):
        _no_none(R)
        [(k, d)] = [(k, d) for u, v, k, d in R.edges(keys=True, data=True)
                    if (u, v, d["relation"]) == ("RUS", "UKR", "ATTACKS")]
        assert k == "RUS|ATTACKS|UKR"
        assert d["count"] == 3 and d["weight"] == 3.0 and d["articles"] == 2
        assert (d["first_date"], d["last_date"]) == ("2022-03-02", "2023-05-10")
        assert d["doc_ids"] == "a1; a2" and d["sentences"].count(" | ") == 2
        assert len(d["ids"].split("; ")) == 3
        assert R.number_of_edges() == 8 + 1  # 8 type/pair groups + the negated one


def test_json_node_link_round_trip(tmp_path):
    out = tmp_path / "g.json"
    export(tiny_store(), "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"nodes", "links", "directed", "multigraph"} <= set(data)
    R = nx.node_link_graph(data, edges="links")
    G = to_networkx(tiny_store())
    assert set(R) == set(G) and R.number_of_edges() == G.number_of_edges()
    assert {k for *_, k in R.edges(keys=True)} == {k for *_, k in G.edges(keys=True)}


def test_stdout(tmp_path, capsysbinary):
    assert export(tiny_store(), "json", "-") == ["-"]
    data = json.loads(capsysbinary.readouterr().out)
    assert len(data["links"]) == 12


def test_neo4j_csv(tmp_path):
    store = tiny_store()
    store._relations[0]["sentence"] = 'Russia said "no", then\nattacked, again.'
    store._relations[0]["modality"] = "reported"
    paths = export(store, "neo4j-admin", tmp_path / "imp")
    assert paths == [str(tmp_path / "imp" / f) for f in
                     ("actors.csv", "articles.csv", "relations.csv", "reports.csv", "acts_for.csv")]
    nodes_text = (tmp_path / "imp" / "actors.csv").read_text(encoding="utf-8")
    rels_text = (tmp_path / "imp" / "relations.csv").read_text(encoding="utf-8")
    assert nodes_text.splitlines()[0] == NEO4J_NODES == ",".join(NODE_HEADER)
    assert rels_text.splitlines()[0] == NEO4J_RELS == ",".join(RELATIONSHIP_HEADER)
    nodes = _csv_rows(tmp_path / "imp" / "actors.csv")
    assert len(nodes) == 6
    labels = {n["id:ID(Actor)"]: n[":LABEL"] for n in nodes}
    assert labels["RUS"] == "Actor;State" and labels["NATO"] == "Actor;Organisation"
    assert labels["sergey-lavrov"] == "Actor;Person"
    rels = _csv_rows(tmp_path / "imp" / "relations.csv")
    assert len(rels) == 12  # one row per relationship
    assert {r["negated:boolean"] for r in rels} == {"true", "false"}
    assert all(r[":TYPE"] in ("ATTACKS", "SANCTIONS", "SUPPLIES", "SUPPORTS", "MEETS", "CRITICIZES")
               for r in rels)
    first = next(r for r in rels if r["id"] == store._relations[0]["id"])
    assert first["sentence"] == 'Russia said "no", then\nattacked, again.'  # kept as it is stored
    assert first["modality"] == "reported" and first["confidence:double"] == "0.9"
    assert (first[":START_ID(Actor)"], first[":END_ID(Actor)"]) == ("RUS", "UKR")
    undated = next(r for r in rels if r["doc_id"] == "a4")
    assert undated["date"] == ""
    assert {a["id:ID(Article)"] for a in _csv_rows(tmp_path / "imp" / "articles.csv")} >= {r["doc_id"] for r in rels}


def test_bad_requests(tmp_path):
    with pytest.raises(InputError, match="known: graphml, gexf, json, neo4j-admin, csv"):
        export(tiny_store(), "dot", tmp_path / "x")
    with pytest.raises(InputError):
        export(tiny_store(), "csv", tmp_path / "x", merged=True)
    (tmp_path / "file").write_text("")
    with pytest.raises(InputError):
        export(tiny_store(), "csv", tmp_path / "file")
    with pytest.raises(InputError):
        export(tiny_store(), "gexf", tmp_path)


def test_control_characters_and_markup_stay_readable(tmp_path):
    store = MemoryStore([actor("A", "A & <B>"), actor("B", "B\x01")], [article("d")],
                        [rel("d", 0, "A", "MEETS", "B", sentence="x\x00y\x0bz <b>&amp;</b> \u2028")])
    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        export(store, fmt, tmp_path / f"c.{fmt}")
        R = reader(tmp_path / f"c.{fmt}")
        [(_, _, d)] = R.edges(data=True)
        assert d["sentence"] == "xyz <b>&amp;</b> \u2028"
        assert R.nodes["A"]["name"] == "A & <B>" and R.nodes["B"]["name"] == "B"


def test_to_exportable_types():
    X = to_exportable(to_networkx(tiny_store()))
    for *_, d in X.edges(data=True):
        assert type(d["negated"]) is bool and type(d["confidence"]) is float
        assert type(d["quad_class"]) is int and type(d["sentence_index"]) is int
        assert isinstance(d["modality"], str)
    assert X.nodes["RUS"]["label"] == "Russia"


def test_export_from_the_real_sqlite_store_and_cli(tmp_path, monkeypatch):
    from graphkit.build import build
    from graphkit.cli import main
    from graphkit.stores.sqlite import SQLiteStore

    db = tmp_path / "ex.db"
    build(["examples/articles"], store=db)
    with SQLiteStore(db, create=False) as store:
        n_rel = sum(1 for _ in store.relations())
        export(store, "gexf", tmp_path / "s.gexf")
    assert nx.read_gexf(tmp_path / "s.gexf").number_of_edges() == n_rel

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for fmt in ("graphml", "gexf", "json"):
        res = runner.invoke(main, ["export", "--db", str(db), "--format", fmt])
        assert res.exit_code == 0, res.output
        assert (tmp_path / f"graph.{fmt}").stat().st_size > 1000
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "csv"])
    assert res.exit_code == 0, res.output
    path = tmp_path / "neo4j-import" / "relations.csv"
    assert path.read_text(encoding="utf-8").splitlines()[0] == NEO4J_RELS and len(_csv_rows(path)) == n_rel
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "--out", "-",
                               "--relation", "attacks"])
    assert res.exit_code == 0
    data = json.loads(res.stdout)
    assert data["links"] and {link["relation"] for link in data["links"]} == {"ATTACKS"}
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "xml"])
    assert res.exit_code == 2
    res = runner.invoke(main, ["export", "--db", str(tmp_path / "missing.db"), "--format", "json"])
    assert res.exit_code == 2 and "no such database" in res.stderr and "Traceback" not in res.output


# --- agents, unresolved actors, PLOVER roots --------------------------------------------------

def agent_store() -> MemoryStore:
    actors = [actor("DEU", "Germany"), actor("RUS", "Russia"),
              {**actor("DEUJUD", "German prosecutors", "agent", "DEU"), "sector": "JUD"},
              actor("unresolved:aclu", "ACLU", "unresolved")]
    relations = [{**rel("d", 0, "DEUJUD", "ACCUSES", "RUS"), "plover": "ACCUSE"},
                 {**rel("d", 1, "RUS", "COERCES", "DEUJUD"), "plover": "ASSAULT"},
                 rel("d", 2, "RUS", "COERCES", "DEUJUD"),  # no root of its own: COERCE
                 rel("d", 3, "unresolved:aclu", "CRITICIZES", "DEUJUD")]
    return MemoryStore(actors, [article("d")], relations)


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_xml_exports_carry_kind_sector_acts_for_and_plover(tmp_path, fmt, reader):
    export(agent_store(), fmt, tmp_path / f"a.{fmt}")
    R = reader(tmp_path / f"a.{fmt}")
    _no_none(R)
    assert {k: R.nodes["DEUJUD"][k] for k in ("kind", "sector", "acts_for")} == {
        "kind": "agent", "sector": "JUD", "acts_for": "DEU"}
    assert R.nodes["unresolved:aclu"]["kind"] == "unresolved" and R.nodes["unresolved:aclu"]["sector"] == ""
    assert sorted((d["relation"], d["plover"]) for *_, d in R.edges(data=True)) == [
        ("ACCUSES", "ACCUSE"), ("COERCES", "ASSAULT"), ("COERCES", "COERCE"), ("CRITICIZES", "ACCUSE")]
    export(agent_store(), fmt, tmp_path / f"m.{fmt}", merged=True)
    M = reader(tmp_path / f"m.{fmt}")
    assert {d["relation"]: d["plover"] for *_, d in M.edges(data=True)}["COERCES"] == "COERCE; ASSAULT"


def test_json_export_carries_kind_sector_and_plover(tmp_path):
    export(agent_store(), "json", tmp_path / "a.json")
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert (nodes["DEUJUD"]["kind"], nodes["DEUJUD"]["sector"], nodes["DEUJUD"]["acts_for"]) == ("agent", "JUD", "DEU")
    assert sorted(link["plover"] for link in data["links"]) == ["ACCUSE", "ACCUSE", "ASSAULT", "COERCE"]


def test_neo4j_csv_has_the_stores_kind_labels_sector_acts_for_and_plover(tmp_path):
    from graphkit.stores.neo4j import KIND_LABELS

    export(agent_store(), "csv", tmp_path / "imp")
    nodes = {n["id:ID(Actor)"]: n for n in _csv_rows(tmp_path / "imp" / "actors.csv")}
    assert nodes["DEUJUD"] == {"id:ID(Actor)": "DEUJUD", "name": "German prosecutors", "kind": "agent",
                               "acts_for": "DEU", "sector": "JUD", ":LABEL": "Actor;Agent"}
    assert nodes["unresolved:aclu"][":LABEL"] == "Actor;Unresolved"
    assert nodes["RUS"]["sector"] == "" and nodes["RUS"][":LABEL"] == "Actor;State"
    assert {n[":LABEL"].split(";")[1] for n in nodes.values()} <= set(KIND_LABELS.values())
    rels = _csv_rows(tmp_path / "imp" / "relations.csv")
    assert sorted((r[":TYPE"], r["plover"]) for r in rels) == [
        ("ACCUSES", "ACCUSE"), ("COERCES", "ASSAULT"), ("COERCES", "COERCE"), ("CRITICIZES", "ACCUSE")]


# --- speakers and event dates -------------------------------------------------------------------

def _claims_db(path):
    """A real store: Lavrov's claim that Germany supplies Ukraine (dated by the text), and a
    meeting the text asserts itself."""
    from graphkit.model import Actor, Article, Extraction, Mention, Relation
    from graphkit.stores.sqlite import SQLiteStore

    deu, ukr, fra = Actor("DEU", "Germany", "state"), Actor("UKR", "Ukraine", "state"), Actor("FRA", "France", "state")
    lavrov = Actor("sergei-lavrov", "Sergei Lavrov", "person", acts_for="RUS")  # the gazetteer's id
    claim = Relation(Mention(deu, "Germany", 0, 7), "SUPPLIES", Mention(ukr, "Ukraine", 17, 24), "d1",
                     "Germany supplies Ukraine, Lavrov said.", 0, 0, 38, date="2022-02-24", date_source="text",
                     article_date="2024-05-01", speaker=Mention(lavrov, "Lavrov", 26, 32), extractor="test")
    meet = Relation(Mention(fra, "France", 0, 6), "MEETS", Mention(deu, "Germany", 11, 18), "d1",
                    "France met Germany.", 1, 39, 58, extractor="test")
    with SQLiteStore(path) as store:
        store.write([Extraction(Article("d1", "", "T", "https://example.org/d1", "2024-05-01", "wire"), [claim, meet])])
    return path, claim, meet


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_xml_exports_carry_speaker_and_dates(tmp_path, fmt, reader):
    db, claim, meet = _claims_db(tmp_path / "c.db")
    from graphkit.stores.sqlite import SQLiteStore

    with SQLiteStore(db, readonly=True) as store:
        export(store, fmt, tmp_path / f"g.{fmt}")
    edges = {(u, v): d for u, v, d in reader(tmp_path / f"g.{fmt}").edges(data=True)}
    c, m = edges["DEU", "UKR"], edges["FRA", "DEU"]
    assert (c["speaker_id"], c["speaker_name"], c["speaker_mention"]) == ("sergei-lavrov", "Sergei Lavrov", "Lavrov")
    assert (c["date"], c["date_source"], c["article_date"]) == ("2022-02-24", "text", "2024-05-01")
    assert (m["speaker_id"], m["date"], m["date_source"]) == ("", "2024-05-01", "article")


def test_json_csv_and_neo4j_admin_exports_carry_speaker_and_dates_and_filter_by_speaker(tmp_path):
    from graphkit.cli import main

    db, claim, meet = _claims_db(tmp_path / "c.db")
    runner = CliRunner()
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "--out", "-"])
    assert res.exit_code == 0, res.output
    links = {e["key"]: e for e in json.loads(res.stdout)["links"]}
    assert links[claim.id]["speaker_id"] == "sergei-lavrov" and links[claim.id]["date_source"] == "text"
    # --speaker keeps the relations the text attributes to that actor (by name, alias or id)
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "--out", "-", "--speaker", "Lavrov"])
    assert res.exit_code == 0, res.output
    assert [e["key"] for e in json.loads(res.stdout)["links"]] == [claim.id]
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "--out", "-", "--speaker", "Atlantis"])
    assert res.exit_code == 2 and res.stderr.strip() == (
        "graphkit: error: unknown actor 'Atlantis' (not in the gazetteer nor in the store)")
    # neo4j-admin: the properties, and the speaker as a node though it is neither subject nor object
    for extra in ([], ["--speaker", "Lavrov"]):  # names are resolved for the bulk export too
        out = tmp_path / ("bulk" + "".join(extra))
        res = runner.invoke(main, ["export", "--db", str(db), "--format", "neo4j-admin", "--out", str(out), *extra])
        assert res.exit_code == 0, res.output
        rels = {r["id"]: r for r in _csv_rows(out / "relations.csv")}
        assert (rels[claim.id]["speaker_id"], rels[claim.id]["speaker_mention"]) == ("sergei-lavrov", "Lavrov")
        assert (rels[claim.id]["date_source"], rels[claim.id]["article_date"]) == ("text", "2024-05-01")
        assert "sergei-lavrov" in {r["id:ID(Actor)"] for r in _csv_rows(out / "actors.csv")}
    assert set(rels) == {claim.id}
