"""Factuality: whether the text says a relation happened, and if not, what it says instead.

A relation's `modality` is None when the text asserts the act (it happened or is happening) and
otherwise one of MODALITIES. The extractors find cues (a modal in the verb group, an "if" clause,
a request's complement); this module turns them into that closed vocabulary, so stores, queries
and analytics can rely on it ("facts only" = modality null and not negated). Negation stays a
separate flag: "refused to meet" is modality "refused" and negated.
"""
from __future__ import annotations

from collections.abc import Sequence

from .lexicon import MODAL_VERBS, MODALS, REQUEST_HEADS, SPEECH, forms

#: The modalities a relation can have (None: asserted), with what each means.
MODALITIES: dict[str, str] = {
    "future": "announced or scheduled: will, is set to, is due to",
    "intent": "intended or sought: plans, intends, aims, wants, seeks, is preparing to",
    "pledge": "promised or agreed to: pledged, vowed, offered, agreed to, is ready to",
    "threat": "threatened: threatened to, warned it would",
    "demand": "asked of the actor by another: urged to, called on to, demanded that",
    "conditional": "depends on a condition: if, unless",
    "hypothetical": "counterfactual or speculative: would (not reported), would be a mistake",
    "question": "asked about: whether, a question",
    "advice": "recommended: should, ought to, must",
    "possible": "possible: may, might, could, can",
    "considered": "under consideration: considering, weighing, reviewing, reconsidering",
    "denied": "the actor denies doing it (negated)",
    "refused": "the actor refuses or rules it out (negated)",
}

# Cue words the extractors report (modal auxiliaries, modal verbs' lemmas, nouns' modalities)
# -> the modality they give.
_LABELS: dict[str, str] = {
    **dict.fromkeys(("will", "shall", "'ll", "set", "due", "going", "about", "poise", "poised", "expect",
                     "expected", "schedule", "scheduled"), "future"),
    **dict.fromkeys(("plan", "intend", "aim", "want", "seek", "prepare", "hope", "try", "attempt", "propose",
                     "decide", "move", "need", "intention"), "intent"),
    **dict.fromkeys(("pledge", "promise", "vow", "offer", "agree", "commit", "ready", "willing"), "pledge"),
    **dict.fromkeys(("threaten", "threatened", "threat"), "threat"),
    **dict.fromkeys(("may", "might", "could", "can", "likely", "unlikely", "able"), "possible"),
    **dict.fromkeys(("should", "must", "ought"), "advice"),
    **dict.fromkeys(("consider", "weigh", "mull", "review", "reconsider", "discuss", "debate"), "considered"),
    "would": "hypothetical",
    "demand": "demand",
    "deny": "denied",
    "refuse": "refused", "decline": "refused",
}
_PHASES = frozenset(("continue", "begin", "start", "resume", "step"))  # "continued to shell": it happens

_CONDITIONS = frozenset(("if", "unless"))
_CONSIDERING = forms(("consider", "reconsider", "weigh", "mull", "review", "discuss", "debate"))
_REFUSING = forms(("refuse", "decline", "reject"))
_RULING = forms(("rule",))
_ASKING = forms(("ask", "wonder", "question"))
_REQUESTING = forms(REQUEST_HEADS)
_SPEAKING = forms(SPEECH)
_THREATENING = forms(("warn", "threaten", "vow"))
_PLEDGING = forms(("pledge", "promise", "offer", "vow"))
_REFUSAL_NOUNS = frozenset(("refusal", "reluctance", "unwillingness"))
_CLAUSE_ENDS = frozenset((";", ":", "—", "–"))


def label(cue: str | None) -> str | None:
    """The modality a cue word gives ("plans" -> intent, "may" -> possible); a modality passes
    through; a phase verb ("continued to") or None gives None (asserted)."""
    if cue is None:
        return None
    c = cue.lower()
    if c in MODALITIES:
        return c
    if c in _PHASES:
        return None
    return _LABELS.get(c, "possible" if c.endswith("able") else None)


def modality_in(words: Sequence[str], i: int, cue: str | None) -> str | None:
    """The modality of the act whose trigger is at words[i], from the cue its verb group gave
    (`cue`) and the clause around it. `words` are the sentence's lower-case tokens."""
    own = label(cue)
    if own is None and words and words[i] in _PLEDGING:
        own = "pledge"  # the trigger itself: "pledged to supply", "promised aid to Kyiv"
    if own is None and words:
        own = label(_nearer_cue(words, i))  # "will travel to Moscow for talks", "wants to help broker"
    if own in ("threat", "refused", "denied", "pledge", "demand", "advice"):
        return own
    if own in ("hypothetical", "future", "possible") and _threatened(words, i):
        return "threat"  # "warned that Israel would strike Beirut if ...", "warned Moscow could strike"
    clause = _clause_cue(words, i)
    if clause is not None:
        return clause
    if own == "hypothetical" and _reported(words, i):
        return "future"  # "said it would send troops": the speaker's announcement
    return own


# Cue words before an act that govern it when no comma intervenes: modals, and verbs taking
# an infinitive ("plans to", "is due to", "is scheduled to").
_MODAL_WORDS = frozenset(MODALS) | {"ought"}
_TO_CUES = frozenset(MODAL_VERBS) | frozenset(("due", "scheduled", "expected", "poised"))


def _nearer_cue(words: Sequence[str], i: int) -> str | None:
    for x in range(i - 1, max(-1, i - 10), -1):
        w = words[x]
        if w in (",", ";", ":", "—", "–", "that", "which", "who", "when", "after", "before", "because"):
            return None
        if w in _MODAL_WORDS:
            return "advice" if w == "ought" else w
        if w in _TO_CUES and x + 1 < i and words[x + 1] == "to":
            return MODAL_VERBS.get(w, w)
    return None


def _threatened(words: Sequence[str], i: int) -> bool:
    """Is the act the content of a warning or threat made earlier in the sentence?"""
    return any(w in _THREATENING for w in words[max(0, i - 14):i])


def _clause_cue(words: Sequence[str], i: int) -> str | None:
    n = len(words)
    start = i
    while start > 0 and words[start - 1] not in _CLAUSE_ENDS:
        start -= 1
    comma = i  # the phrase since the last comma: where "whether" or "considering" govern the act
    while comma > start and words[comma - 1] != ",":
        comma -= 1
    window = range(max(start, i - 10), i)
    if any(words[x] in _CONSIDERING for x in range(max(comma, i - 10), i)):
        return "considered"  # "is reconsidering its refusal to send", "would review arming"
    for x in reversed(window):
        w = words[x]
        if w in _REQUESTING and _complement_between(words, x, i) and not (
                w == "press" and x > 0 and words[x - 1] in ("the", "a")):
            return "demand"  # "urged Iran to release", "called on Russia to withdraw", "demanded that"
        if w in _RULING and x + 1 < n and words[x + 1] == "out":
            negated = any(words[y] in _REFUSING or words[y] in ("not", "never", "n't")
                          for y in range(max(start, x - 4), x))
            return "possible" if negated else "refused"  # "declined to rule out supplying": possible
        if w in _REFUSAL_NOUNS:
            return "refused"
    near = words[comma:i]
    if "whether" in near or any(words[x] in _ASKING and x + 1 < i and words[x + 1] == "if" for x in window):
        return "question"
    before = words[start:i]
    if _CONDITIONS & set(before) or (start == 0 and _CONDITIONS & set(words[i:])) \
            or (words and words[0] in _CONDITIONS) or _inverted_condition(words) \
            or ("event" in words and _phrase_in(words, ("in", "the", "event", "of"))) \
            or ("case" in words and _phrase_in(words, ("in", "case", "of"))):
        return "conditional"  # "If the US withdraws troops ...", "Were Beijing to supply", "in the event of"
    if words and words[-1] == "?" or (n > 1 and words[-2] == "?"):
        return "question"
    after = words[i + 1:i + 14]
    if words[i].endswith("ing") and (i == start or words[i - 1] in ("to", "of", "that", ",")) and "would" in after:
        return "hypothetical"  # "sending weapons to Kyiv would be a very big mistake"
    if "mistake" in words[max(start, i - 6):i] or "mistake" in after[:3]:
        return "hypothetical"  # "it would be a mistake to arm", "a mistake to send"
    if _noun_subject(words, start, i) and any(w in ("would", "could") for w in after[:8] if w != ","):
        return "hypothetical"  # "a Chinese blockade of Taiwan would cost ...", "a U.S. strike would"
    return None


_DETERMINERS = frozenset(("a", "an", "any", "even", "such"))


def _noun_subject(words: Sequence[str], start: int, i: int) -> bool:
    """Is the trigger a noun in the clause's opening noun phrase ("a Chinese blockade of ...")?"""
    return start <= i - 1 and words[start] in _DETERMINERS and i - start <= 6 and not any(
        w in _MODAL_WORDS or w in ("is", "are", "was", "were", "has", "have", "had") for w in words[start:i])


def _inverted_condition(words: Sequence[str]) -> bool:
    """"Were Beijing to supply ...", "Should the talks fail, ...", "Had the US not ...": a
    condition without "if", at the sentence's start, in a sentence that asks nothing."""
    return bool(words) and words[0] in ("were", "should", "had") and "?" not in words[-2:] and "," in words


def _phrase_in(words: Sequence[str], phrase: tuple[str, ...]) -> bool:
    k = len(phrase)
    return any(tuple(words[x:x + k]) == phrase for x in range(len(words) - k + 1))


def _complement_between(words: Sequence[str], x: int, i: int) -> bool:
    """A request at x governs the act at i: "urged Iran to release", "demanded that Russia leave"."""
    between = words[x + 1:i]
    return len(between) <= 9 and ("to" in between or "that" in between or (between[:1] == ["for"]))


def _reported(words: Sequence[str], i: int) -> bool:
    """Is the act at i reported speech: a speech verb before it ("said it would") or after it
    (", the ministry said")?"""
    return any(w in _SPEAKING for x, w in enumerate(words) if x != i)
