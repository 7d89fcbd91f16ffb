/* alliances interactive map: the events layer ("Actors and events" view).
   Inlined only when the graph has events, before the map's own script. User text
   only ever reaches the page through textContent or as canvas labels. */
(function () {
  "use strict";
  var eventInfo = {}, mapSelect = null, mapDeselect = null;
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };

  /* the map's own selection handler knows only actors: it is not called for an event */
  var proto = vis.Network.prototype, originalOn = proto.on;
  proto.on = function (name, handler) {
    if (name === "selectNode" && mapSelect === null) {
      mapSelect = handler;
      return originalOn.call(this, name, function (p) {
        if (p && p.nodes && p.nodes.length && has(eventInfo, p.nodes[0])) { return; }
        handler(p);
      });
    }
    if (name === "deselectNode" && mapDeselect === null) { mapDeselect = handler; }
    return originalOn.apply(this, arguments);
  };

  function setup() {
    proto.on = originalOn;
    var A = window.alliancesMap, network = window.network;
    if (!A || !network || !A.data.events) { return; }
    var T = A.T;
    var ev = A.data.events, nodes = A.nodes, edges = A.edges;
    var byId = function (id) { return document.getElementById(id); };
    var el = function (tag, text, cls) {
      var e = document.createElement(tag);
      if (text !== undefined && text !== null) { e.textContent = String(text); }
      if (cls) { e.className = cls; }
      return e;
    };
    var fmt = function (v) {
      if (typeof v === "number") { return (Number.isInteger(v) ? String(v) : v.toFixed(2)).replace(".", A.data.lang === "fr" ? "," : "."); }
      return v === null || v === undefined ? "–" : String(v);
    };
    var actorLabel = function (id) {
      var i = A.data.nodes.findIndex(function (n) { return n.id === id; });
      return i >= 0 ? A.data.node_info[i].label : id;
    };
    var eventsOf = {}, baseEventNode = {};
    ev.info.forEach(function (info, i) {
      eventInfo[info.id] = info; baseEventNode[info.id] = ev.nodes[i];
      info.members.forEach(function (m) { (eventsOf[m] = eventsOf[m] || []).push(info.id); });
    });
    var shown = false, typeOn = {}, faded = false;
    ev.types.forEach(function (t) { typeOn[t.key] = true; });

    function eventTip(id) {
      var info = eventInfo[id], box = el("div", null, "tip");
      box.appendChild(el("b", info.label));
      var line = [info.type];
      if (info.date) { line.push(info.date); }
      box.appendChild(el("div", line.join(" · ")));
      if (info.place || info.place_type) {
        box.appendChild(el("div", [info.place, info.place_type ? "(" + info.place_type + ")" : null,
          info.location].filter(Boolean).join(" ")));
      }
      box.appendChild(el("div", T("{n} participants", { n: info.participants }) + " · " + T("{n} worlds", { n: info.worlds })
        + (info.world_list.length ? A.sep() + info.world_list.join(", ") : "")));
      if (info.reason) { box.appendChild(el("div", info.reason, "reason")); }
      return box;
    }

    /* ------------------------------------------------------------ page UI */
    var mode = el("label", T("View") + " "), modeSel = el("select");
    mode.id = "mode-box"; modeSel.id = "mode-select";
    modeSel.setAttribute("aria-label", T("Show actors only, or actors and events"));
    [["actors", T("Actors")], ["events", T("Actors and events")]].forEach(function (o) {
      var opt = el("option", o[1]); opt.value = o[0]; modeSel.appendChild(opt);
    });
    mode.appendChild(modeSel);
    var header = document.querySelector("header");
    header.insertBefore(mode, byId("cluster-filter").parentNode);

    var box = el("div"); box.id = "events-box"; box.hidden = true;
    box.appendChild(el("h2", T("Events")));
    var types = el("div"); types.id = "legend-events";
    ev.types.forEach(function (t) {
      var row = el("label", null, "etype"), cb = el("input");
      cb.type = "checkbox"; cb.checked = true; cb.dataset.etype = t.key;
      cb.setAttribute("aria-label", T("show events of type {label}", { label: t.label }));
      cb.addEventListener("change", function () { typeOn[t.key] = cb.checked; });
      var sw = el("span", null, "swatch"); sw.style.background = t.color; sw.style.borderRadius = "0";
      row.appendChild(cb); row.appendChild(sw); row.appendChild(el("span", t.label, "name"));
      row.appendChild(el("span", t.count, "count"));
      types.appendChild(row);
    });
    box.appendChild(types);
    var from = el("input"), to = el("input");
    [[from, "event-from", T("from"), T("events from this date")], [to, "event-to", T("to"), T("events up to this date")]].forEach(function (d) {
      d[0].type = "date"; d[0].id = d[1];
      d[0].setAttribute("aria-label", d[3]);
      if (ev.dates) { d[0].min = ev.dates[0]; d[0].max = ev.dates[1]; }
      var row = el("label", d[2] + " ", "row");
      row.appendChild(d[0]); box.appendChild(row);
      if (!ev.dates) { row.hidden = true; }
    });
    if (ev.undated) { box.appendChild(el("p", T("{n} without a date: hidden when a date is set", { n: ev.undated }))); }
    var count = el("p"); count.id = "events-count"; box.appendChild(count);
    box.appendChild(el("p", ev.size));
    byId("legend").insertBefore(box, byId("legend").children[2] || null);

    function eventVisible(info) {
      if (!typeOn[info.tkey]) { return false; }
      if (from.value && (!info.iso || info.iso < from.value)) { return false; }
      if (to.value && (!info.iso || info.iso > to.value)) { return false; }
      return true;
    }
    function actorHidden(id) { var n = nodes.get(id); return !n || n.hidden === true; }
    function apply() {
      if (!shown) { return; }
      var nu = [], eu = [], visible = 0;
      ev.nodes.forEach(function (n) {
        var on = eventVisible(eventInfo[n.id]); visible += on ? 1 : 0;
        nu.push({ id: n.id, hidden: !on });
      });
      ev.edges.forEach(function (e) {
        eu.push({ id: e.id, hidden: !eventVisible(eventInfo[e.from]) || actorHidden(e.to) });
      });
      nodes.update(nu); edges.update(eu);
      count.textContent = T("{n} of {total} events shown", { n: visible, total: ev.nodes.length });
    }
    function setMode(value) {
      unfade();
      if (value === "events" && !shown) {
        nodes.add(ev.nodes.map(function (n) { var c = Object.assign({}, n); c.title = eventTip(n.id); return c; }));
        edges.add(ev.edges.map(function (e) { return Object.assign({}, e); }));
        shown = true;
      } else if (value !== "events" && shown) {
        network.unselectAll();
        edges.remove(ev.edges.map(function (e) { return e.id; }));
        nodes.remove(ev.nodes.map(function (n) { return n.id; }));
        shown = false;
        byId("details").hidden = true;
      }
      modeSel.value = shown ? "events" : "actors";
      box.hidden = !shown;
      apply();
      A.placeLabels();  // the events' labels join the actors' without overlapping them
    }
    modeSel.addEventListener("change", function () { setMode(modeSel.value); });
    byId("legend").addEventListener("change", apply);
    byId("legend").addEventListener("input", apply);
    byId("cluster-filter").addEventListener("change", apply);

    /* ------------------------------------------------------------ selection */
    function unfade() {
      if (!faded) { return; }
      if (shown) {
        nodes.update(ev.nodes.map(function (n) { return { id: n.id, color: n.color, font: A.actorFont(n.id, "#222222") }; }));
        edges.update(ev.edges.map(function (e) { return { id: e.id, color: e.color }; }));
      }
      nodes.update(A.data.nodes.map(function (n) { return { id: n.id, color: n.color, font: A.actorFont(n.id, "#222222") }; }));
      faded = false;
    }
    function fadeAround(keepNodes, keepEdge) {
      var grey = { background: "#eeeeee", border: "#dddddd" };
      nodes.update(ev.nodes.filter(function (n) { return !keepNodes[n.id]; })
        .map(function (n) { return { id: n.id, color: grey, font: A.actorFont(n.id, "#c8c8c8") }; }));
      edges.update(ev.edges.filter(function (e) { return !keepEdge(e); })
        .map(function (e) { return { id: e.id, color: { color: "#eeeeee", opacity: 0.6 } }; }));
      faded = true;
    }
    function selectEvent(id) {
      var info = eventInfo[id], keep = {}; keep[id] = true;
      info.members.forEach(function (m) { keep[m] = true; });
      unfade();
      nodes.update(A.data.nodes.filter(function (n) { return !keep[n.id]; })
        .map(function (n) { return { id: n.id, color: { background: "#eeeeee", border: "#dddddd" }, font: A.actorFont(n.id, "#c8c8c8") }; }));
      fadeAround(keep, function (e) { return e.from === id; });
      var panel = byId("details");
      while (panel.firstChild) { panel.removeChild(panel.firstChild); }
      panel.appendChild(el("h3", info.label));
      panel.appendChild(el("div", info.type + (info.date ? " · " + info.date : "")));
      if (info.place || info.location) { panel.appendChild(el("div", [info.place, info.location].filter(Boolean).join(", "))); }
      if (info.place_type) { panel.appendChild(el("div", T("Place type") + A.sep() + info.place_type)); }
      panel.appendChild(el("div", T("{n} worlds", { n: info.worlds }) + (info.world_list.length ? A.sep() + info.world_list.join(", ") : "")));
      if (info.diversity !== null) {
        panel.appendChild(el("div", T("Diversity") + A.sep() + fmt(info.diversity) + (info.diversity_z !== null ? " (z " + fmt(info.diversity_z) + ")" : "")));
      }
      if (info.reason) { panel.appendChild(el("p", info.reason)); }
      panel.appendChild(el("h2", T("Participants ({n})", { n: info.participants })));
      var ul = el("ul", null, "participants");
      info.members.forEach(function (m) {
        var li = el("li"), link = el("button", actorLabel(m), "link"); link.type = "button";
        link.addEventListener("click", function () { unfade(); A.focus(m); actorSelected(m); });
        li.appendChild(link); ul.appendChild(li);
      });
      panel.appendChild(ul);
      panel.hidden = false;
    }
    function focusEvent(id) {
      if (mapDeselect) { mapDeselect({ nodes: [], edges: [] }); }
      network.selectNodes([id]);
      network.focus(id, { scale: Math.max(network.getScale(), 0.8), animation: false });
      selectEvent(id);
    }
    function actorSelected(id) {
      if (!shown) { return; }
      var mine = eventsOf[id] || [], keep = {};
      mine.forEach(function (e) { keep[e] = true; });
      fadeAround(keep, function (e) { return e.to === id; });
      var panel = byId("details");
      panel.appendChild(el("h2", T("Events ({n})", { n: mine.length })));
      var ul = el("ul", null, "events");
      mine.forEach(function (e) {
        var li = el("li"), link = el("button", eventInfo[e].label, "link"); link.type = "button";
        link.addEventListener("click", function () { focusEvent(e); });
        li.appendChild(link);
        li.appendChild(document.createTextNode(" (" + eventInfo[e].type + (eventInfo[e].date ? ", " + eventInfo[e].date : "") + ")"));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    network.on("selectNode", function (p) {
      if (!p.nodes.length) { return; }
      if (has(eventInfo, p.nodes[0])) { selectEvent(p.nodes[0]); } else { actorSelected(p.nodes[0]); }
    });
    network.on("deselectNode", function () { unfade(); });

    A.events = { setMode: setMode, apply: apply, focusEvent: focusEvent, info: eventInfo };
  }
  document.addEventListener("DOMContentLoaded", setup);
})();
