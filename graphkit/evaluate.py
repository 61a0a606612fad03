"""Gold-set scoring: precision, recall and F1 per relation and micro-averaged.

A predicted actor matches a gold actor when its canonical name or id equals one of the gold
"accept" strings (case-insensitive); a triple matches when subject, relation, object and negated
all match. Symmetric relations (MEETS, NEGOTIATES, COOPERATES, AGREES_WITH) match either way.
Each gold triple is matched at most once.
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .extractors import Extractor, get_extractor
from .factuality import MODALITIES
from .model import Article, Mention, Relation
from .ontology import PLOVER_ROOTS, RELATIONS, UnknownRelation, get_relation


@dataclass(frozen=True, slots=True)
class GoldTriple:
    subject: frozenset[str]
    subject_name: str
    relation: str
    object: frozenset[str]
    object_name: str
    negated: bool
    plover: str | None = None  # the gold PLOVER root, when the case gives one
    # Factuality, speaker and event date, where the gold file annotates them (gold_factuality):
    # the `has_*` flags say whether the key was there (a null value then means asserted, no
    # speaker, the article's date).
    modality: str | None = None
    speaker: frozenset[str] | None = None
    date: str | None = None
    has_modality: bool = False
    has_speaker: bool = False
    has_date: bool = False


@dataclass(frozen=True, slots=True)
class GoldCase:
    id: str
    text: str
    triples: tuple[GoldTriple, ...]
    phenomena: tuple[str, ...] = ()
    date: str | None = None


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    """Scores of one extractor on one gold file, with the errors behind them."""

    extractor: str
    cases: int
    micro: Score
    per_relation: dict[str, Score]
    per_phenomenon: dict[str, Score]
    errors: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    plover: Score = field(default_factory=Score)  # tp: matched triples whose PLOVER root agrees
    modality: Score = field(default_factory=Score)  # tp: matched triples with the gold modality
    speaker: Score = field(default_factory=Score)  # tp: ... the gold speaker (or none)
    date: Score = field(default_factory=Score)  # tp: ... the gold event date (or the article's)

    @property
    def plover_accuracy(self) -> float:
        """Of the matched triples whose gold gives a PLOVER root, the share coded the same."""
        n = self.plover.tp + self.plover.fp
        return self.plover.tp / n if n else 0.0

    @staticmethod
    def accuracy(score: Score) -> float:
        """tp / (tp + fp): the share of matched, annotated triples that agree."""
        n = score.tp + score.fp
        return score.tp / n if n else 0.0

    def as_dict(self) -> dict[str, Any]:
        def sd(s: Score) -> dict[str, Any]:
            return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                    "tp": s.tp, "fp": s.fp, "fn": s.fn}
        return {"extractor": self.extractor, "cases": self.cases, "micro": sd(self.micro),
                "per_relation": {k: sd(v) for k, v in sorted(self.per_relation.items())},
                "per_phenomenon": {k: sd(v) for k, v in sorted(self.per_phenomenon.items())},
                "plover_accuracy": round(self.plover_accuracy, 4),
                **{f"{k}_accuracy": round(self.accuracy(v), 4)
                   for k, v in (("modality", self.modality), ("speaker", self.speaker), ("date", self.date))
                   if v.tp + v.fp},
                "seconds": round(self.seconds, 3)}


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a name: "Erdoğan" and "erdogan" compare equal."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _accept(obj: Any, path: str, line: int, role: str) -> tuple[frozenset[str], str]:
    if not isinstance(obj, dict) or not obj.get("name"):
        raise InputError(f"gold triple {role} needs a \"name\"", path, line)
    names = [obj["name"], *obj.get("accept", [])]
    return frozenset(fold(str(n)) for n in names), str(obj["name"])


def load_gold(path: str | Path) -> list[GoldCase]:
    """Read a gold JSONL file; a malformed line raises InputError naming it."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such gold file", str(path))
    cases = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"invalid JSON: {e.msg}", str(path), lineno) from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                raise InputError("a gold case needs \"id\" and \"text\"", str(path), lineno)
            triples = []
            for t in obj.get("triples", []):
                try:
                    rel = get_relation(str(t.get("relation", ""))).name
                except UnknownRelation as e:
                    raise InputError(str(e), str(path), lineno) from None
                s, sn = _accept(t.get("subject"), str(path), lineno, "subject")
                o, on = _accept(t.get("object"), str(path), lineno, "object")
                plover = t.get("plover")
                if plover is not None and str(plover).upper() not in PLOVER_ROOTS:
                    raise InputError(f"unknown PLOVER root {plover!r}", str(path), lineno)
                modality = t.get("modality")
                if modality is not None and modality not in MODALITIES:
                    raise InputError(f"unknown modality {modality!r}", str(path), lineno)
                speaker = t.get("speaker")
                speaker_names = _accept(speaker, str(path), lineno, "speaker")[0] if speaker else None
                date = t.get("date")
                triples.append(GoldTriple(s, sn, rel, o, on, bool(t.get("negated", False)),
                                          str(plover).upper() if plover else None, modality, speaker_names,
                                          str(date) if date else None, "modality" in t, "speaker" in t,
                                          "date" in t))
            cases.append(GoldCase(str(obj.get("id", lineno)), obj["text"], tuple(triples),
                                  tuple(obj.get("phenomena", [])), obj.get("date")))
    return cases


def _matches(pred: Relation, gold: GoldTriple) -> bool:
    if pred.relation != gold.relation or pred.negated != gold.negated:
        return False
    s, o = _names(pred.subject, pred.acts_for.get("subject")), _names(pred.object, pred.acts_for.get("object"))
    if s & gold.subject and o & gold.object:
        return True
    return RELATIONS[gold.relation].symmetric and bool(s & gold.object) and bool(o & gold.subject)


def _names(m: Mention, acts_for: str | None) -> set[str]:
    """What a predicted actor may be called: its name, id, the words the text used for it (less
    a leading article) and the actor it acts for ("German prosecutors" act for Germany)."""
    names = {fold(m.actor.name), fold(m.actor.id)}
    text = fold(m.text)
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article):]
    if m.form not in ("pronoun", "anaphor"):
        names.add(text)
    for owner in (acts_for, m.actor.acts_for):
        if owner:
            names.add(fold(owner))
    return names


def score_case(case: GoldCase, predicted: list[Relation]) -> tuple[list[tuple[Relation, GoldTriple]],
                                                                  list[Relation], list[GoldTriple]]:
    """(matched pairs, false positives, false negatives) of one case."""
    seen: set[tuple[str, str, str, bool]] = set()
    preds = []
    for r in predicted:
        key = (r.subject.actor.id, r.relation, r.object.actor.id, r.negated)
        if RELATIONS[r.relation].symmetric:
            a, b = sorted((r.subject.actor.id, r.object.actor.id))
            key = (a, r.relation, b, r.negated)
        if key not in seen:
            seen.add(key)
            preds.append(r)
    unmatched = list(case.triples)
    matched, fps = [], []
    for p in preds:
        hit = next((g for g in unmatched if _matches(p, g)), None)
        if hit is None:
            fps.append(p)
        else:
            unmatched.remove(hit)
            matched.append((p, hit))
    return matched, fps, unmatched


def evaluate(gold: str | Path | list[GoldCase], extractor: str | Extractor = "rules",
             **options: Any) -> Report:
    """Score an extractor on a gold file.

    Example:
        >>> report = evaluate("tests/data/gold_dev.jsonl", "rules")
        >>> round(report.micro.f1, 2)
    """
    import time

    cases = gold if isinstance(gold, list) else load_gold(gold)
    ex = get_extractor(extractor, **options) if isinstance(extractor, str) else extractor
    micro = Score()
    per_rel: dict[str, Score] = defaultdict(Score)
    per_ph: dict[str, Score] = defaultdict(Score)
    plover = Score()
    report_modality, report_speaker, report_date = Score(), Score(), Score()
    errors: list[dict[str, Any]] = []
    articles = [Article(id=c.id, text=c.text, date=c.date) for c in cases]
    t0 = time.perf_counter()
    extractions = list(ex.pipe(articles))
    seconds = time.perf_counter() - t0
    for case, result in zip(cases, extractions):
        matched, fps, fns = score_case(case, result.relations)
        micro.tp += len(matched)
        micro.fp += len(fps)
        micro.fn += len(fns)
        for p, g in matched:
            per_rel[g.relation].tp += 1
            if g.plover and not g.negated:  # a negated act is REJECT by convention
                if p.plover == g.plover:
                    plover.tp += 1
                else:
                    plover.fp += 1
                    errors.append({"case": case.id, "kind": "plover",
                                   "triple": f"{_fmt_pred(p)}: {p.plover}, gold {g.plover}", "text": case.text})
        for p, g in matched:
            _agree(report_modality, g.has_modality, p.modality == g.modality, errors, case, p,
                   f"modality {p.modality}, gold {g.modality}")
            _agree(report_speaker, g.has_speaker, _speaker_agrees(p, g), errors, case, p,
                   f"speaker {_speaker_name(p)}, gold {'/'.join(sorted(g.speaker)) if g.speaker else None}")
            _agree(report_date, g.has_date, _date_agrees(p, g, case.date), errors, case, p,
                   f"date {p.date} ({getattr(p, 'date_source', 'article')}), gold {g.date or 'the article date'}")
        for p in fps:
            per_rel[p.relation].fp += 1
        for g in fns:
            per_rel[g.relation].fn += 1
        for ph in case.phenomena or ("plain",):
            per_ph[ph].tp += len(matched)
            per_ph[ph].fp += len(fps)
            per_ph[ph].fn += len(fns)
        for p in fps:
            errors.append({"case": case.id, "kind": "fp", "triple": _fmt_pred(p), "text": case.text})
        for g in fns:
            errors.append({"case": case.id, "kind": "fn",
                           "triple": f"{g.subject_name} {g.relation} {g.object_name}"
                                     f"{' (negated)' if g.negated else ''}",
                           "text": case.text})
    return Report(ex.name, len(cases), micro, dict(per_rel), dict(per_ph), errors, seconds, plover,
                  report_modality, report_speaker, report_date)


def _agree(score: Score, annotated: bool, agrees: bool, errors: list[dict[str, Any]], case: GoldCase,
           p: Relation, what: str) -> None:
    if not annotated:
        return
    if agrees:
        score.tp += 1
        return
    score.fp += 1
    kind = what.split()[0]
    errors.append({"case": case.id, "kind": kind, "triple": f"{_fmt_pred(p)}: {what}", "text": case.text})


def _speaker_name(p: Relation) -> str | None:
    sp = getattr(p, "speaker", None)
    return sp.actor.name if sp is not None else None


def _speaker_agrees(p: Relation, g: GoldTriple) -> bool:
    sp = getattr(p, "speaker", None)
    if g.speaker is None or sp is None:
        return g.speaker is None and sp is None
    return bool(_names(sp, None) & g.speaker)


def _date_agrees(p: Relation, g: GoldTriple, article_date: str | None) -> bool:
    """The event date at the gold's precision ("2022", "2022-03", "2022-03-03"); a null gold
    date means the relation keeps the article's date."""
    if g.date is None:
        return getattr(p, "date_source", "article") == "article" or p.date == article_date
    return getattr(p, "date_source", "article") == "text" and (p.date or "").startswith(g.date)


def _fmt_pred(r: Relation) -> str:
    return f"{r.subject.actor.name} {r.relation} {r.object.actor.name}{' (negated)' if r.negated else ''}"


def format_report(report: Report, phenomena: bool = True) -> str:
    """A plain-text table of the scores."""
    lines = [f"extractor: {report.extractor}   cases: {report.cases}   seconds: {report.seconds:.2f}",
             f"{'relation':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name in sorted(report.per_relation):
        s = report.per_relation[name]
        lines.append(f"{name:<14}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}{s.tp:6d}{s.fp:6d}{s.fn:6d}")
    m = report.micro
    lines.append(f"{'micro':<14}{m.precision:7.3f}{m.recall:7.3f}{m.f1:7.3f}{m.tp:6d}{m.fp:6d}{m.fn:6d}")
    coded = report.plover.tp + report.plover.fp
    if coded:
        lines.append(f"PLOVER root agrees on {report.plover.tp} of {coded} matched triples "
                     f"({report.plover_accuracy:.3f})")
    for label, score in (("modality", report.modality), ("speaker", report.speaker), ("event date", report.date)):
        n = score.tp + score.fp
        if n:
            lines.append(f"{label} agrees on {score.tp} of {n} matched triples ({report.accuracy(score):.3f})")
    if phenomena and report.per_phenomenon:
        lines.append("")
        lines.append(f"{'phenomenon':<18}{'P':>7}{'R':>7}{'F1':>7}")
        for name in sorted(report.per_phenomenon):
            s = report.per_phenomenon[name]
            lines.append(f"{name:<18}{s.precision:7.3f}{s.recall:7.3f}{s.f1:7.3f}")
    return "\n".join(lines)
