"""Export the graph for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape), node-link JSON
(d3, networkx) and CSV for Neo4j's offline bulk importer.

Every format carries the same data as `graphkit.graph.to_networkx`: one node per actor
(``name``, ``kind``, ``acts_for``, ``sector`` — an agent's CAMEO sector code —, plus ``label`` =
name for Gephi) and one edge per relation (keyed by the relation id; ``label`` = relation type;
``plover`` = its PLOVER root; ``speaker_id``, ``speaker_name``, ``speaker_mention`` = who the
text says made the claim, "" when the text asserts it; ``date`` = the event's date,
``date_source`` = "text" or "article", ``article_date``). With ``merged=True`` the relations of
one type between one ordered pair become one edge instead (see `graphkit.graph.merge_edges`)
with ``count``, ``articles``, ``first_date``, ``last_date`` and a ``weight`` (= count).

GraphML and GEXF get typed attributes (string, boolean, int/long, double) and no missing
values: an unset string becomes "", an unset number is left off that element (readers then use
no value), lists are joined with "; ".

The "neo4j-admin" format (alias "csv") is a folder of CSV files for ``neo4j-admin database
import full``: actors, articles, relations (every property the batched Neo4j load sets),
REPORTS and ACTS_FOR, the whole graph model of `graphkit.stores.neo4j`, so that an imported
database answers the named queries exactly as a loaded one. `graphkit.neo4j_bulk` writes it and
says how to import it (`graphkit neo4j import-bulk` does both in one step).
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import InputError
from .graph import merge_edges, to_networkx
from .neo4j_bulk import HEADERS, write_import_csv

__all__ = ["FORMATS", "export", "to_exportable", "NODE_HEADER", "RELATIONSHIP_HEADER"]

FORMATS = ("graphml", "gexf", "json", "neo4j-admin", "csv")
#: The headers of the actors and relations files of the neo4j-admin export.
NODE_HEADER = HEADERS["actors.csv"]
RELATIONSHIP_HEADER = HEADERS["relations.csv"]
# Edge attributes each format gets, with their type. GEXF treats "start"/"end"/"id"/"label"/
# "weight" specially, so the graph's attributes are chosen to avoid clashes.
_EDGE_TYPES: dict[str, type] = {
    "relation": str, "plover": str, "negated": bool, "modality": str, "what": str, "date": str,
    "date_source": str, "article_date": str, "speaker_id": str, "speaker_name": str,
    "speaker_mention": str,
    "confidence": float, "doc_id": str, "sentence": str, "sentence_index": int, "url": str,
    "title": str, "source": str, "quad_class": int, "goldstein": float,
    # merged graphs
    "count": int, "articles": int, "first_date": str, "last_date": str, "ids": str,
    "doc_ids": str, "sentences": str, "speakers": str, "modalities": str,
}
_NODE_TYPES: dict[str, type] = {"name": str, "kind": str, "acts_for": str, "sector": str}


def export(graph_or_store: Any, fmt: str, out: str | os.PathLike | None = None, *,
           merged: bool = False, include_negated: bool = True, **filters: Any) -> list[str]:
    """Write the graph in format `fmt` to `out`.

    Parameters
    ----------
    graph_or_store : networkx.MultiDiGraph or Store or rows
        A graph from `graphkit.graph.to_networkx`, or anything it accepts (then `filters`,
        e.g. ``relations=["ATTACKS"]``, ``since="2024"``, apply).
    fmt : {"graphml", "gexf", "json", "neo4j-admin", "csv"}
        Output format; "neo4j-admin" (or "csv") is the folder of files for ``neo4j-admin
        database import full`` (`graphkit.neo4j_bulk`): from a store it holds the whole graph
        model, from a networkx graph what the graph carries.
    out : str or path, optional
        The file to write (a folder for "neo4j-admin"); "-" or None writes a single-file format
        to standard output. Missing folders are created. Default for "neo4j-admin":
        ``neo4j-import``.
    merged : bool, default False
        One edge per relation type and ordered pair (with counts) instead of one per relation.
        Not for "neo4j-admin", which always has one relationship per relation.
    include_negated : bool, default True
        Keep negated relations (flagged ``negated``). Exports keep them by default: they are
        data, and every row says whether it is negated.

    Returns
    -------
    paths : list of str
        The files written ("-" for standard output).

    Example
    -------
    >>> export(store, "gexf", "graph.gexf")
    ['graph.gexf']
    >>> export(store, "neo4j-admin", "neo4j-import")[:2]
    ['neo4j-import/actors.csv', 'neo4j-import/articles.csv']
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    filtered = any(v not in (None, (), [], 1) for v in filters.values())
    if isinstance(graph_or_store, nx.Graph):
        if filtered:
            raise TypeError("filters apply when exporting from a store or rows")
        G = graph_or_store
    else:
        G = to_networkx(graph_or_store, **filters)
    if fmt in ("neo4j-admin", "csv"):
        if merged:
            raise InputError("the neo4j-admin export has one relationship per relation; drop --merged")
        folder = Path(out if out not in (None, "-") else "neo4j-import")
        if isinstance(graph_or_store, nx.Graph):
            return write_import_csv(_graph_rows(G, include_negated), folder)
        if not filtered and include_negated:
            return write_import_csv(graph_or_store, folder)
        ids = {k for _, _, k, d in G.edges(keys=True, data=True) if include_negated or not d.get("negated")}
        return write_import_csv(graph_or_store, folder, relation_ids=ids, actor_ids=set(G.nodes))
    if not include_negated:
        G = G.copy()
        G.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                             if d.get("negated")])
    if merged:
        G = merge_edges(G, include_negated=include_negated)
    X = to_exportable(G)
    if fmt == "json":
        try:
            data = nx.node_link_data(X, edges="links")
        except TypeError:  # networkx < 3.4 names the argument `link`
            data = nx.node_link_data(X, link="links")
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        return [_write_text(text, out)]
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(X, buf, encoding="utf-8", prettyprint=True, named_key_ids=True)
    else:
        for _, _, k, d in X.edges(keys=True, data=True):
            d["id"] = k  # the GEXF edge id: the relation id (or "SUBJECT|TYPE|OBJECT" when merged)
        nx.write_gexf(X, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
    return [_write_bytes(buf.getvalue(), out)]


def to_exportable(G: nx.Graph) -> nx.MultiDiGraph:
    """A copy of `G` with typed, non-missing attributes, as GraphML/GEXF writers need.

    Strings are never None (""), numbers and booleans are dropped where unset, lists are
    joined with "; " (a merged graph's evidence becomes ``doc_ids`` and ``sentences``).
    Nodes get ``label`` (the actor's name) and edges ``label`` (the relation type) and, in a
    merged graph, ``weight`` (the count), which Gephi shows and uses.

    Example
    -------
    >>> X = to_exportable(G)
    >>> X.nodes["RUS"]["label"], X.edges["RUS", "UKR", rid]["label"]
    ('Russia', 'ATTACKS')
    """
    X = nx.MultiDiGraph()
    X.graph["name"] = "graphkit"
    for n, d in G.nodes(data=True):
        attrs = _typed(d, _NODE_TYPES)
        attrs["label"] = attrs.get("name") or str(n)
        X.add_node(str(n), **attrs)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, i, d) for i, (u, v, d) in enumerate(G.edges(data=True)))
    for u, v, k, d in edges:
        d = dict(d)
        evidence = d.pop("evidence", None)
        if evidence is not None:
            d["doc_ids"] = "; ".join(dict.fromkeys(ev.doc_id for ev in evidence))
            d["sentences"] = " | ".join(ev.sentence for ev in evidence)
        attrs = _typed(d, _EDGE_TYPES)
        attrs["label"] = str(d.get("relation", ""))
        if "count" in attrs:  # merged: keys are type names, unique per pair only
            attrs["weight"] = float(attrs["count"])
            k = f"{u}|{k}|{v}"
        X.add_edge(str(u), str(v), key=str(k), **attrs)
    return X


def _typed(d: dict[str, Any], types: dict[str, type]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, kind in types.items():
        if name not in d:
            continue
        value = d[name]
        if isinstance(value, (list, tuple, set, frozenset)):
            value = "; ".join(str(x) for x in value)
        if value is None:
            if kind is str:
                out[name] = ""
            continue
        if kind is str:
            out[name] = _clean_xml(str(value))
        elif kind is bool:
            out[name] = bool(value)
        elif kind is int:
            out[name] = int(value)
        else:
            out[name] = float(value)
    return out


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean_xml(text: str) -> str:
    """Drop the control characters XML 1.0 cannot carry (they would make the file unreadable)."""
    return _XML_BAD.sub("", text)


def _write_text(text: str, out: str | os.PathLike | None) -> str:
    return _write_bytes(text.encode("utf-8"), out)


def _write_bytes(data: bytes, out: str | os.PathLike | None) -> str:
    if out in (None, "-"):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return "-"
    path = Path(out)
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the file to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return str(path)


def _graph_rows(G: nx.Graph, include_negated: bool) -> dict[str, list[dict[str, Any]]]:
    """Store-like rows of what a networkx graph from `to_networkx` carries (for a neo4j-admin
    export of a graph rather than a store: no roles, articles known by their relations only)."""
    actors = [{"id": str(n), "name": d.get("name") or str(n), "kind": d.get("kind"),
               "acts_for": d.get("acts_for"), "sector": d.get("sector")} for n, d in G.nodes(data=True)]
    # a speaker that is no node of the graph becomes an actor of its name (as the store has it)
    speakers = {d["speaker_id"]: d.get("speaker_name") for *_, d in G.edges(data=True)
                if d.get("speaker_id") and d["speaker_id"] not in G}
    actors += [{"id": i, "name": name or i, "kind": "other", "acts_for": None, "sector": None}
               for i, name in speakers.items()]
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, i, d) for i, (u, v, d) in enumerate(G.edges(data=True)))
    relations: list[dict[str, Any]] = []
    articles: dict[str, dict[str, Any]] = {}
    for u, v, k, d in edges:
        if d.get("negated") and not include_negated:
            continue
        doc = d.get("doc_id") or ""
        articles.setdefault(doc, {"id": doc, "title": d.get("title") or "", "url": d.get("url") or "",
                                  "date": None, "source": d.get("source") or ""})
        relations.append({"id": str(k), "doc_id": doc, "sentence_index": d.get("sentence_index"),
                          "subject_id": str(u), "relation": d.get("relation"), "object_id": str(v),
                          "negated": bool(d.get("negated")), "modality": d.get("modality"),
                          "what": d.get("what"), "sentence": d.get("sentence"), "date": d.get("date"),
                          "confidence": d.get("confidence"), "plover": d.get("plover"),
                          "speaker_id": d.get("speaker_id"), "speaker_mention": d.get("speaker_mention"),
                          "date_source": d.get("date_source"), "article_date": d.get("article_date")})
    return {"actors": actors, "articles": list(articles.values()), "relations": relations, "roles": []}
