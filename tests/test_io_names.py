"""Name resolution, suggested merges, multi-select splitting, and the import report."""

from __future__ import annotations

import pandas as pd
import pytest

from alliances.io.names import NameResolver, name_similarity, split_names, suggest_merges
from alliances.io.report import ImportReport


def registry() -> pd.DataFrame:
    return pd.DataFrame(
        {"label": ["Mairie d'Antony", "CAF"],
         "aliases": [("Ville d'Antony", "Commune d'Antony"), ("CAF des Hauts-de-Seine",)]},
        index=pd.Index(["mairie-d-antony", "caf"], name="id"))


def test_case_accents_spacing_apostrophes_do_not_split_an_actor():
    r = NameResolver()
    ids = r.resolve_many(["Mairie d'Antony", "MAIRIE D’ANTONY ", "mairie d antony",
                          "Mairie  d'Antony", "Mairie d'Antony"])
    assert set(ids) == {"mairie-d-antony"}
    # most common spelling ("Mairie d'Antony" x3 once spaces are collapsed)
    assert r.label("mairie-d-antony") == "Mairie d'Antony"
    assert r.spellings("mairie-d-antony") == {"Mairie d'Antony": 3, "MAIRIE D’ANTONY": 1,
                                               "mairie d antony": 1}
    assert r.merged_names() == [("mairie-d-antony", "MAIRIE D’ANTONY", "normalisation"),
                                ("mairie-d-antony", "mairie d antony", "normalisation")]


def test_label_tie_is_broken_alphabetically_whatever_the_order():
    a, b = NameResolver(), NameResolver()
    a.resolve_many(["caf", "CAF"])
    b.resolve_many(["CAF", "caf"])
    assert a.label("caf") == b.label("caf") == "CAF"


def test_registry_aliases_and_labels():
    r = NameResolver(registry())
    assert r.resolve("Ville d’Antony") == "mairie-d-antony"
    assert r.resolve("caf des hauts de seine") == "caf"
    assert r.resolve("Mairie d'Antony") == "mairie-d-antony"
    assert r.label("mairie-d-antony") == "Mairie d'Antony"  # registry name wins
    assert ("mairie-d-antony", "Ville d’Antony", "registry alias") in r.merged_names()
    assert r.resolve("") is None and r.resolve(None) is None


def test_similarity_scores_by_hand():
    # asso ~ association (prefix 0.9), velo = velo, antony = antony -> 2.9 / 3
    assert name_similarity("Asso Vélo Antony", "Association Vélo Antony") == pytest.approx(2.9 / 3)
    # mairie = mairie, antony vs sceaux below 0.8 -> 1 / 2
    assert name_similarity("Mairie d'Antony", "Mairie de Sceaux") == 0.5
    # typo: antony vs antonny ratio 12/13
    assert name_similarity("Mairie Antony", "Mairie Antonny") == pytest.approx((1 + 12 / 13) / 2)
    assert name_similarity("CAF", "CAF 92") == 0.5
    # numbers must match exactly: numbered structures are different actors
    assert name_similarity("Structure 12", "Structure 123") == 0.5


def test_suggest_merges_lists_but_never_merges():
    labels = {"asso-velo-antony": "Asso Vélo Antony",
              "association-velo-antony": "Association Vélo Antony",
              "mairie-d-antony": "Mairie d'Antony", "mairie-de-sceaux": "Mairie de Sceaux"}
    out = suggest_merges(labels)
    assert [(r[0], r[2]) for r in out] == [("asso-velo-antony", "association-velo-antony")]
    assert out[0][4] == 0.967
    # the same suggestions whatever the dict order
    assert suggest_merges(dict(reversed(list(labels.items())))) == out


def test_split_multi_select_cells():
    assert split_names("CAF, Pôle emploi; Mission locale") == ["CAF", "Pôle emploi",
                                                               "Mission locale"]
    assert split_names("A | B\nC") == ["A", "B", "C"]
    assert split_names("A / B", sep="/") == ["A", "B"]
    assert split_names("  ") == []
    known = {"ville de paris direction de l urbanisme"}
    assert split_names("Ville de Paris, direction de l'urbanisme; CAF", known=known) == [
        "Ville de Paris, direction de l'urbanisme", "CAF"]


# ----------------------------------------------------------------- the report

def test_report_tables_counts_and_combine():
    a = ImportReport(sources=["a.csv"], rows_read=4, ties=3, actors=3, ties_merged=1,
                     self_nominations=1)
    a.skip("a.csv", 5, "self-nomination")
    a.problem("a.csv", 3, "trust", "beaucoup", "kept as missing")
    a.suggest([("x", "X", "y", "Y", 0.9, "similar")])
    b = ImportReport(sources=["b.csv", "a.csv"], rows_read=2, unknown_sectors=1)
    b.problem("b.csv", 2, "sector", "Fablab", "kept")
    c = ImportReport.combine(a, b)
    assert c.sources == ["a.csv", "b.csv"]
    assert (c.rows_read, c.ties_merged, c.self_nominations, c.unknown_sectors) == (6, 1, 1, 1)
    assert c.skipped.to_dict("records") == [{"path": "a.csv", "line": 5,
                                             "reason": "self-nomination"}]
    assert list(c.problems.columns) == ["path", "line", "column", "value", "action"]
    assert c.problems["value"].tolist() == ["beaucoup", "Fablab"]
    assert c.suggested_merges.iloc[0]["score"] == 0.9
    assert c.counts["rows_skipped"] == 1 and c.counts["problems"] == 2
    text = str(c)
    assert "a.csv, line 5: self-nomination" in text
    assert "a.csv, line 3, column \"trust\": 'beaucoup': kept as missing" in text


def test_report_html_escapes_user_text():
    r = ImportReport(sources=["<b>x</b>.csv"])
    r.problem("<b>x</b>.csv", 2, "nom", "<script>alert(1)</script>", "kept")
    out = r._repr_html_()
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;b&gt;x&lt;/b&gt;.csv" in out


def test_empty_report_frames_have_columns():
    r = ImportReport()
    assert list(r.skipped.columns) == ["path", "line", "reason"]
    assert len(r.suggested_merges) == 0
    assert "Import report: (no file)" in str(r)
