"""The rules extractor's verb cues: where a verb group starts, and what it says about the verb —
negated ("has not", "refused to", "denied that"), modal ("may", "plans to"), passive ("was
sanctioned by"), or no finite verb at all ("the return").
"""
from __future__ import annotations

from ..lexicon import (ADVERBS, ARTICLES, AUX, BE, MODAL_VERBS, MODALS, NEG, NEG_VERBS, PREPS, TO_TAKERS,
                       WEEKDAYS)
from ..text import Token
from .mentions import Sentence
from .triggers import Trigger


def denied_claim(toks: list[Token], first: int) -> bool:
    """"Pakistan denied that its air force had struck ..." — the claim is negated."""
    p = first - 1
    if p >= 0 and toks[p].lower == "that":
        p -= 1
    return p >= 0 and toks[p].lower in ("denied", "denies", "deny", "denying")


_NOT_NEGATING = frozenset("later longer sooner more less avail doubt matter one".split())


def negated_object(toks: list[Token], k: int) -> bool:
    """"gave Orban no mandate", "sent no troops": the act's object is none at all."""
    for x in range(k, min(len(toks) - 1, k + 5)):
        w = toks[x].lower
        if w in (",", ";", "and", "but", "to", "that") or toks[x].text in (".", ":"):
            return False
        if w == "no" and toks[x + 1].text.isalpha() and toks[x + 1].text.islower() \
                and toks[x + 1].lower not in _NOT_NEGATING:
            return True
    return False


def negated_infinitive(toks: list[Token], subj_end: int, vg: int, t: int) -> bool:
    """"has not used missiles to strike Russia": a negated verb governs the infinitive."""
    if "to" not in (toks[x].lower for x in range(vg, t)):
        return False
    span = [toks[x] for x in range(subj_end, vg)]
    if len(span) > 10 or any(tk.text in (",", ";") for tk in span):
        return False
    return any(tk.lower in NEG for tk in span) or any(tk.lower in NEG_VERBS for tk in span)


def not_finite_verb(toks: list[Token], i: int) -> bool:
    """"the return", "in return": a word after an article or a preposition is no finite verb."""
    if i == 0:
        return False
    prev = toks[i - 1].lower
    if i >= 2 and toks[i - 2].text == "-" and toks[i - 2].end == toks[i - 1].start:
        return False  # "Moon Jae-in met": the end of a hyphenated name, no preposition
    return prev in ARTICLES or prev == "-" or (prev in PREPS and prev != "to" and not toks[i].lower.endswith("ing"))


def verb_group_start(toks: list[Token], t: int, sent: Sentence) -> int:
    """Where the verb group of the verb at t begins: its auxiliaries, modals, negation, adverbs and
    the verbs of an infinitive it heads ("has not yet agreed to")."""
    p = t - 1
    gerund = toks[t].lower.endswith("ing")
    while p >= 0:
        w = toks[p].lower
        if gerund and w == "from" and p >= 1 and toks[p - 1].lower in NEG_VERBS:
            p -= 1  # "refrained from criticising", "abstained from condemning"
            continue
        if gerund and w == "of" and p >= 2 and toks[p - 1].lower == "short" and toks[p - 2].lower in NEG_VERBS:
            p -= 2  # "stopped short of condemning"
            continue
        if w == "to" and p >= 2 and (toks[p - 1].lower in WEEKDAYS or toks[p - 1].lower in ("today", "yesterday")):
            # "agreed on Thursday to free": the day between the verb and its infinitive
            q = p - 2 if toks[p - 2].lower == "on" else p - 1
            if q >= 1 and (toks[q - 1].lower in MODAL_VERBS or toks[q - 1].lower in NEG_VERBS):
                p = q - 1
                continue
        if w in AUX or w in NEG or w in ADVERBS or w in MODALS or w == "to" or w in MODAL_VERBS \
                or w in NEG_VERBS or (w.endswith("ly") and len(w) > 4 and toks[p].text.islower()
                                     and w not in ("italy", "july") and p not in sent.end_at):
            before = toks[p - 1].lower if p >= 1 else ""
            if w == "to" and p >= 1 and before not in MODAL_VERBS and before not in NEG_VERBS \
                    and before not in AUX and before not in TO_TAKERS:
                p -= 1
                break
            p -= 1
            continue
        break
    return p + 1


def verb_group_cues(toks: list[Token], vg: int, t: int) -> tuple[bool, str | None]:
    """Negation and modality in the verb group [vg, t)."""
    negated = False
    modality = None
    for x in range(vg, t):
        w = toks[x].lower
        if w in NEG and not (w == "not" and x + 1 < len(toks) and toks[x + 1].lower == "only"):
            negated = True
        elif w in NEG_VERBS:
            negated = True
            if modality is None and NEG_VERBS[w] in ("refuse", "decline", "deny"):
                modality = NEG_VERBS[w]  # "refused to meet": refused; "denied attacking": denied
        elif w in MODALS and modality is None:
            modality = {"'ll": "will", "cannot": "can"}.get(w, w)
        elif w in MODAL_VERBS and modality is None and x + 1 < t and toks[x + 1].lower in ("to", "on", "this",
                                                                                       "last", "be"):
            # "pledged to send", "agreed on Friday to free"; not "pledged its support"
            modality = MODAL_VERBS[w]
            if w == "threatened" or MODAL_VERBS[w] == "threaten":
                modality = "threatened"
    if vg > 0 and toks[vg - 1].lower == "without":
        negated = True
    return negated, modality


def is_passive(toks: list[Token], vg: int, t: int, trig: Trigger | None) -> bool:
    """Is the verb at t a passive participle ("was sanctioned by", or reduced: "a deal brokered by")?"""
    w = toks[t].lower
    participle = w.endswith(("ed", "en")) or w in ("sent", "sold", "given", "met", "held", "struck", "hit",
                                                   "paid", "shot", "bought", "frozen", "built", "left")
    if not participle:
        return False
    if any(toks[x].lower in BE for x in range(vg, t)):
        return True
    end = t + 1 + (len(trig.tail) if trig else 0)
    # reduced passive: "a deal brokered by China", "Russia, sanctioned by the EU,"
    return end < len(toks) and toks[end].lower == "by" and t > 0 and toks[t - 1].lower not in AUX \
        and toks[t - 1].lower not in NEG
