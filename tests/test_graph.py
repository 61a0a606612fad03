"""graphkit.graph: building the networkx graph from store rows, merging, and the analytics."""
from __future__ import annotations

import networkx as nx
import pytest
from graphdata import MemoryStore, actor, article, rel, tiny_store

from graphkit.errors import InputError
from graphkit.graph import (Evidence, centrality, communities, dyad_balance, merge_edges,
                            relation_count, to_networkx)


@pytest.fixture
def G():
    return to_networkx(tiny_store())


# --- to_networkx ------------------------------------------------------------------------------

def test_nodes_and_edges_carry_the_rows(G):
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G) == {"RUS", "UKR", "USA", "CHN", "NATO", "sergey-lavrov"}
    assert G.number_of_edges() == 12
    assert G.nodes["RUS"] == {"name": "Russia", "kind": "state", "acts_for": None, "sector": None}
    # a person without acts_for on the actor row gets it from the latest role
    assert G.nodes["sergey-lavrov"]["acts_for"] == "RUS"
    r = tiny_store()._relations[0]
    d = G.edges["RUS", "UKR", r["id"]]
    assert d["relation"] == "ATTACKS" and d["negated"] is False
    assert d["date"] == "2022-03-02"  # the article's date: the row has none
    assert d["url"] == "https://example.org/a1" and d["title"] == "Title of a1" and d["source"] == "wire"
    assert d["quad_class"] == 4 and d["goldstein"] == -10.0
    assert d["doc_id"] == "a1" and d["sentence"] == r["sentence"] and d["confidence"] == 0.9
    assert G.graph["relations_total"] == 12


def test_relation_date_wins_over_article_date():
    store = MemoryStore([actor("A", "A"), actor("B", "B")], [article("d", "2020-01-01")],
                        [rel("d", 0, "A", "MEETS", "B", date="2020-01-05")])
    G = to_networkx(store)
    assert [d["date"] for *_, d in G.edges(data=True)] == ["2020-01-05"]


def test_accepts_a_mapping_or_bare_relation_rows():
    s = tiny_store()
    G1 = to_networkx({"actors": s._actors, "articles": s._articles, "relations": s._relations})
    assert G1.number_of_edges() == 12 and G1.nodes["UKR"]["name"] == "Ukraine"
    G2 = to_networkx(s._relations)
    assert G2.number_of_edges() == 12
    assert G2.nodes["UKR"] == {"name": "UKR", "kind": "other", "acts_for": None, "sector": None}
    with pytest.raises(TypeError):
        to_networkx(42)


def test_unknown_actor_ids_in_relations_become_other_nodes():
    G = to_networkx(MemoryStore([], [], [rel("d", 0, "X", "MEETS", "Y")]))
    assert G.nodes["X"]["kind"] == "other" and G.nodes["X"]["name"] == "X"


def test_relation_filter_is_case_insensitive_and_checked():
    G = to_networkx(tiny_store(), relations=["attacks", "Sanctions"])
    assert {d["relation"] for *_, d in G.edges(data=True)} == {"ATTACKS", "SANCTIONS"}
    G = to_networkx(tiny_store(), relations="meets")
    assert G.number_of_edges() == 2
    with pytest.raises(InputError) as e:
        to_networkx(tiny_store(), relations=["BOMBS"])
    assert "BOMBS" in str(e.value) and "ATTACKS" in str(e.value) and "known" in str(e.value)


def test_date_filters_are_inclusive_and_take_partial_dates():
    def dates(**kw):
        return [d["date"] for *_, d in to_networkx(tiny_store(), **kw).edges(data=True)]
    assert set(dates(since="2023-05-10")) == {"2023-05-10", "2024-01-12"}
    assert set(dates(until="2023-05-10")) == {"2022-03-02", "2023-05-10"}
    assert set(dates(since="2023", until="2023")) == {"2023-05-10"}
    assert set(dates(until="2023-05")) == {"2022-03-02", "2023-05-10"}
    # the undated relation (article a4 has no date) goes as soon as a bound is given
    assert len(dates()) == 12 and len(dates(since="1900")) == 11
    for bad in ("2024-13", "2024-02-30", "yesterday", "24-01-01"):
        with pytest.raises(InputError):
            to_networkx(tiny_store(), since=bad)


def test_actor_neighbourhood():
    G = to_networkx(tiny_store(), actor="NATO", hops=0)
    assert set(G) == {"NATO"} and G.number_of_edges() == 0
    G = to_networkx(tiny_store(), actor="NATO")  # hops defaults to 1, direction ignored
    assert set(G) == {"NATO", "UKR", "sergey-lavrov"}
    G = to_networkx(tiny_store(), actor="NATO", hops=2)
    assert set(G) == {"NATO", "UKR", "sergey-lavrov", "RUS", "USA"}
    assert to_networkx(tiny_store(), actor="NOPE").number_of_nodes() == 0
    with pytest.raises(InputError):
        to_networkx(tiny_store(), actor="NATO", hops=-1)


def test_actor_without_matching_relations_is_a_lone_node():
    G = to_networkx(tiny_store(), actor="NATO", relations=["ATTACKS"])
    assert list(G.nodes(data=True)) == [("NATO", {"name": "NATO", "kind": "organisation", "acts_for": None,
                                                 "sector": None})]


def test_min_mentions_keeps_repeated_relations():
    G = to_networkx(tiny_store(), min_mentions=2)
    assert {(u, d["relation"], v) for u, v, d in G.edges(data=True)} == {
        ("RUS", "ATTACKS", "UKR"), ("USA", "SANCTIONS", "RUS")}
    assert G.number_of_edges() == 5
    assert to_networkx(tiny_store(), min_mentions=4).number_of_edges() == 0


# --- merge_edges ------------------------------------------------------------------------------

def test_merge_counts_dates_and_evidence(G):
    M = merge_edges(G)
    assert M.number_of_nodes() == G.number_of_nodes()
    d = M.edges["RUS", "UKR", "ATTACKS"]
    assert d["count"] == 3 and d["articles"] == 2
    assert (d["first_date"], d["last_date"]) == ("2022-03-02", "2023-05-10")
    assert len(d["ids"]) == 3 and d["quad_class"] == 4 and d["goldstein"] == -10.0
    assert all(isinstance(ev, Evidence) for ev in d["evidence"])
    assert [ev.date for ev in d["evidence"]] == ["2022-03-02", "2022-03-02", "2023-05-10"]
    ev = d["evidence"][0]
    assert (ev.source, ev.url, ev.doc_id) == ("wire", "https://example.org/a1", "a1")
    # negated relations are left out unless asked for, then kept apart
    assert not M.has_edge("CHN", "USA", "ATTACKS") and not M.has_edge("CHN", "USA", "NOT ATTACKS")
    N = merge_edges(G, include_negated=True)
    assert N.edges["CHN", "USA", "NOT ATTACKS"]["negated"] is True
    assert relation_count(M) == 11 and relation_count(N) == 12 == relation_count(G)
    assert relation_count(G, include_negated=False) == 11


def test_merge_keeps_one_evidence_per_sentence():
    rows = [rel("d", 0, "A", "MEETS", "B", sentence="Same."), rel("d", 0, "A", "MEETS", "B", sentence="Same.")]
    rows[1]["id"] = "other-id"  # two extractions of one sentence
    M = merge_edges(to_networkx(rows))
    d = M.edges["A", "B", "MEETS"]
    assert d["count"] == 2 and len(d["evidence"]) == 1


# --- analytics --------------------------------------------------------------------------------

def test_centrality_degrees_and_pagerank(G):
    c = centrality(G)
    assert list(c)[0] == max(c, key=lambda k: c[k]["pagerank"])
    assert c["UKR"]["in_degree"] == 5 and c["UKR"]["out_degree"] == 1 and c["UKR"]["degree"] == 6
    assert c["CHN"]["degree"] == 2  # the negated CHN ATTACKS USA does not count
    assert centrality(G, include_negated=True)["CHN"]["degree"] == 3
    assert c["RUS"]["neighbours"] == 3 and c["RUS"]["degree_centrality"] == pytest.approx(3 / 5)
    assert sum(v["pagerank"] for v in c.values()) == pytest.approx(1.0)
    assert c["RUS"]["name"] == "Russia" and c["RUS"]["kind"] == "state"
    # the same scores on the merged view (its edges weigh their count)
    m = centrality(merge_edges(G))
    assert {k: v["degree"] for k, v in m.items()} == {k: v["degree"] for k, v in c.items()}
    assert {k: round(v["pagerank"], 9) for k, v in m.items()} == {k: round(v["pagerank"], 9) for k, v in c.items()}


def test_pagerank_matches_networkx():
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    H = nx.gnp_random_graph(60, 0.06, seed=3, directed=True)
    rows = [rel("d", i, f"n{u}", "MEETS", f"n{v}") for i, (u, v) in enumerate(H.edges())]
    rows += [rel("e", 0, "n1", "MEETS", "n2"), rel("e", 1, "n1", "MEETS", "n2")]  # weight 3 on n1->n2
    G = to_networkx(rows)
    W = nx.DiGraph()
    W.add_nodes_from(G)
    for u, v in G.edges():
        W.add_edge(u, v, weight=W.get_edge_data(u, v, {"weight": 0})["weight"] + 1)
    expected = _pagerank_python(W, weight="weight", tol=1e-12, max_iter=500)
    got = centrality(G)
    for n in G:
        assert got[n]["pagerank"] == pytest.approx(expected[n], abs=1e-7)


def test_communities_find_two_blocs():
    rows, i = [], 0
    for bloc in (["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"]):
        for x in bloc:
            for y in bloc:
                if x < y:
                    rows.append(rel("d", i, x, "MEETS", y))
                    i += 1
    rows.append(rel("d", i, "A1", "ATTACKS", "B1"))
    G = to_networkx(MemoryStore([actor(x, x) for x in ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "Z"]],
                                [], rows))
    G.add_node("Z", name="Z", kind="state", acts_for=None)
    groups = communities(G)
    assert sorted(map(sorted, groups[:2])) == [["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"]]
    assert groups[-1] == ["Z"]
    assert communities(nx.MultiDiGraph()) == []
    lone = nx.MultiDiGraph()
    lone.add_nodes_from(["x", "y"])
    assert communities(lone) == [["x"], ["y"]]


def test_dyad_balance(G):
    dyads = {d["actors"]: d for d in dyad_balance(G)}
    ru = dyads[("RUS", "UKR")]
    assert ru["conflictual"] == 3 and ru["cooperative"] == 0 and ru["by_quad"] == {1: 0, 2: 0, 3: 0, 4: 3}
    assert ru["goldstein"] == -30.0 and ru["balance"] == -3 and ru["mean_goldstein"] == -10.0
    assert ru["names"] == ("Russia", "Ukraine")
    nu = dyads[("NATO", "UKR")]  # SUPPORTS one way, MEETS the other: both count
    assert nu["cooperative"] == 2 and nu["goldstein"] == pytest.approx(4.4) and nu["balance"] == 2
    assert dyads[("CHN", "USA")]["goldstein"] == -2.0  # negated ATTACKS left out
    with_neg = {d["actors"]: d for d in dyad_balance(G, include_negated=True)}
    assert with_neg[("CHN", "USA")]["goldstein"] == -12.0
    ordered = dyad_balance(G)
    assert ordered[0]["actors"] == ("RUS", "UKR")  # most conflictual first
    assert [d["goldstein"] for d in ordered] == sorted(d["goldstein"] for d in ordered)
    # merged graph: same numbers
    assert dyad_balance(merge_edges(G)) == ordered


def test_analytics_skip_self_relations_and_unknown_types():
    rows = [rel("d", 0, "A", "MEETS", "A"), rel("d", 1, "A", "HUGS", "B"), rel("d", 2, "A", "WARNS", "B")]
    G = to_networkx(rows)
    assert G.edges["A", "B", rows[1]["id"]]["quad_class"] is None
    [d] = dyad_balance(G)
    assert d["relations"] == 1 and d["goldstein"] == -4.4
    assert centrality(G)["A"]["neighbours"] == 1


# --- through the real SQLite store ------------------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    from graphkit.build import build

    db = tmp_path_factory.mktemp("graph") / "examples.db"
    build(["examples/articles"], store=db)
    return db


def test_graph_of_the_real_sqlite_store(example_db):
    from graphkit.stores.sqlite import SQLiteStore

    with SQLiteStore(example_db, create=False) as store:
        rows = list(store.relations())
        actors = {a["id"]: a for a in store.actors()}
        G = to_networkx(store)
    assert G.number_of_edges() == len(rows) > 50
    for r in rows:
        d = G.edges[r["subject_id"], r["object_id"], r["id"]]
        assert d["relation"] == r["relation"] and d["negated"] == r["negated"]
        assert d["sentence"] == r["sentence"]
    for n, d in G.nodes(data=True):
        assert d["name"] == actors[n]["name"] and d["kind"] == actors[n]["kind"]
    assert all(d["date"] for *_, d in G.edges(data=True))  # every example article is dated
    c = centrality(G)
    assert {"RUS", "USA"} & set(list(c)[:5])
    assert sum(len(g) for g in communities(G)) == G.number_of_nodes()
    dyads = dyad_balance(G)
    assert dyads[0]["goldstein"] < 0 < dyads[-1]["goldstein"]
    M = merge_edges(G)
    assert relation_count(M) == sum(1 for r in rows if not r["negated"])


# --- PLOVER roots, agents ---------------------------------------------------------------------

def _plover_store() -> MemoryStore:
    """An agent and an unresolved actor; rows with their own PLOVER root and rows without one
    (as stores written before relations carried roots give them)."""
    actors = [actor("DEU", "Germany"), actor("RUS", "Russia"),
              {**actor("DEUJUD", "German prosecutors", "agent", "DEU"), "sector": "JUD"},
              actor("unresolved:aclu", "ACLU", "unresolved")]
    relations = [{**rel("d", 0, "DEUJUD", "ACCUSES", "RUS"), "plover": "ACCUSE"},
                 {**rel("d", 1, "RUS", "COERCES", "DEUJUD"), "plover": "ASSAULT"},  # not the type's root
                 rel("d", 2, "RUS", "COERCES", "DEUJUD"),  # no root: COERCES' own, COERCE
                 rel("d", 3, "unresolved:aclu", "CRITICIZES", "DEUJUD")]
    return MemoryStore(actors, [article("d")], relations)


def test_edges_carry_plover_and_nodes_their_sector():
    G = to_networkx(_plover_store())
    assert G.nodes["DEUJUD"] == {"name": "German prosecutors", "kind": "agent", "acts_for": "DEU",
                                 "sector": "JUD"}
    assert G.nodes["unresolved:aclu"]["kind"] == "unresolved"
    roots = sorted((d["relation"], d["plover"]) for *_, d in G.edges(data=True))
    assert roots == [("ACCUSES", "ACCUSE"), ("COERCES", "ASSAULT"), ("COERCES", "COERCE"),
                     ("CRITICIZES", "ACCUSE")]


def test_plover_filter_is_case_insensitive_defaults_from_the_type_and_is_checked():
    G = to_networkx(_plover_store(), plover=["coerce"])
    assert [(u, v, d["plover"]) for u, v, d in G.edges(data=True)] == [("RUS", "DEUJUD", "COERCE")]
    G = to_networkx(_plover_store(), plover="ACCUSE")
    assert sorted(d["relation"] for *_, d in G.edges(data=True)) == ["ACCUSES", "CRITICIZES"]
    G = to_networkx(_plover_store(), plover=["ASSAULT"], relations=["COERCES"])
    assert G.number_of_edges() == 1
    assert to_networkx(tiny_store(), plover=["SANCTION"]).number_of_edges() == 2  # rows without roots
    with pytest.raises(InputError) as e:
        to_networkx(_plover_store(), plover=["BOMB"])
    assert str(e.value).startswith("--plover 'BOMB': unknown PLOVER root (known: AGREE, CONSULT")


def test_merged_edges_keep_the_plover_roots_of_what_they_merge():
    M = merge_edges(to_networkx(_plover_store()))
    assert M.edges["RUS", "DEUJUD", "COERCES"]["plover"] == "COERCE; ASSAULT"  # PLOVER's order
    assert M.edges["DEUJUD", "RUS", "ACCUSES"]["plover"] == "ACCUSE"


# --- facts only, speakers, event dates ----------------------------------------------------------

def claims_store() -> MemoryStore:
    """Germany and the United States: a real withdrawal, a conditional one ("If the United
    States withdraws ..."), a threat, and claims the text attributes to a minister."""
    actors = [actor("DEU", "Germany"), actor("USA", "United States"), actor("RUS", "Russia"),
              actor("sergei-lavrov", "Sergei Lavrov", "person")]
    relations = [
        rel("d1", 0, "USA", "WITHDRAWS", "DEU", modality="conditional", date="2024-03-01"),
        rel("d1", 1, "USA", "WITHDRAWS", "DEU", modality="hypothetical", date="2024-03-02"),
        rel("d1", 2, "USA", "CRITICIZES", "DEU", date="2024-03-03"),
        {**rel("d1", 3, "DEU", "SUPPLIES", "RUS", date="2022-02-24"), "speaker_id": "sergei-lavrov",
         "speaker_mention": "the minister", "date_source": "text", "article_date": "2024-03-01"},
        rel("d1", 4, "DEU", "ATTACKS", "RUS", negated=True, date="2024-03-01"),
    ]
    return MemoryStore(actors, [article("d1", "2024-03-01")], relations)


def test_analytics_are_facts_only_by_default():
    G = to_networkx(claims_store())
    [us] = [d for d in dyad_balance(G) if d["actors"] == ("DEU", "USA")]
    # a conditional and a hypothetical withdrawal are no cooperation: the pair is conflictual
    assert (us["relations"], us["cooperative"], us["goldstein"]) == (1, 0, -2.0)
    [us] = [d for d in dyad_balance(G, include_modal=True) if d["actors"] == ("DEU", "USA")]
    assert (us["relations"], us["cooperative"], us["goldstein"]) == (3, 2, 16.0)
    assert centrality(G, include_modal=False)["USA"]["degree"] == 1
    assert centrality(G)["USA"]["degree"] == 3  # centrality alone keeps its old default
    from graphkit.graph import analyze

    a = analyze(G)
    assert (a["negated_left_out"], a["modal_left_out"]) == (1, 2)
    assert [d["names"] for d in a["most_cooperative"]] == [["Germany", "Russia"]]
    assert ["Germany", "United States"] in [d["names"] for d in a["most_conflictual"]]
    assert analyze(G, include_modal=True)["most_cooperative"][0]["names"] == ["Germany", "United States"]


def test_edges_carry_the_speaker_and_both_dates_and_filter_by_speaker():
    G = to_networkx(claims_store())
    [d] = [d for *_, d in G.edges(data=True) if d["relation"] == "SUPPLIES"]
    assert (d["speaker_id"], d["speaker_name"], d["speaker_mention"]) == ("sergei-lavrov", "Sergei Lavrov",
                                                                          "the minister")
    assert (d["date"], d["date_source"], d["article_date"]) == ("2022-02-24", "text", "2024-03-01")
    # the speaker filter: the relations attributed to that actor, who need not be a node
    S = to_networkx(claims_store(), speaker="sergei-lavrov")
    assert [d["relation"] for *_, d in S.edges(data=True)] == ["SUPPLIES"] and "sergei-lavrov" not in S
    # the event's date, not the article's, is what --since and --until see
    assert [d["relation"] for *_, d in to_networkx(claims_store(), until="2023").edges(data=True)] == ["SUPPLIES"]
    M = merge_edges(G)
    e = M.edges["DEU", "RUS", "SUPPLIES"]
    assert e["speakers"] == ["Sergei Lavrov"] and e["evidence"][0].speaker == "Sergei Lavrov"
    assert e["dates"] == {"2022-02-24": 1}


def test_merge_can_split_modal_relations_from_asserted_ones():
    G = to_networkx(claims_store())
    M = merge_edges(G, split_modal=True)
    modal = M.edges["USA", "DEU", "MODAL WITHDRAWS"]
    assert modal["modal"] and modal["count"] == 2 and modal["modalities"] == ["conditional", "hypothetical"]
    assert modal["dates"] == {"2024-03-01": 1, "2024-03-02": 1}
    assert [ev.modality for ev in modal["evidence"]] == ["conditional", "hypothetical"]
    assert not M.edges["USA", "DEU", "CRITICIZES"]["modal"]
    assert merge_edges(G).edges["USA", "DEU", "WITHDRAWS"]["count"] == 2  # merged with the facts by default
    assert dyad_balance(M) == dyad_balance(G)  # split merges keep facts only as the raw graph does
