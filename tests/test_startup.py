"""Start-up (issue 15, item 4): what `graphkit extract` imports, and the gazetteer's disk cache.

Not timed (the machine is shared; `bench/startup.py` measures): these tests check the causes of
a slow start instead — heavy modules imported by a command that does not need them, YAML parsed
although a cached gazetteer was there — and that the cache is invalidated and never breaks a run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.actors import gazetteer

HEAVY = ("networkx", "neo4j", "pyvis", "spacy", "sqlite3", "graphkit.stores.sqlite",
         "graphkit.stores.neo4j", "graphkit.graph", "graphkit.views")

# Runs the CLI in a fresh interpreter and prints the top-level modules it imported (and graphkit's).
_PROBE = """
import json, sys
from graphkit.cli import main
try:
    main(sys.argv[1:], prog_name="graphkit")
except SystemExit as e:
    code = e.code
else:
    code = 0
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _imports(args: list[str], cache: Path) -> tuple[int, set[str]]:
    env = {**os.environ, "GRAPHKIT_CACHE_DIR": str(cache)}
    env.pop("GRAPHKIT_NO_CACHE", None)
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_extract_does_not_import_heavy_modules(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    cache = tmp_path / "cache"
    code, cold = _imports(["extract", str(empty)], cache)  # builds the gazetteer, fills the cache
    assert code == 0
    assert _heavy(cold) == []
    assert "graphkit.extractors.dependency" not in cold  # the rules extractor is the default
    assert list(cache.glob("gazetteer-*.pickle"))
    code, warm = _imports(["extract", str(empty)], cache)
    assert code == 0
    assert _heavy(warm) == []
    assert "yaml" not in warm and "pycountry" not in warm  # the cached gazetteer was used


def test_help_imports_no_extractor(tmp_path):
    code, modules = _imports(["--help"], tmp_path / "cache")
    assert code == 0
    assert _heavy(modules) == []
    assert not {"graphkit.extractors.rules", "graphkit.actors.gazetteer", "yaml"} & modules


# -- the gazetteer cache ---------------------------------------------------------------------

def _snapshot(gz: gazetteer.Gazetteer) -> tuple:
    return (gz.actors, dict(gz.index), dict(gz.title_index), dict(gz.holders), gz.demonyms, gz._aliases)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("GRAPHKIT_NO_CACHE", raising=False)
    gazetteer._load_cached.cache_clear()  # the in-process cache would hide the disk cache
    yield folder
    gazetteer._load_cached.cache_clear()


def _load(extra: Path | None = None) -> gazetteer.Gazetteer:
    gazetteer._load_cached.cache_clear()
    return gazetteer.load_gazetteer(extra)


def test_cached_gazetteer_equals_a_built_one(cache_dir):
    built = _snapshot(gazetteer._build(()))
    first = _load()  # written to the cache
    files = list(cache_dir.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    second = _load()  # read from it
    assert _snapshot(first) == built and _snapshot(second) == built
    assert second.demonyms["DEU"] == "German"


def test_cache_follows_the_users_actors_file(cache_dir, tmp_path):
    user = tmp_path / "actors.yaml"
    user.write_text("actors:\n  - {id: X-BLUE, name: Blue Faction, kind: group}\n", encoding="utf-8")
    assert _load(user).actors["X-BLUE"].name == "Blue Faction"
    assert _load(user).actors["X-BLUE"].name == "Blue Faction"  # from the cache
    user.write_text("actors:\n  - {id: X-BLUE, name: Red Faction, kind: group}\n", encoding="utf-8")
    gz = _load(user)
    assert gz.actors["X-BLUE"].name == "Red Faction"
    assert ("red",) in {a.tokens[:1] for a in gz.index["red"]}
    assert "X-BLUE" not in _load().actors  # the bundled gazetteer has its own entry
    assert len(list(cache_dir.glob("gazetteer-*.pickle"))) == 3


def test_cache_follows_the_bundled_data(cache_dir, tmp_path, monkeypatch):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(gazetteer.DATA, data)
    monkeypatch.setattr(gazetteer, "DATA", data)
    assert "X-NEW" not in _load().actors
    with open(data / "organisations.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: X-NEW\n  name: New Pact\n")
    assert _load().actors["X-NEW"].name == "New Pact"


def test_unwritable_or_corrupt_cache_never_breaks_a_run(cache_dir, tmp_path, monkeypatch):
    built = _snapshot(gazetteer._build(()))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    assert _snapshot(_load()) == built

    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(cache_dir))
    _load()
    (cached,) = cache_dir.glob("gazetteer-*.pickle")
    cached.write_bytes(b"\x80\x05garbage")  # truncated or foreign
    assert _snapshot(_load()) == built
    assert _snapshot(_load()) == built  # rewritten, then read back

    monkeypatch.setenv("GRAPHKIT_NO_CACHE", "1")
    for f in cache_dir.glob("gazetteer-*.pickle"):
        f.unlink()
    assert _snapshot(_load()) == built
    assert not list(cache_dir.glob("gazetteer-*.pickle"))


def test_cache_keeps_only_the_newest_files(cache_dir, tmp_path, monkeypatch):
    monkeypatch.setattr(gazetteer, "_CACHE_KEEP", 2)
    for i in range(4):
        user = tmp_path / f"actors{i}.yaml"
        user.write_text(f"actors:\n  - {{id: X-{i}, name: Faction {i}}}\n", encoding="utf-8")
        _load(user)
    assert len(list(cache_dir.glob("gazetteer-*.pickle"))) == 2
