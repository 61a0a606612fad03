"""Every command in README.md's code blocks runs, and prints something.

The shell blocks (```sh) are read from the README itself, so an example added there is run
here too: each command runs in a scratch folder (examples/ and tests/ linked in, an article.txt
copied from the examples), in README order, and must exit 0 and print something. Only the
commands in SKIPPED do not run, each for the reason given; a command neither run nor skipped
fails the test. The Neo4j block runs against the real test server (its NEO4J_* variables
stand in for the `.env` file docker compose would use). The error example (`$ graphkit extract
broken.jsonl`) and the Python block run too.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
BIN = Path(sys.executable).parent

SKIPPED = {
    "make demo": "creates or updates the virtualenv; its three graphkit commands run below",
    "make test": "runs this very test suite",
    "cp .env.example .env && docker compose up -d": "no Docker here: the Neo4j test server stands in",
    "set -a; . ./.env; set +a": "the test server's NEO4J_* variables are set instead",
}
NEEDS_NEO4J = ("graphkit neo4j", "graphkit load", "--neo4j", "graphkit query")


def blocks(lang: str) -> list[str]:
    """The README's fenced code blocks whose info string is `lang` ("" for plain ones)."""
    out, current, info = [], None, ""
    for line in README.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                if info == lang:
                    out.append("".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return out


def commands() -> list[str]:
    """Each line of the README's sh blocks, its trailing comment dropped."""
    out = []
    for block in blocks("sh"):
        for line in block.splitlines():
            cmd = re.sub(r"\s+#\s.*$", "", line).strip()
            if cmd and not cmd.startswith("#"):
                out.append(cmd)
    return out


@pytest.fixture
def workdir(tmp_path):
    for name in ("examples", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    first = sorted((ROOT / "examples" / "articles").glob("*.txt"))[0]
    shutil.copy(first, tmp_path / "article.txt")
    return tmp_path


def run(cmd: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**(env or os.environ), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-c", cmd], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)


def check(cmd: str, r: subprocess.CompletedProcess) -> None:
    assert r.returncode == 0, f"{cmd}\nexit {r.returncode}\n{r.stderr[-2000:]}"
    assert (r.stdout + r.stderr).strip(), f"{cmd}: printed nothing"
    assert "warning" not in r.stderr.lower(), f"{cmd}: {r.stderr}"


def test_every_readme_command_is_run_or_skipped_for_a_reason():
    cmds = commands()
    assert len(cmds) >= 15
    assert set(SKIPPED) <= set(cmds), set(SKIPPED) - set(cmds)  # no stale skips
    for cmd in cmds:
        assert cmd in SKIPPED or cmd.startswith("graphkit "), f"neither run nor skipped: {cmd}"


def test_readme_commands_on_the_embedded_store(workdir):
    ran = 0
    for cmd in commands():
        if cmd in SKIPPED or any(k in cmd for k in NEEDS_NEO4J):
            continue
        check(cmd, run(cmd, workdir))
        ran += 1
    assert ran >= 10
    for out in ("graph.html", "russia.html", "graph.graphml"):
        assert (workdir / out).stat().st_size > 0, out


@pytest.mark.neo4j
def test_readme_commands_on_neo4j(neo4j_clean, workdir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update({"NEO4J_URI": neo4j_clean.uri, "NEO4J_USER": neo4j_clean.user,
                "NEO4J_PASSWORD": neo4j_clean.password})
    check("build", run("graphkit build examples/articles --db graphkit.db", workdir, env))
    ran = []
    for cmd in commands():
        if cmd in SKIPPED or not any(k in cmd for k in NEEDS_NEO4J):
            continue
        r = run(cmd, workdir, env)
        check(cmd, r)
        assert "(0 rows)" not in r.stdout, f"{cmd}: no rows"
        ran.append(cmd)
    assert any("--cypher sanction_network" in c for c in ran) and len(ran) >= 5
    assert "European Union" in (workdir / "sanctions.html").read_text()


def test_readme_error_example(tmp_path):
    [example] = [b for b in blocks("") if b.startswith("$ graphkit extract broken.jsonl")]
    cmd, want = example.strip().splitlines()
    (tmp_path / "broken.jsonl").write_text('{"id": "a", "text": "NATO warned Russia."}\n'
                                           '{"id": "bb", "text": nope}\n')
    r = run(cmd.removeprefix("$ "), tmp_path)
    assert r.returncode == 2  # (extract streams: line 1's triple is already out)
    assert r.stderr.strip() == want


def test_readme_python_block(workdir):
    [code] = blocks("python")
    r = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "WARNS" in r.stdout and "pagerank" in r.stdout
    assert (workdir / "graph.html").stat().st_size > 0
