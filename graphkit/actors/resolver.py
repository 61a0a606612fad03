"""The resolver: finds actor mentions in a sentence's tokens and resolves them to canonical actors.

Longest match over the gazetteer's names, then titles: "Russian President Vladimir Putin" is one
mention of Putin, "the NATO chief" is whoever led NATO on the article's date (or NATO itself when
the date is unknown), and "Estonian Prime Minister Kristen Michal" is a person acting for Estonia
even when the gazetteer lacks her. Then the open world: agents the text describes by role
("German prosecutors", `agents.py`) and named actors no list knows (`names.py`). A bare title is
never guessed to be a person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Actor
from ..text import Token, join_tokens, tokenize
from .agents import BARE_SECTORS, GROUP_SECTORS, MODIFIERS, NEEDS_QUALIFIER, agent_actor, agent_at
from .gazetteer import Gazetteer, load_gazetteer
from ..ontology import SECTORS
from .names import (CONNECTORS, EVENT_WORDS, INQUIRIES, PERSON_CUES, PLACE_PREPS, PLACE_WORDS, is_acronym, name_word,
                    named_actor, org_sector, slug)

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

    def __init__(self, gazetteer: Gazetteer | None = None, common: frozenset[str] = frozenset(),
                 verbs: frozenset[str] = frozenset()):
        self.gz = gazetteer or load_gazetteer()
        # ordinary words (the extractor's trigger lexicon) that a capital at a sentence's start
        # does not make a name: "Sanctions were ...", "Talks resumed ..."
        self.common = common
        # the lexicon's verb forms: after a name they show it is the verb's subject
        self.verbs = verbs

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
        spans = self.mentions(toks, day, strict_case=False, open_world=False)
        if len(spans) == 1 and spans[0].i == 0 and spans[0].j >= len(toks):
            return spans[0].actor
        return None

    def mentions(self, toks: list[Token], day: str | None, strict_case: bool = True,
                 open_world: bool = True) -> list[Span]:
        """All actor mentions of a token list, left to right, non-overlapping; with `open_world`
        also agents and names no list knows."""
        blocked: list[tuple[int, int]] = []
        raw = self._names(toks, strict_case, blocked)
        spans = self._titles(toks, raw, day)
        if open_world:
            spans = self._open(toks, spans, blocked)
        dash = dateline_end(toks)
        if dash:  # "CAIRO --", "Lucknow:": where the story was filed, not an actor in it
            spans = [sp for sp in spans if sp.i >= dash]
        return _aliases(toks, _described(toks, _unprefixed(toks, spans)))

    # -- names ----------------------------------------------------------------------------------
    def _names(self, toks: list[Token], strict_case: bool, blocked: list[tuple[int, int]]) -> list[Span]:
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
            else:
                blocked.append((i, i + k))  # "South China Sea": no actor, and no unknown name either
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
            return spans
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

    # -- the open world -----------------------------------------------------------------------
    def _open(self, toks: list[Token], spans: list[Span], blocked: list[tuple[int, int]]) -> list[Span]:
        """Add agents ("German prosecutors", "a court in Bishkek", "police") and names no list
        knows to the gazetteer's mentions; an agent absorbs the state or organisation that
        qualifies it."""
        n = len(toks)
        if n == 0:
            return spans
        low = [t.lower for t in toks]
        covered = bytearray(n)
        for sp in spans:
            for x in range(sp.i, sp.j):
                covered[x] = 1
        for a, b in blocked:
            for x in range(a, b):
                covered[x] = 1
        out: list[Span] = []
        drop: set[int] = set()  # ids of spans merged into an agent
        # 1. QUALIFIER [modifiers] AGENT: "German federal prosecutors", "Kremlin officials"
        for sp in spans:
            kind = sp.actor.kind
            if kind == "person" and not sp.possessive and not (
                    sp.j < n and low[sp.j] in _LEADERS_GOVERNMENT and sp.actor.acts_for):
                continue  # but "the Obama administration", "the Macron government": the state's
            if sp.form == "title":
                if kind != "person" and self._other_title_ends(toks, sp):
                    found = agent_at(low, sp.j - 1)
                    if found is not None:  # "Chinese officials", "the Foreign Ministry spokesman"
                        drop.add(id(sp))
                        out.append(Span(sp.i, sp.j, self._agent(found[1], sp.actor), "agent", "",
                                        sp.start, sp.end, sp.possessive))
                if not sp.possessive:
                    continue
            start = sp.j + (1 if sp.possessive else 0)
            best: tuple[int, str] | None = None
            gap = 0
            x = start
            while x < n and x - start < 5 and not covered[x]:
                found = agent_at(low, x)
                if found is not None and x - found[0] + 1 >= start:
                    best = (x + 1, found[1])
                    x += 1
                    continue
                if best is not None or low[x] in ("of", "than"):
                    break
                if low[x] not in MODIFIERS:
                    # "Malaysian immigration authorities", "Iranian state television": one or two
                    # plain nouns before the agent noun
                    if gap >= 2 or not toks[x].text.isalpha() or not toks[x].text.islower() \
                            or low[x] in _FUNCTION or low[x] in self.verbs or low[x].endswith(("ed", "ing", "ly")):
                        break
                    gap += 1
                x += 1
            if best is not None and any(low[y] in _FORMER for y in range(start, best[0])):
                best = None  # "a former Polish deputy minister" acts for no one now
            if best is not None and best[0] < n and toks[best[0] - 1].text[:1].isupper() and (
                    name_word(toks[best[0]].text, True) or (
                        best[0] + 1 < n and low[best[0]] in _CONNECTORS_OF
                        and name_word(toks[best[0] + 1].text, True))):
                best = None  # "Seoul's National Intelligence Service", "Libya's Government of
                # National Accord": a name, see _unknown_names
            if best is None:
                continue
            end, sector = best
            if kind == "group":  # "Houthi rebels" are the Houthis
                actor = sp.actor
            else:
                actor = self._agent(sector, sp.actor)
            drop.add(id(sp))
            for y in range(sp.i, end):
                covered[y] = 1
            out.append(Span(sp.i, end, actor, "agent", "", sp.start, toks[end - 1].end,
                            end < n and low[end] == "'s"))
        # 2. AGENT in|of|from QUALIFIER: "a court in Bishkek", "the government of Canada"
        starts = {sp.i: sp for sp in spans if id(sp) not in drop}
        x = 0
        while x < n:
            if covered[x]:
                x += 1
                continue
            found = agent_at(low, x)
            if found is None or x - found[0] + 1 < 0 or any(covered[y] for y in range(x - found[0] + 1, x)):
                x += 1
                continue
            k, sector = found
            if toks[x].text[:1].isupper() and ((x + 1 < n and (name_word(toks[x + 1].text, True) or (
                    x + 2 < n and low[x + 1] in _CONNECTORS_OF and name_word(toks[x + 2].text, True)))) or (
                    x - found[0] >= 0 and not covered[x - found[0]] and name_word(toks[x - found[0]].text)
                    and low[x - found[0]] not in MODIFIERS)):
                x += 1  # "Government of National Accord", "Metropolitan Police": a name's head word
                continue
            head = agent_at(low, x + 1) if x + 1 < n and not covered[x + 1] and toks[x + 1].text.islower() else None
            faction = False
            if head is not None:
                if sector not in _FACTIONS:
                    x += 1  # "police officers": the next noun is the phrase's head
                    continue
                x += 1  # "rebel commanders", "opposition parties": the faction's
                k += 1
                faction = True
            elif x + 1 < n and low[x + 1] in _THING_HEADS:
                x += 1  # "a court ruling", "a separatist leader": the agent noun modifies the next
                continue
            first = x - k + 1
            while first > 0 and not covered[first - 1] and low[first - 1] in MODIFIERS \
                    and low[first - 1] not in _DETS and not (
                        low[first - 1].endswith("ed") and first >= 2 and covered[first - 2]):
                first -= 1  # not "police detained journalists": there "detained" is the verb
            end = x + 1
            qualifier: Span | None = None
            if x + 2 < n and low[x + 1] in ("in", "of", "from"):
                q = x + 2
                if low[q] == "the" and q + 1 < n:
                    q += 1
                cand = starts.get(q)
                if cand is not None and (cand.form == "place" or (cand.form == "adjective" and low[x + 1] != "of")):
                    cand = None  # "troops in Gaza" are no Palestinian troops; "in the Malaysian capital"
                if x - k >= 0 and low[x + 1] != "of" and (low[x - k] in _POSS_PRONOUNS or (
                        low[x - k] == "of" and low[x + 1] == "from" and low[x] in NEEDS_QUALIFIER)):
                    cand = None  # "withdraw its troops from Iraq", "withdrawal of troops from Iraq": where
                listed = cand is not None and cand.j < n and low[cand.j] in (",", "and", "or")
                if cand is not None and (cand.actor.kind == "state" or (
                        low[x + 1] != "in" and cand.actor.kind == "organisation")) and not listed:
                    qualifier = cand
                elif cand is not None and listed and low[x + 1] == "of" \
                        and cand.actor.kind in ("state", "organisation"):
                    x += 1  # "the ambassadors of Britain, France and Germany": the states are reached
                    continue  # through "of", the noun alone names none of them
            if qualifier is not None:
                drop.add(id(qualifier))
                end = qualifier.j
                actor = self._agent(sector, qualifier.actor)
            else:
                group = sector in GROUP_SECTORS and low[x] not in _GENERIC and low[x] not in _HELD \
                    and not (first > 0 and low[first - 1] == "social") \
                    and not (x + 1 < n and self._noun_after(low[x + 1], toks[x + 1].text))
                # "social media" are no press; "journalist detentions", "refugee camps": a modifier
                if (low[x] in _GENERIC and not faction and k == 1) \
                        or (low[x] in NEEDS_QUALIFIER and sector not in _FACTIONS) \
                        or (sector not in BARE_SECTORS and not group) or (
                        x + 1 < n and toks[x + 1].text[:1].isupper() and low[x] in PERSON_CUES) or (
                        first > 0 and low[first - 1] in _POSS_PRONOUNS):
                    # "people", "a man", "massed troops"; "activist Ales Bialiatski" is the
                    # person's name; "its air force" is the pronoun's antecedent's
                    x += 1
                    continue
                actor = self._agent(sector, None)
            for y in range(first, end):
                covered[y] = 1
            form = "group" if qualifier is None and sector in GROUP_SECTORS and sector not in BARE_SECTORS else "agent"
            out.append(Span(first, end, actor, form, "", toks[first].start, toks[end - 1].end,
                            end < n and low[end] == "'s"))
            x = end
        kept = [sp for sp in spans if id(sp) not in drop]
        for sp in kept:
            for y in range(sp.i, sp.j):
                covered[y] = 1
        merged = sorted(kept + out, key=lambda sp: sp.i)
        return self._unknown_names(toks, low, covered, merged)

    def _other_title_ends(self, toks: list[Token], sp: Span) -> bool:
        """Does the title mention end in a title of no office ("officials", "spokesman"), not in
        one a person holds ("foreign minister", "head of government")?"""
        for x in range(sp.i, sp.j):
            title = self._title_at(toks, x)
            if title is not None and x + title[0] == sp.j:
                return title[1] == "other" and not any(t.lower in ("former", "ex") for t in toks[sp.i:sp.j])
        return False

    def _noun_after(self, word: str, text: str) -> bool:
        """Is the word after an agent noun a noun it modifies ("journalist detentions", "refugee
        camps") rather than a verb, a preposition or punctuation?"""
        return text.isalpha() and text.islower() and word not in _FUNCTION and word not in self.verbs \
            and word not in _PREPOSITIONS and not word.endswith(("ed", "ly", "ing"))

    def _premodifier(self, word: str, text: str) -> bool:
        """Is the word after a name the noun it modifies ("Patriot systems", "Zvartnots
        airport"), rather than a verb or a function word after a name that stands alone?"""
        if not text.isalpha() or not text.islower():
            return False
        if word in _THING_NOUNS:
            return True
        if word in _FUNCTION or word in self.verbs or word.endswith(("ed", "ly")) or word in _PREDICATES:
            return False  # "found Barbarin guilty": an adjective said of the name
        return not (word.endswith("s") and not word.endswith("ss"))

    def _agent(self, sector: str, qualifier: Actor | None) -> Actor:
        if qualifier is None:
            return agent_actor(sector, None)
        base = qualifier.acts_for if qualifier.kind in ("agent", "person") and qualifier.acts_for else qualifier.id
        owner = self.gz.actors.get(base, qualifier)
        return agent_actor(sector, base, self.gz.demonyms.get(owner.id) or owner.name)

    def _unknown_names(self, toks: list[Token], low: list[str], covered: bytearray,
                       spans: list[Span]) -> list[Span]:
        n = len(toks)
        alpha = [t.text for t in toks if t.text[:1].isalpha()]
        if len(alpha) >= 4 and not any(w[:1].islower() and len(w) > 2 and w not in _FUNCTION for w in alpha):
            return spans  # a title-case headline: its capitals are no names
        first_word = next((x for x, t in enumerate(toks) if t.text[:1].isalpha()), n)
        dash = dateline_end(toks)
        if dash:
            for x in range(first_word, dash):
                covered[x] = 1
            first_word = next((x for x in range(dash, n) if toks[x].text[:1].isalpha()), n)
        ends = {sp.j: sp for sp in spans}
        out: list[Span] = []
        drop: set[int] = set()
        x = 0
        while x < n:
            if covered[x] or not (name_word(toks[x].text) or (
                    x > first_word and x + 1 < n and name_word(toks[x].text, True) and name_word(toks[x + 1].text))
                    or (x + 2 < n and low[x + 1] == "'s" and name_word(toks[x].text, True)
                        and name_word(toks[x + 2].text, True))):
                x += 1  # a name starts with a name word; "New" only before one ("the New People's Army")
                continue
            y = x + 1
            saw_of = False
            while y < n and not covered[y]:
                if name_word(toks[y].text, True):
                    y += 1
                    continue
                w = low[y]
                if y + 1 < n and not covered[y + 1] and name_word(toks[y + 1].text, True) and (
                        (w in _CONNECTORS_OF) or (w in ("and", "&") and saw_of)
                        or (w in CONNECTORS and w not in ("and", "&", "on") and toks[y + 1].start == toks[y].end + 1
                            and w in _PARTICLES)
                        or (toks[y].text == "-" and toks[y].start == toks[y - 1].end)):
                    saw_of = saw_of or w in _CONNECTORS_OF
                    y += 2
                    continue
                if w in _CONNECTORS_OF and y + 2 < n and low[y + 1] == "the" and not covered[y + 1] \
                        and not covered[y + 2] and name_word(toks[y + 2].text, True):
                    saw_of = True
                    y += 3  # "the Sons of the Sahel", "the Army of the Righteous"
                    continue
                if toks[y].text == "-" and y + 1 < n and toks[y].start == toks[y - 1].end \
                        and toks[y + 1].start == toks[y].end and toks[y + 1].text.isalpha() \
                        and toks[y + 1].text.islower() and len(toks[y + 1].text) <= 3 \
                        and low[y + 1] not in _COMPOUND_ENDS:
                    y += 2  # "Lee Nak-yon", "Moon Jae-in": a Korean given name's second syllable
                    continue
                if w in _PARTICLES and y + 2 < n and toks[y + 1].text == "-" and toks[y + 1].start == toks[y].end \
                        and not covered[y + 2] and name_word(toks[y + 2].text, True):
                    y += 3  # "Omar al-Razza", "Abu Bakr al-Baghdadi"
                    continue
                if w == "to" and y + 1 < n and not covered[y + 1] and name_word(toks[y + 1].text, True) \
                        and org_sector(low[x:y]) is not None:
                    y += 2  # "the Committee to Protect Journalists"
                    continue
                if w == "'s" and y + 1 < n and not covered[y + 1] and name_word(toks[y + 1].text, True):
                    z = y + 1
                    while z < n and not covered[z] and name_word(toks[z].text, True):
                        z += 1
                    if org_sector(low[x:z]) is not None:  # "the New People's Army"
                        y = z
                        continue
                break
            i0, j0 = x, y
            x = y
            words = low[i0:j0]
            prev = i0 - 1
            while prev >= 0 and low[prev] in ("the", "a", "an"):
                prev -= 1
            place = prev
            while place >= 0 and (toks[place].text[:1].isupper() or low[place] in ("the", "a", "an")):
                place -= 1
            if place >= 0 and low[place] in PLACE_PREPS and not (place > 0 and low[place - 1] in INQUIRIES):
                continue  # "in Utrecht", "at Second Thomas Shoal": a place; not "a probe into Flynn"
            if j0 - i0 == 1 and len(words[0]) == 1 and i0 > 0 and toks[i0 - 1].text == "(":
                continue  # "(R)", "(L)": a photo caption's mark
            if any(w in PERSON_CUES for w in words) and all(w in PERSON_CUES or w in _BARE_TITLE for w in words):
                continue  # "the former Prime Minister of Sri Lanka": a title with no name
            if words[-1] in EVENT_WORDS or words[0] in ("cyclone", "hurricane", "typhoon", "storm", "operation"):
                continue  # "the Cold War", "Cyclone Nargis", "Operation Sindoor": an event
            if words[-1] in PLACE_WORDS or (j0 - i0 == 1 and words[0] in PLACE_WORDS):
                continue  # "the Bekaa Valley", "Europe"
            after = j0
            if after + 2 < n and toks[after].text == "(" and toks[after + 2].text == ")":
                after += 3
            bare = next((sp for sp in spans if sp.i == after and sp.j == after + 1 and (
                sp.form == "group" or (sp.form == "agent" and sp.actor.acts_for is None
                                       and sp.actor.sector in _STATE_SECTORS))), None)
            # "Ethnic Serb protesters", "the Uttar Pradesh government": a name no list knows
            # qualifies the bare agent noun after it
            group = agent_at(low, after) if after < n and after == j0 and (not covered[after] or bare) \
                and toks[after].text.islower() else None
            if group is not None and group[0] == 1 and (after + 1 >= n or (
                    agent_at(low, after + 1) is None and not self._premodifier(low[after + 1], toks[after + 1].text))):
                # "40 Uyghur men", "Sami activists": people a name no list knows describes
                label = join_tokens(toks, i0, j0)
                if bare is not None:
                    drop.add(id(bare))  # "Ethnic Serb protesters": the bare group is part of it
                out.append(Span(i0, after + 1, Actor(f"unresolved:{slug(label)}:{group[1]}",
                                                     f"{label} {SECTORS[group[1]]}", "agent", sector=group[1]),
                                "agent", "", toks[i0].start, toks[after].end,
                                after + 1 < n and low[after + 1] == "'s"))
                x = after + 1
                continue
            z = after
            while z < n and low[z] in _GROUP_KINDS:
                z += 1
            if z < n and z - after <= 2 and low[z] in _GROUP_HEADS and not covered[z]:
                # "the Jemaah Islamiyah militant network", "the Sons of Liberty armed group":
                # an organisation the name names, described after it
                label = join_tokens(toks, i0, j0)
                out.append(Span(i0, z + 1, named_actor(label, "organisation"), "name", "", toks[i0].start,
                                toks[z].end, z + 1 < n and low[z + 1] == "'s"))
                x = z + 1
                continue
            if after < n and self._premodifier(low[after], toks[after].text) and not (
                    i0 > 0 and low[i0 - 1] in _CLAUSE_STARTS and low[after] not in _THING_NOUNS):
                continue  # "Taurus cruise missiles", "Freedom Shield exercises": a thing's name;
                # not "demanded that Dbeibah resign", where the name is the clause's subject
            if after < n and toks[after].text == "-" and toks[after].start == toks[after - 1].end:
                continue  # "Fath-360", "Kremlin-linked": part of a compound
            z = after
            while z < n and (toks[z].text in (",", "and", "or") or toks[z].text[:1].isupper()):
                z += 1
            if z > after and z < n and low[z] in PLACE_WORDS:
                continue  # "the Donetsk, Luhansk and Kherson regions"
            if i0 == first_word and (toks[i0].text.isupper() and j0 < n and toks[j0].text in ("-", "—", "–", ",", "(")):
                continue  # a dateline: "SAN FRANCISCO -"
            if i0 == first_word and j0 - i0 == 1 and not is_acronym(toks[i0].text) and (
                    words[0] in self.common or words[0].endswith("ly")
                    or (j0 < n and (toks[j0].text == "of" or (toks[j0].text == "," and words[0] in _DISCOURSE)))):
                continue  # "Separately, ..." "Protests ...": an ordinary word starting the sentence
            if j0 - i0 == 1 and words[0] in self.common and not is_acronym(toks[i0].text):
                continue
            if i0 == first_word and j0 < n and covered[j0] and toks[j0].text.islower():
                continue  # "Climate activists ...": an ordinary word before an agent noun
            # the name's own title words: "President Reuven Rivlin", "Judge Amy Berman"
            t0 = i0
            while t0 < j0 - 1 and (words[t0 - i0] in PERSON_CUES or (
                    t0 > i0 and words[t0 - i0] in _TITLE_WORDS) or words[t0 - i0] in ("vice", "deputy", "acting")):
                t0 += 1
            sector = org_sector(words)
            if sector is not None:
                t0 = i0  # "General Assembly", "Presidential Guard": an organisation's name, no title
            if sector is None:
                # "Education Secretary Raul Roco", "Secretary of State Mike Pompeo": the name after
                # the last title word
                last = max((p for p in range(i0, j0 - 1) if words[p - i0] in PERSON_CUES), default=-1)
                while last >= 0 and last + 1 < j0 - 1 and (words[last + 1 - i0] in _TITLE_WORDS
                                                           or words[last + 1 - i0] in _CONNECTORS_OF):
                    last += 1
                if last >= 0 and all(name_word(toks[p].text) or toks[p].text == "-" or toks[p - 1].text == "-"
                                     for p in range(last + 1, j0)):
                    t0 = max(t0, last + 1)
            name = join_tokens(toks, t0, j0)
            end = j0
            if end + 2 < n and toks[end].text == "(" and is_acronym(toks[end + 1].text) and toks[end + 2].text == ")":
                end += 3  # "the Department of Health and Human Services (HHS)"
                x = end
            before = ends.get(i0)
            if before is None and i0 > 0 and low[i0 - 1] == "'s":
                before = ends.get(i0 - 1)
            cue = prev >= 0 and low[prev] in PERSON_CUES
            if t0 > i0 or (cue and sector is None):
                owner = ends.get(prev) if cue else None
                if owner is None and cue and before is not None and before.j == i0 and before.form == "agent" \
                        and before.actor.sector in _STATE_SECTORS:
                    owner = before  # "German journalist Mesale Tolu": the agent phrase is her description
                if owner is None and cue and out and out[-1].j == prev:
                    owner = out[-1]
                acts_for = None
                if owner is not None and owner.form == "agent" and owner.j == i0:
                    drop.add(id(owner))  # one mention of the person, acting for the state only as its organ
                    i0 = owner.i
                    sec = owner.actor.sector
                    acts_for = owner.actor.acts_for if sec in _STATE_SECTORS else None
                    owner = None
                elif owner is not None and not owner.possessive and owner.actor.kind != "person":
                    # "Wall Street Journal reporter Evan Gershkovich": one mention of the person
                    drop.add(id(owner))
                    if out and out[-1] is owner:
                        out.pop()
                    i0 = owner.i
                    acts_for = owner.actor.acts_for or (owner.actor.id if owner.actor.kind == "state" else None)
                actor = named_actor(name, "person", None, acts_for)
            elif sector is not None or (j0 - i0 == 1 and is_acronym(toks[i0].text)):
                acts_for = None
                if before is not None and not before.possessive and before.actor.kind in ("state", "organisation") \
                        and before.form in ("name", "adjective", "metonym"):
                    # "U.S. Supreme Court", "American Civil Liberties Union": one name
                    drop.add(id(before))
                    i0 = before.i
                    name = join_tokens(toks, i0, j0)
                    acts_for = before.actor.id if sector in _STATE_SECTORS else None
                elif before is not None and before.possessive and before.actor.kind == "state" \
                        and sector in _STATE_SECTORS:
                    acts_for = before.actor.id  # "Seoul's National Intelligence Service"
                actor = named_actor(name, "organisation", sector, acts_for)
            elif before is not None and before.form == "agent" and not before.possessive:
                # "Saudi dissident Jamal Khashoggi", "Chinese telecoms firm Huawei"
                drop.add(id(before))
                i0 = before.i
                sec = before.actor.sector
                if sec == "BUS" or sec == "MED":
                    actor = named_actor(name, "organisation", sec)
                else:
                    actor = named_actor(name, "person", None,
                                        before.actor.acts_for if sec in _STATE_SECTORS else None)
            else:
                if before is not None and before.form == "metonym" and not before.possessive:
                    drop.add(id(before))  # "the Tokyo Stock Exchange", "the Kyiv Independent": one name
                    i0 = before.i
                    name = join_tokens(toks, i0, j0)
                actor = named_actor(name, "unresolved")
            out.append(Span(i0, end, actor, "name", "", toks[i0].start, toks[end - 1].end,
                            end < n and low[end] == "'s"))
        if not out:
            return spans
        return sorted([sp for sp in spans if id(sp) not in drop] + out, key=lambda sp: sp.i)

    @staticmethod
    def _span(toks: list[Token], i: int, j: int, actor: Actor, form: str, poss: bool) -> Span:
        return Span(i, j, actor, form, "", toks[i].start, toks[j - 1].end, poss)


_DETS = frozenset("the a an of than more at least about around nearly".split())
# Agent nouns that name no actor without a qualifier: "people", "a man" ("a Turkish man" does).
_GENERIC = frozenset("""people man men woman women children boy girl couple families national citizen
nationals citizens youths teenager students student residents tourists voters officers agents
suspects suspect official business press party parties union coalition minister ministers leader
officials investigators critics delegation delegations leadership bank firm company hospital university church
assembly congress""".split())
_CONNECTORS_OF = frozenset(("of", "for"))
# Descriptions after a name that make it an organisation's: "the X militant network".
_GROUP_KINDS = frozenset("""militant armed rebel terrorist jihadist separatist extremist insurgent paramilitary
islamist criminal drug crime opposition political""".split())
_GROUP_HEADS = frozenset("""group network organisation organization movement faction militia outfit cell gang
cartel""".split())
# Capitalised words that open a sentence before a comma without naming anyone ("Instead, ...").
_DISCOURSE = frozenset("""instead overall indeed still besides nonetheless otherwise therefore hence again elsewhere
afterwards regardless thus yet also first second third finally next now then today yesterday here there
separately similarly additionally meanwhile however moreover furthermore nevertheless earlier later""".split())
# Words after which a name begins a clause, so the next word is its verb, not a noun it modifies.
_CLAUSE_STARTS = frozenset("that whether if unless until because while although since".split())
# Nouns after a leader's name that make the phrase the leader's state's government.
_LEADERS_GOVERNMENT = frozenset(("administration", "government", "cabinet", "regime"))
_PREFIXES = frozenset("pre post anti pro non neo trans".split())
# short words after a hyphen that make a compound, not a name: "Iran-led", "state-run"
_COMPOUND_ENDS = frozenset("led run era old new age day war won set cut ban era".split())
_PREPOSITIONS = frozenset("""outside inside near across around over under after before during against toward
towards into onto upon without within between among""".split())
# words of a title said without a name: "the former Prime Minister of Sri Lanka"
_BARE_TITLE = frozenset("prime vice deputy acting former foreign defence defense interior finance".split())
# people held by an actor: what a release or a swap hands over, not the party it is made with
_HELD = frozenset("prisoners detainees hostages captives inmates".split())
# adjectives said of an actor right after its name: "found Barbarin guilty", "held Iran responsible"
_PREDICATES = frozenset("""guilty innocent responsible liable accountable culpable dead alive free
unconstitutional illegal legitimate welcome""".split())
# sectors whose noun makes a faction of the agent noun after it: "rebel forces" are rebels
_FACTIONS = frozenset(("OPP", "REB", "INS", "SEP", "CRM"))
# nouns an agent noun modifies rather than heads: "a court ruling", "the police report"
_THING_HEADS = frozenset("""ruling rulings decision decisions order orders case cases statement
statements report reports verdict hearing hearings building headquarters station stations leader
leaders chief chiefs head spokesman spokeswoman spokesperson source sources files records data
network networks camp camps stronghold strongholds""".split())
_POSS_PRONOUNS = frozenset("its their his her our my your".split())
_TITLE_WORDS = _TITLE_FILLERS | frozenset("prime minister secretary general state affairs".split())
_FORMER = frozenset(("former", "ex", "ex-", "retired", "exiled"))
# Plural nouns a thing's name modifies: "Taurus missiles", "Freedom Shield exercises".
_THING_NOUNS = frozenset("""missiles systems exercises drills weapons rockets jets drones tanks shells
munitions vehicles batteries launchers interceptors fighters warships aircraft helicopters elections
games products goods shares bonds prices markets accords talks protests program programme
project resolution deal agreement treaty border airport region""".split())
# Words after a name that show it stands alone (a function word, an auxiliary, a conjunction).
_FUNCTION = frozenset("""amid amidst despite over under against about into through during without
within toward towards upon via among between including following near across beyond behind around
off onto out up down since per like unlike plus except this these those its their his her
and or but nor of to in on at for with from by as than that which who whom
whose where when while after before since because if unless until though although is are was were
be been being has have had will would may might could should can must shall do does did not never
also still already again now then just even once soon later today yesterday said says say told
tells according reportedly allegedly officials spokesman spokeswoman spokesperson itself
themselves alone""".split())
_PARTICLES = frozenset("de du da del della der van von al el bin ibn la le des".split())
# Sectors whose named organs act for their state: "the U.S. Supreme Court" acts for the USA.
_STATE_SECTORS = frozenset(("GOV", "MIL", "COP", "JUD", "LEG", "SPY"))


_DATELINE_DASHES = frozenset(("-", "—", "–", "--", ":"))


def dateline_end(toks: list[Token]) -> int:
    """Where a dateline before the sentence ends ("THE HAGUE -", "KABUL (Pajhwok) :", "LA PAZ,
    Bolivia --", "Lucknow:"): the index after its dash, or 0 when the sentence has none. A place
    in title case counts only with at most three words before the dash, so "Russia - the ..." in
    running text is rare enough to accept."""
    n = len(toks)
    x = next((i for i, t in enumerate(toks) if t.text[:1].isalpha()), n)
    start, caps, words = x, True, 0
    while x < n and words <= 4:
        text = toks[x].text
        if text == "(":  # the agency: "(Reuters)", "(AP)", "(Pajhwok)"
            close = next((y for y in range(x + 1, min(n, x + 6)) if toks[y].text == ")"), None)
            if close is None:
                return 0
            x = close + 1
            continue
        if text == "," or text == "." or text == "'":
            x += 1
            continue
        if not text[:1].isupper():
            break
        caps = caps and text.isupper()
        words += 1
        x += 1
    if x >= n or x == start or toks[x].text not in _DATELINE_DASHES:
        return 0
    if not caps and (words > 3 or toks[x].text == "-" and toks[x].start == toks[x - 1].end):
        return 0  # "Kremlin-linked", a long title-case run: no dateline
    x += 1
    while x < n and toks[x].text in _DATELINE_DASHES:  # "--" is two tokens
        x += 1
    nxt = toks[x].text if x < n else ""
    return x if nxt[:1].isupper() or nxt[:1] in "\"'“" else 0


def _prefixed(toks: list[Token], i: int) -> bool:
    """"pre-Columbian artifacts", "anti-American protests", "pro-Russian separatists": a name
    behind a prefix is a modifier, not the actor."""
    return i >= 2 and toks[i - 1].text == "-" and toks[i - 2].lower in _PREFIXES \
        and toks[i - 2].end == toks[i - 1].start


def _described(toks: list[Token], spans: list[Span]) -> list[Span]:
    """"his Pakistani counterpart Imran Khan": a counterpart right before a known person is that
    person's description, one mention with it. (Other agents stay: "American journalist Evan
    Gershkovich" says whom the journalist's case involves.)"""
    out: list[Span] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.form == "agent" and prev.j == sp.i and sp.actor.kind == "person" \
                and toks[prev.j - 1].lower in ("counterpart", "counterparts") and not prev.possessive:
            out[-1] = Span(prev.i, sp.j, sp.actor, sp.form, "", prev.start, sp.end, sp.possessive)
            continue
        out.append(sp)
    return out


def _unprefixed(toks: list[Token], spans: list[Span]) -> list[Span]:
    """Drop names behind a prefix; an agent behind one keeps its sector but acts for no one
    ("pro-Russian separatists" are separatists, not Russia's)."""
    out = []
    for sp in spans:
        if not _prefixed(toks, sp.i):
            out.append(sp)
        elif sp.form == "agent" and sp.actor.sector:
            sp.actor = agent_actor(sp.actor.sector, None)
            out.append(sp)
    return out


def _aliases(toks: list[Token], spans: list[Span]) -> list[Span]:
    """"Amnesty International (AI)", "the Organization of Islamic Cooperation (OIC)": a short form
    in brackets after a mention is that mention, not a second actor."""
    out: list[Span] = []
    n = len(toks)
    for sp in spans:
        prev = out[-1] if out else None
        if prev is not None and sp.i == prev.j + 1 and sp.j + 1 <= n - 1 and toks[prev.j].text == "(" \
                and toks[sp.j].text == ")" and is_acronym(toks[sp.i].text.replace("'s", "")) \
                and not prev.possessive:
            prev.j, prev.end = sp.j + 1, toks[sp.j].end
            prev.possessive = sp.j + 1 < n and toks[sp.j + 1].lower == "'s"
            continue
        out.append(sp)
    return out


def _case_ok(text: str, orig: str, case: int) -> bool:
    if case == 2:
        return text == orig or (text.isupper() and text.lower() == orig.lower() and len(orig) > 3)
    return text[:1].isupper()
