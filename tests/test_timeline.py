"""graphkit.timeline: relations per week or month by QuadClass with the Goldstein balance, as
data, as SVG, as a self-contained HTML page (in a real headless Chromium) and as PNG."""
from __future__ import annotations

import html
import json
import re

import chromium
import pytest
from click.testing import CliRunner
from graphdata import XSS, MemoryStore, actor, article, rel
from test_views import _load, chromium_bin  # noqa: F401  (the session's Chromium fixture)

from graphkit.errors import InputError
from graphkit.graph import to_networkx
from graphkit.ontology import RELATIONS
from graphkit.timeline import (QUAD_COLORS, period_key, summary, timeline, timeline_page, timeline_svg,
                               write_timeline)


def dyad_store(name_a: str = "Niger", name_b: str = "United States") -> MemoryStore:
    """Niger and the United States: cooperation in 2024-01 and 2024-02, nothing in 2024-03,
    conflict from 2024-04; a threat, a negated attack, an undated and a year-only relation,
    and a relation of Niger with a third actor."""
    actors = [actor("NER", name_a), actor("USA", name_b), actor("FRA", "France")]
    relations = [
        rel("d1", 0, "USA", "COOPERATES", "NER", date="2024-01-10"),
        rel("d1", 1, "NER", "MEETS", "USA", date="2024-01-29"),
        rel("d2", 0, "USA", "SUPPLIES", "NER", date="2024-02-05"),
        rel("d3", 0, "NER", "ACCUSES", "USA", date="2024-04-02"),
        rel("d3", 1, "NER", "EXPELS", "USA", date="2024-04-03"),
        rel("d3", 2, "USA", "CRITICIZES", "NER", date="2024-05-20"),
        rel("d3", 3, "USA", "WARNS", "NER", modality="threat", date="2024-05-21"),
        rel("d3", 4, "USA", "ATTACKS", "NER", negated=True, date="2024-05-22"),
        rel("d4", 0, "USA", "CRITICIZES", "NER"),  # undated (its article too)
        rel("d3", 5, "NER", "REJECTS", "USA", date="2024"),  # a year alone
        rel("d3", 6, "NER", "MEETS", "FRA", date="2024-06-01"),
    ]
    articles = [article("d1", "2024-01-29"), article("d2", "2024-02-05"), article("d3", "2024-05-20"),
                article("d4", None)]
    return MemoryStore(actors, articles, relations)


# --- counting ---------------------------------------------------------------------------------

def test_a_dyads_months_quads_balance_and_turn():
    tl = timeline(to_networkx(dyad_store()), actor="NER", partner="USA")
    g = {name: RELATIONS[name].goldstein for name in ("COOPERATES", "MEETS", "SUPPLIES", "ACCUSES", "EXPELS",
                                                      "CRITICIZES")}
    assert [(p.label, p.by_quad) for p in tl.periods] == [
        ("2024-01", (1, 1, 0, 0)), ("2024-02", (0, 1, 0, 0)), ("2024-03", (0, 0, 0, 0)),
        ("2024-04", (0, 0, 1, 1)), ("2024-05", (0, 0, 1, 0))]
    assert [p.goldstein for p in tl.periods] == [
        round(g["COOPERATES"] + g["MEETS"], 3), g["SUPPLIES"], 0.0, round(g["ACCUSES"] + g["EXPELS"], 3),
        g["CRITICIZES"]]
    assert [(t.label, t.to) for t in tl.turns] == [("2024-04", "conflict")]  # across the quiet March
    assert (tl.relations, tl.undated, tl.imprecise, tl.left_out) == (6, 1, 1, {"negated": 1, "modal": 1})
    assert tl.names == ("Niger", "United States") and tl.about == "Niger – United States"
    assert summary(tl) == ("Niger – United States: 6 relations in 5 months, 2024-01 to 2024-05; facts only "
                           "(1 negated and 1 modal left out); 1 undated, 1 dated too coarsely for months not "
                           "drawn; turned to conflict in 2024-04")
    # the threat and the negated attack count when asked for
    both = timeline(to_networkx(dyad_store()), actor="NER", partner="USA", include_modal=True,
                    include_negated=True)
    assert both.periods[-1].by_quad == (0, 0, 2, 1) and both.left_out == {"negated": 0, "modal": 0}


def test_weeks_are_iso_weeks_and_an_actor_alone_counts_all_its_partners():
    tl = timeline(to_networkx(dyad_store()), actor="NER", period="week")
    assert tl.periods[0].key == "2024-01-08" and tl.periods[0].label == "2024-W02"  # the Monday of 10 January
    assert tl.periods[-1].label == "2024-W22" and tl.periods[-1].by_quad == (1, 0, 0, 0)  # France, 1 June
    assert len(tl.periods) == 21 and sum(1 for p in tl.periods if p.relations) == 6
    assert all(period_key(p.key, "week") == p.key for p in tl.periods)  # contiguous Mondays
    assert period_key("2024-12-30", "week") == "2024-12-30" and period_key("2024-03", "week") is None
    assert period_key("2025", "month") is None and period_key(None, "month") is None
    whole = timeline(to_networkx(dyad_store()))
    assert whole.actors == () and whole.about == "all actors" and whole.relations == 7


def test_bad_requests_are_input_errors():
    G = to_networkx(dyad_store())
    with pytest.raises(InputError, match="--period 'day'"):
        timeline(G, period="day")
    with pytest.raises(InputError, match="--partner needs --actor"):
        timeline(G, partner="USA")
    with pytest.raises(InputError, match="--partner is --actor itself"):
        timeline(G, actor="USA", partner="USA")
    empty = timeline(G, actor="FRA", partner="USA")  # a dyad with no relations: an empty chart
    assert empty.periods == [] and "no dated relations" in timeline_svg(empty)


# --- drawing ----------------------------------------------------------------------------------

def svg_counts(svg: str) -> tuple[int, int, list[str]]:
    periods = re.findall(r'<g class="gk-period" data-period="([^"]+)"', svg)
    bars = len(re.findall(r'<rect class="gk-bar"', svg))
    return len(periods), bars, periods


def test_svg_has_a_group_per_period_and_a_bar_per_quad_class_present():
    tl = timeline(to_networkx(dyad_store()), actor="NER", partner="USA")
    svg = timeline_svg(tl, title="Niger & the US")
    n, bars, keys = svg_counts(svg)
    assert (n, bars) == (5, 6) and keys == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert 'data-periods="5"' in svg and "<title>Niger &amp; the US</title>" in svg
    assert svg.count('class="gk-goldstein"') == 2  # the line breaks at the empty March
    assert svg.count('class="gk-gpoint"') == 4 and svg.count('class="gk-turn"') == 1
    for q in (1, 2, 3, 4):
        assert f'data-quad="{q}"' in svg and QUAD_COLORS[q] in svg


def test_text_becomes_no_markup_in_the_svg_and_the_page():
    tl = timeline(to_networkx(dyad_store(name_a=XSS)), actor="NER", partner="USA")
    page = timeline_page(tl, f"{XSS} timeline")
    for text in (timeline_svg(tl, title=XSS), page):
        assert "<script" not in text and html.escape(XSS) in text  # shown, as text
    assert "script-src" not in page and "default-src 'none'" in page  # no script may run at all
    assert "<script" not in page


# --- files and the command line -----------------------------------------------------------------

@pytest.fixture(scope="module")
def example_db(tmp_path_factory):
    from graphkit.build import build

    db = tmp_path_factory.mktemp("timeline") / "examples.db"
    build(["examples/articles"], store=db, jobs=1)
    return db


def test_write_html_svg_and_png(tmp_path):
    tl = timeline(to_networkx(dyad_store()), actor="NER", partner="USA")
    assert write_timeline(tl, tmp_path / "t.html") == "html"
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h1>Niger – United States: relations per month</h1>" in page
    assert page.count("<tr><td>") == 4  # the table lists the periods that have relations
    assert write_timeline(tl, tmp_path / "t.svg") == "svg"
    assert (tmp_path / "t.svg").read_text().startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')
    with pytest.raises(InputError, match="cannot tell the format"):
        write_timeline(tl, tmp_path / "t.pdf")
    pytest.importorskip("resvg_py", reason="graphkit[png] is not installed")
    assert write_timeline(tl, tmp_path / "t.png") == "png"
    w, h, rows = chromium.read_png(tmp_path / "t.png")
    assert (w, h) == (900, 340)
    seen = set(chromium.pixels(rows, 0, 0, w, h, step=1))
    for q in (1, 2, 3, 4):  # every QuadClass's bar colour is drawn
        assert tuple(int(QUAD_COLORS[q][i:i + 2], 16) for i in (1, 3, 5)) in seen, q
    dark = sum(1 for p in chromium.pixels(rows, 0, 0, w, 30, step=1) if max(p) < 90)
    assert dark > 100  # the title's text is drawn (resvg finds a font)


def test_cli_timeline(tmp_path, example_db):
    from graphkit.cli import main

    runner = CliRunner()
    out = tmp_path / "r.html"
    res = runner.invoke(main, ["timeline", "--db", str(example_db), "--actor", "the Kremlin", "--partner",
                               "Ukraine", "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["names"] == ["Russia", "Ukraine"] and data["relations"] > 0
    assert res.stderr.startswith(f"wrote {out} (html): Russia – Ukraine: ")
    n, bars, _ = svg_counts(out.read_text(encoding="utf-8"))
    assert n == len(data["periods"]) and bars == sum(1 for p in data["periods"] for v in p["by_quad"].values() if v)
    res = runner.invoke(main, ["timeline", "--db", str(example_db), "--out", str(tmp_path / "w.svg"),
                               "--period", "week", "--relation", "SANCTIONS"])
    assert res.exit_code == 0 and res.stdout.startswith(f"wrote {tmp_path / 'w.svg'} (svg): all actors: ")
    for args, words in ((["--partner", "Ukraine"], "--partner needs --actor"),
                        (["--actor", "Russia", "--hops", "2"], "--hops does not apply"),
                        (["--actor", "Atlantis"], "unknown actor 'Atlantis'"),
                        (["--out", str(tmp_path / "x.gif")], "cannot tell the format"),
                        (["--since", "2024-13"], "--since '2024-13'")):
        res = runner.invoke(main, ["timeline", "--db", str(example_db), *args])
        assert res.exit_code == 2, (args, res.output)
        [line] = res.stderr.strip().splitlines()
        assert line.startswith("graphkit: error: ") and words in line, line


# --- in a real browser ------------------------------------------------------------------------

@pytest.mark.browser
def test_browser_renders_the_timeline_page_and_runs_no_injected_markup(tmp_path, chromium_bin):  # noqa: F811
    tl = timeline(to_networkx(dyad_store(name_a=XSS)), actor="NER", partner="USA")
    out = tmp_path / "t.html"
    write_timeline(tl, out, title=f"{XSS} & co")
    res = _load(chromium_bin, out, dump_dom=True, budget_ms=2000)
    n, bars, keys = svg_counts(res.dom)
    assert (n, bars) == (5, 6) and keys[0] == "2024-01"
    assert "data-pwned" not in re.search(r"<body([^>]*)>", res.dom).group(1)
    assert not re.search(r"<[a-zA-Z][^<>]*\sdata-pwned\s*=", res.dom)
    title = re.search(r"<title>(.*?)</title>", res.dom, re.S).group(1)
    assert title.startswith("&lt;script&gt;document.title")  # text, and no script set document.title
    assert html.escape(XSS, quote=False) in res.dom  # the heading shows the text as text
    png = tmp_path / "t.png"
    _load(chromium_bin, out, screenshot=png, size=(1000, 700), budget_ms=2000)
    w, h, rows = chromium.read_png(png)
    seen = set(chromium.pixels(rows, 0, 0, w, h, step=1))
    for q in (1, 2, 3, 4):  # every QuadClass's bar is on screen
        assert tuple(int(QUAD_COLORS[q][i:i + 2], 16) for i in (1, 3, 5)) in seen, q
