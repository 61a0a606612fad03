"""The rules extractor's phrases: whether a trigger word is read as a verb or a noun, the light
verb governing a noun ("imposed sanctions on"), a noun's setting ("during a visit to"), time
adverbials, and where a phrase ends and what it names ("supplied X with drones").
"""
from __future__ import annotations

from ..lexicon import (ADJECTIVAL, ADVERBS, AUX, DET, LIGHT_FORMS, MODALS, NEG, NOUN_MODIFIERS, OPENERS,
                       POSS_PRON, PREPS, QUANT, QUANT_NOUNS, REQUEST_FORMS, RETURN_WORDS, SETTING_PREPS_RULES,
                       WEEKDAYS)
from ..text import Token, join_tokens
from .mentions import Sentence, backer, brokered
from .triggers import Trigger, verb_forms


def used_as_noun(toks: list[Token], i: int, sent: Sentence) -> bool:
    """A verb-only trigger word used as a noun: "a $1-billion loan", "a seven-month boycott",
    "a rescue ship carrying migrants"."""
    if i < 2 or i - 1 in sent.end_at or toks[i].lower.endswith(("ed", "ing")) or toks[i].lower in ADJECTIVAL:
        return False  # "a deal brokered by China": a participle after its noun; "a free trade deal"
    prev, before = toks[i - 1].lower, toks[i - 2].lower
    if prev in ("billion", "million", "thousand") or (before == "-" and prev.isalpha() and prev.islower()
                                                       and toks[i - 2].start == toks[i - 3].end):
        return True  # "$1-billion loan", "seven-month boycott"
    return before in ("a", "an") and prev.isalpha() and prev.islower() and prev not in AUX \
        and prev not in ADVERBS and not prev.endswith("ly") and prev not in verb_forms()


def noun_like(toks: list[Token], x: int) -> bool:
    """A trigger word used as a noun inside a phrase: "the deal", "a barrage of strikes",
    "spoke by phone with"."""
    prev = toks[x - 1].lower if x > 0 else ""
    return x > 0 and (prev in DET or prev in ("of", "'s", "-") or toks[x - 1].text[:1].isupper()
                      or prev in NOUN_MODIFIERS
                      or (prev in ("by", "via") and not toks[x].lower.endswith("ing")))


def in_setting(toks: list[Token], i: int, sent: Sentence, travel: bool = False) -> bool:
    """Is the noun at i inside "during/after/in + (det) (adj) NOUN"?"""
    p = i - 1
    steps = 0
    while p >= 0 and steps < 5 and (toks[p].lower in DET or toks[p].text == "-" or toks[p].text[:1].isdigit()
                                    or (toks[p].text[:1].islower() and toks[p].lower not in PREPS
                                        and toks[p].lower not in AUX)):
        if sent.end_at.get(p) is not None:
            return False
        p -= 1
        steps += 1
    return p >= 0 and (toks[p].lower in SETTING_PREPS_RULES or (travel and toks[p].lower == "for"))


def time_phrase(toks: list[Token], x: int) -> int:
    """The length of a time adverbial at x ("on Friday", "last week", "yesterday"), else 0."""
    w = toks[x].lower
    if w in ("yesterday", "today", "tonight"):
        return 1
    nxt = toks[x + 1].lower if x + 1 < len(toks) else ""
    if (w == "on" and nxt in WEEKDAYS) or (w in ("last", "this", "next") and (
            nxt in WEEKDAYS or nxt in ("week", "month", "year", "weekend"))):
        return 2
    return 0


def verb_or_noun(sent: Sentence, i: int, k: int, has_verb: bool, has_noun: bool, nouns: list[Trigger]) -> str:
    """Is the trigger word at i used as a verb or as a noun here?"""
    if not has_noun:
        return "verb"
    if not has_verb:
        return "noun"
    toks = sent.toks
    if i == 0:
        return "noun"
    prev = toks[i - 1]
    w = prev.lower
    if w in AUX or w in MODALS or w == "to" or w in NEG or w in ADVERBS or (w.endswith("ly") and len(w) > 4):
        return "verb"
    if w in DET or w in POSS_PRON or w == "'s" or prev.text[:1].isdigit():
        return "noun"
    m = sent.end_at.get(i - 1)
    if m is not None:
        if m.form == "adjective" or m.possessive:
            return "noun"
        before = m.i - 1
        if before >= 0 and toks[before].lower == "'s":
            return "noun"
        nxt = toks[k].lower if k < len(toks) else ""
        if any(nxt in t.rel.noun_preps for t in nouns) or nxt in ("", ",", "."):
            return "noun"
        return "verb"
    if light_verb(toks, i, sent) is not None:
        return "noun"
    return "either"


def light_verb(toks: list[Token], i: int, sent: Sentence) -> int | None:
    """The index of the light verb governing the noun at i ("imposed new sanctions on"), if any."""
    p = i - 1
    steps = 0
    while p >= 0 and steps <= 8:
        w = toks[p].lower
        if w in LIGHT_FORMS and sent.end_at.get(p) is None and not brokered(sent, p):
            return p
        if w == "of" and p > 0 and (toks[p - 1].lower in QUANT_NOUNS or toks[p - 1].lower in QUANT):
            p -= 1  # "a fresh round of sanctions", "four hours of talks"
            steps += 1
            continue
        if w == "for" and p > 0 and toks[p - 1].lower in REQUEST_FORMS:
            p -= 1  # "called for sanctions against", "pushed for talks with"
            steps += 1
            continue
        if w in PREPS and w not in ("out", "up", "back", "than") or w in AUX and w not in ("'s",) \
                or toks[p].text in (",", ";", ":"):
            return None
        m = sent.end_at.get(p)
        if m is not None and m.form not in ("adjective",) and not m.possessive and not backer(toks, m):
            return None  # "imposed EU sanctions" no; "signed a U.S.-brokered deal" yes
        p -= 1
        steps += 1
    return None


def phrase_end(toks: list[Token], k: int) -> int:
    """Where the phrase starting at k ends: at a preposition, a clause opener or punctuation."""
    x = k
    while x < len(toks) and x - k < 8 and toks[x].lower not in PREPS and toks[x].text not in (",", ";", ".", ":") \
            and toks[x].lower not in OPENERS:
        x += 1
    return x


def phrase_text(toks: list[Token], a: int, b: int) -> str | None:
    """The text of toks[a:b] without its determiners ("drones" of "the drones"), if short enough."""
    while a < b and toks[a].lower in DET:
        a += 1
    if a >= b or b - a > 10:
        return None
    return _join(toks, a, b) or None


def of_what(toks: list[Token], k: int) -> str | None:
    """What an "of" phrase at k names: "a delivery of artillery shells" -> "artillery shells"."""
    if k < len(toks) and toks[k].lower == "of":
        end = k + 1
        while end < len(toks) and end - k < 10 and toks[end].lower not in ("to", "from", "for", ";") \
                and not (toks[end].text == "," and end + 1 < len(toks)
                         and toks[end + 1].lower not in ("such", "including", "notably")):
            end += 1
        return phrase_text(toks, k + 1, end)
    return None


def _join(toks: list[Token], a: int, b: int) -> str:
    """toks[a:b] as text, without surrounding spaces and commas."""
    return join_tokens(toks, a, b).strip(" ,")


def has_exchange_for(toks: list[Token], k: int) -> bool:
    """Does "in exchange for" or "in return for" follow k: a delivery that pays for another?"""
    words = [t.lower for t in toks[k:k + 14]]
    return any(words[x:x + 3] in (["in", "exchange", "for"], ["in", "return", "for"]) for x in range(len(words) - 2))


def has_return(toks: list[Token], k: int) -> bool:
    """Does "in return" or "in exchange" follow k: a delivery answering an earlier one?"""
    words = [t.lower for t in toks[k:k + 16]]
    return any(words[x:x + 2] == list(pair) for pair in RETURN_WORDS for x in range(len(words) - 1))
