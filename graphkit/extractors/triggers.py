"""The rules extractor's trigger lexicon: the ontology's verbs and nouns as the words that start
a relation, and the tests of a trigger's tail and required words against the tokens after it.

Built once from `ontology.RELATION_TYPES`; the dependency extractor reads the same table.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import NOT_VERBS
from ..ontology import RELATION_TYPES, RelationType, inflections, plural, singular
from ..text import Token


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way a word starts a relation: as its verb, its inverse verb or its noun, with the words after it."""

    rel: RelationType
    pos: str  # verb | noun | inverse
    first: str
    tail: tuple[str, ...]
    lemma: str
    preps: tuple[str, ...] | None = None  # "fire>at,on": only these prepositions, no direct object
    requires: tuple[str, ...] | None = None  # "declare~persona": only with one of these words after


def _build_lexicon() -> dict[str, list[Trigger]]:
    """Every inflection of every trigger phrase in the ontology -> the triggers it may start."""
    lex: dict[str, list[Trigger]] = {}

    def add(form: str, trig: Trigger) -> None:
        lex.setdefault(form, []).append(trig)

    for rel in RELATION_TYPES:
        for spec in rel.verbs:
            spec, _, needs = spec.partition("~")
            phrase, _, preps = spec.partition(">")
            words = phrase.split()
            only = tuple(p.strip() for p in preps.split(",")) if preps else None
            req = tuple(w.strip() for w in needs.split(",")) if needs else None
            for form in inflections(words[0]) - NOT_VERBS:
                add(form, Trigger(rel, "verb", form, tuple(words[1:]), words[0], only, req))
        for phrase in rel.inverse_verbs:
            words = phrase.split()
            for form in inflections(words[0]) - NOT_VERBS:
                add(form, Trigger(rel, "inverse", form, tuple(words[1:]), words[0]))
        for phrase in rel.nouns:
            words = phrase.split()
            for last in {words[-1], plural(words[-1]), singular(words[-1])}:
                seq = words[:-1] + [last]
                add(seq[0], Trigger(rel, "noun", seq[0], tuple(seq[1:]), phrase))
    for trigs in lex.values():  # longer phrases first, then those that require a word near them
        trigs.sort(key=lambda t: (-len(t.tail), t.requires is None))
    return lex


@lru_cache(maxsize=None)
def lexicon() -> dict[str, list[Trigger]]:
    """Trigger word -> the triggers it may start, built once from the ontology."""
    return _build_lexicon()


@lru_cache(maxsize=None)
def verb_forms() -> frozenset[str]:
    """The lexicon's words that may be verbs: a verb there ends a noun phrase or an object's search."""
    return frozenset(t.first for trigs in lexicon().values() for t in trigs if t.pos != "noun")


def tail_ok(toks: list[Token], i: int, tail: tuple[str, ...]) -> bool:
    """Do the words after i spell the trigger's tail ("call *on*", "pull *out of*")?"""
    if not tail:  # most triggers are one word
        return True
    if i + len(tail) >= len(toks) + (1 if not tail else 0):
        return not tail
    return all(toks[i + 1 + a].lower == w for a, w in enumerate(tail))


def required_near(toks: list[Token], i: int, words: tuple[str, ...]) -> bool:
    """Is one of the words a trigger requires in the phrase after it ("exchanged fire", "granted
    the Department of State Services permission"), before another verb begins ("accept flights
    carrying migrants" is no acceptance of migrants)?"""
    for x in range(i + 1, min(len(toks), i + 12)):
        w = toks[x].lower
        if w in words:
            return True
        if x > i + 1 and len(w) > 5 and w.endswith("ing") and toks[x].text.islower():
            return False
    return False
