"""The ``alliances`` command line, end to end through ``main([...])`` and one subprocess."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from alliances import __version__
from alliances.cli import main

EVIL = "<img src=x onerror=alert(1)>"

ACTORS = f"""\
name,sector,kind,territory,themes,aliases
Mairie d'Antony,public,organisation,Antony,mobilité,Ville d'Antony
Vélo Antony,association,organisation,Antony,vélo|mobilité,
Cyclo Shop,company,organisation,Antony,vélo,
Lab Mobilités,research,organisation,Paris-Saclay,mobilité,
"{EVIL}",citizen,organisation,Antony,vélo,
Jardin Partagé,citizen,organisation,Antony,alimentation,
Ferme Bio,company,organisation,Antony,alimentation,
"""

SURVEY = f"""\
respondent,organisation,sector,contact,relation,frequency,trust
Claire,Mairie d'Antony,public,Vélo Antony,collaboration,monthly,4
Claire,Ville d'Antony,public,Lab Mobilités,information,yearly,3
Paul,Vélo Antony,association,Cyclo Shop,collaboration,weekly,5
Paul,Vélo Antony,association,"{EVIL}",trust,monthly,4
Inès,Lab Mobilités,research,Vélo Antony,collaboration,monthly,4
Jo,Jardin Partagé,citizen,Ferme Bio,collaboration,weekly,5
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (data / "survey.csv").write_text(SURVEY, encoding="utf-8")
    return data


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err


# --------------------------------------------------------------------------- no data needed

def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"alliances {__version__}"


def test_help_teaches_with_examples(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("import", "map", "report", "analyze", "template"):
        assert re.search(rf"^\s+{command}\b", out, re.MULTILINE), command
    assert "alliances map mes-donnees/ -o carte.html" in out
    assert "--sep \";\" --excel-bom" in out


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage: alliances" in capsys.readouterr().out


def test_bad_option_is_a_usage_error(capsys):
    assert main(["map"]) == 2
    assert "required" in capsys.readouterr().err


def test_help_does_not_import_heavy_modules():
    code = ("import sys; from alliances.cli import main; main(['--help']); "
            "heavy = [m for m in ('pandas', 'networkx', 'matplotlib', 'pyvis') if m in sys.modules];"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_template_to_file_and_stdout(tmp_path, capsys):
    target = tmp_path / "enquete.csv"
    assert main(["template", "survey-long", "--lang", "fr", "-o", str(target), "-q"]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfr\xc3\xa9pondant;structure;")
    assert main(["template", "actors"]) == 0
    assert capsys.readouterr().out == "name,sector,kind,territory,themes,aliases\n"


def test_template_unknown_kind(capsys):
    assert main(["template", "questionnaire"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_missing_input_exits_2_without_traceback(tmp_path, capsys):
    missing = tmp_path / "nowhere.csv"
    assert main(["import", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alliances: error: ")
    assert str(missing) in err
    _no_traceback(err)


def test_debug_shows_the_traceback(tmp_path, capsys):
    assert main(["--debug", "import", str(tmp_path / "nowhere.csv")]) == 2
    assert "Traceback" in capsys.readouterr().err
    assert main(["import", "--debug", str(tmp_path / "nowhere.csv")]) == 2
    assert "Traceback" in capsys.readouterr().err


# --------------------------------------------------------------------------- with data

def test_import_prints_the_report(folder, capsys):
    assert main(["import", str(folder)]) == 0
    out = capsys.readouterr()
    # 7 registry actors; 6 survey rows give 6 ties ("Ville d'Antony" is an alias of the Mairie)
    assert re.search(r"^\s*actors: 7$", out.out, re.MULTILINE)
    assert re.search(r"^\s*ties: 6$", out.out, re.MULTILINE)
    assert "Reading" in out.err and "Reading" not in out.out  # progress on stderr only


def test_bad_csv_exits_2_with_file_line_and_column(tmp_path, capsys):
    data = tmp_path / "bad"
    data.mkdir()
    # an alias that is the name of another actor: read_actors refuses it
    (data / "actors.csv").write_text(
        "name,sector,aliases\nMairie d'Antony,public,Vélo Antony\nVélo Antony,association,\n",
        encoding="utf-8")
    assert main(["import", str(data)]) == 2
    err = capsys.readouterr().err
    _no_traceback(err)
    assert "actors.csv" in err and "line 2" in err and 'column "aliases"' in err


def test_missing_column_exits_2(tmp_path, capsys):
    data = tmp_path / "bad"
    data.mkdir()
    (data / "survey.csv").write_text("qui,avec\nClaire,Vélo Antony\n", encoding="utf-8")
    assert main(["import", str(data)]) == 2
    err = capsys.readouterr().err
    _no_traceback(err)
    assert "survey.csv" in err


def test_analyze_writes_every_table_csv_and_xlsx(folder, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["analyze", str(folder), "-o", str(out), "--sep", ";", "--excel-bom", "-q"]) == 0
    printed = capsys.readouterr().out.split()
    names = sorted(p.name for p in out.iterdir())
    assert sorted(Path(p).name for p in printed) == names
    assert "alliances.xlsx" in names
    for stem in ("actors", "hybrids", "intermediaries", "brokerage", "clusters",
                 "introductions", "mixing"):
        assert f"{stem}.csv" in names, stem
    raw = (out / "actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = raw[3:].decode("utf-8").splitlines()[0]
    assert header.startswith("id;") and "label" in header
    import pandas as pd

    actors = pd.read_csv(out / "actors.csv", sep=";", encoding="utf-8-sig", index_col=0)
    assert "mairie-d-antony" in actors.index
    assert len(actors) == 7
    # hand-counted from SURVEY: rows are the senders' worlds, columns the receivers'
    mixing = pd.read_csv(out / "mixing.csv", sep=";", encoding="utf-8-sig", index_col=0)
    assert mixing.loc["association", "citizen"] == 1  # Vélo Antony trusts the citizen group
    assert mixing.loc["association", "company"] == 1  # Vélo Antony -> Cyclo Shop
    assert mixing.loc["public", "research"] == 1  # the alias "Ville d'Antony" is the Mairie
    assert int(mixing.to_numpy().sum()) == 6
    hybrids = pd.read_csv(out / "hybrids.csv", sep=";", encoding="utf-8-sig", index_col=0,
                          decimal=",")
    # Vélo Antony's ties reach five worlds (seven actors: no flag beats chance, issue 14)
    assert hybrids.loc["velo-antony", "worlds"] == 5
    assert hybrids.loc["velo-antony", "participation"] == pytest.approx(0.75)
    clusters = pd.read_csv(out / "clusters.csv", sep=";", encoding="utf-8-sig", index_col=0)
    assert sorted(clusters.groupby("cluster").size().tolist()) == [2, 5]
    book = pd.read_excel(out / "alliances.xlsx", sheet_name=None, index_col=0)
    assert set(book) == {"actors", "hybrids", "intermediaries", "brokerage", "clusters",
                         "introductions", "mixing"}
    assert len(book["actors"]) == 7


def test_analyze_no_xlsx(folder, tmp_path):
    out = tmp_path / "t"
    assert main(["analyze", str(folder), "-o", str(out), "--no-xlsx", "-q"]) == 0
    assert not (out / "alliances.xlsx").exists()
    assert (out / "actors.csv").read_bytes()[:3] != b"\xef\xbb\xbf"


def test_map_command(folder, tmp_path):
    out = tmp_path / "carte.html"
    assert main(["map", str(folder), "-o", str(out), "--title", "Comité <vélo>", "--seed", "2",
                 "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert EVIL not in page
    assert "Comité <vélo>" not in page
    again = tmp_path / "carte2.html"
    assert main(["map", str(folder), "-o", str(again), "--title", "Comité <vélo>", "--seed", "2",
                 "-q"]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_report_command_is_escaped_and_deterministic(folder, tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    for target in (a, b):
        assert main(["report", str(folder), "-o", str(target), "--title", "Antony", "-q"]) == 0
    page = a.read_text(encoding="utf-8")
    assert a.read_bytes() == b.read_bytes()
    assert EVIL not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<iframe class="map"' in page
    assert "<title>Antony</title>" in page


def test_report_without_map(folder, tmp_path):
    out = tmp_path / "r.html"
    assert main(["report", str(folder), "-o", str(out), "--no-map", "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<iframe" not in page
    assert EVIL not in page


def test_subprocess_python_m_alliances(folder, tmp_path):
    env = {**os.environ, "PYTHONHASHSEED": "123"}
    ok = subprocess.run([sys.executable, "-m", "alliances", "import", str(folder)],
                        capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip()
    bad = subprocess.run([sys.executable, "-m", "alliances", "import",
                          str(tmp_path / "absent")], capture_output=True, text=True, env=env)
    assert bad.returncode == 2
    assert "absent" in bad.stderr and "Traceback" not in bad.stderr


def test_subprocess_version():
    out = subprocess.run([sys.executable, "-m", "alliances", "--version"], capture_output=True,
                         text=True, check=True)
    assert out.stdout.strip() == f"alliances {__version__}"


def test_sample_name_as_input(capsys):
    assert main(["import", "antony-velo", "-q"]) == 0
    assert capsys.readouterr().out.strip()


def test_report_same_bytes_whatever_the_hash_seed(folder, tmp_path):
    pages = []
    for hash_seed in ("1", "987"):
        out = tmp_path / f"r{hash_seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run([sys.executable, "-m", "alliances", "report", str(folder), "-o",
                              str(out), "-q"], capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr
        pages.append(out.read_bytes())
    assert pages[0] == pages[1]
    # without --title nor a study title, the generic title: never the folder's name
    assert b"<title>Stakeholder network report</title>" in pages[0]


def test_forced_encoding_reaches_the_reader(tmp_path, capsys):
    data = tmp_path / "cp"
    data.mkdir()
    (data / "actors.csv").write_bytes("nom;secteur\nCafé Vélo;association\n".encode("cp1252"))
    assert main(["import", str(data), "-q"]) == 0
    assert main(["import", str(data), "--encoding", "utf-8", "-q"]) == 2
    err = capsys.readouterr().err
    assert "actors.csv" in err and "line 2" in err and "utf-8" in err
    _no_traceback(err)


def test_folder_and_files_cannot_be_mixed(folder, capsys):
    assert main(["import", str(folder), str(folder / "survey.csv")]) == 2
    assert "not a mix" in capsys.readouterr().err


def test_several_files(folder, capsys):
    assert main(["import", str(folder / "actors.csv"), str(folder / "survey.csv"), "-q"]) == 0
    assert capsys.readouterr().out.strip()


def test_analyze_defuses_formulas_in_csv_and_xlsx(tmp_path):
    data = tmp_path / "f"
    data.mkdir()
    (data / "survey.csv").write_text(
        "organisation,sector,contact,relation\n=1+1,public,@SUM(A1),collaboration\n",
        encoding="utf-8")
    out = tmp_path / "out"
    assert main(["analyze", str(data), "-o", str(out), "-q"]) == 0
    text = (out / "actors.csv").read_text(encoding="utf-8")
    assert "'=1+1" in text and "'@SUM(A1)" in text
    assert "\n1-1,=1+1" not in text
    from openpyxl import load_workbook

    sheet = load_workbook(out / "alliances.xlsx")["actors"]
    labels = [c for row in sheet.iter_rows() for c in row if c.value in ("=1+1", "'=1+1")]
    assert labels and all(c.data_type == "s" for c in labels)


def test_unexpected_error_exits_1_with_a_hint(tmp_path, monkeypatch, capsys):
    import alliances

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(alliances, "load", broken, raising=False)
    assert main(["import", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "unexpected error: RuntimeError: boom" in err and "--debug" in err
    _no_traceback(err)


def test_warnings_are_one_plain_line(tmp_path, monkeypatch, capsys):
    import warnings

    import networkx as nx

    import alliances
    from alliances.errors import AlliancesWarning

    def noisy(*args, **kwargs):
        for _ in range(3):
            warnings.warn("2 actors have no sector", AlliancesWarning, stacklevel=2)
        return nx.MultiDiGraph()

    monkeypatch.setattr(alliances, "load", noisy, raising=False)
    assert main(["import", str(tmp_path), "-q"]) == 0
    err = capsys.readouterr().err
    assert err == "alliances: warning: 2 actors have no sector\n"


def test_sample_report_and_analyze_find_the_planted_structure(tmp_path):
    import html

    import pandas as pd

    from alliances import samples

    planted = samples.expected("antony-velo")
    G = samples.load("antony-velo")
    report = tmp_path / "rapport.html"
    assert main(["report", "antony-velo", "-o", str(report), "-q"]) == 0
    page = report.read_text(encoding="utf-8")
    assert "<title>Antony bicycle committee</title>" in page  # the study's title, not the slug
    findings = page.split('<section id="findings">', 1)[1].split("</section>", 1)[0]
    n_groups = 1 + len(planted["disconnected_groups"])
    assert f"The actors form {n_groups} groups with no tie between them." in findings
    # the disconnected groups section lists each planted group: number, who, how many, worlds
    section = page.split('<section id="groups">', 1)[1].split("</section>", 1)[0]
    curated = section.split('<table class="curated">', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", curated)]
    groups = [(size, {html.unescape(x) for x in re.split(r",? and |, ", who)})
              for _, who, size, _ in rows[1:]]
    assert len(groups) == len(planted["disconnected_groups"])
    for members in planted["disconnected_groups"]:
        labels = {G.nodes[m]["label"] for m in members}
        assert any(len(members) == int(n) and text == labels for n, text in groups), members

    tables = tmp_path / "tableaux"
    assert main(["analyze", "antony-velo", "-o", str(tables), "--sep", ";", "--excel-bom",
                 "-q"]) == 0
    hybrids = pd.read_csv(tables / "hybrids.csv", sep=";", encoding="utf-8-sig", index_col=0)
    # the flags recorded with the sample (issue 14: judged against chance, with expected misses)
    assert sorted(hybrids.index[hybrids["is_hybrid"].astype(bool)]) == sorted(
        planted["flags"]["hybrids"]["flagged"])

    carte = tmp_path / "carte.html"
    assert main(["map", "antony-velo", "-o", str(carte), "-q"]) == 0
    assert carte.stat().st_size > 10_000


def test_bad_size_option_is_a_usage_error(folder, tmp_path, capsys):
    assert main(["map", str(folder), "-o", str(tmp_path / "m.html"), "--size", "nope",
                 "-q"]) == 2
    err = capsys.readouterr().err
    assert "size='nope'" in err and "betweenness" in err
    _no_traceback(err)
    assert not (tmp_path / "m.html").exists()


def test_python_blocks_of_the_cli_page_run(folder, tmp_path, monkeypatch):
    doc = (Path(__file__).resolve().parents[1] / "docs" / "cli.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, re.DOTALL)
    assert blocks
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mes-donnees").symlink_to(folder, target_is_directory=True)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for block in blocks:
            exec(compile(block, "docs/cli.md", "exec"), {})
    page = (tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert "<title>Antony à vélo</title>" in page and '<html lang="fr">' in page


# --------------------------------------------------------------------------- pseudonymisation (issue 7)

PEOPLE_ACTORS = """\
name,sector,kind,consent
Mairie de Trappes,public,organisation,
Vélo Club,association,organisation,
Jeanne Martin,citizen,person,oui
Paul Durand,research,person,non
"""

PEOPLE_SURVEY = """\
respondent,organisation,sector,contact,relation,frequency,trust
Jeanne Martin,Jeanne Martin,citizen,Vélo Club,collaboration,weekly,5
Jeanne Martin,Jeanne Martin,citizen,Paul Durand,information,monthly,3
Claire,Mairie de Trappes,public,Vélo Club,funding,yearly,4
Claire,Mairie de Trappes,public,Jeanne Martin,collaboration,monthly,4
"""


@pytest.fixture
def people(tmp_path: Path) -> Path:
    data = tmp_path / "people"
    data.mkdir()
    (data / "actors.csv").write_text(PEOPLE_ACTORS, encoding="utf-8")
    (data / "survey.csv").write_text(PEOPLE_SURVEY, encoding="utf-8")
    return data


def test_key_command_writes_a_key_and_never_overwrites(tmp_path, capsys):
    key = tmp_path / "alliances.key"
    assert main(["key", "-o", str(key), "-q"]) == 0
    text = key.read_text()
    assert re.fullmatch(r"[0-9a-f]{64}\n", text)
    assert main(["key", "-o", str(key)]) == 2
    assert "never overwritten" in capsys.readouterr().err
    assert key.read_text() == text


def test_pseudonymize_without_key_file_exits_2_with_the_hint(people, tmp_path, capsys):
    for command in ("map", "report"):
        out = tmp_path / f"{command}.html"
        assert main([command, str(people), "-o", str(out), "--pseudonymize"]) == 2
        err = capsys.readouterr().err
        assert "--key-file" in err and "alliances key -o alliances.key" in err
        _no_traceback(err)
        assert not out.exists()
    assert main(["map", str(people), "-o", str(tmp_path / "m.html"), "--pseudonymize",
                 "--key-file", str(tmp_path / "missing.key")]) == 2
    assert "no such key file" in capsys.readouterr().err
    assert main(["map", str(people), "-o", str(tmp_path / "m.html"), "--key-file", "x"]) == 2


def test_pseudonymized_map_and_report_hide_people(people, tmp_path):
    key = tmp_path / "k.key"
    assert main(["key", "-o", str(key), "-q"]) == 0
    pages = {}
    for command in ("map", "report"):
        for run in (1, 2):
            out = tmp_path / f"{command}{run}.html"
            assert main([command, str(people), "-o", str(out), "--pseudonymize", "--key-file",
                         str(key), "--actors", str(people / "actors.csv"), "-q"]) == 0
            pages[command, run] = out.read_bytes()
        assert pages[command, 1] == pages[command, 2]
        page = pages[command, 1].decode("utf-8")
        assert "Jeanne Martin" not in page and "Paul Durand" not in page
        assert "jeanne-martin" not in page and "paul-durand" not in page
        assert "Vélo Club" in page and "Mairie de Trappes" in page
        assert "P-" in page
    # without --pseudonymize the names are there (the test above can fail)
    plain = tmp_path / "plain.html"
    assert main(["map", str(people), "-o", str(plain), "-q"]) == 0
    assert "Jeanne Martin" in plain.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- before/after (issue 8)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "sqy-rse"


def test_compare_writes_the_change_map_tables_and_findings(tmp_path, capsys):
    out, tables = tmp_path / "change.html", tmp_path / "tables"
    assert main(["compare", str(SAMPLE), str(SAMPLE / "wave2"), "-o", str(out), "--tables",
                 str(tables), "--labels", "2023,2024", "-q"]) == 0
    printed = capsys.readouterr().out
    assert "ties gained" in printed and "FACE Yvelines" in printed
    page = out.read_text(encoding="utf-8")
    assert '"views":' in page and "2023 only" in page and "<title>Change: 2023 → 2024</title>" in page
    names = sorted(p.name for p in tables.iterdir())
    assert names == sorted(f"{n}.csv" for n in ("ties", "actors", "summary", "components_change",
                                                  "mixing_change", "relations_change", "ei_change",
                                                  "findings"))
    import csv
    import warnings

    import alliances

    with open(tables / "ties.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:4] == ["source", "target", "relation", "change"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = alliances.compare(alliances.load(SAMPLE), alliances.load(SAMPLE / "wave2")).ties
    assert [r[3] for r in rows[1:]] == expected["change"].tolist()
    assert {"gained", "lost", "kept"} == {r[3] for r in rows[1:]}
    # sample names and folders inside a sample work too, and the output is deterministic
    again = tmp_path / "again.html"
    assert main(["compare", "sqy-rse", "sqy-rse/wave2", "-o", str(again), "--labels", "2023,2024",
                 "-q"]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_compare_bad_arguments_exit_2(tmp_path, capsys):
    out = tmp_path / "c.html"
    assert main(["compare", str(SAMPLE), "-o", str(out)]) == 2
    assert "at least two waves" in capsys.readouterr().err
    assert main(["compare", str(SAMPLE), str(tmp_path / "nowhere"), "-o", str(out)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    assert main(["compare", str(SAMPLE), str(SAMPLE / "wave2"), "-o", str(out), "--labels", "a"]) == 2
    assert "2 distinct names" in capsys.readouterr().err
    assert main(["compare", str(SAMPLE), str(SAMPLE / "wave2"), "-o", str(out), "--pseudonymize"]) == 2
    assert "alliances key -o alliances.key" in capsys.readouterr().err
    assert not out.exists()


def test_report_with_waves_has_the_change_section(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", "--wave", str(SAMPLE), "--wave", str(SAMPLE / "wave2"), "-o", str(out),
                 "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert '<section id="change"><h2>Change between waves</h2>' in page
    assert "Ties gained and lost, before → after" in page
    assert page.count('<iframe class="map"') == 2  # the last wave's map and the change map
    assert main(["report", str(SAMPLE), "--wave", str(SAMPLE), "--wave", str(SAMPLE / "wave2"),
                 "-o", str(out)]) == 2
    assert "--wave only" in capsys.readouterr().err
    assert main(["report", "-o", str(out)]) == 2
    assert "give the data to report on" in capsys.readouterr().err


def test_compare_and_report_pseudonymised_waves_keep_matching(tmp_path, people):
    key = tmp_path / "k.key"
    assert main(["key", "-o", str(key), "-q"]) == 0
    later = tmp_path / "later"
    later.mkdir()
    (later / "actors.csv").write_text(PEOPLE_ACTORS, encoding="utf-8")
    (later / "survey.csv").write_text(PEOPLE_SURVEY + "Claire,Mairie de Trappes,public,Jeanne Martin,"
                                      "trust,monthly,4\n", encoding="utf-8")
    out = tmp_path / "change.html"
    assert main(["compare", str(people), str(later), "-o", str(out), "--pseudonymize",
                 "--key-file", str(key), "-q"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Jeanne Martin" not in page and "Paul Durand" not in page and "P-" in page
    data = json.loads(re.search(r'<script id="map-data" type="application/json">(.*?)</script>',
                                page, re.S).group(1))
    # same key, same codes: every actor matched across the waves, one tie gained
    assert {n["shape"] for n in data["nodes"]} == {"dot"}
    assert data["views"][0]["edges"].count("g") == 1
    report = tmp_path / "report.html"
    assert main(["report", "--wave", str(people), "--wave", str(later), "-o", str(report),
                 "--pseudonymize", "--key-file", str(key), "-q"]) == 0
    text = report.read_text(encoding="utf-8")
    assert "Jeanne Martin" not in text and "Paul Durand" not in text
    assert "Import report withheld (pseudonymised)" in text
