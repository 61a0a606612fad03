"""The wheel carries its data: built, installed (not editable) into a fresh venv, used from elsewhere.

The wheel is scripts/build_compiled.py's (the pure build, cached under build/ by a hash of the
sources). The fresh venv gets graphkit only from that wheel; its third-party dependencies come
from the test venv's site-packages through a .pth line (no network, seconds). That line cannot
bring the checkout in: the editable install is a finder that only the test venv's own .pth
starts, and the commands run from an unrelated folder with no PYTHONPATH. So every schema
statement, named query and view asset used below was read from the installed package.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from test_neo4j import AGENT_QUERY_CASES, QUERY_CASES, agent_extraction, cli_env
from neo4j_helpers import fixture_extractions

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_compiled  # noqa: E402

EXAMPLES = ROOT / "examples" / "articles"

# Runs in the fresh venv: the named queries it lists that have parameters in argv[1].
RUN_QUERIES = r"""
import json, sys
import graphkit
from graphkit.cypher_queries import format_result, named_queries
from graphkit.stores.neo4j import Neo4jSettings, Neo4jStore

params = json.loads(sys.argv[1])
listed, results = [], {}
with Neo4jStore(Neo4jSettings.from_env(), ensure_schema=False) as store:
    for q in named_queries():
        listed.append(q.name)
        if q.name in params:
            keys, records = store.run(q.text, q.bind(params[q.name]))
            results[q.name] = json.loads(format_result(keys, records, "json"))
print(json.dumps({"graphkit": graphkit.__file__, "listed": listed, "results": results}))
"""


class Venv:
    def __init__(self, path: Path):
        self.path = path
        self.bin = path / "bin"
        self.site = Path(subprocess.run(
            [str(self.bin / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True).stdout.strip())

    def run(self, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in (env or os.environ).items() if k != "PYTHONPATH"}
        return subprocess.run([str(self.bin / args[0]), *args[1:]], capture_output=True, text=True,
                              cwd=cwd, env=env, timeout=300)


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Venv:
    try:
        wheel = build_compiled.wheel()
    except (RuntimeError, OSError) as e:
        pytest.fail(f"could not build the wheel: {e}", pytrace=False)
    where = tmp_path_factory.mktemp("wheel") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    r = subprocess.run([sys.executable, "-m", "pip", "--python", str(where / "bin" / "python"), "install",
                        "--no-deps", "--no-index", "-q", str(wheel)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    v = Venv(where)
    deps = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    (v.site / "graphkit_test_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return v


@pytest.fixture
def elsewhere(tmp_path) -> Path:
    d = tmp_path / "elsewhere"
    d.mkdir()
    return d


def test_the_installed_package_is_the_wheel_with_its_data(venv, elsewhere):
    r = venv.run("python", "-c", "import graphkit, graphkit.cypher as c; from importlib import resources; "
                 "print(graphkit.__file__); print(resources.files(c))", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    module, data = r.stdout.split()
    assert module.startswith(str(venv.site)) and data.startswith(str(venv.site))
    assert Path(data, "schema.cypher").is_file() and Path(data, "queries", "graph", "sanction_network.cypher").is_file()


def test_the_installed_command_lists_queries_builds_and_draws(venv, elsewhere):
    r = venv.run("graphkit", "queries", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    listed = [line.split()[0] for line in r.stdout.splitlines() if line[:1].strip()]
    assert listed == sorted(set(QUERY_CASES) | set(AGENT_QUERY_CASES))
    assert "who supplies an actor" in r.stdout and "--param actor=" in r.stdout
    r = venv.run("graphkit", "build", str(EXAMPLES), "--db", "g.db", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    r = venv.run("graphkit", "view", "--db", "g.db", "--out", "g.html", cwd=elsewhere)
    assert r.returncode == 0, r.stderr
    page = (elsewhere / "g.html").read_text(encoding="utf-8")
    assets = ROOT / "graphkit" / "assets"
    for name in ("view-errors.js", "view.js", "view.css"):  # the page inlines each asset whole
        assert (assets / name).read_text(encoding="utf-8") in page, name


@pytest.mark.neo4j
def test_the_installed_package_inits_neo4j_and_runs_every_named_query(venv, elsewhere, neo4j_clean):
    from graphkit.stores.neo4j import Neo4jStore

    env = cli_env(neo4j_clean)
    r = venv.run("graphkit", "neo4j", "init", cwd=elsewhere, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("applied ") and "schema statements" in r.stdout
    ran = set()
    # the frozen fixture for most queries, then its agents article for the agent queries
    for extractions, cases in (([*fixture_extractions()], QUERY_CASES), ([agent_extraction()], AGENT_QUERY_CASES)):
        with Neo4jStore(neo4j_clean) as store:
            store.write(extractions)
        r = venv.run("python", "-c", RUN_QUERIES, json.dumps({k: p for k, (p, _) in cases.items()}),
                     cwd=elsewhere, env=env)
        assert r.returncode == 0, r.stderr
        out = json.loads(r.stdout)
        assert out["graphkit"].startswith(str(venv.site))
        assert set(out["results"]) == set(cases)
        for name, (_, check) in cases.items():
            assert out["results"][name] and all(check(out["results"][name])), name
        ran |= set(out["results"])
    assert ran == set(out["listed"]) and len(ran) >= 18  # every named query the wheel carries
    r = venv.run("graphkit", "view", "--neo4j", neo4j_clean.uri, "--cypher", "sanction_network",
                 "--out", "s.html", cwd=elsewhere, env=env)
    assert r.returncode == 0, r.stderr
    assert "European Union" in (elsewhere / "s.html").read_text(encoding="utf-8")
