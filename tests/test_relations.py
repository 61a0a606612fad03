"""Reading the embedded store from Python (`SQLiteStore.find_relations`, facts only by default),
`graphkit relations` (table, CSV, JSON), and `graphkit merge` of stores into one."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import InputError, StoreError
from graphkit.model import Actor, Article, Extraction, Mention, Relation, Role
from graphkit.stores.sqlite import SQLiteStore, merge_stores

USA, UKR = Actor("USA", "United States", "state"), Actor("UKR", "Ukraine", "state")
RUS, KOR, DEU = Actor("RUS", "Russia", "state"), Actor("KOR", "South Korea", "state"), Actor("DEU", "Germany", "state")
LAVROV = Actor("sergei-lavrov", "Sergei Lavrov", "person", acts_for="RUS",
               roles=(Role("RUS", "foreign_minister", "Foreign Minister", "2004-03-09"),))


def r(doc: str, i: int, s: Actor, name: str, o: Actor, date: str | None = None, **kw) -> Relation:
    text = kw.pop("sentence", f"{s.name} {name.lower()} {o.name}.")
    return Relation(Mention(s, s.name, 0, len(s.name)), name, Mention(o, o.name, 5, 5 + len(o.name)), doc, text, i,
                    100 * i, 100 * i + len(text), date=date, extractor="test", trigger=name.lower(),
                    confidence=0.9, **kw)


def art(doc: str, date: str | None) -> Article:
    return Article(doc, "...", f"Title {doc}", f"https://example.org/{doc}", date, "wire")


def extractions() -> list[Extraction]:
    """Who supplies Ukraine: two real supplies, a plan ("would review ... arming"), a refusal
    (negated), a supply Lavrov claims, and a sanction; one article undated."""
    return [
        Extraction(art("a1", "2022-03-01"), [
            r("a1", 0, USA, "SUPPLIES", UKR, what="Javelin missiles"),
            r("a1", 1, KOR, "SUPPLIES", UKR, modality="considered"),
            r("a1", 2, DEU, "SUPPLIES", UKR, negated=True)]),
        Extraction(art("a2", "2024-06-21"), [
            r("a2", 0, DEU, "SUPPLIES", UKR, date="2023-02-24", date_source="text", article_date="2024-06-21"),
            r("a2", 1, USA, "SUPPLIES", RUS, speaker=Mention(LAVROV, "the minister", 60, 72)),
            r("a2", 2, USA, "SANCTIONS", RUS, plover="SANCTION")]),
        Extraction(art("a3", None), [r("a3", 0, RUS, "ATTACKS", UKR)]),
    ]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "g.db"
    with SQLiteStore(path) as store:
        store.write(extractions())
    return path


def pairs(rels) -> list[tuple[str, str, str]]:
    return [(x.subject.actor.id, x.relation, x.object.actor.id) for x in rels]


def test_find_relations_returns_model_objects_facts_only_in_date_order(db):
    with SQLiteStore(db, readonly=True) as store:
        found = list(store.find_relations(object="UKR", relation="supplies"))
        assert pairs(found) == [("USA", "SUPPLIES", "UKR"), ("DEU", "SUPPLIES", "UKR")]  # 2022-03-01, 2023-02-24
        usa, deu = found
        assert isinstance(usa, Relation) and usa.sentence == "United States supplies Ukraine."
        assert usa.what == "Javelin missiles" and usa.date == "2022-03-01" and usa.plover == "AID"
        assert (deu.date, deu.date_source, deu.article_date) == ("2023-02-24", "text", "2024-06-21")
        # the same ids as when written: the model's objects read back
        assert {x.id for x in found} == {extractions()[0].relations[0].id, extractions()[1].relations[0].id}
        everything = list(store.find_relations(object="Ukraine", relation=["SUPPLIES"], facts_only=False))
        assert [(x.subject.actor.id, x.modality, x.negated) for x in everything] == [
            ("USA", None, False), ("KOR", "considered", False), ("DEU", None, True), ("DEU", None, False)]
        # the speaker, with its roles, as the model has it
        [claim] = store.find_relations(speaker="sergei-lavrov")
        assert claim.speaker.actor == LAVROV and claim.speaker.text == "the minister"
        assert pairs(store.find_relations(subject="united states", object="RUS")) == [
            ("USA", "SUPPLIES", "RUS"), ("USA", "SANCTIONS", "RUS")]
        # dates: the event's date, else the article's; undated relations drop out of a range and
        # come last otherwise
        assert pairs(store.find_relations(since="2023", until="2023-02")) == [("DEU", "SUPPLIES", "UKR")]
        assert pairs(store.find_relations())[-1] == ("RUS", "ATTACKS", "UKR")
        assert pairs(store.find_relations(plover=["sanction", "ASSAULT"])) == [
            ("USA", "SANCTIONS", "RUS"), ("RUS", "ATTACKS", "UKR")]
        assert list(store.find_relations(subject="Atlantis")) == []
        with pytest.raises(InputError, match="BOMBS"):
            list(store.find_relations(relation="BOMBS"))
        with pytest.raises(InputError, match="unknown PLOVER root"):
            list(store.find_relations(plover="NOPE"))
        with pytest.raises(InputError, match="--since '2024-13'"):
            list(store.find_relations(since="2024-13"))


def test_cli_relations_table_csv_json(db):
    runner = CliRunner()
    res = runner.invoke(main, ["relations", "--db", str(db), "--object", "Kyiv", "--relation", "SUPPLIES"])
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    assert len(lines) == 2 and lines[0].startswith("2022-03-01  a1 ") and "United States" in lines[0]
    res = runner.invoke(main, ["relations", "--db", str(db), "--speaker", "Lavrov", "--format", "csv"])
    assert res.exit_code == 0, res.output
    [row] = list(csv.DictReader(io.StringIO(res.stdout)))
    assert (row["subject_id"], row["object_id"], row["speaker"], row["speaker_id"]) == (
        "USA", "RUS", "Sergei Lavrov", "sergei-lavrov")
    res = runner.invoke(main, ["relations", "--db", str(db), "--object", "UKR", "--all", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert len(rows) == 5 and {x["modality"] for x in rows} == {None, "considered"}
    assert rows[-1]["relation"] == "ATTACKS" and rows[-1]["date"] is None
    res = runner.invoke(main, ["relations", "--db", str(db), "--subject", "Atlantis", "--format", "json"])
    assert res.exit_code == 2 and res.stderr.strip() == (
        "graphkit: error: unknown actor 'Atlantis' (not in the gazetteer nor in the store)")
    res = runner.invoke(main, ["relations", "--db", str(db), "--relation", "SANCTIONS", "--format", "json",
                               "--since", "2030"])
    assert res.exit_code == 0 and json.loads(res.stdout) == []
    res = runner.invoke(main, ["relations", "--db", str(db.parent / "none.db")])
    assert res.exit_code == 2 and "no such database" in res.stderr and "Traceback" not in res.output


def test_cli_analyze_is_facts_only_unless_asked(db):
    runner = CliRunner()
    res = runner.invoke(main, ["analyze", "--db", str(db), "--json"])
    data = json.loads(res.stdout)
    assert (data["negated_left_out"], data["modal_left_out"]) == (1, 1)
    [kor] = [d for d in json.loads(runner.invoke(main, ["analyze", "--db", str(db), "--json", "--include-modal"]
                                                 ).stdout)["most_cooperative"] if "KOR" in d["actors"]]
    assert kor["cooperative"] == 1
    assert all("KOR" not in d["actors"] for d in data["most_cooperative"])
    res = runner.invoke(main, ["analyze", "--db", str(db)])
    assert "(1 negated and 1 modal, left out: facts only)" in res.stdout


# --- merge ------------------------------------------------------------------------------------

def test_merge_two_stores_into_a_new_one_equals_one_store_of_both(tmp_path):
    ex = extractions()
    a, b, both = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "both.db"
    for path, part in ((a, ex[:2]), (b, ex[2:]), (both, ex)):
        with SQLiteStore(path) as store:
            store.write(part)
    res = CliRunner().invoke(main, ["merge", str(a), str(b), "--into", str(tmp_path / "c.db")])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[0].startswith(f"merged {a} into {tmp_path / 'c.db'}: 2 articles, 6 relations, ")
    with SQLiteStore(tmp_path / "c.db", readonly=True) as c, SQLiteStore(both, readonly=True) as w:
        merged = c.dump()
        assert merged == w.dump()  # every table, speakers and roles included
        assert [x.speaker.actor.id for x in c.find_relations(speaker="sergei-lavrov")] == ["sergei-lavrov"]
    # merging again changes nothing; a source that is the target is skipped
    assert [s.relations for s in merge_stores([a, b, tmp_path / "c.db"], tmp_path / "c.db")] == [6, 1]
    with SQLiteStore(tmp_path / "c.db", readonly=True) as c:
        assert c.dump() == merged


def test_merge_takes_an_article_both_hold_from_the_source(tmp_path):
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    first = extractions()[0]
    with SQLiteStore(old) as store:
        store.write([first])
    redone = dataclasses.replace(first, relations=first.relations[:1])  # re-extracted: one relation left
    with SQLiteStore(new) as store:
        store.write([redone])
    [s] = merge_stores([new], old)
    assert (s.articles, s.relations, s.removed) == (1, 1, 2)
    with SQLiteStore(old, readonly=True) as store:
        assert pairs(store.find_relations(facts_only=False)) == [("USA", "SUPPLIES", "UKR")]
        assert {x["id"] for x in store.actors()} == {"USA", "UKR"}  # actors no relation names are dropped


def test_merge_errors_are_one_line_and_leave_the_target_as_it_was(tmp_path, db):
    runner = CliRunner()
    target = tmp_path / "t.db"
    with SQLiteStore(target) as store:
        store.write(extractions()[2:])
        before = store.dump()
    res = runner.invoke(main, ["merge", str(db), str(tmp_path / "missing.db"), "--into", str(target)])
    assert res.exit_code == 2 and res.stderr.strip() == (
        f"graphkit: error: {tmp_path / 'missing.db'}: no such database (create one with `graphkit build`)")
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE x (y)").connection.close()
    res = runner.invoke(main, ["merge", str(foreign), "--into", str(target)])
    assert res.exit_code == 2 and "not a graphkit store" in res.stderr and len(res.stderr.splitlines()) == 1
    with SQLiteStore(target, readonly=True) as store:
        assert store.dump() == before  # every source is checked before anything is written
    with SQLiteStore(db) as store, pytest.raises(StoreError, match="into itself"):
        store.merge_from(store)
