"""Graph stores: where extracted relations live. SQLite (embedded, the default) and Neo4j.

Every store follows the same contract, so the pipeline does not care which one it writes to:
writing an article's Extraction replaces whatever an earlier run derived from that article
(stale relations do not linger), and writing the same input twice changes nothing.

Stores only write and read: they import the model, the ontology, the errors and their own
driver, nothing that comes before them in the data flow (readers, extractors, resolver).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..errors import InputError
from ..model import Article, Extraction
from ..ontology import RELATIONS

if TYPE_CHECKING:
    from .neo4j import Neo4jSettings

#: Articles per SQLite transaction.
SQLITE_BATCH_SIZE = 500

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
    committed: int = 0  # articles in committed transactions: what stays if the write fails half-way
    # articles stored before ids were keyed on their input, replaced under their new id (is_former)
    migrated: int = 0
    # articles that replaced one of the same id read from another input (never silent): how many,
    # and the first few as (id, the input it was read from before, the input now)
    other_input: int = 0
    other_input_examples: list[tuple[str, str, str]] = field(default_factory=list)

    def replaced_from(self, article_id: str, before: str | None, now: str) -> None:
        """Note that `article_id`, stored from input `before`, is now written from `now` (an
        input not known on either side, "" or None, is not another input)."""
        if before and now and before != now:
            self.other_input += 1
            if len(self.other_input_examples) < 5:
                self.other_input_examples.append((article_id, before, now))


@runtime_checkable
class Store(Protocol):
    """The contract of a graph store.

    Rows are plain dicts:
      actor:    id, name, kind, acts_for (or None), sector (an agent's CAMEO sector code, or None)
      article:  id, title, url, date, source, input (the file or <stdin> it was read from; None
                for an article stored before articles kept it)
      relation: id, doc_id, sentence_index, subject_id, relation, object_id, negated, modality,
                what, sentence, start, end, date, confidence, extractor, trigger,
                subject_mention, object_mention, plover (the PLOVER root; a relation stored
                without one reads back with its type's default, ontology.RELATIONS[t].plover),
                speaker_id and speaker_mention (who the text says made the claim, or None),
                date_source ("text": the sentence dated the event; "article") and
                article_date (the article's own date; `date` is the event's)
      role:     person_id, acts_for, role, title, start, end
    """

    @property
    def where(self) -> str:
        """The store in a message: an SQLite file's path, a Neo4j server's URI (and database)."""
        ...

    def write(self, extractions: Iterable[Extraction], batch_size: int | None = None,
              stats: LoadStats | None = None) -> LoadStats:
        """Store each article's extraction, replacing what earlier writes derived from it;
        `batch_size` (per transaction) defaults to the store's own. `stats`, when given, is
        updated as the write goes (so a caller still has `committed` when the write raises)."""
        ...

    def delete_articles_of(self, source: str, keep: Iterable[str] = ()) -> int:
        """Delete the articles read from input `source` except those in `keep`, with their
        relations (and the actors left without any); how many. An import replaces so its file's
        earlier rows, and only that file's."""
        ...

    def actors(self) -> Iterator[dict[str, Any]]: ...

    def articles(self) -> Iterator[dict[str, Any]]: ...

    def relations(self) -> Iterator[dict[str, Any]]: ...

    def roles(self) -> Iterator[dict[str, Any]]: ...

    def close(self) -> None: ...


def is_neo4j_uri(target: object) -> bool:
    """Whether `target` is a Neo4j URI ("bolt://127.0.0.1:7687") rather than a file name."""
    from .neo4j import URI_SCHEMES

    return isinstance(target, str) and target.split("://", 1)[0].lower() in URI_SCHEMES and "://" in target


def open_store(target: "str | os.PathLike[str] | Neo4jSettings", readonly: bool = False) -> Store:
    """The store `target` names: Neo4j for settings or a Neo4j URI (bolt://, neo4j://, ...;
    user and password from NEO4J_USER and NEO4J_PASSWORD), else the SQLite file.

    `readonly` opens an SQLite file read-only (Neo4j reads happen in read-access sessions anyway).

    Example:
        >>> with open_store("graphkit.db", readonly=True) as store:
        ...     print(sum(1 for _ in store.relations()))
    """
    from .neo4j import Neo4jSettings, Neo4jStore, quiet_driver_logs

    if isinstance(target, Neo4jSettings) or is_neo4j_uri(target):
        quiet_driver_logs()
        settings = target if isinstance(target, Neo4jSettings) else Neo4jSettings.from_env(uri=str(target))
        return Neo4jStore(settings, ensure_schema=not readonly)
    from .sqlite import SQLiteStore

    return SQLiteStore(os.fspath(target), readonly=readonly)


def default_plover(relation: str) -> str | None:
    """The PLOVER root of a relation type (None for a type the ontology does not know): what a
    relation stored without a root reads back with."""
    rtype = RELATIONS.get(relation)
    return rtype.plover if rtype is not None else None


def is_former(article: Article, stored: Mapping[str, Any], sentences: Iterable[str]) -> bool:
    """Whether a stored article from before ids were keyed on their input (no `input`), found
    under one of `article.former_ids`, is this article: the same title and date, and every
    sentence its relations quote (`sentences`) still in the text. A store then replaces it
    with `article`, so a store built before re-builds without doubling; an article that only
    shares its old id ("story" of another folder's story.txt) stays."""
    if (stored.get("title") or "") != (article.title or "") or stored.get("date") != article.date:
        return False
    text = " ".join(article.text.split())
    return all(" ".join(s.split()) in text for s in sentences)


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def check_date(value: str | None, name: str) -> str | None:
    """A date bound as a person gives it (YYYY-MM-DD, YYYY-MM or YYYY), checked; None or "" is
    None. Raises InputError naming the option (`--since`, `--until`)."""
    from datetime import date

    if value is None or value == "":
        return None
    value = str(value).strip()
    try:
        if not _DATE.match(value):
            raise ValueError
        date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        raise InputError(f"--{name} {value!r}: expected a date as YYYY-MM-DD (or YYYY-MM, YYYY)") from None
    return value
