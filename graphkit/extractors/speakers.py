"""Who said it: the actor a sentence attributes an act to as its source (issue 14 item 3).

"Russia is arming the rebels, the minister said" is the minister's claim; so are "according to
X, ...", "X told reporters that ...", "X said Y had ...", and "X accused Y of supplying Z" (X's
claim about Y). The rules extractor asks `speaker_of` for each act it emits; None means the
text asserts the act itself.
"""
from __future__ import annotations

from ..lexicon import ACCUSING_FORMS, SPEECH, forms
from .mentions import Ment, Sentence

_QUOTES = frozenset(('"', "'", "“", "”", "‘", "’", "''", "``"))
_CLAUSE_BREAKS = frozenset((";",))
# Verbs that attribute a claim. Not "warn", "threaten", "urge": they carry the act's modality
# (a threat, a demand) and are acts of their own, not a report of someone else's.
ATTRIBUTING = forms((set(SPEECH) - {"warn"}) | set("""report confirm explain allege acknowledge disclose
reveal quote""".split())) - {"warning", "saying", "telling", "adding", "stating", "claiming"}
# Words between a reporting verb and its speaker: ", the Kremlin said", ", two U.S. officials told".
_BEFORE_SPEAKER = frozenset("""the a an two three four several some senior top other one""".split())
_SUBORDINATORS = frozenset("after before when while since because although as until".split())


def speaker_of(sent: Sentence, i: int, k: int) -> Ment | None:
    """The mention the sentence names as the source of the act whose trigger spans [i, k)."""
    toks = sent.toks
    n = len(toks)
    # "according to X"
    for x in range(n - 2):
        if toks[x].lower == "according" and toks[x + 1].lower == "to" and not (i <= x < k):
            m = sent.start_at.get(x + 2)
            if m is None and x + 3 < n:
                m = sent.start_at.get(x + 3)  # "according to the ministry"
            if m is not None:
                return _named(m)
    # "X accused Y of supplying": X's claim about Y
    if i >= 2 and toks[i - 1].lower == "of":
        p = i - 2
        accused = sent.end_at.get(p)
        if accused is not None:
            p = accused.i - 1
        if p >= 0 and toks[p].lower in ACCUSING_FORMS:
            accuser = sent.end_at.get(p - 1)
            if accuser is None and accused is None and p >= 2 and toks[p - 1].lower in ("which", "who", "that"):
                accuser = sent.end_at.get(p - 2)
            if accuser is None and accused is None:
                accuser = sent.end_at.get(p - 1)
            if accuser is not None and accuser is not accused:
                return _named(accuser)
    # after the act: ", the minister said", ", said the minister", "..., X told reporters."
    for x in range(k, n):
        if toks[x].lower in _CLAUSE_BREAKS:
            break
        if toks[x].lower not in ATTRIBUTING:
            continue
        m = sent.end_at.get(x - 1)
        if m is not None:
            p = m.i - 1
            while p >= 0 and toks[p].lower in _BEFORE_SPEAKER:
                p -= 1
            if p >= 0 and (toks[p].text == "," or toks[p].text in _QUOTES):
                return _named(m)
        if x > 0 and (toks[x - 1].text == "," or toks[x - 1].text in _QUOTES):
            m = sent.start_at.get(x + 1) or (sent.start_at.get(x + 2) if x + 2 < n else None)
            if m is not None:
                return _named(m)
    # before it: "X said (that) ...", "X told reporters (that) ..."; a comma or a subordinate
    # clause between them ends the report ("..., two days after Biden met Trong")
    for x in range(i - 1, 0, -1):
        w = toks[x].lower
        if w in _CLAUSE_BREAKS or toks[x].text == "," or w in _SUBORDINATORS:
            break
        if w not in ATTRIBUTING:
            continue
        m = sent.end_at.get(x - 1)
        if m is not None:
            return _named(m)
    return None


def _named(m: Ment) -> Ment | None:
    """A speaker as the graph keeps it: a pronoun stands for its antecedent, or for no one."""
    if m.form in ("pronoun", "anaphor"):
        return m.ante
    return m
