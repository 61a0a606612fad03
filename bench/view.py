"""HTML view at scale: seconds to write the page, its size, and seconds for Chromium to draw it.

Generates a synthetic store (default 5,000 actors and 20,000 relations, degrees skewed like
news coverage), writes the view at each --max-nodes, and loads every page in headless Chromium
(Debian `chromium`) with --dump-dom. "chromium s" is the wall time of that run; "empty page s"
is the same for a one-line page, i.e. the browser's own start-up, so the difference is what
the page costs. "first draw ms" is performance.now() when vis-network first drew (in-page).

    python bench/view.py [--actors 5000] [--relations 20000] [--max-nodes 500 --max-nodes 5000]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import chromium  # noqa: E402
from graphdata import synthetic_rows  # noqa: E402

from graphkit.graph import to_networkx  # noqa: E402
from graphkit.views import write_view  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=5000)
    ap.add_argument("--relations", type=int, default=20000)
    ap.add_argument("--max-nodes", type=int, action="append", help="repeatable; default 500 and 5000")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    sizes = args.max_nodes or [500, 5000]

    t0 = time.perf_counter()
    G = to_networkx(synthetic_rows(args.actors, args.relations))
    build_s = time.perf_counter() - t0
    binary = chromium.find_chromium()
    results = []
    with tempfile.TemporaryDirectory(prefix="gk-bench-view-") as tmp:
        base = None
        if binary:
            base = min(chromium.run("data:text/html,<p>x</p>", dump_dom=True, budget_ms=100,
                                    binary=binary).seconds for _ in range(2))
        for n in sizes:
            out = Path(tmp) / f"view-{n}.html"
            t0 = time.perf_counter()
            stats = write_view(G, out, max_nodes=n)
            row = {"max_nodes": n, "summary": stats.summary, "edges": stats.edges_shown,
                   "physics": stats.physics, "write_s": round(time.perf_counter() - t0, 2),
                   "layout_s": round(stats.layout_seconds, 2), "mb": round(stats.bytes / 1e6, 2)}
            if binary:
                res = chromium.run(out.as_uri(), dump_dom=True, budget_ms=3000, binary=binary)
                body = re.search(r"<body([^>]*)>", res.dom)
                attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1))) if body else {}
                errors = re.search(r'<pre id="gk-errors"[^>]*>(.*?)</pre>', res.dom, re.S)
                row.update({"chromium_s": round(res.seconds, 2), "empty_page_s": round(base, 2),
                            "first_draw_ms": int(attrs.get("data-gk-draw-ms", -1)),
                            "ready": attrs.get("data-gk-ready") == "1",
                            "js_errors": errors.group(1) if errors else "?"})
            results.append(row)
    if args.json:
        print(json.dumps({"actors": args.actors, "relations": args.relations,
                          "graph_s": round(build_s, 2), "views": results}, indent=2))
        return 0
    print(f"graph of {args.actors:,} actors / {args.relations:,} relations built in {build_s:.2f} s")
    if not binary:
        print("(chromium not found: page load not measured)")
    for r in results:
        line = (f"--max-nodes {r['max_nodes']:>5}: {r['summary']}; {r['edges']:,} edges; "
                f"write {r['write_s']:.2f} s (layout {r['layout_s']:.2f} s); {r['mb']:.1f} MB")
        if "chromium_s" in r:
            line += (f"; chromium {r['chromium_s']:.2f} s (empty page {r['empty_page_s']:.2f} s), "
                     f"first draw {r['first_draw_ms']} ms, ready={r['ready']}, errors={r['js_errors'] or 'none'}")
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
