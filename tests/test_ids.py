"""Article ids (issue 16, item 1): two different inputs never share an id, the same input by
another path is the same article, replacing an article read from another input is reported,
an import replaces only its own file's rows, and a store built before (ids relative to the
folder built, import ids on the file's stem) opens and re-builds without doubling.

Every case runs through the CLI into the SQLite store and into a real Neo4j server (the
`neo4j` tests skip without one, see conftest.py).
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.stores import open_store
from graphkit.stores.sqlite import SCHEMA_VERSION, SQLiteStore

LEGACY = Path(__file__).resolve().parent / "data" / "ids_v2"  # a schema-2 store and its inputs

A = "France criticized Germany on Tuesday. Russia warned NATO on Wednesday.\n"
B = "China sanctioned Japan on Monday. India met Pakistan in Delhi on Friday.\n"
C = "Iran warned Israel on Friday.\n"


@dataclass
class Target:
    """A store the CLI writes to: its options, the environment they need, where it is."""

    args: list[str]
    env: dict[str, str]
    where: Any

    def rows(self) -> dict[str, list]:
        """What the store holds, sorted: articles (id, input), triples by article, actor ids."""
        with open_store(self.where, readonly=True) as s:  # type: ignore[attr-defined]
            return {"articles": sorted((a["id"], a.get("input")) for a in s.articles()),
                    "relations": sorted((r["doc_id"], r["subject_id"], r["relation"], r["object_id"])
                                        for r in s.relations()),
                    "actors": sorted(a["id"] for a in s.actors())}


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def target(request, tmp_path) -> Target:
    if request.param == "sqlite":
        return Target(["--db", str(tmp_path / "g.db")], {}, tmp_path / "g.db")
    settings = request.getfixturevalue("neo4j_clean")
    env = {"NEO4J_USER": settings.user, "NEO4J_PASSWORD": settings.password,
           "NEO4J_DATABASE": settings.database or ""}
    return Target(["--neo4j", settings.uri], env, settings)


def gk(target: Target, *args: str, input: str | None = None, code: int = 0) -> Any:
    """Run a graphkit command into `target`; check its exit code."""
    r = CliRunner().invoke(main, [*args, *target.args], input=input, env=target.env)
    assert r.exit_code == code, (r.stdout, r.stderr)
    return r


def build(target: Target, *inputs: Path | str, input: str | None = None, code: int = 0) -> Any:
    return gk(target, "build", *map(str, inputs), "--jobs", "1", input=input, code=code)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def triples(target: Target) -> set[tuple[str, str, str]]:
    return {r[1:] for r in target.rows()["relations"]}


# --- builds ----------------------------------------------------------------------------------

def test_two_folders_with_a_file_of_one_name_give_two_articles(target, tmp_path):
    a = write(tmp_path / "corpus" / "a" / "story.txt", A)
    b = write(tmp_path / "corpus" / "b" / "story.txt", B)
    build(target, a.parent)
    r = build(target, b.parent)
    assert "stale removed" not in r.stdout and r.stderr == ""
    rows = target.rows()
    assert sorted(i for _, i in rows["articles"]) == [str(a), str(b)]
    assert all(ident.startswith("story@") for ident, _ in rows["articles"])  # readable, and apart
    assert triples(target) == {("FRA", "CRITICIZES", "DEU"), ("RUS", "WARNS", "NATO"),
                               ("CHN", "SANCTIONS", "JPN"), ("IND", "MEETS", "PAK")}


def test_the_same_files_reached_by_another_path_are_the_same_articles(target, tmp_path):
    corpus = tmp_path / "parent" / "corpus"
    write(corpus / "a" / "story.txt", A)
    write(corpus / "2024-05-01-b.txt", B)
    write(corpus / "wire.jsonl", json.dumps({"id": "7", "text": C}) + "\n")
    build(target, corpus)
    first = target.rows()
    assert len(first["articles"]) == 3 and len(first["relations"]) == 5
    (tmp_path / "link").symlink_to(corpus)
    for again in (corpus.parent, tmp_path / "link", corpus / ".." / "corpus", corpus / "a" / "story.txt"):
        r = build(target, again)
        assert "stale removed" not in r.stdout and r.stderr == "", again
        assert target.rows() == first, again


def test_a_file_built_from_its_folder_then_its_parent_with_another_extractor_is_replaced(target, tmp_path):
    """Re-extracting an article (a better extractor) replaces what the earlier run derived from it,
    whichever folder the build was given."""
    pytest.importorskip("spacy")
    story = write(tmp_path / "corpus" / "a" / "story.txt", A)
    build(target, story.parent)
    gk(target, "build", str(tmp_path / "corpus"), "--jobs", "1", "--extractor", "dependency")
    with open_store(target.where, readonly=True) as s:  # type: ignore[attr-defined]
        assert [a["id"] for a in s.articles()] == [f"story@{_hash(story)}"]
        extractors = {r["extractor"] for r in s.relations()}
    assert extractors == {"dependency"}


def _hash(path: Path) -> str:
    from graphkit.readers import id_hash

    return id_hash(str(path.resolve()))


def test_articles_on_stdin_are_told_apart_by_their_text_or_their_id(target, tmp_path):
    build(target, "-", input=A)
    build(target, "-", input=B)
    build(target, "-", input=A)  # the same text again: the same article
    rows = target.rows()
    assert len(rows["articles"]) == 2 and len(rows["relations"]) == 4
    assert {i for _, i in rows["articles"]} == {"<stdin>"}
    assert all(ident.startswith("stdin@") for ident, _ in rows["articles"])
    # an explicit id: the article of that id, replaced by the next text given it
    gk(target, "build", "-", "--id", "note-1", "--jobs", "1", input=C)
    assert ("note-1", "<stdin>") in target.rows()["articles"]
    r = gk(target, "build", "-", "--id", "note-1", "--jobs", "1", input="Brazil met Canada.\n")
    assert "1 stale removed" in r.stdout and r.stderr == ""  # the same id from the same input: silent
    rows = target.rows()
    assert len(rows["articles"]) == 3
    assert [t[1:] for t in rows["relations"] if t[0] == "note-1"] == [("BRA", "MEETS", "CAN")]
    # JSON lines on stdin: --id is their source
    line = json.dumps({"id": "1", "text": C}) + "\n"
    gk(target, "build", "-", "--id", "feed-a", "--jobs", "1", input=line)
    gk(target, "build", "-", "--id", "feed-b", "--jobs", "1", input=line)
    assert {"1@feed-a", "1@feed-b"} <= {i for i, _ in target.rows()["articles"]}
    # --id without -: one line, exit 2, nothing written
    r = gk(target, "build", str(write(tmp_path / "x.txt", C)), "--id", "x", code=2)
    assert r.stderr.strip() == "graphkit: error: an id for standard input (--id) but no - among the inputs"
    assert len(target.rows()["articles"]) == 5


def test_jsonl_ids_are_namespaced_by_their_file_unless_the_record_has_a_url(target, tmp_path):
    feed_a = write(tmp_path / "a" / "feed.jsonl", json.dumps({"id": "1", "text": A}) + "\n")
    feed_b = write(tmp_path / "b" / "feed.jsonl", json.dumps({"id": "1", "text": B}) + "\n")
    build(target, feed_a)
    r = build(target, feed_b)
    assert "stale removed" not in r.stdout and r.stderr == ""
    assert [i for i, _ in target.rows()["articles"]] == sorted([f"1@{_hash(feed_a)}", f"1@{_hash(feed_b)}"])
    assert len(triples(target)) == 4
    # a URL is the article: the same story from two feeds is one, and the second says so
    url = "https://example.org/2024/story"
    one = write(tmp_path / "c.jsonl", json.dumps({"id": "x", "url": url, "text": C}) + "\n")
    two = write(tmp_path / "d.jsonl", json.dumps({"id": "y", "url": "https://EXAMPLE.org/2024/story#top",
                                                  "text": C + "Brazil met Canada.\n"}) + "\n")
    build(target, one)
    r = build(target, two)
    assert r.stderr.strip() == (f"graphkit: warning: 1 article replaced stored ones of the same id read from "
                                f"another input, e.g. {url!r}, read from {one} before and from {two} now")
    rows = target.rows()
    assert (url, str(two)) in rows["articles"] and len(rows["articles"]) == 3
    assert [t[1:] for t in rows["relations"] if t[0] == url] == [("BRA", "MEETS", "CAN"), ("IRN", "WARNS", "ISR")]


def test_an_id_written_in_two_files_is_reported_when_one_replaces_the_other(target, tmp_path):
    one = write(tmp_path / "one.txt", "Id: brief-1\n\n" + A)
    two = write(tmp_path / "two.txt", "Id: brief-1\n\n" + B)
    build(target, one)
    r = build(target, two)
    assert "1 article replaced stored ones of the same id read from another input, e.g. 'brief-1'" in r.stderr
    assert f"read from {one} before and from {two} now" in r.stderr
    assert target.rows()["articles"] == [("brief-1", str(two))]


def test_the_build_summary_counts_what_was_stored_when_ids_repeat(target, tmp_path):
    """Item 9: an id given twice is extracted and stored once (the last), and counted once."""
    feed = write(tmp_path / "dup.jsonl", "".join(json.dumps(r) + "\n" for r in (
        {"id": "same", "text": A}, {"id": "other", "text": C}, {"id": "same", "text": B})))
    r = build(target, feed)
    assert r.stdout.startswith(f"built {target.args[1]}: 2 articles, 3 relations, 0 unresolved"), r.stdout
    assert r.stderr.strip() == ("graphkit: warning: 1 article id occurs more than once in the inputs (the last "
                                f"of each is stored), e.g. 'same@{_hash(feed)}' again at {feed}:3")
    rows = target.rows()
    assert len(rows["articles"]) == 2 and len(rows["relations"]) == 3
    assert triples(target) == {("CHN", "SANCTIONS", "JPN"), ("IND", "MEETS", "PAK"), ("IRN", "WARNS", "ISR")}


# --- imports ---------------------------------------------------------------------------------

ROWS = "subject,relation,object\nRussia,ATTACKS,Ukraine\nFrance,CRITICIZES,Germany\nChina,MEETS,India\n"


def test_an_import_replaces_only_the_rows_of_the_same_file(target, tmp_path):
    files = [write(tmp_path / "rels.csv", ROWS),
             write(tmp_path / "rels.jsonl", json.dumps({"subject": "Japan", "relation": "MEETS",
                                                         "object": "India"}) + "\n"),
             write(tmp_path / "week1" / "relations.csv", ROWS),
             write(tmp_path / "week2" / "relations.csv", "subject,relation,object\nIran,WARNS,Israel\n")]
    for f in files:
        r = gk(target, "import", str(f))
        assert "removed" not in r.stdout and r.stderr == "", f
    rows = target.rows()
    assert len(rows["articles"]) == 8
    assert {i for _, i in rows["articles"]} == {str(f) for f in files}
    # week1 edited: its dropped rows go, and nothing of the three other files
    write(files[2], "subject,relation,object\nRussia,ATTACKS,Ukraine\n")
    r = gk(target, "import", str(tmp_path / "week1" / ".." / "week1" / "relations.csv"))
    assert r.stdout.rstrip().endswith("; removed 2 rows no longer in the file")
    after = target.rows()
    assert [a for a in after["articles"] if a[1] != str(files[2])] == \
        [a for a in rows["articles"] if a[1] != str(files[2])]
    assert len(after["articles"]) == 6
    assert [ident for ident, i in after["articles"] if i == str(files[2])] == \
        [f"import:relations@{_hash(files[2])}:2"]  # the stem and line stay readable


@pytest.mark.neo4j
def test_neo4j_drops_the_actors_no_relation_names_any_more(neo4j_clean, tmp_path):
    """Item 9: re-extraction, an edited import and a migrated article leave no orphan actors;
    an actor an agent acts for stays while the agent does."""
    t = Target(["--neo4j", neo4j_clean.uri], {"NEO4J_USER": neo4j_clean.user,
                                              "NEO4J_PASSWORD": neo4j_clean.password}, neo4j_clean)
    story = write(tmp_path / "story.txt", A + "German prosecutors accused Iran on Monday.\n")
    build(t, story)
    assert t.rows()["actors"] == ["DEU", "DEUJUD", "FRA", "IRN", "NATO", "RUS"]
    write(story, "German prosecutors accused Iran on Monday.\n")
    build(t, story)
    assert t.rows()["actors"] == ["DEU", "DEUJUD", "IRN"]  # DEU: German prosecutors act for it
    write(story, "China sanctioned Japan on Monday.\n")
    build(t, story)
    assert t.rows()["actors"] == ["CHN", "JPN"]
    rels = write(tmp_path / "rels.csv", "subject,relation,object\nVladimir Putin,WARNS,Ukraine\n")
    gk(t, "import", str(rels))
    assert {"vladimir-putin", "UKR", "RUS"} <= set(t.rows()["actors"])  # RUS: Putin acts for it
    write(rels, "subject,relation,object\nIndia,MEETS,Pakistan\n")
    gk(t, "import", str(rels))
    assert t.rows()["actors"] == ["CHN", "IND", "JPN", "PAK"]


# --- a store built before ----------------------------------------------------------------------

def _legacy_inputs(folder: Path) -> Path:
    """The inputs the legacy store was built from, copied to `folder`."""
    shutil.copytree(LEGACY / "corpus", folder / "corpus")
    shutil.copy(LEGACY / "rels.csv", folder / "rels.csv")
    return folder


def _legacy_store(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.executescript((LEGACY / "store.sql").read_text(encoding="utf-8"))
    conn.close()
    return path


def test_a_store_built_before_opens_and_rebuilds_without_doubling(tmp_path):
    src = _legacy_inputs(tmp_path)
    old = _legacy_store(tmp_path / "old.db")
    fresh = Target(["--db", str(tmp_path / "fresh.db")], {}, tmp_path / "fresh.db")
    build(fresh, src / "corpus")
    gk(fresh, "import", str(src / "rels.csv"))

    t = Target(["--db", str(old)], {}, old)
    r = CliRunner().invoke(main, ["stats", "--db", str(old)])
    assert r.exit_code == 0 and r.stdout.startswith(f"{old}: 8 articles"), r.output  # doubled, before
    assert "articles stored under the ids of an older graphkit: 8; build (or import) their inputs again" in r.stdout
    with SQLiteStore(old, create=False) as s:
        assert {a["input"] for a in s.articles()} == {None}  # migrated: every article from before
    conn = sqlite3.connect(old)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == str(SCHEMA_VERSION)
    conn.close()
    # corpus/a first: its old "a/story" is replaced; "story" (corpus/b's text) is not a's and stays
    r = build(t, src / "corpus" / "a")
    assert "1 re-keyed from their old ids" in r.stdout
    assert ("story", None) in t.rows()["articles"]
    r = build(t, src / "corpus")
    assert "4 re-keyed from their old ids" in r.stdout  # b/story and story (both b's), w1, w2
    r = gk(t, "import", str(src / "rels.csv"))
    assert r.stdout.rstrip().endswith("re-keyed 3 rows from their old ids") and "removed" not in r.stdout
    assert t.rows() == fresh.rows()
    with SQLiteStore(old) as a, SQLiteStore(fresh.where) as b:
        assert a.dump() == b.dump()  # every row of every table
    r = build(t, src / "corpus")
    assert "re-keyed" not in r.stdout and "stale" not in r.stdout
    assert t.rows() == fresh.rows()
    r = CliRunner().invoke(main, ["stats", "--db", str(old), "--json"])
    assert json.loads(r.stdout)["articles_before_input"] == 0


@pytest.mark.neo4j
def test_a_neo4j_graph_loaded_before_rebuilds_without_doubling(neo4j_clean, tmp_path):
    src = _legacy_inputs(tmp_path)
    old = _legacy_store(tmp_path / "old.db")
    env = {"NEO4J_USER": neo4j_clean.user, "NEO4J_PASSWORD": neo4j_clean.password}
    r = CliRunner().invoke(main, ["load", "--db", str(old), "--neo4j", neo4j_clean.uri], env=env)
    assert r.exit_code == 0, r.output
    t = Target(["--neo4j", neo4j_clean.uri], env, neo4j_clean)
    before = t.rows()
    assert len(before["articles"]) == 8 and {i for _, i in before["articles"]} == {None}

    build(t, src / "corpus" / "a")
    assert ("story", None) in t.rows()["articles"]  # corpus/b's text: not a's
    r = build(t, src / "corpus")
    assert "4 re-keyed from their old ids" in r.stdout
    r = gk(t, "import", str(src / "rels.csv"))
    assert "re-keyed 3 rows" in r.stdout
    fresh = Target(["--db", str(tmp_path / "fresh.db")], {}, tmp_path / "fresh.db")
    build(fresh, src / "corpus")
    gk(fresh, "import", str(src / "rels.csv"))
    assert t.rows() == fresh.rows()
    build(t, src / "corpus")
    assert t.rows() == fresh.rows()


def test_a_store_built_before_is_read_as_it_is_where_it_cannot_be_migrated(tmp_path):
    """A schema-2 store on a read-only mount (or of another user's) still reads: articles come
    back without their input; nothing is written."""
    import subprocess

    src, ro = tmp_path / "src", tmp_path / "ro"
    src.mkdir()
    ro.mkdir()
    _legacy_store(src / "old.db")
    before = (src / "old.db").read_bytes()
    if subprocess.run(["mount", "--bind", str(src), str(ro)], capture_output=True).returncode != 0:
        pytest.skip("cannot bind-mount a folder here (needs root with CAP_SYS_ADMIN)")
    try:
        if subprocess.run(["mount", "-o", "remount,ro,bind", str(ro)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a bind mount read-only here")
        with SQLiteStore(ro / "old.db", readonly=True) as s:
            arts = list(s.articles())
            assert len(arts) == 8 and {a["input"] for a in arts} == {None}
        r = CliRunner().invoke(main, ["stats", "--db", str(ro / "old.db"), "--json"])
        assert r.exit_code == 0, r.output
        stats = json.loads(r.stdout)
        assert (stats["schema_version"], stats["articles"], stats["articles_before_input"]) == (2, 8, 8)
    finally:
        subprocess.run(["umount", str(ro)], capture_output=True)
    assert (src / "old.db").read_bytes() == before
    assert sorted(os.listdir(src)) == ["old.db"]
