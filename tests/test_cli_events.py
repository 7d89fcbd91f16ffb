"""``alliances events`` and ``alliances places`` on the bundled samples (issue 15, item 4)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pandas as pd
import pytest

import alliances
from alliances import samples
from alliances.cli import main


def _rows(path, sep=","):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=sep))


def test_events_csv_morteau(tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["events", "morteau-reemploi", "-o", str(out), "-q"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    rows = _rows(out)
    assert list(rows[0]) == ["event", "label", "event_type", "date", "place", "place_type",
                             "participants", "participant_list", "worlds", "world_list",
                             "diversity", "expected_diversity", "diversity_z", "clusters_joined",
                             "hybrids", "intermediaries", "reason"]
    assert len(rows) == 7
    by_name = {r["event"]: r for r in rows}
    defi = by_name["Défi jeunes zéro déchet"]
    assert (defi["event_type"], defi["date"], defi["participants"], defi["worlds"]) == (
        "action jeunes", "2024-11-05", "5", "4")
    assert float(defi["diversity"]) == pytest.approx(0.72)  # 1 - (4 + 1 + 1 + 1) / 25
    assert defi["participant_list"].split(" | ") == sorted(
        samples.load("morteau-reemploi").graph["events"]["Défi jeunes zéro déchet"]["participants"])
    assert sum(int(r["participants"]) for r in rows) == 39
    # the same table as the API, in the same order
    table = alliances.events(samples.load("morteau-reemploi"))
    assert [r["event"] for r in rows] == list(table.index)


def test_places_csv_in_french(tmp_path):
    out = tmp_path / "lieux.csv"
    assert main(["places", "chevreuse-sprint/wave2", "-o", str(out), "--lang", "fr", "-q"]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = _rows(out, sep=";")
    assert list(rows[0])[:3] == ["type_de_lieu", "événements", "participations"]
    assert [r["type_de_lieu"] for r in rows] == ["third place", "institutional", "online"]
    assert [int(r["événements"]) for r in rows] == [5, 3, 1]
    assert sum(int(r["participations"]) for r in rows) == 114
    assert rows[0]["mondes_par_événement"] == "4,0"  # decimal comma
    assert rows[1]["mondes_absents"] == "association | citizen"


def test_places_by_place_and_xlsx(tmp_path):
    out = tmp_path / "events.xlsx"
    assert main(["events", "morteau-reemploi", "-o", str(out), "-q"]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["events"]
    assert len(sheets["events"]) == 7
    out = tmp_path / "lieux.xlsx"
    assert main(["places", "morteau-reemploi", "-o", str(out), "--lang", "fr", "-q",
                 "--by", "place"]) == 0
    sheet = pd.read_excel(out, sheet_name=None)["lieux"]
    assert int(sheet["événements"].sum()) == 7


def test_refusals(tmp_path, capsys):
    assert main(["events", "antony-velo", "-o", str(tmp_path / "e.csv"), "-q"]) == 2
    assert "no event in these data" in capsys.readouterr().err
    assert main(["places", "morteau-reemploi", "-o", str(tmp_path / "e.txt"), "-q"]) == 2
    assert ".csv or a .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "e.csv").exists()


def test_report_with_waves_shows_the_co_participation_effect(tmp_path):
    out = tmp_path / "rapport.html"
    assert main(["report", "--wave", "chevreuse-sprint", "--wave", "chevreuse-sprint/wave2",
                 "--labels", "2024,2025", "--no-map", "--lang", "fr", "-o", str(out), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Lieux et événements" in page
    assert "Effet de la participation commune" in page
    assert "entre les vagues 2024 et 2025" in page


def test_subprocess_events(tmp_path):
    out = tmp_path / "events.csv"
    env = {**os.environ, "PYTHONHASHSEED": "7"}
    run = subprocess.run([sys.executable, "-m", "alliances", "events", "morteau-reemploi",
                          "-o", str(out)], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(out)
    assert "7 rows written" in run.stderr
    again = tmp_path / "again.csv"
    assert main(["events", "morteau-reemploi", "-o", str(again), "-q"]) == 0
    assert out.read_bytes() == again.read_bytes()
