"""Open-world actors (agents and names no list knows) and the PLOVER root of every relation."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.actors import Resolver
from graphkit.extractors import get_extractor
from graphkit.model import Article
from graphkit.ontology import PLOVER_ROOTS, RELATIONS
from graphkit.plover import plover_code
from graphkit.text import tokenize


def mentions(text: str) -> list[tuple[str, str, str]]:
    """(mention text, actor id, kind) of every mention the resolver finds."""
    toks = tokenize(text)
    return [(text[s.start:s.end], s.actor.id, s.actor.kind) for s in Resolver().mentions(toks, "2025-05-01")]


def relations(text: str):
    return get_extractor("rules").extract(Article(id="t", text=text, date="2025-05-01")).relations


# -- agents ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,mention,actor_id", [
    ("Belgian prosecutors questioned the minister.", "Belgian prosecutors", "BELJUD"),
    ("The Indonesian navy intercepted the trawler.", "Indonesian navy", "IDNMIL"),
    ("Riot police in Peru dispersed the crowd.", "Riot police in Peru", "PERCOP"),
    ("A court in Nairobi froze the accounts.", "court in Nairobi", "KENJUD"),
    ("Mexican lawmakers approved the budget.", "Mexican lawmakers", "MEXLEG"),
])
def test_agents_act_for_the_state_that_qualifies_them(text, mention, actor_id):
    found = {m: (i, k) for m, i, k in mentions(text)}
    assert found[mention] == (actor_id, "agent")


def test_an_agent_carries_its_sector_and_state():
    rel = relations("Belgian prosecutors charged the Antwerp shipping firm Marlon Logistics.")[0]
    assert (rel.subject.actor.sector, rel.subject.actor.acts_for) == ("JUD", "BEL")
    assert rel.relation == "ACCUSES" and rel.plover == "ACCUSE"


def test_forces_an_actor_moves_are_no_actor():
    # bare troops are what Thailand moved, not an actor of their own
    rels = {(r.subject.actor.id, r.relation, r.object.actor.id)
            for r in relations("Thailand moved troops toward its border with Cambodia.")}
    assert ("THA", "MOBILIZES", "KHM") in rels
    assert not any("MIL" in r[2] for r in rels)


def test_generic_nouns_and_former_officials_are_no_agents():
    found = mentions("People gathered as a former Chilean minister spoke.")
    assert found and not [m for m in found if m[2] == "agent"]


# -- names no list knows ---------------------------------------------------------------------------

def test_an_unknown_organisation_keeps_a_stable_id_from_its_name():
    a = mentions("The Coastal Fisheries Union sued the ministry.")
    b = mentions("Lawyers for the Coastal Fisheries Union appealed.")
    assert ("Coastal Fisheries Union", "org:coastal-fisheries-union", "organisation") in a
    assert ("Coastal Fisheries Union", "org:coastal-fisheries-union", "organisation") in b


def test_a_state_prefix_and_an_acronym_in_brackets_are_one_name():
    found = mentions("The Canadian Wheat Marketing Board (CWMB) protested the levy.")
    assert found[0][0] == "Canadian Wheat Marketing Board (CWMB)"
    assert found[0][2] == "organisation"


def test_a_name_after_a_role_noun_is_a_person():
    found = mentions("Veteran activist Tomas Ruiz Salcedo was detained on Monday.")
    assert ("Tomas Ruiz Salcedo", "person:tomas-ruiz-salcedo", "person") in found


@pytest.mark.parametrize("text", [
    "Drones struck a depot near Valmora Ridge on Sunday.",         # a place after a preposition
    "Officials said the Zephyr Shield exercises would go ahead.",  # a thing's name as a modifier
    "Rebel Forces Seize Northern Town After Week Of Fighting",      # a title-case headline
    "Separately, markets rose.",                                    # an ordinary first word
])
def test_places_things_and_headline_capitals_are_no_names(text):
    assert not [m for m in mentions(text) if m[2] in ("unresolved", "organisation", "person")]


def test_an_unknown_actor_now_yields_a_relation():
    rels = relations("The Coastal Fisheries Union sued the Norwegian government over the quotas.")
    assert [(r.subject.actor.id, r.relation, r.object.actor.id, r.plover) for r in rels] == [
        ("org:coastal-fisheries-union", "ACCUSES", "NORGOV", "ACCUSE")]


# -- PLOVER -----------------------------------------------------------------------------------------

def test_every_relation_type_has_a_plover_root():
    assert all(rel.plover in PLOVER_ROOTS for rel in RELATIONS.values())


@pytest.mark.parametrize("args,root", [
    (("SUPPLIES", "send", None, True), "REJECT"),           # "did not send"
    (("SANCTIONS", "impose", "threatened", False), "THREATEN"),
    (("YIELDS", "lift", "agree", False), "AGREE"),          # "agreed to lift"
    (("MEETS", "meet", "will", False), "AGREE"),            # a planned meeting is a commitment
    (("SANCTIONS", "sanctions", None, False), "COERCE"),
    (("SANCTIONS", "cut ties", None, False), "SANCTION"),
    (("AGREES_WITH", "agreement", None, False), "SUPPORT"),
    (("PROTESTS", "summoned", None, False), "ACCUSE"),
    (("MEETS", "met", "could", False), "CONSULT"),
])
def test_plover_code_follows_the_codebook(args, root):
    assert plover_code(*args) == root


@pytest.mark.parametrize("text,expected", [
    ("Uruguay refused to extradite the Bolivian businessman to La Paz.", "REJECT"),
    ("The Houthis threatened to strike Saudi Arabia again.", "THREATEN"),
    ("Norway agreed to lend 200 million dollars to Moldova.", "AGREE"),
    ("Canada suspended military aid to Myanmar.", "SANCTION"),
    ("Chilean police arrested two Argentine fans.", "COERCE"),
    ("The Philippines summoned the Chinese ambassador.", "ACCUSE"),
])
def test_extracted_relations_carry_their_plover_root(text, expected):
    assert expected in {r.plover for r in relations(text)}


# -- real news ------------------------------------------------------------------------------------

REALNEWS = Path(__file__).resolve().parents[2] / "shared" / "realnews"
# Measured 2026-12-04 (rules): triple recall 0.551, pair recall 0.592, relation accuracy on found
# pairs 0.931 (the day before: 0.396 / 0.470 / 0.842); the floors leave a small margin.
REALNEWS_TRIPLE_FLOOR = 0.53
REALNEWS_PAIR_FLOOR = 0.57
REALNEWS_ACCURACY_FLOOR = 0.90
GOLD_OPEN = Path(__file__).resolve().parent / "data" / "gold_open.jsonl"
# Written blind (first score 0.418), then used for development: 0.550 (P 0.581, R 0.521).
GOLD_OPEN_F1_FLOOR = 0.52


GOLD_OPEN2 = Path(__file__).resolve().parent / "data" / "gold_open2.jsonl"
# Written blind on 2026-12-04 by a helper who saw no rules, after the real-news work, and never
# used to tune them: the honest estimate for unseen news. First and only score: rules F1 0.457
# (P 0.490, R 0.429), PLOVER 0.986 of matched triples; dependency 0.468.
GOLD_OPEN2_F1_FLOOR = 0.43


def test_blind_open_world_gold_set_floor():
    from graphkit.evaluate import evaluate

    report = evaluate(GOLD_OPEN2, "rules")
    assert report.cases >= 150
    assert report.micro.f1 >= GOLD_OPEN2_F1_FLOOR, report.micro.f1
    assert report.plover_accuracy >= 0.9, report.plover_accuracy


def test_open_world_gold_set_floor():
    from graphkit.evaluate import evaluate

    report = evaluate(GOLD_OPEN, "rules")
    assert report.cases >= 200
    assert report.micro.f1 >= GOLD_OPEN_F1_FLOOR, report.micro.f1
    assert report.plover_accuracy >= 0.85, report.plover_accuracy


def test_real_news_recall_floor():
    if not (REALNEWS / "score.py").exists():
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/realnews is missing")
        pytest.skip("../shared/realnews is not beside the project")
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    out = subprocess.run([sys.executable, str(REALNEWS / "score.py"), "--graphkit", graphkit],
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[1], timeout=600)
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", out.stdout))
    assert float(figures["triple_recall"]) >= REALNEWS_TRIPLE_FLOOR, out.stdout[-1500:]
    assert float(figures["pair_recall"]) >= REALNEWS_PAIR_FLOOR, out.stdout[-1500:]
    assert float(figures["relation_accuracy_on_found_pairs"]) >= REALNEWS_ACCURACY_FLOOR, out.stdout[-1500:]


def test_eval_scores_the_plover_root_of_matched_triples(tmp_path):
    from graphkit.errors import InputError
    from graphkit.evaluate import evaluate, load_gold

    gold = tmp_path / "g.jsonl"
    gold.write_text(
        '{"id": "a", "text": "Chilean police arrested two Argentine fans.", "triples": [{"subject": '
        '{"name": "Chile", "accept": ["CHL"]}, "relation": "COERCES", "plover": "COERCE", "object": '
        '{"name": "Argentina", "accept": ["ARG"]}}]}\n'
        '{"id": "b", "text": "The Philippines summoned the Chinese ambassador.", "triples": [{"subject": '
        '{"name": "Philippines", "accept": ["PHL"]}, "relation": "PROTESTS", "plover": "PROTEST", "object": '
        '{"name": "China", "accept": ["CHN"]}}]}\n', encoding="utf-8")
    report = evaluate(gold, "rules")
    assert report.micro.tp == 2
    assert (report.plover.tp, report.plover.fp) == (1, 1)  # a summons accuses; the gold said PROTEST
    assert any(e["kind"] == "plover" and e["case"] == "b" for e in report.errors)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(gold.read_text().replace('"COERCE"', '"PUNISH"'), encoding="utf-8")
    with pytest.raises(InputError, match="PLOVER"):
        load_gold(bad)


# -- real-news constructions (sentences written for these tests) ----------------------------------

def _found(text: str) -> set[tuple[str, str, str]]:
    return {(r.subject.actor.id, r.plover, r.object.actor.id) for r in relations(text)}


@pytest.mark.parametrize("text,triple", [
    # regions and cities stand for the state that holds them
    ("Russian missiles struck Kharkiv overnight, regional officials said.", ("RUS", "ASSAULT", "UKR")),
    ("Norway announced new humanitarian assistance for families in Gaza.", ("NOR", "AID", "PSE")),
    ("Iraqi officials imposed a curfew on Basra after the clashes.", ("IRQGOV", "COERCE", "IRQ")),
    # vague groups are the targets of material acts, never subjects
    ("Belarusian police detained journalists outside the court in Minsk.", ("BLRCOP", "COERCE", "MED")),
    # requests by obligation, control verbs and asylum
    ("Macron said Iran must release the detained French citizens.", ("emmanuel-macron", "REQUEST", "IRN")),
    ("A court in Nairobi ordered Smith to appear for questioning.", ("KENJUD", "REQUEST", "unresolved:smith")),
    ("About 4,000 Sudanese refugees have sought asylum in Chad this year.", ("SDNREF", "REQUEST", "TCD")),
    ("British lawmakers called for sanctions against Chinese officials.", ("GBRLEG", "ACCUSE", "CHNGOV")),
    # refusals
    ("Hungary will not lift its veto until Ukraine restores minority rights.", ("HUN", "REJECT", "UKR")),
    ("The ministry declined a request from Amnesty International to visit the prison.",
     ("GOV", "REJECT", "AMNESTY")),
    # legal action and blame
    ("A court in Lyon found Barbarin guilty of fraud.", ("JUD", "ACCUSE", "unresolved:barbarin")),
    ("The Afghan government said Taliban fighters were responsible for the attack.",
     ("AFGGOV", "ACCUSE", "TALIBAN")),
    ("Germany opened an investigation into Schmidt over the leak.", ("DEU", "ACCUSE", "unresolved:schmidt")),
    # conventions of the event coders
    ("Saudi Arabia imposed a blockade on Qatar in 2017.", ("SAU", "ASSAULT", "QAT")),
    ("Ecuador granted asylum to Julian Assange in 2012.", ("ECU", "AID", "unresolved:julian-assange")),
    ("Turkey declared a unilateral ceasefire in Idlib.", ("TUR", "YIELD", "SYR")),
    ("Kenya is willing to send police officers to Haiti.", ("KEN", "AGREE", "HTI")),
    ("Vietnam vetoed on Friday a US-drafted resolution.", ("VNM", "REJECT", "USA")),
    # hyphenated Korean given names end in syllables that look like prepositions
    ("South Korean President Moon Jae-in met Xi Jinping in Beijing.", ("moon-jae-in", "CONSULT", "xi-jinping")),
    ("Prime Minister Lee Nak-yon held talks with Xi Jinping.", ("person:lee-nak-yon", "CONSULT", "xi-jinping")),
    # datelines are where a story was filed
    ("NAIROBI (Reuters) - Kenyan police arrested three Somali nationals on Tuesday.", ("KENCOP", "COERCE", "SOMCVL")),
    # a leader's name before "administration" or "government" is the state's government
    ("The Obama administration criticized Cuba over the arrests.", ("USAGOV", "ACCUSE", "CUB")),
    ("Bush administration officials criticized Syria.", ("USAGOV", "ACCUSE", "SYR")),
    # a name opening a that-clause is its subject; a demand that X act asks X
    ("Lebanon demanded that Haddad resign before the vote.", ("LBN", "REQUEST", "unresolved:haddad")),
    ("Egypt repeated its demand that Ethiopia halt the filling of the dam.", ("EGY", "REQUEST", "ETH")),
    # a city before name words is part of one name
    ("The Tokyo Stock Exchange criticized the Seoul Stock Exchange.",
     ("unresolved:tokyo-stock-exchange", "ACCUSE", "unresolved:seoul-stock-exchange")),
    # allowing aid or access
    ("Israel allowed aid convoys into Gaza on Sunday.", ("ISR", "YIELD", "PSE")),
    # discussing with, a mission's host state, a name before a bare organ, the office's holder
    ("Erdogan discussed trade with Macron in a phone call.", ("recep-tayyip-erdogan", "CONSULT", "emmanuel-macron")),
    ("Nepal is sending troops to the United Nations peacekeeping force in Lebanon.", ("NPL", "AID", "LBN")),
    ("The Kerala government criticized Sri Lanka.", ("unresolved:kerala:GOV", "ACCUSE", "LKA")),
    ("Armenia warned its Turkish counterpart, Kemal Arslan, on Monday.", ("ARM", "THREATEN", "person:kemal-arslan")),
    # a passive arrest in a named state, with no agent, is that state's
    ("The blogger Ali Karimi was arrested on Monday in Tajikistan.", ("TJK", "COERCE", "person:ali-karimi")),
    ("Hun Sen met Xi Jinping.", ("unresolved:hun-sen", "CONSULT", "xi-jinping")),
    # each side of a violated ceasefire attacks the other; a courtesy call is a meeting
    ("India and Pakistan violated the ceasefire on Sunday.", ("PAK", "ASSAULT", "IND")),
    ("The Qatari envoy called on Egypt's foreign minister to discuss the truce.",
     ("QATGOV", "CONSULT", "badr-abdelatty")),
    ("Erdogan reiterated Turkey's support for Libya.", ("recep-tayyip-erdogan", "SUPPORT", "LBY")),
    ("Kremlin critics say Putin has silenced the press.", ("RUSOPP", "ACCUSE", "vladimir-putin")),
    ("Hamas, a Palestinian militant group, attacked Israel on Saturday.", ("HAMAS", "ASSAULT", "ISR")),
    ("Malian soldiers detained the leader of the Ansar Dine militant network.",
     ("MLIMIL", "COERCE", "org:ansar-dine")),
    ("Two Dutch journalists were freed in Iran on Friday.", ("IRN", "YIELD", "NLDMED")),
    ("Mugisha, so far, has refused to send troops to Burundi.", ("unresolved:mugisha", "REJECT", "BDI")),
    ("The Wagner Group, a Russian mercenary outfit close to the Kremlin, attacked Mali.",
     ("WAGNER", "ASSAULT", "MLI")),
    ("Erdogan called the Israeli prime minister a butcher on Monday.",
     ("recep-tayyip-erdogan", "ACCUSE", "benjamin-netanyahu")),
    ("The French army opened an investigation into the death of a 30-year-old Malian herder.",
     ("FRAMIL", "ACCUSE", "MLI")),
])
def test_real_news_constructions(text, triple):
    assert triple in _found(text), _found(text)


@pytest.mark.parametrize("text", [
    "The museum returned pre-Columbian artifacts to a private collector.",   # a prefix, no actor
    "Historians still argue about the Cold War and the Marshall Plan.",     # events, no actors
    "Protesters said they would march again on Sunday.",                      # a group is no subject
])
def test_no_actor_from_prefixes_events_or_groups_alone(text):
    assert not relations(text)


def test_a_pronoun_reports_its_antecedent_in_the_same_sentence():
    rel = next(r for r in relations("Syrian government forces continued their attacks on Aleppo.")
               if r.relation == "ATTACKS")
    assert rel.subject.text == "Syrian government forces"
    assert rel.subject.start == 0
