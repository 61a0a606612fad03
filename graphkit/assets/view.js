(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("gk-data").textContent);
  var container = document.getElementById("gk-network");
  var tip = document.getElementById("gk-tip");
  var details = document.getElementById("gk-details");
  var body = document.getElementById("gk-details-body");
  var nodes = new vis.DataSet(D.nodes);
  var edges = new vis.DataSet(D.edges);
  var active = {};
  D.relations.forEach(function (r) { active[r] = true; });
  var kindOn = {};
  nodes.forEach(function (n) { kindOn[n.kind] = true; });
  var modalOn = true;
  function nodeOn(id) { var n = nodes.get(id); return !!(n && kindOn[n.kind]); }
  function edgeOn(e) { return !!active[e.relation] && (modalOn || !e.mod) && nodeOn(e.from) && nodeOn(e.to); }
  var live = {};
  function recount() {
    live = {};
    edges.forEach(function (e) {
      if (edgeOn(e)) { live[e.from] = (live[e.from] || 0) + 1; live[e.to] = (live[e.to] || 0) + 1; }
    });
  }
  recount();
  var edgeView = new vis.DataView(edges, { filter: edgeOn });
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !!kindOn[n.kind] && (n.lonely || live[n.id] > 0); } });
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, D.options);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function name(id) { var n = nodes.get(id); return n ? n.label : String(id); }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function relText(r) { return r.replace(/_/g, " ").toLowerCase(); }
  function dates(e) {
    if (!e.f) { return "undated"; }
    return e.f === e.l ? e.f : e.f + " to " + e.l;
  }
  function swatch(color) { var s = el("span", "gk-dot"); s.style.background = color; return s; }
  // A source's URL as a link only when it is http(s); anything else (javascript:, data:) as text.
  function source(url) {
    var u = null;
    try { u = new URL(url); } catch (err) { u = null; }
    if (u && (u.protocol === "http:" || u.protocol === "https:")) {
      var a = el("a", "gk-url", url);
      a.setAttribute("href", u.href);
      a.setAttribute("target", "_blank");
      a.setAttribute("rel", "noopener noreferrer");
      return a;
    }
    return el("div", "gk-url", url);
  }

  // The timeline of some edges (an actor's, a dyad's): drawn by gkTimeline (timeline.js).
  var tlPeriod = null;  // null: months, or weeks when the relations span half a year or less
  function timelineBox(list, heading) {
    var shown = list.filter(function (e) { return !e.neg && edgeOn(e); });
    var points = [], modal = 0, undated = 0;
    shown.forEach(function (e) {
      e.t.forEach(function (t) { points.push({ d: t[0], n: t[1], q: e.qc, g: e.g }); });
      undated += e.u;
      if (e.mod) { modal += e.n; }
    });
    var box = el("div", "gk-tl");
    if (!points.length) { return box; }
    var days = points.map(function (p) { return p.d; }).filter(function (d) { return d.length === 10; }).sort();
    var auto = days.length && (Date.parse(days[days.length - 1]) - Date.parse(days[0])) <= 183 * 86400000 ? "week" : "month";
    var period = tlPeriod || auto;
    var tl = gkTimeline.count(points, period);
    var h = el("div", "gk-tl-head");
    h.appendChild(el("b", null, heading));
    ["month", "week"].forEach(function (p) {
      var b = el("button", "gk-tl-period" + (p === period ? " gk-on" : ""), p);
      b.type = "button";
      b.setAttribute("data-period", p);
      b.addEventListener("click", function () { tlPeriod = p; var r = box.parentNode; if (r) { r.replaceChild(timelineBox(list, heading), box); } });
      h.appendChild(b);
    });
    box.appendChild(h);
    box.appendChild(gkTimeline.draw(tl, { width: 356, height: 190, colors: D.quadColors, names: D.quads }));
    var total = tl.periods.reduce(function (a, p) { return a + p.n; }, 0);
    var notes = [plural(total, "relation") + " per " + period + ", stacked by QuadClass; line: Goldstein balance"];
    if (modal) { notes.push(modal + " of them not facts (modal): untick “not facts” to leave them out"); }
    if (undated + tl.undated + tl.imprecise) { notes.push(plural(undated + tl.undated + tl.imprecise, "relation") + " without a date precise enough, not drawn"); }
    box.appendChild(el("div", "gk-meta", notes.join(" · ")));
    return box;
  }

  function edgeBox(e, all) {
    var box = el("div", "gk-box");
    var h = el("div", "gk-head");
    h.appendChild(swatch(e.c));
    h.appendChild(el("b", null, name(e.from)));
    h.appendChild(el("span", "gk-rel", " " + relText(e.relation) + " "));
    h.appendChild(el("b", null, name(e.to)));
    box.appendChild(h);
    var meta = plural(e.n, "report") + " in " + plural(e.a, "article") + " · " + dates(e);
    box.appendChild(el("div", "gk-meta", meta));
    if (e.p) { box.appendChild(el("div", "gk-meta gk-plover", "PLOVER " + e.p)); }
    if (e.q) { box.appendChild(el("div", "gk-meta", e.q + (e.g !== null ? " · Goldstein " + e.g : ""))); }
    if (e.mod) { box.appendChild(el("div", "gk-meta gk-modality", "not a fact: " + e.m)); }
    if (e.sp.length) { box.appendChild(el("div", "gk-meta gk-speakers", "claimed by " + e.sp.join(", "))); }
    var max = all ? e.ev.length : Math.min(e.ev.length, D.tipSentences);
    if (max > 0) {
      var list = el("ol", "gk-ev");
      for (var i = 0; i < max; i++) {
        var s = e.ev[i];
        var li = el("li");
        li.appendChild(el("div", "gk-sent", s[0]));
        var said = [s[6] ? "according to " + s[6] : "", s[7] ? "[" + s[7] + "]" : ""].filter(function (x) { return x; });
        if (said.length) { li.appendChild(el("div", "gk-said", said.join(" "))); }
        var src = [s[1], s[3], s[4]].filter(function (x) { return x; }).join(" · ");
        if (src) { li.appendChild(el("div", "gk-src", src)); }
        if (all && s[2]) { li.appendChild(source(s[2])); }
        if (all && s[5]) { li.appendChild(el("div", "gk-src", "article " + s[5])); }
        list.appendChild(li);
      }
      box.appendChild(list);
    }
    var rest = e.evn - max;
    if (rest > 0) {
      box.appendChild(el("div", "gk-more", all ? "+ " + plural(e.evn - e.ev.length, "more sentence") + " not kept in this page"
                                              : "+ " + plural(rest, "more sentence") + " · click the edge"));
    }
    if (all) {
      var dyad = edges.get({ filter: function (x) { return (x.from === e.from && x.to === e.to) || (x.from === e.to && x.to === e.from); } });
      box.appendChild(timelineBox(dyad, name(e.from) + " – " + name(e.to) + ", every relation"));
    }
    return box;
  }

  function nodeBox(id, all) {
    var n = nodes.get(id);
    var box = el("div", "gk-box");
    var h = el("div", "gk-head");
    h.appendChild(swatch(n.color.background));
    h.appendChild(el("b", null, n.label));
    box.appendChild(h);
    var meta = n.kind + (n.sec ? " · " + n.sec : "") + (n.af ? " · acts for " + n.af : "") + " · " + plural(n.deg, "relation");
    box.appendChild(el("div", "gk-meta", meta));
    box.appendChild(el("div", "gk-meta gk-id", "id " + n.id));
    if (!all) { return box; }
    var mine = edges.get({ filter: function (e) { return (e.from === id || e.to === id) && edgeOn(e); } });
    mine.sort(function (a, b) { return b.n - a.n; });
    var list = el("ul", "gk-rels");
    mine.forEach(function (e) {
      var li = el("li");
      var b = el("button", "gk-link");
      b.type = "button";
      b.appendChild(swatch(e.c));
      var out = e.from === id;
      b.appendChild(el("span", null, (out ? "→ " : "← ") + relText(e.relation) + " " + name(out ? e.to : e.from)));
      b.appendChild(el("span", "gk-count", "×" + e.n));
      b.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (mine.length) { box.appendChild(timelineBox(mine, "Timeline of " + n.label)); box.appendChild(list); }
    return box;
  }

  function showPanel(content) {
    while (body.firstChild) { body.removeChild(body.firstChild); }
    body.appendChild(content);
    details.hidden = false;
  }
  function showEdge(id) { var e = edges.get(id); if (e) { showPanel(edgeBox(e, true)); } }
  function showNode(id) { if (nodes.get(id)) { showPanel(nodeBox(id, true)); } }
  document.getElementById("gk-close").addEventListener("click", function () {
    details.hidden = true; network.unselectAll();
  });

  function place(p) {
    var r = container.getBoundingClientRect();
    var x = p.DOM.x + 16, y = p.DOM.y + 16;
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > r.width - 8) { x = Math.max(8, p.DOM.x - w - 16); }
    if (y + h > r.height - 8) { y = Math.max(8, r.height - h - 8); }
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function showTip(content, p) {
    while (tip.firstChild) { tip.removeChild(tip.firstChild); }
    tip.appendChild(content);
    place(p);
  }
  function hideTip() { tip.hidden = true; }
  network.on("hoverEdge", function (p) { var e = edges.get(p.edge); if (e) { showTip(edgeBox(e, false), p.pointer); } });
  network.on("hoverNode", function (p) { if (nodes.get(p.node)) { showTip(nodeBox(p.node, false), p.pointer); } });
  network.on("blurEdge", hideTip);
  network.on("blurNode", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
    else { details.hidden = true; }
  });

  function apply() {
    document.querySelectorAll("input[data-relation]").forEach(function (box) {
      active[box.getAttribute("data-relation")] = box.checked;
    });
    document.querySelectorAll("input[data-kind]").forEach(function (box) {
      kindOn[box.getAttribute("data-kind")] = box.checked;
    });
    var m = document.getElementById("gk-modal");
    modalOn = !m || m.checked;
    recount();
    edgeView.refresh();
    nodeView.refresh();
    var shown = 0;
    edgeView.forEach(function (e) { shown += e.n; });
    document.body.setAttribute("data-gk-shown-relations", String(shown));
  }
  document.querySelectorAll("input[data-relation], input[data-kind], #gk-modal").forEach(function (box) {
    box.addEventListener("change", apply);
  });
  function setAll(test) {
    document.querySelectorAll("input[data-relation]").forEach(function (box) {
      box.checked = test(Number(box.getAttribute("data-quad")));
    });
    apply();
  }
  document.getElementById("gk-all") && document.getElementById("gk-all").addEventListener("click", function () { setAll(function () { return true; }); });
  document.getElementById("gk-none") && document.getElementById("gk-none").addEventListener("click", function () { setAll(function () { return false; }); });
  document.getElementById("gk-coop") && document.getElementById("gk-coop").addEventListener("click", function () { setAll(function (q) { return q === 1 || q === 2; }); });
  document.getElementById("gk-conf") && document.getElementById("gk-conf").addEventListener("click", function () { setAll(function (q) { return q === 3 || q === 4; }); });

  function fromHash() {
    var m = /^#(actor|edge)=(.+)$/.exec(window.location.hash);
    if (!m) { return; }
    var key = decodeURIComponent(m[2]);
    if (m[1] === "actor" && nodes.get(key)) { network.selectNodes([key]); showNode(key); }
    if (m[1] === "edge" && edges.get(Number(key))) { network.selectEdges([Number(key)]); showEdge(Number(key)); }
  }
  window.addEventListener("hashchange", fromHash);
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-gk-ready", "1");
    document.body.setAttribute("data-gk-draw-ms", String(Math.round(performance.now())));
  });
  network.once("stabilizationIterationsDone", function () {
    document.body.setAttribute("data-gk-stable", "1");
    // draw now rather than on the next animation frame (which a busy or headless browser
    // may hold back)
    setTimeout(function () { network.redraw(); }, 0);
  });
  if (!D.options.physics.enabled) { network.redraw(); }
  fromHash();
  window.gkNetwork = network;
})();
