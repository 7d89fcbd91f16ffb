"""Every output of alliances on graphs built by hand, read by the graph contract (issue 12).

The report, the exports, pseudonymisation and the comparison of waves are fed
a plain ``nx.Graph``, an ``nx.DiGraph`` and an ``nx.MultiDiGraph``, each
built two ways:

* ``bare``: ties without any attribute (no relation, weight, trust or sign)
  and actors without label or sector, plus an isolated actor;
* ``rich``: labels, sectors, respondents, and the ties the contract has to
  read right: ``sign=-2`` (negative, as -1), an unsigned ``conflict``
  (negative by its relation), and ``pd.NaT`` / ``np.float32("nan")``
  attribute values (missing, as None).

Expected values are counted by hand from the drawings in the builders.
"""

from __future__ import annotations

import csv
import warnings
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from alliances import export, model, report
from alliances.analysis.compare import compare
from alliances.errors import AlliancesWarning
from alliances.export import format_cell, write_gexf, write_graphml, write_table, write_workbook
from alliances.model import is_missing, iter_ties, to_frames
from alliances.privacy import code_for, pseudonymize
from alliances.report import compute_tables, html_report, write_report

GRAPH_TYPES = [nx.Graph, nx.DiGraph, nx.MultiDiGraph]
KEY = "0123456789abcdef0123456789abcdef"
MISSING = [None, float("nan"), np.float32("nan"), np.float64("nan"), pd.NA, pd.NaT]
NON_GRAPHS = [pd.DataFrame({"source": ["a"], "target": ["b"]}), {"a": ["b"]}, [("a", "b")], None]


def _tie(G: nx.Graph, u: str, v: str, relation: str | None = None, **attrs) -> None:
    """Add a tie; in a multigraph keyed by its relation (networkx's 0, 1... without one)."""
    if relation is not None:
        attrs["relation"] = relation
    if G.is_multigraph() and relation is not None:
        G.add_edge(u, v, key=relation, **attrs)
    else:
        G.add_edge(u, v, **attrs)


def bare(cls: type) -> nx.Graph:
    """a - b - c - d in a chain, e alone; nothing on actors or ties."""
    G = cls()
    for u, v in (("a", "b"), ("b", "c"), ("c", "d")):
        _tie(G, u, v)
    G.add_node("e")
    return G


def rich(cls: type) -> nx.Graph:
    """a -> b collaboration, b -> c sign -2, c -> d unsigned conflict, d -> a information.

    Missing values: a's territory pd.NaT, b's np.float32 NaN; d -> a has
    weight and trust pd.NaT, b -> c trust np.float32 NaN.
    """
    G = cls()
    G.add_node("a", label="Mairie", sector="public", territory=pd.NaT, respondent=True)
    G.add_node("b", label="Asso Vélo", sector="association", territory=np.float32("nan"),
               respondent=True, kind="person")
    G.add_node("c", label="Labo", sector="research", territory="Antony", respondent=False)
    G.add_node("d", label="PME", sector="company", respondent=True)
    _tie(G, "a", "b", "collaboration", weight=3.0, trust=0.75, sign=1)
    _tie(G, "b", "c", "collaboration", weight=2.0, trust=np.float32("nan"), sign=-2)
    _tie(G, "c", "d", "conflict", weight=1.0)
    _tie(G, "d", "a", "information", weight=pd.NaT, trust=pd.NaT)
    return G


BUILDS = [pytest.param(cls, build, id=f"{cls.__name__}-{build.__name__}")
          for cls in GRAPH_TYPES for build in (bare, rich)]


# --------------------------------------------------------------------------- reading the page

class _Sections(HTMLParser):
    """Text of the table rows of each ``<section id=...>`` of the report."""

    def __init__(self) -> None:
        super().__init__()
        self.section: str | None = None
        self.rows: dict[str, list[list[str]]] = {}
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.section = dict(attrs).get("id")
        elif tag == "tr" and self.section:
            self.row = []
            self.rows.setdefault(self.section, []).append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr":
            self.row = None
        elif tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _table(page: str, section: str) -> dict[str, dict[str, str]]:
    """A table of the page as {row id: {column: text}}."""
    parser = _Sections()
    parser.feed(page)
    header, *rows = parser.rows[section]
    return {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}


def _report(G: nx.Graph, **options) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return html_report(G, **options)


# --------------------------------------------------------------------------- report

@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_report_counts_actors_ties_and_relations(cls, build):
    G = build(cls)
    page = _report(G, map=False)
    if build is rich:
        counts = {"actors": 4, "ties": 4, "respondents": 3, "sector groups": 4}
        relations = "Relations: collaboration, conflict, information. Groups (sector): " \
                    "association, company, public, research."
    else:  # no relation on any tie: the contract's "tie"; no respondent, no world
        counts = {"actors": 5, "ties": 3, "respondents": 0, "sector groups": 0}
        relations = "Relations: tie. Groups (sector): none."
    for what, n in counts.items():
        assert f"<div><b>{n}</b>{what}</div>" in page
    assert relations in page
    actors = _table(page, "table-actors")
    assert sorted(actors) == sorted(G.nodes)


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_report_counts_sign_minus_two_and_unsigned_conflict_as_negative(cls):
    actors = _table(_report(rich(cls), map=False), "table-actors")
    # negative = distinct actors sending a negative tie; a plain Graph's tie goes both ways
    expected = {"a": 0, "b": 1, "c": 2, "d": 1} if cls is nx.Graph else {"a": 0, "b": 0, "c": 1, "d": 1}
    assert {n: int(row["negative"]) for n, row in actors.items()} == expected
    # only the positive ties are degrees: a-b and d-a
    degree = {"a": 2, "b": 1, "c": 0, "d": 1}
    assert {n: int(row["degree"]) for n, row in actors.items()} == degree


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_report_writes_missing_values_as_empty(cls):
    actors = _table(_report(rich(cls), map=False), "table-actors")
    assert [actors[n]["territory"] for n in "abcd"] == ["", "", "Antony", ""]
    assert actors["b"]["label"] == "Asso Vélo"


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_report_without_worlds_says_so_and_keeps_every_table(cls):
    G = bare(cls)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tables = compute_tables(G)
    notes = [str(w.message) for w in caught if issubclass(w.category, AlliancesWarning)]
    assert any(n.startswith("No actor has a world (node attribute 'sector')") for n in notes)
    assert list(tables) == ["actors", "hybrids", "intermediaries", "brokerage", "clusters",
                            "introductions", "mixing"]
    assert tables["hybrids"].empty and tables["brokerage"].empty and tables["mixing"].empty
    assert len(tables["actors"]) == 5
    page = _report(G, map=False)
    assert "Notes on the data" in page and "No actor has a world (node attribute &#x27;sector&#x27;)" in page
    assert "No actor spans several worlds in these data." in page
    # no label: the id is shown; the isolated actor makes a second group
    assert "The actors form 2 groups with no tie between them." in page


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_report_with_map_and_write_report_give_the_same_page(cls, tmp_path):
    G = rich(cls)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        page = html_report(G, seed=3, title="Antony")
        out = write_report(G, tmp_path / "sub" / "r.html", seed=3, title="Antony")
    assert out.read_text(encoding="utf-8") == page
    assert '<iframe class="map"' in page and "<title>Antony</title>" in page


# --------------------------------------------------------------------------- tables

def _csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_write_table_of_the_actor_and_tie_tables(cls, build, tmp_path):
    G = build(cls)
    actors, ties = to_frames(G)
    rows = _csv(write_table(actors, tmp_path / "actors.csv"))
    assert [r["id"] for r in rows] == list(G.nodes)
    written = _csv(write_table(ties, tmp_path / "ties.csv"))
    assert len(written) == G.number_of_edges()
    if build is rich:
        assert [r["territory"] for r in rows] == ["", "", "Antony", ""]
        by_relation = {(r["source"], r["target"]): r for r in written}
        # sign -2 stays as written; the unsigned conflict gets the contract's -1
        assert sum(float(r["sign"]) < 0 for r in written) == 2
        conflict = next(r for r in written if r["relation"] == "conflict")
        assert conflict["sign"] == "-1"
        info = next(r for key, r in by_relation.items() if r["relation"] == "information")
        assert info["trust"] == "" and info["weight"] == "1.0"
    else:
        assert {r["relation"] for r in written} == {"tie"}
        assert {r["label"] for r in rows} == set(G.nodes)  # the id when there is no label


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_write_table_and_workbook_of_the_report_tables(cls, tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = compute_tables(rich(cls))
    rows = {r["id"]: r for r in _csv(write_table(tables["actors"], tmp_path / "a.csv"))}
    expected = {"a": "0", "b": "1", "c": "2", "d": "1"} if cls is nx.Graph else \
        {"a": "0", "b": "0", "c": "1", "d": "1"}
    assert {n: r["negative"] for n, r in rows.items()} == expected
    assert [rows[n]["territory"] for n in "abcd"] == ["", "", "Antony", ""]
    path = write_workbook(tables, tmp_path / "t.xlsx")
    sheets = pd.read_excel(path, sheet_name=None, index_col=0)
    assert list(sheets) == list(tables)
    back = sheets["actors"]
    assert len(back) == 4 and back["negative"].to_dict() == {k: int(v) for k, v in expected.items()}
    assert back.loc[["a", "b", "d"], "territory"].isna().all()
    assert back.at["c", "territory"] == "Antony"


@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_write_workbook_writes_missing_cells_empty(cls, build, tmp_path):
    from openpyxl import load_workbook

    actors, ties = to_frames(build(cls))
    path = write_workbook({"actors": actors, "ties": ties}, tmp_path / "g.xlsx")
    wb = load_workbook(path)
    assert wb["actors"].max_row == 1 + len(actors) and wb["ties"].max_row == 1 + len(ties)
    header = [c.value for c in wb["actors"][1]]
    if build is rich:
        territory = [row[header.index("territory")].value for row in wb["actors"].iter_rows(min_row=2)]
        assert territory == [None, None, "Antony", None]


# --------------------------------------------------------------------------- graph files

@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_write_gexf_and_graphml(cls, build, tmp_path):
    G = build(cls)
    gexf = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf", date="2026-01-01"))
    graphml = nx.read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    for H in (gexf, graphml):
        assert H.number_of_nodes() == G.number_of_nodes()
        assert H.number_of_edges() == G.number_of_edges()
    labels = sorted(d["label"] for *_, d in gexf.edges(data=True))
    if build is bare:  # Gephi's edge label: the contract's relation of a tie that names none
        assert labels == ["tie"] * 3
        assert all(gexf.nodes[n]["label"] == n for n in gexf)
        return
    assert labels == ["collaboration", "collaboration", "conflict", "information"]
    for H in (gexf, graphml):
        # missing values are left out, not written as "NaT" or "nan"
        assert "territory" not in H.nodes["a"] and "territory" not in H.nodes["b"]
        assert H.nodes["c"]["territory"] == "Antony"
        info = next(d for *_, d in H.edges(data=True) if d["relation"] == "information")
        assert "trust" not in info and "weight" not in info
        signs = sorted(d["sign"] for *_, d in H.edges(data=True))
        # the contract's sign: -2 and the unsigned conflict are both written -1
        assert signs == [-1, -1, 1, 1]


# --------------------------------------------------------------------------- pseudonymize

@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_pseudonymize_hand_built_graphs(cls, build):
    G = build(cls)
    H = pseudonymize(G, key=KEY)
    assert isinstance(H, nx.MultiDiGraph)
    arcs = 2 * G.number_of_edges() if not G.is_directed() else G.number_of_edges()
    assert H.number_of_edges() == arcs
    relations = sorted(t.relation for t in iter_ties(H))
    if build is bare:
        assert relations == ["tie"] * arcs and sorted(H) == sorted(G)  # no kind: organisations, not coded
        return
    b = code_for("b", key=KEY)
    assert sorted(H) == sorted(["a", b, "c", "d"])
    coded = dict(H.nodes[b])
    assert is_missing(coded.pop("territory"))  # kept as it was: missing
    assert coded == {"sector": "association", "kind": "person", "respondent": True, "label": b}
    want = ["collaboration", "collaboration", "conflict", "information"]
    assert relations == (sorted(want * 2) if cls is nx.Graph else want)
    signs = sorted(t.sign for t in iter_ties(H))
    assert signs == sorted([-1, -1, 1, 1] * (2 if cls is nx.Graph else 1))
    assert H.graph["privacy"]["consent_not_recorded"] == 4


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_pseudonymize_missing_consent_and_merged_negative_ties(cls):
    G = rich(cls)
    nx.set_node_attributes(G, {"a": pd.NaT, "b": "non", "c": "non", "d": np.float32("nan")}, "consent")
    with pytest.warns(AlliancesWarning, match="a group of one person hides nothing"):
        H = pseudonymize(G, key=KEY, non_consenting="aggregate")
    assert H.graph["privacy"]["consent_not_recorded"] == 2  # NaT and float32 NaN are not answers
    groups = {n: d for n, d in H.nodes(data=True) if d.get("aggregate")}
    assert {d["label"]: d["members"] for d in groups.values()} == {
        "non-consenting (association)": 1, "non-consenting (research)": 1}
    research = next(n for n, d in groups.items() if d["sector"] == "research")
    conflict = H.edges[research, "d", "conflict"]  # the unsigned conflict, merged: still negative
    assert model.tie_sign(conflict, "conflict") == -1 and conflict["count"] == 1
    association = next(n for n, d in groups.items() if d["sector"] == "association")
    merged = H.edges[association, research, "collaboration"]  # sign -2, merged: -1
    assert merged["sign"] == -1 and merged["weight"] == 2.0
    assert "trust" not in merged  # np.float32 NaN: not rated, so left out (absent, not None)


# --------------------------------------------------------------------------- compare

@pytest.mark.parametrize(("cls", "build"), BUILDS)
def test_compare_hand_built_waves(cls, build):
    before = build(cls)
    after = build(cls)
    _tie(after, "a", "c", None if build is bare else "collaboration")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = compare(before, after)
    both = not before.is_directed()
    rel = "tie" if build is bare else "collaboration"
    gained = {("a", "c", rel)} | ({("c", "a", rel)} if both else set())
    ties = c.ties
    assert {tuple(r) for r in ties.loc[ties["change"] == "gained", ["source", "target", "relation"]].values} == gained
    positive = 3 if build is bare else 2  # rich: sign -2 and the unsigned conflict are not counted
    assert (ties["change"] == "kept").sum() == positive * (2 if both else 1)
    assert (ties["change"] == "lost").sum() == 0
    assert c.summary.at["ties", "before"] == positive * (2 if both else 1)
    if build is bare:
        assert np.isnan(c.summary.at["ei_index", "before"])  # no worlds, no E-I
        return
    ab = ties[(ties["source"] == "a") & (ties["target"] == "b")].iloc[0]
    assert ab["trust_before"] == 0.75 and ab["weight_before"] == 3.0 and ab["sign"] == 1
    da = ties[(ties["source"] == "d") & (ties["target"] == "a")].iloc[0]
    assert np.isnan(da["trust_before"]) and da["weight_before"] == 1.0  # pd.NaT is missing


@pytest.mark.parametrize("cls", GRAPH_TYPES)
def test_compare_counts_negative_ties_when_asked(cls):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = compare(rich(cls), rich(cls), relations=["collaboration", "conflict"])
    ties = c.ties.set_index(["source", "target"])
    assert ties.at[("b", "c"), "sign"] == -1  # sign -2
    assert ties.at[("c", "d"), "sign"] == -1  # unsigned conflict
    assert ties.at[("a", "b"), "sign"] == 1
    assert set(c.ties["change"]) == {"kept"}


# --------------------------------------------------------------------------- not a graph

GRAPH_FUNCTIONS = {
    "html_report": lambda x, tmp: html_report(x),
    "write_report": lambda x, tmp: write_report(x, tmp / "r.html"),
    "compute_tables": lambda x, tmp: compute_tables(x),
    "write_gexf": lambda x, tmp: write_gexf(x, tmp / "g.gexf"),
    "write_graphml": lambda x, tmp: write_graphml(x, tmp / "g.graphml"),
    "exportable_graph": lambda x, tmp: export.exportable_graph(x),
    "pseudonymize": lambda x, tmp: pseudonymize(x, key=KEY),
    "compare": lambda x, tmp: compare(x, nx.DiGraph()),
}


@pytest.mark.parametrize("name", list(GRAPH_FUNCTIONS))
@pytest.mark.parametrize("value", NON_GRAPHS, ids=lambda v: type(v).__name__)
def test_a_non_graph_raises_type_error_naming_the_function(name, value, tmp_path):
    with pytest.raises(TypeError, match=rf"^{name}\b.*takes a networkx graph.*got {type(value).__name__}"):
        GRAPH_FUNCTIONS[name](value, tmp_path)
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("value", [nx.DiGraph([("a", "b")]), {"a": [1]}, None], ids=lambda v: type(v).__name__)
def test_a_non_table_raises_type_error_naming_the_function(value, tmp_path):
    with pytest.raises(TypeError, match=rf"^write_table takes a pandas DataFrame.*got {type(value).__name__}"):
        write_table(value, tmp_path / "t.csv")
    with pytest.raises(TypeError, match=r"^write_workbook \(sheet 'x'\) takes a pandas DataFrame"):
        write_workbook({"x": value}, tmp_path / "t.xlsx")
    if not isinstance(value, dict):
        with pytest.raises(TypeError, match=r"^write_workbook takes a mapping"):
            write_workbook(value, tmp_path / "t.xlsx")
    if isinstance(value, nx.Graph):  # the message says how to write a graph
        with pytest.raises(TypeError, match="write_gexf or write_graphml"):
            write_table(value, tmp_path / "t.csv")


# --------------------------------------------------------------------------- one notion of missing

def test_report_and_export_use_the_models_is_missing():
    assert report.is_missing is model.is_missing
    assert export.is_missing is model.is_missing
    for module in (report, export):
        assert not hasattr(module, "_is_missing")


@pytest.mark.parametrize("value", MISSING, ids=repr)
def test_missing_values_are_empty_in_report_and_export(value, tmp_path):
    assert is_missing(value)
    G = nx.DiGraph()
    G.add_node("a", label="A", sector="public", territory=value, themes=value)
    G.add_node("b", label="B", sector="public", territory="Antony")
    G.add_edge("a", "b", note=value)
    # report: the cell is empty, never "NaT", "nan" or "<NA>"
    actors = _table(_report(G, map=False), "table-actors")
    assert actors["a"]["territory"] == "" and actors["b"]["territory"] == "Antony"
    # export: None for a cell, an empty CSV field, an empty Excel cell, no graph attribute
    assert format_cell(value) is None
    index = pd.Index(["a", "b"], name="id")
    frame = pd.DataFrame({"territory": pd.Series([value, "Antony"], index=index, dtype=object)})
    assert [r["territory"] for r in _csv(write_table(frame, tmp_path / "t.csv"))] == ["", "Antony"]
    back = pd.read_excel(write_workbook({"t": frame}, tmp_path / "t.xlsx"), index_col=0)
    assert back["territory"].isna().tolist() == [True, False]
    H = export.exportable_graph(G)
    assert "territory" not in H.nodes["a"] and "themes" not in H.nodes["a"]
    assert "note" not in H.edges["a", "b"]


@pytest.mark.parametrize("value", ["", 0, False, "n/a"], ids=repr)
def test_values_that_are_not_missing_are_written(value, tmp_path):
    assert not is_missing(value)
    assert format_cell(value) == value
    G = nx.DiGraph()
    G.add_node("a", territory=value)
    assert export.exportable_graph(G).nodes["a"]["territory"] == value
