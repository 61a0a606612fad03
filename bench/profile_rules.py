"""Profile the rules extractor over the bench corpus, or fingerprint its output.

    .venv/bin/python bench/profile_rules.py [--articles 1000] [--top 30]   # cProfile, by own time
    .venv/bin/python bench/profile_rules.py --fingerprint                  # hash of everything extracted

The fingerprint (relations as `graphkit extract` JSONL, plus unresolved mentions, over the bench
corpus, examples/articles and both gold files) shows that a speed-up changed no output: run it
on both trees, e.g. `cd /tmp && PYTHONPATH=/old/tree python /work/main/bench/profile_rules.py
--fingerprint` (run from outside the repo, so that PYTHONPATH wins over the working directory).
For a sampling profile with line numbers: `py-spy record --format raw -o out.txt -- python
bench/profile_rules.py --articles 1000`.
"""
from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402


def fingerprint(n: int) -> str:
    from graphkit.extractors import get_extractor
    from graphkit.model import Article
    from graphkit.readers import read_articles

    ex = get_extractor("rules")
    h = hashlib.sha1()
    count = 0
    inputs = [str(corpus.write_jsonl(ROOT / "bench" / "out" / f"corpus-{n}.jsonl", n)),
              str(ROOT / "examples" / "articles")]
    results = list(ex.pipe(read_articles(inputs)))
    for gold in sorted((ROOT / "tests" / "data").glob("gold_*.jsonl")):
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip():
                o = json.loads(line)
                results.append(ex.extract(Article(id="g", text=o.get("text") or o.get("sentence") or "",
                                                  date=o.get("date"))))
    for result in results:
        for r in result.relations:
            h.update(json.dumps(r.to_dict(), sort_keys=True).encode())
            count += 1
        h.update(json.dumps(result.unresolved).encode())
    import graphkit
    return f"{count} relations, sha1 {h.hexdigest()} (graphkit from {Path(graphkit.__file__).parent})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="tottime", choices=["tottime", "cumtime"])
    ap.add_argument("--fingerprint", action="store_true")
    args = ap.parse_args()
    if args.fingerprint:
        print(fingerprint(args.articles))
        return 0
    from graphkit.extractors import get_extractor
    from graphkit.readers import read_articles

    arts = list(read_articles([str(corpus.write_jsonl(ROOT / "bench" / "out" / f"corpus-{args.articles}.jsonl",
                                                      args.articles))]))
    ex = get_extractor("rules")
    for _ in ex.pipe(arts[:20]):
        pass
    prof = cProfile.Profile()
    prof.enable()
    for _ in ex.pipe(arts):
        pass
    prof.disable()
    pstats.Stats(prof).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
