"""The rules extractor: dictionary-and-pattern event coding, no model, pure Python.

Per sentence: resolve actor mentions, find trigger words from the ontology's lexicon, then fill
each trigger's slots by shallow syntax — the nearest subject to the left that is not inside a
prepositional phrase or a parenthetical clause, the object after the verb or after one of the
relation's prepositions; passives swap the roles ("was sanctioned by"); nominal forms take their
possessor, a demonym ("US sanctions on Iran") or the subject of a light verb ("imposed
sanctions on"). Negation and modality come from the verb group; pronouns and "the country"
resolve to the closest earlier actor of a fitting kind.

This module holds the extractor and its per-article run: the sentence loop, the trigger
dispatch, the slot finders, the noun reading, the frames and the emitting of relations. What
they read lives beside it: the trigger lexicon in `triggers.py`, the sentence and its mentions in
`mentions.py`, the verb group's cues in `cues.py`, phrases and noun-likeness in `phrases.py`,
and every word table in `graphkit/lexicon.py`.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..actors import Resolver, Span, load_gazetteer
from ..actors.names import named_actor
from ..lexicon import (ACCUSING_FORMS, ACTS, ADVERBS, AUTHORED, AUX, BACKED, BE, BLAME, CRITICS, INSULTS,
                       CALL_NEXT as _CALL_NEXT,
                       CALLEE_DET as _CALLEE_DET, CALLS as _CALLS, CAPTIVES, CLAUSE_OPENERS, COMMITS, CONTROL,
                       COUNTING, CUT_OFF, CUT_THINGS, CUTTING_FORMS as CUTTING, DEAL_NOUNS, DEAL_RELATIONS, DET,
                       EASING_FORMS as REVERSAL, EXPLETIVE_NEXT as _EXPLETIVE_NEXT, FORCE_WORDS as FORCES,
                       FROM_AGENT as SOURCE_FROM, FRONTING, GIVING, GOVERNORS, GREETINGS, HELPING, INQUIRING,
                       ISSUED_TEXTS, LEAVES, LIGHT_FORMS as LIGHT, MEMBERS, MILITARY, MISSION_NOUNS, MODAL_VERBS, NEG,
                       NEG_VERBS,
                       OBJECT_CONTROL_FORMS, OBLIGATION, OPENERS, ORGANS, PEACE_MISSIONS, PEACEKEEPING, PEOPLE_OBJECT,
                       POSS_PRON, PREPS, PRONOUN_WORDS, PRONOUNS, PURPOSE, QUANT, QUANT_NOUNS,
                       RECEIVING_FORMS as RECIPIENT_LIGHT, RECIPROCAL as MUTUAL, REFUSING_FORMS, REQUEST_FORMS,
                       SPEECH_FORMS, STANCES, STATE_ACTS, STATE_COERCION, STOP_LEFT, SUBORD, SUPPORTIVE_CALLS,
                       TERRITORIAL,
                       THE_ANAPHORS as ANAPHORS, THEME as THEME_PASSIVE, THROUGH, TRADE_WORDS, TROOPS, TRUCES, UNTIL,
                       VERBAL_ATTACK, VETO_NEXT, VETO_PREV, VOICING, WEEKDAYS as _WEEKDAYS, YIELDING)
from ..model import Actor, Article, Extraction, Relation
from ..ontology import RELATIONS as RELATIONS_BY_NAME, RelationType
from ..text import Token, split_sentences, tokenize
from . import register
from .cues import (denied_claim, is_passive, negated_infinitive, negated_object, not_finite_verb, verb_group_cues,
                   verb_group_start)
from .speakers import speaker_of
from .mentions import (Ment, Sentence, apposition_head, backer, brokered, cap_run, in_pp, inner_of, inner_segments,
                       opens_clause, pp_word, relative_object)
from .pairs import pair_relations, without_headline_repeats
from .phrases import (has_exchange_for, has_return, in_setting, light_verb, noun_like, of_what, phrase_end,
                      phrase_text, time_phrase, used_as_noun, verb_or_noun)
from .triggers import Trigger, lexicon, required_near, tail_ok, verb_forms

_WORDS_RE = re.compile(r"[^\W\d_]+")


@register("rules")
class RulesExtractor:
    """Pattern-based extractor over the ontology's trigger lexicon and the actor gazetteer."""

    name = "rules"

    def __init__(self, actors: str | None = None, **_: object):
        self.lex = lexicon()
        self.resolver = Resolver(load_gazetteer(actors), common=frozenset(self.lex), verbs=verb_forms())
        # any of these words makes a sentence worth parsing: trigger words and "-backed" compounds
        self.cue_words = frozenset(self.lex) | BACKED

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            yield self.extract(article)

    def extract(self, article: Article) -> Extraction:
        return _ArticleRun(self, article).run()


class _ArticleRun:
    """State of one article: the sentences seen so far, for pronouns."""

    def __init__(self, ex: RulesExtractor, article: Article):
        self.ex = ex
        self.article = article
        self.day = article.date
        # per sentence, the actors a later pronoun may refer to; a sentence with no trigger word
        # is kept as its (start, end) span and resolved only if a pronoun ever looks at it
        self.history: list[list[Ment] | tuple[int, int]] = []
        self.relations: list[Relation] = []
        self.keys: set[tuple] = set()
        self.unresolved: list[str] = []

    def run(self) -> Extraction:
        text = self.article.text
        for idx, (s, e) in enumerate(split_sentences(text)):
            self._sentence(idx, s, e)
        return Extraction(self.article, without_headline_repeats(self.article, self.relations), self.unresolved)

    # -- mentions ----------------------------------------------------------------------------------
    def _prepare(self, s: int, e: int, words: list[str]) -> Sentence:
        text = self.article.text
        toks = tokenize(text[s:e], s)
        spans: list[Span] = self.ex.resolver.mentions(toks, self.day)
        ments = [Ment(sp.i, sp.j, sp.actor, sp.form, text[sp.start:sp.end], sp.start, sp.end, sp.possessive)
                 for sp in spans]
        sent = Sentence(toks, ments, {}, {}, [], None)
        self._index(sent)
        sent.inner = inner_segments(toks)
        if not PRONOUN_WORDS.isdisjoint(words):
            self._pronouns(sent)
        return sent

    @staticmethod
    def _index(sent: Sentence) -> None:
        sent.ments.sort(key=lambda m: m.i)
        sent.end_at = {m.j - 1: m for m in sent.ments}
        sent.start_at = {m.i: m for m in sent.ments}
        sent.pp.clear()

    def _pronouns(self, sent: Sentence) -> None:
        toks = sent.toks
        covered = {k for m in sent.ments for k in range(m.i, m.j)}
        added = False
        for p, tok in enumerate(toks):
            if p in covered:
                continue
            kind = PRONOUNS.get(tok.lower)
            width = 1
            if kind is None and tok.lower == "the" and p + 1 < len(toks):
                kind = ANAPHORS.get(("the", toks[p + 1].lower))
                width = 2
            if kind is None or (width == 2 and p + 1 in covered):
                continue  # "the Republic of San Marino" is a name, not "the republic" referring back
            if tok.lower == "it" and p + 2 < len(toks) and toks[p + 1].lower in ("is", "was", "'s") \
                    and toks[p + 2].lower in _EXPLETIVE_NEXT:
                continue
            actor, ante = self._antecedent(sent, p, kind)
            if actor is None:
                continue
            group = None
            if kind == "plural":
                ante = next((m for m in reversed(sent.ments) if m.j <= p and m.actor is actor), None)
                if ante is not None:
                    around = self._group_left(sent, ante)[:-1] + self._group_right(sent, ante)
                    group = around if len(around) > 1 else None
            poss = tok.lower in POSS_PRON or (p + width < len(toks) and toks[p + width].lower == "'s")
            m = Ment(p, p + width, actor, "pronoun" if width == 1 else "anaphor",
                     " ".join(t.text for t in toks[p:p + width]), tok.start, toks[p + width - 1].end, poss, group,
                     ante)
            sent.ments.append(m)
            added = True
        if added:
            self._index(sent)

    def _antecedent(self, sent: Sentence, p: int, kind: str) -> tuple[Actor | None, Ment | None]:
        """The actor a pronoun at p refers to, and its mention when it is in this sentence."""
        def fits(a: Actor, text: str = "") -> bool:
            if kind == "person":
                return a.kind == "person"
            if kind == "thing" and a.kind in ("agent", "unresolved") and text.endswith("s") \
                    and not text.endswith(("ss", "us")) and text[-2:-1].islower():
                return False  # "its" is not "Afghan nationals"
            if kind in ("thing", "plural"):
                return a.kind != "person"
            return a.kind == kind

        toks = sent.toks
        before = [m for m in sent.ments if m.j <= p and m.form not in ("pronoun", "anaphor")]
        # a subject pronoun ("he") prefers an antecedent outside a prepositional phrase; an
        # object one ("urging him") the nearest: "Scholz spoke with Putin, urging him to ..."
        # but not its own verb's subject ("Blinken urged him": someone else)
        objective = toks[p].lower in ("him", "them")
        if objective and before and p - before[-1].j <= 3 and all(
                t.text[:1].isalpha() and t.lower not in PREPS and t.lower != "and" for t in toks[before[-1].j:p]):
            before = before[:-1]
        for prefer_free in ((False,) if objective else (True, False)):
            for m in reversed(before):
                if fits(m.actor, m.text) and (not prefer_free or not in_pp(sent, m.i)):
                    return m.actor, m
        for h in range(len(self.history) - 1, max(-1, len(self.history) - 3), -1):
            prev = self.history[h]
            if isinstance(prev, tuple):
                prev = self.history[h] = self._mentions_only(*prev)
            for m in prev:
                if fits(m.actor, m.text):
                    return m.actor, None
        return None, None

    # -- sentences ---------------------------------------------------------------------------------
    def _mentions_only(self, s: int, e: int) -> list[Ment]:
        """The actors of a sentence without triggers, for pronouns in the sentences after it."""
        text = self.article.text
        toks = tokenize(text[s:e], s)
        return [Ment(sp.i, sp.j, sp.actor, sp.form, text[sp.start:sp.end], sp.start, sp.end, sp.possessive)
                for sp in self.ex.resolver.mentions(toks, self.day)]

    def _sentence(self, idx: int, s: int, e: int) -> None:
        words = _WORDS_RE.findall(self.article.text[s:e].lower())
        if self.ex.cue_words.isdisjoint(words):
            self.history.append((s, e))  # no trigger word: nothing to extract here
            return
        sent = self._prepare(s, e, words)
        toks = sent.toks
        n = len(toks)
        i = 0
        while i < n:
            if toks[i].lower in COMMITS and i + 2 < n and toks[i + 1].lower == "to" \
                    and not self._can_trigger(toks, i + 2) and toks[i + 2].text.isalpha() \
                    and toks[i + 2].text.islower() and self._commitment(sent, idx, i):
                i += 3
                continue
            if toks[i].lower in _CALLS and not not_finite_verb(toks, i) and self._phone_call(sent, idx, i):
                i += 2
                continue
            if toks[i].lower in OBLIGATION and i > 0 and self._obligation(sent, idx, i):
                i += 1
                continue
            if toks[i].lower in BLAME and self._blame(sent, idx, i):
                i += 1
                continue
            if toks[i].lower in SPEECH_FORMS and self._critics_say(sent, idx, i):
                i += 1
                continue
            if toks[i].lower in CONTROL and self._control(sent, idx, i):
                i += 1
                continue
            trigs = self.ex.lex.get(toks[i].lower)
            if not trigs:
                i += 1
                continue
            matched = [t for t in trigs if tail_ok(toks, i, t.tail) and (
                t.requires is None or required_near(toks, i, t.requires))
                and not (t.lemma in VETO_PREV and i > 0 and any(
                    toks[x].lower in VETO_PREV[t.lemma] for x in range(max(0, i - 3), i)))]
            if not matched:
                i += 1
                continue
            longest = max(len(t.tail) for t in matched)
            covered = next((m for m in sent.ments if m.i <= i < m.j), None)
            if covered is not None:  # a trigger word inside a name ("Peace Corps") is no trigger
                i = covered.j
                continue
            if brokered(sent, i):
                i += 1  # "a Qatar-brokered truce": a compound (_compounds), not a clause's verb
                continue
            k = i + 1 + longest
            veto = VETO_NEXT.get(matched[0].lemma)
            if veto and any(toks[x].lower in veto for x in range(k, min([n, k + 6] + [
                    m.i for m in sent.ments if m.i >= k]))):  # "hosted talks", not "hosted X for talks"
                i = k
                continue
            used = self._trigger(sent, idx, i, matched)
            i = max(i + 1, used)
        self._compounds(sent, idx)
        self._conditions(sent, idx)
        self._remember(sent)

    def _can_trigger(self, toks: list[Token], x: int) -> bool:
        """Can the word at x start one of the lexicon's triggers here (its tail and required
        words present)?"""
        return any(tail_ok(toks, x, t.tail) and (
            t.requires is None or required_near(toks, x, t.requires))
            for t in self.ex.lex.get(toks[x].lower, ()))

    def _phone_call(self, sent: Sentence, idx: int, i: int) -> bool:
        """"Rivlin called Ethiopian President Sahle-Work Zewde on Friday", "Tillerson phoned
        Lavrov to discuss Syria": a call to a person or a state is a consultation, unless a
        predicate follows ("called him a liar") or a particle makes another verb ("called on",
        "called for", "called off")."""
        toks = sent.toks
        n = len(toks)
        x = i + 1
        while x < n and x - i <= 2 and x not in sent.start_at and toks[x].lower in _CALLEE_DET:
            x += 1  # "called the new Australian Prime Minister"
        m = sent.start_at.get(x)
        if m is None or m.form == "pronoun":
            return False
        nxt = toks[m.j].lower if m.j < n else "."
        article = next((y for y in range(m.j, min(n, m.j + 6)) if toks[y].lower in ("a", "an")), None)
        insult = article is not None and any(toks[y].lower in INSULTS for y in range(article + 1, min(n, article + 5)))
        if m.actor.kind not in ("person", "state") and not insult:
            return False
        if nxt not in _CALL_NEXT and nxt not in _WEEKDAYS and not insult:
            return False
        vg = verb_group_start(toks, i, sent)
        subjects = self._subject(sent, vg, i)
        if not subjects:
            return False
        negated, modality = verb_group_cues(toks, vg, i)
        sent.verb_subjects.append((i, subjects))
        to = next((x for x in range(m.j, min(n, m.j + 4)) if toks[x].lower == "to"), None)
        purpose = toks[to + 1].lower if to is not None and to + 1 < n and all(
            toks[y].lower in _WEEKDAYS or toks[y].lower in ("on", "today", "yesterday", ",")
            for y in range(m.j, to)) else ""  # "called X on Wednesday to congratulate him"
        rel = "SUPPORTS" if purpose in SUPPORTIVE_CALLS else "MEETS"  # "called X to congratulate him"
        if insult:
            rel = "CRITICIZES"  # "called Britain's ambassador a very stupid guy", "called him a dictator"
        self._emit(sent, idx, rel, subjects, self._group_right(sent, m), i, i + 1, negated, modality,
                   None, 0.7)
        return True

    def _conditions(self, sent: Sentence, idx: int) -> None:
        """"The workers will not end the strike until the company pays", "will not lift the
        embargo until Cuba reforms": refusing to yield until another actor acts rejects that actor."""
        toks = sent.toks
        for u, tok in enumerate(toks):
            if tok.lower not in UNTIL or u < 3:
                continue
            target = next((m for m in sent.ments if u < m.i <= u + 3), None)
            if target is None:
                continue
            verb = next((x for x in range(u - 1, max(-1, u - 8), -1) if toks[x].lower in YIELDING), None)
            if verb is None or not any(toks[x].lower in NEG for x in range(max(0, verb - 4), verb)):
                continue
            vg = verb_group_start(toks, verb, sent)
            subjects = [m for m in self._subject(sent, vg, verb) if m.actor.id != target.actor.id]
            done = {(a.actor.id, b.actor.id) for _rel, subs, objs in sent.found for a in subs for b in objs}
            subjects = [m for m in subjects if ((m.ante or m).actor.id, target.actor.id) not in done]
            if subjects:  # "will not lift sanctions on Russia until Moscow withdraws": said already
                self._emit(sent, idx, "REJECTS", subjects, [target], verb, verb + 1, False, None, None, 0.6,
                           "REJECT")

    def _obligation(self, sent: Sentence, idx: int, i: int) -> bool:
        """"Macron said Iran must stop enriching uranium", "urged that Israel should allow aid in":
        a speaker who says what another actor must do requests it of that actor."""
        toks = sent.toks
        if i + 1 >= len(toks) or not toks[i + 1].text.islower():
            return False
        if toks[i].lower in ("needs", "need", "has", "have") and toks[i + 1].lower != "to":
            return False
        return self._said_of(sent, idx, i - 1, "REQUESTS", "demand")

    def _critics_say(self, sent: Sentence, idx: int, i: int) -> bool:
        """"Kremlin critics say Putin has ...", "his critics say he ...": what an actor's critics
        say of it is their criticism of it."""
        toks = sent.toks
        x = i + 1
        if x < len(toks) and toks[x].lower == "that":
            x += 1
        target = sent.start_at.get(x)
        if target is None:
            return False
        target = target.ante if target.form == "pronoun" else target
        critics = [m for m in self._subject(sent, verb_group_start(toks, i, sent), i)
                   if m.text.split()[-1].lower() in CRITICS]
        if target is None or not critics or any(m.actor.id == target.actor.id for m in critics):
            return False
        self._emit(sent, idx, "CRITICIZES", critics, [target], i, i + 1, False, None, None, 0.6)
        return True

    def _blame(self, sent: Sentence, idx: int, i: int) -> bool:
        """"The Afghan government said Taliban militants were responsible", "said Hamas was behind
        the attack": a speaker who blames another actor accuses it."""
        toks = sent.toks
        if i < 2 or toks[i - 1].lower not in BE or (toks[i].lower == "behind" and (
                i + 1 >= len(toks) or toks[i + 1].lower not in ("the", "a", "an", "this", "these", "last"))):
            return False
        return self._said_of(sent, idx, i - 2, "ACCUSES", None)

    def _said_of(self, sent: Sentence, idx: int, end: int, rel: str, modality: str | None) -> bool:
        """The speaker of the speech verb before the clause whose subject ends at `end` acts
        `rel` on that subject."""
        toks = sent.toks
        addressee = sent.end_at.get(end)
        if addressee is None or addressee.form == "pronoun":
            return False
        group = self._group_left(sent, addressee)
        x = group[0].i - 1
        while x >= 0 and toks[x].lower in ("the", "a", "an"):
            x -= 1
        if x >= 0 and toks[x].lower == "that":
            x -= 1
        while x >= 0 and (toks[x].lower in _WEEKDAYS or toks[x].lower in ("on", "today", "yesterday")):
            x -= 1  # "said on Monday that ..."
        if x < 0 or toks[x].lower not in SPEECH_FORMS:
            return False
        vg = verb_group_start(toks, x, sent)
        speakers = self._subject(sent, vg, x)
        objects = [m for m in group if all(m.actor.id != sp.actor.id for sp in speakers)]
        if not speakers or not objects:
            return False
        negated, _ = verb_group_cues(toks, vg, x)
        self._emit(sent, idx, rel, speakers, objects, x, x + 1, negated, modality, None, 0.6)
        return True

    def _control(self, sent: Sentence, idx: int, i: int) -> bool:
        """"The police ordered Smith to appear", "forced the rebels to withdraw", "allowed aid
        workers to enter": a verb whose object is made or let to do what follows "to"."""
        toks = sent.toks
        n = len(toks)
        if not_finite_verb(toks, i):
            return False
        x = i + 1
        while x < n and x - i <= 2 and x not in sent.start_at and toks[x].lower in DET:
            x += 1
        m = sent.start_at.get(x)
        if m is None or m.form == "pronoun" and m.actor.kind == "thing":
            return False
        group = self._group_right(sent, m)
        end = group[-1].j
        if end + 1 >= n:
            return False
        nxt = toks[end + 1].lower
        if not (toks[end].lower == "to" and toks[end + 1].text.isalpha() and toks[end + 1].text.islower()
                and nxt not in DET and nxt not in PREPS):
            return False  # "forced Moscow to the table" is no clause
        vg = verb_group_start(toks, i, sent)
        if vg == i and toks[i].lower.endswith("ing") and i > 0 and toks[i - 1].text != ",":
            return False  # "a pact allowing Japanese troops to train": the pact's doing
        rel = "EXPELS" if nxt in LEAVES else CONTROL[toks[i].lower]
        subjects = self._subject(sent, vg, i)
        objects = [o for o in group if all(o.actor.id != sp.actor.id for sp in subjects)]
        if not subjects or not objects:
            return False
        negated, modality = verb_group_cues(toks, vg, i)
        sent.verb_subjects.append((i, subjects))
        self._emit(sent, idx, rel, subjects, objects, i, i + 1, negated, modality, None, 0.6)
        return True

    def _commitment(self, sent: Sentence, idx: int, i: int) -> bool:
        """"Australia agreed to lend $1 billion to Indonesia", "refused to respond to a request
        from Haaretz": a commitment, refusal or threat to do something to an actor, where the
        verb after "to" is none of the lexicon's."""
        toks = sent.toks
        if not_finite_verb(toks, i):
            return False
        rel = COMMITS[toks[i].lower]
        if rel == "REJECTS" and toks[i + 2].lower in LIGHT and any(
                t.pos == "noun" for x in range(i + 3, min(len(toks), i + 7))
                for t in self.ex.lex.get(toks[x].lower, ())):
            return False  # "refused to impose sanctions on": the noun carries it, negated
        vg = verb_group_start(toks, i, sent)
        negated, modality = verb_group_cues(toks, vg, i)
        subjects = self._subject(sent, vg, i)
        if not subjects:
            return False
        objects, _ = self._prep_object(sent, i + 3, ("to", "with", "for", "on", "from", "against"), 10)
        if not objects and rel == "AGREES_WITH":  # "agreed to a ceasefire in eastern Ukraine"
            objects, _ = self._prep_object(sent, i + 3, ("in",), 10)
        if not objects:
            x = i + 3
            while x < len(toks) and x - i < 6 and x not in sent.start_at and toks[x].lower in DET:
                x += 1
            m = sent.start_at.get(x)
            if m is not None:
                objects = self._group_right(sent, m)
        objects = [m for m in objects if all(m.actor.id != sm.actor.id for sm in subjects)]
        if not objects:
            return False
        sent.verb_subjects.append((i, subjects))
        lemma = MODAL_VERBS.get(toks[i].lower) or NEG_VERBS.get(toks[i].lower) or toks[i].lower
        self._emit(sent, idx, rel, subjects, objects, i, i + 3, negated, modality or lemma, None, 0.7)
        return True

    def _compounds(self, sent: Sentence, idx: int) -> None:
        """"Iran-backed Houthis", "Russia-backed separatists": X SUPPORTS the group it backs.
        "a U.S.-brokered peace deal", "a swap mediated ... in a Qatar-brokered exchange": X
        NEGOTIATES with the parties the sentence's deal, truce or talks relations name."""
        toks = sent.toks
        for m in list(sent.ments):
            if not backer(toks, m):
                continue
            x = m.j
            if toks[x + 1].lower in BACKED:
                for y in range(x + 2, min(len(toks), x + 4)):
                    head = sent.start_at.get(y)
                    if head is not None and head.actor.kind in ("group", "organisation", "state"):
                        self._emit(sent, idx, "SUPPORTS", [m], [head], x, x + 2, False, None, None, 0.8)
                        break
            else:
                parties: dict[str, Ment] = {}
                for rel, subs, objs in sent.found:
                    if rel in DEAL_RELATIONS:
                        for p in (*subs, *objs):
                            if p.actor.id != m.actor.id:
                                parties.setdefault(p.actor.id, p)
                if parties:
                    self._emit(sent, idx, "NEGOTIATES", [m], list(parties.values()), x, x + 2, False,
                               None, None, 0.7)

    def _remember(self, sent: Sentence) -> None:
        seen: list[Ment] = []
        for _rel, subs, objs in sent.found:
            seen.extend(subs)
        seen.extend(m for m in sent.ments if not in_pp(sent, m.i))
        seen.extend(sent.ments)
        self.history.append(seen)

    def _trigger(self, sent: Sentence, idx: int, i: int, trigs: list[Trigger]) -> int:
        """Try the readings of the trigger word at i; return the index after what it used."""
        nouns = [t for t in trigs if t.pos == "noun"]
        verbs = [t for t in trigs if t.pos != "noun"]
        if not nouns and used_as_noun(sent.toks, i, sent):
            # "a $1-billion loan to Ukraine", "lifted a seven-month boycott of": a verb's noun
            nouns = [Trigger(t.rel, "noun", t.first, t.tail, t.lemma) for t in verbs if t.pos == "verb"]
            verbs = []
        k0 = i + 1 + max(len(t.tail) for t in trigs)
        reading = verb_or_noun(sent, i, k0, bool(verbs), bool(nouns), nouns)
        order = (verbs, nouns) if reading == "verb" else (nouns, verbs)
        for group in order:
            for trig in group:
                k = i + 1 + len(trig.tail)
                made = self._noun(sent, idx, i, k, trig) if trig.pos == "noun" else self._verb(sent, idx, i, k, trig)
                if made:
                    return k
            if reading != "either" and group and not (group is verbs and not_finite_verb(sent.toks, i)):
                break
        return i + 1

    # -- verbs ---------------------------------------------------------------------------------------
    def _verb(self, sent: Sentence, idx: int, i: int, k: int, trig: Trigger) -> bool:
        toks = sent.toks
        if not_finite_verb(toks, i):
            return False
        vg = verb_group_start(toks, i, sent)
        negated, modality = verb_group_cues(toks, vg, i)
        rel = trig.rel
        passive = trig.pos == "verb" and is_passive(toks, vg, i, trig)
        subj_conf = 1.0
        what = None
        if (trig.pos == "inverse" or trig.lemma in GIVING or trig.lemma == "launch") and self._noun_in_window(sent, k):
            return False  # "provided support for", "received aid from": the noun carries it
        if trig.pos == "inverse":
            recipients = self._subject(sent, vg, i)
            sources, what = self._prep_object(sent, k, ("from",), 10)
            if not sources:
                sources = [m for m in (sent.start_at.get(x) for x in range(k, min(len(toks), k + 5)))
                           if m is not None and m.form == "adjective"][:1]
            if not sources and has_return(toks, k):
                sources = self._previous_object(sent, "SUPPLIES", recipients)
                subj_conf = 0.7
            subjects, objects = sources, recipients
            g = k
            while g < len(toks) and g - k < 2 and g not in sent.start_at and toks[g].lower in DET:
                g += 1  # "received the UAE ambassador"
            guest = sent.start_at.get(g)
            if not sources and recipients and trig.lemma == "receive" and guest is not None \
                    and (guest.form in ("name", "title") or (guest.form == "agent" and guest.actor.sector == "GOV")):
                # "Putin received Orban at the Kremlin": a host meeting a guest, not a delivery
                rel = RELATIONS_BY_NAME["MEETS"]
                subjects, objects = recipients, self._group_right(sent, guest)
            if rel.name == "SUPPLIES" and subjects and objects and what is None:
                what = phrase_text(toks, k, phrase_end(toks, k))
            if rel.name == "SUPPLIES" and sources and any(
                    toks[x].lower in GREETINGS for x in range(k, min(len(toks), k + 5))):
                rel = RELATIONS_BY_NAME["SUPPORTS"]  # "received a letter from Kim", "an invitation from Putin"
        elif passive:
            objects = []
            if rel.name in THEME_PASSIVE:  # "shells were shipped to Russia by North Korea"
                objects, what = self._prep_object(sent, k, tuple(p for p in rel.verb_preps if p != "by"), 8)
            if not objects and rel.name != "NEGOTIATES":
                if any(toks[x].lower in BE for x in range(vg, i)):
                    objects = self._subject(sent, vg, i, any_pp=True)
                else:  # reduced passive: "a summit hosted by X" acts on the phrase right before it
                    q = i - 2 if i >= 2 and toks[i - 1].text == "," else i - 1
                    before = sent.end_at.get(q)
                    objects = self._group_left(sent, before) if before is not None else []
            subjects = self._by_agent(sent, k)
            if not subjects and objects and rel.name in STATE_COERCION:
                subjects = self._state_where(sent, k)  # "was arrested in Rwanda", "expelled from North Korea"
            if subjects and not objects and rel.name == "NEGOTIATES":
                # "in a deal brokered by China": the parties are the sentence's subject
                objects = [m for m in self._main_subject(sent, subjects) if m.i < i]
        else:
            subjects = self._subject(sent, vg, i)
            if trig.preps is not None:
                objects, what = self._prep_object(sent, k, trig.preps, 12)
            else:
                objects, what = self._object(sent, k, rel, direct=trig.lemma in LEAVES)
            if not objects and rel.name == "SUPPLIES" and any(
                    toks[x].lower in MILITARY for x in range(k, min(len(toks), k + 5))):
                # "sent warships into waters near Taiwan": a show of force, not a delivery
                objects, what = self._prep_object(sent, k, ("near", "toward", "towards", "into", "off", "around",
                                                             "along"), 12)
                if objects:
                    rel = RELATIONS_BY_NAME["MOBILIZES"]
            if not objects and subjects and rel.name == "SUPPLIES" and trig.pos == "verb" and (
                    trig.lemma in GIVING or trig.lemma in ("donate", "supply", "contribute", "fund")):
                # "provided food assistance to 300,000 people in northeast Nigeria": aid to the
                # state where its recipients are
                objects = self._aid_target(sent, k)
            if not objects and subjects and relative_object(toks, sent, subjects):
                objects = self._main_subject(sent, subjects)
            if not objects and subjects and rel.symmetric and len(subjects) > 1:
                sent.verb_subjects.append((i, subjects))  # "met ... and agreed": both share all of them
                subjects, objects = subjects[:1], subjects[1:]
            if not objects and len(subjects) > 1 and (
                    trig.lemma in MUTUAL or (rel.name == "ATTACKS" and trig.lemma in ("violate", "breach"))):
                # "Ukraine and Russia exchanged prisoners", "India and Pakistan violated the
                # ceasefire": each acts on the other
                for a in subjects:
                    self._emit(sent, idx, rel.name, [a], [b for b in subjects if b is not a], i, k,
                               negated, modality, None, 0.8)
                sent.verb_subjects.append((i, subjects))
                return True
            if not objects and subjects and rel.name == "SUPPLIES" and (negated or verb_group_cues(toks, vg, i)[0]):
                # "defended its trade with Russia, saying it does not supply lethal arms"
                inherited = self._inherit_object(sent, subjects)
                if inherited:
                    objects = inherited
                    subj_conf = 0.6
        if not subjects or not objects:
            self._note_unresolved(sent, vg, k, subjects, objects)
            if subjects and trig.pos == "verb" and not passive:
                sent.verb_subjects.append((i, subjects))
            return False
        if trig.pos == "verb" and not passive:
            sent.verb_subjects.append((i, subjects))
            if not negated and denied_claim(toks, subjects[0].i):
                negated, modality = True, "deny"  # "denied that its air force had struck"
            negated = negated or negated_infinitive(toks, subjects[-1].j, vg, i)
        name = rel.name
        if name == "COERCES" and trig.lemma in ("ban", "bar") and any(
                toks[x].lower in TRADE_WORDS for x in range(max(0, i - 12), min(len(toks), i + 8))):
            name = "SANCTIONS"
        if name == "SUPPLIES" and any(toks[x].lower in CAPTIVES for x in range(k, min(len(toks), k + 6))):
            name = "YIELDS"  # "prisoners were handed over to Kyiv by Russia"
        elif name == "SUPPLIES" and what and any(w in TROOPS for w in what.lower().split()):
            # troops sent to an ally cooperate; troops sent to a border or near a rival mobilise
            near = any(toks[x].lower in ("border", "borders", "frontier", "coast", "near", "toward", "towards")
                       for x in range(k, min(len(toks), objects[-1].j)))
            name = "MOBILIZES" if near else "COOPERATES"
        self._emit(sent, idx, name, subjects, objects, i, k, negated, modality, what,
                   0.9 * subj_conf)
        if name == "SUPPLIES" and trig.pos == "verb" and has_exchange_for(toks, k):
            # "Russia may provide North Korea with technology in exchange for artillery shells"
            self._emit(sent, idx, name, objects, subjects, i, k, negated, modality, None, 0.6)
        return True

    def _noun_in_window(self, sent: Sentence, k: int) -> bool:
        toks = sent.toks
        for x in range(k, min(len(toks), k + 4)):
            trigs = self.ex.lex.get(toks[x].lower)
            if trigs and any(t.pos == "noun" and tail_ok(toks, x, t.tail) for t in trigs):
                return True
            if toks[x].lower in PREPS:
                return False
        return False

    # -- nouns ---------------------------------------------------------------------------------------
    def _noun(self, sent: Sentence, idx: int, i: int, k: int, trig: Trigger) -> bool:
        toks = sent.toks
        rel = trig.rel
        name = rel.name
        plover: str | None = None
        subjects: list[Ment] = []
        objects: list[Ment] = []
        negated = False
        modality = None
        conf = 0.8
        if name == "SUPPLIES" and k < len(toks) and any(
                t.pos == "noun" and t.rel.name == "SANCTIONS" for t in self.ex.lex.get(toks[k].lower, ())):
            return False  # "export restrictions": the restrictions are the relation
        if name == "ATTACKS" and any(toks[x].lower in VERBAL_ATTACK for x in range(max(0, i - 3), i)):
            plover = "ACCUSE"  # "launched a scathing attack on"
        if name == "ATTACKS" and trig.lemma == "strike" and i > 0 and toks[i - 1].lower in ("on", "general", "hunger"):
            name, plover = "PROTESTS", "PROTEST"  # "went on strike", "a general strike"
        if name == "REQUESTS":
            self._refused_request(sent, idx, i, k)  # and the request itself, below
        # possessor or demonym before the noun: "Russia's invasion", "US sanctions", "his visit"
        pre = i - 1
        premod: list[Ment] = []
        while pre >= 0 and i - pre <= 4:
            t = toks[pre]
            m = sent.end_at.get(pre)
            if m is not None:
                if m.possessive:
                    subjects = self._voiced_by(sent, m, name) or self._group_left(sent, m)
                    objects = objects or premod
                    break
                if m.form == "pronoun" and m.text.lower() in POSS_PRON:
                    subjects = self._group_left(sent, m)
                    objects = objects or premod
                    break
                if backer(toks, m):  # "a U.S.-brokered deal": the broker is not a party
                    pre = m.i - 1
                    continue
                premod.insert(0, m)
                pre = m.i - 1
                continue
            if t.lower == "'s":
                pre -= 1
                continue
            if t.lower in GOVERNORS or t.lower in LIGHT:
                break  # "Orban's trip drew criticism": the verb's subject is no possessor of the noun
            if t.text in ("-", '"', "“", "”", "'") or (
                    t.lower not in PREPS and t.lower not in AUX and t.text[:1].isalpha()
                    and t.lower not in DET and (not t.is_cap or pre > 0) and t.lower not in LIGHT):
                pre -= 1
                continue
            if t.lower in ("no",):
                negated = True
            break
        if not subjects and premod:
            if rel.symmetric and len(premod) >= 2:
                subjects, objects = premod[:1], premod[1:]
            else:
                agent = premod[-1]
                abbrev = agent.text.isupper() and len(agent.text) <= 4  # "U.S. strikes", "EU sanctions"
                if agent.form in ("adjective", "agent") or abbrev or (
                        name != "ATTACKS" and agent.actor.kind in ("organisation", "group")):
                    subjects = self._group_left(sent, agent)
        # objects after the noun
        what = None
        if not objects:
            objects, what = self._prep_object(sent, k, rel.noun_preps, 16, skip_of=name == "SUPPLIES",
                                              through=THROUGH.get(name, ()))
        if name == "SUPPLIES":
            what = of_what(toks, k) or what
        # by / from agents after the noun
        if not subjects:  # "the invasion of Ukraine by Russia", "criticism from Beijing"
            agent_preps = ("by",) + (("from",) if name in SOURCE_FROM else ())
            for at in (k, objects[-1].j if objects else None):
                if at is not None and at < len(toks) and toks[at].lower in agent_preps:
                    by, _ = self._prep_object(sent, at, agent_preps, 2)
                    if by:
                        subjects = by
                        break
        if not subjects and rel.symmetric:
            pair = self._between(sent, k)
            if pair:
                subjects, objects = pair[:1], pair[1:]
        if not subjects and name in ("WITHDRAWS", "MOBILIZES") and k < len(toks) and toks[k].lower == "of":
            subjects = self._forces_owner(sent, k + 1)
        if not subjects:
            subjects = self._later_passive_agent(sent, objects[-1].j if objects else k)
        # a light verb governing the noun: "imposed sanctions on", "paid a visit to"
        light = None
        if not subjects or not objects or name in ("SANCTIONS", "COERCES", "SUPPLIES"):
            light = light_verb(toks, i, sent)  # also "lifted its blockade of", "cut its aid to"
        if light is not None and not subjects:
            lvg = verb_group_start(toks, light, sent)
            negated, modality = verb_group_cues(toks, lvg, light)
            if toks[light].lower in REQUEST_FORMS:
                modality = "demand"  # "called for sanctions against X", "demanded the release of X"
            elif toks[light].lower in REFUSING_FORMS:
                negated = True  # "refused direct talks with the government"
            if toks[light].lower in RECIPIENT_LIGHT:
                recipients = self._subject(sent, lvg, light)
                if not subjects:
                    subjects, _ = self._prep_object(sent, k, ("from", "by"), 16)
                objects = objects or recipients
            elif is_passive(toks, lvg, light, None):
                if not objects:
                    objects = self._subject(sent, lvg, light)
                subjects = self._by_agent(sent, k) or self._by_agent(sent, light + 1)
                if rel.symmetric and not objects and len(subjects) > 1:
                    subjects, objects = subjects[:1], subjects[1:]
            else:
                subjects = self._subject(sent, lvg, light)
                if rel.symmetric and not objects and len(subjects) > 1:
                    subjects, objects = subjects[:1], subjects[1:]
                if subjects:
                    sent.verb_subjects.append((light, subjects))
            if toks[light].lower in REVERSAL and name in ("SANCTIONS", "COERCES", "ACCUSES"):
                name = "YIELDS"  # "lifted sanctions on", "eased its blockade of"
            elif toks[light].lower in CUTTING and name in CUT_OFF:
                name, plover = "SANCTIONS", "SANCTION"  # "suspended military aid to Pakistan", "ended talks with"
            conf = 0.85
        elif light is not None and toks[light].lower in REVERSAL and name in ("SANCTIONS", "COERCES", "ACCUSES"):
            name = "YIELDS"
        elif light is not None and toks[light].lower in CUTTING and name in CUT_OFF:
            name, plover = "SANCTIONS", "SANCTION"
        if subjects and not objects and toks[0].lower in ("despite", "after", "following", "amid", "under"):
            # "Despite repeated appeals from Washington, New Delhi did not ...": aimed at the main subject
            comma = next((x for x in range(k, len(toks)) if toks[x].text == ","), None)
            if comma is not None:
                objects = next(([m] for m in sent.ments if m.i > comma and not in_pp(sent, m.i)), [])
        if subjects and not objects and not rel.symmetric and any(
                toks[x].lower in GOVERNORS for x in range(max(0, i - 4), i)):
            # "drew condemnation from Beijing", "rejected criticism from Canada": aimed at the subject
            objects = [m for m in self._main_subject(sent, subjects) if m.i < i]
        travel = name == "VISITS" or any(found[0] == "VISITS" for found in sent.found)
        if not subjects and light is None and in_setting(toks, i, sent, travel=travel):
            # "during a state visit to Belgrade", "in talks with Macron", "travelled to Tehran for
            # talks with Raisi": the sentence's subject
            subjects = [m for m in self._main_subject(sent, objects) if m.i > i or m.j <= i]
            if not objects and not (rel.symmetric and len(subjects) > 1):
                subjects = []  # "Iran and the IAEA are in talks" pairs the two; one actor alone is no relation
        if subjects and not objects and rel.symmetric and len(subjects) > 1:
            subjects, objects = subjects[:1], subjects[1:]
        if subjects and not objects and light is not None and name == "SUPPLIES":
            # "announced humanitarian assistance of €60 million to help people in Somalia"
            objects = self._aid_target(sent, k)
        if subjects and not objects and name == "SANCTIONS" and k + 2 < len(toks) and toks[k].lower == "of" \
                and toks[k + 1].lower in CUT_THINGS:
            # "announced a suspension of aid in Yemen", "a suspension of air links with 21 countries"
            objects = self._state_after(sent, k + 2, ("to", "in", "with", "for"), 10)
        if subjects and not objects and len(subjects) == 1 and (trig.lemma in TRUCES or trig.lemma in TERRITORIAL):
            # "declared a unilateral ceasefire in Somalia", "will extend the curfew in Jamaica":
            # a truce or a measure in a state is aimed at it
            objects = self._state_after(sent, k, ("in",), 12)
        if subjects and not objects and len(subjects) > 1 and trig.lemma in ("ceasefire", "truce"):
            # "India and Pakistan agreed to a ceasefire": each side yields to the other
            for a in subjects:
                self._emit(sent, idx, name, [a], [b for b in subjects if b is not a], i, k,
                           negated, modality, None, conf)
            return True
        if not subjects or not objects:
            return False
        if light is None:
            modality = modality or verb_group_cues(toks, max(0, i - 4), i)[1]
        self._emit(sent, idx, name, subjects, objects, i, k, negated, modality, what, conf, plover)
        return True

    def _refused_request(self, sent: Sentence, idx: int, i: int, k: int) -> bool:
        """"The FBI declined a request from the AP", "Israel rejected demands from Hamas": the
        refuser rejects the one who asked."""
        toks = sent.toks
        light = light_verb(toks, i, sent)
        if light is None or toks[light].lower not in REFUSING_FORMS:
            return False
        askers, _ = self._prep_object(sent, k, ("from", "by"), 8)
        lvg = verb_group_start(toks, light, sent)
        subjects = self._subject(sent, lvg, light)
        if not askers or not subjects:
            return False
        negated, modality = verb_group_cues(toks, lvg, light)
        sent.verb_subjects.append((light, subjects))
        self._emit(sent, idx, "REJECTS", subjects, askers, light, k, negated, modality, None, 0.8)
        return True

    def _state_after(self, sent: Sentence, k: int, preps: tuple[str, ...], window: int) -> list[Ment]:
        """The states a prepositional phrase after k names ("a ceasefire in Somalia"); no place
        or thing inside it is taken for an actor."""
        found, _ = self._prep_object(sent, k, preps, window)
        return [m for m in found if m.actor.kind == "state"]

    def _aid_target(self, sent: Sentence, k: int) -> list[Ment]:
        """The state whose people aid goes to ("food to 300,000 people in Nigeria"), else the actor
        its purpose clause names ("to assist Ethiopia")."""
        return self._state_after(sent, k, ("in",), 16) or self._helped(sent, k)

    def _helped(self, sent: Sentence, k: int) -> list[Ment]:
        """"donated ventilators to assist Ethiopia", "sent aid to help Haiti": the actor the
        purpose clause of a gift names."""
        toks = sent.toks
        for x in range(k, min(len(toks) - 2, k + 14)):
            if toks[x].lower == "to" and toks[x + 1].lower in HELPING:
                m = sent.start_at.get(x + 2)
                return self._group_right(sent, m) if m is not None and m.form != "pronoun" else []
            if toks[x].text in (";", ":"):
                break
        return []

    def _later_passive_agent(self, sent: Sentence, x: int) -> list[Ment]:
        """"A $95 billion aid package for Ukraine was approved by the U.S. Congress": the approver."""
        toks = sent.toks
        n = len(toks)
        y = x
        while y < n and y - x < 4 and toks[y].lower not in BE:
            if toks[y].text in (",", ";") or sent.start_at.get(y) is not None:
                return []
            y += 1
        if y >= n or toks[y].lower not in BE:
            return []
        z = y + 1
        while z < n and (toks[z].lower in ADVERBS or toks[z].lower in ("been", "being")):
            z += 1
        if z + 1 < n and toks[z].lower in LIGHT and toks[z + 1].lower == "by":
            return self._by_agent(sent, z + 1)
        return []

    def _forces_owner(self, sent: Sentence, x: int) -> list[Ment]:
        """"the withdrawal of French troops": the actor whose forces they are."""
        toks = sent.toks
        for y in range(x, min(len(toks), x + 4)):
            m = sent.start_at.get(y)
            if m is not None and m.form == "agent" and m.actor.sector == "MIL":
                return [m]  # "the withdrawal of French troops": France's military
            if m is not None and (m.form == "adjective" or m.possessive):
                end = m.j + (1 if m.possessive and m.form != "pronoun" else 0)
                if any(toks[z].lower in FORCES for z in range(end, min(len(toks), end + 3))):
                    return [m]
                return []
            if toks[y].lower not in DET and not toks[y].text[:1].isdigit() \
                    and toks[y].lower not in ("last", "remaining", "all"):
                break
        return []

    def _between(self, sent: Sentence, k: int) -> list[Ment]:
        toks = sent.toks
        if k < len(toks) and toks[k].lower in ("between", "among"):
            m = sent.start_at.get(k + 1) or (
                sent.start_at.get(k + 2) if k + 2 < len(toks) and toks[k + 1].lower in DET else None)
            if m:
                group = self._group_right(sent, m)
                if len(group) >= 2:
                    return group
        return []

    # -- slots ---------------------------------------------------------------------------------------
    def _subject(self, sent: Sentence, vg: int, t: int, any_pp: bool = False) -> list[Ment]:
        """The actor(s) doing what the verb at `t` (verb group from `vg`) says."""
        toks = sent.toks
        p = vg - 1
        while p >= 0 and toks[p].lower in ADVERBS:
            p -= 1
        head = self._apposition_head(sent, p)
        if head is not None:  # "Hezbollah, an Iranian-backed group, attacked Israel"
            return self._group_left(sent, head)
        # coordinated verbs share their subject: "condemned the strike and warned Israel"
        if p >= 0 and toks[p].lower in ("and", "but", "or") and sent.verb_subjects:
            q = p - 1
            if sent.end_at.get(q) is None or sent.verb_subjects[-1][0] < q:
                return sent.verb_subjects[-1][1]
        # the reason given for an act at an actor is that actor's: "sanctions on Iran for supplying
        # drones", "thanked Japan for sending aid"
        if toks[t].lower.endswith("ing") and vg == t and p >= 1 and toks[p].lower == "for":
            reason = sent.end_at.get(p - 1)
            if reason is not None and reason.form not in ("pronoun", "group"):
                return self._group_left(sent, reason)
        # the accused acts: "Iran, which Washington accuses of arming", "Iran, accused of arming"
        if toks[t].lower.endswith("ing") and vg == t and p >= 1 and toks[p].lower == "of" \
                and toks[p - 1].lower in ACCUSING_FORMS:
            q = p - 2
            accuser = sent.end_at.get(q)
            relative = accuser is not None and accuser.i > 0 and toks[accuser.i - 1].lower in ("which", "who", "that")
            if relative or (accuser is None and q >= 0 and toks[q].text == ","):
                q = accuser.i - 2 if relative and accuser is not None else q
                if q >= 0 and toks[q].text == ",":
                    q -= 1
                ante = sent.end_at.get(q)
                if ante is not None:
                    return self._group_left(sent, ante)
        # subject relative: ", which has supplied", "who visited"
        if p >= 0 and toks[p].lower in ("which", "who", "that"):
            q = p - 1
            if q >= 0 and toks[q].text == ",":
                q -= 1
            m = sent.end_at.get(q)
            if m is not None:
                return self._group_left(sent, m)
            if toks[p].lower != "that":
                return []
        # participle after a comma or a subordinator: ", receiving ...", "after meeting ..."
        tword = toks[t].lower
        if tword.endswith("ing") and vg == t and p >= 0 and p not in sent.end_at and toks[p].text.isalpha() \
                and toks[p].text.islower():
            if toks[p].lower in ISSUED_TEXTS:  # "adopted a resolution condemning X": the resolution's author
                author = self._main_subject(sent, None, before=p)
                if author:
                    return author
            elif toks[p].lower.endswith("s") and not toks[p].lower.endswith("ss") \
                    and toks[p].lower not in AUX and toks[p].lower not in ADVERBS:
                return []  # "schemes targeting businesses": the participle describes things
        if tword.endswith("ing") and p >= 0 and (toks[p].text == "," or toks[p].lower in SUBORD):
            speaker = self._speaker_before(sent, p) if toks[p].text == "," else []
            main = speaker or self._main_subject(sent, None, before=t)
            if main:  # ", Macron said on Wednesday, welcoming ...": the speaker welcomes
                return main
        # a purpose infinitive after a verb's object: "France summoned Israel's envoy to protest"
        if toks[vg].lower == "to" and p >= 0 and sent.verb_subjects and p in sent.end_at \
                and sent.verb_subjects[-1][0] < sent.end_at[p].i and not in_pp(sent, sent.end_at[p].i):
            q = sent.end_at[p].i - 1
            while q >= 0 and toks[q].lower in DET:
                q -= 1
            if q >= 0 and toks[q].lower in verb_forms() and toks[q].lower not in OBJECT_CONTROL_FORMS:
                return sent.verb_subjects[-1][1]  # not "prompting Moscow to summon", "and Armenia to release"
        inner_t = inner_of(sent.inner, t)
        fallback: Ment | None = None
        while p >= 0:
            seg = inner_of(sent.inner, p)
            if seg is not None and seg != inner_t and seg[0] < p:
                p = seg[0]  # jump over ", who has cultivated ties with both sides," to its comma
                continue
            m = sent.end_at.get(p)
            if m is not None and m.form == "group":
                p = m.i - 1  # "protesters", "journalists": a target only, never a subject
                continue
            if m is not None:
                if inner_of(sent.inner, m.i) is not None and inner_of(sent.inner, m.i) != inner_t:
                    p = m.i - 1
                    continue
                if in_pp(sent, m.i):
                    word = pp_word(sent, m.i)
                    if word in CLAUSE_OPENERS and m.j == vg and not tword.endswith("ing"):
                        return self._group_left(sent, m)  # "came after the Afghan government released"
                    organ = word == "in" and m.i >= 2 and toks[m.i - 2].lower in ORGANS  # "a court in Moscow"
                    if fallback is None and (any_pp or word in ("of", "from") or organ):
                        fallback = m
                    p = m.i - 1
                    continue
                if backer(toks, m):  # "the Iran-backed militia attacked": the militia did
                    break
                head = apposition_head(sent, m)
                return self._group_left(sent, head)
            w = toks[p].lower
            if w == ")" and p >= 2 and toks[p - 2].text == "(" and sent.end_at.get(p - 3) is not None:
                p -= 3  # "Lee Nak-yon (R) holds talks with": a photo's caption mark
                continue
            if w in STOP_LEFT or w in ("which", "who") or toks[p].text in (";", ":", "(", ")", "—", "–", '"', "“", "”"):
                if toks[p].text not in ('"', "“", "”"):
                    break
            if fallback is not None and w in SUBORD and w != "by":
                break  # "after a delegation of U.S. lawmakers arrived": the clause's own actor
            p -= 1
        if fallback is not None:
            return self._group_left(sent, fallback)
        # "After meeting Xi, Putin said ..." / "Speaking in Beijing, Xi criticized ..."
        comma = next((x for x in range(t + 1, len(toks)) if toks[x].text == ","), None)
        if comma is not None and (p < 0) and (toks[0].lower in FRONTING or toks[0].lower.endswith("ing")):
            for x in range(comma + 1, min(len(toks), comma + 8)):
                m = sent.start_at.get(x)
                if m is not None and not in_pp(sent, m.i):
                    return self._group_right(sent, m)
        return []

    def _speaker_before(self, sent: Sentence, comma: int) -> list[Ment]:
        """", Macron said on Wednesday," before a comma: the speaker named there."""
        toks = sent.toks
        for x in range(comma - 1, max(-1, comma - 6), -1):
            if toks[x].lower in SPEECH_FORMS:
                m = sent.end_at.get(x - 1)
                return self._group_left(sent, m) if m is not None and m.form != "pronoun" else []
            if toks[x].text == ",":
                break
        return []

    def _main_subject(self, sent: Sentence, exclude: list[Ment] | None, before: int | None = None) -> list[Ment]:
        """The subject of the sentence's main clause: the first verb's, or its first free actor."""
        if sent.verb_subjects:
            subs = sent.verb_subjects[0][1]
            if not exclude or subs[0].actor.id != exclude[0].actor.id:
                return subs
        for m in sent.ments:
            if before is not None and m.i >= before:
                break
            if not in_pp(sent, m.i) and inner_of(sent.inner, m.i) is None:
                if exclude and m.actor.id == exclude[0].actor.id:
                    continue
                return self._group_right(sent, apposition_head(sent, m))
        return []

    def _object(self, sent: Sentence, k: int, rel: RelationType,
                direct: bool = False) -> tuple[list[Ment], str | None]:
        """The verb's direct object; `direct` for a WITHDRAWS verb whose object is what it
        leaves ("quit ECOWAS") rather than the forces it moves ("withdrew troops")."""
        toks = sent.toks
        n = len(toks)
        # direct object, possibly behind determiners and modifiers: "a U.S. journalist"
        x = k
        extra = 0  # hyphens and counting words do not use up the window: "a 20-year-old Somali man"
        while x < n and x - k <= 4 + extra and (direct or rel.name not in ("WITHDRAWS", "MOBILIZES")):
            if x + 1 < n and (toks[x].lower, toks[x + 1].lower) in COUNTING:
                x += 2  # "deported at least four Yemeni asylum seekers"
                extra += 2
                continue
            when = time_phrase(toks, x)
            if when:
                x += when  # "vetoed on Friday a resolution", "freed yesterday two journalists"
                extra += when
                continue
            if toks[x].text == "-":
                extra += 2
            m = sent.start_at.get(x)
            if m is not None and rel.name in STANCES and m.j + 1 < n and toks[m.j].text == "-" \
                    and toks[m.j + 1].lower in AUTHORED:
                return [m], None  # "vetoed a Japanese-drafted resolution": the author's text
            if m is not None and ((m.form == "pronoun" and m.possessive and m.j < n) or backer(toks, m)):
                x = m.j  # "met his Russian counterpart", "Iranian-backed militias": not the object
                continue
            if m is not None and rel.name in ("SUPPLIES", "COOPERATES") and m.form == "agent" \
                    and m.actor.acts_for is None and m.actor.sector in ("MIL", "COP"):
                x = m.j  # "send police officers to Haiti": the forces sent, not the recipient
                continue
            if m is not None:
                group = self._group_right(sent, m)
                if rel.name in PEOPLE_OBJECT and m.form == "agent" and m.actor.acts_for is None:
                    # "detained dozens of activists, including Turkish and Spanish nationals"
                    group = self._including(sent, m.j) or group
                what = None
                if rel.name == "SUPPLIES":
                    end = group[-1].j
                    if end < n and toks[end].lower == "with":
                        what = phrase_text(toks, end + 1, phrase_end(toks, end + 1))
                return group, what
            t = toks[x]
            if t.lower == "of" and x > k and (toks[x - 1].lower in QUANT_NOUNS or toks[x - 1].lower in QUANT
                                              or toks[x - 1].lower in MEMBERS or toks[x - 1].lower.isdigit()):
                x += 1  # "released dozens of activists", "arrested members of the gang"
                continue
            if t.lower in PREPS or t.lower in AUX or t.lower in OPENERS or not (t.text[:1].isalnum() or t.text == "-"):
                break
            if x > k and t.lower in verb_forms():
                break
            x += 1
        if rel.name in PEOPLE_OBJECT:
            found = self._including(sent, x)
            if found:
                return found, None
        if rel.name in STANCES or rel.name == "ACCUSES":
            author = self._author_of_act(sent, k)
            if author:
                return author, None
        if rel.clausal_object and k < n and toks[k].lower == "that":
            for x in range(k + 1, min(n, k + 9)):
                m = sent.start_at.get(x)
                if m is not None and not in_pp(sent, m.i):
                    return self._group_right(sent, m), None
                if toks[x].text in (";",):
                    break
        return self._prep_object(sent, k, rel.verb_preps, 16 if rel.name in ("YIELDS", "SUPPLIES") else 12)

    def _author_of_act(self, sent: Sentence, k: int) -> list[Ment]:
        """"disputed the results of the U.N. report", "rejected the proposal by Hamas": a stance
        on an act, text or decision is a stance on its author. (Not on an event's victim: "the
        bombing of a school" names none.)"""
        toks = sent.toks
        n = len(toks)
        x = k
        while x < n and x - k <= 4 and ((toks[x].text.isalpha() and toks[x].text.islower()) or toks[x].text.isdigit()) \
                and toks[x].lower not in ACTS and toks[x].lower not in STATE_ACTS and toks[x].lower not in PREPS:
            x += 1
        if x < n and toks[x].lower in STATE_ACTS:
            # "denounced 49 journalist detentions in Venezuela": what a state does on its own soil
            y = x + 1
            if y + 1 < n and toks[y].lower in ("in", "by"):
                m = sent.start_at.get(y + 1) or sent.start_at.get(y + 2)
                if m is not None and m.actor.kind == "state" and m.form != "adjective":
                    return [m]
            return []
        if x >= n or toks[x].lower not in ACTS:
            return []
        if x + 3 < n and toks[x + 1].lower == "and" and toks[x + 2].text.islower():
            x += 2  # "the results and methodology of the report"
        if x + 2 >= n or toks[x + 1].lower not in ("of", "by"):
            return []
        y = x + 2
        while y < n and y - x <= 4 and toks[y].lower in DET:
            y += 1
        m = sent.start_at.get(y)
        return self._group_right(sent, m) if m is not None and m.form != "pronoun" else []

    def _including(self, sent: Sentence, x: int) -> list[Ment]:
        """"detained 14 activists, including two Turkish nationals" / "arrested X, a U.S. citizen"."""
        toks = sent.toks
        n = len(toks)
        end = min(n, x + 6)
        for c in range(x, end):
            if toks[c].text == "," and c + 1 < n and toks[c + 1].lower in ("including", "a", "an", "among"):
                for y in range(c + 2, min(n, c + 7)):
                    m = sent.start_at.get(y)
                    if m is not None and m.form in ("adjective", "name", "metonym", "agent"):
                        return self._group_right(sent, m)
                    if toks[y].text in (",", ";"):
                        break
                break
        return []

    def _prep_object(self, sent: Sentence, k: int, preps: tuple[str, ...], window: int,
                     skip_of: bool = False, through_actors: bool = False,
                     through: tuple[str, ...] = ()) -> tuple[list[Ment], str | None]:
        """The first actor introduced by one of `preps` within `window` tokens after k.
        `through`: prepositions after a thing that lead on to its actor: "tariffs on imports
        from Canada", "a strike on a residential building in Kyiv"."""
        if not preps:
            return [], None
        toks = sent.toks
        n = len(toks)
        x = k
        while x < n and x - k < window:
            t = toks[x]
            if t.text in (";", ":", "(", "—", "–") \
                    or (t.lower in OPENERS and t.lower not in ("as", "and", "or") and x > k) \
                    or (t.lower in AUX and x > k) or (x > k and t.lower in verb_forms() and t.lower not in preps
                                                      and not noun_like(toks, x)):
                break
            if t.text == "," and x + 1 < n and opens_clause(toks, x + 1, sent):
                break
            if t.lower in PURPOSE and x + 1 < n and toks[x + 1].lower == "to":
                break  # "a visit expected to focus on the war in Ukraine": another clause
            if t.lower in preps or (t.lower == "out" and x + 1 < n and toks[x + 1].lower == "of" and "out of" in preps):
                y = x + (2 if t.lower == "out" else 1)
                start = y
                while y < n and y - start <= 4:
                    m = sent.start_at.get(y)
                    if m is not None and ((m.form == "pronoun" and m.possessive and m.j < n) or backer(toks, m)):
                        y = m.j  # "to its border with Belarus", "Iranian-backed militias"
                        continue
                    if m is not None:
                        return self._group_right(sent, m), phrase_text(toks, k, x)
                    w = toks[y]
                    if w.lower in through and y > start and y - start <= 4:
                        start = y  # the thing's place or origin: a new phrase to scan
                        y += 1
                        continue
                    if w.lower in PREPS and w.lower not in DET and not (
                            (w.lower == "with" and y > start
                             and toks[y - 1].lower in ("border", "borders", "frontier", "boundary"))
                            or (w.lower in ("near", "off", "around", "along") and y > start)
                            or (w.lower == "of" and y > start and (
                                toks[y - 1].lower in QUANT or toks[y - 1].lower in QUANT_NOUNS
                                or toks[y - 1].lower in MEMBERS))):
                        break
                    if not (w.text[:1].isalnum() or w.text in ("-", "%", "$", "€", "£")):
                        break
                    if w.text == "-" and y + 1 < n and w.start == toks[y - 1].end and toks[y + 1].start == w.end:
                        start += 2  # "a 22-year-old Palestinian man": a compound is one word of the window
                    y += 1
            m = sent.start_at.get(x)
            if m is not None and x > k and not in_pp(sent, m.i) and not m.possessive and not through_actors \
                    and not toks[m.i - 1].text[:1].isupper():
                break  # another clause's actor; not "in the South Dakota District Court"
            x += 1
        return [], None

    def _apposition_head(self, sent: Sentence, p: int) -> Ment | None:
        """The actor before an apposition that ends at the comma p: "Hezbollah, an Iranian-backed
        group,", "The Wagner Group, a Russian mercenary outfit close to the Kremlin,"."""
        toks = sent.toks
        if p < 3 or toks[p].text != ",":
            return None
        for c in range(p - 1, max(0, p - 14), -1):
            if toks[c].text in (";", ":") or toks[c].lower in ("and", "or", "who", "which", "that"):
                return None
            if toks[c].text == ",":
                if c + 1 < p and toks[c + 1].lower in ("a", "an", "the") and not opens_clause(toks, c + 1, sent):
                    m = sent.end_at.get(c - 1)
                    if m is not None and m.form not in ("pronoun", "anaphor", "group"):
                        return m
                return None
        return None

    def _state_where(self, sent: Sentence, k: int) -> list[Ment]:
        """The state a passive act of state coercion happened in or was done from, with no agent
        named: "was arrested on Monday in Niger" (the state arrested), as event coders code it."""
        toks = sent.toks
        for x in range(k, min(len(toks) - 1, k + 6)):
            if toks[x].text in (",", ";") or toks[x].lower == "by":
                return []
            if toks[x].lower in ("in", "from"):
                m = sent.start_at.get(x + 1) or (sent.start_at.get(x + 2) if toks[x + 1].lower == "the" else None)
                if m is not None and m.actor.kind == "state" and m.form == "name":
                    return [m]
                if m is not None:
                    return []  # "in Paris", "from the UN compound": no state named
        return []

    def _by_agent(self, sent: Sentence, k: int) -> list[Ment]:
        group, _ = self._prep_object(sent, k, ("by",), 10, through_actors=True)
        return group

    def _group_left(self, sent: Sentence, m: Ment) -> list[Ment]:
        """A mention and the ones coordinated before it: "the US, Britain and the EU"."""
        if m.group:
            return list(m.group)
        toks = sent.toks
        group = [m]
        cur = m
        saw_and = False
        while True:
            p = cur.i - 1
            while p >= 0 and toks[p].lower in ("the", "both", "his", "her", "its", "their"):
                p -= 1  # "Li Keqiang and his Pakistani counterpart Imran Khan"
            if p < 0:
                break
            w = toks[p].lower
            if w in ("and", "or", "&"):
                saw_and = True
            elif w == "," and saw_and:
                pass
            elif w == "well" and p >= 1 and toks[p - 1].lower == "as":
                saw_and = True
                p -= 2
            else:
                break
            q = p - 1
            if q >= 0 and toks[q].text == "," and w in ("and", "or"):
                q -= 1
            prev = sent.end_at.get(q)
            if prev is None or prev.possessive != m.possessive and not m.possessive:
                break
            group.insert(0, prev)
            cur = prev
        return group

    def _group_right(self, sent: Sentence, m: Ment) -> list[Ment]:
        """A mention and the ones coordinated after it: "Russia, Iran and North Korea"."""
        toks = sent.toks
        n = len(toks)
        group = [m]
        cur = m
        pending: list[Ment] = []
        while True:
            x = cur.j + (1 if cur.possessive else 0)
            if x >= n:
                break
            w = toks[x].lower
            step = 1
            if w == "as" and x + 2 < n and toks[x + 1].lower == "well" and toks[x + 2].lower == "as":
                step = 3
                w = "and"
            if w not in ("and", "or", ",", "&"):
                break
            y = x + step
            if w == "," and y < n and toks[y].lower in ("and", "or"):
                y += 1
                w = "and"
            while y < n and toks[y].lower in ("the", "to", "on", "against", "with"):
                y += 1
            nxt = sent.start_at.get(y)
            if nxt is None:
                break
            if w == ",":
                pending.append(nxt)
            else:
                group.extend(pending)
                pending = []
                group.append(nxt)
            cur = nxt  # a comma-only list is kept only once an "and" closes it: "A, B and C"
        return group

    def _previous_object(self, sent: Sentence, rel: str, exclude: list[Ment]) -> list[Ment]:
        for name, subs, objs in reversed(sent.found):
            if name == rel and objs and (not exclude or objs[0].actor.id != exclude[0].actor.id):
                return objs
        return []

    def _inherit_object(self, sent: Sentence, subjects: list[Ment]) -> list[Ment]:
        """A later verb with no object of its own, sharing the subject of an earlier relation."""
        for name, subs, objs in reversed(sent.found):
            if subs and subs[0].actor.id == subjects[0].actor.id:
                return objs
        return []

    # -- output --------------------------------------------------------------------------------------
    def _emit(self, sent: Sentence, idx: int, rel: str, subjects: list[Ment], objects: list[Ment],
              i: int, k: int, negated: bool, modality: str | None, what: str | None, conf: float,
              plover: str | None = None) -> None:
        toks = sent.toks
        if rel == "REQUESTS" and toks[i].lower in _CALLS and _courtesy_call(toks, k):
            rel, plover = "MEETS", None  # "called on the prime minister to discuss": a visit, not a request
        if rel == "VISITS":  # one visits a state or an organisation; an unknown name is a place
            objects = [m for m in objects if m.actor.kind != "unresolved"]

        objects = [_named_in_apposition(sent, m) for m in objects]
        if rel in PEACE_MISSIONS:
            objects = [self._mission_place(sent, m) or m for m in objects]
        firm = False  # a plover the modality does not override
        if rel in PEACE_MISSIONS and plover is None and any(
                toks[x].lower in PEACEKEEPING for x in range(max(0, i - 8), min(len(toks), k + 16))):
            plover = "AID"  # "peacekeepers arrived in Juba", "sent troops to the UN peacekeeping force"
        elif rel == "SUPPLIES" and any(
                toks[x].lower == "to" and toks[x + 1].lower in INQUIRING for x in range(k, min(len(toks) - 1, k + 16))):
            plover, firm = "ACCUSE", True  # "will send a team of experts to Iran to investigate": any modality
        if rel == "AGREES_WITH" and plover is None and any(
                toks[x].lower in DEAL_NOUNS for x in range(k, min(len(toks), k + 8))):
            plover = "SUPPORT"  # "agreed a free trade agreement", "reached a deal with": endorses it
        s, e = toks[0].start, toks[-1].end
        text = self.article.text[s:e]
        trigger = self.article.text[toks[i].start:toks[k - 1].end]
        made = False
        negated = negated or negated_object(toks, k)
        if sent.low is None:
            sent.low = [t.lower for t in toks]
        subjects = [m for m in (m.ante or m for m in subjects) if m.form != "group"]  # "X continued its attacks": X
        objects = [m for m in (m.ante or m for m in objects)
                   if m.form != "group" or RELATIONS_BY_NAME[rel].quad_class != 1]
        # a bare group ("protesters", "reporters") is only ever the target of a material act
        for _sm, _om, r in pair_relations(
                subjects, objects, relation=rel, doc_id=self.article.id, day=self.day, sentence=text,
                sentence_index=idx, start=s, end=e, negated=negated, modality=modality, what=what,
                confidence=conf, extractor="rules", trigger=trigger,
                plover=None if negated or (modality and not firm) else plover, words=sent.low, at=i,
                speaker=speaker_of(sent, i, k)):
            if r.key in self.keys:
                continue
            self.keys.add(r.key)
            self.relations.append(r)
            made = True
        if made:
            sent.found.append((rel, subjects, objects))

    def _voiced_by(self, sent: Sentence, owner: Ment, name: str) -> list[Ment]:
        """"Erdogan reiterated Turkey's support for the GNA": the one who voices a state's
        stance takes it (acting for that state), not the state named as its owner."""
        if name not in ("SUPPORTS", "AGREES_WITH"):
            return []
        toks = sent.toks
        q = owner.i - 1
        while q >= 0 and toks[q].lower in ("the", "his", "her", "its", "their"):
            q -= 1
        if q < 0 or toks[q].lower not in VOICING:
            return []
        return [m for m in self._subject(sent, verb_group_start(toks, q, sent), q) if m.form != "pronoun"]

    def _mission_place(self, sent: Sentence, m: Ment) -> Ment | None:
        """"troops to the United Nations peacekeeping force in South Sudan": a contribution to a
        mission serves the state it is in, not the organisation that runs it."""
        if m.actor.kind not in ("organisation", "group"):
            return None
        toks = sent.toks
        for x in range(m.j, min(len(toks) - 1, m.j + 4)):
            if toks[x].lower in MISSION_NOUNS and toks[x + 1].lower == "in":
                place = sent.start_at.get(x + 2)
                if place is not None and place.actor.kind == "state":
                    return place
                return None
            if not (toks[x].text.isalpha() or toks[x].text == "-") or toks[x].lower in PREPS:
                return None
        return None

    def _note_unresolved(self, sent: Sentence, vg: int, k: int, subjects: list[Ment], objects: list[Ment]) -> None:
        if sent.title_case is None:  # a headline's capitals are no names: computed on first need
            words = [t.text[:1] for t in sent.toks if t.text[:1].isalpha()]
            sent.title_case = len(words) >= 4 and sum(c.isupper() for c in words) >= 0.7 * len(words)
        if sent.title_case:
            return
        toks = sent.toks
        if not subjects:
            run = cap_run(toks, range(vg - 1, max(-1, vg - 6), -1), sent)
            if run:
                self.unresolved.append(run)
        if subjects and not objects:
            run = cap_run(toks, range(k, min(len(toks), k + 4)), sent)
            if run:
                self.unresolved.append(run)


def _named_in_apposition(sent: Sentence, m: Ment) -> Ment:
    """"his Iranian counterpart, Mostafa Najjar,": an office described, then the person named in
    apposition; the person is the actor."""
    toks = sent.toks
    if m.form not in ("agent", "title") or m.actor.kind == "person" or m.j + 1 >= len(toks) \
            or toks[m.j].text != ",":
        return m
    named = sent.start_at.get(m.j + 1)
    if named is None or named.actor.kind not in ("person", "unresolved") or (
            named.j < len(toks) and toks[named.j].text not in (",", ".")):
        return m
    if named.actor.kind == "unresolved":  # the office says whom the person acts for
        owner = m.actor.acts_for or (m.actor.id if m.actor.kind == "state" else None)
        actor = named_actor(named.actor.name, "person", None, owner)
        return Ment(named.i, named.j, actor, named.form, named.text, named.start, named.end, named.possessive)
    return named


_COURTESY = frozenset("discuss exchange brief congratulate condole consult review".split())


def _courtesy_call(toks: list[Token], k: int) -> bool:
    """"called on Hasina to discuss the situation": the call is a visit when its purpose is talk."""
    for x in range(k, min(len(toks) - 1, k + 12)):
        if toks[x].lower == "to":
            return toks[x + 1].lower in _COURTESY
        if toks[x].text in (";", ".") or (toks[x].text == "," and x > k + 1):
            return False
    return False

