"""The extraction core: readers, sentence splitting, resolution, the rules extractor and the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.actors import Resolver
from graphkit.cli import main
from graphkit.evaluate import evaluate
from graphkit.extractors import get_extractor
from graphkit.model import Article
from graphkit.text import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "nato-china-russia.txt"
GOLD_DEV = ROOT / "tests" / "data" / "gold_dev.jsonl"
GOLD_HELDOUT = ROOT / "tests" / "data" / "gold_heldout.jsonl"
# Written blind like the held-out set (2026-11-28), then used to find the day's errors: a dev set.
GOLD_DEV2 = ROOT / "tests" / "data" / "gold_dev2.jsonl"

# The bar issue 17 sets (measured 2026-12-04: dev 0.819 / P 0.886, held-out 0.786 / P 0.859,
# dev2 0.725 / P 0.863): real-news work may not cost the gold sets their F1 or precision.
DEV_F1_FLOOR = 0.81
DEV2_F1_FLOOR = 0.69
# The held-out set was written by someone who saw neither the rules nor the dev set. Since the
# open-world work its errors were read to catch regressions, so it is no longer quite unseen;
# tests/data/gold_open2.jsonl, written blind afterwards, is the honest estimate now.
HELDOUT_F1_FLOOR = 0.77
PRECISION_FLOOR = 0.85


def triples(text: str, date: str | None = "2024-06-18") -> set[tuple[str, str, str, bool]]:
    result = get_extractor("rules").extract(Article(id="t", text=text, date=date))
    return {(r.subject.actor.id, r.relation, r.object.actor.id, r.negated) for r in result.relations}


# -- sentences and actors ------------------------------------------------------------------------

def test_sentence_splitter_keeps_abbreviations():
    text = ("Gen. Mark Milley met U.S. officials in Sept. 2023 in Washington. The U.S. Army said so. "
            "Vladimir V. Putin replied.")
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Gen. Mark Milley met U.S. officials in Sept. 2023 in Washington.",
                     "The U.S. Army said so.", "Vladimir V. Putin replied."]


def test_sentence_splitter_ends_on_acronym_before_new_sentence():
    spans = [s for s in split_sentences("Beijing sanctioned the U.S. The move was expected.")]
    assert len(spans) == 2


@pytest.mark.parametrize("name,expected", [
    ("Beijing", "CHN"), ("the Kremlin", "RUS"), ("Washington", "USA"), ("U.S.", "USA"),
    ("Britain", "GBR"), ("Downing Street", "GBR"), ("Pyongyang", "PRK"), ("NATO", "NATO"),
    ("Stoltenberg", "jens-stoltenberg"), ("Chinese", "CHN"),
])
def test_resolver_names(name, expected):
    assert Resolver().resolve(name).id == expected


def test_resolver_does_not_guess():
    assert Resolver().resolve("Acme Holdings") is None
    assert Resolver().resolve("Latin America") is None


def test_title_resolves_by_date():
    r = Resolver()
    from graphkit.text import tokenize
    before = r.mentions(tokenize("the NATO chief"), "2024-06-01")
    after = r.mentions(tokenize("the NATO chief"), "2025-03-01")
    undated = r.mentions(tokenize("the NATO chief"), None)
    assert before[0].actor.name == "Jens Stoltenberg"
    assert after[0].actor.name == "Mark Rutte"
    assert undated[0].actor.id == "NATO"  # no date: the organisation, never a guessed person


# -- phenomena -----------------------------------------------------------------------------------

def test_active_and_passive():
    assert ("USA", "SANCTIONS", "CHN", False) in triples("The United States sanctioned China on Friday.")
    assert ("EU", "SANCTIONS", "RUS", False) in triples("Russia was sanctioned by the European Union.")


def test_coordination_gives_one_triple_per_pair():
    got = triples("The US and the EU imposed sanctions on Russia and Belarus.")
    assert {("USA", "SANCTIONS", "RUS", False), ("USA", "SANCTIONS", "BLR", False),
            ("EU", "SANCTIONS", "RUS", False), ("EU", "SANCTIONS", "BLR", False)} <= got


def test_negation_and_modality():
    result = get_extractor("rules").extract(Article(id="t", text=(
        "China does not supply lethal arms to Russia. Washington may impose new tariffs on India.")))
    rels = {(r.subject.actor.id, r.relation, r.object.actor.id): r for r in result.relations}
    assert rels[("CHN", "SUPPLIES", "RUS")].negated is True
    assert rels[("USA", "SANCTIONS", "IND")].modality == "possible"
    assert rels[("USA", "SANCTIONS", "IND")].negated is False


def test_nominalisation_and_reported_speech():
    assert ("vladimir-putin", "VISITS", "PRK", False) in triples("Putin's visit to North Korea drew criticism.")
    assert ("CHN", "SUPPORTS", "RUS", False) in triples("Stoltenberg said China was supporting Russia.")


def test_actor_hyphen_compounds_modify_a_noun():
    """"a U.S.-brokered deal": the broker negotiates with the deal's parties, and is neither a
    party nor the clause's subject; "the Iran-backed militia": the backer did not act."""
    assert triples("Armenia and Azerbaijan signed a U.S.-brokered peace deal.") == {
        ("ARM", "AGREES_WITH", "AZE", False), ("USA", "NEGOTIATES", "ARM", False),
        ("USA", "NEGOTIATES", "AZE", False)}
    assert triples("Ukraine and Russia swapped 300 prisoners in a UAE-brokered exchange.") >= {
        ("ARE", "NEGOTIATES", "UKR", False), ("ARE", "NEGOTIATES", "RUS", False)}
    assert triples("The Egypt-brokered talks collapsed.") == set()  # no parties named
    assert triples("The Iran-backed militia attacked U.S. troops.") == set()
    assert triples("Iran-backed Houthi rebels fired missiles at Israel.") == {
        ("IRN", "SUPPORTS", "HOUTHIS", False), ("HOUTHIS", "ATTACKS", "ISR", False)}


def test_from_names_who_asks_not_who_is_asked():
    """"calls from Washington", "demands from Hamas": the requester, never the one asked."""
    assert triples("Despite calls from Washington and Brussels, Serbia has refused to impose "
                   "sanctions on Russia.") == {("USA", "REQUESTS", "SRB", False), ("EU", "REQUESTS", "SRB", False),
                                               ("SRB", "SANCTIONS", "RUS", True)}
    assert ("HAMAS", "REQUESTS", "ISR", False) in triples("Israel rejected demands from Hamas for a full withdrawal.")


def test_a_trigger_word_after_by_or_via_is_a_noun():
    """"spoke by phone with Putin": "phone" is no second verb ending the search for "with"."""
    assert triples("Scholz spoke by phone with Putin on Saturday.") == {
        ("olaf-scholz", "MEETS", "vladimir-putin", False)}
    assert ("volodymyr-zelensky", "MEETS", "joe-biden", False) in triples("Zelensky spoke via video link with Biden.")


def test_refraining_from_an_act_negates_it():
    assert triples("India refrained from criticising Russia by name.") == {("IND", "CRITICIZES", "RUS", True)}
    assert triples("India stopped short of condemning Russia.") == {("IND", "CRITICIZES", "RUS", True)}
    assert triples("China abstained from condemning Russia.") == {("CHN", "CRITICIZES", "RUS", True)}


def test_sanctions_on_goods_from_a_state_target_the_state():
    assert triples("The United States slapped 25% tariffs on imports from Canada and Mexico.") == {
        ("USA", "SANCTIONS", "CAN", False), ("USA", "SANCTIONS", "MEX", False)}
    assert triples("The EU imposed tariffs on electric vehicles from China.") == {("EU", "SANCTIONS", "CHN", False)}


def test_a_strike_on_a_place_in_a_state_attacks_the_state():
    assert ("RUS", "ATTACKS", "UKR", False) in triples(
        "Kallas condemned a Russian missile strike on a residential building in Kyiv.")
    assert triples("Russia launched a missile strike on a power plant in western Ukraine.") == {
        ("RUS", "ATTACKS", "UKR", False)}


def test_quitting_an_organisation_is_withdrawing_from_it():
    assert triples("Mali, Burkina Faso and Niger formally quit the Economic Community of West African States.") == {
        ("MLI", "WITHDRAWS", "ECOWAS", False), ("BFA", "WITHDRAWS", "ECOWAS", False),
        ("NER", "WITHDRAWS", "ECOWAS", False)}
    assert triples("The United States formally exited the World Health Organization.") == {
        ("USA", "WITHDRAWS", "WHO", False)}
    assert triples("Germany's economy shrank as weak demand from China weighed on industry.") == set()


def test_criticism_from_names_the_critic():
    """"drew criticism from the EU": the EU criticises; "drew" is the past of "draw"."""
    assert triples("Orban's trip to Moscow drew criticism from the European Union.") == {
        ("viktor-orban", "VISITS", "RUS", False), ("EU", "CRITICIZES", "viktor-orban", False)}
    assert triples("China's deployment of a carrier group near Japan drew a formal protest from Tokyo.") >= {
        ("JPN", "PROTESTS", "CHN", False)}


def test_a_show_of_force_mobilizes_against_its_target():
    assert triples("Washington flew B-52 bombers over the Korean peninsula on Wednesday in a show of force "
                   "against North Korea.") == {("USA", "MOBILIZES", "PRK", False)}
    assert triples("The parade was a show of force.") == set()


def test_pronoun_refers_to_previous_actor():
    got = triples("Xi Jinping met Lula in Beijing on Friday. He also criticized the United States.")
    assert ("xi-jinping", "CRITICIZES", "USA", False) in got


def test_object_pronoun_takes_the_nearest_actor_but_not_its_verbs_subject():
    got = triples("Scholz and Macron spoke by phone with Putin on Saturday, urging him to agree to a ceasefire.")
    assert {("olaf-scholz", "REQUESTS", "vladimir-putin", False),
            ("emmanuel-macron", "REQUESTS", "vladimir-putin", False)} <= got
    assert ("olaf-scholz", "REQUESTS", "emmanuel-macron", False) not in got
    assert ("antony-blinken", "REQUESTS", "sergei-lavrov", False) in triples(
        "Lavrov met Blinken in Riyadh. Blinken urged him to end the war.")


def test_no_relation_text_gives_nothing():
    for text in ("Brazil beat Argentina 2-1 in the final on Sunday.",
                 "Russia's economy grew 3.6% last year while China's grew 5.2%.",
                 "The comments posted here are not ours. Kindly refrain from obscene words."):
        assert triples(text) == set(), text


# -- the real article ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_rows():
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the project")
    out = CliRunner().invoke(main, ["extract", str(SEED)])
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.output.splitlines()]


def _has(rows, subj, rel, obj, negated=False, what=None):
    for r in rows:
        if (r["subject"]["id"] in subj and r["relation"] == rel and r["object"]["id"] in obj
                and r["negated"] == negated and (what is None or what in (r["what"] or "").lower())):
            return True
    return False


def test_seed_article(seed_rows):
    rows = seed_rows
    nato = {"NATO", "jens-stoltenberg"}
    assert _has(rows, nato, "WARNS", {"CHN"})
    assert _has(rows, nato, "CRITICIZES", {"CHN"})
    assert _has(rows, {"CHN"}, "SUPPLIES", {"RUS"}, what="micro-electronics")
    assert _has(rows, {"USA"}, "SANCTIONS", {"CHN"})
    assert _has(rows, {"vladimir-putin", "RUS"}, "VISITS", {"PRK"})
    assert _has(rows, {"vladimir-putin", "RUS"}, "VISITS", {"CHN"})
    assert _has(rows, {"PRK"}, "SUPPLIES", {"RUS"}, what="artillery shells")
    assert _has(rows, {"RUS"}, "SUPPLIES", {"PRK"}, what="technology")
    assert _has(rows, nato, "VISITS", {"USA"})
    assert _has(rows, nato, "MEETS", {"joe-biden"})
    assert _has(rows, {"RUS"}, "CRITICIZES", nato)
    assert _has(rows, {"CHN"}, "SUPPLIES", {"RUS"}, negated=True)


def test_seed_boilerplate_gives_nothing(seed_rows):
    footer = [r for r in seed_rows if "Cnews" in r["sentence"] or "Kindly refrain" in r["sentence"]]
    assert footer == []


def test_jsonl_shape(seed_rows):
    row = seed_rows[0]
    for key in ("doc_id", "subject", "object", "relation", "negated", "modality", "what", "sentence",
                "start", "end", "confidence", "extractor"):
        assert key in row
    for key in ("id", "name", "kind", "mention"):
        assert key in row["subject"]
    text = SEED.read_text(encoding="utf-8")
    assert text[row["start"]:row["end"]] == row["sentence"]


# -- quality -------------------------------------------------------------------------------------

def test_dev_gold_set_floor():
    report = evaluate(GOLD_DEV, "rules")
    assert report.cases >= 250
    assert report.micro.f1 >= DEV_F1_FLOOR, report.micro.f1
    assert report.micro.precision >= PRECISION_FLOOR, report.micro.precision


def test_heldout_gold_set_floor():
    report = evaluate(GOLD_HELDOUT, "rules")
    assert report.cases >= 100
    assert report.micro.f1 >= HELDOUT_F1_FLOOR, report.micro.f1
    assert report.micro.precision >= PRECISION_FLOOR, report.micro.precision


def test_second_dev_gold_set_floor():
    report = evaluate(GOLD_DEV2, "rules")
    assert report.cases >= 100
    assert report.micro.f1 >= DEV2_F1_FLOOR, report.micro.f1
    assert report.micro.precision >= PRECISION_FLOOR, report.micro.precision


def test_gold_set_covers_every_relation_and_empty_cases():
    from graphkit.evaluate import load_gold
    from graphkit.ontology import RELATION_NAMES
    for path, empty in ((GOLD_DEV, 25), (GOLD_DEV2, 10)):
        cases = load_gold(path)
        seen = {t.relation for c in cases for t in c.triples}
        assert seen == set(RELATION_NAMES), path
        assert sum(1 for c in cases if not c.triples) >= empty, path


# -- bad input -----------------------------------------------------------------------------------

def _run(args, **kw):
    return CliRunner().invoke(main, args, **kw)


def test_malformed_jsonl_names_file_and_line(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "a", "text": "Russia attacked Ukraine."}\n{"id": "b", "text": \n', encoding="utf-8")
    out = _run(["extract", str(f)])
    assert out.exit_code == 2
    assert f"{f}:2" in out.output
    assert "Traceback" not in out.output


def test_not_utf8(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Russia attacked Ukraine.\nCaf\xe9 society.".encode("latin-1"))
    out = _run(["extract", str(f)])
    assert out.exit_code == 2 and f"{f}:2" in out.output and "UTF-8" in out.output


def test_missing_path_and_empty_file(tmp_path):
    out = _run(["extract", str(tmp_path / "nope.txt")])
    assert out.exit_code == 2 and "no such file" in out.output
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = _run(["extract", str(empty)])
    assert out.exit_code == 0 and out.output == ""


def test_stdin_text_and_jsonl():
    out = _run(["extract", "-"], input="Russia invaded Ukraine in February 2022.\n")
    assert out.exit_code == 0 and '"ATTACKS"' in out.output
    line = json.dumps({"id": "x1", "text": "Iran supplied drones to Russia.", "date": "2023-01-05"})
    out = _run(["extract", "-", "--format", "table"], input=line + "\n")
    assert out.exit_code == 0 and "SUPPLIES" in out.output


def test_large_article_is_handled(tmp_path):
    para = "Russia attacked Ukraine on Monday. Analysts expect markets to stay calm. " * 4
    f = tmp_path / "big.txt"
    with open(f, "w", encoding="utf-8") as fh:
        while fh.tell() < 20_000_000:
            fh.write(para + "\n\n")
    result = next(get_extractor("rules").pipe([Article(id="big", text=f.read_text(encoding="utf-8"))]))
    assert len(result.relations) > 100_000


def test_html_reader_skips_page_furniture(tmp_path):
    from graphkit.readers import read_articles
    page = tmp_path / "p.html"
    page.write_text("""<html><head><title>T</title><meta name="date" content="2025-02-10"></head><body>
    <nav>Home World Politics</nav><div class="cookie-banner">We use cookies. Russia attacked cookies.</div>
    <article><h1>Summit</h1><p>Qatar hosted Iran's foreign minister.</p><p>&lt;script&gt;x&lt;/script&gt;</p></article>
    <footer>Comments policy: be nice.</footer></body></html>""", encoding="utf-8")
    [art] = list(read_articles([page]))
    assert art.date == "2025-02-10"
    assert "cookies" not in art.text and "Comments" not in art.text and "Qatar hosted" in art.text


def test_examples_cover_all_relations():
    from graphkit.ontology import RELATION_NAMES
    from graphkit.pipeline import extract_relations
    rels = list(extract_relations([ROOT / "examples" / "articles"]))
    actors = {r.subject.actor.id for r in rels} | {r.object.actor.id for r in rels}
    assert len(actors) >= 30
    assert {r.relation for r in rels} == set(RELATION_NAMES)


def test_extraction_streams():
    """The first triples come out before the last article is read."""

    def articles():
        yield Article(id="a1", text="Iran supplied drones to Russia.")
        raise AssertionError("the second article was read before the first triple was out")

    ex = get_extractor("rules")
    first = next(r for result in ex.pipe(articles()) for r in result.relations)
    assert (first.subject.actor.id, first.relation, first.object.actor.id) == ("IRN", "SUPPLIES", "RUS")


def test_title_with_a_gazetteer_name_is_one_person():
    got = triples("Jordan's King Abdullah II met Trump at the White House.", date="2025-02-11")
    assert ("abdullah-ii", "MEETS", "donald-trump", False) in got


# -- user actor files (--actors) ---------------------------------------------------------------

def test_user_actor_file_adds_actors(tmp_path):
    f = tmp_path / "actors.yaml"
    f.write_text("actors:\n"
                 "  - {id: X-1999, name: 1999, kind: group, aliases: [Blue Faction, 2020]}\n"
                 "  - {id: P-SMITH, name: Ann Smith, kind: person, acts_for: 5}\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("The Blue Faction warned Russia on Monday. Ann Smith criticized China.\n", encoding="utf-8")
    out = _run(["extract", str(text), "--actors", str(f)])
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in out.output.splitlines()]
    got = {(r["subject"]["id"], r["relation"], r["object"]["id"]) for r in rows}
    assert got == {("X-1999", "WARNS", "RUS"), ("P-SMITH", "CRITICIZES", "CHN")}
    named = {r["subject"]["id"]: r["subject"] for r in rows}
    assert named["X-1999"]["name"] == "1999" and named["P-SMITH"]["acts_for"] == "5"
    objects = {r["object"]["id"]: r["object"]["name"] for r in rows}
    # adding an actor renames no bundled one (it used to reset every state to pycountry's name)
    assert objects == {"RUS": "Russia", "CHN": "China"}


@pytest.mark.parametrize("content, message, line", [
    ("actors:\n  - {id: X, name: Y, kind: dragon}\n", "unknown actor kind 'dragon'", None),
    ("actors:\n  - {id: X}\n", "actor entry needs id and name", None),
    ("actors: [\n  {id: X, name: Y\n", "invalid YAML", 3),
    ("sailors: []\n", "unknown section(s): sailors", None),
])
def test_bad_user_actor_file_is_one_clear_line(tmp_path, content, message, line):
    f = tmp_path / "actors.yaml"
    f.write_text(content, encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Russia attacked Ukraine.\n", encoding="utf-8")
    out = _run(["extract", str(text), "--actors", str(f)])
    assert out.exit_code == 2
    assert message in out.output and str(f) in out.output
    if line:
        assert f"{f}:{line}" in out.output
    assert "Traceback" not in out.output and len(out.output.strip().splitlines()) == 1


def test_a_headline_the_body_repeats_is_one_relation():
    """A feed item's title and description say one event: one relation, from the body."""
    ex = get_extractor("rules")
    both = ex.extract(Article("a", "Russia attacks Ukraine\n\nRussia attacked Ukraine on Monday, officials said.",
                              title="Russia attacks Ukraine")).relations
    assert [(r.relation, r.sentence_index) for r in both] == [("ATTACKS", 1)]
    alone = ex.extract(Article("b", "Russia attacks Ukraine\n\nThe shelling lasted all night.",
                               title="Russia attacks Ukraine")).relations
    assert [r.relation for r in alone] == ["ATTACKS"]  # the headline alone still counts
