"""Test data for the graph, view and export tests: rows shaped like the Store contract's.

`MemoryStore` is a tiny in-memory store that yields such rows (test data, not a stand-in for a
real component: the real SQLiteStore is exercised separately). `synthetic_rows` generates a big
graph with a skewed degree distribution, like news coverage (a few actors in most stories).
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from graphkit.model import relation_id
from graphkit.ontology import RELATION_NAMES

XSS = '<script>document.title="PWNED";document.body.setAttribute("data-pwned","1")</script>'
XSS_IMG = '<img src=x onerror="document.body.setAttribute(\'data-pwned\',\'2\')">'


class MemoryStore:
    """Store-contract rows held in lists."""

    def __init__(self, actors=(), articles=(), relations=(), roles=()):
        self._actors = list(actors)
        self._articles = list(articles)
        self._relations = list(relations)
        self._roles = list(roles)

    def actors(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self._actors)

    def articles(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self._articles)

    def relations(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self._relations)

    def roles(self) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self._roles)

    def close(self) -> None:
        pass


def actor(id: str, name: str, kind: str = "state", acts_for: str | None = None) -> dict:
    return {"id": id, "name": name, "kind": kind, "acts_for": acts_for}


def article(id: str, date: str | None = "2024-01-01", title: str = "", url: str = "",
            source: str = "wire") -> dict:
    return {"id": id, "title": title or f"Title of {id}", "url": url or f"https://example.org/{id}",
            "date": date, "source": source}


def rel(doc: str, i: int, s: str, r: str, o: str, negated: bool = False, date: str | None = None,
        sentence: str | None = None, confidence: float = 0.9, modality: str | None = None) -> dict:
    return {"id": relation_id(doc, i, s, r, o, negated), "doc_id": doc, "sentence_index": i,
            "subject_id": s, "relation": r, "object_id": o, "negated": negated,
            "modality": modality, "what": None, "sentence": sentence or f"{s} {r} {o} ({doc} #{i}).",
            "start": 0, "end": 10, "date": date, "confidence": confidence, "extractor": "rules",
            "trigger": r.lower(), "subject_mention": s, "object_mention": o}


def tiny_store() -> MemoryStore:
    """Six actors, four articles, a dozen relations, one negated, one person with a role."""
    actors = [actor("RUS", "Russia"), actor("UKR", "Ukraine"), actor("USA", "United States"),
              actor("CHN", "China"), actor("NATO", "NATO", "organisation"),
              actor("sergey-lavrov", "Sergey Lavrov", "person")]
    articles = [article("a1", "2022-03-02"), article("a2", "2023-05-10"),
                article("a3", "2024-01-12"), article("a4", None)]
    relations = [
        rel("a1", 0, "RUS", "ATTACKS", "UKR"),
        rel("a1", 1, "RUS", "ATTACKS", "UKR"),
        rel("a2", 0, "RUS", "ATTACKS", "UKR"),
        rel("a1", 2, "USA", "SANCTIONS", "RUS"),
        rel("a3", 0, "USA", "SANCTIONS", "RUS"),
        rel("a1", 3, "USA", "SUPPLIES", "UKR"),
        rel("a2", 1, "NATO", "SUPPORTS", "UKR"),
        rel("a2", 2, "UKR", "MEETS", "NATO"),
        rel("a3", 1, "CHN", "MEETS", "RUS"),
        rel("a3", 2, "CHN", "ATTACKS", "USA", negated=True),
        rel("a3", 3, "sergey-lavrov", "CRITICIZES", "NATO"),
        rel("a4", 0, "CHN", "CRITICIZES", "USA"),
    ]
    roles = [{"person_id": "sergey-lavrov", "acts_for": "RUS", "role": "foreign_minister",
              "title": "Foreign Minister", "start": "2004-03-09", "end": None}]
    return MemoryStore(actors, articles, relations, roles)


def hostile_store() -> MemoryStore:
    """Markup and script in every text field an article or a gazetteer can feed in."""
    actors = [actor("EVL", XSS, "state"), actor("GUD", 'Good "Land" & <b>Co</b>', "state"),
              actor("ORG", XSS_IMG, "organisation")]
    articles = [article("x1", "2024-02-02", title=XSS, url='javascript:alert(1)//"><script>alert(2)</script>',
                        source=XSS_IMG)]
    relations = [rel("x1", 0, "EVL", "ATTACKS", "GUD", sentence=f"Evil attacked Good. {XSS} {XSS_IMG}"),
                 rel("x1", 1, "GUD", "PROTESTS", "ORG", sentence="</script><script>document.title='PWNED'</script>"),
                 rel("x1", 2, "ORG", "WARNS", "EVL", sentence="<!-- <script> \u2028 \u2029 & &amp; -->")]
    return MemoryStore(actors, articles, relations)


def synthetic_rows(n_actors: int = 5000, n_relations: int = 20000, seed: int = 1) -> MemoryStore:
    """A big store: actors picked with Zipf-like weights, random types and dates 2020-2025."""
    rng = random.Random(seed)
    kinds = ["state"] * 4 + ["organisation"] * 16 + ["person"] * 60 + ["group"] * 20
    actors = [actor(f"A{i:05d}", f"Actor {i}", kinds[i % len(kinds)] if i >= 50 else "state")
              for i in range(n_actors)]
    weights = [1.0 / (i + 3) ** 0.9 for i in range(n_actors)]
    n_articles = max(1, n_relations // 4)
    articles = [article(f"doc{i:06d}", f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        title=f"Story {i}", source=f"source {i % 40}") for i in range(n_articles)]
    relations = []
    ids = [a["id"] for a in actors]
    subjects = rng.choices(ids, weights, k=n_relations)
    objects = rng.choices(ids, weights, k=n_relations)
    for i in range(min(n_actors, n_relations)):  # every actor takes part in something
        (subjects if i % 2 else objects)[i] = ids[i]
    for i, (s, o) in enumerate(zip(subjects, objects)):
        if s == o:
            o = ids[(ids.index(o) + 1 + rng.randrange(n_actors - 1)) % n_actors]
        doc = f"doc{i % n_articles:06d}"
        r = rng.choice(RELATION_NAMES)
        relations.append(rel(doc, i // n_articles, s, r, o, negated=rng.random() < 0.03,
                             sentence=f"In story {i % n_articles}, {s} {r.lower()} {o}, officials said."))
    return MemoryStore(actors, articles, relations)
