"""The events layer of the interactive map: the two-mode view (actors and events).

:func:`event_layer` turns ``G.graph["events"]`` (written by
:func:`alliances.read_affiliations`: event name -> ``event_type``, ``date``,
``place``, ``location``, ``place_type``, ``participants``) into the page data
of the "Actors and events" view: one square per event, sized by the number of
worlds it gathers, and one line per participation.

The map computes nothing analytical here: the worlds of an event are the
distinct known ``sector`` values of its participants (read from the node
attributes), and the diversity, its z-score and the reason sentence are shown
only when a precomputed events table (:func:`alliances.events`) is given.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from alliances.maps.spec import category, display_text, json_value
from alliances.maps.text import ui_text
from alliances.model import event_type_name, place_type_name

__all__ = ["EVENT_COLORS", "event_layer", "event_records"]

#: Colours of event types, in order of first appearance in the sorted type list
#: (dark tones, told apart from the sector colours of the actors).
EVENT_COLORS = ("#4D4D4D", "#8C510A", "#01665E", "#762A83", "#B2182B", "#2166AC",
                "#4D9221", "#C51B7D", "#35978F", "#BF812D")
#: Colour of the participation lines.
PARTICIPATION_COLOR = "#9A9A9A"
_UNTYPED = "(no type)"


def event_records(G: nx.Graph) -> dict[str, Mapping[str, Any]]:
    """``G.graph["events"]`` as a dict keyed by the event name as text (empty when there is none)."""
    events = G.graph.get("events")
    if not isinstance(events, Mapping):
        return {}
    return {str(name): rec for name, rec in events.items() if isinstance(rec, Mapping)}


def _table_rows(table: Any) -> dict[str, Mapping[str, Any]]:
    if table is None:
        return {}
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"events= must be a pandas DataFrame indexed by event name (as made by "
            f"alliances.events), or False; not {type(table).__name__}"
        )
    rows: dict[str, Mapping[str, Any]] = {}
    for name, row in zip(table.index, table.to_dict("records"), strict=True):
        rows.setdefault(str(name), row)
    return rows


def _prefix(ids: Sequence[str]) -> str:
    """An id prefix for event nodes that no actor id starts with."""
    prefix = "event:"
    while any(i.startswith(prefix) for i in ids):
        prefix = "_" + prefix
    return prefix


def event_layer(G: nx.Graph, order: Sequence[Any], positions: Mapping[str, tuple[float, float]],
                *, attr: str = "sector", table: Any = None, lang: str = "en") -> dict[str, Any] | None:
    """The page data of the events view, or None when the graph has no events.

    Parameters
    ----------
    G : networkx graph
        The actor graph; its ``G.graph["events"]`` is read, never modified.
    order : sequence
        The actors drawn (participants not drawn get no line).
    positions : mapping
        The drawn actors' positions by id (events sit near their participants).
    attr : str
        Node attribute whose distinct known values among the participants are
        the worlds an event gathers.
    table : pandas.DataFrame, optional
        A precomputed events table (:func:`alliances.events`): its label,
        worlds, diversity, diversity_z and reason are shown.
    lang : str
        Language of the layer's interface text (``"en"`` or ``"fr"``).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", sector="public"); G.add_node("b", sector="company")
    >>> G.graph["events"] = {"Atelier": {"event_type": "workshop", "date": "2026-01-05",
    ...                                  "participants": ("a", "b")}}
    >>> layer = event_layer(G, ["a", "b"], {"a": (0, 0), "b": (100, 0)})
    >>> layer["info"][0]["worlds"], layer["nodes"][0]["shape"], len(layer["edges"])
    (2, 'square', 2)
    """
    records = event_records(G)
    if not records:
        return None
    rows = _table_rows(table)
    ids = [str(v) for v in order]
    drawn = {str(v): v for v in order}
    prefix = _prefix(ids)
    names = sorted(records)
    types = sorted({display_text(records[n].get("event_type")) or _UNTYPED for n in names},
                   key=lambda t: (t == _UNTYPED, t))
    type_keys = {t: f"t{i}" for i, t in enumerate(types)}
    # keyed by the type's key: the type's name is in the map's language
    type_colors = {type_keys[t]: EVENT_COLORS[i % len(EVENT_COLORS)] for i, t in enumerate(types)}

    infos: list[dict[str, Any]] = []
    for name in names:
        rec = records[name]
        row = rows.get(name, {})
        members = []
        for p in rec.get("participants") or ():
            if str(p) in drawn and str(p) not in members:
                members.append(str(p))
        in_graph = [p for p in rec.get("participants") or () if p in G]
        worlds = Counter(c for c in (category(G.nodes[p].get(attr)) for p in in_graph) if c is not None)
        world_list = [w for w, _ in sorted(worlds.items(), key=lambda kv: (-kv[1], kv[0]))]
        n_worlds = json_value(row.get("worlds")) if "worlds" in row else len(world_list)
        etype = display_text(rec.get("event_type")) or _UNTYPED
        date = display_text(rec.get("date"))
        place_type = display_text(rec.get("place_type"))
        infos.append({
            "name": name,
            "label": display_text(row.get("label")) or display_text(name) or name,
            "type": _type_name(etype, lang), "tkey": type_keys[etype],
            "date": date,
            "iso": date if date and _is_iso(date) else None,
            "place": display_text(rec.get("place")),
            "location": display_text(rec.get("location")),
            "place_type": place_type_name(place_type, lang) if place_type else place_type,
            "participants": len(in_graph),
            "members": members,
            "worlds": n_worlds if isinstance(n_worlds, int) else len(world_list),
            "world_list": world_list,
            "diversity": json_value(row.get("diversity")),
            "diversity_z": json_value(row.get("diversity_z")),
            "reason": display_text(row.get("reason")),
        })

    most = max([i["worlds"] for i in infos] + [1])
    xs = [xy[0] for xy in positions.values()] or [0.0]
    ys = [xy[1] for xy in positions.values()] or [0.0]
    spare_x, spare_y = min(xs), max(ys) + 120.0
    nodes, edges = [], []
    for i, info in enumerate(infos):
        node_id = f"{prefix}{i}"
        info["id"] = node_id
        pts = [positions[m] for m in info["members"] if m in positions]
        if pts:
            # near the centre of its participants, nudged so it covers no actor
            x = sum(p[0] for p in pts) / len(pts) + 18.0 * ((i % 3) - 1)
            y = sum(p[1] for p in pts) / len(pts) + 22.0
        else:
            x, y = spare_x + 60.0 * i, spare_y
        colour = type_colors[info["tkey"]]
        size = round(9.0 + 21.0 * (info["worlds"] / most) ** 0.5, 1) if info["worlds"] else 9.0
        nodes.append({
            "id": node_id, "label": info["label"], "shape": "square", "size": size,
            "x": int(x), "y": int(y), "borderWidth": 1,
            "color": {"background": colour, "border": "#222222",
                      "highlight": {"background": colour, "border": "#000000"},
                      "hover": {"background": colour, "border": "#000000"}},
            "font": {"color": "#222222", "size": 13},
        })
        for m in info["members"]:
            edges.append({"id": f"{prefix}p{len(edges)}", "from": node_id, "to": m,
                          "color": {"color": PARTICIPATION_COLOR, "opacity": 0.7},
                          "width": 1, "dashes": [2, 3], "arrows": ""})
    counts = Counter(i["tkey"] for i in infos)
    dates = sorted(i["iso"] for i in infos if i["iso"])
    return {
        "nodes": nodes,
        "edges": edges,
        "info": infos,
        "types": [{"key": type_keys[t], "label": _type_name(t, lang), "color": type_colors[type_keys[t]],
                   "count": counts[type_keys[t]]} for t in types],
        "dates": [dates[0], dates[-1]] if dates else None,
        "undated": sum(1 for i in infos if not i["iso"]),
        "size": ui_text("Event size: number of worlds gathered (larger = more)", lang),
        "attr": attr,
    }


def _type_name(etype: str, lang: str) -> str:
    return ui_text("(no type)", lang) if etype == _UNTYPED else event_type_name(etype, lang)


def _is_iso(text: str) -> bool:
    return (len(text) == 10 and text[4] == "-" and text[7] == "-"
            and text[:4].isdigit() and text[5:7].isdigit() and text[8:].isdigit())
