"""Parallel extraction (`build(jobs=N)`, `graphkit build --jobs N`) and Dask (`--dask`): the
same rows as one process, in every table, and the same clean end when an extractor fails,
a worker dies or Ctrl-C comes. Real worker processes, a real distributed.LocalCluster, the
real Neo4j; the failing extractors are registered here, the stores are the real ones."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.build import build
from graphkit.cli import main
from graphkit.errors import BuildInterrupted, ExtractionError
from graphkit.extractors import get_extractor, register
from graphkit.extractors.rules import RulesExtractor
from graphkit.parallel import ProcessExtraction
from graphkit.readers import id_hash, read_articles
from graphkit.stores import open_store
from graphkit.stores.sqlite import SQLiteStore

from test_build import corpus

ROOT = Path(__file__).resolve().parents[1]
BAD_ID = "gen-00137"


@register("test-fails-at")
class FailsAt(RulesExtractor):
    """The rules extractor, except that it raises on one article (BAD_ID)."""

    name = "test-fails-at"

    def extract(self, article):
        if article.id.partition("@")[0] == BAD_ID:  # the record's id, before its file's hash
            raise ValueError("no sense in this article")
        return super().extract(article)


@register("test-dies-at")
class DiesAt(RulesExtractor):
    """The rules extractor, except that its process dies on one article (as if killed)."""

    name = "test-dies-at"

    def extract(self, article):
        if article.id.partition("@")[0] == BAD_ID and os.environ.get("GRAPHKIT_TEST_PARENT") != str(os.getpid()):
            os._exit(9)
        return super().extract(article)


def dump(db: Path) -> dict:
    with SQLiteStore(db, create=False) as store:
        return store.dump()


@pytest.fixture(scope="module")
def src(tmp_path_factory) -> Path:
    return corpus(tmp_path_factory.mktemp("parallel") / "c.jsonl", 400)


def test_jobs_2_writes_every_table_exactly_as_jobs_1(src, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    serial = build([src], one, jobs=1)
    seen = []
    parallel = build([src], two, jobs=2, task_size=30, batch_size=7, progress=seen.append)
    assert serial.parallel == "" and parallel.parallel == "2 extraction processes"
    assert dump(two) == dump(one)  # meta, actors, articles, relations, roles, unresolved
    assert (parallel.articles, parallel.relations, parallel.unresolved) == \
        (serial.articles, serial.relations, serial.unresolved) == (400, serial.relations, serial.unresolved)
    assert parallel.committed == 400 and serial.relations > 800
    assert [p.articles for p in seen] == list(range(1, 401))
    again = build([src], two, jobs=2, task_size=30)  # re-running is safe
    assert dump(two) == dump(one) and again.removed == 0


def test_results_come_back_in_input_order_with_spawned_workers_too(src):
    articles = list(read_articles([src]))[:120]
    serial = [(r.article.id, r.relations, r.unresolved) for r in get_extractor("rules").pipe(articles)]
    with ProcessExtraction(get_extractor("rules"), jobs=2, task_size=7, method="spawn") as px:
        got = [(r.article.id, r.relations, r.unresolved) for r in px.pipe(articles)]
    assert got == serial


def test_small_inputs_do_not_start_processes(tmp_path):
    small = corpus(tmp_path / "small.jsonl", 20)
    stats = build([small], tmp_path / "g.db", jobs=2)
    assert stats.parallel == "" and stats.articles == 20


def test_a_failing_extractor_ends_both_ways_alike_with_the_committed_count(src, tmp_path):
    ends = {}
    for jobs in (1, 2):
        db = tmp_path / f"j{jobs}.db"
        with pytest.raises(ExtractionError) as e:
            build([src], db, extractor="test-fails-at", jobs=jobs, task_size=25, batch_size=50)
        ends[jobs] = (str(e.value).replace(str(db), "DB"), dump(db))
    message, rows = ends[1]
    assert ends[2] == ends[1]  # the same message and the same committed rows
    h = id_hash(str(src.resolve()))
    assert message == (f"extractor 'test-fails-at' failed at article '{BAD_ID}@{h}' ({src}:138): ValueError: "
                       "no sense in this article; 100 articles committed to DB "
                       "(building again is safe and completes it)")
    assert [a[0] for a in rows["articles"]] == [f"gen-{i:05d}@{h}" for i in range(100)]


def test_the_command_says_one_line_and_exits_1_when_a_worker_fails(src, tmp_path):
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["build", str(src), "--db", str(db), "--extractor", "test-fails-at",
                                       "--jobs", "2"])
    assert result.exit_code == 1
    err = result.stderr.strip()
    assert "\n" not in err and "Traceback" not in err, err
    assert err.startswith(f"graphkit: error: extractor 'test-fails-at' failed at article "
                          f"'{BAD_ID}@{id_hash(str(src.resolve()))}'")
    assert err.endswith(f"; 0 articles committed to {db} (building again is safe and completes it)")
    assert result.stdout == ""


def test_a_worker_that_dies_ends_the_build_cleanly(src, tmp_path, monkeypatch):
    monkeypatch.setenv("GRAPHKIT_TEST_PARENT", str(os.getpid()))
    db = tmp_path / "g.db"
    # the pool fails every batch in flight: the message names the first one not written
    with pytest.raises(ExtractionError, match=r"^a worker process died while extracting articles "
                                              r"'gen-00\d+@[0-9a-f]{10}' to 'gen-00\d+@[0-9a-f]{10}' "
                                              r"\(killed, or out of memory\?\); (\d+) articles committed to ") as e:
        build([src], db, extractor="test-dies-at", jobs=2, task_size=25, batch_size=25)
    done = len(dump(db)["articles"])
    assert done % 25 == 0 and done <= 125 and f"; {done} articles committed" in str(e.value)
    assert f"articles 'gen-{done:05d}@" in str(e.value) or "died while extracting articles 'gen-" in str(e.value)
    assert build([src], db, jobs=2).articles == 400  # a re-run completes it


def test_jobs_and_dask_exclude_each_other(src, tmp_path):
    result = CliRunner().invoke(main, ["build", str(src), "--db", str(tmp_path / "g.db"), "--jobs", "2",
                                       "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--jobs and --dask exclude each other" in result.stderr
    with pytest.raises(ValueError):
        build([src], tmp_path / "g.db", jobs=2, dask="tcp://127.0.0.1:1")
    assert not (tmp_path / "g.db").exists()


@pytest.mark.timeout(180)
def test_ctrl_c_stops_workers_and_says_what_was_committed(tmp_path):
    big = corpus(tmp_path / "big.jsonl", 4000)
    db = tmp_path / "g.db"
    cmd = [sys.executable, "-c", "from graphkit.cli import main; main()", "build", str(big), "--db", str(db),
           "--jobs", "2", "--batch-size", "20"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # its own session: the signal goes to the whole group, as a terminal's Ctrl-C does
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    try:
        committed, deadline = 0, time.monotonic() + 90
        while committed < 100:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            try:
                with sqlite3.connect(db, timeout=0.1) as conn:
                    committed = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                pass
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, err
    n = len(dump(db)["articles"])
    assert 100 <= n < 4000 and n % 20 == 0
    assert err == f"graphkit: interrupted; {n} articles committed to {db} (building again is safe and completes it)\n"
    assert out == ""
    deadline = time.monotonic() + 10  # and no worker outlives it
    while True:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "a worker process is still running"
        time.sleep(0.1)


def test_build_interrupted_is_a_keyboard_interrupt():
    assert issubclass(BuildInterrupted, KeyboardInterrupt)


# -- Neo4j ----------------------------------------------------------------------------------

def neo4j_contents(settings) -> tuple[dict, list]:
    from graphkit.stores.neo4j import connect

    driver = connect(settings)
    try:
        with driver.session(database=settings.database) as session:
            counts = {r["label"]: r["n"] for r in session.run(
                "MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")}
            counts.update({f"rel:{r['t']}": r["n"] for r in session.run(
                "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n")})
            sample = [tuple(r.values()) for r in session.run(
                "MATCH (a:Actor)-[r]->(b:Actor) WHERE r.id IS NOT NULL RETURN r.id, a.id, type(r), b.id, "
                "r.negated, r.plover, r.date, r.sentence, r.doc_id ORDER BY r.id LIMIT 200")]
    finally:
        driver.close()
    return counts, sample


@pytest.mark.neo4j
def test_jobs_2_into_neo4j_gives_the_graph_of_jobs_1(src, neo4j_clean):
    from graphkit.stores.neo4j import connect

    build([src], neo4j_clean, jobs=1)
    counts, sample = neo4j_contents(neo4j_clean)
    assert counts["Article"] == 400 and len(sample) == 200
    driver = connect(neo4j_clean)
    with driver.session(database=neo4j_clean.database) as session:  # empty again, schema kept
        session.run("MATCH (n) DETACH DELETE n").consume()
    driver.close()
    stats = build([src], neo4j_clean, jobs=2, task_size=30)
    assert stats.parallel == "2 extraction processes"
    assert neo4j_contents(neo4j_clean) == (counts, sample)


# -- Dask -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed", reason="graphkit[distributed] is not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as c:
        yield c


@pytest.mark.timeout(300)
def test_dask_local_cluster_writes_the_rows_of_jobs_1(src, tmp_path, cluster):
    one, dask_db = tmp_path / "one.db", tmp_path / "dask.db"
    build([src], one, jobs=1)
    stats = build([src], dask_db, dask=cluster.scheduler_address, task_size=40, batch_size=9)
    assert stats.parallel == f"Dask at {cluster.scheduler_address}"
    assert dump(dask_db) == dump(one)
    result = CliRunner().invoke(main, ["build", str(src), "--db", str(tmp_path / "cli.db"),
                                       "--dask", cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith(f"with Dask at {cluster.scheduler_address}")
    assert dump(tmp_path / "cli.db") == dump(one)
    with open_store(dask_db, readonly=True) as store:
        assert sum(1 for _ in store.articles()) == 400


def test_an_unreachable_scheduler_is_one_line_and_writes_nothing(src, tmp_path):
    pytest.importorskip("distributed", reason="graphkit[distributed] is not installed")
    db = tmp_path / "g.db"
    result = CliRunner().invoke(main, ["build", str(src), "--db", str(db), "--dask", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    err = result.stderr.strip()
    assert "\n" not in err and err.startswith("graphkit: error: cannot reach the Dask scheduler at "
                                              "tcp://127.0.0.1:9: "), err
    assert not db.exists()


def test_articles_go_to_dask_as_records(tmp_path):
    """What a Dask worker gets is the article itself, so it need not see the client's files."""
    import pickle

    (a,) = read_articles([corpus(tmp_path / "one.jsonl", 1)])
    assert pickle.loads(pickle.dumps(a)) == a and json.dumps(a.text)


@pytest.mark.timeout(300)
def test_the_readme_shared_storage_example_runs_on_a_local_cluster(tmp_path, cluster):
    """README's `py` block: workers that see the files read them themselves; one writer."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    code = text.split("```py\n", 1)[1].split("```", 1)[0]
    a, b = corpus(tmp_path / "2024-01.jsonl", 30, seed=1), corpus(tmp_path / "2024-02.jsonl", 30, seed=2)
    code = (code.replace("tcp://10.0.0.5:8786", cluster.scheduler_address)
            .replace("/shared/news/2024-01.jsonl", str(a)).replace("/shared/news/2024-02.jsonl", str(b)))
    r = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=240,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0, r.stderr[-2000:]
    one = tmp_path / "one.db"
    expected = build([a, b], one)
    assert dump(tmp_path / "graphkit.db")["relations"] == dump(one)["relations"]
    assert r.stdout.split() == [str(expected.articles), str(expected.relations)]
