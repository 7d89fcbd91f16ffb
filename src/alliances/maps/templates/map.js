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
  var groupOf = {}, labelRank = {};
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
    data.nodes.forEach(function (n) { labelRank[n.id] = rank(n.id); });
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
  /* boxes filed by grid cell, so that finding what a box overlaps stays cheap on a large map */
  function boxGrid(cell) {
    var cells = {};
    var visit = function (box, f) {
      var i0 = Math.floor(box.left / cell), i1 = Math.floor((box.left + box.width) / cell);
      var j0 = Math.floor(box.top / cell), j1 = Math.floor((box.top + box.height) / cell);
      for (var i = i0; i <= i1; i++) { for (var j = j0; j <= j1; j++) { if (f(i + "," + j) === false) { return; } } }
    };
    return {
      add: function (box) { visit(box, function (key) { (cells[key] = cells[key] || []).push(box); }); },
      /* the boxes overlapping `box`, each once */
      hits: function (box) {
        var out = [];
        visit(box, function (key) {
          (cells[key] || []).forEach(function (b) { if (out.indexOf(b) === -1 && boxesOverlap(b, box)) { out.push(b); } });
        });
        return out;
      },
      free: function (box) {
        var ok = true;
        visit(box, function (key) {
          var here = cells[key] || [];
          for (var k = 0; k < here.length; k++) { if (boxesOverlap(here[k], box)) { ok = false; return false; } }
        });
        return ok;
      }
    };
  }
  /* ---------------------------------------------------------------- separate groups' captions
     Each separate group is outlined (dashed) and captioned ("separate group (4 actors)"). A
     caption keeps one size on screen (CAPTION_PX) and is placed before the actors' labels, at
     the first of a few spots around its outline that is clear of the captions already placed,
     preferring spots inside the view that cover no label of a marked actor or group leader, then
     the fewest other labels; the labels then give way to the captions. A caption never covers
     another caption, another group's outline or an actor: a narrow map (the report's) has no
     room above a small group for a caption wider than the group, the other spots keep it off
     its neighbours. A caption with no free spot is hidden, and the legend says so. */
  var CAPTION_PX = 12, CAPTION_GAP = 3, CAPTION_FONT = "px system-ui, sans-serif";
  // [side, alignment, lines away from the outline]
  var CAPTION_SPOTS = [["above", "left", 0], ["above", "right", 0], ["below", "left", 0], ["below", "right", 0],
                       ["above", "center", 0], ["below", "center", 0], ["above", "left", 1], ["above", "right", 1],
                       ["below", "left", 1], ["below", "right", 1]];
  var captionSpot = (data.groups || []).map(function () { return 0; });
  var captionWidth = (function () {
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = CAPTION_PX + CAPTION_FONT;
    return (data.groups || []).map(function (g) { return ctx.measureText(g.label).width; });
  })();
  /* the outline of a group's shown members, room for their labels included; null if none is shown */
  function groupBox(g, positions, scale) {
    var xs = [], ys = [], pad = 0;
    g.members.forEach(function (id) {
      if (!positions[id] || nodes.get(id).hidden) { return; }
      xs.push(positions[id].x); ys.push(positions[id].y); pad = Math.max(pad, baseNode[id].size);
    });
    if (!xs.length) { return null; }
    return { x0: Math.min.apply(null, xs) - pad - 14, x1: Math.max.apply(null, xs) + pad + 14,
             y0: Math.min.apply(null, ys) - pad - 14, y1: Math.max.apply(null, ys) + pad + 14 + LABEL_PX / scale };
  }
  function captionBox(gi, box, scale) {
    var spot = CAPTION_SPOTS[captionSpot[gi]], w = captionWidth[gi] / scale, h = CAPTION_PX * 1.25 / scale;
    var gap = CAPTION_GAP / scale, lift = spot[2] * h;
    var left = spot[1] === "left" ? box.x0 : spot[1] === "right" ? box.x1 - w : (box.x0 + box.x1 - w) / 2;
    var top = spot[0] === "above" ? box.y0 - gap - h - lift : box.y1 + gap + lift;
    return { left: left, top: top, width: w, height: h };
  }
  var captionsHidden = 0;
  function placeCaptions(scale, labels) {
    var positions = network.getPositions(), cell = 80 / scale;
    var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var inside = function (c) { return c.left >= a.x && c.top >= a.y && c.left + c.width <= b.x && c.top + c.height <= b.y; };
    var blocked = boxGrid(cell), labelled = boxGrid(cell), shown = [];
    var boxes = (data.groups || []).map(function (g) { return groupBox(g, positions, scale); });
    boxes.forEach(function (o) { if (o) { blocked.add({ left: o.x0, top: o.y0, width: o.x1 - o.x0, height: o.y1 - o.y0 }); } });
    nodes.get({ filter: function (n) { return !n.hidden; } }).forEach(function (n) {
      var p = positions[n.id], r = network.body.nodes[n.id].options.size || 0;
      if (p) { blocked.add({ left: p.x - r, top: p.y - r, width: 2 * r, height: 2 * r }); }
    });
    labels.forEach(labelled.add);
    captionsHidden = 0;
    (data.groups || []).forEach(function (g, gi) {
      if (!boxes[gi]) { return; }
      var best = -1, bestCost = Infinity;
      for (var k = 0; k < CAPTION_SPOTS.length; k++) {
        captionSpot[gi] = k;
        var c = captionBox(gi, boxes[gi], scale);
        // never over another caption, another group or an actor
        if (!blocked.free(c)) { continue; }
        var cost = inside(c) ? 0 : 1e6;
        labelled.hits(c).forEach(function (l) { cost += l.rank < 2 ? 1e4 : 1; });
        if (cost < bestCost) { best = k; bestCost = cost; }
      }
      captionSpot[gi] = best;
      if (best < 0) { captionsHidden++; return; }
      var box = captionBox(gi, boxes[gi], scale);
      blocked.add(box); shown.push({ group: gi, left: box.left, top: box.top, width: box.width, height: box.height });
    });
    byId("legend-captions").hidden = captionsHidden === 0;
    return shown;
  }

  function placeLabels() {
    var scale = network.getScale();
    if (!manageLabels) { placeCaptions(scale, []); return; }
    var size = LABEL_PX / scale;
    labelSize = size;
    nodes.update(nodes.getIds().map(function (id) { return { id: id, font: { size: size } }; }));
    network.redraw();  // vis-network measures every label at this size
    var margin = 2 / scale, grid = boxGrid(80 / scale), updates = [];
    // actors first, by importance; then any other node on the map (the events view's squares)
    var extra = nodes.getIds().filter(function (id) { return !Object.prototype.hasOwnProperty.call(baseNode, id); }).sort();
    var order = priority.concat(extra), labelBox = {};
    order.forEach(function (id) {
      var node = network.body.nodes[id];
      if (node && !nodes.get(id).hidden && node.labelModule && node.labelModule.size && node.labelModule.size.width > 0) {
        var s = node.labelModule.size;
        labelBox[id] = { left: s.left - margin, top: s.top - margin, width: s.width + 2 * margin, height: s.height + 2 * margin,
                         rank: labelRank[id] === undefined ? 2 : labelRank[id] };
      }
    });
    // the captions first: a label gives way to a caption
    placeCaptions(scale, order.filter(function (id) { return labelBox[id]; }).map(function (id) { return labelBox[id]; })).forEach(function (c) {
      grid.add({ left: c.left - margin, top: c.top - margin, width: c.width + 2 * margin, height: c.height + 2 * margin });
    });
    order.forEach(function (id) {
      var box = labelBox[id], show = !!box && grid.free(box);
      if (show) { grid.add(box); }
      labelShown[id] = show;
      updates.push({ id: id, font: { size: size, color: show ? currentFontColor(id) : HIDDEN, strokeWidth: show ? 3 : 0 } });
    });
    nodes.update(updates);
  }
  /* the shown captions' boxes, in canvas units, as drawn now (for tests and the SVG export) */
  function captionBoxes() {
    var positions = network.getPositions(), scale = network.getScale(), out = [];
    (data.groups || []).forEach(function (g, gi) {
      var box = captionSpot[gi] < 0 ? null : groupBox(g, positions, scale);
      if (!box) { return; }
      var c = captionBox(gi, box, scale);
      out.push({ group: gi, label: g.label, left: c.left, top: c.top, width: c.width, height: c.height });
    });
    return out;
  }
  var labelTimer = null;
  function schedulePlaceLabels() {
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
    var scale = network.getScale();
    (data.groups || []).forEach(function (g, gi) {
      var box = groupBox(g, positions, scale);
      if (!box) { return; }
      ctx.save();
      ctx.setLineDash(data.group_outline.dashes); ctx.strokeStyle = data.group_outline.color; ctx.lineWidth = data.group_outline.width;
      ctx.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
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
    // captions over the ties and actors, in a white halo like the labels'
    var scale = network.getScale();
    captionBoxes().forEach(function (c) {
      ctx.save();
      ctx.font = (CAPTION_PX / scale) + CAPTION_FONT; ctx.textBaseline = "middle"; ctx.lineJoin = "round";
      ctx.strokeStyle = "#ffffff"; ctx.lineWidth = 3 / scale; ctx.strokeText(c.label, c.left, c.top + c.height / 2);
      ctx.fillStyle = "#555555"; ctx.fillText(c.label, c.left, c.top + c.height / 2);
      ctx.restore();
    });
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

  /* vis-network fits the actors with their labels at the size they had then; but labels keep
     one size on screen, so on a map zoomed out (the report's narrow one) they run wider than
     that and the ones at the edges were cut off. Zoom out and re-centre until the actors, their
     shown labels and the captions fit (a few rounds: the smaller the scale, the wider the labels
     in map units), never below 60% of vis-network's fit. */
  function drawnExtent() {
    var positions = network.getPositions(), boxes = captionBoxes();
    nodes.get({ filter: function (n) { return !n.hidden; } }).forEach(function (n) {
      var p = positions[n.id], r = network.body.nodes[n.id].options.size || 0;
      if (p) { boxes.push({ left: p.x - r, top: p.y - r, width: 2 * r, height: 2 * r }); }
      if (p && labelShown[n.id]) { boxes.push(network.body.nodes[n.id].labelModule.size); }
    });
    if (!boxes.length) { return null; }
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    boxes.forEach(function (b) {
      x0 = Math.min(x0, b.left); y0 = Math.min(y0, b.top); x1 = Math.max(x1, b.left + b.width); y1 = Math.max(y1, b.top + b.height);
    });
    return { x: (x0 + x1) / 2, y: (y0 + y1) / 2, width: x1 - x0, height: y1 - y0 };
  }
  function fitAll() {
    network.fit({ animation: false, maxZoomLevel: 1.2 });
    var w = container.clientWidth, h = container.clientHeight, floor = 0.6 * network.getScale();
    for (var round = 0; round < 5 && manageLabels && w > 0 && h > 0; round++) {
      placeLabels();
      var e = drawnExtent();
      if (!e || !(e.width > 0 && e.height > 0)) { break; }
      var scale = network.getScale(), wanted = Math.max(floor, Math.min(scale, 0.97 * w / e.width, 0.97 * h / e.height));
      network.moveTo({ position: { x: e.x, y: e.y }, scale: wanted, animation: false });
      if (wanted >= 0.995 * scale) { break; }
    }
    placeLabels();
  }
  fitAll();
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
    (data.groups || []).forEach(function (g) {
      var box = groupBox(g, positions, scale);
      if (!box) { return; }
      var a = network.canvasToDOM({ x: box.x0, y: box.y0 }), b = network.canvasToDOM({ x: box.x1, y: box.y1 });
      out.push('<rect x="' + r2(a.x) + '" y="' + r2(a.y) + '" width="' + r2(b.x - a.x) + '" height="' + r2(b.y - a.y) +
               '" fill="none" stroke="' + xml(data.group_outline.color) + '" stroke-width="' + r2(data.group_outline.width * scale) +
               '" stroke-dasharray="' + data.group_outline.dashes.map(function (d) { return r2(d * scale); }).join(" ") + '"/>');
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
    captionBoxes().forEach(function (c) {
      var at = network.canvasToDOM({ x: c.left, y: c.top + c.height / 2 });
      out.push('<text x="' + r2(at.x) + '" y="' + r2(at.y) + '" dominant-baseline="middle" font-family="system-ui, sans-serif" font-size="' + CAPTION_PX +
               '" fill="#555555" stroke="#ffffff" stroke-width="3" paint-order="stroke" class="caption">' + xml(c.label) + "</text>");
    });
    out.push("</svg>");
    return out.join("\n");
  }
  byId("export-png").addEventListener("click", function () { download(pngDataURL(), fileBase + ".png"); });
  byId("export-svg").addEventListener("click", function () {
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText()), fileBase + ".svg");
  });

  window.alliancesMap = { data: data, nodes: nodes, edges: edges, focus: focus, applyFilters: applyFilters, setView: setView,
                          labelShown: labelShown, placeLabels: placeLabels, captionBoxes: captionBoxes, svgText: svgText, pngDataURL: pngDataURL,
                          T: T, sep: sep, actorFont: fontFor };
})();
