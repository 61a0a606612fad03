"""Timelines: an actor's or a dyad's relations per week or month, stacked by QuadClass, with the
Goldstein balance (the summed Goldstein scores of each period) as a line, so an analyst sees
when a relationship turned.

`timeline` counts (a graph in, plain data out, no I/O); `timeline_svg` draws a `Timeline` as
a small SVG made here, in Python: no plotting library, nothing to fetch, the same picture in
the HTML page, the .svg file and (with the optional `graphkit[png]`, resvg) the .png.
`write_timeline` writes any of the three; `graphkit timeline` is its command.

Periods run without gaps from the first dated relation's to the last's (an empty period is
drawn empty: quiet is information too). A month is YYYY-MM; a week is an ISO week (Monday to
Sunday, labelled YYYY-Www). A relation's date is its event's (else its article's); relations
with no date, or one coarser than the period (a year alone), are counted but not drawn.
Facts only by default, as `graphkit analyze`: negated and modal relations are left out (and
counted) unless asked for.

Safety: every text (actor names, the title) is XML-escaped into the SVG; the HTML page holds
no script at all and its Content-Security-Policy would refuse one.
"""
from __future__ import annotations

import html
import math
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from .errors import InputError
from .ontology import QUAD_CLASSES

__all__ = ["PERIODS", "Period", "Turn", "Timeline", "timeline", "timeline_svg", "timeline_page",
           "write_timeline", "store_timeline", "svg_to_png"]

PERIODS = ("month", "week")
#: Bar colours by QuadClass: the view's (graphkit.views.QUAD_COLORS), repeated so that this
#: module does not import the network view.
QUAD_COLORS: dict[int, str] = {1: "#4a90d9", 2: "#2e9e4f", 3: "#f08c00", 4: "#d62728"}
LINE_COLOR = "#1b2430"
# Fonts resvg finds on a Linux box come after the ones browsers have (resvg maps no generic
# family by itself, so "sans-serif" alone draws no text in a PNG).
FONT = "system-ui, Segoe UI, Roboto, Helvetica, Arial, DejaVu Sans, Liberation Sans, sans-serif"
_DAY = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class Period:
    """One week or month: its relations by QuadClass (1-4) and their summed Goldstein score."""

    key: str  # "2024-03" (month) or the Monday "2024-03-04" (week)
    label: str  # "2024-03" or "2024-W10"
    by_quad: tuple[int, int, int, int]
    goldstein: float

    @property
    def relations(self) -> int:
        return sum(self.by_quad)


@dataclass(frozen=True, slots=True)
class Turn:
    """A period whose Goldstein balance has the other sign than the last period with relations."""

    key: str
    label: str
    to: str  # "conflict" or "cooperation"


@dataclass
class Timeline:
    """What `timeline` counted: periods in order, and what it left out."""

    period: str
    periods: list[Period]
    actors: tuple[str, ...] = ()  # the actor, or the two of the dyad (ids); () for the whole graph
    names: tuple[str, ...] = ()
    undated: int = 0  # relations with no date
    imprecise: int = 0  # relations dated more coarsely than the period (a year alone)
    left_out: dict[str, int] = field(default_factory=dict)  # "negated", "modal": not facts
    turns: list[Turn] = field(default_factory=list)

    @property
    def relations(self) -> int:
        """The relations drawn."""
        return sum(p.relations for p in self.periods)

    @property
    def about(self) -> str:
        """Whose relations: "Russia – Ukraine", "Russia", or "all actors"."""
        return " – ".join(self.names) if self.names else "all actors"

    def as_dict(self) -> dict[str, Any]:
        return {"period": self.period, "actors": list(self.actors), "names": list(self.names),
                "relations": self.relations, "undated": self.undated, "imprecise": self.imprecise,
                "left_out": dict(self.left_out),
                "periods": [{"period": p.label, "key": p.key, "relations": p.relations,
                             "by_quad": {str(q): n for q, n in zip((1, 2, 3, 4), p.by_quad)},
                             "goldstein": p.goldstein} for p in self.periods],
                "turns": [{"period": t.label, "to": t.to} for t in self.turns]}


# --- counting ---------------------------------------------------------------------------------

def period_key(day: str | None, period: str) -> str | None:
    """The period a date falls in: "2024-03" for a month, the Monday's date for a week; None
    for no date or one too coarse for the period ("2024" for either, "2024-03" for a week)."""
    m = _DAY.match(day or "")
    if m is None:
        return None
    if period == "month":
        return f"{m.group(1)}-{m.group(2)}"
    if m.group(3) is None:
        return None
    d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return (d - timedelta(days=d.weekday())).isoformat()


def _label(key: str, period: str) -> str:
    if period == "month":
        return key
    year, week, _ = date.fromisoformat(key).isocalendar()
    return f"{year}-W{week:02d}"


def _next(key: str, period: str) -> str:
    if period == "week":
        return (date.fromisoformat(key) + timedelta(days=7)).isoformat()
    year, month = int(key[:4]), int(key[5:7])
    return f"{year + month // 12}-{month % 12 + 1:02d}"


def timeline(G: nx.MultiDiGraph, actor: str | None = None, partner: str | None = None,
             period: str = "month", include_negated: bool = False,
             include_modal: bool = False) -> Timeline:
    """Count a graph's relations per period, by QuadClass, with their Goldstein balance.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        From `graphkit.graph.to_networkx` (one edge per relation).
    actor : str, optional
        An actor id: count only the relations it takes part in (as subject or object).
    partner : str, optional
        A second actor id (needs `actor`): only the relations between the two, either way.
    period : {"month", "week"}, default "month"
    include_negated, include_modal : bool, default False
        Count negated ("did not attack") and modal ("would attack") relations too.

    Returns
    -------
    Timeline
        ``periods`` from the first dated relation's period to the last's, empty ones included,
        and ``turns``: the periods whose balance changed sign.

    Example
    -------
    >>> tl = timeline(G, actor="RUS", partner="UKR", period="month")
    >>> [(p.label, p.relations, p.goldstein) for p in tl.periods][:2]
    [('2022-02', 3, -30.0), ('2022-03', 0, 0.0)]
    """
    if period not in PERIODS:
        raise InputError(f"--period {period!r}: expected {' or '.join(PERIODS)}")
    if partner is not None and actor is None:
        raise InputError("--partner needs --actor (the timeline of a dyad is of two actors)")
    if actor is not None and partner == actor:
        raise InputError("--partner is --actor itself: name the other actor of the dyad")
    counts: dict[str, list[int]] = {}
    balance: dict[str, float] = {}
    tl = Timeline(period=period, periods=[], left_out={"negated": 0, "modal": 0})
    for u, v, d in G.edges(data=True):
        if actor is not None and actor not in (u, v):
            continue
        if partner is not None and {u, v} != {actor, partner}:
            continue
        q = d.get("quad_class")
        if q not in (1, 2, 3, 4):
            continue
        if d.get("negated") and not include_negated:
            tl.left_out["negated"] += 1
            continue
        if d.get("modality") and not include_modal and not d.get("negated"):
            tl.left_out["modal"] += 1
            continue
        key = period_key(d.get("date"), period)
        if key is None:
            if d.get("date"):
                tl.imprecise += 1
            else:
                tl.undated += 1
            continue
        counts.setdefault(key, [0, 0, 0, 0])[q - 1] += 1
        balance[key] = balance.get(key, 0.0) + float(d.get("goldstein") or 0.0)
    tl.actors = tuple(a for a in (actor, partner) if a is not None)
    tl.names = tuple(str(G.nodes[a].get("name", a)) if a in G else a for a in tl.actors)
    if counts:
        key, last = min(counts), max(counts)
        while True:
            c = counts.get(key, [0, 0, 0, 0])
            tl.periods.append(Period(key, _label(key, period), (c[0], c[1], c[2], c[3]),
                                     round(balance.get(key, 0.0), 3)))
            if key == last:
                break
            key = _next(key, period)
    sign = 0
    for p in tl.periods:
        now = (p.goldstein > 0) - (p.goldstein < 0) if p.relations else 0
        if now and sign and now != sign:
            tl.turns.append(Turn(p.key, p.label, "cooperation" if now > 0 else "conflict"))
        sign = now or sign
    return tl


def store_timeline(target: Any, partner: str | None = None, period: str = "month",
                   include_negated: bool = False, include_modal: bool = False,
                   **filters: Any) -> Timeline:
    """The timeline of a store (a store, an SQLite file, a Neo4j URI or settings), with the
    filters of `graphkit.graph.filtered_graph` as a person gives them: ``actor`` and `partner`
    by name, alias or id. `graphkit timeline` calls this."""
    from .graph import filtered_graph, resolve_actor
    from .stores import Store, open_store

    if filters.get("hops") is not None:
        raise InputError("--hops does not apply to a timeline (it counts the relations --actor takes part in)")
    if partner is not None and filters.get("actor") is None:
        raise InputError("--partner needs --actor (the timeline of a dyad is of two actors)")
    own = not isinstance(target, Store)
    store = open_store(target, readonly=True) if own else target
    try:
        G, applied = filtered_graph(store, **filters)
        other = resolve_actor(partner, store) if partner is not None else None
    finally:
        if own:
            store.close()
    return timeline(G, actor=applied.get("actor"), partner=other, period=period,
                    include_negated=include_negated, include_modal=include_modal)


# --- drawing ----------------------------------------------------------------------------------

def _nice(x: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten that is at least `x` (> 0)."""
    if x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    for m in (1, 2, 5, 10):
        if m * 10 ** exp >= x - 1e-9:
            return float(m * 10 ** exp)
    return float(10 ** (exp + 1))


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))


def timeline_svg(tl: Timeline, title: str = "", width: int = 900, height: int = 340) -> str:
    """`tl` as a standalone SVG document: bars of relations per period stacked by QuadClass
    (left axis), the Goldstein balance as a line (right axis, zero dashed), turns marked.

    Every period is a ``<g class="gk-period" data-period=KEY>`` holding one ``<rect
    class="gk-bar" data-quad=Q>`` per QuadClass it has relations of; texts are escaped.

    Example
    -------
    >>> svg = timeline_svg(timeline(G, actor="RUS"), title="Russia")
    >>> svg.startswith("<svg")
    True
    """
    esc = html.escape
    left, right, top, bottom = 52, 60, (66 if title else 44), 56
    pw, ph = width - left - right, height - top - bottom
    n = len(tl.periods)
    band = pw / max(1, n)
    bar = max(1.0, min(band * 0.72, 48.0))
    step = max(1.0, _nice(max((p.relations for p in tl.periods), default=1) / 4))  # whole relations
    cmax = 4 * step
    gmax = _nice(max((abs(p.goldstein) for p in tl.periods), default=1.0) or 1.0)

    def y(c: float) -> float:
        return top + ph - c / cmax * ph

    def yg(g: float) -> float:
        return top + ph / 2 - g / gmax * (ph / 2)

    def f(x: float) -> str:
        return f"{x:.1f}"

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="gk-timeline" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title or tl.about)}" '
           f'data-periods="{n}" font-family="{FONT}" font-size="11">',
           f'<title>{esc(title or tl.about)}</title>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    if title:
        out.append(f'<text class="gk-tl-title" x="{left}" y="22" font-size="15" font-weight="600" '
                   f'fill="#1b2430">{esc(title)}</text>')
    # legend
    lx, ly = float(left), top - 26
    for q in (1, 2, 3, 4):
        name = QUAD_CLASSES[q]
        out.append(f'<rect x="{f(lx)}" y="{ly - 8}" width="10" height="10" fill="{QUAD_COLORS[q]}"/>'
                   f'<text x="{f(lx + 14)}" y="{ly + 1}" fill="#3a4450">{esc(name)}</text>')
        lx += 22 + 6.2 * len(name)
    out.append(f'<line x1="{f(lx)}" y1="{ly - 3}" x2="{f(lx + 18)}" y2="{ly - 3}" stroke="{LINE_COLOR}" '
               f'stroke-width="2"/><text x="{f(lx + 22)}" y="{ly + 1}" fill="#3a4450">Goldstein balance</text>')
    # axes and grid
    for i in range(5):
        c = cmax * i / 4
        out.append(f'<line x1="{left}" y1="{f(y(c))}" x2="{left + pw}" y2="{f(y(c))}" stroke="#e6e9ed"/>'
                   f'<text x="{left - 6}" y="{f(y(c) + 4)}" text-anchor="end" fill="#5b6673">{_num(c)}</text>')
    for g in (-gmax, 0.0, gmax):
        out.append(f'<text x="{left + pw + 6}" y="{f(yg(g) + 4)}" fill="#5b6673">{"+" if g > 0 else ""}'
                   f'{_num(g)}</text>')
    out.append(f'<line class="gk-zero" x1="{left}" y1="{f(yg(0))}" x2="{left + pw}" y2="{f(yg(0))}" '
               f'stroke="#8c96a0" stroke-dasharray="4 3"/>')
    out.append(f'<text x="4" y="{top - 8}" fill="#5b6673">relations</text>'
               f'<text x="{width - 4}" y="{top - 8}" text-anchor="end" fill="#5b6673">Goldstein</text>')
    if not n:
        out.append(f'<text x="{left + pw / 2}" y="{top + ph / 2}" text-anchor="middle" fill="#5b6673">'
                   'no dated relations</text>')
    # bars
    every = max(1, math.ceil(n * 64 / max(pw, 1)))
    for i, p in enumerate(tl.periods):
        x = left + band * i + (band - bar) / 2
        out.append(f'<g class="gk-period" data-period="{esc(p.key)}" data-relations="{p.relations}" '
                   f'data-goldstein="{p.goldstein}">')
        base = 0
        for q, count in zip((1, 2, 3, 4), p.by_quad):
            if not count:
                continue
            y0, y1 = y(base), y(base + count)
            out.append(f'<rect class="gk-bar" data-quad="{q}" x="{f(x)}" y="{f(y1)}" width="{f(bar)}" '
                       f'height="{f(y0 - y1)}" fill="{QUAD_COLORS[q]}"><title>{esc(p.label)}: {count} '
                       f'{esc(QUAD_CLASSES[q].lower())}</title></rect>')
            base += count
        out.append('</g>')
        if i % every == 0:
            out.append(f'<text class="gk-label" x="{f(left + band * (i + 0.5))}" y="{top + ph + 16}" '
                       f'text-anchor="middle" fill="#3a4450">{esc(p.label)}</text>')
    # turns
    index = {p.key: i for i, p in enumerate(tl.periods)}
    for j, t in enumerate(tl.turns):
        x = left + band * index[t.key]
        color = QUAD_COLORS[4] if t.to == "conflict" else QUAD_COLORS[1]
        out.append(f'<g class="gk-turn" data-period="{esc(t.key)}"><line x1="{f(x)}" y1="{top}" x2="{f(x)}" '
                   f'y2="{top + ph}" stroke="{color}" stroke-dasharray="2 3"/><text x="{f(x + 3)}" '
                   f'y="{top + ph + 30 + 11 * (j % 2)}" fill="{color}">turned to {t.to}</text></g>')
    # the Goldstein balance: a line through the periods that have relations, broken by empty ones
    segment: list[str] = []
    paths, points = [], []
    ends: list[Period | None] = [*tl.periods, None]  # None: the end, which closes the last segment
    for i, end in enumerate(ends):
        if end is not None and end.relations:
            cx, cy = left + band * (i + 0.5), yg(end.goldstein)
            segment.append(f"{f(cx)},{f(cy)}")
            points.append(f'<circle class="gk-gpoint" cx="{f(cx)}" cy="{f(cy)}" r="2.5" fill="{LINE_COLOR}">'
                          f'<title>{esc(end.label)}: Goldstein {end.goldstein:+g}</title></circle>')
        elif segment:
            paths.append(f'<polyline class="gk-goldstein" points="{" ".join(segment)}" fill="none" '
                         f'stroke="{LINE_COLOR}" stroke-width="2"/>')
            segment = []
    out += paths + points
    out.append('</svg>')
    return "".join(out)


def timeline_page(tl: Timeline, title: str) -> str:
    """A self-contained HTML page of the timeline: the SVG inline, a summary and a table of the
    periods. No script: the page's Content-Security-Policy allows none."""
    esc = html.escape
    csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    rows = "".join(
        f'<tr><td>{esc(p.label)}</td>' + "".join(f"<td>{n}</td>" for n in p.by_quad)
        + f"<td>{p.relations}</td><td>{p.goldstein:+g}</td></tr>" for p in tl.periods if p.relations)
    head = "".join(f"<th>{esc(QUAD_CLASSES[q])}</th>" for q in (1, 2, 3, 4))
    from .views import page_head

    return "".join([
        page_head(csp, title),
        '<style>body{margin:24px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;'
        'color:#1b2430;background:#f7f8fa}h1{font-size:18px;margin:0 0 6px}p{margin:4px 0;color:#3a4450}'
        '.gk-chart{background:#fff;border:1px solid #d5dae0;border-radius:8px;padding:8px;display:inline-block;'
        'max-width:100%;overflow:auto;margin:8px 0}table{border-collapse:collapse;font-size:12px;margin-top:8px}'
        'td,th{border:1px solid #d5dae0;padding:2px 8px;text-align:right}td:first-child{text-align:left}'
        'th{background:#eef2f6;font-weight:600}</style>\n',
        '</head>\n<body>\n',
        f'<h1>{esc(title)}</h1>\n<p class="gk-summary">{esc(summary(tl))}</p>\n',
        f'<div class="gk-chart">{timeline_svg(tl)}</div>\n',
        f'<table class="gk-periods"><thead><tr><th>{esc(tl.period)}</th>{head}<th>relations</th>'
        f'<th>Goldstein</th></tr></thead><tbody>{rows}</tbody></table>\n' if rows else "",
        '</body>\n</html>\n',
    ])


def summary(tl: Timeline) -> str:
    """One line: what the timeline counts and what it left out."""
    span = f", {tl.periods[0].label} to {tl.periods[-1].label}" if tl.periods else ""
    parts = [f"{tl.about}: {tl.relations:,} relation{'s' if tl.relations != 1 else ''} in "
             f"{len(tl.periods)} {tl.period}{'s' if len(tl.periods) != 1 else ''}{span}"]
    out = [f"{n:,} {k}" for k, n in tl.left_out.items() if n]
    if out:
        parts.append(f"facts only ({' and '.join(out)} left out)")
    if tl.undated or tl.imprecise:
        coarse = f", {tl.imprecise:,} dated too coarsely for {tl.period}s" if tl.imprecise else ""
        parts.append(f"{tl.undated:,} undated{coarse} not drawn")
    if tl.turns:
        parts.append("turned " + ", ".join(f"to {t.to} in {t.label}" for t in tl.turns))
    return "; ".join(parts)


def svg_to_png(svg: str) -> bytes:
    """The SVG as PNG, by resvg (`pip install 'graphkit[png]'`); InputError without it."""
    try:
        import resvg_py
    except ImportError:
        raise InputError("PNG output needs the png extra: pip install 'graphkit[png]' (or write .svg "
                         "or .html)") from None
    return bytes(resvg_py.svg_to_bytes(svg_string=svg))


def write_timeline(tl: Timeline, out: str | os.PathLike, fmt: str | None = None,
                   title: str | None = None) -> str:
    """Write `tl` to `out` as HTML (self-contained, offline), SVG or PNG: `fmt`, else the file's
    suffix. Returns the format written.

    Example
    -------
    >>> write_timeline(timeline(G, actor="RUS", partner="UKR"), "russia-ukraine.svg")
    'svg'
    """
    path = Path(out)
    fmt = (fmt or path.suffix.lstrip(".") or "html").lower()
    if fmt == "htm":
        fmt = "html"
    if fmt not in ("html", "svg", "png"):
        raise InputError(f"{path}: cannot tell the format from the name; use .html, .svg or .png "
                         "(or --format)")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give the file to write")
    title = title or f"{tl.about}: relations per {tl.period}"
    if fmt == "html":
        data = timeline_page(tl, title).encode("utf-8")
    elif fmt == "svg":
        data = ('<?xml version="1.0" encoding="UTF-8"?>\n' + timeline_svg(tl, title) + "\n").encode("utf-8")
    else:
        data = svg_to_png(timeline_svg(tl, title))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return fmt
