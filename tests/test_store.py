"""The SQLite store: schema, the write contract (idempotent, stale relations replaced), readers,
stats, and refusing files that are not graphkit stores."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from graphkit.errors import StoreError
from graphkit.model import Actor, Article, Extraction, Mention, Relation, Role
from graphkit.pipeline import extract
from graphkit.stores import Store
from graphkit.stores.sqlite import SCHEMA_VERSION, SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "articles"

FRA = Actor("FRA", "France", "state")
DEU = Actor("DEU", "Germany", "state")
RUS = Actor("RUS", "Russia", "state")
MACRON = Actor("emmanuel-macron", "Emmanuel Macron", "person", acts_for="FRA",
               roles=(Role("FRA", "head_of_state", "President", "2017-05-14"),))


def rel(doc: str, idx: int, s: Actor, name: str, o: Actor, negated: bool = False,
        sentence: str = "", date: str | None = "2024-05-01") -> Relation:
    sentence = sentence or f"{s.name} {name.lower()} {o.name}."
    acts = {"subject": s.acts_for} if s.kind == "person" and s.acts_for else {}
    return Relation(subject=Mention(s, s.name, 0, len(s.name)), relation=name,
                    object=Mention(o, o.name, 10, 10 + len(o.name)), doc_id=doc, sentence=sentence,
                    sentence_index=idx, start=0, end=len(sentence), negated=negated, date=date,
                    confidence=0.9, extractor="test", trigger=name.lower(), acts_for=acts)


def art(doc: str, title: str = "", date: str | None = "2024-05-01") -> Article:
    return Article(id=doc, text="...", title=title or doc, url=f"https://example.org/{doc}",
                   date=date, source="test")


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "g.db")
    yield s
    s.close()


def test_new_store_has_schema_wal_and_meta(tmp_path):
    path = tmp_path / "g.db"
    with SQLiteStore(path) as store:
        assert isinstance(store, Store)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta == {"application": "graphkit", "schema_version": str(SCHEMA_VERSION)}
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"actors", "articles", "relations", "roles", "unresolved", "meta"} <= tables
    conn.close()
    SQLiteStore(path).close()  # reopening an existing store works


def test_same_input_twice_gives_identical_rows(store):
    results = list(extract([EXAMPLES]))
    first = store.write(results, batch_size=4)
    dump = store.dump()
    second = store.write(results, batch_size=500)
    assert store.dump() == dump
    assert (second.articles, second.relations, second.removed) == (first.articles, first.relations, 0)
    assert first.relations == len(dump["relations"]) > 50
    assert dump["roles"] and dump["unresolved"]


def test_reextraction_replaces_stale_relations_and_unresolved(store):
    keep = rel("a1", 0, FRA, "MEETS", DEU)
    stale = rel("a1", 1, FRA, "CRITICIZES", RUS)
    other = rel("b1", 0, DEU, "SANCTIONS", RUS)
    store.write([Extraction(art("a1"), [keep, stale], ["Atlantis", "Atlantis", "Utopia"]),
                 Extraction(art("b1"), [other], ["Atlantis"])])
    new = rel("a1", 1, FRA, "CRITICIZES", RUS, negated=True)  # a different relation id
    stats = store.write([Extraction(art("a1", title="A1 updated"), [keep, new], ["Erewhon"])])
    assert stats.removed == 1 and stats.relations == 2
    ids = {r["id"] for r in store.relations()}
    assert ids == {keep.id, new.id, other.id}
    assert [a["title"] for a in store.articles()] == ["A1 updated", "b1"]
    assert sorted((u["article_id"], u["mention"], u["count"]) for u in store.unresolved()) == [
        ("a1", "Erewhon", 1), ("b1", "Atlantis", 1)]
    # an article re-extracted with nothing found keeps no relations
    store.write([Extraction(art("a1"), [])])
    assert {r["doc_id"] for r in store.relations()} == {"b1"}


def test_rows_follow_the_store_contract(store):
    r = rel("a1", 0, MACRON, "VISITS", DEU, negated=True)
    store.write([Extraction(art("a1"), [r])])
    (row,) = store.relations()
    assert set(row) == {"id", "doc_id", "sentence_index", "subject_id", "relation", "object_id", "negated",
                        "modality", "what", "sentence", "start", "end", "date", "confidence", "extractor",
                        "trigger", "subject_mention", "object_mention"}
    assert row["id"] == r.id and row["negated"] is True and row["subject_id"] == "emmanuel-macron"
    assert {a["id"]: a for a in store.actors()}["emmanuel-macron"] == {
        "id": "emmanuel-macron", "name": "Emmanuel Macron", "kind": "person", "acts_for": "FRA"}
    assert list(store.roles()) == [{"person_id": "emmanuel-macron", "acts_for": "FRA", "role": "head_of_state",
                                    "title": "President", "start": "2017-05-14", "end": None}]
    assert list(store.articles()) == [{"id": "a1", "title": "a1", "url": "https://example.org/a1",
                                       "date": "2024-05-01", "source": "test"}]
    acts = store.conn.execute("SELECT subject_acts_for, object_acts_for FROM relations").fetchone()
    assert acts == ("FRA", None)


def test_person_roles_are_replaced_not_accumulated(store):
    store.write([Extraction(art("a1"), [rel("a1", 0, MACRON, "MEETS", DEU)])])
    moved = Actor("emmanuel-macron", "Emmanuel Macron", "person", acts_for="FRA",
                  roles=(Role("FRA", "head_of_state", "President", "2017-05-14", "2027-05-14"),
                         Role("UN", "other", "Envoy", "2027-06-01")))
    store.write([Extraction(art("a2"), [rel("a2", 0, moved, "MEETS", DEU)])])
    assert [(r["acts_for"], r["end"]) for r in store.roles()] == [("FRA", "2027-05-14"), ("UN", None)]


def test_markup_is_stored_verbatim(store):
    evil = '<script>alert("x")</script> & <b>bold</b>'
    store.write([Extraction(art("a1", title=evil), [rel("a1", 0, FRA, "MEETS", DEU, sentence=evil)], [evil])])
    assert next(store.articles())["title"] == evil
    assert next(store.relations())["sentence"] == evil
    assert next(store.unresolved())["mention"] == evil


def test_a_failing_input_keeps_committed_batches_only(store):
    def results():
        for i in range(5):
            if i == 3:
                raise RuntimeError("extractor crashed")
            yield Extraction(art(f"a{i}"), [rel(f"a{i}", 0, FRA, "MEETS", DEU)])

    with pytest.raises(RuntimeError):
        store.write(results(), batch_size=2)
    assert [a["id"] for a in store.articles()] == ["a0", "a1"]  # the open batch (a2) rolled back
    store.write([Extraction(art("z"), [])])  # and the store is usable afterwards


def test_stats(store):
    store.write([
        Extraction(art("a1", date="2023-01-02"), [rel("a1", 0, FRA, "MEETS", DEU), rel("a1", 1, FRA, "SANCTIONS", RUS)],
                   ["Atlantis", "Atlantis"]),
        Extraction(art("a2", date="2024-06-30"), [rel("a2", 0, MACRON, "CRITICIZES", RUS, negated=True)], ["Utopia"]),
        Extraction(art("a3", date=None), [], ["Atlantis"]),
    ])
    s = store.stats()
    assert (s["articles"], s["relations"], s["actors"], s["roles"], s["negated"]) == (3, 3, 4, 1, 1)
    assert s["by_relation"] == {"CRITICIZES": 1, "MEETS": 1, "SANCTIONS": 1}
    assert s["by_kind"] == {"state": 3, "person": 1}
    assert [(a["id"], a["degree"]) for a in s["top_actors"]] == [
        ("FRA", 2), ("RUS", 2), ("DEU", 1), ("emmanuel-macron", 1)]
    assert s["unresolved"] == {"total": 4, "distinct": 2,
                               "top": [{"mention": "Atlantis", "count": 3}, {"mention": "Utopia", "count": 1}]}
    assert s["dates"] == {"first": "2023-01-02", "last": "2024-06-30"}


def test_empty_store_stats(store):
    s = store.stats()
    assert s["relations"] == 0 and s["top_actors"] == [] and s["dates"] == {"first": None, "last": None}


@pytest.mark.parametrize("content", [b"hello, this is a text file\n" * 50, b"\x00\x01\x02" * 1000])
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError) as e:
        SQLiteStore(path)
    assert str(e.value) == f"{path}: not a graphkit database (not an SQLite file)"
    assert path.read_bytes() == content


def _execute(path, sql):
    """Change a database file behind the store's back."""
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_a_foreign_sqlite_database_is_refused_and_not_switched_to_wal(tmp_path):
    path = tmp_path / "other.db"
    _execute(path, "CREATE TABLE things (a)")
    with pytest.raises(StoreError, match="an SQLite database but not a graphkit store"):
        SQLiteStore(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "g.db"
    SQLiteStore(path).close()
    _execute(path, "UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer graphkit"):
        SQLiteStore(path)


def test_open_without_create(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        SQLiteStore(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="empty file"):
        SQLiteStore(tmp_path / "empty.db", create=False)
    with pytest.raises(StoreError, match="is a folder"):
        SQLiteStore(tmp_path)
    with pytest.raises(StoreError, match="cannot open"):
        SQLiteStore(tmp_path / "no" / "such" / "dir.db")


def test_delete_articles_by_prefix(store):
    store.write([Extraction(art(f"import:x:{i}"), [rel(f"import:x:{i}", 0, FRA, "MEETS", DEU)]) for i in (2, 3, 10)]
                + [Extraction(art("import:xy:1"), [rel("import:xy:1", 0, FRA, "MEETS", DEU)])])
    assert store.delete_articles("import:x:", keep=["import:x:2"]) == 2
    assert [a["id"] for a in store.articles()] == ["import:x:2", "import:xy:1"]
    assert {r["doc_id"] for r in store.relations()} == {"import:x:2", "import:xy:1"}
