"""The resolver: finds actor mentions in a sentence's tokens and resolves them to canonical actors.

Longest match over the gazetteer's names, then titles: "Russian President Vladimir Putin" is one
mention of Putin, "the NATO chief" is whoever led NATO on the article's date (or NATO itself when
the date is unknown), and "Estonian Prime Minister Kristen Michal" is a person acting for Estonia
even when the gazetteer lacks her. What cannot be resolved is never guessed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor
from ..text import Token, tokenize
from .gazetteer import Gazetteer, load_gazetteer

# Words between an actor and its title: "Chinese Foreign Ministry spokesman", "NATO's top diplomat".
_TITLE_FILLERS = frozenset("""foreign ministry defence defense affairs state department external
interior finance trade economy energy policy top senior acting new outgoing incoming interim
military army navy government presidential national security council armed forces""".split())
_NOT_NAMES = frozenset("""The A An In On At And But Or For With From To Of By As It He She They
This That These Those His Her Its Their We Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February March April May June July August September October November December Mr Mrs Ms Dr
Said Says Also On""".split())
_NAME_PARTICLES = frozenset({"al", "bin", "ibn", "de", "van", "von", "der", "da", "el", "le", "la", "du"})


@dataclass(slots=True)
class Span:
    """A resolved mention over tokens [i, j); `possessive` when the token at j is "'s"."""

    i: int
    j: int
    actor: Actor
    form: str
    text: str
    start: int
    end: int
    possessive: bool = False


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Resolver:
    """Mentions of a sentence, resolved against a gazetteer on the article's date."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gz = gazetteer or load_gazetteer()

    # -- public ---------------------------------------------------------------------------------
    def resolve(self, name: str, day: str | None = None) -> Actor | None:
        """The actor a free-standing name means ("Beijing" -> China), or None."""
        name = name.strip()
        if not name:
            return None
        if name in self.gz.actors:
            return self.gz.actors[name]
        if name.upper() in self.gz.actors and self.gz.actors[name.upper()].kind == "state":
            return self.gz.actors[name.upper()]
        toks = tokenize(name)
        if toks and toks[0].lower == "the":
            toks = toks[1:]
        spans = self.mentions(toks, day, strict_case=False)
        if len(spans) == 1 and spans[0].i == 0 and spans[0].j >= len(toks):
            return spans[0].actor
        return None

    def mentions(self, toks: list[Token], day: str | None, strict_case: bool = True) -> list[Span]:
        """All actor mentions of a token list, left to right, non-overlapping."""
        raw = self._names(toks, strict_case)
        return self._titles(toks, raw, day)

    # -- names ----------------------------------------------------------------------------------
    def _names(self, toks: list[Token], strict_case: bool) -> list[Span]:
        out: list[Span] = []
        index = self.gz.index
        n = len(toks)
        i = 0
        while i < n:
            cands = index.get(toks[i].lower)
            hit = None
            if cands:
                for alias in cands:
                    k = len(alias.tokens)
                    if i + k > n:
                        continue
                    ok = True
                    for a, (low, case, orig) in enumerate(zip(alias.tokens, alias.cases, alias.originals)):
                        t = toks[i + a]
                        if t.lower != low:
                            ok = False
                            break
                        if strict_case and case and not _case_ok(t.text, orig, case):
                            ok = False
                            break
                    if ok:
                        hit = alias
                        break
            if hit is None:
                i += 1
                continue
            k = len(hit.tokens)
            if hit.actor_id is not None:
                actor = self.gz.actors[hit.actor_id]
                s, e = toks[i].start, toks[i + k - 1].end
                poss = i + k < n and toks[i + k].lower == "'s"
                out.append(Span(i, i + k, actor, hit.form, "", s, e, poss))
            i += k
        return out

    # -- titles ---------------------------------------------------------------------------------
    def _title_at(self, toks: list[Token], i: int) -> tuple[int, str] | None:
        """(length, role) of the longest title starting at token i."""
        cands = self.gz.title_index.get(toks[i].lower) if i < len(toks) else None
        if not cands:
            return None
        for phrase, role in cands:
            k = len(phrase)
            if tuple(t.lower for t in toks[i:i + k]) == phrase:
                return k, role
        return None

    def _titles(self, toks: list[Token], spans: list[Span], day: str | None) -> list[Span]:
        if not spans:  # every mention below is built on a name found by _names
            return []
        by_start = {s.i: s for s in spans}
        out: list[Span] = []
        n = len(toks)
        consumed_until = 0
        i = 0
        while i < n:
            if i < consumed_until:
                i += 1
                continue
            span = by_start.get(i)
            # ACTOR ['s] [fillers] TITLE [NAME]
            if span is not None and span.actor.kind != "person":
                j = span.j + (1 if span.possessive else 0)
                f = j
                while f < n and f - j < 3 and toks[f].lower in _TITLE_FILLERS and not self._title_at(toks, f):
                    f += 1
                named = by_start.get(f)
                title = self._title_at(toks, f)
                merged = None
                if title:
                    merged = self._with_name(toks, by_start, span.i, f + title[0], span.actor, title[1], day)
                if named is not None and named.actor.kind == "person" and (merged is None or named.j >= merged.j):
                    # the person's own name starts with the title: "Jordan's King Abdullah II"
                    merged = self._span(toks, span.i, named.j, named.actor, "title", named.possessive)
                if merged is not None:
                    out.append(merged)
                    consumed_until = i = merged.j
                    continue
                out.append(span)
                consumed_until = span.j
                i = span.j
                continue
            if span is not None:
                out.append(span)
                consumed_until = span.j
                i = span.j
                continue
            # the TITLE of ACTOR
            if toks[i].lower == "the":
                title = self._title_at(toks, i + 1)
                if title and i + 1 + title[0] < n and toks[i + 1 + title[0]].lower == "of":
                    k = i + 2 + title[0]
                    inner = by_start.get(k)
                    if inner is not None and inner.actor.kind != "person":
                        holder = self.gz.holder(inner.actor.id, title[1], day) if title[1] != "other" else None
                        actor = holder or inner.actor
                        out.append(self._span(toks, i, inner.j, actor, "title", inner.possessive))
                        consumed_until = inner.j
                        i = inner.j
                        continue
            # Title Name  ("President Joe Biden", "Foreign Minister Wang Yi")
            if toks[i].text[:1].isupper():  # Token.is_cap, inlined: this runs for every token
                title = self._title_at(toks, i)
                if title:
                    k = i + title[0]
                    person = by_start.get(k)
                    if person is not None and person.actor.kind == "person":
                        out.append(self._span(toks, i, person.j, person.actor, "title", person.possessive))
                        consumed_until = person.j
                        i = person.j
                        continue
            i += 1
        return out

    def _with_name(self, toks: list[Token], by_start: dict[int, Span], i0: int, k: int,
                   org: Actor, role: str, day: str | None) -> Span | None:
        """The mention an ACTOR+TITLE phrase makes, with the person's name when one follows."""
        n = len(toks)
        person = by_start.get(k)
        if person is not None and person.actor.kind == "person":
            return self._span(toks, i0, person.j, person.actor, "title", person.possessive)
        if person is not None:  # another actor follows the title: keep them apart
            holder = self.gz.holder(org.id, role, day) if role != "other" else None
            return self._span(toks, i0, k, holder or org, "title", False)
        # an unknown capitalised name after a title: a person acting for the actor
        j = k
        while j < n and j - k < 4 and (
                (toks[j].is_cap and toks[j].text not in _NOT_NAMES and toks[j].text.isalpha() and len(toks[j].text) > 1)
                or (toks[j].lower in _NAME_PARTICLES and j + 1 < n and toks[j + 1].is_cap)
                or (toks[j].text == "-" and j > k and j + 1 < n and toks[j + 1].is_cap)):
            if self._title_at(toks, j) or j in by_start:
                break
            j += 1
        if j - k >= 2:
            name = " ".join(t.text for t in toks[k:j]).replace(" - ", "-")
            person_id = f"person:{_slug(name)}"
            known = self.gz.actors.get(person_id)
            actor = known or Actor(person_id, name, "person", acts_for=org.id)
            poss = j < n and toks[j].lower == "'s"
            return self._span(toks, i0, j, actor, "title", poss)
        holder = self.gz.holder(org.id, role, day) if role != "other" else None
        return self._span(toks, i0, k, holder or org, "title", k < n and toks[k].lower == "'s")

    @staticmethod
    def _span(toks: list[Token], i: int, j: int, actor: Actor, form: str, poss: bool) -> Span:
        return Span(i, j, actor, form, "", toks[i].start, toks[j - 1].end, poss)


def _case_ok(text: str, orig: str, case: int) -> bool:
    if case == 2:
        return text == orig or (text.isupper() and text.lower() == orig.lower() and len(orig) > 3)
    return text[:1].isupper()
