/* alliances interactive map. User text only ever reaches the page through
   textContent / createTextNode or as vis-network canvas labels: never as markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  };
  var fmt = function (v) {
    if (typeof v === "number") { return Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, "").replace(/\.$/, ""); }
    if (typeof v === "boolean") { return v ? "yes" : "no"; }
    return v === null || v === undefined ? "–" : String(v);
  };
  var fold = function (s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  };

  byId("map-title").textContent = data.title;
  if (data.note) { byId("note").textContent = data.note; byId("note").hidden = false; }

  /* change maps: data.views lists what each wave shows; one character per
     edge (its change status, "-" = not in this view) and per node ("1"/"0") */
  var views = data.views || null, viewIdx = 0;
  var nodeIndex = {}, edgeIndex = {};
  data.nodes.forEach(function (n, i) { nodeIndex[n.id] = i; });
  data.edges.forEach(function (e, i) { edgeIndex[e.id] = i; });
  function edgeStatus(id) { return views ? views[viewIdx].edges.charAt(edgeIndex[id]) : ""; }
  function nodeInView(id) { return !views || views[viewIdx].nodes.charAt(nodeIndex[id]) === "1"; }
  function edgeLook(e) {
    var status = edgeStatus(e.id);
    if (!views || status === "-") { return { color: e.color, width: e.width, dashes: e.dashes || false, opacity: data.options.edges.color.opacity }; }
    var st = data.change_styles[status];
    return { color: edgeInfo[e.id].sign < 0 ? st.negative : st.color, width: Math.max(1, edgeInfo[e.id].base_width + st.width),
             dashes: st.dashes, opacity: st.opacity };
  }
  var nodeInfo = {}, edgeInfo = {}, baseNode = {}, baseEdge = {};
  var adjacency = {}, undirectedArcs = {};
  var arcKey = function (a, b, rel) { return a + "\u0000" + b + "\u0000" + rel; };
  data.nodes.forEach(function (n, i) { nodeInfo[n.id] = data.node_info[i]; baseNode[n.id] = n; adjacency[n.id] = []; });
  data.edges.forEach(function (e, i) {
    edgeInfo[e.id] = data.edge_info[i]; baseEdge[e.id] = e;
    if (!data.edge_info[i].directed) { undirectedArcs[arcKey(data.edge_info[i].source, data.edge_info[i].target, data.edge_info[i].relation)] = true; }
    adjacency[e.from].push(e.id);
    if (e.to !== e.from) { adjacency[e.to].push(e.id); }
  });

  function nodeTip(id) {
    var info = nodeInfo[id], box = el("div", null, "tip");
    box.appendChild(el("b", info.label));
    var line = [info.sector_label];
    if (info.kind) { line.push(info.kind); }
    if (info.territory) { line.push(info.territory); }
    box.appendChild(el("div", line.join(" · ")));
    if (info.themes && info.themes.length) { box.appendChild(el("div", "Themes: " + info.themes.join(", "))); }
    if (info.marks && info.marks.length) { box.appendChild(el("div", info.marks.join(" · "))); }
    (info.metrics || []).slice(0, 4).forEach(function (m) { box.appendChild(el("div", m[0] + ": " + fmt(m[1]))); });
    if (info.reason) { box.appendChild(el("div", info.reason, "reason")); }
    return box;
  }
  function edgeTip(id) {
    var info = edgeInfo[id], box = el("div", null, "tip");
    box.appendChild(el("b", nodeInfo[info.source].label + (info.directed ? " → " : " – ") + nodeInfo[info.target].label));
    var parts = [info.relation];
    if (info.weight !== null && info.weight !== undefined) { parts.push("weight " + fmt(info.weight)); }
    if (info.trust !== null && info.trust !== undefined) { parts.push("trust " + fmt(info.trust)); }
    if (info.sign < 0) { parts.push("negative"); }
    box.appendChild(el("div", parts.join(", ")));
    if (info.change) { box.appendChild(el("div", info.change)); }
    (info.evidence || []).slice(0, 3).forEach(function (ev) {
      box.appendChild(el("div", (ev[1] ? "“" + ev[1] + "” " : "") + (ev[0] ? "(" + ev[0] + ")" : ""), "reason"));
    });
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n); copy.title = nodeTip(n.id); return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e); copy.title = edgeTip(e.id); return copy;
  }));
  var container = byId("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  var fitAll = function () { network.fit({ animation: false, maxZoomLevel: 1.2 }); };
  fitAll();

  /* ---------------------------------------------------------------- legend and filters */
  var sectorOn = {}, relationOn = {}, clusterSel = "";
  byId("color-title").textContent = data.legend.color_title;
  data.legend.sectors.forEach(function (s) {
    sectorOn[s.key] = true;
    var row = el("label", null, "sector"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.sector = s.key;
    box.setAttribute("aria-label", "show " + s.label);
    box.addEventListener("change", function () { sectorOn[s.key] = box.checked; applyFilters(); });
    var sw = el("span", null, "swatch"); sw.style.background = s.color;
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", s.label, "name")); row.appendChild(el("span", s.count, "count"));
    byId("legend-sectors").appendChild(row);
  });
  data.legend.relations.forEach(function (r) {
    relationOn[r.key] = true;
    var row = el("label", null, "relation"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.relation = r.key;
    box.addEventListener("change", function () { relationOn[r.key] = box.checked; applyFilters(); });
    var ln = el("span", null, "line");
    ln.style.borderTopStyle = r.dashes ? (r.dotted ? "dotted" : "dashed") : "solid";
    ln.style.borderTopColor = r.color;
    row.appendChild(box); row.appendChild(ln);
    row.appendChild(el("span", r.label + (r.arrows ? " →" : ""), "name"));
    row.appendChild(el("span", r.count, "count"));
    byId("legend-relations").appendChild(row);
  });
  data.legend.marks.forEach(function (m) {
    var row = el("div", null, "row mark"), sw = el("span", null, "swatch");
    sw.style.background = "#fff";
    sw.style.borderWidth = (m.width || 1) + "px";
    sw.style.borderStyle = m.dashes ? "dashed" : "solid";
    sw.style.borderColor = m.border || "#555";
    if (m.shape === "diamond") { sw.style.borderRadius = "0"; sw.style.transform = "rotate(45deg) scale(.8)"; }
    if (m.shape === "square") { sw.style.borderRadius = "0"; }
    if (m.glyph) { sw = el("span", m.glyph, "glyph"); }
    row.appendChild(sw); row.appendChild(el("span", m.label));
    byId("legend-marks").appendChild(row);
  });
  byId("legend-size").textContent = data.legend.size;
  var select = byId("cluster-filter");
  if (!data.clusters.length) { select.parentNode.hidden = true; }
  data.clusters.forEach(function (c) {
    var opt = el("option", c.label); opt.value = c.key; select.appendChild(opt);
  });
  select.addEventListener("change", function () { clusterSel = select.value; applyFilters(); });

  function nodeVisible(id) {
    var info = nodeInfo[id];
    return sectorOn[info.skey] !== false && (clusterSel === "" || info.ckey === clusterSel) && nodeInView(id);
  }
  function applyFilters() {
    var nu = [], eu = [];
    data.nodes.forEach(function (n) { nu.push({ id: n.id, hidden: !nodeVisible(n.id) }); });
    data.edges.forEach(function (e) {
      var show = relationOn[edgeInfo[e.id].rkey] !== false && nodeVisible(e.from) && nodeVisible(e.to) && edgeStatus(e.id) !== "-";
      eu.push({ id: e.id, hidden: !show });
    });
    nodes.update(nu); edges.update(eu);
  }
  function restyleEdges() {
    edges.update(data.edges.map(function (e) {
      var look = edgeLook(e);
      return { id: e.id, width: look.width, dashes: look.dashes,
               color: { color: look.color, highlight: look.color, hover: look.color, opacity: look.opacity } };
    }));
  }
  function setView(i) {
    if (!views) { return; }
    viewIdx = i; restore(); faded = false; restyleEdges(); applyFilters();
    byId("view-select").value = String(i);
  }
  if (views) {
    var vsel = byId("view-select");
    views.forEach(function (v, i) { var opt = el("option", v.label); opt.value = String(i); vsel.appendChild(opt); });
    vsel.addEventListener("change", function () { setView(Number(vsel.value)); });
    byId("view-box").hidden = false;
    byId("change-title").textContent = data.legend.change_title || "Change";
    (data.legend.changes || []).forEach(function (c) {
      var row = el("div", null, "row change"), ln = el("span", null, "line");
      ln.style.borderTopStyle = c.dashes ? "dashed" : "solid";
      ln.style.borderTopColor = c.color; ln.style.borderTopWidth = c.width + "px";
      row.appendChild(ln); row.appendChild(el("span", c.label, "name")); row.appendChild(el("span", c.count, "count"));
      byId("legend-changes").appendChild(row);
    });
    byId("change-box").hidden = false;
  }

  /* ---------------------------------------------------------------- selection */
  var faded = false;
  function restore() {
    if (!faded) { return; }
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: n.font || { color: "#222" } }; }));
    edges.update(data.edges.map(function (e) {
      var look = edgeLook(e);
      return { id: e.id, color: { color: look.color, highlight: look.color, hover: look.color, opacity: look.opacity } };
    }));
    faded = false;
  }
  function highlight(id) {
    restore();
    var keep = {}; keep[id] = true;
    adjacency[id].forEach(function (eid) { keep[baseEdge[eid].from] = true; keep[baseEdge[eid].to] = true; });
    var nu = [], eu = [];
    data.nodes.forEach(function (n) {
      if (!keep[n.id]) { nu.push({ id: n.id, color: { background: "#eeeeee", border: "#dddddd" }, font: { color: "#c8c8c8" } }); }
    });
    data.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { eu.push({ id: e.id, color: { color: "#eeeeee", opacity: 0.6 } }); }
    });
    nodes.update(nu); edges.update(eu);
    faded = true;
  }
  function showDetails(id) {
    var info = nodeInfo[id], panel = byId("details");
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
    panel.appendChild(el("h3", info.label));
    panel.appendChild(el("div", info.sector_label + (info.kind ? " · " + info.kind : "")));
    if (info.territory) { panel.appendChild(el("div", info.territory)); }
    if (info.sectors && info.sectors.length > 1) { panel.appendChild(el("div", "Worlds: " + info.sectors.join(", "))); }
    if (info.themes && info.themes.length) { panel.appendChild(el("div", "Themes: " + info.themes.join(", "))); }
    if (info.marks && info.marks.length) { panel.appendChild(el("div", info.marks.join(" · "))); }
    if (info.reason) { panel.appendChild(el("p", info.reason)); }
    if (info.members && info.members.length) {
      panel.appendChild(el("h2", "Main members"));
      var ml = el("ul"); info.members.forEach(function (m) { ml.appendChild(el("li", m)); }); panel.appendChild(ml);
    }
    if (info.metrics && info.metrics.length) {
      panel.appendChild(el("h2", "Measures"));
      var ul = el("ul");
      info.metrics.forEach(function (m) { ul.appendChild(el("li", m[0] + ": " + fmt(m[1]))); });
      panel.appendChild(ul);
    }
    // an undirected tie is stored as two reciprocal arcs: list it once
    var ties = adjacency[id].filter(function (eid) {
      var ei = edgeInfo[eid];
      if (views && edgeStatus(eid) === "-") { return false; }
      return ei.directed || ei.source < ei.target || !undirectedArcs[arcKey(ei.target, ei.source, ei.relation)];
    });
    panel.appendChild(el("h2", "Ties (" + ties.length + ")"));
    var tl = el("ul", null, "ties");
    ties.forEach(function (eid) {
      var e = baseEdge[eid], ei = edgeInfo[eid], other = e.from === id ? e.to : e.from;
      var li = el("li");
      var arrow = !ei.directed ? "– " : (ei.source === id ? "→ " : "← ");
      li.appendChild(document.createTextNode(arrow + ei.relation + (ei.sign < 0 ? " (negative)" : "") + ": "));
      var link = el("button", nodeInfo[other].label, "link"); link.type = "button";
      link.addEventListener("click", function () { focus(other); });
      li.appendChild(link);
      if (ei.change) { li.appendChild(document.createTextNode(" [" + ei.change + "]")); }
      if (ei.weight !== null && ei.weight !== undefined) { li.appendChild(document.createTextNode(" (weight " + fmt(ei.weight) + (ei.trust !== null && ei.trust !== undefined ? ", trust " + fmt(ei.trust) : "") + ")")); }
      (ei.evidence || []).forEach(function (ev) { if (ev[1]) { li.appendChild(el("div", "“" + ev[1] + "”", "quote")); } });
      tl.appendChild(li);
    });
    panel.appendChild(tl);
    panel.hidden = false;
  }
  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    highlight(id); showDetails(id);
  }
  network.on("selectNode", function (p) { if (p.nodes.length) { highlight(p.nodes[0]); showDetails(p.nodes[0]); } });
  network.on("deselectNode", function () { restore(); byId("details").hidden = true; });

  /* ---------------------------------------------------------------- search, physics, fit */
  var search = byId("search");
  function runSearch() {
    var q = fold(search.value), out = byId("matches");
    if (!q) { out.textContent = ""; return; }
    var found = data.nodes.filter(function (n) { return fold(nodeInfo[n.id].label).indexOf(q) !== -1; });
    found.sort(function (a, b) {
      var pa = fold(nodeInfo[a.id].label).indexOf(q), pb = fold(nodeInfo[b.id].label).indexOf(q);
      return pa - pb || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    out.textContent = found.length ? found.length + " found" : "no actor found";
    if (found.length) { focus(found[0].id); }
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); runSearch(); } });
  search.addEventListener("search", runSearch);
  byId("physics").addEventListener("change", function (ev) { network.setOptions({ physics: { enabled: ev.target.checked } }); });
  byId("fit").addEventListener("click", fitAll);

  window.alliancesMap = { data: data, nodes: nodes, edges: edges, focus: focus, applyFilters: applyFilters, setView: setView };
})();
