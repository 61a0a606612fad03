"""Stored relations as a networkx graph, a merged view of it, and analytics over either.

`to_networkx` turns a store (or its rows) into a `networkx.MultiDiGraph`: one node per actor,
one edge per stored relation, keyed by the relation's id. `merge_edges` folds all relations of
one type between one ordered pair into one edge that counts them and keeps their evidence.
The analytics (`centrality`, `communities`, `dyad_balance`) are plain functions: a graph in,
plain data out, no I/O. They leave negated relations ("did not attack") out unless asked.

Example
-------
>>> from graphkit.stores.sqlite import SQLiteStore
>>> from graphkit.graph import to_networkx, centrality
>>> with SQLiteStore("graphkit.db", readonly=True) as store:
...     G = to_networkx(store, relations=["ATTACKS", "SANCTIONS"], since="2024-01-01")
>>> [v["name"] for v in list(centrality(G).values())[:3]]
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import networkx as nx

from .dates import period
from .errors import InputError
from .ontology import PLOVER_ROOTS, RELATIONS, UnknownRelation, get_relation
from .stores import check_date as _check_date

__all__ = ["Evidence", "to_networkx", "merge_edges", "centrality", "communities", "dyad_balance",
           "relation_count", "plover_roots"]

class Evidence(NamedTuple):
    """One sentence that reports a relation, with where it was read."""

    sentence: str
    source: str
    url: str
    date: str | None
    doc_id: str
    title: str = ""
    speaker: str = ""  # the name of the actor the text attributes the claim to, "" for none
    modality: str = ""  # the relation's modality in this sentence, "" when asserted


# --- building ---------------------------------------------------------------------------------

def _collect(store_or_rows: Any) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """(actors, articles, relations, roles) rows from a Store, a mapping of row lists, or an
    iterable of relation rows."""
    if hasattr(store_or_rows, "relations") and callable(store_or_rows.relations):
        s = store_or_rows
        roles = list(s.roles()) if callable(getattr(s, "roles", None)) else []
        return list(s.actors()), list(s.articles()), list(s.relations()), roles
    if isinstance(store_or_rows, Mapping):
        m = store_or_rows
        return (list(m.get("actors", ())), list(m.get("articles", ())),
                list(m.get("relations", ())), list(m.get("roles", ())))
    if isinstance(store_or_rows, Iterable) and not isinstance(store_or_rows, (str, bytes)):
        return [], [], list(store_or_rows), []
    raise TypeError(f"expected a graphkit Store, a mapping of rows or relation rows, "
                    f"not {type(store_or_rows).__name__}")


def _relation_names(relations: Iterable[str] | str | None) -> set[str] | None:
    if relations is None:
        return None
    if isinstance(relations, str):
        relations = [relations]
    names = set()
    for name in relations:
        try:
            names.add(get_relation(name).name)
        except UnknownRelation as e:
            raise InputError(str(e)) from None
    return names or None


def plover_roots(roots: Iterable[str] | str | None) -> set[str] | None:
    """PLOVER root names checked against `ontology.PLOVER_ROOTS` (case-insensitive).

    Raises InputError naming the unknown root and the known ones; None or nothing gives None.

    Example
    -------
    >>> sorted(plover_roots(["assault", "COERCE"]))
    ['ASSAULT', 'COERCE']
    """
    if roots is None:
        return None
    if isinstance(roots, str):
        roots = [roots]
    names = set()
    for root in roots:
        name = str(root).strip().upper()
        if name not in PLOVER_ROOTS:
            raise InputError(f"--plover {root!r}: unknown PLOVER root (known: {', '.join(PLOVER_ROOTS)})")
        names.add(name)
    return names or None


def row_plover(r: Mapping[str, Any]) -> str | None:
    """A relation row's PLOVER root: its own, else its type's default (rows written before
    relations carried one), None for a type the ontology does not know."""
    if r.get("plover"):
        return str(r["plover"])
    rtype = RELATIONS.get(r.get("relation") or "")
    return rtype.plover if rtype else None


def to_networkx(store_or_rows: Any, relations: Iterable[str] | str | None = None,
                actor: str | None = None, hops: int | None = None, since: str | None = None,
                until: str | None = None, min_mentions: int = 1,
                plover: Iterable[str] | str | None = None,
                speaker: str | None = None) -> nx.MultiDiGraph:
    """Build a directed multigraph of actors and the relations between them.

    Parameters
    ----------
    store_or_rows : Store, mapping or iterable
        A graphkit store (anything with ``actors()``, ``articles()``, ``relations()`` and
        ``roles()`` yielding the Store contract's row dicts), a mapping with the keys
        ``"actors"``, ``"articles"``, ``"relations"`` and ``"roles"`` holding such rows, or an
        iterable of relation rows alone (actors then get their id as name).
    relations : str or iterable of str, optional
        Keep only these relation types (case-insensitive, e.g. ``["ATTACKS", "sanctions"]``).
        An unknown name raises InputError naming the known ones.
    actor : str, optional
        An actor id: keep only the part of the graph within `hops` of it (ignoring direction).
    hops : int, optional
        Radius around `actor`; 1 when `actor` is given and `hops` is not.
    since, until : str, optional
        Keep relations dated on or after `since` and on or before `until` (``YYYY-MM-DD``;
        ``YYYY`` or ``YYYY-MM`` cover the whole year or month). A relation's date is its own,
        else its article's; undated relations are dropped when either bound is given.
    min_mentions : int, default 1
        Keep a relation only when at least this many stored relations report the same
        (subject, type, object, negated) — a way to drop one-off extractions.
    plover : str or iterable of str, optional
        Keep only relations whose PLOVER root is one of these (case-insensitive, e.g.
        ``["ASSAULT", "coerce"]``; a relation without a root of its own counts under its
        type's). An unknown root raises InputError naming the known ones.
    speaker : str, optional
        An actor id: keep only the relations the text attributes to this actor ("..., the
        minister said"). The speaker need not be the relation's subject or object.

    Returns
    -------
    G : networkx.MultiDiGraph
        Nodes are actor ids with attributes ``name``, ``kind``, ``acts_for`` (the state or
        organisation a person or agent acts for, or None) and ``sector`` (an agent's CAMEO
        sector code, or None). Edges run subject → object, keyed by the
        relation id, with attributes ``relation``, ``plover``, ``negated``, ``modality``, ``what``, ``date``
        (the event's, else the article's), ``date_source`` ("text" or "article"),
        ``article_date``, ``confidence``, ``doc_id``, ``sentence``, ``sentence_index``, ``url``,
        ``title``, ``source`` (of the article), ``speaker_id``, ``speaker_name`` and
        ``speaker_mention`` (who the text says made the claim; None for the text's own
        claims), ``quad_class`` and ``goldstein`` (from the ontology; None for a type it
        does not know). ``G.graph["relations_total"]`` is the number of stored
        relations before filtering.

    Example
    -------
    >>> G = to_networkx(store, actor="RUS", hops=1, since="2024")
    >>> G.nodes["RUS"]["name"]
    'Russia'
    >>> sorted({d["relation"] for _, _, d in G.edges(data=True)})[:3]
    ['ACCUSES', 'ATTACKS', 'CRITICIZES']
    """
    keep_types = _relation_names(relations)
    keep_roots = plover_roots(plover)
    since = _check_date(since, "since")
    until = _check_date(until, "until")
    if min_mentions is None or min_mentions < 1:
        min_mentions = 1
    if hops is not None and hops < 0:
        raise InputError(f"--hops {hops}: must be 0 or more")

    actor_rows, article_rows, relation_rows, role_rows = _collect(store_or_rows)
    actors = {a["id"]: a for a in actor_rows}
    articles = {a["id"]: a for a in article_rows}
    latest_role: dict[str, dict] = {}
    for r in role_rows:
        cur = latest_role.get(r["person_id"])
        if cur is None or (r.get("start") or "") >= (cur.get("start") or ""):
            latest_role[r["person_id"]] = r

    G = nx.MultiDiGraph()
    G.graph["relations_total"] = len(relation_rows)

    def add_node(aid: str) -> None:
        if aid in G:
            return
        row = actors.get(aid, {})
        acts_for = row.get("acts_for")
        if not acts_for and aid in latest_role:
            acts_for = latest_role[aid].get("acts_for")
        G.add_node(aid, name=row.get("name") or aid, kind=row.get("kind") or "other",
                   acts_for=acts_for or None, sector=row.get("sector") or None)

    kept: list[tuple[dict, str | None]] = []
    for r in relation_rows:
        if keep_types is not None and r["relation"] not in keep_types:
            continue
        if keep_roots is not None and row_plover(r) not in keep_roots:
            continue
        if speaker is not None and r.get("speaker_id") != speaker:
            continue
        art = articles.get(r.get("doc_id"), {})
        day = r.get("date") or art.get("date")
        # a date of any precision ("2022", "2022-03") is kept when its period meets the range
        if since is not None and (not day or period(day)[1] < period(since)[0]):
            continue
        if until is not None and (not day or period(day)[0] > period(until)[1]):
            continue
        kept.append((r, day))

    if min_mentions > 1:
        counts: dict[tuple, int] = defaultdict(int)
        for r, _ in kept:
            counts[_group(r)] += 1
        kept = [(r, day) for r, day in kept if counts[_group(r)] >= min_mentions]

    for r, day in kept:
        art = articles.get(r.get("doc_id"), {})
        rtype = RELATIONS.get(r["relation"])
        s, o = r["subject_id"], r["object_id"]
        add_node(s)
        add_node(o)
        who = r.get("speaker_id")
        G.add_edge(s, o, key=r["id"], relation=r["relation"], plover=row_plover(r),
                   negated=bool(r.get("negated")),
                   modality=r.get("modality"), what=r.get("what"), date=day,
                   date_source=r.get("date_source") or "article",
                   article_date=r.get("article_date") or art.get("date"),
                   speaker_id=who, speaker_name=(actors.get(who, {}).get("name") or who) if who else None,
                   speaker_mention=r.get("speaker_mention"),
                   confidence=float(r["confidence"]) if r.get("confidence") is not None else None,
                   doc_id=r.get("doc_id") or "", sentence=r.get("sentence") or "",
                   sentence_index=r.get("sentence_index"), url=art.get("url") or "",
                   title=art.get("title") or "", source=art.get("source") or "",
                   quad_class=rtype.quad_class if rtype else None,
                   goldstein=rtype.goldstein if rtype else None)

    if actor is not None:
        if actor not in G:
            G.remove_nodes_from(list(G))
            if actor in actors:
                add_node(actor)
            return G
        radius = 1 if hops is None else hops
        near = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), actor,
                                                     cutoff=radius)
        G.remove_nodes_from([n for n in list(G) if n not in near])
    return G


def _group(r: Mapping[str, Any]) -> tuple:
    return (r["subject_id"], r["relation"], r["object_id"], bool(r.get("negated")))


def relation_count(G: nx.Graph, include_negated: bool = True) -> int:
    """How many stored relations `G` holds: its edges, or the sum of ``count`` of a merged graph.

    Example
    -------
    >>> relation_count(merge_edges(G)) == relation_count(G, include_negated=False)
    True
    """
    return sum(w for _, _, _, w in _edges(G, include_negated))


# --- the merged view --------------------------------------------------------------------------

def merge_edges(G: nx.MultiDiGraph, include_negated: bool = False,
                split_modal: bool = False) -> nx.MultiDiGraph:
    """Fold all relations of one type between one ordered pair into one edge.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from `to_networkx`.
    include_negated : bool, default False
        Also merge negated relations, into their own edges keyed ``"NOT <TYPE>"``.
        By default they are left out.
    split_modal : bool, default False
        Merge the relations that carry a modality (plans, threats, conditionals: not facts)
        into their own edges keyed ``"MODAL <TYPE>"``, apart from the asserted ones. By default
        they are merged with them.

    Returns
    -------
    M : networkx.MultiDiGraph
        The same nodes (with their attributes). At most one edge per (subject, object, type),
        keyed by the type name, with attributes ``relation``, ``plover`` (the PLOVER root of the
        merged relations; several, "; "-joined in PLOVER order, when they differ),
        ``negated``, ``modal`` (the edge holds modal relations only: ``split_modal``),
        ``modalities`` (the distinct modalities merged, sorted), ``count`` (relations
        merged), ``articles`` (distinct articles reporting them), ``first_date``, ``last_date``,
        ``dates`` (relations per date, ``{"2024-03-01": 2, ...}``; undated ones under ""),
        ``quad_class``, ``goldstein`` (of the type), ``confidence`` (the highest), ``ids`` (the
        merged relation ids), ``speakers`` (the names the text attributes the relations to) and
        ``evidence``: a list of `Evidence` (sentence, source, url, date, doc_id, title,
        speaker, modality) ordered by date, one per distinct sentence.

    Example
    -------
    >>> M = merge_edges(G)
    >>> d = M.edges["USA", "YEM", "ATTACKS"]
    >>> d["count"], d["first_date"], d["evidence"][0].sentence[:40]
    (3, '2024-01-12', 'The United States and Britain struck ...')
    """
    M = nx.MultiDiGraph()
    M.graph.update(G.graph)
    M.add_nodes_from(G.nodes(data=True))
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("negated") and not include_negated:
            continue
        modal = bool(split_modal and d.get("modality") and not d.get("negated"))
        key = f"NOT {d['relation']}" if d.get("negated") else f"MODAL {d['relation']}" if modal else d["relation"]
        if M.has_edge(u, v, key):
            e = M.edges[u, v, key]
        else:
            M.add_edge(u, v, key=key, relation=d["relation"], plover=None,
                       negated=bool(d.get("negated")), modal=modal, modalities=[],
                       count=0, articles=0, first_date=None, last_date=None, dates={},
                       quad_class=d.get("quad_class"), goldstein=d.get("goldstein"),
                       confidence=None, ids=[], speakers=[], evidence=[], _docs=set(), _sentences=set(),
                       _plovers=set())
            e = M.edges[u, v, key]
        e["count"] += 1
        if d.get("plover"):
            e["_plovers"].add(d["plover"])
        e["ids"].append(k)
        e["_docs"].add(d.get("doc_id"))
        day = d.get("date")
        e["dates"][day or ""] = e["dates"].get(day or "", 0) + 1
        if day:
            e["first_date"] = day if e["first_date"] is None else min(e["first_date"], day)
            e["last_date"] = day if e["last_date"] is None else max(e["last_date"], day)
        if d.get("modality") and d["modality"] not in e["modalities"]:
            e["modalities"].append(d["modality"])
        who = d.get("speaker_name") or ""
        if who and who not in e["speakers"]:
            e["speakers"].append(who)
        conf = d.get("confidence")
        if conf is not None and (e["confidence"] is None or conf > e["confidence"]):
            e["confidence"] = conf
        sent_key = (d.get("doc_id"), d.get("sentence"))
        if sent_key not in e["_sentences"]:
            e["_sentences"].add(sent_key)
            e["evidence"].append(Evidence(d.get("sentence") or "", d.get("source") or "",
                                          d.get("url") or "", day, d.get("doc_id") or "",
                                          d.get("title") or "", who, d.get("modality") or ""))
    for _, _, e in M.edges(data=True):
        e["articles"] = len(e.pop("_docs"))
        del e["_sentences"]
        roots = e.pop("_plovers")
        e["plover"] = "; ".join(sorted(roots, key=lambda p: (PLOVER_ROOTS.index(p) if p in PLOVER_ROOTS
                                                              else len(PLOVER_ROOTS), p))) or None
        e["modalities"].sort()
        e["evidence"].sort(key=lambda ev: (ev.date or "9999", ev.doc_id))
    return M


# --- analytics --------------------------------------------------------------------------------

def is_modal(d: Mapping[str, Any]) -> bool:
    """Whether an edge (of `to_networkx`, or merged with ``split_modal``) stands for relations
    that carry a modality: plans, threats, conditionals, questions, not facts."""
    return bool(d.get("modality") or d.get("modal"))


def _edges(G: nx.Graph, include_negated: bool,
           include_modal: bool = True) -> Iterable[tuple[Any, Any, dict, int]]:
    """(u, v, data, weight) of every edge that counts: weight is the relations it stands for."""
    if G.is_multigraph():
        it = ((u, v, d) for u, v, _, d in G.edges(keys=True, data=True))
    else:
        it = G.edges(data=True)
    for u, v, d in it:
        if d.get("negated") and not include_negated:
            continue
        if not include_modal and is_modal(d):
            continue
        yield u, v, d, int(d.get("count", 1))


def _pagerank(nodes: list, weights: dict[tuple, float], alpha: float = 0.85,
              max_iter: int = 200, tol: float = 1.0e-10) -> dict:
    """Weighted PageRank by power iteration (dangling nodes spread their rank uniformly)."""
    n = len(nodes)
    if n == 0:
        return {}
    out_w: dict[Any, float] = defaultdict(float)
    links: dict[Any, list[tuple[Any, float]]] = defaultdict(list)
    for (u, v), w in weights.items():
        out_w[u] += w
        links[u].append((v, w))
    rank = {x: 1.0 / n for x in nodes}
    dangling = [x for x in nodes if out_w.get(x, 0.0) == 0.0]
    for _ in range(max_iter):
        spill = alpha * sum(rank[x] for x in dangling) / n
        new = {x: (1.0 - alpha) / n + spill for x in nodes}
        for u, targets in links.items():
            share = alpha * rank[u] / out_w[u]
            for v, w in targets:
                new[v] += share * w
        err = sum(abs(new[x] - rank[x]) for x in nodes)
        rank = new
        if err < n * tol:
            break
    return rank


def centrality(G: nx.Graph, include_negated: bool = False, alpha: float = 0.85,
               include_modal: bool = True) -> dict[Any, dict]:
    """Degree and PageRank of every actor.

    Parameters
    ----------
    G : networkx graph
        From `to_networkx` (each edge one relation) or `merge_edges` (each edge weighs its
        ``count``).
    include_negated : bool, default False
        Count negated relations too.
    alpha : float, default 0.85
        PageRank damping factor.
    include_modal : bool, default True
        Count relations with a modality (plans, threats, ...); `analyze` leaves them out.

    Returns
    -------
    scores : dict
        ``{actor_id: {"name", "kind", "degree", "in_degree", "out_degree", "neighbours",
        "degree_centrality", "pagerank"}}`` ordered by PageRank, highest first. ``degree``
        counts relations (in + out), ``neighbours`` distinct other actors,
        ``degree_centrality`` is ``neighbours / (n - 1)``. PageRank follows relations from
        subject to object, weighted by how many relations link the pair, so being acted upon
        by many ranks high.

    Example
    -------
    >>> scores = centrality(G)
    >>> top = next(iter(scores.values()))
    >>> top["name"], round(top["pagerank"], 3), top["degree"]
    ('Russia', 0.142, 37)
    """
    nodes = list(G.nodes)
    indeg: dict[Any, int] = defaultdict(int)
    outdeg: dict[Any, int] = defaultdict(int)
    nbrs: dict[Any, set] = defaultdict(set)
    weights: dict[tuple, float] = defaultdict(float)
    for u, v, _, w in _edges(G, include_negated, include_modal):
        outdeg[u] += w
        indeg[v] += w
        if u != v:
            nbrs[u].add(v)
            nbrs[v].add(u)
        weights[(u, v)] += w
    pr = _pagerank(nodes, weights, alpha=alpha)
    scale = 1.0 / (len(nodes) - 1) if len(nodes) > 1 else 0.0
    out = {}
    for x in sorted(nodes, key=lambda x: (-pr[x], str(x))):
        data = G.nodes[x]
        out[x] = {"name": data.get("name", x), "kind": data.get("kind", "other"),
                  "degree": indeg[x] + outdeg[x], "in_degree": indeg[x], "out_degree": outdeg[x],
                  "neighbours": len(nbrs[x]), "degree_centrality": len(nbrs[x]) * scale,
                  "pagerank": pr[x]}
    return out


def communities(G: nx.Graph, include_negated: bool = False, resolution: float = 1.0,
                include_modal: bool = True) -> list[list]:
    """Groups of actors more tied to each other than to the rest (greedy modularity).

    The graph is projected to an undirected simple graph whose edge weights count the
    relations between the pair in either direction; `networkx`'s
    ``greedy_modularity_communities`` partitions it. Conflict ties count like cooperative ones:
    a community is who deals with whom, not who is on whose side.

    Parameters
    ----------
    G : networkx graph
        From `to_networkx` or `merge_edges`.
    include_negated : bool, default False
        Count negated relations too.
    resolution : float, default 1.0
        Above 1 favours smaller communities, below 1 larger ones.
    include_modal : bool, default True
        Count relations with a modality (plans, threats, ...); `analyze` leaves them out.

    Returns
    -------
    groups : list of lists
        Actor ids, one list per community, largest first; within a community the
        best-connected actor first. Actors without (counted) relations are singletons.

    Example
    -------
    >>> [[G.nodes[a]["name"] for a in c] for c in communities(G)][:2]
    [['Russia', 'Ukraine', 'NATO'], ['Israel', 'Iran', 'Qatar']]
    """
    U = nx.Graph()
    U.add_nodes_from(G.nodes)
    for u, v, _, w in _edges(G, include_negated, include_modal):
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    if U.number_of_edges() == 0:
        groups = [{x} for x in U.nodes]
    else:
        groups = nx.community.greedy_modularity_communities(U, weight="weight",
                                                            resolution=resolution)
    strength = dict(U.degree(weight="weight"))
    ordered = [sorted(g, key=lambda x: (-strength[x], str(x))) for g in groups]
    ordered.sort(key=lambda g: (-len(g), -sum(strength[x] for x in g), str(g[0])))
    return ordered


def dyad_balance(G: nx.Graph, include_negated: bool = False, include_modal: bool = False) -> list[dict]:
    """Cooperation against conflict for each pair of actors that has relations: by default
    facts only (asserted, not negated), so that a threat or a plan does not count as the act.

    Parameters
    ----------
    G : networkx graph
        From `to_networkx` or `merge_edges`.
    include_negated : bool, default False
        Count negated relations too (with their type's sign, which is rarely what you want).
    include_modal : bool, default False
        Count relations with a modality too ("would send weapons", "if ... withdraws").
        (A merged graph counts them only when merged with ``split_modal``.)

    Returns
    -------
    dyads : list of dict
        One per unordered pair (self-relations and types the ontology does not know are
        left out): ``actors`` (the two ids, sorted), ``names``, ``relations`` (total),
        ``cooperative`` (QuadClass 1 + 2), ``conflictual`` (3 + 4), ``by_quad`` (``{1: n, 2:
        n, 3: n, 4: n}``), ``goldstein`` (summed Goldstein scores), ``mean_goldstein`` and
        ``balance`` (cooperative − conflictual). Ordered from the most conflictual
        (lowest Goldstein sum) to the most cooperative.

    Example
    -------
    >>> worst = dyad_balance(G)[0]
    >>> worst["names"], worst["conflictual"], worst["goldstein"]
    (('Russia', 'Ukraine'), 12, -104.0)
    """
    acc: dict[tuple, dict] = {}
    for u, v, d, w in _edges(G, include_negated, include_modal):
        q = d.get("quad_class")
        if u == v or q not in (1, 2, 3, 4):
            continue
        pair = tuple(sorted((u, v), key=str))
        row = acc.get(pair)
        if row is None:
            row = acc[pair] = {"actors": pair,
                               "names": tuple(G.nodes[x].get("name", x) for x in pair),
                               "relations": 0, "cooperative": 0, "conflictual": 0,
                               "by_quad": {1: 0, 2: 0, 3: 0, 4: 0}, "goldstein": 0.0}
        row["relations"] += w
        row["by_quad"][q] += w
        if q in (1, 2):
            row["cooperative"] += w
        else:
            row["conflictual"] += w
        row["goldstein"] += w * float(d.get("goldstein") or 0.0)
    out = []
    for row in acc.values():
        row["goldstein"] = round(row["goldstein"], 3)
        row["mean_goldstein"] = round(row["goldstein"] / row["relations"], 3)
        row["balance"] = row["cooperative"] - row["conflictual"]
        out.append(row)
    out.sort(key=lambda r: (r["goldstein"], -r["relations"], [str(a) for a in r["actors"]]))
    return out


# --- a store's graph as a person asks for it (the CLI's --relation, --actor, ... options) ----

def resolve_actor(name: str, store: Any) -> str:
    """The id of the actor a person means by `name`: the gazetteer's resolver first ("Moscow",
    "the Kremlin"), then the store's own actors by id or name. Raises InputError for neither."""
    from .actors import Resolver

    actor = Resolver().resolve(name)
    if actor is not None:
        return actor.id
    wanted = name.strip().casefold()
    for row in store.actors():
        if wanted in (str(row["id"]).casefold(), str(row.get("name") or "").casefold()):
            return row["id"]
    raise InputError(f"unknown actor {name!r} (not in the gazetteer nor in the store)")


def filtered_graph(store: Any, relations: Iterable[str] | None = None, actor: str | None = None,
                   hops: int | None = None, since: str | None = None, until: str | None = None,
                   min_mentions: int = 1, plover: Iterable[str] | None = None,
                   speaker: str | None = None) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """`to_networkx` of a store with its filters as a person gives them: relation types and
    PLOVER roots in any case, the actor and the speaker by name, alias or id (`resolve_actor`).
    Returns the graph and the filters as applied (canonical names; for `views.describe_filters`)."""
    filters = resolve_filters(store, relations=relations, actor=actor, hops=hops, since=since, until=until,
                              min_mentions=min_mentions, plover=plover, speaker=speaker)
    return to_networkx(store, **filters), filters


def resolve_filters(store: Any, relations: Iterable[str] | None = None, actor: str | None = None,
                    hops: int | None = None, since: str | None = None, until: str | None = None,
                    min_mentions: int = 1, plover: Iterable[str] | None = None,
                    speaker: str | None = None) -> dict[str, Any]:
    """The filters as a person gives them, checked and canonical: `to_networkx`'s keyword
    arguments (relation types and roots upper case, actor and speaker ids)."""
    names = sorted(_relation_names(list(relations or ())) or ())
    roots = plover_roots(list(plover or ()))
    if hops is not None and actor is None:
        raise InputError("--hops needs --actor")
    return {"relations": names or None, "actor": resolve_actor(actor, store) if actor is not None else None,
            "hops": hops, "since": since, "until": until, "min_mentions": min_mentions,
            "plover": sorted(roots) if roots else None,
            "speaker": resolve_actor(speaker, store) if speaker is not None else None}


def find_relations(store: Any, subject: str | None = None, object: str | None = None,
                   relation: Iterable[str] | str | None = None, plover: Iterable[str] | str | None = None,
                   since: str | None = None, until: str | None = None, speaker: str | None = None,
                   facts_only: bool = True) -> Iterable[Any]:
    """`SQLiteStore.find_relations` with its actors as a person names them: by name, alias or id
    (`resolve_actor`: "the Kremlin" is Russia). `graphkit relations` calls this.

    Example
    -------
    >>> with SQLiteStore("graphkit.db", readonly=True) as store:
    ...     [r.subject.actor.name for r in find_relations(store, object="Kyiv", relation="supplies")]
    """
    ids = {k: resolve_actor(v, store) if v is not None else None
           for k, v in (("subject", subject), ("object", object), ("speaker", speaker))}
    return store.find_relations(relation=relation, plover=plover, since=since, until=until,
                                facts_only=facts_only, **ids)


def store_graph(target: Any, **filters: Any) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """`filtered_graph` of the store `target`: a store, an SQLite file, a Neo4j URI or Neo4j
    settings (opened read-only, and closed again, when it is not a store already).

    Example
    -------
    >>> G, applied = store_graph("graphkit.db", relations=["sanctions"], actor="Moscow")
    """
    from .stores import Store, open_store

    if isinstance(target, Store):
        return filtered_graph(target, **filters)
    with open_store(target, readonly=True) as store:  # type: ignore[attr-defined]
        return filtered_graph(store, **filters)


def analyze(G: nx.Graph, top: int = 10, include_negated: bool = False,
            include_modal: bool = False) -> dict[str, Any]:
    """Everything `graphkit analyze` reports, as JSON-ready data: the `top` most central actors
    (PageRank), the communities (`top` of them listed), the most conflictual and the most
    cooperative dyads, and how many relations were left out as negated or modal. Facts only by
    default: a negated ("did not send") or modal ("would send") relation is not the act."""
    scores = centrality(G, include_negated=include_negated, include_modal=include_modal)
    groups = communities(G, include_negated=include_negated, include_modal=include_modal)
    dyads = dyad_balance(G, include_negated=include_negated, include_modal=include_modal)
    name = {n: G.nodes[n].get("name", n) for n in G.nodes}

    def dyad(d: dict[str, Any]) -> dict[str, Any]:
        return {**d, "actors": list(d["actors"]), "names": list(d["names"]),
                "by_quad": {str(k): v for k, v in d["by_quad"].items()}}

    negated = sum(1 for *_, d in G.edges(data=True) if d.get("negated"))
    modal = sum(1 for *_, d in G.edges(data=True) if is_modal(d) and (include_negated or not d.get("negated")))
    return {
        "actors": G.number_of_nodes(), "relations": G.number_of_edges(),
        "negated_left_out": 0 if include_negated else negated,
        "modal_left_out": 0 if include_modal else modal,
        "centrality": [{"id": k, **v} for k, v in list(scores.items())[:top]],
        "communities": [[{"id": a, "name": name[a]} for a in g] for g in groups[:top]],
        "communities_total": len(groups),
        "isolated": sum(1 for g in groups if len(g) == 1),
        "most_conflictual": [dyad(d) for d in dyads if d["goldstein"] < 0][:top],
        "most_cooperative": [dyad(d) for d in reversed(dyads) if d["goldstein"] > 0][:top],
    }
