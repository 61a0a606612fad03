"""Export the graph for other tools: GraphML and GEXF (Gephi, yEd, Cytoscape), node-link JSON
(d3, networkx) and CSV for Neo4j's offline bulk importer.

Every format carries the same data as `graphkit.graph.to_networkx`: one node per actor
(``name``, ``kind``, ``acts_for``, ``sector`` — an agent's CAMEO sector code —, plus ``label`` =
name for Gephi) and one edge per relation (keyed by the relation id; ``label`` = relation type;
``plover`` = its PLOVER root). With ``merged=True`` the relations of
one type between one ordered pair become one edge instead (see `graphkit.graph.merge_edges`)
with ``count``, ``articles``, ``first_date``, ``last_date`` and a ``weight`` (= count).

GraphML and GEXF get typed attributes (string, boolean, int/long, double) and no missing
values: an unset string becomes "", an unset number is left off that element (readers then use
no value), lists are joined with "; ".

CSV for ``neo4j-admin database import full`` writes two files into the folder `out`:

* ``actors.csv``  — header ``id:ID,name,kind,acts_for,sector,:LABEL``, labels ``Actor;State``,
  ``Actor;Organisation``, ``Actor;Person``, ``Actor;Group``, ``Actor;Agent``,
  ``Actor;Unresolved`` or ``Actor;Other`` (the Neo4j store's kind labels);
* ``relations.csv`` — header
  ``:START_ID,:END_ID,:TYPE,id,plover,negated:boolean,modality,date,confidence:float,doc_id,sentence``,
  the type being the relation name (ATTACKS, SANCTIONS, ...).

An actor or relation without an ``acts_for``, ``sector`` or ``modality`` gets an empty cell;
``--ignore-empty-strings=true`` makes the importer leave those properties unset, as the Neo4j
store does.

Line breaks inside sentences are folded to spaces, so the importer needs no
``--multiline-fields``. Import with::

    neo4j-admin database import full neo4j --nodes=out/actors.csv --relationships=out/relations.csv \
        --ignore-empty-strings=true
"""
from __future__ import annotations

import csv
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
from .stores.neo4j import KIND_LABELS

__all__ = ["FORMATS", "export", "to_exportable", "NODE_HEADER", "RELATIONSHIP_HEADER"]

FORMATS = ("graphml", "gexf", "json", "csv")
NODE_HEADER = ["id:ID", "name", "kind", "acts_for", "sector", ":LABEL"]
RELATIONSHIP_HEADER = [":START_ID", ":END_ID", ":TYPE", "id", "plover", "negated:boolean", "modality",
                       "date", "confidence:float", "doc_id", "sentence"]
# The kind labels (:State, :Agent, ...) are the Neo4j store's whitelist, so a bulk import and a
# load give nodes the same labels.
_LABELS = KIND_LABELS
# Edge attributes each format gets, with their type. GEXF treats "start"/"end"/"id"/"label"/
# "weight" specially, so the graph's attributes are chosen to avoid clashes.
_EDGE_TYPES: dict[str, type] = {
    "relation": str, "plover": str, "negated": bool, "modality": str, "what": str, "date": str,
    "confidence": float, "doc_id": str, "sentence": str, "sentence_index": int, "url": str,
    "title": str, "source": str, "quad_class": int, "goldstein": float,
    # merged graphs
    "count": int, "articles": int, "first_date": str, "last_date": str, "ids": str,
    "doc_ids": str, "sentences": str,
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
    fmt : {"graphml", "gexf", "json", "csv"}
        Output format; "csv" is the pair of files for ``neo4j-admin database import``.
    out : str or path, optional
        The file to write (a folder for "csv"); "-" or None writes a single-file format to
        standard output. Missing folders are created. Defaults for "csv": ``neo4j-import``.
    merged : bool, default False
        One edge per relation type and ordered pair (with counts) instead of one per relation.
        Not for "csv", which always has one relationship per relation.
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
    >>> export(store, "csv", "neo4j-import")
    ['neo4j-import/actors.csv', 'neo4j-import/relations.csv']
    """
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    if isinstance(graph_or_store, nx.Graph):
        if any(v not in (None, (), [], 1) for v in filters.values()):
            raise TypeError("filters apply when exporting from a store or rows")
        G = graph_or_store
    else:
        G = to_networkx(graph_or_store, **filters)
    if not include_negated:
        G = G.copy()
        G.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                             if d.get("negated")])
    if fmt == "csv":
        if merged:
            raise InputError("the Neo4j CSV export has one relationship per relation; drop --merged")
        return _write_csv(G, Path(out if out not in (None, "-") else "neo4j-import"))
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


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _write_csv(G: nx.Graph, folder: Path) -> list[str]:
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder (the CSV export writes two files into a folder)")
    folder.mkdir(parents=True, exist_ok=True)
    nodes_path, rels_path = folder / "actors.csv", folder / "relations.csv"
    with open(nodes_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(NODE_HEADER)
        for n, d in sorted(G.nodes(data=True), key=lambda x: str(x[0])):
            kind = d.get("kind") if d.get("kind") in _LABELS else "other"
            w.writerow([str(n), _one_line(d.get("name") or n), kind, d.get("acts_for") or "",
                        d.get("sector") or "", f"Actor;{_LABELS[kind]}"])
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else (
        (u, v, i, d) for i, (u, v, d) in enumerate(G.edges(data=True)))
    with open(rels_path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(RELATIONSHIP_HEADER)
        for u, v, k, d in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
            conf = d.get("confidence")
            w.writerow([str(u), str(v), d.get("relation", ""), str(k), d.get("plover") or "",
                        "true" if d.get("negated") else "false", d.get("modality") or "",
                        d.get("date") or "", "" if conf is None else repr(float(conf)),
                        d.get("doc_id") or "", _one_line(d.get("sentence"))])
    return [str(nodes_path), str(rels_path)]
