"""Graph stores: where extracted relations live. SQLite (embedded, the default) and Neo4j.

Every store follows the same contract, so the pipeline does not care which one it writes to:
writing an article's Extraction replaces whatever an earlier run derived from that article
(stale relations do not linger), and writing the same input twice changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from ..model import Extraction

#: Relations per Neo4j transaction. The bench's batch-size curve (bench/RESULTS.md) is flat from
#: 500 to 2000 relations and peaks at 1000; smaller transactions also hold less server heap.
NEO4J_BATCH_SIZE = 1000

#: Seconds `graphkit query` lets a Cypher query run before the server stops it (--timeout).
QUERY_TIMEOUT = 60.0


@dataclass
class LoadStats:
    """What a write did."""

    articles: int = 0
    relations: int = 0  # relations written (new or replaced)
    removed: int = 0  # stale relations dropped because their article was re-extracted
    unresolved: int = 0
    seconds: float = 0.0


@runtime_checkable
class Store(Protocol):
    """The contract of a graph store.

    Rows are plain dicts:
      actor:    id, name, kind, acts_for (or None), sector (an agent's CAMEO sector code, or None)
      article:  id, title, url, date, source
      relation: id, doc_id, sentence_index, subject_id, relation, object_id, negated, modality,
                what, sentence, start, end, date, confidence, extractor, trigger,
                subject_mention, object_mention, plover (the PLOVER root; a relation stored
                without one reads back with its type's default, ontology.RELATIONS[t].plover)
      role:     person_id, acts_for, role, title, start, end
    """

    def write(self, extractions: Iterable[Extraction], batch_size: int = 500) -> LoadStats: ...

    def actors(self) -> Iterator[dict[str, Any]]: ...

    def articles(self) -> Iterator[dict[str, Any]]: ...

    def relations(self) -> Iterator[dict[str, Any]]: ...

    def roles(self) -> Iterator[dict[str, Any]]: ...

    def close(self) -> None: ...
