"""`import_relations` and `graphkit import`: CSV/JSONL rows checked, resolved and loaded."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.imports import import_relations
from graphkit.readers import id_hash
from graphkit.stores.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "relations.csv"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def ns(src: Path) -> str:
    """The prefix of an import's article ids: the file's stem and a hash of its resolved path."""
    return f"import:{src.stem}@{id_hash(str(src.resolve()))}"


def triples(db: Path) -> list[tuple]:
    with SQLiteStore(db) as store:
        return [(r["doc_id"], r["subject_id"], r["relation"], r["object_id"], r["negated"], r["date"])
                for r in store.relations()]


def one_line_error(result) -> str:
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert err.startswith("graphkit: error: "), err
    return err


@pytest.fixture
def runner():
    return CliRunner()


def test_example_file_imports_and_reimports_identically(tmp_path):
    db = tmp_path / "g.db"
    report = import_relations(EXAMPLE, db=db)
    assert report.rows == report.imported == 29 and report.skipped == {}
    assert report.new_actors == {"Nancy Pelosi": "other:nancy-pelosi"}
    with SQLiteStore(db) as store:
        before = store.dump()
        actors = {a["id"]: a for a in store.actors()}
        rels = list(store.relations())
        stats = store.stats()
    assert actors["other:nancy-pelosi"]["kind"] == "other"
    assert {r["extractor"] for r in rels} == {"import"}
    assert {r["doc_id"].rsplit(":", 1)[0] for r in rels} == {ns(EXAMPLE)}
    assert stats["negated"] == 1 and stats["dates"] == {"first": "2022-02-24", "last": "2025-08-15"}
    again = import_relations(EXAMPLE, db=db)
    assert again.imported == 29 and again.removed == 0
    with SQLiteStore(db) as store:
        assert store.dump() == before


def test_example_script_runs(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "examples" / "import_relations.py"), str(tmp_path / "g.db")],
                         capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "imported 29 of 29 rows" in out.stdout and "NOT AGREES_WITH" in out.stdout


def test_names_resolve_like_article_text(tmp_path):
    src = write(tmp_path / "r.csv", "subject,relation,object,date\n"
                                    "Beijing,sanctions,Washington,2025-04-04\n"
                                    "Xi Jinping,Agrees With,the Kremlin,2024-05-16\n"
                                    "Wagnerite Brigade,attacks,Kyiv,2024-01-01\n")
    db = tmp_path / "g.db"
    report = import_relations(src, db=db)
    assert triples(db) == [
        (f"{ns(src)}:2", "CHN", "SANCTIONS", "USA", False, "2025-04-04"),
        (f"{ns(src)}:3", "xi-jinping", "AGREES_WITH", "RUS", False, "2024-05-16"),
        (f"{ns(src)}:4", "other:wagnerite-brigade", "ATTACKS", "UKR", False, "2024-01-01"),
    ]
    assert report.new_actors == {"Wagnerite Brigade": "other:wagnerite-brigade"}
    with SQLiteStore(db) as store:
        acts = store.conn.execute("SELECT subject_acts_for FROM relations WHERE subject_id = 'xi-jinping'").fetchone()
        assert acts == ("CHN",)
        assert {u["mention"] for u in store.unresolved()} == {"Wagnerite Brigade"}
        assert any(r["person_id"] == "xi-jinping" for r in store.roles())


def test_jsonl_rows(tmp_path):
    rows = [{"subject": "France", "relation": "criticizes", "object": "Russia", "negated": True,
             "date": "2024-02-01T10:00:00Z", "url": "https://example.org/1", "source": "Desk",
             "sentence": "<script>alert(1)</script> France did not criticize Russia."},
            {"subject": "Germany", "relation": "SUPPLIES", "object": "Ukraine", "negated": "no", "extra": 1}]
    src = write(tmp_path / "r.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n\n")
    db = tmp_path / "g.db"
    report = import_relations(src, db=db)
    assert report.imported == 2 and report.ignored_columns == ["extra"]
    assert triples(db) == [(f"{ns(src)}:1", "FRA", "CRITICIZES", "RUS", True, "2024-02-01"),
                           (f"{ns(src)}:2", "DEU", "SUPPLIES", "UKR", False, None)]
    with SQLiteStore(db) as store:
        first = next(store.articles())
        assert (first["url"], first["source"], first["date"]) == ("https://example.org/1", "Desk", "2024-02-01")
        assert next(store.relations())["sentence"] == rows[0]["sentence"]


BAD = ("subject,relation,object,date,negated\n"
       "France,MEETS,Germany,2024-01-01,\n"       # 2 ok
       "France,HUGS,Germany,2024-01-01,\n"        # 3 unknown relation
       ",MEETS,Germany,,\n"                       # 4 empty actor
       "France,MEETS,Germany,01/02/2024,\n"       # 5 bad date
       "France,MEETS,Germany,2024-02-30,\n"       # 6 bad date
       "France,MEETS,Germany,,maybe\n"            # 7 bad negated value
       "Paris,MEETS,France,,\n"                   # 8 same actor
       "\n"
       "Japan,WARNS,China,2024-03-01,yes\n")      # 10 ok


def test_a_bad_row_stops_the_import_and_names_its_line(tmp_path):
    src = write(tmp_path / "bad.csv", BAD)
    db = tmp_path / "g.db"
    with pytest.raises(InputError) as e:
        import_relations(src, db=db)
    msg = str(e.value)
    assert msg.startswith(f"{src}:3: unknown relation type 'HUGS'")
    assert msg.endswith("(and 5 more invalid rows; --skip-invalid loads the valid ones)")
    assert not db.exists()


def test_skip_invalid_loads_the_rest_and_counts_by_reason(tmp_path):
    src = write(tmp_path / "bad.csv", BAD)
    db = tmp_path / "g.db"
    report = import_relations(src, db=db, skip_invalid=True)
    assert report.rows == 8 and report.imported == 2
    assert report.skipped == {"unknown relation": 1, "empty actor": 1, "bad date": 2, "bad negated value": 1,
                              "same actor": 1}
    assert report.errors[0].startswith(f"{src}:3: unknown relation")
    assert [t[0] for t in triples(db)] == [f"{ns(src)}:10", f"{ns(src)}:2"]
    assert triples(db)[0][4] is True


def test_reimporting_an_edited_file_replaces_the_earlier_import(tmp_path):
    db = tmp_path / "g.db"
    src = write(tmp_path / "r.csv", "subject,relation,object\nFrance,MEETS,Germany\nJapan,WARNS,China\n"
                                    "India,ATTACKS,Pakistan\n")
    import_relations(src, db=db)
    write(src, "subject,relation,object\nFrance,MEETS,Germany\nJapan,CRITICIZES,China\n")
    report = import_relations(src, db=db)
    assert report.removed == 2
    assert triples(db) == [(f"{ns(src)}:2", "FRA", "MEETS", "DEU", False, None),
                           (f"{ns(src)}:3", "JPN", "CRITICIZES", "CHN", False, None)]


def test_file_level_problems(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        import_relations(tmp_path / "missing.csv", db=tmp_path / "g.db")
    with pytest.raises(InputError, match=r"r\.csv:1: the header row lacks the column\(s\) object"):
        import_relations(write(tmp_path / "r.csv", "subject,relation,target\nA,MEETS,B\n"), db=tmp_path / "g.db")
    latin = tmp_path / "l.csv"
    latin.write_bytes("subject,relation,object\nFrance,MEETS,Germany\nSão Tomé,MEETS,Genève\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"l\.csv:3: not UTF-8"):
        import_relations(latin, db=tmp_path / "g.db")
    with pytest.raises(InputError, match=r"j\.jsonl:2: invalid JSON"):
        import_relations(write(tmp_path / "j.jsonl", '{"subject": "France", "relation": "MEETS", "object": "Japan"}\n'
                                                    '{"subject": \n'), db=tmp_path / "g.db")
    # an empty file, or a header alone, is an error that says so, not a silent success
    for name, content in (("empty.csv", ""), ("header.csv", "subject,relation,object\n")):
        with pytest.raises(InputError, match=rf"{name}: no relation rows in the file"):
            import_relations(write(tmp_path / name, content), db=tmp_path / "g.db")
    assert not (tmp_path / "g.db").exists()


def test_json_arrays_and_semicolon_csv_are_read_as_what_they_are(tmp_path):
    """A JSON array of objects and a semicolon-separated CSV (as many locales save it) are read,
    with errors still naming the line their row starts on."""
    arr = write(tmp_path / "rels.json", '[{"subject": "France", "relation": "MEETS", "object": "Japan"},\n'
                                        ' {"subject": "Iran", "relation": "WARNS", "object": "Israel"}]\n')
    report = import_relations(arr, db=tmp_path / "g.db")
    assert report.rows == report.imported == 2
    semi = write(tmp_path / "rels.csv", "subject;relation;object\nChina;SANCTIONS;Lithuania\n")
    assert import_relations(semi, db=tmp_path / "g.db").imported == 1
    bad = write(tmp_path / "bad.json", '[{"subject": "France", "relation": "MEETS", "object": "Japan"},\n'
                                       ' {"subject": "X", "relation": "NOPE", "object": "Y"}]')
    with pytest.raises(InputError, match=r"bad\.json:2: unknown relation type 'NOPE'"):
        import_relations(bad, db=tmp_path / "g2.db")


def test_cli_import(runner, tmp_path):
    db = tmp_path / "g.db"
    result = runner.invoke(main, ["import", str(EXAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"imported 29 of 29 rows from {EXAMPLE} into {db}"
    assert "Nancy Pelosi (other:nancy-pelosi)" in result.stderr


def test_cli_import_unknown_relation_exits_2(runner, tmp_path):
    src = write(tmp_path / "bad.csv", "subject,relation,object\nFrance,MEETS,Germany\nFrance,HUGS,Germany\n")
    db = tmp_path / "g.db"
    result = runner.invoke(main, ["import", str(src), "--db", str(db)])
    assert result.exit_code == 2
    assert f"{src}:3: unknown relation type 'HUGS'" in one_line_error(result)
    assert not db.exists()


def test_cli_import_skip_invalid(runner, tmp_path):
    src = write(tmp_path / "bad.csv", BAD)
    result = runner.invoke(main, ["import", str(src), "--db", str(tmp_path / "g.db"), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("skipped 6 (2 bad date, 1 bad negated value, 1 empty actor, "
                                          "1 same actor, 1 unknown relation)")
    assert result.stdout.startswith("imported 2 of 8 rows")
    assert f"skipped {src}:3: unknown relation" in result.stderr


# --- PLOVER roots ------------------------------------------------------------------------------

def test_plover_column_is_checked_and_defaults_from_the_relation_type(tmp_path):
    db = tmp_path / "g.db"
    src = write(tmp_path / "p.csv", "subject,relation,object,plover\n"
                                    "Russia,ATTACKS,Ukraine,coerce\n"       # 2: given, not ATTACKS' own
                                    "France,MEETS,Germany,\n"              # 3: empty: MEETS' own
                                    "Japan,WARNS,China, THREATEN \n")     # 4: given, spaces around
    report = import_relations(src, db=db)
    assert report.imported == 3 and report.ignored_columns == []
    with SQLiteStore(db) as store:
        got = {r["doc_id"]: r["plover"] for r in store.relations()}
    assert got == {f"{ns(src)}:2": "COERCE", f"{ns(src)}:3": "CONSULT", f"{ns(src)}:4": "THREATEN"}
    # a file without the column: every relation gets its type's root
    q = write(tmp_path / "q.csv", "subject,relation,object\nUSA,SANCTIONS,Iran\n")
    import_relations(q, db=db)
    with SQLiteStore(db) as store:
        assert {r["doc_id"]: r["plover"] for r in store.relations()}[f"{ns(q)}:2"] == "SANCTION"


def test_jsonl_plover_field(tmp_path):
    db = tmp_path / "g.db"
    src = write(tmp_path / "p.jsonl", json.dumps({"subject": "Iran", "relation": "supplies", "object": "Russia",
                                                  "plover": "AID"}) + "\n"
                + json.dumps({"subject": "Iran", "relation": "supplies", "object": "Syria", "plover": None}) + "\n")
    import_relations(src, db=db)
    with SQLiteStore(db) as store:
        assert [r["plover"] for r in store.relations()] == ["AID", "AID"]
    bad = write(tmp_path / "b.jsonl", json.dumps({"subject": "Iran", "relation": "supplies", "object": "Syria",
                                                  "plover": 7}) + "\n")
    with pytest.raises(InputError, match=r"b\.jsonl:1: unknown PLOVER root '7'"):
        import_relations(bad, db=db)


def test_an_unknown_plover_root_names_its_file_and_line(runner, tmp_path):
    src = write(tmp_path / "bad.csv", "subject,relation,object,plover\nFrance,MEETS,Germany,CONSULT\n"
                                      "Russia,ATTACKS,Ukraine,BOMBARD\n")
    db = tmp_path / "g.db"
    with pytest.raises(InputError) as e:
        import_relations(src, db=db)
    assert str(e.value) == (f"{src}:3: unknown PLOVER root 'BOMBARD' (known: AGREE, CONSULT, SUPPORT, "
                            "COOPERATE, AID, YIELD, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, "
                            "MOBILIZE, COERCE, ASSAULT)")
    assert not db.exists()
    result = runner.invoke(main, ["import", str(src), "--db", str(db)])
    assert result.exit_code == 2
    assert f"{src}:3: unknown PLOVER root 'BOMBARD'" in one_line_error(result)
    result = runner.invoke(main, ["import", str(src), "--db", str(db), "--skip-invalid"])
    assert result.exit_code == 0 and "skipped 1 (1 unknown plover root)" in result.stdout
