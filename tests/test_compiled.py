"""The mypyc-compiled rules extractor (what a wheel installs) behaves exactly like the pure one.

The test suite runs against the editable, pure-Python tree; these tests build the wheel
(scripts/build_compiled.py: the compiled modules are cached by a hash of their sources, so
only a change to them takes the minutes mypyc needs) and compare the two on every text we have plus
thousands of scrambled sentences, so that a compiled-only failure — mypyc checks annotations at
run time — shows up here and not in a user's pipeline.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import build_compiled  # noqa: E402

# Run in a fresh interpreter: every text through the rules extractor, hashed.
FINGERPRINT = r"""
import hashlib, json, random, sys
from pathlib import Path
import graphkit.extractors.rules as rules_mod
from graphkit.extractors import get_extractor
from graphkit.model import Article
from graphkit.readers import read_articles

root = Path(sys.argv[1])
texts = []
for gold in sorted((root / "tests" / "data").glob("gold_*.jsonl")):
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            o = json.loads(line)
            texts.append((o.get("text") or o.get("sentence") or "", o.get("date")))
texts += [(a.text, a.date) for a in read_articles([str(root / "examples" / "articles")])]
# scrambled variants: the same words in other orders, cut short, glued together
rng = random.Random(6)
words = [w for t, _ in texts for w in t.split()]
for n in range(10000):
    k = rng.randint(1, 40)
    start = rng.randrange(len(words))
    piece = words[start:start + k] if n % 2 else rng.sample(words, k)
    texts.append((" ".join(piece), rng.choice([None, "2019-05-01", "2024-02-29"])))
ex = get_extractor("rules")
h = hashlib.sha1()
count = 0
for i, (text, date) in enumerate(texts):
    result = ex.extract(Article(id=f"a{i}", text=text, date=date))
    for r in result.relations:
        h.update(json.dumps(r.to_dict(), sort_keys=True).encode())
        count += 1
    h.update(json.dumps(result.unresolved).encode())
print(json.dumps({"module": rules_mod.__file__, "texts": len(texts), "relations": count, "sha1": h.hexdigest()}))
"""


def _run(pythonpath: Path, tmp_path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", FINGERPRINT, str(ROOT)], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(pythonpath)}, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def compiled_tree() -> Path:
    try:
        return build_compiled.build()
    except (RuntimeError, OSError) as e:
        msg = f"could not build the compiled wheel: {e}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)


def test_wheel_holds_compiled_modules(compiled_tree: Path) -> None:
    for module in build_compiled.compiled_modules():
        stem = compiled_tree / Path(module).with_suffix("")
        assert list(stem.parent.glob(stem.name + ".cpython-*.so")), f"{module} was not compiled"


def test_compiled_extractor_gives_the_same_output(compiled_tree: Path, tmp_path: Path) -> None:
    pure = _run(ROOT, tmp_path)
    compiled = _run(compiled_tree, tmp_path)
    assert pure["module"].endswith("rules.py")
    assert compiled["module"].endswith(".so"), compiled["module"]
    assert compiled["texts"] == pure["texts"] > 10000
    assert pure["relations"] > 500
    assert (compiled["relations"], compiled["sha1"]) == (pure["relations"], pure["sha1"])


def test_the_compiled_cache_is_keyed_on_the_compiled_sources_only(tmp_path: Path) -> None:
    import shutil

    modules = build_compiled.compiled_modules()
    for rel in ["setup.py", *modules]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, tmp_path / rel)
    other = tmp_path / "graphkit" / "views.py"
    other.write_text("# a module mypyc does not compile\n", encoding="utf-8")
    key = build_compiled.compiled_key(tmp_path)
    other.write_text("# edited\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("edited\n", encoding="utf-8")
    assert build_compiled.compiled_key(tmp_path) == key
    compiled = tmp_path / modules[-1]
    compiled.write_text(compiled.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert build_compiled.compiled_key(tmp_path) != key
