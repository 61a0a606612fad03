"""`build` and `graphkit build`/`graphkit stats`: validation before writing, idempotent loads,
and a load killed with SIGKILL half-way that a re-run completes."""
from __future__ import annotations

import io
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build import Progress, build
from graphkit.cli import _BuildProgress, main
from graphkit.errors import InputError, StoreError
from graphkit.readers import id_hash, read_articles
from graphkit.stores.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "articles"

_ACTORS = ["France", "Germany", "China", "Russia", "Ukraine", "Japan", "India", "Pakistan", "Iran", "Israel",
           "Turkey", "Brazil", "Egypt", "Poland", "Canada", "President Vladimir Putin", "Xi Jinping",
           "Donald Trump", "NATO", "the European Union"]
_VERBS = ["criticized", "warned", "sanctioned", "met", "visited", "accused", "supported", "attacked", "urged",
          "rejected", "did not sanction"]


def corpus(path: Path, n: int, seed: int = 7) -> Path:
    """n small JSONL articles, 2-4 sentences each, some with names the gazetteer lacks."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            sentences = []
            for _ in range(rng.randint(2, 4)):
                a, b = rng.sample(_ACTORS, 2)
                sentences.append(f"{a} {rng.choice(_VERBS)} {b} on Tuesday.")
            if i % 5 == 0:
                sentences.append(f"France warned Zembla{i % 7} on Wednesday.")
            article = {"id": f"gen-{i:05d}", "title": f"Generated item {i}", "source": "generator",
                       "date": f"{2022 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}", "text": " ".join(sentences)}
            f.write(json.dumps(article) + "\n")
    return path


def one_line_error(result) -> str:
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert err.startswith("graphkit: error: "), err
    return err


def dump(db: Path) -> dict:
    with SQLiteStore(db, create=False) as store:
        return store.dump()


@pytest.fixture
def runner():
    return CliRunner()


# -- library ----------------------------------------------------------------------------------

def test_build_twice_gives_identical_rows_and_reports_progress(tmp_path):
    db = tmp_path / "g.db"
    seen: list[Progress] = []
    first = build([EXAMPLES], store=db, batch_size=3, progress=seen.append)
    before = dump(db)
    second = build([EXAMPLES], store=db)
    assert dump(db) == before
    assert first.found == first.articles == second.articles == len(before["articles"]) == len(seen)
    assert first.relations == second.relations == len(before["relations"]) > 100
    assert second.removed == 0
    assert [p.articles for p in seen] == list(range(1, first.articles + 1))
    assert seen[-1].total == first.found and seen[-1].relations >= first.relations


def test_build_reads_stdin_twice_through_a_buffer(tmp_path):
    lines = corpus(tmp_path / "c.jsonl", 20).read_bytes()
    stats = build(["-"], store=tmp_path / "g.db", stdin=io.BytesIO(lines))
    assert stats.articles == stats.found == 20 and stats.relations > 20
    bad = lines + b'{"id": "x", "text": 5}\n'
    with pytest.raises(InputError, match="<stdin>:21"):
        build(["-"], store=tmp_path / "h.db", stdin=io.BytesIO(bad))
    assert not (tmp_path / "h.db").exists()


def test_a_bad_line_late_in_a_file_writes_nothing(tmp_path):
    src = corpus(tmp_path / "c.jsonl", 899)
    db = tmp_path / "g.db"
    build([EXAMPLES], store=db)
    before = dump(db)
    with open(src, "a") as f:
        f.write('{"id": "broken", "text": "no end\n')
    with pytest.raises(InputError) as e:
        build([EXAMPLES, src], store=db)
    assert str(e.value).startswith(f"{src}:900: invalid JSON")
    assert dump(db) == before


def test_unknown_extractor_and_foreign_db_fail_before_writing(tmp_path):
    from graphkit.errors import GraphkitError
    with pytest.raises(GraphkitError, match="unknown extractor"):
        build([EXAMPLES], store=tmp_path / "g.db", extractor="nope")
    notdb = tmp_path / "notes.txt"
    notdb.write_text("not a database\n" * 20)
    with pytest.raises(StoreError, match="not a graphkit database"):
        build([EXAMPLES], store=notdb)
    assert not (tmp_path / "g.db").exists()


def test_duplicate_article_ids_are_reported(tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"id": "same", "text": "France criticized Germany."}) + "\n"
                 + json.dumps({"id": "same", "text": "France met Japan."}) + "\n")
    stats = build([a], store=tmp_path / "g.db")
    assert stats.duplicate_ids == [f"same@{id_hash(str(a.resolve()))}"]
    assert (stats.articles, stats.relations, stats.removed) == (1, 1, 0)  # the later one, once
    with SQLiteStore(tmp_path / "g.db") as store:  # the later article wins
        got = [(r["subject_id"], r["relation"], r["object_id"]) for r in store.relations()]
        assert got == [("FRA", "MEETS", "JPN")]


# -- crash safety -----------------------------------------------------------------------------

def test_kill_9_half_way_then_rerun_completes_the_load(tmp_path):
    n, batch = 3000, 3
    src = corpus(tmp_path / "c.jsonl", n)
    clean, db = tmp_path / "clean.db", tmp_path / "g.db"
    build([src], store=clean)
    expected = dump(clean)

    cmd = [sys.executable, "-c", "from graphkit.cli import main; main()", "build", str(src), "--db", str(db),
           "--batch-size", str(batch)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    committed = 0
    deadline = time.monotonic() + 60
    try:
        # Kill once the child has committed a fifth of the articles and is still writing.
        while committed < n // 5:
            assert child.poll() is None, "the load finished before it could be killed"
            assert time.monotonic() < deadline
            if db.exists():
                try:
                    conn = sqlite3.connect(db, timeout=0.1)
                    committed = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                    conn.close()
                except sqlite3.OperationalError:  # schema not there yet, or busy
                    pass
            time.sleep(0.005)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert Path(f"{db}-wal").exists()  # killed with its write-ahead log open

    with SQLiteStore(db) as store:  # opens (recovers the WAL) ...
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = store.dump()
    done = len(partial["articles"])
    assert n // 5 <= done < n, done  # ... holding whole batches only, every one complete
    assert done % batch == 0
    ids = {a[0] for a in partial["articles"]}
    assert set(partial["relations"]) == {r for r in expected["relations"] if r[1] in ids}

    rerun = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert dump(db) == expected


# -- command line -----------------------------------------------------------------------------

def test_cli_build_then_stats(runner, tmp_path):
    db = tmp_path / "g.db"
    result = runner.invoke(main, ["build", str(EXAMPLES), "--db", str(db), "--batch-size", "5"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no progress bar when stderr is not a terminal
    (summary,) = result.stdout.splitlines()
    n_articles = sum(1 for _ in read_articles([EXAMPLES]))  # 11 .txt + 1 .html + 3 in .jsonl
    assert n_articles == 15
    assert summary.startswith(f"built {db}: {n_articles} articles, ") and "relations" in summary
    result = runner.invoke(main, ["stats", "--db", str(db), "--json"])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["articles"] == n_articles and stats["top_actors"][0]["id"] == "USA"
    result = runner.invoke(main, ["stats", "--db", str(db)])
    assert result.exit_code == 0
    assert "relations by type:" in result.stdout and "most connected actors:" in result.stdout


def test_cli_build_from_stdin(runner, tmp_path):
    data = corpus(tmp_path / "c.jsonl", 10).read_text()
    result = runner.invoke(main, ["build", "-", "--db", str(tmp_path / "g.db")], input=data)
    assert result.exit_code == 0, result.output
    assert "10 articles" in result.stdout


def test_cli_malformed_jsonl_line_exits_2_and_leaves_the_store_empty(runner, tmp_path):
    src = corpus(tmp_path / "c.jsonl", 899)
    with open(src, "a") as f:
        f.write("{not json}\n")
    db = tmp_path / "g.db"
    result = runner.invoke(main, ["build", str(src), "--db", str(db)])
    assert result.exit_code == 2
    assert f"{src}:900: invalid JSON" in one_line_error(result)
    assert not db.exists() or dump(db)["relations"] == []


def test_cli_non_utf8_file(runner, tmp_path):
    src = tmp_path / "latin1.txt"
    src.write_bytes("France criticized Germany.\nLa réunion à Genève.\n".encode("latin-1"))
    result = runner.invoke(main, ["build", str(src), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 2
    assert f"{src}:2: not UTF-8 text" in one_line_error(result)


def test_cli_empty_file_builds_nothing_and_warns(runner, tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text("")
    result = runner.invoke(main, ["build", str(src), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 0
    assert "warning: no articles found" in result.stderr
    assert "0 articles, 0 relations" in result.stdout


def test_cli_missing_input(runner, tmp_path):
    result = runner.invoke(main, ["build", str(tmp_path / "nope"), "--db", str(tmp_path / "g.db")])
    assert result.exit_code == 2
    assert one_line_error(result) == f"graphkit: error: {tmp_path / 'nope'}: no such file or folder"
    assert not (tmp_path / "g.db").exists()


def test_cli_markup_in_articles_is_stored_verbatim(runner, tmp_path):
    src = tmp_path / "x.jsonl"
    text = "France criticized Germany over <script>alert('x')</script> on Tuesday."
    src.write_text(json.dumps({"id": "x", "title": "<script>t</script>", "text": text}) + "\n")
    db = tmp_path / "g.db"
    assert runner.invoke(main, ["build", str(src), "--db", str(db)]).exit_code == 0
    with SQLiteStore(db) as store:
        assert next(store.articles())["title"] == "<script>t</script>"
        assert next(store.relations())["sentence"] == text


def test_cli_stats_without_a_store(runner, tmp_path):
    result = runner.invoke(main, ["stats", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "no such database" in one_line_error(result)
    assert not (tmp_path / "missing.db").exists()
    notdb = tmp_path / "x.db"
    notdb.write_text("hello\n" * 100)
    result = runner.invoke(main, ["stats", "--db", str(notdb)])
    assert result.exit_code == 2
    assert "not a graphkit database" in one_line_error(result)


def test_progress_line():
    out = io.StringIO()
    bar = _BuildProgress(out, interval=0)
    bar(Progress(articles=50, total=200, relations=120, seconds=2.0))
    bar.done()
    text = out.getvalue()
    assert "25%" in text and "50/200 articles, 120 triples, 25 articles/s" in text
    assert text.endswith("\r\x1b[K")


HEADED = ("Title: Alliance chief warns Moscow\n"
          "Date: 2025-03-01\n"
          "Source: Example Wire\n"
          "URL: https://example.org/nato-chief\n"
          "\n"
          "The NATO chief warned Russia on Saturday. Beijing criticized the United States.\n")


def test_stdin_keeps_the_header_block_like_a_file(tmp_path):
    src = tmp_path / "story.txt"
    src.write_text(HEADED, encoding="utf-8")
    [from_file] = read_articles([src])
    [from_stdin] = read_articles(["-"], stdin=io.BytesIO(HEADED.encode()))
    for a in (from_file, from_stdin):
        assert (a.title, a.date, a.source, a.url) == ("Alliance chief warns Moscow", "2025-03-01",
                                                     "Example Wire", "https://example.org/nato-chief")
        assert a.text.startswith("The NATO chief warned Russia")
    assert from_stdin.text == from_file.text and from_stdin.origin == "<stdin>"
    # the extracted triples, their dates and the dated role ("the NATO chief" on 2025-03-01)
    runner = CliRunner()
    file_out = runner.invoke(main, ["extract", str(src)])
    stdin_out = runner.invoke(main, ["extract", "-"], input=HEADED)
    assert file_out.exit_code == 0 and stdin_out.exit_code == 0, stdin_out.output
    def triples(out):
        return [(r["subject"]["id"], r["relation"], r["object"]["id"], r["date"], r["start"], r["end"],
                 r["subject"]["start"]) for r in map(json.loads, out.splitlines())]
    assert triples(stdin_out.stdout) == triples(file_out.stdout)
    assert ("mark-rutte", "WARNS", "RUS", "2025-03-01") in {t[:4] for t in triples(stdin_out.stdout)}


def test_stdin_header_errors_name_stdin(tmp_path):
    bad = HEADED.replace("2025-03-01", "first of March")
    with pytest.raises(InputError, match=r"<stdin>:1: unreadable date"):
        list(read_articles(["-"], stdin=io.BytesIO(bad.encode())))
    # a header without the blank line after it is body text, as in a file
    [a] = read_articles(["-"], stdin=io.BytesIO(b"Date: 2025-03-01\nRussia warned NATO.\n"))
    assert a.date is None and a.text.startswith("Date: 2025-03-01")
