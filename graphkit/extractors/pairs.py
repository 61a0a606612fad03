"""From subject and object mentions to Relation objects: the step every extractor shares.

Each subject is paired with each object; a pair is dropped when both sides are one actor or when
one acts for the other on the article's date ("Putin met Russian officials"), unless the relation
is material conflict aimed at a place of the state's own ("the army imposed a curfew on Basra").
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol, TypeVar

from ..dates import AHEAD, event_date
from ..factuality import label, modality_in
from ..model import Actor, Article, Mention, Relation
from ..ontology import RELATIONS
from ..plover import plover_code


class Slot(Protocol):
    """A mention as an extractor holds it: any object with these attributes."""

    actor: Actor
    text: str
    start: int
    end: int
    form: str


S = TypeVar("S", bound=Slot)  # the extractor's own mention type, handed back as it came


def pair_relations(subjects: Sequence[S], objects: Sequence[S], *, relation: str, doc_id: str,
                   day: str | None, sentence: str, sentence_index: int, start: int, end: int,
                   negated: bool, modality: str | None, what: str | None, confidence: float,
                   extractor: str, trigger: str, plover: str | None = None, words: Sequence[str] = (),
                   at: int = 0, speaker: Slot | None = None) -> Iterator[tuple[S, S, Relation]]:
    """Yield (subject, object, relation) for every valid pair; confidence drops for pronouns
    and for coordinated groups, where a pairing is less certain. `modality` is the cue the
    verb group gave (it decides the PLOVER root); the relation's own modality is the closed
    vocabulary of graphkit.factuality, read from that cue and, given the sentence's lower-case
    `words` and the trigger's index `at`, from the clause around it; the same words give the
    event's date when the sentence has one. `speaker`: whom the text attributes the act to."""
    many = len(subjects) > 1 or len(objects) > 1
    stated = modality_in(words, at, modality) if words else label(modality)
    event = event_date(words, at, day, ahead=stated in AHEAD) if words else None
    said_by = Mention(speaker.actor, speaker.text, speaker.start, speaker.end, speaker.form) if speaker else None
    # force used at home on a place is an event ("the army imposed a curfew on Basra"); talk
    # between a state and its own organs is not ("Putin met Russian officials")
    domestic = RELATIONS[relation].quad_class == 4
    for sm in subjects:
        for om in objects:
            sa, oa = sm.actor, om.actor
            if sa.id == oa.id:
                continue
            s_for = sa.acts_for_on(day) if sa.kind == "person" else sa.acts_for
            o_for = oa.acts_for_on(day) if oa.kind == "person" else oa.acts_for
            if (s_for == oa.id or o_for == sa.id) and not (domestic and om.form == "place"):
                continue
            c = confidence
            if sm.form in ("pronoun", "anaphor") or om.form in ("pronoun", "anaphor"):
                c *= 0.85
            if many:
                c *= 0.95
            acts = {}
            if s_for:
                acts["subject"] = s_for
            if o_for:
                acts["object"] = o_for
            yield sm, om, Relation(
                subject=Mention(sa, sm.text, sm.start, sm.end, sm.form), relation=relation,
                object=Mention(oa, om.text, om.start, om.end, om.form), doc_id=doc_id,
                sentence=sentence, sentence_index=sentence_index, start=start, end=end,
                negated=negated, modality=stated, what=what, date=event or day,
                date_source="text" if event else "article", article_date=day, speaker=said_by,
                confidence=round(c, 3),
                extractor=extractor, trigger=trigger,
                plover=plover or plover_code(relation, trigger, modality, negated, what, sa.kind, oa.kind),
                acts_for=acts)


def without_headline_repeats(article: Article, relations: list[Relation]) -> list[Relation]:
    """Drop what the headline says when the body says it again: a feed item's title and its
    description ("Russia attacks Ukraine" / "Russia attacked Ukraine on Monday") are one event."""
    title = " ".join(article.title.split())
    if not title:
        return relations

    def headline(r: Relation) -> bool:
        return " ".join(r.sentence.split()) == title

    def key(r: Relation) -> tuple:
        return r.subject.actor.id, r.relation, r.object.actor.id, r.negated

    body = {key(r) for r in relations if not headline(r)}
    return [r for r in relations if not (headline(r) and key(r) in body)]
