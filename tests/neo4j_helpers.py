"""Data for the Neo4j tests: a frozen fixture of real extractor output, and a generated corpus.

tests/data/neo4j_fixture.jsonl holds six short articles and what the rules extractor made of
them (`Relation.to_dict()`), frozen so that the query tests do not move when the extractor
improves. Each line: {"article": {...}, "relations": [...]}. Actors come back from the bundled
gazetteer by id (with their roles), as the extractor resolved them.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from graphkit.actors import load_gazetteer
from graphkit.model import Actor, Article, Extraction, Mention, Relation
from graphkit.ontology import RELATION_NAMES

FIXTURE = Path(__file__).resolve().parent / "data" / "neo4j_fixture.jsonl"


def _actor(d: dict) -> Actor:
    known = load_gazetteer().actors.get(d["id"])
    return known if known is not None else Actor(d["id"], d["name"], d["kind"])


def _relation(d: dict) -> Relation:
    acts = {}
    for side in ("subject", "object"):
        if d[side].get("acts_for"):
            acts[side] = d[side]["acts_for"]
    return Relation(
        subject=Mention(_actor(d["subject"]), d["subject"]["mention"], d["subject"]["start"], d["subject"]["end"]),
        relation=d["relation"],
        object=Mention(_actor(d["object"]), d["object"]["mention"], d["object"]["start"], d["object"]["end"]),
        doc_id=d["doc_id"], sentence=d["sentence"], sentence_index=d["sentence_index"],
        start=d["start"], end=d["end"], negated=d["negated"], modality=d["modality"], what=d["what"],
        date=d["date"], confidence=d["confidence"], extractor=d["extractor"], trigger=d["trigger"],
        acts_for=acts)


def fixture_extractions() -> list[Extraction]:
    out = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        a = obj["article"]
        article = Article(id=a["id"], text=a["text"], title=a["title"], url=a["url"], date=a["date"],
                          source=a["source"])
        out.append(Extraction(article, [_relation(r) for r in obj["relations"]]))
    return out


def synthetic_corpus(articles: int, per_article: int = 8, seed: int = 7,
                     prefix: str = "syn") -> Iterator[Extraction]:
    """A deterministic corpus of made-up relations between real gazetteer actors."""
    rng = random.Random(seed)
    gz = load_gazetteer().actors
    pool = sorted((a for a in gz.values() if a.kind in ("state", "organisation", "person")),
                  key=lambda a: a.id)
    pool = [a for a in pool if a.kind != "person"][:150] + [a for a in pool if a.kind == "person"][:50]
    for i in range(articles):
        day = f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        doc = f"{prefix}-{i:06d}"
        rels = []
        for j in range(per_article):
            s, o = rng.sample(pool, 2)
            name = rng.choice(RELATION_NAMES)
            sentence = f"{s.name} {name.lower()} {o.name} (sentence {j})."
            rels.append(Relation(
                subject=Mention(s, s.name, 0, len(s.name)), relation=name,
                object=Mention(o, o.name, 10, 10 + len(o.name)), doc_id=doc, sentence=sentence,
                sentence_index=j, start=0, end=len(sentence), negated=rng.random() < 0.05,
                date=day, confidence=0.8, extractor="synthetic", trigger=name.lower(),
                acts_for={"subject": s.acts_for_on(day)} if s.kind == "person" else {}))
        yield Extraction(Article(id=doc, text="", title=f"Synthetic {i}", url=f"https://example.org/{doc}",
                                 date=day, source="synthetic"), rels)
