"""Interoperability of the graph exports (issue 16, item 6).

* ``write_gexf`` / ``write_graphml`` with ``table=``: the analysis columns
  (flags, scores, clusters, stability) become typed node attributes that
  networkx reads back, and the GEXF file follows the GEXF 1.3 rules;
* ``write_kumu``: Kumu's spreadsheet blueprint (sheets "Elements" and
  "Connections"), unique labels, no formulas.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.errors import AlliancesWarning
from alliances.export import write_gexf, write_graphml, write_kumu
from alliances.model import SECTORS, Evidence, iter_ties


@pytest.fixture(scope="module")
def antony():
    G = alliances.samples.load("antony-velo")
    with pytest.warns(AlliancesWarning):  # one actor of the sample has no sector, on purpose
        table = alliances.actor_table(G)
    return G, table


def _small_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="Petit réseau")
    G.add_node("mairie", label="Mairie", sector="public", sectors=("public",), themes=("eau",))
    G.add_node("asso", label="Asso Vélo", sector="association", sectors=("association", "citizen"))
    G.add_node("marie", label="Marie", sector="citizen", sectors=("citizen",))
    G.add_edge("asso", "mairie", key="collaboration", relation="collaboration", weight=3.0,
               evidence=(Evidence("survey.csv", 2),))
    G.add_edge("asso", "mairie", key="trust", relation="trust", weight=1.0, trust=0.75)
    G.add_edge("mairie", "asso", key="conflict", relation="conflict", sign=-1)
    G.add_edge("marie", "asso", key="co-participation", relation="co-participation")
    G.add_edge("asso", "marie", key="co-participation", relation="co-participation")
    return G


def _small_table() -> pd.DataFrame:
    # "marie" is not in the table: no value for its columns
    return pd.DataFrame(
        {
            "is_hybrid": [True, False],
            "is_trusted_intermediary": [False, True],
            "cluster": np.array([0, 1], dtype=np.int64),
            "stability": [0.95, np.nan],  # a missing cell: no value
            "key_score": np.array([0.5, 0.25], dtype=np.float32),
            "world_list": [("association", "citizen"), ()],
            "reason": ["hybrid: ties into 2 worlds", "=trusted by 2 worlds"],
            "label": ["Asso Vélo Antony", "Mairie d'Antony"],  # replaces the graph's label
        },
        index=pd.Index(["asso", "mairie"], name="id"),
    )


# --------------------------------------------------------------------------- GEXF 1.3 rules

# The checks below are written by hand from the published GEXF 1.3 schema
# (gexf.rnc / gexf.xsd and dynamics.rnc of https://gexf.net/1.3, the gephi/gexf
# repository), keeping the rules that matter for a static graph with attributes.
# No XSD validator and no network access: xml.etree only.
NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ATTRIBUTE_TYPES = {  # attrtype-type
    "integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte", "char",
    "short", "liststring", "listboolean", "listinteger", "listlong", "listfloat", "listdouble",
    "listbyte", "listshort", "listbigdecimal", "listbiginteger", "listchar", "string", "anyURI",
}
EDGE_TYPES = {"directed", "undirected", "mutual"}  # defaultedgetype-type, edgetype-type
GRAPH_ATTRIBUTES = {"defaultedgetype", "idtype", "mode", "timeformat", "start", "end", "timestamp",
                    "timerepresentation", "timezone"}
NODE_ATTRIBUTES = {"id", "label", "pid", "start", "end", "intervals", "timestamp", "timestamps"}
EDGE_ATTRIBUTES = {"id", "type", "label", "source", "target", "weight", "kind", "start", "end",
                   "intervals", "timestamp", "timestamps"}
NODE_CHILDREN = {"attvalues", "spells", "nodes", "edges", "parents"}
EDGE_CHILDREN = {"attvalues", "spells"}
VIZ = "http://gexf.net/1.3/viz"
# xs:double and xs:integer lexical spaces (XML Schema part 2)
DOUBLE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?INF|NaN")
INTEGER = re.compile(r"[+-]?\d+")
INT_RANGES = {"byte": 8, "short": 16, "integer": 32, "long": 64}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _parses_as(value: str, kind: str) -> bool:
    if kind in INT_RANGES:
        bits = INT_RANGES[kind]
        return bool(INTEGER.fullmatch(value)) and -(2 ** (bits - 1)) <= int(value) < 2 ** (bits - 1)
    if kind == "biginteger":
        return bool(INTEGER.fullmatch(value))
    if kind in ("double", "float", "bigdecimal"):
        return bool(DOUBLE.fullmatch(value))
    if kind == "boolean":
        return value in ("true", "false", "1", "0")
    if kind == "char":
        return len(value) == 1
    return True  # string, anyURI, list types: any text


def check_gexf_13(path) -> ET.Element:
    """Assert that a GEXF file follows the GEXF 1.3 rules; return its <graph> element."""
    root = ET.parse(path).getroot()
    assert root.tag == _q("gexf"), root.tag  # root namespace http://gexf.net/1.3
    assert root.get("version") == "1.3"
    assert set(root.attrib) <= {"version", "variant", f"{{{XSI}}}schemaLocation"}, root.attrib
    children = list(root)
    if children and children[0].tag == _q("meta"):
        meta, *children = children
        assert set(meta.attrib) <= {"lastmodifieddate"}
        if "lastmodifieddate" in meta.attrib:
            dt.date.fromisoformat(meta.get("lastmodifieddate"))  # xs:date
        assert {c.tag for c in meta} <= {_q("creator"), _q("keywords"), _q("description")}
    assert [c.tag for c in children] == [_q("graph")], "gexf holds meta? then one graph"
    graph = children[0]
    assert set(graph.attrib) <= GRAPH_ATTRIBUTES, set(graph.attrib) - GRAPH_ATTRIBUTES
    assert graph.get("defaultedgetype", "undirected") in EDGE_TYPES
    assert graph.get("mode", "static") in {"static", "dynamic", "slice"}
    # graph content: attributes*, then nodes, then edges
    tags = [c.tag for c in graph]
    n_attributes = tags.count(_q("attributes"))
    assert tags == [_q("attributes")] * n_attributes + [_q("nodes"), _q("edges")], tags

    declared: dict[str, dict[str, str]] = {"node": {}, "edge": {}}  # class -> id -> type
    for attributes in graph.findall(_q("attributes")):
        assert set(attributes.attrib) <= {"class", "mode"}
        klass = attributes.get("class")
        assert klass in declared
        assert attributes.get("mode", "static") in {"static", "dynamic"}
        for attribute in attributes:
            assert attribute.tag == _q("attribute")
            assert set(attribute.attrib) == {"id", "title", "type"}, attribute.attrib  # all required
            assert attribute.get("type") in ATTRIBUTE_TYPES, attribute.get("type")
            assert {c.tag for c in attribute} <= {_q("default"), _q("options")}
            assert attribute.get("id") not in declared[klass], "attribute ids unique per class"
            declared[klass][attribute.get("id")] = attribute.get("type")

    def check_attvalues(element, klass):
        for attvalues in element.findall(_q("attvalues")):
            seen = set()
            for attvalue in attvalues:
                assert attvalue.tag == _q("attvalue")
                assert {"for", "value"} <= set(attvalue.attrib)
                assert set(attvalue.attrib) <= {"for", "value", "start", "end", "timestamp"}
                key = attvalue.get("for")
                assert key in declared[klass], f"attvalue for={key!r} is not a declared {klass} attribute"
                assert key not in seen, f"two values for attribute {key!r}"
                seen.add(key)
                kind = declared[klass][key]
                assert _parses_as(attvalue.get("value"), kind), (attvalue.get("value"), kind)

    node_ids = set()
    for node in graph.find(_q("nodes")):
        assert node.tag == _q("node")
        assert "id" in node.attrib and set(node.attrib) <= NODE_ATTRIBUTES, node.attrib
        assert node.get("id") not in node_ids, "node ids unique"
        node_ids.add(node.get("id"))
        assert all(c.tag in {_q(t) for t in NODE_CHILDREN} or c.tag.startswith(f"{{{VIZ}}}")
                   for c in node)
        check_attvalues(node, "node")
    edge_ids = set()
    for edge in graph.find(_q("edges")):
        assert edge.tag == _q("edge")
        assert {"source", "target"} <= set(edge.attrib) <= EDGE_ATTRIBUTES, edge.attrib
        assert edge.get("source") in node_ids and edge.get("target") in node_ids
        assert edge.get("type", "undirected") in EDGE_TYPES
        if "weight" in edge.attrib:
            assert DOUBLE.fullmatch(edge.get("weight")), edge.get("weight")  # xs:double
        if "id" in edge.attrib:
            assert edge.get("id") not in edge_ids, "edge ids unique"
            edge_ids.add(edge.get("id"))
        assert all(c.tag in {_q(t) for t in EDGE_CHILDREN} or c.tag.startswith(f"{{{VIZ}}}")
                   for c in edge)
        check_attvalues(edge, "edge")
    return graph


def _node_attribute_types(graph: ET.Element) -> dict[str, str]:
    attributes = next(a for a in graph.findall(_q("attributes")) if a.get("class") == "node")
    return {a.get("title"): a.get("type") for a in attributes}


def test_check_gexf_13_catches_what_it_should(tmp_path):
    # the checker itself: a file with an undeclared attvalue, a bad type, or a 1.2 namespace fails
    good = write_gexf(_small_graph(), tmp_path / "g.gexf", table=_small_table(), date="2026-01-01")
    check_gexf_13(good)
    text = good.read_text(encoding="utf-8")
    bad = {
        "undeclared for": re.sub(r'for="(\d+)"', 'for="999"', text, count=1),
        "bad boolean": text.replace('value="true"', 'value="yes"', 1),
        "1.2 namespace": text.replace('xmlns="http://gexf.net/1.3"', 'xmlns="http://www.gexf.net/1.2draft"'),
        "unknown type": text.replace('type="double"', 'type="number"', 1),
        "graph name": text.replace('<graph ', '<graph name="x" ', 1),
    }
    for why, content in bad.items():
        path = tmp_path / "bad.gexf"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(AssertionError):
            check_gexf_13(path)
        assert content != text, why


def test_gexf_follows_the_13_rules_on_every_sample(tmp_path):
    for name in alliances.samples.names():
        G = alliances.samples.load(name)
        check_gexf_13(write_gexf(G, tmp_path / f"{name}.gexf", date="2026-01-01"))


def test_gexf_with_the_actor_table(antony, tmp_path):
    G, table = antony
    path = write_gexf(G, tmp_path / "antony.gexf", table=table, date="2026-01-01")
    graph = check_gexf_13(path)
    types = _node_attribute_types(graph)
    # the analysis columns, declared with their GEXF type (Gephi partitions, ranks, filters by them)
    assert types["is_hybrid"] == types["is_trusted_intermediary"] == "boolean"
    assert types["cluster"] == types["component"] == types["degree"] == "long"
    assert types["key_score"] == types["stability"] == types["hybrid_stability"] == "double"
    assert types["reason"] == types["world_list"] == types["sectors"] == "string"
    H = nx.read_gexf(path)
    assert isinstance(H, nx.MultiDiGraph)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    for actor, row in table.iterrows():
        data = H.nodes[actor]
        assert data["label"] == row["label"]
        assert data["is_hybrid"] is bool(row["is_hybrid"])
        assert data["is_trusted_intermediary"] is bool(row["is_trusted_intermediary"])
        assert type(data["cluster"]) is int and data["cluster"] == row["cluster"]
        assert data["key_score"] == pytest.approx(row["key_score"], rel=1e-15)
        assert data["reason"] == row["reason"]
        assert data["world_list"] == " | ".join(row["world_list"])  # tuples flattened
        if pd.isna(row["stability"]):
            assert "stability" not in data  # missing: absent, not "nan"
        else:
            assert data["stability"] == row["stability"]
    assert table["is_hybrid"].any() and table["stability"].isna().any()  # both cases were seen


def test_graphml_with_the_actor_table(antony, tmp_path):
    G, table = antony
    H = nx.read_graphml(write_graphml(G, tmp_path / "antony.graphml", table=table),
                        force_multigraph=True)
    assert H.number_of_edges() == G.number_of_edges()
    for actor, row in table.iterrows():
        data = H.nodes[actor]
        assert data["is_hybrid"] is bool(row["is_hybrid"])
        assert type(data["cluster"]) is int and data["cluster"] == row["cluster"]
        assert type(data["key_score"]) is float
        assert data["world_list"] == " | ".join(row["world_list"])
        assert ("stability" in data) is not bool(pd.isna(row["stability"]))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_table_values_types_and_absent_actors(fmt, tmp_path):
    G, table = _small_graph(), _small_table()
    before = table.copy(deep=True)
    if fmt == "gexf":
        path = write_gexf(G, tmp_path / "g.gexf", table=table, date="2026-01-01")
        graph = check_gexf_13(path)
        H = nx.read_gexf(path)
        assert _node_attribute_types(graph)["key_score"] == "double"
    else:
        H = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml", table=table),
                            force_multigraph=True)
    pd.testing.assert_frame_equal(table, before)  # the table is not modified
    assert "is_hybrid" not in G.nodes["asso"]  # nor the graph
    asso, mairie, marie = H.nodes["asso"], H.nodes["mairie"], H.nodes["marie"]
    assert asso["is_hybrid"] is True and mairie["is_hybrid"] is False
    assert asso["cluster"] == 0 and mairie["cluster"] == 1
    assert asso["stability"] == 0.95 and "stability" not in mairie
    assert asso["key_score"] == 0.5 and type(asso["key_score"]) is float
    assert asso["world_list"] == "association | citizen" and mairie["world_list"] == ""
    assert mairie["reason"] == "=trusted by 2 worlds"  # graph files hold text as it is
    assert asso["label"] == "Asso Vélo Antony"  # the table's value replaces the graph's
    # an actor missing from the table: no value for the table's columns, its own attributes kept
    for column in ("is_hybrid", "cluster", "stability", "key_score", "world_list", "reason"):
        assert column not in marie
    assert marie["label"] == "Marie" and marie["sector"] == "citizen"


@pytest.mark.parametrize("writer", [write_gexf, write_graphml, write_kumu])
def test_table_rows_for_unknown_actors_are_an_error(writer, tmp_path):
    table = pd.DataFrame({"cluster": [0, 1, 2]}, index=["asso", "ghost", "mairie-de-sceaux"])
    with pytest.raises(ValueError, match=r"2 actor\(s\) not in the graph: 'ghost', 'mairie-de-sceaux'") as err:
        writer(_small_graph(), tmp_path / "out", table=table)
    assert writer.__name__ in str(err.value)
    with pytest.raises(ValueError, match="several rows for 'asso'"):
        writer(_small_graph(), tmp_path / "out", table=pd.DataFrame({"x": [1, 2]}, index=["asso", "asso"]))
    with pytest.raises(TypeError, match="DataFrame"):
        writer(_small_graph(), tmp_path / "out", table={"asso": 1})


def test_table_matches_ids_as_text(tmp_path):
    # a table read back from a CSV has text ids; the graph's may be integers
    G = nx.path_graph(3)
    table = pd.DataFrame({"cluster": [5, 6]}, index=["0", "2"])
    H = nx.read_graphml(write_graphml(G, tmp_path / "p.graphml", table=table))
    assert H.nodes["0"]["cluster"] == 5 and H.nodes["2"]["cluster"] == 6 and "cluster" not in H.nodes["1"]


def test_gexf_edge_kind_is_the_relation_and_name_in_meta(tmp_path):
    path = write_gexf(_small_graph(), tmp_path / "g.gexf", date="2026-01-01")
    graph = check_gexf_13(path)
    kinds = sorted((e.get("source"), e.get("target"), e.get("kind")) for e in graph.find(_q("edges")))
    assert kinds == [("asso", "mairie", "collaboration"), ("asso", "mairie", "trust"),
                     ("asso", "marie", "co-participation"), ("mairie", "asso", "conflict"),
                     ("marie", "asso", "co-participation")]
    root = ET.parse(path).getroot()
    assert root.find(f"{_q('meta')}/{_q('description')}").text == "Petit réseau"
    assert root.get(f"{{{XSI}}}schemaLocation") == "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"


# --------------------------------------------------------------------------- Kumu

def _sheet(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


def _kumu_connections(G) -> int:
    """How many Connections rows: every tie, co-participation pairs once, self-ties left out."""
    seen, n = set(), 0
    for t in iter_ties(G):
        if not t.directed:
            pair = (frozenset((t.source, t.target)), t.key)
            if pair in seen:
                continue
            seen.add(pair)
        n += 1
    return n


def test_kumu_on_antony(antony, tmp_path):
    import openpyxl

    G, table = antony
    path = write_kumu(G, tmp_path / "antony-kumu.xlsx", table=table)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Elements", "Connections"]
    elements, connections = _sheet(wb["Elements"]), _sheet(wb["Connections"])
    header = elements[0]
    assert header[:4] == ["Label", "Type", "Description", "Tags"]
    extra = header[4:]
    assert {"cluster", "key_score", "stability", "hybrid_stability", "component"} <= set(extra)
    assert not {"label", "reason", "is_hybrid", "is_trusted_intermediary"} & set(extra)
    assert connections[0] == ["From", "To", "Type", "Direction", "Strength", "Trust", "Sign"]
    assert len(elements) == 1 + G.number_of_nodes()
    assert len(connections) == 1 + _kumu_connections(G)
    labels = [row[0] for row in elements[1:]]
    assert len({label.casefold() for label in labels}) == len(labels)
    assert {row[0] for row in connections[1:]} | {row[1] for row in connections[1:]} <= set(labels)

    # one element row, cell by cell: the sample's hybrid and trusted intermediary
    actor = "mission-velo-de-la-ville-d-antony"
    row = table.loc[actor]
    assert row["is_hybrid"] and row["is_trusted_intermediary"]
    cells = dict(zip(header, next(r for r in elements[1:] if r[0] == G.nodes[actor]["label"]),
                     strict=True))
    assert cells["Label"] == "Mission vélo de la Ville d'Antony"
    assert cells["Type"] == SECTORS["public"] == "public authority"
    assert cells["Description"] == row["reason"]
    assert cells["Tags"] == "hybrid|trusted intermediary"
    for column in extra:
        value = row[column]
        if isinstance(value, tuple):
            assert cells[column] == ("|".join(value) or None), column  # "" reads back as None
        elif pd.isna(value):
            assert cells[column] is None, column
        elif isinstance(value, float):
            assert cells[column] == pytest.approx(value, rel=1e-15), column
        else:
            assert cells[column] == value, column

    # one connection row, cell by cell: a trust tie
    u, v, data = next((u, v, d) for u, v, k, d in G.edges(keys=True, data=True) if k == "trust")
    found = [r for r in connections[1:] if r[:3] == [G.nodes[u]["label"], G.nodes[v]["label"], "trust"]]
    assert found == [[G.nodes[u]["label"], G.nodes[v]["label"], "trust", "directed",
                      data["weight"], data.get("trust"), 1]]
    # negative ties keep their sign; types are the relations
    assert {r[2] for r in connections[1:]} == {k for *_, k in G.edges(keys=True)}
    assert sorted({r[6] for r in connections[1:]}) == [-1, 1]


def test_kumu_without_table_and_undirected_ties(tmp_path):
    import openpyxl

    G = _small_graph()
    wb = openpyxl.load_workbook(write_kumu(G, tmp_path / "k.xlsx"))
    elements, connections = _sheet(wb["Elements"]), _sheet(wb["Connections"])
    assert elements == [["Label", "Type", "Description", "Tags"],
                        ["Mairie", "public authority", None, None],
                        ["Asso Vélo", "association / social economy", None, None],
                        ["Marie", "citizen / informal group", None, None]]
    # co-participation is two reciprocal arcs in the graph: one undirected row in Kumu
    assert connections[1:] == [
        ["Mairie", "Asso Vélo", "conflict", "directed", 1, None, -1],
        ["Asso Vélo", "Mairie", "collaboration", "directed", 3, None, 1],
        ["Asso Vélo", "Mairie", "trust", "directed", 1, 0.75, 1],
        ["Asso Vélo", "Marie", "co-participation", "undirected", 1, None, 1],  # first arc seen
    ]
    U = nx.Graph([("a", "b", {"relation": "collaboration"})])
    rows = _sheet(openpyxl.load_workbook(write_kumu(U, tmp_path / "u.xlsx"))["Connections"])
    assert rows[1:] == [["a", "b", "collaboration", "undirected", 1, None, 1]]


def test_kumu_table_tags_and_partial_table(tmp_path):
    import openpyxl

    wb = openpyxl.load_workbook(write_kumu(_small_graph(), tmp_path / "k.xlsx", table=_small_table()))
    elements = _sheet(wb["Elements"])
    assert elements[0] == ["Label", "Type", "Description", "Tags", "cluster", "stability",
                           "key_score", "world_list"]
    by_label = {row[0]: row for row in elements[1:]}
    # the table's labels are not used: Kumu's labels are the graph's (From and To match them)
    assert by_label["Asso Vélo"][1:] == ["association / social economy", "hybrid: ties into 2 worlds",
                                         "hybrid", 0, 0.95, 0.5, "association|citizen"]
    assert by_label["Mairie"][2:5] == ["=trusted by 2 worlds", "trusted intermediary", 1]
    assert by_label["Mairie"][5] is None and by_label["Mairie"][7] is None  # NaN and () : empty
    assert by_label["Marie"][2:] == [None] * 6  # not in the table: empty cells


def test_kumu_shared_labels_are_disambiguated(tmp_path):
    import openpyxl

    G = nx.MultiDiGraph()
    G.add_node("mairie-antony", label="Mairie")
    G.add_node("mairie-sceaux", label="mairie")  # Kumu compares labels ignoring case
    G.add_node("asso", label="Asso | Vélo")  # Kumu splits From/To cells on |
    G.add_node("x", label="Mairie (mairie-sceaux)")  # what a disambiguated label would be
    G.add_edge("asso", "mairie-antony", key="trust", trust=1.0)
    G.add_edge("asso", "mairie-sceaux", key="trust", trust=0.5)
    with pytest.warns(AlliancesWarning, match=r"1 label\(s\) are shared by several actors: 'Mairie'.*Kumu"):
        path = write_kumu(G, tmp_path / "k.xlsx")
    wb = openpyxl.load_workbook(path)
    labels = [row[0] for row in _sheet(wb["Elements"])[1:]]
    assert labels == ["Mairie (mairie-antony)", "mairie (mairie-sceaux)", "Asso / Vélo",
                      "Mairie (mairie-sceaux) 2"]
    assert [row[:2] for row in _sheet(wb["Connections"])[1:]] == [
        ["Asso / Vélo", "Mairie (mairie-antony)"], ["Asso / Vélo", "mairie (mairie-sceaux)"]]
    # the same graph again: the same labels (deterministic)
    with pytest.warns(AlliancesWarning):
        again = write_kumu(G, tmp_path / "k2.xlsx")
    assert _sheet(openpyxl.load_workbook(again)["Elements"]) == _sheet(wb["Elements"])


def test_kumu_formula_like_labels_are_text(tmp_path):
    import openpyxl

    names = ["=1+1", "+33 6 12 34 56 78", "-Tiers Lieu", "@SUM(A1)", "=HYPERLINK(\"http://x\")"]
    G = nx.MultiDiGraph()
    for i, name in enumerate(names):
        G.add_node(f"a{i}", label=name, sector="=public")
    for i in range(len(names) - 1):
        G.add_edge(f"a{i}", f"a{i + 1}", key="=cmd|' /C calc'!A0")
    path = write_kumu(G, tmp_path / "k.xlsx", table=pd.DataFrame({"note": ["-x"]}, index=["a0"]))
    wb = openpyxl.load_workbook(path)
    for ws in wb:
        formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
        assert formulas == [], ws.title
    labels = [wb["Elements"].cell(row=r, column=1) for r in range(2, len(names) + 2)]
    assert [c.value for c in labels] == names  # written as they are, as text
    assert all(c.data_type == "s" for c in labels)
    assert all(c.quotePrefix for c in labels)  # Excel's "this is text" flag, kept on edit
    assert wb["Elements"]["B2"].value == "=public" and wb["Elements"]["B2"].data_type == "s"
    assert wb["Elements"]["E2"].value == "-x" and wb["Elements"]["E2"].data_type == "s"
    for row in wb["Connections"].iter_rows(min_row=2):
        assert all(c.data_type == "s" for c in row[:3])
    assert wb["Connections"]["A2"].value == "=1+1" and wb["Connections"]["B2"].value == "+33 6 12 34 56 78"
    # and no formula anywhere in the file's XML
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.endswith(".xml"))


def test_write_kumu_is_public():
    assert alliances.write_kumu is write_kumu
    assert "write_kumu" in alliances.__all__
