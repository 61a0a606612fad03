"""A force-directed layout in pure Python, fast enough for a few thousand actors.

networkx's ``spring_layout`` needs numpy (and scipy above 500 nodes), which graphkit's base
install does not have, so the view computes positions itself: Fruchterman–Reingold with the
grid variant of its repulsion (only nodes within two ideal edge lengths push each other,
found through a grid of cells), run per connected component, with the components then packed
in rows, largest first. Deterministic for a given seed.

Example
-------
>>> import networkx as nx
>>> pos = spring_positions(nx.karate_club_graph(), seed=1)
>>> len(pos)
34
"""
from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Hashable

import networkx as nx

__all__ = ["spring_positions"]

_NEIGHBOUR_CELLS = ((0, 0), (1, 0), (1, 1), (0, 1), (-1, 1))  # each cell pair visited once


def spring_positions(G: nx.Graph, seed: int = 7, iterations: int | None = None,
                     scale: float = 100.0) -> dict[Hashable, tuple[float, float]]:
    """Positions for the nodes of `G`, about `scale` apart along an edge.

    Parameters
    ----------
    G : networkx graph
        Direction and parallel edges are ignored; an edge's weight is the number of parallel
        edges (or the sum of their ``count`` attributes) and pulls a little harder.
    seed : int, default 7
        Seed of the initial random placement: same graph, same seed, same picture.
    iterations : int, optional
        Force iterations per component; by default fewer for bigger components
        (300 up to 100 nodes, 134 for 500, 42 for 5,000).
    scale : float, default 100.0
        The ideal edge length in output units (pixels in the HTML view).

    Returns
    -------
    pos : dict
        ``{node: (x, y)}`` centred on the origin.

    Example
    -------
    >>> pos = spring_positions(nx.path_graph(3), scale=10)
    >>> round(abs(pos[0][0] - pos[2][0]) + abs(pos[0][1] - pos[2][1])) > 10
    True
    """
    weights: dict[tuple, float] = defaultdict(float)
    adjacency: dict[Hashable, set] = defaultdict(set)
    edges = G.edges(data=True)
    for u, v, d in edges:
        if u == v:
            continue
        a, b = (u, v) if str(u) <= str(v) else (v, u)
        weights[(a, b)] += float(d.get("count", 1) or 1)
        adjacency[u].add(v)
        adjacency[v].add(u)
    rng = random.Random(seed)
    nodes = sorted(G.nodes, key=str)
    seen: set = set()
    components: list[list] = []
    for n in nodes:  # connected components, deterministic order
        if n in seen:
            continue
        comp, stack = [], [n]
        seen.add(n)
        while stack:
            x = stack.pop()
            comp.append(x)
            for y in sorted(adjacency[x], key=str):
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        components.append(comp)
    components.sort(key=lambda c: (-len(c), str(c[0])))

    laid = [_layout_component(c, weights, adjacency, rng, iterations) for c in components]
    placed = _pack(laid)
    return {n: (x * scale, y * scale) for n, (x, y) in placed.items()}


def _layout_component(nodes: list, weights: dict[tuple, float], adjacency: dict, rng: random.Random,
                      iterations: int | None) -> dict[Hashable, tuple[float, float]]:
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n == 2:
        return {nodes[0]: (-0.5, 0.0), nodes[1]: (0.5, 0.0)}
    index = {x: i for i, x in enumerate(nodes)}
    edges = []
    for (a, b), w in weights.items():
        i = index.get(a)
        if i is not None:
            # Hubs would pull their hundreds of neighbours into one clump: an edge pulls
            # less the more edges its ends have.
            damp = math.sqrt(len(adjacency[a]) * len(adjacency[b]))
            edges.append((i, index[b], (1.0 + 0.3 * math.log(w)) / damp))
    side = math.sqrt(n) * 1.2
    xs = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    ys = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    if iterations is None:
        iterations = max(40, min(300, int(3000 / math.sqrt(n))))
    t = side / 8.0
    cool = t / (iterations + 1)
    gravity = 0.002
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i in range(n):  # cells of two ideal lengths: repulsion is cut off beyond that
            cells[(math.floor(xs[i] * 0.5), math.floor(ys[i] * 0.5))].append(i)
        for (cx, cy), members in cells.items():
            for ox, oy in _NEIGHBOUR_CELLS:
                same = ox == 0 and oy == 0
                other = members if same else cells.get((cx + ox, cy + oy))
                if not other:
                    continue
                for a, i in enumerate(members):
                    xi, yi = xs[i], ys[i]
                    fx = fy = 0.0
                    for j in (members[a + 1:] if same else other):
                        ex = xi - xs[j]
                        ey = yi - ys[j]
                        d2 = ex * ex + ey * ey
                        if d2 >= 4.0:
                            continue
                        if d2 < 1e-9:  # same spot: nudge apart
                            ex, ey, d2 = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), 1e-4
                        f = 1.0 / d2 - 0.25  # k^2/d, faded to 0 at the cut-off
                        fx += ex * f
                        fy += ey * f
                        dx[j] -= ex * f
                        dy[j] -= ey * f
                    dx[i] += fx
                    dy[i] += fy
        for i, j, w in edges:  # attraction d^2/k along each edge
            ex = xs[i] - xs[j]
            ey = ys[i] - ys[j]
            d = math.sqrt(ex * ex + ey * ey)
            f = d * w
            dx[i] -= ex * f
            dy[i] -= ey * f
            dx[j] += ex * f
            dy[j] += ey * f
        for i in range(n):
            gx = dx[i] - gravity * xs[i]
            gy = dy[i] - gravity * ys[i]
            d = math.sqrt(gx * gx + gy * gy)
            if d > 0:
                step = min(d, t) / d
                xs[i] += gx * step
                ys[i] += gy * step
        t -= cool
    mx = sum(xs) / n
    my = sum(ys) / n
    return {x: (xs[i] - mx, ys[i] - my) for i, x in enumerate(nodes)}


def _pack(laid: list[dict]) -> dict[Hashable, tuple[float, float]]:
    """Shelf-pack laid-out components (largest first) into rows of a roughly square block."""
    boxes = []
    for pos in laid:
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + 1.5, max(ys) - min(ys) + 1.5))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(max((w for *_, w, _ in boxes), default=1.0), math.sqrt(area) * 1.3)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, (x0, y0, w, h) in zip(laid, boxes):
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for node, (px, py) in pos.items():
            out[node] = (x + px - x0, y + py - y0)
        x += w
        row_h = max(row_h, h)
    if out:
        cx = sum(p[0] for p in out.values()) / len(out)
        cy = sum(p[1] for p in out.values()) / len(out)
        out = {k: (px - cx, py - cy) for k, (px, py) in out.items()}
    return out
