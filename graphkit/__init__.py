"""graphkit: knowledge graphs of international relations from news text.

The public API, mirrored one-to-one by the `graphkit` command line:

    >>> import graphkit
    >>> for rel in graphkit.extract_relations(["examples/articles"]):      # graphkit extract
    ...     print(rel.subject.actor.name, rel.relation, rel.object.actor.name)
    >>> graphkit.build(["examples/articles"], "graphkit.db")                 # graphkit build
    >>> graphkit.import_relations("examples/relations.csv", db="graphkit.db")  # graphkit import
    >>> G = graphkit.to_networkx(graphkit.SQLiteStore("graphkit.db"))        # graphkit analyze
    >>> graphkit.write_view(G, "graph.html")                                 # graphkit view
    >>> from graphkit.timeline import timeline                             # graphkit timeline
    >>> graphkit.write_timeline(timeline(G, actor="RUS"), "t.svg")
    >>> graphkit.SQLiteStore("graphkit.db").find_relations(object="UKR")     # graphkit relations
    >>> graphkit.evaluate("tests/data/gold_dev.jsonl", "rules")              # graphkit eval

Names load lazily, so `import graphkit` stays cheap and never pulls in spaCy, pyvis or the
Neo4j driver until they are used.
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    # data model and ontology
    "Article": "model", "Actor": "model", "Mention": "model", "Relation": "model",
    "Extraction": "model", "Role": "model",
    "RELATION_TYPES": "ontology", "RELATIONS": "ontology", "get_relation": "ontology",
    # reading, resolving, extracting
    "read_articles": "readers", "Resolver": "actors", "load_gazetteer": "actors",
    "get_extractor": "extractors", "register": "extractors",
    "extract": "pipeline", "extract_relations": "pipeline",
    "evaluate": "evaluate", "load_gold": "evaluate",
    # stores and loading
    "SQLiteStore": "stores.sqlite", "Neo4jStore": "stores.neo4j", "open_store": "stores",
    "build": "build", "import_relations": "imports",
    # looking
    "to_networkx": "graph", "merge_edges": "graph", "centrality": "graph",
    "communities": "graph", "dyad_balance": "graph",
    "write_view": "views", "export": "exports",
    "write_timeline": "timeline", "find_relations": "graph",
    # errors
    "GraphkitError": "errors", "InputError": "errors", "StoreError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'graphkit' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
