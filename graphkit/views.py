"""The interactive HTML view: one self-contained page an analyst opens in any browser, offline.

`write_view` draws the actors and the relations between them with vis-network (the copy that
ships inside the pyvis package is inlined into the page, so the file needs no network and no
neighbouring files). What the page shows:

* actors coloured and shaped by kind (state, organisation, person, group, agent — a sector of
  a state such as its judiciary —, unresolved — a named actor no list knows), sized by how many
  relations they take part in; relations as arrows from subject to object, coloured by type
  (or by QuadClass with ``color_by="quad"``), all relations of one type between one ordered
  pair merged into one edge whose width grows with the number of reports;
* a legend with a checkbox per actor kind and per relation type to show or hide them, and a
  line that says what is shown ("showing 500 of 5,000 actors, 3,200 of 20,000 relations");
* on hover a tooltip (relation, its PLOVER root, how many reports and articles, dates, the
  first sentences with their sources; for an agent its sector and the state it acts for); on
  click the same in a side panel with every sentence kept, and for an actor the list of its
  relations. ``page.html#actor=RUS`` opens with an actor selected;
* relations that are not facts (a modality: plans, threats, conditionals) drawn dashed as their
  own edges, with a legend checkbox to hide them; the edge panel names who the text says made
  each claim (its speaker) and the modality;
* in the click panel of an actor or an edge, a timeline of the actor's (or the dyad's, both
  directions, every type) relations drawn: per month or week, stacked by QuadClass, with the
  Goldstein balance as a line (graphkit/assets/timeline.js, as `graphkit timeline` draws it).

Safety: every text that comes from an article or the gazetteer (names, sentences, titles,
sources, URLs) reaches the page as JSON inside a non-executed ``<script
type="application/json">`` block with ``<``, ``>`` and ``&`` escaped, and is put on screen with
``textContent`` only. A source's URL becomes a link (new tab, ``rel="noopener noreferrer"``)
only when it parses as http: or https:; any other URL (``javascript:``, ``data:``) stays text.
A Content-Security-Policy admits only the page's own scripts (by hash) and no network requests.

Scale: up to `physics_max_nodes` actors (and `physics_max_edges` edges) the browser's physics
settles the layout (starting from positions computed here); above that the positions are computed in Python
(`graphkit.layout.spring_positions`) and written into the page with physics off, so even a
big page opens at once. `max_nodes` keeps only the actors with the most relations.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .errors import InputError
from .graph import filtered_graph, merge_edges, to_networkx
from .layout import spring_positions
from .ontology import QUAD_CLASSES, RELATION_NAMES, RELATIONS, SECTORS
from .stores import default_plover
from .stores.neo4j import KIND_LABELS, RELATION_PROPS, role_key

if TYPE_CHECKING:
    from .stores.neo4j import Neo4jSettings, Neo4jStore

__all__ = ["ViewStats", "write_view", "render_view", "describe_filters", "RELATION_COLORS",
           "QUAD_COLORS", "KIND_STYLES"]

# Colour families follow the QuadClass: verbal cooperation blues, material cooperation greens,
# verbal conflict oranges and browns, material conflict reds and magentas.
RELATION_COLORS: dict[str, str] = {
    "MEETS": "#1f77b4", "VISITS": "#5aa9d6", "NEGOTIATES": "#139aa8", "SUPPORTS": "#4257b2",
    "AGREES_WITH": "#0b3c7a", "REQUESTS": "#8e9fd9",
    "SUPPLIES": "#2ca02c", "COOPERATES": "#4fb286", "YIELDS": "#93b52c", "WITHDRAWS": "#1b5e20",
    "WARNS": "#f08c00", "CRITICIZES": "#d4a300", "ACCUSES": "#d9480f", "REJECTS": "#a0522d",
    "PROTESTS": "#f2a65a",
    "ATTACKS": "#d62728", "SANCTIONS": "#8e0038", "EXPELS": "#e7298a", "MOBILIZES": "#a4139e",
    "COERCES": "#6b0f1a",
}
QUAD_COLORS: dict[int, str] = {1: "#4a90d9", 2: "#2e9e4f", 3: "#f08c00", 4: "#d62728"}
UNKNOWN_COLOR = "#8c8c8c"
# kind: (fill, border, vis shape, legend name)
KIND_STYLES: dict[str, tuple[str, str, str, str]] = {
    "state": ("#3d5a80", "#22344d", "dot", "State"),
    "organisation": ("#8e6bbf", "#5e4386", "square", "Organisation"),
    "person": ("#e0a526", "#9c7016", "triangle", "Person"),
    "group": ("#6d7b80", "#414b4f", "diamond", "Group"),
    "agent": ("#2a9d8f", "#1a635a", "hexagon", "Agent"),
    "unresolved": ("#f4d6dc", "#b0465c", "triangleDown", "Unresolved"),
    "other": ("#b8c0c4", "#7d878b", "dot", "Other"),
}
# Kinds drawn with a dashed border: what no list confirms.
_DASHED_KINDS = ("unresolved",)
# What the legend says about the kinds whose name alone does not explain them.
_KIND_HELP = {"agent": "Agent: a part of a state the news names (its judiciary, military, police, ...).",
              "unresolved": "Unresolved: a name no actor list knows (dashed)."}
_KIND_ORDER = list(KIND_STYLES)


@dataclass
class ViewStats:
    """What `write_view` put on the page."""

    path: str
    actors_total: int  # actors in the (filtered) graph
    actors_shown: int
    relations_total: int  # relations (not negated) in the (filtered) graph
    relations_shown: int
    edges_shown: int  # drawn edges: one per type and ordered pair
    negated_hidden: int  # negated relations left out
    physics: bool  # True: the browser settles the layout; False: positions from Python
    layout_seconds: float
    seconds: float
    bytes: int

    @property
    def summary(self) -> str:
        """One line: what the page shows, as the page itself says it."""
        return _summary(self)


def write_view(graph_or_store: Any, out_path: str | os.PathLike, color_by: str = "relation",
               max_nodes: int = 500, *, relations: Any = None, actor: str | None = None,
               hops: int | None = None, since: str | None = None, until: str | None = None,
               min_mentions: int = 1, plover: Any = None, speaker: str | None = None,
               include_negated: bool = False, title: str = "graphkit",
               tooltip_sentences: int = 3, max_sentences: int = 12,
               physics_max_nodes: int = 200, physics_max_edges: int = 1000, seed: int = 7,
               filters_line: str | None = None) -> ViewStats:
    """Write the interactive graph page to `out_path`.

    Parameters
    ----------
    graph_or_store : networkx.MultiDiGraph or Store or rows
        A graph from `graphkit.graph.to_networkx`, or anything `to_networkx` accepts (then
        the filters below apply).
    out_path : str or path
        The HTML file to write (its folder is created when missing).
    color_by : {"relation", "quad"}, default "relation"
        Colour edges by relation type or by QuadClass (cooperation/conflict, verbal/material).
    max_nodes : int, default 500
        Draw at most this many actors: those taking part in the most relations.
    relations, actor, hops, since, until, min_mentions, plover, speaker
        Filters, as in `graphkit.graph.to_networkx` (only when a store or rows are given).
    include_negated : bool, default False
        Also draw negated relations ("did not attack"), dashed, as their own edge type.
    title : str, default "graphkit"
        Heading of the legend and title of the page.
    tooltip_sentences : int, default 3
        Sentences in an edge's hover tooltip.
    max_sentences : int, default 12
        Sentences kept in the page per edge (the click panel shows them all).
    physics_max_nodes, physics_max_edges : int, default 200 and 1000
        Above this many drawn actors or edges the layout is computed here and physics is off
        (the browser's physics needs about 10 s to settle 200 actors with 3,000 edges).
    seed : int, default 7
        Seed of the layout: same data, same picture.
    filters_line : str, optional
        What the graph was filtered by, shown under the summary; by default it describes
        the filters given here (see `describe_filters`).

    Returns
    -------
    stats : ViewStats
        Counts of what was drawn and left out, layout and total seconds, file size.

    Example
    -------
    >>> from graphkit.stores.sqlite import SQLiteStore
    >>> with SQLiteStore("graphkit.db", readonly=True) as store:
    ...     stats = write_view(store, "graph.html", relations=["ATTACKS", "SANCTIONS"])
    >>> print(stats.summary)
    showing 9 of 9 actors, 14 of 14 relations
    """
    t0 = time.perf_counter()
    page, stats = render_view(graph_or_store, color_by=color_by, max_nodes=max_nodes,
                              relations=relations, actor=actor, hops=hops, since=since,
                              until=until, min_mentions=min_mentions, plover=plover, speaker=speaker,
                              include_negated=include_negated, title=title,
                              tooltip_sentences=tooltip_sentences, max_sentences=max_sentences,
                              physics_max_nodes=physics_max_nodes,
                              physics_max_edges=physics_max_edges, seed=seed,
                              filters_line=filters_line)
    out = Path(out_path)
    if out.is_dir():
        raise InputError(f"{out}: is a folder; give the HTML file to write")
    out.parent.mkdir(parents=True, exist_ok=True)
    data = page.encode("utf-8")
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    stats.path = str(out)
    stats.bytes = len(data)
    stats.seconds = time.perf_counter() - t0
    return stats


def write_graph_view(store: Any, out_path: str | os.PathLike, filters: Mapping[str, Any] | None = None,
                     cypher: str | None = None, params: Mapping[str, Any] | None = None,
                     **view_options: Any) -> ViewStats:
    """`graphkit view`: the page of a store's graph, filtered (graphkit.graph.filtered_graph's
    options), or with `cypher` of what a query returns on a Neo4j store (`cypher_graph`); the
    page's legend says which filters were applied."""
    from .graph import store_graph

    filters = dict(filters or {})
    G, applied = cypher_graph(store, cypher, params, **filters) if cypher else store_graph(store, **filters)
    return write_view(G, out_path, filters_line=describe_filters(applied, G), **view_options)


def render_view(graph_or_store: Any, color_by: str = "relation", max_nodes: int = 500,
                **options: Any) -> tuple[str, ViewStats]:
    """The page of `write_view` as a string, with its stats (``path`` and ``bytes`` unset).

    Example
    -------
    >>> page, stats = render_view(G, max_nodes=50)
    >>> page.startswith("<!DOCTYPE html>")
    True
    """
    t0 = time.perf_counter()
    if color_by not in ("relation", "quad"):
        raise InputError(f"color_by {color_by!r}: expected 'relation' or 'quad'")
    if max_nodes is None or max_nodes < 1:
        raise InputError(f"max_nodes {max_nodes!r}: must be at least 1")
    filters: dict[str, Any] = {k: options.pop(k) for k in ("relations", "actor", "hops", "since", "until",
                                           "min_mentions", "plover", "speaker") if k in options}
    include_negated = options.pop("include_negated", False)
    title = options.pop("title", "graphkit")
    tip_n = max(0, int(options.pop("tooltip_sentences", 3)))
    keep_n = max(tip_n, int(options.pop("max_sentences", 12)))
    physics_max = int(options.pop("physics_max_nodes", 200))
    physics_max_edges = int(options.pop("physics_max_edges", 1000))
    seed = int(options.pop("seed", 7))
    filters_line = options.pop("filters_line", None)
    if options:
        raise TypeError(f"unexpected options: {', '.join(sorted(options))}")

    if isinstance(graph_or_store, nx.Graph):
        active = {k: v for k, v in filters.items()
                  if v not in (None, (), []) and not (k == "min_mentions" and v == 1)}
        if active:
            raise TypeError("filters apply when building from a store or rows; "
                            "pass them to graphkit.graph.to_networkx instead")
        G = graph_or_store
    else:
        G = to_networkx(graph_or_store, **filters)

    negated = sum(1 for *_, d in G.edges(data=True) if d.get("negated"))
    M = (merge_edges(G, include_negated=include_negated, split_modal=True)
         if G.is_multigraph() and not _is_merged(G) else G)
    degree: dict[Any, int] = defaultdict(int)
    for u, v, d in M.edges(data=True):
        degree[u] += d.get("count", 1)
        degree[v] += d.get("count", 1)
    relations_total = sum(d.get("count", 1) for *_, d in M.edges(data=True))
    ranked = sorted(M.nodes, key=lambda n: (-degree[n], str(M.nodes[n].get("name", n)).lower(), str(n)))
    keep = set(ranked[:max_nodes])
    edges = [(u, v, k, d) for u, v, k, d in M.edges(keys=True, data=True) if u in keep and v in keep]
    relations_shown = sum(d.get("count", 1) for *_, d in edges)

    shown_degree: dict[Any, int] = defaultdict(int)
    for u, v, _, d in edges:
        shown_degree[u] += d.get("count", 1)
        shown_degree[v] += d.get("count", 1)
    H = nx.MultiDiGraph()
    # Least connected first: vis draws in this order, so the big actors end up on top.
    H.add_nodes_from(n for n in reversed(ranked) if n in keep)
    H.add_edges_from((u, v, k, {"count": d.get("count", 1)}) for u, v, k, d in edges)
    physics = len(keep) <= physics_max and len(edges) <= physics_max_edges
    t_layout = time.perf_counter()
    pos = spring_positions(H, seed=seed, scale=150.0 if physics else 110.0)
    layout_seconds = time.perf_counter() - t_layout

    stats = ViewStats(path="", actors_total=M.number_of_nodes(), actors_shown=len(keep),
                      relations_total=relations_total, relations_shown=relations_shown,
                      edges_shown=len(edges), negated_hidden=0 if include_negated else negated,
                      physics=physics, layout_seconds=layout_seconds, seconds=0.0, bytes=0)

    nodes_out = []
    for n in H.nodes:
        a = M.nodes[n]
        kind = a.get("kind") if a.get("kind") in KIND_STYLES else "other"
        fill, border, shape, _ = KIND_STYLES[kind]
        deg = shown_degree[n]
        acts_for = a.get("acts_for")
        x, y = pos[n]
        sector = a.get("sector") or ""
        node = {
            "id": str(n), "label": str(a.get("name") or n), "kind": kind,
            "af": str(M.nodes[acts_for].get("name", acts_for)) if acts_for in M else (acts_for or ""),
            "sec": f"{sector} {SECTORS[sector]}" if sector in SECTORS else str(sector),
            "deg": deg, "value": round(math.sqrt(deg) + 1, 3), "shape": shape,
            "color": {"background": fill, "border": border,
                      "highlight": {"background": fill, "border": "#111111"},
                      "hover": {"background": fill, "border": "#111111"}},
            "x": round(x, 1), "y": round(y, 1), "lonely": deg == 0,
        }
        if kind in _DASHED_KINDS:
            node["shapeProperties"] = {"borderDashes": [4, 3]}
        nodes_out.append(node)

    # Parallel edges between one pair are bent apart, alternately to each side.
    by_pair: dict[tuple, list] = defaultdict(list)
    for i, (u, v, k, _) in enumerate(edges):
        by_pair[tuple(sorted((str(u), str(v))))].append(i)
    bend: dict[int, dict | bool] = {}
    for (a, _), idx in by_pair.items():
        for rank, i in enumerate(sorted(idx, key=lambda i: (str(edges[i][0]) != a, str(edges[i][2])))):
            if rank == 0 and len(idx) == 1:
                continue
            side = "curvedCW" if rank % 2 == 0 else "curvedCCW"
            if str(edges[i][0]) != a:  # drawn the other way round: swap to keep the side
                side = "curvedCCW" if side == "curvedCW" else "curvedCW"
            bend[i] = {"enabled": True, "type": side, "roundness": 0.12 + 0.14 * (rank // 2)}

    opacity = 0.9 if len(edges) < 400 else 0.6 if len(edges) < 2000 else 0.35
    edges_out = []
    type_counts: Counter = Counter()
    modal_total = 0
    for i, (u, v, key, d) in enumerate(edges):
        rel = str(d.get("relation", key))
        rtype = RELATIONS.get(rel)
        q = d.get("quad_class")
        color = (QUAD_COLORS.get(q, UNKNOWN_COLOR) if color_by == "quad"
                 else RELATION_COLORS.get(rel, UNKNOWN_COLOR))
        count = int(d.get("count", 1))
        modal = bool(d.get("modal"))
        legend_key = rel if modal else str(key)  # a modal edge is shown and hidden with its type
        type_counts[legend_key] += count
        modal_total += count if modal else 0
        evidence = d.get("evidence") or []
        days = d.get("dates") or {}
        e = {
            "id": i, "from": str(u), "to": str(v), "relation": legend_key, "neg": bool(d.get("negated")),
            "mod": modal, "m": "; ".join(d.get("modalities") or []), "sp": list(d.get("speakers") or []),
            # relations per date, for the panel's timeline (every merged relation, not only the
            # sentences kept), and how many are undated
            "t": [[day, n] for day, n in sorted(days.items()) if day], "u": int(days.get("", 0)),
            "p": str(d.get("plover") or (rtype.plover if rtype else "")),
            "c": color, "color": {"color": color, "highlight": color, "hover": color, "opacity": opacity},
            "value": round(math.sqrt(count), 3), "n": count, "a": int(d.get("articles", 1)),
            "f": d.get("first_date") or "", "l": d.get("last_date") or "",
            "q": QUAD_CLASSES.get(q, "") if q else "", "qc": q if q in QUAD_CLASSES else 0,
            "g": rtype.goldstein if rtype else None,
            "ev": [[ev.sentence, ev.source, ev.url, ev.date or "", ev.title, ev.doc_id,
                    getattr(ev, "speaker", ""), getattr(ev, "modality", "")]
                   for ev in evidence[:keep_n]],
            "evn": len(evidence),
        }
        if d.get("negated"):
            e["dashes"] = True
        elif modal:
            e["dashes"] = [2, 6]
        if i in bend:
            e["smooth"] = bend[i]
        edges_out.append(e)

    big = not physics
    options_js: dict[str, Any] = {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "nodes": {
            "borderWidth": 1.5, "borderWidthSelected": 3,
            "font": {"size": 15, "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                     "color": "#1b2430", "strokeWidth": 4, "strokeColor": "#ffffff"},
            # Small graphs: every label readable. Big ones: labels grow with degree and the
            # small ones appear as you zoom in (vis hides labels drawn below drawThreshold px).
            "scaling": {"min": 9, "max": 40,
                        "label": ({"enabled": True, "min": 13, "max": 22, "maxVisible": 30,
                                   "drawThreshold": 4} if physics else
                                  {"enabled": True, "min": 8, "max": 30, "maxVisible": 40,
                                   "drawThreshold": 9})},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "scaling": {"min": 1.2, "max": 7},
            "smooth": False, "selectionWidth": 2, "hoverWidth": 1.5,
            "arrowStrikethrough": False,
        },
        "interaction": {"hover": True, "hoverConnectedEdges": True, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "tooltipDelay": 150, "multiselect": False},
    }
    if physics:
        options_js["physics"] = {
            "enabled": True, "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.02,
                                 "springLength": 90, "springConstant": 0.06, "damping": 0.5,
                                 "avoidOverlap": 0.6},
            "stabilization": {"enabled": True, "iterations": 300, "updateInterval": 50, "fit": True},
            "minVelocity": 1.0,
        }
    else:
        options_js["physics"] = {"enabled": False}

    present = [k for k in _relation_order(type_counts)]
    data = {"nodes": nodes_out, "edges": edges_out, "relations": present, "options": options_js,
            "tipSentences": tip_n, "colorBy": color_by, "quads": {str(q): QUAD_CLASSES[q] for q in QUAD_CLASSES},
            "quadColors": {str(q): c for q, c in QUAD_COLORS.items()}}
    if filters_line is None:
        filters_line = describe_filters(filters, G)
    if include_negated:
        filters_line = " · ".join(x for x in (filters_line, "negated relations dashed") if x)
    page = _page(title, _legend(title, stats, type_counts, present, nodes_out, color_by,
                                filters_line, modal_total), data)
    stats.seconds = time.perf_counter() - t0
    return page, stats


def _is_merged(G: nx.Graph) -> bool:
    return any("count" in d for *_, d in G.edges(data=True))


def _relation_order(counts: Counter) -> list[str]:
    def key(name: str) -> tuple:
        base = name[4:] if name.startswith("NOT ") else name
        rt = RELATIONS.get(base)
        return (rt.quad_class if rt else 9, RELATION_NAMES.index(base) if rt else 99,
                name.startswith("NOT "), name)
    return sorted(counts, key=key)


def _summary(s: ViewStats) -> str:
    if s.actors_shown == s.actors_total and s.relations_shown == s.relations_total:
        return (f"{s.actors_total:,} actor{'s' if s.actors_total != 1 else ''}, "
                f"{s.relations_total:,} relation{'s' if s.relations_total != 1 else ''}")
    return (f"showing {s.actors_shown:,} of {s.actors_total:,} actors, "
            f"{s.relations_shown:,} of {s.relations_total:,} relations")


def describe_filters(filters: dict[str, Any], G: nx.Graph) -> str:
    """The filters of `graphkit.graph.to_networkx` in words, for the page's legend.

    Example
    -------
    >>> describe_filters({"relations": ["ATTACKS"], "since": "2024"}, G)
    'ATTACKS · since 2024'
    >>> describe_filters({"plover": ["COERCE", "ASSAULT"]}, G)
    'PLOVER ASSAULT, COERCE'
    """
    parts = []
    rel = filters.get("relations")
    if rel:
        parts.append(", ".join([rel] if isinstance(rel, str) else [str(r).upper() for r in rel]))
    if filters.get("actor"):
        a = filters["actor"]
        name = G.nodes[a].get("name", a) if a in G else a
        hops = filters.get("hops")
        parts.append(f"within {1 if hops is None else hops} hop(s) of {name}")
    if filters.get("since"):
        parts.append(f"since {filters['since']}")
    if filters.get("until"):
        parts.append(f"until {filters['until']}")
    if (filters.get("min_mentions") or 1) > 1:
        parts.append(f"reported at least {filters['min_mentions']} times")
    roots = filters.get("plover")
    if roots:
        roots = [roots] if isinstance(roots, str) else list(roots)
        parts.append("PLOVER " + ", ".join(sorted(str(r).upper() for r in roots)))
    if filters.get("speaker"):
        who = filters["speaker"]
        name = G.nodes[who].get("name", who) if who in G else next(
            (d["speaker_name"] for *_, d in G.edges(data=True) if d.get("speaker_id") == who and
             d.get("speaker_name")), who)
        parts.append(f"said by {name}")
    return " · ".join(parts)


# --- the page ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS, from the copy shipped inside the pyvis package."""
    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    for text, name in ((js, "js"), (css, "css")):
        if "</script" in text.lower() or "</style" in text.lower():
            raise RuntimeError(f"vis-network {name} cannot be inlined safely")
    return js, css


def _json_for_html(obj: Any) -> str:
    """JSON that cannot end its <script> element early or start markup inside it."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _sha256(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _legend(title: str, stats: ViewStats, type_counts: Counter, present: list[str],
            nodes_out: list[dict], color_by: str, filters_line: str, modal: int = 0) -> str:
    esc = html.escape
    out = [f'<h1>{esc(title)}</h1>']
    summary = _summary(stats)
    out.append(f'<p class="gk-summary" id="gk-summary">{esc(summary[0].upper() + summary[1:])}')
    if stats.actors_shown < stats.actors_total:
        out.append(f' <span class="gk-note">(the {stats.actors_shown:,} actors with the most '
                   f'relations; raise --max-nodes to see more)</span>')
    out.append('</p>')
    if filters_line:
        out.append(f'<p class="gk-filters">{esc(filters_line)}</p>')
    if stats.negated_hidden:
        out.append(f'<p class="gk-note">{stats.negated_hidden:,} negated relation'
                   f'{"s" if stats.negated_hidden != 1 else ""} (“did not …”) not drawn.</p>')
    kinds = Counter(n["kind"] for n in nodes_out)
    if kinds:
        out.append('<section><h2>Actors</h2><ul class="gk-kinds">')
        for kind in _KIND_ORDER:
            if kinds.get(kind):
                fill, border, shape, label = KIND_STYLES[kind]
                out.append(f'<li><label title="show or hide {esc(label.lower())} actors">'
                           f'<input type="checkbox" checked data-kind="{esc(kind)}">'
                           f'<span class="gk-shape gk-{shape}" style="--c:{fill};--b:{border}">'
                           f'</span>{esc(label)} <span class="gk-count">{kinds[kind]:,}</span></label></li>')
        out.append('</ul>')
        for kind, text in _KIND_HELP.items():
            if kinds.get(kind):
                out.append(f'<p class="gk-help">{esc(text)}</p>')
        out.append('<p class="gk-help">Size: number of relations. Untick a kind to hide its actors.</p></section>')
    if present:
        out.append('<section><h2>Relations</h2>')
        out.append('<div class="gk-actions"><button type="button" id="gk-all">all</button>'
                   '<button type="button" id="gk-none">none</button>'
                   '<button type="button" id="gk-coop">cooperation</button>'
                   '<button type="button" id="gk-conf">conflict</button></div>')
        current_q = None
        for name in present:
            base = name[4:] if name.startswith("NOT ") else name
            rt = RELATIONS.get(base)
            q = rt.quad_class if rt else None
            if q != current_q:
                if current_q is not None:
                    out.append('</div>')
                qlabel = QUAD_CLASSES.get(q, "Other") if q else "Other"
                qcolor = QUAD_COLORS.get(q, UNKNOWN_COLOR) if q else UNKNOWN_COLOR
                out.append(f'<div class="gk-quad" data-quad="{q or 0}"><h3>'
                           f'<span class="gk-bar" style="background:{qcolor}"></span>{esc(qlabel)}</h3>')
                current_q = q
            color = (QUAD_COLORS.get(q or 0, UNKNOWN_COLOR) if color_by == "quad"
                     else RELATION_COLORS.get(base, UNKNOWN_COLOR))
            dashed = " gk-dashed" if name.startswith("NOT ") else ""
            out.append(f'<label title="{esc(rt.description if rt else name)}">'
                       f'<input type="checkbox" checked data-relation="{esc(name)}" '
                       f'data-quad="{q or 0}"><span class="gk-line{dashed}" style="--c:{color}"></span>'
                       f'{esc(name.replace("_", " ").lower())}'
                       f'<span class="gk-count">{type_counts[name]:,}</span></label>')
        out.append('</div>')
        if modal:
            out.append('<label class="gk-modal" title="relations the text does not assert as facts: plans, '
                       'threats, conditionals, questions, denials of intent"><input type="checkbox" checked '
                       'id="gk-modal"><span class="gk-line gk-dotted" style="--c:#5b6673"></span>'
                       f'not facts (modal), dotted<span class="gk-count">{modal:,}</span></label>')
        out.append('</section>')
    out.append('<p class="gk-help">Arrows point from the actor who acts to the one acted on; '
               'line width grows with the number of reports. Hover an edge for its sentences, '
               'click to pin them and see their timeline; scroll to zoom, drag to pan.</p>')
    return "".join(out)


@lru_cache(maxsize=1)
def _page_assets() -> tuple[str, str, str, str]:
    """The page's own scripts and style (graphkit/assets/, package files): the error
    collector that runs first, the timeline drawing, the app, the CSS."""
    folder = resources.files("graphkit") / "assets"
    names = ("view-errors.js", "timeline.js", "view.js", "view.css")
    head, chart, app, css = ((folder / name).read_text(encoding="utf-8") for name in names)
    for text, name in zip((head, chart, app, css), names):
        if "</script" in text.lower() or "</style" in text.lower():
            raise RuntimeError(f"graphkit/assets/{name} cannot be inlined safely")
    return head, chart, app, css


def page_head(csp: str, title: str) -> str:
    """The start of a self-contained page's <head>: its Content-Security-Policy (what may run on
    it), no referrer, and the escaped title. The view and the timeline page share it."""
    esc = html.escape
    return "".join([
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp, quote=False)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="referrer" content="no-referrer">\n',
        f'<title>{esc(title)}</title>\n',
    ])


def _page(title: str, legend_html: str, data: dict) -> str:
    vis_js, vis_css = _vis_assets()
    head_js, chart_js, app_js, css = _page_assets()
    scripts = (head_js, vis_js, chart_js, app_js)
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in scripts) +
           "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; "
           "form-action 'none'")
    return "".join([
        page_head(csp, title),
        f'<script>{head_js}</script>\n',
        f'<style>{vis_css}</style>\n<style>{css}</style>\n',
        f'<script>{vis_js}</script>\n',
        '</head>\n<body>\n<pre id="gk-errors" hidden></pre>\n',
        '<div id="gk-network"></div>\n',
        f'<div id="gk-legend">{legend_html}</div>\n',
        '<div id="gk-tip" hidden></div>\n',
        '<div id="gk-details" hidden><button type="button" id="gk-close" aria-label="close">×</button>'
        '<div id="gk-details-body"></div></div>\n',
        f'<script type="application/json" id="gk-data">{_json_for_html(data)}</script>\n',
        f'<script>{chart_js}</script>\n',
        f'<script>{app_js}</script>\n',
        '</body>\n</html>\n',
    ])


# --- queries and subgraphs --------------------------------------------------------------------

class Subgraph:
    """The actors, articles, relations and roles a Cypher result touched, as store rows.

    It reads like a store (actors(), articles(), relations(), roles()), so anything that draws
    a store can draw it; `to_networkx()` gives a MultiDiGraph of actors and relations."""

    def __init__(self) -> None:
        self._actors: dict[str, dict[str, Any]] = {}
        self._articles: dict[str, dict[str, Any]] = {}
        self._relations: dict[str, dict[str, Any]] = {}
        self._roles: dict[tuple[str, str, str], dict[str, Any]] = {}
        self.rows = 0  # the records the query returned, and their columns
        self.columns: list[str] = []

    def drawable(self) -> bool:
        """Whether the query gave anything to draw (actors or relations)."""
        return bool(self._actors or self._relations)

    def require_drawable(self, label: str = "the query") -> None:
        """Raise InputError when the query returned rows but no node, relationship or path:
        a table (names, counts) a view cannot draw. A query that returned no rows passes."""
        if self.rows and not self.drawable():
            cols = ", ".join(self.columns[:6]) + (", ..." if len(self.columns) > 6 else "")
            raise InputError(f"{label} returned {self.rows} row(s) of {cols} but no nodes, relationships "
                             "or paths to draw: return them, e.g. MATCH p=(:Actor)-[:SANCTIONS]->(:Actor) "
                             "RETURN p")

    def actors(self) -> Iterator[dict[str, Any]]:
        return iter(sorted(self._actors.values(), key=lambda r: r["id"]))

    def articles(self) -> Iterator[dict[str, Any]]:
        return iter(sorted(self._articles.values(), key=lambda r: r["id"]))

    def relations(self) -> Iterator[dict[str, Any]]:
        return iter(sorted(self._relations.values(),
                           key=lambda r: (r["doc_id"] or "", r["sentence_index"] or 0, r["id"])))

    def roles(self) -> Iterator[dict[str, Any]]:
        return iter(self._roles.values())

    def close(self) -> None:
        pass

    def __len__(self) -> int:
        return len(self._actors) + len(self._relations)

    def to_networkx(self, **filters: Any) -> nx.MultiDiGraph:
        """A networkx MultiDiGraph, as graphkit.graph.to_networkx builds one from any store."""
        return to_networkx(self, **filters)


def _actor_from_node(node: Any) -> dict[str, Any]:
    kind = node.get("kind")
    if kind not in KIND_LABELS:
        kind = next((k for k, label in KIND_LABELS.items() if label in node.labels), "other")
    return {"id": node.get("id"), "name": node.get("name") or node.get("id"), "kind": kind,
            "acts_for": node.get("acts_for"), "sector": node.get("sector")}


def subgraph_from_records(values: Iterable[Any], endpoints: Mapping[str, Any] | None = None) -> Subgraph:
    """Collect the graph entities in result values (nodes, relationships, paths, lists, maps).

    `endpoints` maps element ids to nodes for relationships whose end nodes the result did not
    carry (subgraph_from_cypher fetches them)."""
    from neo4j.graph import Node, Path, Relationship

    sub = Subgraph()
    endpoints = endpoints or {}
    rels: list[Any] = []

    def visit(v: Any) -> None:
        if isinstance(v, Path):
            for n in v.nodes:
                visit(n)
            for r in v.relationships:
                visit(r)
        elif isinstance(v, Node):
            if "Actor" in v.labels and v.get("id") is not None:
                sub._actors[v.get("id")] = _actor_from_node(v)
            elif "Article" in v.labels and v.get("id") is not None:
                sub._articles[v.get("id")] = {k: v.get(k) for k in ("id", "title", "url", "date", "source")}
        elif isinstance(v, Relationship):
            rels.append(v)
        elif isinstance(v, (list, tuple)):
            for x in v:
                visit(x)
        elif isinstance(v, Mapping):
            for x in v.values():
                visit(x)

    for value in values:
        visit(value)

    def end(node: Any) -> Any:
        if node is not None and node.get("id") is None and node.element_id in endpoints:
            return endpoints[node.element_id]
        return node

    for r in rels:
        s, o = end(r.start_node), end(r.end_node)
        if s is None or o is None or "Actor" not in s.labels or "Actor" not in o.labels:
            continue
        sub._actors.setdefault(s.get("id"), _actor_from_node(s))
        sub._actors.setdefault(o.get("id"), _actor_from_node(o))
        if r.type in RELATIONS:
            row = {"id": r.get("id") or r.element_id, "subject_id": s.get("id"), "relation": r.type,
                   "object_id": o.get("id")}
            for k in RELATION_PROPS:
                row[k] = r.get(k)
            row["negated"] = bool(row["negated"])
            row["plover"] = row["plover"] or default_plover(r.type)
            sub._relations[row["id"]] = row
        elif r.type == "ACTS_FOR":
            row = {"person_id": s.get("id"), "acts_for": o.get("id"), "role": r.get("role"),
                   "title": r.get("title"), "start": r.get("start"), "end": r.get("end")}
            sub._roles[(row["person_id"], row["acts_for"], role_key(row))] = row
    return sub


def subgraph_from_cypher(store_or_settings: "Neo4jStore | Neo4jSettings", query: str,
                         params: Mapping[str, Any] | None = None) -> Subgraph:
    """Run a read-only query and turn the nodes, relationships and paths it returns into a
    Subgraph (store rows; `.to_networkx()` for a graph) that graphkit.views can draw.

    Example:
        >>> sub = subgraph_from_cypher(settings, "MATCH p=(:Actor {id:'IRN'})-[:SUPPLIES]->() RETURN p")
        >>> write_view(sub, "view.html")
    """
    from neo4j.graph import Node, Path, Relationship

    from .stores.neo4j import Neo4jStore

    own = not isinstance(store_or_settings, Neo4jStore)
    store = (store_or_settings if isinstance(store_or_settings, Neo4jStore)
             else Neo4jStore(store_or_settings, ensure_schema=False))
    try:
        keys, records = store.run(query, params)
        values = [v for rec in records for v in rec]
        # relationships returned without their end nodes: fetch those nodes by element id
        missing: set[str] = set()

        def scan(v: Any) -> None:
            if isinstance(v, Relationship):
                for n in (v.start_node, v.end_node):
                    if n is not None and n.get("id") is None:
                        missing.add(n.element_id)
            elif isinstance(v, Path):
                return
            elif isinstance(v, (list, tuple)):
                for x in v:
                    scan(x)
            elif isinstance(v, Mapping) and not isinstance(v, Node):
                for x in v.values():
                    scan(x)
        for v in values:
            scan(v)
        endpoints: dict[str, Any] = {}
        if missing:
            _, rows = store.run("MATCH (n) WHERE elementId(n) IN $ids RETURN n", {"ids": sorted(missing)})
            endpoints = {row[0].element_id: row[0] for row in rows}
        sub = subgraph_from_records(values, endpoints)
        sub.rows, sub.columns = len(records), list(keys)
        # the articles behind the relations, for the view's evidence (title, url, source)
        docs = sorted({r["doc_id"] for r in sub._relations.values() if r.get("doc_id")} - set(sub._articles))
        if docs:
            _, rows = store.run("MATCH (a:Article) WHERE a.id IN $ids RETURN a", {"ids": docs})
            for (node,) in rows:
                sub._articles[node.get("id")] = {k: node.get(k) for k in ("id", "title", "url", "date", "source")}
        return sub
    finally:
        if own:
            store.close()


def cypher_graph(target: Any, cypher: str, params: Mapping[str, Any] | None = None,
                 **filters: Any) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """The graph of what a Cypher query returns on the Neo4j store `target` (a Neo4jStore,
    Neo4jSettings or URI), filtered as `graphkit.graph.store_graph` filters a store's graph.

    `cypher` is a named query (its graph form, cypher/queries/graph/NAME.cypher, when it has
    one), a .cypher file or Cypher text returning nodes, relationships or paths; a query that
    returns only a table is an InputError that says what to return. Returns the graph and the
    filters as applied."""
    from .cypher_queries import load_query
    from .stores import is_neo4j_uri
    from .stores.neo4j import Neo4jSettings, Neo4jStore, quiet_driver_logs

    if isinstance(target, str) and is_neo4j_uri(target):
        quiet_driver_logs()
        target = Neo4jSettings.from_env(uri=target)
    if not isinstance(target, (Neo4jStore, Neo4jSettings)):
        raise InputError("--cypher needs a Neo4j store: --neo4j URI")
    q = load_query(cypher, graph=True)
    sub = subgraph_from_cypher(target, q.text, q.bind(dict(params or {})))
    sub.require_drawable(f"query {q.name}" if q.name else "the query")
    return filtered_graph(sub, **filters)
