"""The rules extractor's sentence: its tokens, the actor mentions found in it, and the structure
around a mention — the preposition governing it, the parenthetical clause holding it, an
apposition, a "-backed" compound — that the slot rules read.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import ADVERBS, BACKED, BROKERED, DET, NOT_NAMES, OPENERS, PREPS, PRONOUNS
from ..model import Actor
from ..text import Token


@dataclass(slots=True)
class Ment:
    """An actor in a sentence: a resolved mention, or a pronoun resolved to an antecedent."""

    i: int
    j: int
    actor: Actor
    form: str
    text: str
    start: int
    end: int
    possessive: bool = False
    group: list["Ment"] | None = None  # "their" after "Egypt and Turkey": both
    ante: "Ment | None" = None  # a pronoun's antecedent in the same sentence: the mention reported


@dataclass(slots=True)
class Sentence:
    """A sentence as the rules read it: tokens, mentions indexed by their first and last token,
    inner clauses, and what its triggers have found so far."""

    toks: list[Token]
    ments: list[Ment]
    end_at: dict[int, Ment]
    start_at: dict[int, Ment]
    inner: list[tuple[int, int, str]]
    title_case: bool | None
    verb_subjects: list[tuple[int, list[Ment]]] = field(default_factory=list)
    pp: dict[int, str | None] = field(default_factory=dict)
    found: list[tuple[str, list[Ment], list[Ment]]] = field(default_factory=list)
    low: list[str] | None = None  # the tokens' lower-case forms, made when a relation needs them


def backer(toks: list[Token], m: "Ment") -> bool:
    """"Iranian-backed militias", "a U.S.-brokered deal": the actor modifies the head noun and
    is not the object."""
    return m.j + 1 < len(toks) and toks[m.j].text == "-" and (toks[m.j + 1].lower in BACKED
                                                               or toks[m.j + 1].lower in BROKERED)


def brokered(sent: "Sentence", i: int) -> bool:
    """Is toks[i] the participle of "<actor>-brokered" ("a Qatar-brokered truce")?"""
    return sent.toks[i].lower in BROKERED and i > 1 and sent.toks[i - 1].text == "-" and i - 2 in sent.end_at


def in_pp(sent: Sentence, i: int) -> bool:
    """Is the mention at i inside a prepositional phrase (not a subject or a direct object)?"""
    return pp_word(sent, i) is not None


def pp_word(sent: Sentence, i: int) -> str | None:
    """The preposition governing the mention at i, also through coordination ("of A, B and C")."""
    if i in sent.pp:
        return sent.pp[i]
    toks = sent.toks
    word = _direct_pp(toks, i)
    if word is None:
        p = i - 1
        while p >= 0 and toks[p].lower in ("the", "both"):
            p -= 1
        me = sent.start_at.get(i)
        after = toks[me.j].lower if me is not None and me.j < len(toks) else ""
        if p >= 1 and (toks[p].lower in ("and", "or") or (toks[p].text == "," and after in (",", "and", "or"))):
            q = p - 1
            if toks[q].text == "," and toks[p].lower in ("and", "or"):
                q -= 1
            prev = sent.end_at.get(q)
            if prev is not None and prev.i < i:
                word = pp_word(sent, prev.i)
    sent.pp[i] = word
    return word


def _direct_pp(toks: list[Token], i: int) -> str | None:
    """The preposition right before the phrase at i (behind determiners and numbers), if any."""
    p = i - 1
    steps = 0
    while p >= 0 and steps < 3 and (toks[p].lower in DET or toks[p].text[:1].isdigit()):
        p -= 1
        steps += 1
    if p >= 0 and toks[p].lower in PREPS:
        return toks[p].lower
    return None


def inner_segments(toks: list[Token]) -> list[tuple[int, int, str]]:
    """Comma-, dash- and bracket-enclosed clauses: ", which ...,", ", already facing ...,"."""
    out = []
    n = len(toks)
    for c, t in enumerate(toks):
        if t.text == "(":
            close = next((x for x in range(c + 1, n) if toks[x].text == ")"), n - 1)
            out.append((c, close, "paren"))
        if t.text != ",":
            continue
        x = c + 1
        while x < n and toks[x].lower in ADVERBS:
            x += 1
        if x >= n:
            continue
        w = toks[x].lower
        kind = None
        if w in ("which", "who", "whom", "whose", "where"):
            kind = "relative"
        elif w.endswith("ing") and w not in ("including",) and len(w) > 5:
            kind = "participle"
        elif w.endswith("ed") and x + 1 < n and toks[x + 1].lower == "by":
            kind = "participle"
        if kind is None:
            continue
        close = next((y for y in range(x + 1, n) if toks[y].text in (",", ";")), n)
        out.append((c, close, kind))
    return out


def inner_of(inner: list[tuple[int, int, str]], i: int) -> tuple[int, int, str] | None:
    """The innermost comma- or bracket-enclosed clause holding token i, if any."""
    found = None
    for seg in inner:
        if seg[0] < i < seg[1]:
            found = seg
    return found


def apposition_head(sent: Sentence, m: Ment) -> Ment:
    """"Wang Yi, China's top diplomat," — the head of an apposition is the first actor."""
    toks = sent.toks
    p = m.i - 1
    while p >= 0 and toks[p].lower in ("the", "'s"):
        p -= 1
    if p >= 1 and toks[p].text == ",":
        prev = sent.end_at.get(p - 1)
        if prev is not None and prev.actor.kind == "person" and m.form == "title":
            return prev
        if prev is not None and prev.actor.kind == "person" and m.possessive:
            return prev
    return m


def opens_clause(toks: list[Token], x: int, sent: Sentence) -> bool:
    """Does the word at x, after a comma, open a new clause (a conjunction, a pronoun, a participle or an actor)?"""
    w = toks[x].lower
    if w in OPENERS or w in PRONOUNS:
        return True
    if w.endswith("ing") and len(w) > 5 and w != "including":
        return True
    m = sent.start_at.get(x)
    return m is not None and not m.possessive


def relative_object(toks: list[Token], sent: Sentence, subjects: list[Ment]) -> bool:
    """"..., which the Kremlin criticized" — the object is what the relative clause points back to."""
    first = subjects[0].i
    p = first - 1
    while p >= 0 and toks[p].lower in ("the",):
        p -= 1
    return p >= 0 and toks[p].lower in ("which",) and p >= 1 and toks[p - 1].text == ","


def cap_run(toks: list[Token], rng: range, sent: Sentence) -> str | None:
    """The capitalised words in `rng` that no mention covers: a name the resolver did not know."""
    run: list[Token] = []
    for x in rng:
        t = toks[x]
        if sent.end_at.get(x) is not None or sent.start_at.get(x) is not None:
            break
        if t.is_cap and t.text.isalpha() and x > 0 and t.lower not in NOT_NAMES:
            run.append(t)
        elif run:
            break
    if not run:
        return None
    run.sort(key=lambda t: t.start)
    return " ".join(t.text for t in run)
