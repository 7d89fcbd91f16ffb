/* alliances interactive map. User text only ever reaches the page through
   textContent / createTextNode, as vis-network canvas labels, or escaped in
   the exported SVG: never as markup. */
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
  /* interface texts: data.ui maps each English message to its text in the
     page's language (the gettext catalogue "alliances-map") */
  var T = function (msg, values) {
    var text = data.ui[msg];
    if (text === undefined) { console.error("alliances map: no interface text for " + msg); text = msg; }
    if (values) { Object.keys(values).forEach(function (k) { text = text.split("{" + k + "}").join(String(values[k])); }); }
    return text;
  };
  var decimal = data.lang === "fr" ? "," : ".";
  var fmt = function (v) {
    if (typeof v === "number") {
      var s = Number.isInteger(v) ? String(v) : v.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
      return s.replace(".", decimal);
    }
    if (typeof v === "boolean") { return v ? T("yes") : T("no"); }
    return v === null || v === undefined ? "–" : String(v);
  };
  var fold = function (s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  };
  Array.prototype.forEach.call(document.querySelectorAll("[data-t]"), function (e) { e.textContent = T(e.getAttribute("data-t")); });
  ["placeholder", "aria-label", "title"].forEach(function (attr) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-t-" + attr + "]"), function (e) {
      e.setAttribute(attr, T(e.getAttribute("data-t-" + attr)));
    });
  });

  byId("map-title").textContent = data.title;
  if (data.subtitle) { byId("map-subtitle").textContent = data.subtitle; }
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
  var relLabel = function (info) { return info.rlabel || info.relation; };

  function nodeTip(id) {
    var info = nodeInfo[id], box = el("div", null, "tip");
    box.appendChild(el("b", info.label));
    var line = [info.sector_label];
    if (info.kind) { line.push(info.kind); }
    if (info.territory) { line.push(info.territory); }
    box.appendChild(el("div", line.join(" · ")));
    if (info.themes && info.themes.length) { box.appendChild(el("div", T("Themes") + sep() + info.themes.join(", "))); }
    if (info.marks && info.marks.length) { box.appendChild(el("div", info.marks.join(" · "))); }
    (info.metrics || []).slice(0, 4).forEach(function (m) { box.appendChild(el("div", m[0] + sep() + fmt(m[1]))); });
    if (info.reason) { box.appendChild(el("div", info.reason, "reason")); }
    return box;
  }
  function sep() { return data.lang === "fr" ? " : " : ": "; }
  function edgeTip(id) {
    var info = edgeInfo[id], box = el("div", null, "tip");
    box.appendChild(el("b", nodeInfo[info.source].label + (info.directed ? " → " : " – ") + nodeInfo[info.target].label));
    var parts = [relLabel(info)];
    if (info.weight !== null && info.weight !== undefined) { parts.push(T("weight") + " " + fmt(info.weight)); }
    if (info.trust !== null && info.trust !== undefined) { parts.push(T("trust") + " " + fmt(info.trust)); }
    if (info.sign < 0) { parts.push(T("negative")); }
    box.appendChild(el("div", parts.join(", ")));
    if (info.change) { box.appendChild(el("div", info.change)); }
    (info.evidence || []).slice(0, 3).forEach(function (ev) {
      box.appendChild(el("div", (ev[1] ? "“" + ev[1] + "” " : "") + (ev[0] ? "(" + ev[0] + ")" : ""), "reason"));
    });
    return box;
  }

  /* ---------------------------------------------------------------- labels
     Labels keep one size on screen (LABEL_PX); they are drawn by
     importance (marked actors, the largest actor of each separate group,
     then by size) and a label that would overlap one already drawn is
     hidden (transparent), shown again on hover or when zooming in. */
  var LABEL_PX = 13, SHOWN = "#222222", HIDDEN = "rgba(0,0,0,0)";
  var manageLabels = data.nodes.length <= 1500;
  var labelShown = {}, labelSize = LABEL_PX;
  var groupOf = {};
  (data.groups || []).forEach(function (g, gi) { g.members.forEach(function (id) { groupOf[id] = gi; }); });
  var priority = data.nodes.map(function (n) { return n.id; });
  (function () {
    var leaders = {}, marked = {};
    data.nodes.forEach(function (n) {
      var gi = groupOf[n.id];
      if (gi !== undefined && (leaders[gi] === undefined || n.size > baseNode[leaders[gi]].size)) { leaders[gi] = n.id; }
      if ((nodeInfo[n.id].markcodes || []).length) { marked[n.id] = true; }
    });
    var lead = {}; Object.keys(leaders).forEach(function (k) { lead[leaders[k]] = true; });
    var rank = function (id) { return marked[id] ? 0 : lead[id] ? 1 : 2; };
    priority.sort(function (a, b) {
      return rank(a) - rank(b) || baseNode[b].size - baseNode[a].size || (a < b ? -1 : a > b ? 1 : 0);
    });
  })();
  var chosenLabel = function (values, id, selected, hovering) {
    if (selected || hovering) { values.color = SHOWN; values.strokeWidth = 3; values.strokeColor = "#ffffff"; }
  };

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n); copy.title = nodeTip(n.id); return copy;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var copy = Object.assign({}, e); copy.title = edgeTip(e.id); return copy;
  }));
  var container = byId("mynetwork");
  var options = Object.assign({}, data.options);
  if (manageLabels) {
    options.nodes = Object.assign({}, options.nodes, { chosen: { node: true, label: chosenLabel } });
  }
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  window.network = network;

  function boxesOverlap(a, b) {
    return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
  }
  function placeLabels() {
    if (!manageLabels) { return; }
    var scale = network.getScale(), size = LABEL_PX / scale;
    labelSize = size;
    nodes.update(nodes.getIds().map(function (id) { return { id: id, font: { size: size } }; }));
    network.redraw();  // vis-network measures every label at this size
    var margin = 2 / scale, placed = [], cell = 80 / scale, grid = {};
    var keyOf = function (i, j) { return i + "," + j; };
    var updates = [];
    // actors first, by importance; then any other node on the map (the events view's squares)
    var extra = nodes.getIds().filter(function (id) { return !Object.prototype.hasOwnProperty.call(baseNode, id); }).sort();
    priority.concat(extra).forEach(function (id) {
      var node = network.body.nodes[id];
      var show = false;
      if (node && !nodes.get(id).hidden && node.labelModule && node.labelModule.size && node.labelModule.size.width > 0) {
        var s = node.labelModule.size;
        var box = { left: s.left - margin, top: s.top - margin, width: s.width + 2 * margin, height: s.height + 2 * margin };
        var i0 = Math.floor(box.left / cell), i1 = Math.floor((box.left + box.width) / cell);
        var j0 = Math.floor(box.top / cell), j1 = Math.floor((box.top + box.height) / cell);
        var free = true, i, j;
        for (i = i0; i <= i1 && free; i++) {
          for (j = j0; j <= j1 && free; j++) {
            (grid[keyOf(i, j)] || []).forEach(function (b) { if (free && boxesOverlap(b, box)) { free = false; } });
          }
        }
        if (free) {
          show = true; placed.push(box);
          for (i = i0; i <= i1; i++) { for (j = j0; j <= j1; j++) { (grid[keyOf(i, j)] = grid[keyOf(i, j)] || []).push(box); } }
        }
      }
      labelShown[id] = show;
      updates.push({ id: id, font: { size: size, color: show ? currentFontColor(id) : HIDDEN, strokeWidth: show ? 3 : 0 } });
    });
    nodes.update(updates);
  }
  var labelTimer = null;
  function schedulePlaceLabels() {
    if (!manageLabels) { return; }
    if (labelTimer) { clearTimeout(labelTimer); }
    labelTimer = setTimeout(function () { labelTimer = null; placeLabels(); }, 120);
  }

  /* ---------------------------------------------------------------- marks and overlays */
  var introOn = false;
  function star(ctx, x, y, r) {
    ctx.beginPath();
    for (var k = 0; k < 10; k++) {
      var rad = k % 2 === 0 ? r : r * 0.45, a = -Math.PI / 2 + k * Math.PI / 5;
      if (k === 0) { ctx.moveTo(x + rad * Math.cos(a), y + rad * Math.sin(a)); } else { ctx.lineTo(x + rad * Math.cos(a), y + rad * Math.sin(a)); }
    }
    ctx.closePath();
  }
  /* the star sits just outside the upper right of the node, clear of a hybrid's ring */
  function badgeAt(n, pos) {
    var r = Math.max(7, n.size * 0.45), d = (n.size + 0.45 * r + 3) / Math.SQRT2;
    return { x: pos.x + d, y: pos.y - d, r: r };
  }
  var intros = data.introductions || [];
  network.on("beforeDrawing", function (ctx) {
    var positions = network.getPositions();
    (data.groups || []).forEach(function (g) {
      var xs = [], ys = [], pad = 0;
      g.members.forEach(function (id) {
        if (!positions[id] || nodes.get(id).hidden) { return; }
        xs.push(positions[id].x); ys.push(positions[id].y); pad = Math.max(pad, baseNode[id].size);
      });
      if (!xs.length) { return; }
      var x0 = Math.min.apply(null, xs) - pad - 14, x1 = Math.max.apply(null, xs) + pad + 14;
      var y0 = Math.min.apply(null, ys) - pad - 14, y1 = Math.max.apply(null, ys) + pad + 14 + LABEL_PX / network.getScale();
      ctx.save();
      ctx.setLineDash(data.group_outline.dashes); ctx.strokeStyle = data.group_outline.color; ctx.lineWidth = data.group_outline.width;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.setLineDash([]);
      ctx.fillStyle = "#555555"; ctx.font = (12 / network.getScale()) + "px system-ui, sans-serif"; ctx.textBaseline = "bottom";
      ctx.fillText(g.label, x0, y0 - 3 / network.getScale());
      ctx.restore();
    });
    if (introOn) {
      ctx.save();
      intros.forEach(function (s) {
        if (s.via && positions[s.via]) {
          ctx.beginPath(); ctx.fillStyle = data.introduction.halo; ctx.strokeStyle = "#000000"; ctx.lineWidth = 1;
          ctx.arc(positions[s.via].x, positions[s.via].y, baseNode[s.via].size + 9, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
        }
      });
      ctx.strokeStyle = data.introduction.color; ctx.lineWidth = data.introduction.width; ctx.setLineDash(data.introduction.dashes);
      intros.forEach(function (s) {
        var a = positions[s.source], b = positions[s.target];
        if (!a || !b) { return; }
        ctx.beginPath(); ctx.moveTo(a.x, a.y); ctx.lineTo(b.x, b.y); ctx.stroke();
      });
      ctx.restore();
    }
  });
  network.on("afterDrawing", function (ctx) {
    var positions = network.getPositions();
    data.nodes.forEach(function (n) {
      if ((nodeInfo[n.id].markcodes || []).indexOf("intermediary") === -1 || nodes.get(n.id).hidden) { return; }
      var b = badgeAt(n, positions[n.id]);
      ctx.save();
      star(ctx, b.x, b.y, b.r);
      ctx.lineWidth = 3; ctx.strokeStyle = data.marks.intermediary.outline; ctx.stroke();
      ctx.fillStyle = data.marks.intermediary.color; ctx.fill();
      ctx.restore();
    });
  });

  var fitAll = function () { network.fit({ animation: false, maxZoomLevel: 1.2 }); schedulePlaceLabels(); };
  network.fit({ animation: false, maxZoomLevel: 1.2 });
  placeLabels();
  network.on("zoom", schedulePlaceLabels);
  network.on("dragEnd", schedulePlaceLabels);
  network.on("stabilized", schedulePlaceLabels);
  network.on("resize", schedulePlaceLabels);  // the side panel opening narrows the canvas
  // a page started while hidden (a notebook cell out of view) fitted a 0x0 canvas: fit again
  // the first time the canvas gets a real size
  var sizedOnce = byId("mynetwork").clientWidth > 0 && byId("mynetwork").clientHeight > 0;
  network.on("resize", function (p) {
    if (!sizedOnce && p.width > 0 && p.height > 0) { sizedOnce = true; fitAll(); }
  });

  /* ---------------------------------------------------------------- legend and filters */
  function swatchCanvas(w, h, draw) {
    var c = el("canvas", null, "glyph"), ratio = window.devicePixelRatio || 1;
    c.width = w * ratio; c.height = h * ratio; c.style.width = w + "px"; c.style.height = h + "px";
    var ctx = c.getContext("2d"); ctx.scale(ratio, ratio); draw(ctx);
    return c;
  }
  function lineSwatch(colour, dashes, width) {
    var c = swatchCanvas(30, 10, function (ctx) {
      ctx.strokeStyle = colour; ctx.lineWidth = width || 2.5; ctx.setLineDash(dashes || []);
      ctx.beginPath(); ctx.moveTo(0, 5); ctx.lineTo(30, 5); ctx.stroke();
    });
    c.className = "line";
    return c;
  }
  function markSwatch(glyph) {
    return swatchCanvas(18, 18, function (ctx) {
      ctx.fillStyle = "#ffffff"; ctx.strokeStyle = "#4D4D4D"; ctx.lineWidth = 1;
      if (glyph === "diamond") { ctx.beginPath(); ctx.moveTo(9, 2); ctx.lineTo(16, 9); ctx.lineTo(9, 16); ctx.lineTo(2, 9); ctx.closePath(); ctx.fill(); ctx.stroke(); return; }
      if (glyph === "square") { ctx.fillRect(3, 3, 12, 12); ctx.strokeRect(3, 3, 12, 12); return; }
      if (glyph === "outline") { ctx.setLineDash(data.group_outline.dashes.map(function (d) { return d / 2; })); ctx.strokeStyle = data.group_outline.color; ctx.strokeRect(1.5, 1.5, 15, 15); return; }
      if (glyph === "intro") {
        ctx.beginPath(); ctx.fillStyle = data.introduction.halo; ctx.arc(9, 9, 5, 0, 2 * Math.PI); ctx.fill(); ctx.stroke();
        ctx.setLineDash([2, 3]); ctx.strokeStyle = data.introduction.color; ctx.lineWidth = 2;
        ctx.beginPath(); ctx.moveTo(0, 16); ctx.lineTo(18, 2); ctx.stroke(); return;
      }
      var ring = glyph === "ring" || glyph === "ring+star";
      ctx.beginPath(); ctx.arc(8, 10, ring ? 5.5 : 6, 0, 2 * Math.PI); ctx.fill();
      ctx.lineWidth = ring ? 3 : 1; ctx.strokeStyle = ring ? data.marks.hybrid.border : "#4D4D4D"; ctx.stroke();
      if (glyph === "star" || glyph === "ring+star") {
        star(ctx, 13.5, 4.5, 4.5); ctx.lineWidth = 1.5; ctx.strokeStyle = "#ffffff"; ctx.stroke();
        ctx.fillStyle = data.marks.intermediary.color; ctx.fill();
      }
    });
  }
  var sectorOn = {}, relationOn = {}, clusterSel = "";
  byId("color-title").textContent = data.legend.color_title;
  data.legend.sectors.forEach(function (s) {
    sectorOn[s.key] = true;
    var row = el("label", null, "sector"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.sector = s.key;
    box.setAttribute("aria-label", T("show {label}", { label: s.label }));
    box.addEventListener("change", function () { sectorOn[s.key] = box.checked; applyFilters(); });
    var sw = el("span", null, "swatch"); sw.style.background = s.color;
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", s.label, "name")); row.appendChild(el("span", s.count, "count"));
    byId("legend-sectors").appendChild(row);
  });
  data.legend.relations.forEach(function (r) {
    relationOn[r.key] = true;
    var row = el("label", null, "relation"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.dataset.relation = r.key;
    box.setAttribute("aria-label", T("show {label}", { label: r.label }));
    box.addEventListener("change", function () { relationOn[r.key] = box.checked; applyFilters(); });
    var ln = lineSwatch(r.color, r.dashes || []);
    ln.dataset.color = r.color; ln.dataset.dashes = JSON.stringify(r.dashes || []);
    row.appendChild(box); row.appendChild(ln);
    row.appendChild(el("span", r.label + (r.arrows ? " →" : ""), "name"));
    row.appendChild(el("span", r.count, "count"));
    byId("legend-relations").appendChild(row);
  });
  var legendMarks = data.legend.marks.slice();
  if (intros.length) { legendMarks.push({ label: T("suggested introduction: dashed missing link, go-between in a yellow halo"), glyph: "intro", mark: "introduction" }); }
  var GLYPHS = ["dot", "diamond", "square", "ring", "star", "ring+star", "outline", "intro"];
  legendMarks.forEach(function (m) {
    var code = m.glyph || m.shape || "dot", row = el("div", null, "row mark");
    // a glyph outside the drawn ones (the change map's ★ ▼ ▲) is shown as the character itself
    var sw = GLYPHS.indexOf(code) === -1 ? el("span", code, "glyph") : markSwatch(code);
    sw.dataset.glyph = code;
    if (m.mark) { row.dataset.mark = m.mark; }
    row.appendChild(sw); row.appendChild(el("span", m.label));
    byId("legend-marks").appendChild(row);
  });
  byId("legend-size").textContent = data.legend.size;
  if (!manageLabels) { byId("legend-labels").hidden = true; }
  var select = byId("cluster-filter");
  if (!data.clusters.length) { select.parentNode.hidden = true; }
  data.clusters.forEach(function (c) {
    var opt = el("option", c.label); opt.value = c.key; select.appendChild(opt);
  });
  select.addEventListener("change", function () { clusterSel = select.value; applyFilters(); });
  if (intros.length) {
    byId("intro-box").hidden = false;
    byId("intro-toggle").addEventListener("change", function (ev) { introOn = ev.target.checked; network.redraw(); });
  }

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
    placeLabels();
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
    byId("change-title").textContent = data.legend.change_title || T("Change");
    (data.legend.changes || []).forEach(function (c) {
      var row = el("div", null, "row change"), ln = lineSwatch(c.color, c.dashes ? [6, 4] : [], c.width);
      row.appendChild(ln); row.appendChild(el("span", c.label, "name")); row.appendChild(el("span", c.count, "count"));
      byId("legend-changes").appendChild(row);
    });
    byId("change-box").hidden = false;
  }

  /* ---------------------------------------------------------------- selection */
  var faded = false, fadedIds = {};
  function currentFontColor(id) { return faded && fadedIds[id] ? "#c8c8c8" : SHOWN; }
  function fontFor(id, colour) {
    var f = { color: colour };
    if (manageLabels) { f.size = labelSize; f.strokeWidth = 3; }
    if (manageLabels && !labelShown[id]) { f.color = HIDDEN; f.strokeWidth = 0; }
    return f;
  }
  function restore() {
    if (!faded) { return; }
    faded = false; fadedIds = {};
    nodes.update(data.nodes.map(function (n) { return { id: n.id, color: n.color, font: fontFor(n.id, SHOWN) }; }));
    edges.update(data.edges.map(function (e) {
      var look = edgeLook(e);
      return { id: e.id, color: { color: look.color, highlight: look.color, hover: look.color, opacity: look.opacity } };
    }));
  }
  function highlight(id) {
    restore();
    var keep = {}; keep[id] = true;
    adjacency[id].forEach(function (eid) { keep[baseEdge[eid].from] = true; keep[baseEdge[eid].to] = true; });
    var nu = [], eu = [];
    data.nodes.forEach(function (n) {
      if (!keep[n.id]) { fadedIds[n.id] = true; nu.push({ id: n.id, color: { background: "#eeeeee", border: "#dddddd" }, font: fontFor(n.id, "#c8c8c8") }); }
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
    var close = el("button", T("Close"), "close"); close.type = "button";
    close.addEventListener("click", function () { network.unselectAll(); restore(); panel.hidden = true; });
    panel.appendChild(close);
    panel.appendChild(el("h3", info.label));
    panel.appendChild(el("div", info.sector_label + (info.kind ? " · " + info.kind : "")));
    if (info.territory) { panel.appendChild(el("div", info.territory)); }
    if (info.marks && info.marks.length) { panel.appendChild(el("div", info.marks.join(" · "), "marks")); }
    if (info.reason) {
      panel.appendChild(el("h2", T("Why this actor")));
      panel.appendChild(el("p", info.reason, "why"));
    }
    var worlds = info.worlds && info.worlds.length ? info.worlds : (info.sectors && info.sectors.length > 1 ? info.sectors : []);
    if (worlds.length) { panel.appendChild(el("div", T("Worlds") + sep() + worlds.join(", "), "worlds")); }
    if (info.themes && info.themes.length) { panel.appendChild(el("div", T("Themes") + sep() + info.themes.join(", "))); }
    if (info.members && info.members.length) {
      panel.appendChild(el("h2", T("Main members")));
      var ml = el("ul"); info.members.forEach(function (m) { ml.appendChild(el("li", m)); }); panel.appendChild(ml);
    }
    // an undirected tie is stored as two reciprocal arcs: list it once
    var ties = adjacency[id].filter(function (eid) {
      var ei = edgeInfo[eid];
      if (views && edgeStatus(eid) === "-") { return false; }
      return ei.directed || ei.source < ei.target || !undirectedArcs[arcKey(ei.target, ei.source, ei.relation)];
    });
    panel.appendChild(el("h2", T("Ties ({n})", { n: ties.length })));
    var tl = el("ul", null, "ties");
    ties.forEach(function (eid) {
      var e = baseEdge[eid], ei = edgeInfo[eid], other = e.from === id ? e.to : e.from;
      var li = el("li");
      var arrow = !ei.directed ? "– " : (ei.source === id ? "→ " : "← ");
      li.appendChild(document.createTextNode(arrow + relLabel(ei) + (ei.sign < 0 ? " (" + T("negative") + ")" : "") + sep()));
      var link = el("button", nodeInfo[other].label, "link"); link.type = "button";
      link.addEventListener("click", function () { focus(other); });
      li.appendChild(link);
      if (ei.change) { li.appendChild(document.createTextNode(" [" + ei.change + "]")); }
      var nums = [];
      if (ei.weight !== null && ei.weight !== undefined) { nums.push(T("weight") + " " + fmt(ei.weight)); }
      if (ei.trust !== null && ei.trust !== undefined) { nums.push(T("trust") + " " + fmt(ei.trust)); }
      if (nums.length) { li.appendChild(document.createTextNode(" (" + nums.join(", ") + ")")); }
      (ei.evidence || []).forEach(function (ev) { if (ev[1]) { li.appendChild(el("div", "“" + ev[1] + "”", "quote")); } });
      tl.appendChild(li);
    });
    panel.appendChild(tl);
    var mine = intros.filter(function (s) { return s.source === id || s.target === id; });
    if (mine.length) {
      panel.appendChild(el("h2", T("Introductions ({n})", { n: mine.length })));
      var il = el("ul", null, "intros");
      mine.forEach(function (s) {
        var other = s.source === id ? s.target : s.source, li = el("li");
        var link = el("button", nodeInfo[other].label, "link"); link.type = "button";
        link.addEventListener("click", function () { focus(other); });
        li.appendChild(link);
        li.appendChild(el("div", s.via ? T("go-between: {name}", { name: nodeInfo[s.via].label }) : T("nobody in the data reaches both")));
        if (s.reason) { li.appendChild(el("div", s.reason, "quote")); }
        il.appendChild(li);
      });
      panel.appendChild(il);
    }
    if (info.metrics && info.metrics.length) {
      panel.appendChild(el("h2", T("Measures")));
      var ul = el("ul");
      info.metrics.forEach(function (m) { ul.appendChild(el("li", m[0] + sep() + fmt(m[1]))); });
      panel.appendChild(ul);
    }
    panel.hidden = false;
    schedulePlaceLabels();
  }
  function focus(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
    highlight(id); showDetails(id); placeLabels();
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
    out.textContent = found.length ? T("{n} found", { n: found.length }) : T("no actor found");
    if (found.length) { focus(found[0].id); }
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); runSearch(); } });
  search.addEventListener("search", runSearch);
  byId("physics").addEventListener("change", function (ev) { network.setOptions({ physics: { enabled: ev.target.checked } }); });
  byId("fit").addEventListener("click", fitAll);

  /* ---------------------------------------------------------------- export (offline: no server) */
  var fileBase = (String(data.title).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "map").slice(0, 60);
  function download(href, name) {
    var a = document.createElement("a");
    a.href = href; a.download = name; a.click();
  }
  function pngDataURL() {
    var src = container.querySelector("canvas"), out = document.createElement("canvas");
    out.width = src.width; out.height = src.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(src, 0, 0);
    return out.toDataURL("image/png");
  }
  var xml = function (s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  };
  function svgText() {
    var w = container.clientWidth, h = container.clientHeight, positions = network.getPositions(), scale = network.getScale();
    var dom = function (id) { return network.canvasToDOM(positions[id]); };
    var r2 = function (v) { return Math.round(v * 100) / 100; };
    var out = ['<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + " " + h + '">',
               "<title>" + xml(data.title) + "</title>", '<rect width="100%" height="100%" fill="#ffffff"/>'];
    data.edges.forEach(function (e) {
      var cur = edges.get(e.id);
      if (cur.hidden || e.from === e.to) { return; }
      var a = dom(e.from), b = dom(e.to), look = edgeLook(e);
      out.push('<line x1="' + r2(a.x) + '" y1="' + r2(a.y) + '" x2="' + r2(b.x) + '" y2="' + r2(b.y) + '" stroke="' + xml(look.color) +
               '" stroke-opacity="' + look.opacity + '" stroke-width="' + r2(look.width * scale) + '"' +
               (look.dashes ? ' stroke-dasharray="' + look.dashes.map(function (d) { return r2(d * scale); }).join(" ") + '"' : "") + "/>");
    });
    data.nodes.forEach(function (n) {
      var cur = nodes.get(n.id);
      if (cur.hidden) { return; }
      var p = dom(n.id), r = n.size * scale, fill = n.color.background, border = n.color.border, bw = (n.borderWidth || 1) * scale;
      if (n.shape === "diamond") {
        out.push('<polygon points="' + [[0, -r], [r, 0], [0, r], [-r, 0]].map(function (d) { return r2(p.x + d[0]) + "," + r2(p.y + d[1]); }).join(" ") +
                 '" fill="' + xml(fill) + '" stroke="' + xml(border) + '" stroke-width="' + r2(bw) + '"/>');
      } else if (n.shape === "square") {
        out.push('<rect x="' + r2(p.x - r) + '" y="' + r2(p.y - r) + '" width="' + r2(2 * r) + '" height="' + r2(2 * r) + '" fill="' + xml(fill) + '" stroke="' + xml(border) + '" stroke-width="' + r2(bw) + '"/>');
      } else {
        out.push('<circle cx="' + r2(p.x) + '" cy="' + r2(p.y) + '" r="' + r2(r) + '" fill="' + xml(fill) + '" stroke="' + xml(border) + '" stroke-width="' + r2(bw) + '"/>');
      }
      if ((nodeInfo[n.id].markcodes || []).indexOf("intermediary") !== -1) {
        var b = badgeAt(n, positions[n.id]), c = network.canvasToDOM({ x: b.x, y: b.y }), pts = [];
        for (var k = 0; k < 10; k++) {
          var rad = (k % 2 === 0 ? b.r : b.r * 0.45) * scale, ang = -Math.PI / 2 + k * Math.PI / 5;
          pts.push(r2(c.x + rad * Math.cos(ang)) + "," + r2(c.y + rad * Math.sin(ang)));
        }
        out.push('<polygon points="' + pts.join(" ") + '" fill="#000000" stroke="#ffffff" stroke-width="1.5"/>');
      }
      if (labelShown[n.id] || !manageLabels) {
        var lab = network.body.nodes[n.id].labelModule.size, top = network.canvasToDOM({ x: lab.left, y: lab.top });
        out.push('<text x="' + r2(p.x) + '" y="' + r2(top.y + LABEL_PX) + '" text-anchor="middle" font-family="system-ui, sans-serif" font-size="' + LABEL_PX +
                 '" fill="#222222" stroke="#ffffff" stroke-width="3" paint-order="stroke">' + xml(nodeInfo[n.id].label) + "</text>");
      }
    });
    out.push("</svg>");
    return out.join("\n");
  }
  byId("export-png").addEventListener("click", function () { download(pngDataURL(), fileBase + ".png"); });
  byId("export-svg").addEventListener("click", function () {
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText()), fileBase + ".svg");
  });

  window.alliancesMap = { data: data, nodes: nodes, edges: edges, focus: focus, applyFilters: applyFilters, setView: setView,
                          labelShown: labelShown, placeLabels: placeLabels, svgText: svgText, pngDataURL: pngDataURL,
                          T: T, sep: sep, actorFont: fontFor };
})();
