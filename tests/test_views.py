"""graphkit.views: the self-contained HTML page, checked as text and in a real headless Chromium.

The browser tests need Debian's `chromium` (scripts/test.sh installs it in CI). Without it they
skip, except under CI=true, where they fail.
"""
from __future__ import annotations

import html
import json
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import chromium
import pytest
from click.testing import CliRunner
from graphdata import XSS, XSS_IMG, hostile_store, synthetic_rows, tiny_store

from graphkit.errors import InputError
from graphkit.graph import to_networkx
from graphkit.views import KIND_STYLES, QUAD_COLORS, RELATION_COLORS, render_view, write_view

EXTERNAL = [
    re.compile(r"""<(?:script|link|img|iframe|source|audio|video|embed|object|use|image)\b[^>]*?"""
               r"""\s(?:src|href|data|xlink:href|srcset)\s*=\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"""url\(\s*["']?\s*(?:https?:)?//""", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"<link\b", re.I),
    re.compile(r"<script\b[^>]*\ssrc\s*=", re.I),
]


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def body_attrs(dom: str) -> dict[str, str]:
    m = re.search(r"<body([^>]*)>", dom)
    assert m, dom[:500]
    return {k: html.unescape(v) for k, v in re.findall(r'([\w-]+)="([^"]*)"', m.group(1))}


def page_errors(dom: str) -> list[str]:
    m = re.search(r'<pre id="gk-errors"[^>]*>(.*?)</pre>', dom, re.S)
    assert m, "the error sink is missing from the DOM"
    text = html.unescape(m.group(1)).strip()
    return json.loads(text) if text else []


# --- the page as text -------------------------------------------------------------------------

def test_page_is_self_contained():
    page, stats = render_view(to_networkx(tiny_store()))
    assert page.startswith("<!DOCTYPE html>")
    for pattern in EXTERNAL:
        assert not pattern.search(page), pattern.pattern
    assert "default-src 'none'" in page  # CSP: the page may not fetch anything
    assert len(page) > 400_000 and "vis.Network" in page  # vis-network is inlined
    assert stats.actors_shown == 6 and stats.negated_hidden == 1


def test_text_from_articles_never_becomes_markup(tmp_path):
    store = hostile_store()
    stats = write_view(store, tmp_path / "x.html", title="<b>bold</b> & co")
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    for raw in (XSS, XSS_IMG, "<script>document.title", "<img src=x", "</script><script>",
                "<!-- <script>", "\u2028"):
        assert raw not in page, raw
    # no link in the page as written: the browser makes http(s) sources links, nothing else
    assert not re.search(r"href\s*=", page, re.I)
    assert "<title>&lt;b&gt;bold&lt;/b&gt; &amp; co</title>" in page
    # the data still says exactly what the articles said
    data = page_data(page)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["EVL"] == XSS and labels["ORG"] == XSS_IMG
    sentences = {e["ev"][0][0] for e in data["edges"]}
    assert f"Evil attacked Good. {XSS} {XSS_IMG}" in sentences
    assert "</script><script>document.title='PWNED'</script>" in sentences
    assert "<!-- <script> \u2028 \u2029 & &amp; -->" in sentences
    assert {e["ev"][0][2] for e in data["edges"]} == {'javascript:alert(1)//"><script>alert(2)</script>'}
    assert stats.edges_shown == 3


def test_relations_of_a_type_between_a_pair_are_one_edge():
    page, stats = render_view(to_networkx(tiny_store()), tooltip_sentences=2)
    data = page_data(page)
    [e] = [e for e in data["edges"] if (e["from"], e["to"], e["relation"]) == ("RUS", "UKR", "ATTACKS")]
    assert e["n"] == 3 and e["a"] == 2 and (e["f"], e["l"]) == ("2022-03-02", "2023-05-10")
    assert len(e["ev"]) == 3 and e["evn"] == 3 and data["tipSentences"] == 2
    assert e["c"] == RELATION_COLORS["ATTACKS"] and e["q"] == "Material Conflict" and e["g"] == -10.0
    assert stats.edges_shown == len(data["edges"]) == 8
    assert stats.relations_shown == stats.relations_total == 11
    assert data["relations"] == ["MEETS", "SUPPORTS", "SUPPLIES", "CRITICIZES", "SANCTIONS", "ATTACKS"]
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["RUS"]["shape"] == "dot" and nodes["NATO"]["shape"] == KIND_STYLES["organisation"][2]
    assert nodes["RUS"]["color"]["background"] == KIND_STYLES["state"][0]
    assert nodes["UKR"]["deg"] == 6 and nodes["UKR"]["value"] > nodes["CHN"]["value"]
    assert nodes["sergey-lavrov"]["af"] == "Russia"
    # two edge types between one pair are bent apart
    pair = [e for e in data["edges"] if {e["from"], e["to"]} == {"UKR", "NATO"}]
    assert len(pair) == 2 and all(e.get("smooth", {}).get("enabled") for e in pair)
    # the legend: a checkbox per relation type present, with its count
    for name in data["relations"]:
        assert f'data-relation="{name}"' in page
    assert 'data-relation="COERCES"' not in page
    assert "6 actors, 11 relations" in page and "1 negated relation" in page


def test_max_sentences_caps_the_evidence_kept():
    rows = tiny_store()
    page, _ = render_view(rows, max_sentences=1, tooltip_sentences=1)
    [e] = [e for e in page_data(page)["edges"] if e["relation"] == "ATTACKS"]
    assert len(e["ev"]) == 1 and e["evn"] == 3


def test_color_by_quad_and_negated_edges():
    page, stats = render_view(tiny_store(), color_by="quad", include_negated=True)
    data = page_data(page)
    assert {e["c"] for e in data["edges"]} <= set(QUAD_COLORS.values())
    [neg] = [e for e in data["edges"] if e["neg"]]
    assert neg["relation"] == "NOT ATTACKS" and neg["dashes"] is True
    assert "NOT ATTACKS" in data["relations"] and stats.negated_hidden == 0
    assert "negated relations dashed" in page


def test_filters_from_a_store_and_their_description(tmp_path):
    stats = write_view(tiny_store(), tmp_path / "f.html", relations=["ATTACKS"], since="2023")
    page = (tmp_path / "f.html").read_text(encoding="utf-8")
    assert stats.relations_total == 1 and "ATTACKS · since 2023" in page
    stats = write_view(tiny_store(), tmp_path / "g.html", actor="NATO", hops=1)
    assert stats.actors_total == 3 and "within 1 hop(s) of NATO" in (tmp_path / "g.html").read_text()
    with pytest.raises(TypeError):
        write_view(to_networkx(tiny_store()), tmp_path / "h.html", relations=["ATTACKS"])
    with pytest.raises(InputError):
        write_view(tiny_store(), tmp_path / "h.html", color_by="rainbow")
    with pytest.raises(InputError):
        write_view(tiny_store(), tmp_path, max_nodes=5)


def test_empty_graph_still_makes_a_page(tmp_path):
    stats = write_view(tiny_store(), tmp_path / "deep" / "e.html", relations=["EXPELS"])
    assert stats.actors_total == 0 and (tmp_path / "deep" / "e.html").exists()
    assert "0 actors, 0 relations" in (tmp_path / "deep" / "e.html").read_text()


@pytest.fixture(scope="module")
def big_graph():
    return to_networkx(synthetic_rows(5000, 20000))


def test_big_graph_is_cut_to_max_nodes_with_positions(tmp_path, big_graph):
    assert big_graph.number_of_nodes() == 5000 and big_graph.number_of_edges() == 20000
    stats = write_view(big_graph, tmp_path / "big.html")
    page = (tmp_path / "big.html").read_text(encoding="utf-8")
    assert (stats.actors_shown, stats.actors_total) == (500, 5000)
    assert 0 < stats.relations_shown < stats.relations_total < 20000
    assert not stats.physics
    expected = (f"Showing 500 of 5,000 actors, {stats.relations_shown:,} of "
                f"{stats.relations_total:,} relations")
    assert expected in page and "raise --max-nodes" in page
    data = page_data(page)
    assert data["options"]["physics"] == {"enabled": False}
    assert len(data["nodes"]) == 500 and all("x" in n and "y" in n for n in data["nodes"])
    # the 500 kept are the best connected
    degree = dict(big_graph.degree())
    kept = {n["id"] for n in data["nodes"]}
    assert min(degree[n] for n in kept) >= max(degree[n] for n in big_graph if n not in kept) - 3
    print(f"\nbig view: {stats.summary}; {stats.edges_shown:,} edges; layout "
          f"{stats.layout_seconds:.2f} s, total {stats.seconds:.2f} s, {stats.bytes / 1e6:.1f} MB")


def test_layout_is_deterministic_and_spreads_nodes():
    import math

    import networkx as nx

    from graphkit.layout import spring_positions

    G = nx.disjoint_union(nx.karate_club_graph(), nx.path_graph(5))
    G.add_node("lone")
    pos = spring_positions(G, seed=3, scale=100)
    assert pos == spring_positions(G, seed=3, scale=100)
    assert set(pos) == set(G)
    pts = list(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(pts) for b in pts[i + 1:])
    assert closest > 10  # nobody sits on anybody
    karate = nx.karate_club_graph()
    on_edge = sum(math.dist(pos[u], pos[v]) for u, v in karate.edges()) / karate.number_of_edges()
    pairs = [(u, v) for u in karate for v in karate if u < v and not karate.has_edge(u, v)]
    off_edge = sum(math.dist(pos[u], pos[v]) for u, v in pairs) / len(pairs)
    assert on_edge < off_edge
    # components do not overlap: the path lies outside the karate club's bounding box
    xs = [pos[n][0] for n in karate]
    ys = [pos[n][1] for n in karate]
    path = [pos[n] for n in range(34, 39)]
    assert all(not (min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)) for x, y in path)
    assert spring_positions(nx.Graph()) == {}


# --- CLI --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    from graphkit.build import build

    db = tmp_path_factory.mktemp("views") / "examples.db"
    build(["examples/articles"], store=db)
    return db


def test_cli_view(tmp_path, example_db):
    from graphkit.cli import main

    runner = CliRunner()
    out = tmp_path / "g.html"
    res = runner.invoke(main, ["view", "--db", str(example_db), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith(f"wrote {out}: ") and out.stat().st_size > 400_000
    res = runner.invoke(main, ["view", "--db", str(example_db), "--out", str(out), "--actor", "the Kremlin",
                               "--hops", "1", "--relation", "attacks", "--color-by", "quad",
                               "--since", "2022", "--until", "2025-12-31", "--max-nodes", "20"])
    assert res.exit_code == 0, res.output
    data = page_data(out.read_text(encoding="utf-8"))
    assert "RUS" in {n["id"] for n in data["nodes"]} and set(data["relations"]) == {"ATTACKS"}
    assert "within 1 hop(s) of Russia" in out.read_text(encoding="utf-8")

    res = runner.invoke(main, ["view", "--db", str(example_db), "--out", str(out), "--actor", "Atlantis"])
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "graphkit: error: unknown actor 'Atlantis' (not in the gazetteer nor in the store)"]
    res = runner.invoke(main, ["view", "--db", str(example_db), "--out", str(out), "--relation", "BOMBS"])
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "BOMBS" in res.stderr and "ATTACKS" in res.stderr and "COERCES" in res.stderr
    res = runner.invoke(main, ["view", "--db", str(example_db), "--out", str(out), "--since", "2024-13"])
    assert res.exit_code == 2 and "--since" in res.stderr
    res = runner.invoke(main, ["view", "--db", str(example_db), "--hops", "2"])
    assert res.exit_code == 2 and "--hops needs --actor" in res.stderr
    res = runner.invoke(main, ["view", "--db", str(tmp_path / "none.db"), "--out", str(out)])
    assert res.exit_code == 2 and "no such database" in res.stderr


def test_cli_analyze(example_db):
    from graphkit.cli import main

    runner = CliRunner()
    res = runner.invoke(main, ["analyze", "--db", str(example_db), "--top", "3"])
    assert res.exit_code == 0, res.output
    for part in ("most central actors", "communities:", "most conflictual pairs", "most cooperative pairs"):
        assert part in res.stdout
    res = runner.invoke(main, ["analyze", "--db", str(example_db), "--top", "3", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert len(data["centrality"]) == 3 and data["centrality"][0]["pagerank"] > 0
    assert all(d["goldstein"] < 0 for d in data["most_conflictual"])
    assert all(d["goldstein"] > 0 for d in data["most_cooperative"])
    assert data["communities"] and data["communities"][0][0]["name"]


# --- in a real browser ------------------------------------------------------------------------

@pytest.fixture(scope="session")
def chromium_bin():
    path = chromium.find_chromium()
    if path is None:
        msg = "chromium not found on PATH (Debian: apt-get install chromium; scripts/test.sh does it)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)
    return path


def _load(binary: str, path, fragment: str = "", **kw) -> chromium.Result:
    res = chromium.run(path.resolve().as_uri() + fragment, binary=binary, **kw)
    assert res.returncode == 0, res.stderr[-2000:]
    return res


@pytest.mark.browser
def test_browser_draws_the_demo_graph(tmp_path, chromium_bin, example_db):
    from graphkit.stores.sqlite import SQLiteStore

    out = tmp_path / "demo.html"
    with SQLiteStore(example_db, create=False) as store:
        stats = write_view(store, out)
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=8000)
    attrs = body_attrs(res.dom)
    assert page_errors(res.dom) == []
    assert attrs.get("data-gk-ready") == "1" and attrs.get("data-gk-stable") == "1"
    png = tmp_path / "demo.png"
    _load(chromium_bin, out, screenshot=png, size=(1200, 800), budget_ms=8000)
    w, h, rows = chromium.read_png(png)
    assert (w, h) == (1200, 800)
    # the canvas (right of the legend) is drawn: many colours, a fair share of non-background
    # pixels, and the fill of state nodes among them
    area = list(chromium.pixels(rows, 300, 0, w, h, step=2))
    background = (251, 252, 253)
    drawn = [p for p in area if max(abs(a - b) for a, b in zip(p, background)) > 40]
    assert len(set(area)) > 200, "the canvas looks blank"
    assert len(drawn) > 0.01 * len(area)
    state = tuple(int(KIND_STYLES["state"][0][i:i + 2], 16) for i in (1, 3, 5))
    assert sum(1 for p in area if max(abs(a - b) for a, b in zip(p, state)) <= 4) > 200
    assert stats.physics


@pytest.mark.browser
def test_browser_does_not_run_injected_markup(tmp_path, chromium_bin):
    out = tmp_path / "hostile.html"
    write_view(hostile_store(), out)
    edges = page_data(out.read_text(encoding="utf-8"))["edges"]
    fragments = ["", "#actor=EVL", "#actor=ORG"] + [f"#edge={e['id']}" for e in edges]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(lambda f: _load(chromium_bin, out, f, dump_dom=True, budget_ms=4000),
                                fragments))
    for fragment, res in zip(fragments, results):
        attrs = body_attrs(res.dom)
        assert attrs.get("data-gk-ready") == "1", fragment
        assert "data-pwned" not in attrs, fragment
        assert not re.search(r"<[a-zA-Z][^<>]*\sdata-pwned\s*=", res.dom), fragment
        assert not re.search(r"<img\b", res.dom, re.I), fragment  # no element came from text
        assert "PWNED" not in re.search(r"<title>(.*?)</title>", res.dom, re.S).group(1)
        assert page_errors(res.dom) == [], fragment
    # the panels did show the hostile text, as text
    by_fragment = dict(zip(fragments, results))
    assert "&lt;script&gt;document.title=\"PWNED\"" in by_fragment["#actor=EVL"].dom
    evil = next(e for e in edges if e["from"] == "EVL")
    dom = by_fragment[f"#edge={evil['id']}"].dom
    assert "Evil attacked Good. &lt;script&gt;document.title=\"PWNED\";" in dom
    assert "&lt;img src=x onerror=" in dom
    assert "javascript:alert(1)//\"&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in dom  # url as text


@pytest.mark.browser
def test_browser_relation_checkboxes_filter_edges(tmp_path, chromium_bin):
    page, _ = render_view(tiny_store())
    # A test driver appended to the page (its CSP removed so it may run): untick and tick
    # relation types the way a user does and record what the network then shows.
    driver = """<script>
    window.addEventListener("load", function () {
      var out = [];
      function shown() { return [gkNetwork.body.data.edges.length, gkNetwork.body.data.nodes.length]; }
      out.push(shown());
      var box = document.querySelector('input[data-relation="ATTACKS"]');
      box.checked = false; box.dispatchEvent(new Event("change"));
      out.push(shown());
      document.getElementById("gk-none").click(); out.push(shown());
      document.getElementById("gk-conf").click(); out.push(shown());
      document.getElementById("gk-all").click(); out.push(shown());
      document.body.setAttribute("data-test", JSON.stringify(out));
    });
    </script></body>"""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    page = page.replace("</body>", driver)
    out = tmp_path / "filter.html"
    out.write_text(page, encoding="utf-8")
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == []
    steps = json.loads(body_attrs(res.dom)["data-test"])
    # 8 edges/6 actors; without ATTACKS 7/6; none 0/0; conflict (CRITICIZES x2, SANCTIONS,
    # ATTACKS) 4 edges touching all 6 actors; all again 8/6
    assert steps == [[8, 6], [7, 6], [0, 0], [4, 6], [8, 6]]


@pytest.mark.browser
def test_browser_opens_the_big_page(tmp_path, chromium_bin, big_graph):
    out = tmp_path / "big.html"
    t0 = time.perf_counter()
    stats = write_view(big_graph, out)
    write_s = time.perf_counter() - t0
    base = chromium.run("data:text/html,<p>x</p>", binary=chromium_bin, dump_dom=True, budget_ms=100)
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=3000)
    attrs = body_attrs(res.dom)
    assert page_errors(res.dom) == [] and attrs.get("data-gk-ready") == "1"
    print(f"\nbig page ({stats.summary}): written in {write_s:.1f} s, {stats.bytes / 1e6:.1f} MB; "
          f"Chromium {res.seconds:.1f} s to load and draw (an empty page: {base.seconds:.1f} s), "
          f"first draw at {attrs.get('data-gk-draw-ms')} ms")


# --- agents, unresolved actors, PLOVER roots --------------------------------------------------

def agent_store():
    """States, an agent of Germany, an unresolved name; relations with and without a root."""
    from graphdata import MemoryStore, actor, article, rel

    actors = [actor("DEU", "Germany"), actor("RUS", "Russia"), actor("FRA", "France"),
              {**actor("DEUJUD", "German prosecutors", "agent", "DEU"), "sector": "JUD"},
              actor("unresolved:aclu", "American Civil Liberties Union", "unresolved")]
    relations = [{**rel("d1", 0, "DEUJUD", "ACCUSES", "RUS"), "plover": "ACCUSE"},
                 {**rel("d1", 1, "RUS", "COERCES", "DEUJUD"), "plover": "ASSAULT"},
                 rel("d1", 2, "unresolved:aclu", "CRITICIZES", "DEUJUD"),
                 rel("d1", 3, "FRA", "MEETS", "DEU"),
                 rel("d1", 4, "RUS", "WARNS", "FRA")]
    return MemoryStore(actors, [article("d1", "2024-03-01")], relations)


def agent_db(path):
    """The same kinds of actors and roots in a real SQLite store, built from the model."""
    from graphkit.model import Actor, Article, Extraction, Mention, Relation
    from graphkit.stores.sqlite import SQLiteStore

    deu, rus, fra = Actor("DEU", "Germany", "state"), Actor("RUS", "Russia", "state"), Actor("FRA", "France", "state")
    jud = Actor("DEUJUD", "German prosecutors", "agent", acts_for="DEU", sector="JUD")
    aclu = Actor("unresolved:aclu", "American Civil Liberties Union", "unresolved")

    def r(i, s, name, o, plover=None):
        return Relation(Mention(s, s.name, 0, 1), name, Mention(o, o.name, 2, 3), "d1", f"{s.name} {name} {o.name}.",
                        i, 0, 10, date="2024-03-01", extractor="test", plover=plover)
    with SQLiteStore(path) as store:
        store.write([Extraction(Article("d1", "", "T", "https://example.org/d1", "2024-03-01", "wire"), [
            r(0, jud, "ACCUSES", rus, "ACCUSE"), r(1, rus, "COERCES", jud, "ASSAULT"),
            r(2, aclu, "CRITICIZES", jud), r(3, fra, "MEETS", deu), r(4, rus, "WARNS", fra)])])
    return path


def test_agents_and_unresolved_actors_are_drawn_distinctly_with_a_kind_filter():
    page, _ = render_view(agent_store())
    data = page_data(page)
    nodes = {n["id"]: n for n in data["nodes"]}
    agent, unres, state = nodes["DEUJUD"], nodes["unresolved:aclu"], nodes["DEU"]
    assert agent["shape"] == KIND_STYLES["agent"][2] == "hexagon"
    assert unres["shape"] == KIND_STYLES["unresolved"][2] == "triangleDown"
    assert unres["shapeProperties"] == {"borderDashes": [4, 3]} and "shapeProperties" not in agent
    assert len({agent["color"]["background"], unres["color"]["background"], state["color"]["background"]}) == 3
    assert agent["sec"] == "JUD judiciary" and agent["af"] == "Germany" and state["sec"] == ""
    # the legend: a shape and a checkbox per kind present
    for kind in ("state", "agent", "unresolved"):
        assert f'data-kind="{kind}"' in page
    assert 'data-kind="person"' not in page
    assert "Agent: a part of a state" in page and "Unresolved: a name no actor list knows" in page
    # edges carry their PLOVER root (the type's when the row has none)
    roots = {(e["from"], e["relation"]): e["p"] for e in data["edges"]}
    assert roots == {("DEUJUD", "ACCUSES"): "ACCUSE", ("RUS", "COERCES"): "ASSAULT",
                     ("unresolved:aclu", "CRITICIZES"): "ACCUSE", ("FRA", "MEETS"): "CONSULT",
                     ("RUS", "WARNS"): "THREATEN"}


def test_plover_filter_and_its_description(tmp_path):
    stats = write_view(agent_store(), tmp_path / "p.html", plover=["accuse"])
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert stats.relations_total == 2 and "PLOVER ACCUSE" in page
    assert {e["relation"] for e in page_data(page)["edges"]} == {"ACCUSES", "CRITICIZES"}
    with pytest.raises(InputError, match="unknown PLOVER root"):
        write_view(agent_store(), tmp_path / "q.html", plover=["NOPE"])


def test_cli_view_and_analyze_filter_by_plover(tmp_path):
    from graphkit.cli import main

    db = agent_db(tmp_path / "a.db")
    runner = CliRunner()
    out = tmp_path / "v.html"
    res = runner.invoke(main, ["view", "--db", str(db), "--out", str(out), "--plover", "ASSAULT",
                               "--plover", "threaten"])
    assert res.exit_code == 0, res.output
    assert "3 actors, 2 relations" in res.stdout
    page = out.read_text(encoding="utf-8")
    assert {(e["relation"], e["p"]) for e in page_data(page)["edges"]} == {("COERCES", "ASSAULT"),
                                                                           ("WARNS", "THREATEN")}
    assert "PLOVER ASSAULT, THREATEN" in page
    res = runner.invoke(main, ["analyze", "--db", str(db), "--plover", "ACCUSE", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["relations"] == 2 and {c["id"] for c in data["centrality"]} == {"DEUJUD", "RUS", "unresolved:aclu"}
    res = runner.invoke(main, ["export", "--db", str(db), "--format", "json", "--out", "-", "--plover", "CONSULT"])
    assert res.exit_code == 0 and [e["plover"] for e in json.loads(res.stdout)["links"]] == ["CONSULT"]
    for cmd in (["view", "--out", str(out)], ["analyze"], ["export", "--format", "json"]):
        res = runner.invoke(main, [*cmd, "--db", str(db), "--plover", "BOMBARD"])
        assert res.exit_code == 2, (cmd, res.output)
        [line] = res.stderr.strip().splitlines()
        assert line.startswith("graphkit: error: --plover 'BOMBARD': unknown PLOVER root (known: AGREE, ")
        assert "ASSAULT" in line


@pytest.mark.browser
def test_browser_kind_checkboxes_filter_actors_and_the_edge_panel_shows_plover(tmp_path, chromium_bin):
    page, _ = render_view(agent_store())
    edges = page_data(page)["edges"]
    coerce = next(e for e in edges if e["relation"] == "COERCES")
    driver = """<script>
    window.addEventListener("load", function () {
      var out = [];
      function shown() { return [gkNetwork.body.data.edges.length, gkNetwork.body.data.nodes.length]; }
      function tick(kind, on) {
        var box = document.querySelector('input[data-kind="' + kind + '"]');
        box.checked = on; box.dispatchEvent(new Event("change"));
        out.push(shown());
      }
      out.push(shown());
      tick("agent", false); tick("unresolved", false); tick("agent", true); tick("unresolved", true);
      document.body.setAttribute("data-test", JSON.stringify(out));
    });
    </script></body>"""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>", driver)
    out = tmp_path / "kinds.html"
    out.write_text(page, encoding="utf-8")
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == []
    steps = json.loads(body_attrs(res.dom)["data-test"])
    # 5 edges, 5 actors; without the agent its 3 edges go and the unresolved name with them
    # (it has no other relation): 2 edges among 3 states; unresolved off too: the same; the
    # agent back: 4 edges, 4 actors; all back
    assert steps == [[5, 5], [2, 3], [2, 3], [4, 4], [5, 5]]
    # the edge panel (the page as written, CSP and all) says the PLOVER root
    plain = tmp_path / "plain.html"
    write_view(agent_store(), plain)
    res = _load(chromium_bin, plain, f"#edge={coerce['id']}", dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == []
    assert re.search(r'class="gk-meta gk-plover">PLOVER ASSAULT<', res.dom), res.dom[-3000:]
    res = _load(chromium_bin, plain, "#actor=DEUJUD", dump_dom=True, budget_ms=4000)
    assert "agent · JUD judiciary · acts for Germany" in res.dom


# --- not facts, speakers, source links, the panel's timeline -------------------------------------

def claims_store(name: str = "Niger"):
    """Niger and the United States over five months: facts, a threat (modal), a claim the text
    attributes to a minister, and articles with an https, an http and a javascript: URL."""
    from graphdata import MemoryStore, actor, article, rel

    actors = [actor("NER", name), actor("USA", "United States"), actor("sergei-lavrov", "Sergei Lavrov", "person")]
    articles = [article("d1", "2024-01-29", url="https://example.org/niger?a=1&b=2"),
                article("d2", "2024-02-05", url="http://example.org/d2"),
                article("d3", "2024-05-20", url="javascript:alert(1)")]
    relations = [
        rel("d1", 0, "USA", "COOPERATES", "NER", date="2024-01-10"),
        rel("d1", 1, "NER", "MEETS", "USA", date="2024-01-29"),
        {**rel("d2", 0, "USA", "SUPPLIES", "NER", date="2024-02-05"), "speaker_id": "sergei-lavrov",
         "speaker_mention": "the minister"},
        rel("d3", 0, "NER", "ACCUSES", "USA", date="2024-04-02"),
        rel("d3", 1, "NER", "EXPELS", "USA", date="2024-04-03"),
        rel("d3", 2, "USA", "WARNS", "NER", modality="threat", date="2024-05-21"),
        rel("d3", 3, "USA", "WARNS", "NER", date="2024-05-22"),
    ]
    return MemoryStore(actors, articles, relations)


def test_not_facts_are_their_own_dotted_edges_with_a_legend_toggle_and_the_panel_data():
    page, stats = render_view(claims_store())
    data = page_data(page)
    warns = sorted((e for e in data["edges"] if e["relation"] == "WARNS"), key=lambda e: e["mod"])
    assert [(e["mod"], e["n"], e.get("dashes"), e["m"]) for e in warns] == [(False, 1, None, ""),
                                                                           (True, 1, [2, 6], "threat")]
    assert data["relations"].count("WARNS") == 1  # one checkbox for the type, modal edges included
    assert 'id="gk-modal"' in page and "not facts (modal), dotted" in page
    assert 'data-relation="WARNS"' in page and re.search(r'data-relation="WARNS".*?gk-count">2<', page, re.S)
    supplies = next(e for e in data["edges"] if e["relation"] == "SUPPLIES")
    assert supplies["sp"] == ["Sergei Lavrov"] and supplies["ev"][0][6] == "Sergei Lavrov"
    assert supplies["t"] == [["2024-02-05", 1]] and supplies["u"] == 0 and supplies["qc"] == 2
    assert stats.relations_total == 7
    # no modal relation, no toggle; --speaker narrows the page and says so
    plain, _ = render_view(claims_store(), relations=["ACCUSES"])
    assert 'id="gk-modal"' not in plain
    said, stats = render_view(claims_store(), speaker="sergei-lavrov")
    assert stats.relations_total == 1 and "said by Sergei Lavrov" in said


def _driven(page: str, script: str) -> str:
    """The page with its CSP removed and a test driver appended that runs on load."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    return page.replace("</body>", f"<script>window.addEventListener('load', function () {{{script}}});"
                                   "</script></body>")


@pytest.mark.browser
def test_browser_modal_toggle_speakers_links_and_the_panels_timeline(tmp_path, chromium_bin):
    from graphkit.timeline import timeline

    page, _ = render_view(claims_store())
    edges = page_data(page)["edges"]
    driver = """
      var out = [];
      function shown() { return gkNetwork.body.data.edges.length; }
      out.push(shown());
      var box = document.getElementById("gk-modal");
      box.checked = false; box.dispatchEvent(new Event("change")); out.push(shown());
      box.checked = true; box.dispatchEvent(new Event("change")); out.push(shown());
      document.body.setAttribute("data-test", JSON.stringify(out));"""
    out = tmp_path / "drive.html"
    out.write_text(_driven(page, driver), encoding="utf-8")
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == []
    assert json.loads(body_attrs(res.dom)["data-test"]) == [7, 6, 7]  # the threat's edge goes and comes back

    plain = tmp_path / "plain.html"
    write_view(claims_store(), plain)
    supplies = next(e for e in edges if e["relation"] == "SUPPLIES")
    res = _load(chromium_bin, plain, f"#edge={supplies['id']}", dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == []
    assert "claimed by Sergei Lavrov" in res.dom and 'class="gk-said">according to Sergei Lavrov<' in res.dom
    # an http(s) source is a link that opens apart from the page; other URLs stay text
    assert re.search(r'<a class="gk-url" href="http://example.org/d2" target="_blank" rel="noopener noreferrer">'
                     r'http://example.org/d2</a>', res.dom), res.dom[-3000:]
    # the dyad's timeline in the edge panel: every relation between the two, both ways, by week
    # (they span half a year or less)
    G = to_networkx(claims_store())
    want = timeline(G, actor="NER", partner="USA", period="week", include_modal=True)
    periods = re.findall(r'<g class="gk-period" data-period="([^"]+)" data-relations="(\d+)"', res.dom)
    assert [(k, int(n)) for k, n in periods] == [(p.key, p.relations) for p in want.periods]
    assert len(re.findall(r'<rect class="gk-bar"', res.dom)) == sum(1 for p in want.periods for c in p.by_quad if c)
    assert "1 of them not facts (modal)" in res.dom
    for fragment, link in (("#edge=" + str(next(e["id"] for e in edges if e["relation"] == "COOPERATES")),
                            "https://example.org/niger?a=1&amp;b=2"),):
        res = _load(chromium_bin, plain, fragment, dump_dom=True, budget_ms=4000)
        assert f'href="{link}" target="_blank" rel="noopener noreferrer"' in res.dom
    expels = next(e for e in edges if e["relation"] == "EXPELS")
    res = _load(chromium_bin, plain, f"#edge={expels['id']}", dump_dom=True, budget_ms=4000)
    assert '<div class="gk-url">javascript:alert(1)</div>' in res.dom and "href=\"javascript" not in res.dom
    # the actor panel's timeline: its relations, weeks when they span half a year or less
    res = _load(chromium_bin, plain, "#actor=NER", dump_dom=True, budget_ms=4000)
    weeks = timeline(G, actor="NER", period="week", include_modal=True)
    periods = re.findall(r'<g class="gk-period" data-period="([^"]+)"', res.dom)
    assert periods == [p.key for p in weeks.periods] and len(periods) == 20
    assert 'class="gk-tl-period gk-on" type="button" data-period="week"' in res.dom


@pytest.mark.browser
def test_browser_panel_timeline_of_a_hostile_name_runs_nothing(tmp_path, chromium_bin):
    out = tmp_path / "x.html"
    write_view(claims_store(name=XSS), out)
    res = _load(chromium_bin, out, "#actor=NER", dump_dom=True, budget_ms=4000)
    assert page_errors(res.dom) == [] and "data-pwned" not in body_attrs(res.dom)
    assert "<b>Timeline of &lt;script&gt;document.title=\"PWNED\"" in res.dom
    assert re.search(r"<title>(.*?)</title>", res.dom, re.S).group(1) != "PWNED"
    assert len(re.findall(r'<rect class="gk-bar"', res.dom)) >= 4
