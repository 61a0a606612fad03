"""The data model: articles in, actors and relations out.

Small frozen dataclasses, so that every stage (reader, extractor, store, exporter) agrees on
one shape and nothing downstream can mutate what upstream produced.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

# "agent": a sector of a state the text describes ("German prosecutors": Germany, judiciary);
# "unresolved": a named actor no list knows, kept under a stable id from its normalised name.
ACTOR_KINDS = ("state", "organisation", "person", "group", "agent", "unresolved", "other")
#: Relation.date_source: the sentence gave the event's date, or the article's date stands in.
DATE_SOURCES = ("article", "text")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, a JSONL line or standard input."""

    id: str
    text: str
    title: str = ""
    url: str = ""
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    source: str = ""
    origin: str = ""  # "path:line" where it was read, for messages


@dataclass(frozen=True, slots=True)
class Role:
    """An office a person holds for a state or organisation, with its dates."""

    acts_for: str
    role: str  # head_of_state | head_of_government | foreign_minister | defence_minister | head | ...
    title: str = ""
    start: str | None = None
    end: str | None = None

    def active_on(self, day: str | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical entity: a state (ISO alpha-3 id), an organisation, a group or a person."""

    id: str
    name: str
    kind: str
    acts_for: str | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    sector: str | None = None  # CAMEO agent code (GOV, MIL, JUD, ...; ontology.SECTORS)

    def acts_for_on(self, day: str | None) -> str | None:
        """The actor this person acts for on `day` (or its latest role when no date is known)."""
        for role in self.roles:
            if day is not None and role.active_on(day):
                return role.acts_for
        if self.roles:
            return max(self.roles, key=lambda r: r.start or "").acts_for
        return self.acts_for


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as the text named it: the words and their character offsets in the article."""

    actor: Actor
    text: str
    start: int
    end: int
    form: str = "name"  # name | adjective | metonym | title | pronoun | anaphor


@dataclass(frozen=True, slots=True)
class Relation:
    """One actor–relation–actor triple with its provenance."""

    subject: Mention
    relation: str
    object: Mention
    doc_id: str
    sentence: str
    sentence_index: int
    start: int
    end: int
    negated: bool = False
    modality: str | None = None
    what: str | None = None
    date: str | None = None
    confidence: float = 1.0
    extractor: str = ""
    trigger: str = ""
    plover: str | None = None  # PLOVER root of the event (ontology.PLOVER_ROOTS)
    acts_for: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # Who the text says made the claim ("..., the minister said"); None: the text asserts it.
    speaker: Mention | None = None
    # Where `date` comes from: "text" when the sentence dated the event ("in 2022"), else
    # "article" (the article's own date, kept in `article_date` either way).
    date_source: str = "article"
    article_date: str | None = None

    @property
    def is_fact(self) -> bool:
        """Asserted and not negated: what facts-only analytics and readers keep."""
        return self.modality is None and not self.negated

    @property
    def key(self) -> tuple[str, int, str, str, str, bool]:
        """What makes a relation the same one on a second load (see the store's schema)."""
        return (self.doc_id, self.sentence_index, self.subject.actor.id, self.relation,
                self.object.actor.id, self.negated)

    @property
    def id(self) -> str:
        """A stable id of `key`: the same relation gets the same id in every store, on every run."""
        return relation_id(*self.key)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL shape of `graphkit extract`."""
        return {
            "doc_id": self.doc_id,
            "subject": _mention_dict(self.subject, self.acts_for.get("subject")),
            "relation": self.relation,
            "plover": self.plover,
            "object": _mention_dict(self.object, self.acts_for.get("object")),
            "negated": self.negated,
            "modality": self.modality,
            "what": self.what,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "start": self.start,
            "end": self.end,
            "date": self.date,
            "date_source": self.date_source,
            "article_date": self.article_date,
            "speaker": _mention_dict(self.speaker, None) if self.speaker is not None else None,
            "confidence": round(self.confidence, 3),
            "extractor": self.extractor,
            "trigger": self.trigger,
        }


def relation_id(doc_id: str, sentence_index: int, subject: str, relation: str, obj: str,
                negated: bool) -> str:
    """Hash of what makes a relation unique; the idempotency key of every store."""
    raw = "\x1f".join((doc_id, str(sentence_index), subject, relation, obj, "1" if negated else "0"))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def _mention_dict(m: Mention, acts_for: str | None) -> dict[str, Any]:
    d = {"id": m.actor.id, "name": m.actor.name, "kind": m.actor.kind, "mention": m.text,
         "start": m.start, "end": m.end}
    if acts_for:
        d["acts_for"] = acts_for
    if m.actor.sector:
        d["sector"] = m.actor.sector
    return d


def _pickled_by_constructor(cls: Any) -> None:
    """Pickle `cls` as (cls, field values): unpickling then calls the constructor, in C, where the
    default for frozen slotted dataclasses restores fields one by one in Python. Worker
    processes send every relation to the writing process (graphkit.parallel); this makes
    loading them 2.8x faster."""
    values = attrgetter(*(f.name for f in fields(cls)))

    def reduce(self: Any) -> tuple[Any, tuple[Any, ...]]:
        return cls, values(self)

    cls.__reduce__ = reduce


for _cls in (Article, Role, Actor, Mention, Relation):
    _pickled_by_constructor(_cls)


@dataclass(slots=True)
class Extraction:
    """What an extractor made of one article: its relations and the mentions it could not resolve."""

    article: Article
    relations: list[Relation]
    unresolved: list[str] = field(default_factory=list)
