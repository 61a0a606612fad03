"""The SQLite store: schema, the write contract (idempotent, stale relations replaced), readers,
stats, and refusing files that are not graphkit stores."""
from __future__ import annotations

import dataclasses
import json
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
                        "trigger", "subject_mention", "object_mention", "plover", "speaker_id",
                        "speaker_mention", "date_source", "article_date"}
    assert row["plover"] == "CONSULT"  # VISITS' PLOVER root, the extractor having given none
    assert row["id"] == r.id and row["negated"] is True and row["subject_id"] == "emmanuel-macron"
    assert {a["id"]: a for a in store.actors()}["emmanuel-macron"] == {
        "id": "emmanuel-macron", "name": "Emmanuel Macron", "kind": "person", "acts_for": "FRA",
        "sector": None}
    assert list(store.roles()) == [{"person_id": "emmanuel-macron", "acts_for": "FRA", "role": "head_of_state",
                                    "title": "President", "start": "2017-05-14", "end": None}]
    assert list(store.articles()) == [{"id": "a1", "title": "a1", "url": "https://example.org/a1",
                                       "date": "2024-05-01", "source": "test", "input": ""}]
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


def test_delete_articles_of_one_input_leaves_every_other_input_alone(store):
    def row(doc, source):
        return Extraction(dataclasses.replace(art(doc), input=source), [rel(doc, 0, FRA, "MEETS", DEU)])
    store.write([row(f"import:x@1:{i}", "/w1/x.csv") for i in (2, 3, 10)] + [row("import:x@2:2", "/w2/x.csv")])
    assert store.delete_articles_of("/w1/x.csv", keep=["import:x@1:2"]) == 2
    assert [(a["id"], a["input"]) for a in store.articles()] == [("import:x@1:2", "/w1/x.csv"),
                                                                 ("import:x@2:2", "/w2/x.csv")]
    assert {r["doc_id"] for r in store.relations()} == {"import:x@1:2", "import:x@2:2"}


# --- agents, unresolved actors, PLOVER roots (schema 2) ---------------------------------------

from graphkit.ontology import RELATIONS  # noqa: E402

DEUJUD = Actor("DEUJUD", "German prosecutors", "agent", acts_for="DEU", sector="JUD")
ACLU = Actor("unresolved:american-civil-liberties-union", "American Civil Liberties Union", "unresolved")
V1_DDL = Path(__file__).resolve().parent / "data" / "sqlite_schema_v1.sql"


def test_sector_kinds_and_plover_are_written_and_read_back(store):
    r1 = dataclasses.replace(rel("a1", 0, DEUJUD, "ACCUSES", RUS), plover="ACCUSE")
    r2 = dataclasses.replace(rel("a1", 1, ACLU, "CRITICIZES", DEUJUD), plover="PROTEST")  # not the default
    r3 = rel("a1", 2, FRA, "YIELDS", DEU)  # no plover from the extractor: the type's default
    store.write([Extraction(art("a1"), [r1, r2, r3])])
    actors = {a["id"]: a for a in store.actors()}
    assert actors["DEUJUD"] == {"id": "DEUJUD", "name": "German prosecutors", "kind": "agent",
                                "acts_for": "DEU", "sector": "JUD"}
    assert actors[ACLU.id]["kind"] == "unresolved" and actors[ACLU.id]["sector"] is None
    assert actors["FRA"]["sector"] is None
    plovers = {r["id"]: r["plover"] for r in store.relations()}
    assert plovers == {r1.id: "ACCUSE", r2.id: "PROTEST", r3.id: RELATIONS["YIELDS"].plover}
    stored = dict(store.conn.execute("SELECT id, plover FROM relations"))
    assert stored[r3.id] == "YIELD"  # stored as the type's default, so SQL sees it too
    # a sector or plover that changes is an update, not a new row
    dump = store.dump()
    store.write([Extraction(art("a1"), [r1, r2, r3])])
    assert store.dump() == dump
    store.write([Extraction(art("a1"), [dataclasses.replace(r2, plover="ACCUSE"), r1, r3])])
    assert {r["id"]: r["plover"] for r in store.relations()}[r2.id] == "ACCUSE"


def test_a_relation_stored_without_plover_reads_back_with_its_types_default(store):
    store.write([Extraction(art("a1"), [rel("a1", 0, FRA, "WARNS", DEU)])])
    store.conn.execute("UPDATE relations SET plover = NULL")  # as code before schema 2 wrote it
    (row,) = store.relations()
    assert row["plover"] == "THREATEN"
    assert store.stats()["by_plover"] == {"THREATEN": 1}


def test_stats_count_agents_by_sector_and_relations_with_agent_or_unresolved_actors(store):
    DEUMIL = Actor("DEUMIL", "German troops", "agent", acts_for="DEU", sector="MIL")
    RUSJUD = Actor("RUSJUD", "Russian courts", "agent", acts_for="RUS", sector="JUD")
    store.write([Extraction(art("a1"), [
        rel("a1", 0, DEUJUD, "ACCUSES", RUS), rel("a1", 1, RUSJUD, "COERCES", DEUMIL),
        rel("a1", 2, ACLU, "CRITICIZES", FRA), rel("a1", 3, ACLU, "CRITICIZES", DEUJUD),
        rel("a1", 4, FRA, "MEETS", DEU)])])
    s = store.stats()
    assert s["by_kind"] == {"agent": 3, "state": 3, "unresolved": 1}
    assert s["agents_by_sector"] == {"JUD": 2, "MIL": 1}
    assert s["relations_with_kind"] == {"agent": 3, "unresolved": 2}
    assert s["by_plover"] == {"ACCUSE": 3, "COERCE": 1, "CONSULT": 1}


def test_cli_stats_shows_kinds_sectors_and_agent_or_unresolved_relations(tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import main

    db = tmp_path / "g.db"
    with SQLiteStore(db) as s:
        s.write([Extraction(art("a1"), [rel("a1", 0, DEUJUD, "ACCUSES", RUS),
                                        rel("a1", 1, ACLU, "CRITICIZES", FRA)])])
    res = CliRunner().invoke(main, ["stats", "--db", str(db)])
    assert res.exit_code == 0, res.output
    out = res.stdout
    assert "actors by kind:" in out and "  agent " in out and "  unresolved " in out
    assert "agents by sector:" in out and "JUD judiciary" in out
    assert "relations with an agent actor: 1" in out and "relations with an unresolved actor: 1" in out
    assert "relations by PLOVER root:" in out and "  ACCUSE " in out
    # names no list knows are actors of their own: stats counts them instead of "0 unresolved"
    assert "actors no list knows (named from the text): 1, in 1 relations" in out
    res = CliRunner().invoke(main, ["stats", "--db", str(db), "--json"])
    data = json.loads(res.stdout)
    assert data["agents_by_sector"] == {"JUD": 1} and data["relations_with_kind"] == {"agent": 1, "unresolved": 1}


def _v1_store(path: Path) -> None:
    """A store file as graphkit wrote it before schema 2, with a person, a role and relations."""
    conn = sqlite3.connect(path)
    conn.executescript(V1_DDL.read_text(encoding="utf-8"))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "graphkit"), ("schema_version", "1")])
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?)", [
        ("FRA", "France", "state", None), ("DEU", "Germany", "state", None),
        ("emmanuel-macron", "Emmanuel Macron", "person", "FRA")])
    conn.execute("INSERT INTO articles VALUES ('a1', 'Old', 'https://example.org/a1', '2024-05-01', 'test')")
    old = rel("a1", 0, MACRON, "YIELDS", DEU)
    conn.execute("INSERT INTO relations VALUES (?, 'a1', 0, 'emmanuel-macron', 'YIELDS', 'DEU', 0, NULL, NULL, "
                 "'Macron conceded to Germany.', 0, 27, '2024-05-01', 0.9, 'rules', 'concede', 'Macron', "
                 "'Germany', 'FRA', NULL)", (old.id,))
    conn.execute("INSERT INTO roles VALUES ('emmanuel-macron', 'FRA', 'head_of_state', 'President', "
                 "'2017-05-14', NULL)")
    conn.execute("INSERT INTO unresolved VALUES ('a1', 'Atlantis', 2)")
    conn.commit()
    conn.close()


def test_a_schema_1_store_is_migrated_in_place_and_keeps_its_rows(tmp_path):
    path = tmp_path / "old.db"
    _v1_store(path)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError):  # the old kind check refuses agents ...
        conn.execute("INSERT INTO actors VALUES ('DEUJUD', 'German prosecutors', 'agent', 'DEU')")
    conn.close()
    with SQLiteStore(path, create=False) as store:  # ... opening it (even read-only use) migrates
        assert [(a["id"], a["kind"], a["acts_for"], a["sector"]) for a in store.actors()] == [
            ("DEU", "state", None, None), ("FRA", "state", None, None),
            ("emmanuel-macron", "person", "FRA", None)]
        (row,) = store.relations()
        assert row["plover"] == "YIELD" and row["sentence"] == "Macron conceded to Germany."
        assert list(store.roles())[0]["role"] == "head_of_state"
        assert next(store.unresolved())["count"] == 2
        # ... and the migrated store takes the new kinds, sectors and roots
        store.write([Extraction(art("a2"), [dataclasses.replace(rel("a2", 0, DEUJUD, "ACCUSES", FRA),
                                                                plover="ACCUSE"),
                                            rel("a2", 1, ACLU, "CRITICIZES", DEUJUD)])])
        assert {a["id"]: a["sector"] for a in store.actors()}["DEUJUD"] == "JUD"
        assert store.stats()["relations_with_kind"] == {"agent": 2, "unresolved": 1}
        migrated = store.dump()
    conn = sqlite3.connect(path)
    assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == str(SCHEMA_VERSION) == "4"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # foreign keys still point at the rebuilt actors table: a relation to a missing actor is refused
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE relations SET subject_id = 'nobody'")
    conn.close()
    # opening again changes nothing (the migration ran once)
    with SQLiteStore(path) as store:
        assert store.dump() == migrated
    # the migrated file has the layout of a new one
    new = tmp_path / "new.db"
    SQLiteStore(new).close()

    def layout(p):
        c = sqlite3.connect(p)
        cols = {t: [r[1:3] for r in c.execute(f"PRAGMA table_info({t})")]
                for t in ("actors", "articles", "relations", "roles", "unresolved", "meta")}
        c.close()
        return cols
    assert layout(path) == layout(new)


def test_a_half_migrated_store_completes_its_migration(tmp_path):
    """A migration step done before (the plover column already there) is not done twice."""
    path = tmp_path / "old.db"
    _v1_store(path)
    _execute(path, "ALTER TABLE relations ADD COLUMN plover TEXT")
    with SQLiteStore(path) as store:
        assert next(store.relations())["plover"] == "YIELD"
        store.write([Extraction(art("a2"), [rel("a2", 0, DEUJUD, "ACCUSES", FRA)])])
    conn = sqlite3.connect(path)
    assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == str(SCHEMA_VERSION)
    assert [r[1] for r in conn.execute("PRAGMA table_info(relations)")].count("plover") == 1
    conn.close()


def test_a_migration_that_fails_leaves_the_schema_1_store_as_it_was(tmp_path):
    path = tmp_path / "old.db"
    _v1_store(path)
    _execute(path, "DELETE FROM actors WHERE id = 'DEU'")  # foreign keys were off: a dangling relation
    before = sqlite3.connect(path)
    schema = before.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall()
    before.close()
    with pytest.raises(StoreError) as e:
        SQLiteStore(path)
    assert str(e.value) == (f"{path}: cannot migrate schema 1 to 2: the store has relations whose "
                            "actors are missing")
    after = sqlite3.connect(path)
    assert after.execute("SELECT name, sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert dict(after.execute("SELECT key, value FROM meta"))["schema_version"] == "1"
    assert after.execute("SELECT COUNT(*) FROM actors").fetchone()[0] == 2
    after.close()


# --- read-only opening (graphkit stats, view, export, analyze, load) --------------------------

def _wal_files(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.endswith(("-wal", "-shm")))


def _built(path: Path) -> Path:
    with SQLiteStore(path) as s:
        s.write([Extraction(art("a1"), [rel("a1", 0, FRA, "WARNS", RUS), rel("a1", 1, MACRON, "MEETS", DEU)])])
    return path


def test_a_read_only_store_refuses_writes_and_leaves_the_folder_as_it_was(tmp_path):
    path = _built(tmp_path / "g.db")
    before = path.read_bytes()
    assert _wal_files(path) == []
    with SQLiteStore(path, readonly=True) as s:
        assert s.stats()["relations"] == 2 and len(list(s.relations())) == 2
        # the connection itself is read-only: SQLite refuses every write
        for sql in ("INSERT INTO articles (id) VALUES ('x')", "DELETE FROM relations", "CREATE TABLE t (x)"):
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                s.conn.execute(sql)
        with pytest.raises(sqlite3.OperationalError):  # leaving WAL mode is a write too
            s.conn.execute("PRAGMA journal_mode = DELETE")
    assert _wal_files(path) == []  # no -wal/-shm left behind
    assert path.read_bytes() == before
    with pytest.raises(StoreError, match="no such database"):
        SQLiteStore(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_a_read_only_reader_beside_a_writer_sees_its_commits_and_keeps_its_files(tmp_path):
    path = _built(tmp_path / "g.db")
    with SQLiteStore(path) as writer:
        writer.write([Extraction(art("a2"), [rel("a2", 0, DEU, "SANCTIONS", RUS)])])
        assert _wal_files(path) == ["g.db-shm", "g.db-wal"]  # the writer's, open
        with SQLiteStore(path, readonly=True) as reader:
            assert reader.stats()["relations"] == 3  # committed rows still in the WAL
        assert _wal_files(path) == ["g.db-shm", "g.db-wal"]  # left to their owner
        writer.write([Extraction(art("a3"), [rel("a3", 0, RUS, "ATTACKS", DEU)])])
    assert _wal_files(path) == []
    with SQLiteStore(path, readonly=True) as reader:
        assert reader.stats()["relations"] == 4


def test_a_schema_1_store_read_read_only_is_migrated_where_it_can_be(tmp_path):
    path = tmp_path / "v1.db"
    _v1_store(path)
    with SQLiteStore(path, readonly=True) as s:
        version = s.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        assert version == str(SCHEMA_VERSION)
        assert all(r["plover"] for r in s.relations())
    assert _wal_files(path) == []


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder holding a built store, and the same folder mounted read-only (a bind mount:
    root ignores permission bits, not a read-only mount). Skips where mounts are not allowed."""
    import os
    import subprocess

    src, ro = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    ro.mkdir()
    _built(src / "g.db")
    ok = subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode == 0
    if ok and subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True).returncode != 0:
        subprocess.run(["umount", str(ro)], capture_output=True)
        ok = False
    if not ok:
        msg = "cannot bind-mount a folder read-only here (needs root with CAP_SYS_ADMIN)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)
    try:
        with pytest.raises(OSError):  # really read-only, even for root
            (ro / "probe").write_text("x")
        yield src, ro
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)


def test_read_commands_work_on_a_store_in_a_read_only_folder(read_only_folder, tmp_path):
    from click.testing import CliRunner

    from graphkit.cli import main

    src, ro = read_only_folder
    db = str(ro / "g.db")
    runner = CliRunner()
    for args in (["stats", "--db", db], ["stats", "--db", db, "--json"],
                 ["analyze", "--db", db, "--top", "2"],
                 ["view", "--db", db, "--out", str(tmp_path / "v.html")],
                 ["export", "--db", db, "--format", "json", "--out", str(tmp_path / "g.json")]):
        r = runner.invoke(main, args)
        assert r.exit_code == 0, (args, r.output)
    assert json.loads(runner.invoke(main, ["stats", "--db", db, "--json"]).stdout)["relations"] == 2
    assert (tmp_path / "v.html").stat().st_size > 0 and (tmp_path / "g.json").stat().st_size > 0
    assert _wal_files(src / "g.db") == []
    # a writing command says what is wrong in one line
    r = runner.invoke(main, ["import", str(Path(__file__).resolve().parents[1] / "examples" / "relations.csv"),
                             "--db", db])
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1, r.output


def test_actors_no_relation_names_any_more_are_removed(store):
    """Re-extracting an article leaves no orphan actors behind; an actor another actor acts for
    stays while that one does."""
    store.write([Extraction(art("a1"), [rel("a1", 0, DEUJUD, "ACCUSES", RUS), rel("a1", 1, FRA, "MEETS", DEU)])])
    assert {a["id"] for a in store.actors()} == {"DEUJUD", "RUS", "FRA", "DEU"}
    store.write([Extraction(art("a1"), [rel("a1", 0, DEUJUD, "ACCUSES", RUS)])])
    assert {a["id"] for a in store.actors()} == {"DEUJUD", "RUS", "DEU"}  # DEU: DEUJUD acts for it
    store.write([Extraction(art("a1"), [])])
    assert not list(store.actors())


# --- speakers and event dates (schema 3) -------------------------------------------------------

V2_DDL = Path(__file__).resolve().parent / "data" / "sqlite_schema_v2.sql"
LAVROV = Actor("sergey-lavrov", "Sergey Lavrov", "person", acts_for="RUS",
               roles=(Role("RUS", "foreign_minister", "Foreign Minister", "2004-03-09"),))


def said(r: Relation, speaker: Actor, text: str) -> Relation:
    return dataclasses.replace(r, speaker=Mention(speaker, text, 40, 40 + len(text)))


def test_speaker_and_dates_are_written_read_back_and_keep_the_speaker_actor(store):
    claim = dataclasses.replace(said(rel("a1", 0, DEU, "SUPPLIES", RUS), LAVROV, "the minister"),
                                date="2022-02-24", date_source="text", article_date="2024-05-01")
    plain = rel("a1", 1, FRA, "MEETS", DEU)  # no speaker, dated by its article
    store.write([Extraction(art("a1"), [claim, plain])])
    rows = {r["id"]: r for r in store.relations()}
    assert {k: rows[claim.id][k] for k in ("speaker_id", "speaker_mention", "date", "date_source",
                                           "article_date")} == {
        "speaker_id": "sergey-lavrov", "speaker_mention": "the minister", "date": "2022-02-24",
        "date_source": "text", "article_date": "2024-05-01"}
    # a relation that does not carry its article's date gets the article's
    assert (rows[plain.id]["speaker_id"], rows[plain.id]["date_source"], rows[plain.id]["article_date"]) == (
        None, "article", "2024-05-01")
    # the speaker is an actor of the store (with its roles), though it is neither subject nor object
    assert {a["id"] for a in store.actors()} == {"DEU", "FRA", "RUS", "sergey-lavrov"}
    assert [r["role"] for r in store.roles()] == ["foreign_minister"]
    dump = store.dump()
    store.write([Extraction(art("a1"), [claim, plain])])
    assert store.dump() == dump  # idempotent
    # re-extracted without the claim: the speaker no relation names any more goes with it
    store.write([Extraction(art("a1"), [plain])])
    assert {a["id"] for a in store.actors()} == {"DEU", "FRA"}


def _v2_store(path: Path) -> Relation:
    """A store file as graphkit wrote it with schema 2 (no speakers, one date per relation)."""
    conn = sqlite3.connect(path)
    conn.executescript(V2_DDL.read_text(encoding="utf-8"))
    conn.executemany("INSERT INTO meta VALUES (?, ?)", [("application", "graphkit"), ("schema_version", "2")])
    conn.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", [
        ("FRA", "France", "state", None, None), ("DEU", "Germany", "state", None, None),
        ("DEUJUD", "German prosecutors", "agent", "DEU", "JUD")])
    conn.execute("INSERT INTO articles VALUES ('a1', 'Old', 'https://example.org/a1', '2024-05-01', 'test')")
    old = rel("a1", 0, DEUJUD, "ACCUSES", FRA)
    conn.execute("INSERT INTO relations VALUES (?, 'a1', 0, 'DEUJUD', 'ACCUSES', 'FRA', 0, NULL, NULL, "
                 "'German prosecutors accused France.', 0, 34, NULL, 0.9, 'rules', 'accuse', "
                 "'German prosecutors', 'France', NULL, NULL, 'ACCUSE')", (old.id,))
    conn.commit()
    conn.close()
    return old


def _layout(p: Path) -> dict:
    c = sqlite3.connect(p)
    cols = {t: [r[1:] for r in c.execute(f"PRAGMA table_info({t})")]
            for t in ("actors", "articles", "relations", "roles", "unresolved", "meta")}
    indexes = sorted(r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'index' "
                                             "AND name NOT LIKE 'sqlite_%'"))
    c.close()
    return {"columns": cols, "indexes": indexes}


def test_a_schema_2_store_is_migrated_to_3_in_place(tmp_path):
    path = tmp_path / "v2.db"
    old = _v2_store(path)
    with SQLiteStore(path, create=False) as store:
        (row,) = store.relations()
        assert row["id"] == old.id and row["sentence"] == "German prosecutors accused France."
        # rows from before: no speaker, their article's date as both dates' source
        assert (row["speaker_id"], row["speaker_mention"], row["date_source"], row["article_date"]) == (
            None, None, "article", "2024-05-01")
        (found,) = store.find_relations()
        assert found.speaker is None and found.date == "2024-05-01" and found.subject.actor.sector == "JUD"
        # the migrated store takes speakers
        store.write([Extraction(art("a2"), [said(rel("a2", 0, FRA, "WARNS", DEU), LAVROV, "Lavrov")])])
        assert [r.speaker.actor.id for r in store.find_relations(speaker="Sergey Lavrov")] == ["sergey-lavrov"]
        migrated = store.dump()
    conn = sqlite3.connect(path)
    assert dict(conn.execute("SELECT key, value FROM meta"))["schema_version"] == "4" == str(SCHEMA_VERSION)
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.execute("PRAGMA foreign_keys = ON")
    with pytest.raises(sqlite3.IntegrityError):  # speaker_id references actors, as in a new store
        conn.execute("UPDATE relations SET speaker_id = 'nobody'")
    conn.close()
    with SQLiteStore(path) as store:  # opening again changes nothing
        assert store.dump() == migrated
    new = tmp_path / "new.db"
    SQLiteStore(new).close()
    assert _layout(path) == _layout(new)  # columns (types, defaults, order) and indexes of a new store


def test_a_half_migrated_schema_2_store_completes_its_migration(tmp_path):
    path = tmp_path / "v2.db"
    _v2_store(path)
    _execute(path, "ALTER TABLE relations ADD COLUMN speaker_id TEXT REFERENCES actors(id)")
    with SQLiteStore(path) as store:
        assert next(store.relations())["date_source"] == "article"
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(relations)")]
    assert columns.count("speaker_id") == 1 and columns[-4:] == ["speaker_id", "speaker_mention",
                                                                 "date_source", "article_date"]
    conn.close()


def test_migration_steps_run_in_order_and_each_says_what_it_migrates(tmp_path):
    from graphkit.stores.sqlite import _MIGRATIONS

    assert [v for v, _ in _MIGRATIONS] == list(range(2, SCHEMA_VERSION + 1))
    path = tmp_path / "v2.db"
    _v2_store(path)
    _execute(path, "DELETE FROM actors WHERE id = 'FRA'")  # what schema 1 -> 2 would check, not 2 -> 3
    with SQLiteStore(path) as store:  # a 2 -> 3 step only: no foreign key check of schema 1 -> 2
        assert next(store.relations())["object_id"] == "FRA"
