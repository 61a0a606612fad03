// graphkit view: the timeline of the click panel, drawn as graphkit/timeline.py draws it for
// `graphkit timeline`: relations per month or ISO week, stacked by QuadClass, the Goldstein
// balance (summed scores) as a line broken by empty periods. Text goes in with textContent only.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;

  function node(tag, attrs, text) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined && text !== null) {
      var t = document.createElementNS(NS, "title");
      t.textContent = String(text);
      e.appendChild(t);
    }
    return e;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function iso(ms) { var d = new Date(ms); return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()); }
  function utc(day) { return Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)); }

  // The period a date falls in ("2024-03", or the Monday of its ISO week), null when the date
  // is missing or too coarse for the period.
  function key(day, period) {
    var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(day || "");
    if (!m) { return null; }
    if (period === "month") { return m[1] + "-" + m[2]; }
    if (!m[3]) { return null; }
    var t = utc(m[0]);
    return iso(t - ((new Date(t).getUTCDay() + 6) % 7) * DAY);
  }
  function next(k, period) {
    if (period === "week") { return iso(utc(k) + 7 * DAY); }
    var y = +k.slice(0, 4), mo = +k.slice(5, 7);
    return (mo === 12 ? y + 1 : y) + "-" + pad(mo === 12 ? 1 : mo + 1);
  }
  function label(k, period) {
    if (period === "month") { return k; }
    var thursday = utc(k) + 3 * DAY;
    var year = new Date(thursday).getUTCFullYear();
    return year + "-W" + pad(Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1);
  }

  // points: [{d: "YYYY-MM-DD", n: count, q: 1..4, g: Goldstein score}] -> periods, gaps filled.
  function count(points, period) {
    var by = {}, undated = 0, imprecise = 0, first = null, last = null;
    points.forEach(function (p) {
      if (!(p.q >= 1 && p.q <= 4)) { return; }
      var k = key(p.d, period);
      if (k === null) { if (p.d) { imprecise += p.n; } else { undated += p.n; } return; }
      var c = by[k] || (by[k] = { q: [0, 0, 0, 0], g: 0 });
      c.q[p.q - 1] += p.n;
      c.g += p.n * (p.g || 0);
      if (first === null || k < first) { first = k; }
      if (last === null || k > last) { last = k; }
    });
    var periods = [];
    for (var k = first; k !== null; k = (k === last ? null : next(k, period))) {
      var c = by[k] || { q: [0, 0, 0, 0], g: 0 };
      periods.push({ key: k, label: label(k, period), q: c.q, g: Math.round(c.g * 1000) / 1000,
                     n: c.q[0] + c.q[1] + c.q[2] + c.q[3] });
    }
    return { periods: periods, undated: undated, imprecise: imprecise, period: period };
  }

  function nice(x) {
    if (!(x > 0)) { return 1; }
    var e = Math.pow(10, Math.floor(Math.log10(x)));
    var ms = [1, 2, 5, 10];
    for (var i = 0; i < ms.length; i++) { if (ms[i] * e >= x - 1e-9) { return ms[i] * e; } }
    return 10 * e;
  }
  function f(x) { return x.toFixed(1); }

  // The chart of count(): an svg element of class gk-timeline with a group of class gk-period
  // per period, holding a rect of class gk-bar (data-quad: 1-4) per QuadClass present.
  function draw(tl, opts) {
    var W = opts.width || 356, H = opts.height || 190, colors = opts.colors, names = opts.names;
    var left = 28, right = 34, top = 10, bottom = 30;
    var pw = W - left - right, ph = H - top - bottom, n = tl.periods.length;
    var band = pw / Math.max(1, n), bar = Math.max(1, Math.min(band * 0.72, 28));
    var step = Math.max(1, nice(Math.max.apply(null, [1].concat(tl.periods.map(function (p) { return p.n; }))) / 4));
    var cmax = 4 * step;
    var gmax = nice(Math.max.apply(null, [0].concat(tl.periods.map(function (p) { return Math.abs(p.g); }))) || 1);
    function y(c) { return top + ph - c / cmax * ph; }
    function yg(g) { return top + ph / 2 - g / gmax * (ph / 2); }
    var svg = node("svg", { "class": "gk-timeline", width: W, height: H, viewBox: "0 0 " + W + " " + H,
                            "data-periods": n, "font-size": 10 });
    [0, 2, 4].forEach(function (i) {
      var c = cmax * i / 4;
      svg.appendChild(node("line", { x1: left, y1: f(y(c)), x2: left + pw, y2: f(y(c)), stroke: "#e6e9ed" }));
      var t = node("text", { x: left - 4, y: f(y(c) + 3), "text-anchor": "end", fill: "#5b6673" });
      t.textContent = String(c);
      svg.appendChild(t);
    });
    [-gmax, gmax].forEach(function (g) {
      var t = node("text", { x: left + pw + 4, y: f(yg(g) + 3), fill: "#5b6673" });
      t.textContent = (g > 0 ? "+" : "") + g;
      svg.appendChild(t);
    });
    svg.appendChild(node("line", { "class": "gk-zero", x1: left, y1: f(yg(0)), x2: left + pw, y2: f(yg(0)),
                                   stroke: "#8c96a0", "stroke-dasharray": "4 3" }));
    var every = Math.max(1, Math.ceil(n * 54 / pw));
    tl.periods.forEach(function (p, i) {
      var g = node("g", { "class": "gk-period", "data-period": p.key, "data-relations": p.n, "data-goldstein": p.g });
      var x = left + band * i + (band - bar) / 2, base = 0;
      for (var q = 1; q <= 4; q++) {
        var c = p.q[q - 1];
        if (!c) { continue; }
        g.appendChild(node("rect", { "class": "gk-bar", "data-quad": q, x: f(x), y: f(y(base + c)), width: f(bar),
                                     height: f(y(base) - y(base + c)), fill: colors[q] },
                           p.label + ": " + c + " " + String(names[q]).toLowerCase()));
        base += c;
      }
      svg.appendChild(g);
      if (i % every === 0) {
        var t = node("text", { "class": "gk-label", x: f(left + band * (i + 0.5)), y: top + ph + 13,
                               "text-anchor": "middle", fill: "#3a4450" });
        t.textContent = p.label;
        svg.appendChild(t);
      }
    });
    var seg = [];
    function flush() {
      if (seg.length) {
        svg.appendChild(node("polyline", { "class": "gk-goldstein", points: seg.join(" "), fill: "none",
                                           stroke: "#1b2430", "stroke-width": 1.5 }));
      }
      seg = [];
    }
    tl.periods.forEach(function (p, i) {
      if (!p.n) { flush(); return; }
      var cx = left + band * (i + 0.5), cy = yg(p.g);
      seg.push(f(cx) + "," + f(cy));
      svg.appendChild(node("circle", { "class": "gk-gpoint", cx: f(cx), cy: f(cy), r: 2, fill: "#1b2430" },
                           p.label + ": Goldstein " + (p.g > 0 ? "+" : "") + p.g));
    });
    flush();
    return svg;
  }

  window.gkTimeline = { count: count, draw: draw, key: key };
})();
