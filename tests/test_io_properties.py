"""Property-based tests of the importers over generated CSV text (Hypothesis).

Every importer, on any text a field file may hold (delimiters ``,`` ``;``
tab; quoting or not; UTF-8, UTF-8 with BOM or cp1252; French or English
headers in any case, with or without accents; cells with quotes, newlines,
separators, numbers with comma decimals, unicode), either returns a graph
whose import report accounts for every row (``rows_read == rows_used +
rows_skipped``), or raises :class:`InputError` naming the file and a line.
Never another exception, never a hang: each example has a deadline.

Runs are deterministic (``derandomize=True``): the same examples in CI and on
every machine. ``ALLIANCES_HYPOTHESIS_EXAMPLES`` raises the number of
examples and ``ALLIANCES_HYPOTHESIS_HUNT=1`` makes them random, for a
longer local hunt.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import alliances
from alliances.errors import InputError
from alliances.io.actors import ACTOR_COLUMNS
from alliances.io.affiliations import AFFILIATION_COLUMNS
from alliances.io.interviews import INTERVIEW_COLUMNS
from alliances.io.survey import SURVEY_COLUMNS

EXAMPLES = int(os.environ.get("ALLIANCES_HYPOTHESIS_EXAMPLES", "60"))
SETTINGS = settings(
    # ALLIANCES_HYPOTHESIS_HUNT=1: random examples, for a local bug hunt
    derandomize=not os.environ.get("ALLIANCES_HYPOTHESIS_HUNT"),
    max_examples=EXAMPLES,
    # files are at most a few kB: a second is far beyond what any read takes,
    # so a deadline miss means a hang or a quadratic blow-up
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    database=None,
)

ENCODINGS = ("utf-8", "utf-8-sig", "cp1252")
DELIMITERS = (",", ";", "\t")

# French and English headers as people type them
_ACCENTED = {"repondant": "Répondant", "frequence": "Fréquence", "theme": "Thème",
             "evenement": "Événement", "personne interrogee": "Personne interrogée",
             "acteur cite": "Acteur cité", "themes": "Thèmes", "type d evenement":
             "Type d'événement", "contact cite": "Contact cité"}


def header_variants(name: str) -> st.SearchStrategy[str]:
    base = _ACCENTED.get(name, name)
    return st.sampled_from([base, base.upper(), base.lower(), base.title(), f" {base} ",
                            unicodedata.normalize("NFD", base)])


NAMES = ["Mairie d'Antony", "MAIRIE D’ANTONY ", "mairie d antony", "Asso Vélo", "CAF",
         "Ressourcerie Lefèvre", "NA", "007", "None", "Tiers-Lieu « La Fabrique »",
         "Asso; Vélo", 'Le "Grand" Café', "ligne\nnouvelle", "=SUM(A1)", "'=Mairie",
         "???", "Ville, de Paris", "Région Nouvelle-Aquitaine", "Ωmega", "x" * 40]
VALUES = ["", "", "", "oui", "non", "x", "X", "✓", "1", "0", "3,5", "4.5", "12", "-1", "80 %",
          "mensuel", "jamais", "hebdomadaire", "beaucoup", "forte", "faible", "positif",
          "négatif", "collaboration", "conflit", "Échange d'informations", "financement",
          "public", "association", "Collectivité", "Fablab", "personne", "structure",
          "2024-01-10", "a|b", "mobilité; vélo", '"', '""', "\n", " ", ";", ",", "\t"]


def cells(encoding: str) -> st.SearchStrategy[str]:
    alphabet = st.characters(codec="cp1252" if encoding == "cp1252" else "utf-8",
                             exclude_categories=("Cs",), exclude_characters="\x00")
    return st.one_of(st.sampled_from(NAMES), st.sampled_from(VALUES),
                     st.text(alphabet, max_size=12))


def synonyms(columns: dict[str, tuple[str, ...]], roles: list[str]) -> st.SearchStrategy:
    return st.tuples(*[st.sampled_from(columns[r]).flatmap(header_variants) for r in roles])


@st.composite
def csv_file(draw, kind: str) -> tuple[bytes, dict]:
    """A CSV file as bytes, and how it was written."""
    encoding = draw(st.sampled_from(ENCODINGS))
    sep = draw(st.sampled_from(DELIMITERS))
    if kind == "survey-long":
        roles = draw(st.lists(st.sampled_from(["organisation", "respondent", "sector",
                                               "relation", "frequency", "trust", "theme"]),
                              unique=True, max_size=5))
        if draw(st.integers(0, 4)):  # mostly with someone to attach the rows to
            roles = [r for r in roles if r not in ("organisation", "respondent")]
            roles.insert(0, draw(st.sampled_from(["organisation", "respondent"])))
        header = list(draw(synonyms(SURVEY_COLUMNS, ["contact", *roles])))
    elif kind == "survey-wide":
        n = draw(st.integers(1, 4))
        style = draw(st.sampled_from(["Contact {i}", "contact_{i}", "Partenaire {i}",
                                      "Q5[SQ00{i}]"]))
        header = [draw(st.sampled_from(["Structure", "organisation", "RÉPONDANT"]))]
        for i in range(1, n + 1):
            header.append(style.format(i=i))
            if style != "Q5[SQ00{i}]" and draw(st.booleans()):
                header.append(draw(st.sampled_from(["Fréquence {i}", "trust_{i}",
                                                    "Relation {i}", "Confiance {i}"])).format(i=i))
    elif kind == "survey-roster":
        header = [draw(st.sampled_from(["structure", "Répondant", ""]))]
        header += draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=5))
    elif kind == "interviews":
        roles = draw(st.lists(st.sampled_from(["interview", "interviewee", "organisation",
                                               "relation", "tone", "quote", "sector"]),
                              unique=True, max_size=5))
        if draw(st.integers(0, 4)):
            roles = [r for r in roles if r not in ("organisation", "interviewee")]
            roles.insert(0, draw(st.sampled_from(["organisation", "interviewee"])))
        header = list(draw(synonyms(INTERVIEW_COLUMNS, ["mentioned", *roles])))
    elif kind == "affiliations":
        roles = draw(st.lists(st.sampled_from(["event", "event_type", "date", "sector"]),
                              unique=True, max_size=3))
        header = list(draw(synonyms(AFFILIATION_COLUMNS, ["actor", *roles])))
    else:  # actors
        roles = draw(st.lists(st.sampled_from(["sector", "kind", "territory", "themes",
                                               "aliases", "email", "consent", "notes"]),
                              unique=True, max_size=5))
        header = list(draw(synonyms(ACTOR_COLUMNS, ["name", *roles])))
    header += draw(st.lists(cells(encoding), max_size=2))  # unknown or blank extra columns
    width = len(header)
    rows = draw(st.lists(
        st.lists(cells(encoding), min_size=max(width - 1, 0), max_size=width + 1),
        max_size=12))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC,
                                    "none"]))
    eol = draw(st.sampled_from(["\n", "\r\n"]))
    out = io.StringIO(newline="")
    if draw(st.booleans()) and sep == ";":
        out.write("sep=;" + eol)
    if quoting == "none":
        # what a naive exporter writes: no quotes at all (may break rows)
        for row in [header, *rows]:
            out.write(sep.join(row) + eol)
    else:
        writer = csv.writer(out, delimiter=sep, quoting=quoting, lineterminator=eol)
        writer.writerow(header)
        writer.writerows(rows)
    text = out.getvalue()
    # fixed names and headers outside cp1252 (Ω, ✓, NFD accents) become "?",
    # as when Excel saves such a file: never a whitespace change
    data = text.encode(encoding, errors="replace")
    # csv.writer quotes a lone CR only when it is part of the line terminator
    well_formed = quoting != "none" and (eol == "\r\n" or not any(
        "\r" in c for row in [header, *rows] for c in row))
    data_rows = sum(1 for r in rows if any(c.strip() for c in r))
    return data, {"encoding": encoding, "sep": sep, "well_formed": well_formed,
                  "data_rows": data_rows, "header": header}


def report_of(result):
    return result.attrs["import_report"] if hasattr(result, "attrs") else \
        result.graph["import_report"]


def check(read, data: bytes, info: dict, name: str = "f.csv", **kwargs):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(data)
        try:
            result = read(path, **kwargs)
        except InputError as err:
            event("InputError")
            assert err.path is not None and err.line is not None and err.line >= 1, str(err)
            assert str(err).startswith(str(path)) or str(err).startswith(Path(err.path).name) \
                or err.path in str(err)
            return None
        report = report_of(result)
        event("graph" if report.rows_read else "graph (no data row)")
        assert report.unaccounted == 0, (report.rows_read, report.rows_used, report.rows_skipped)
        assert report.rows_read >= 0 and report.rows_used >= 0
        if info["well_formed"] and "sep" in kwargs:
            # every written row with a non-blank cell is a data row
            assert report.rows_read == info["data_rows"]
        if hasattr(result, "graph"):
            for u, v, k, e in result.edges(keys=True, data=True):
                assert u != v and k == e["relation"] and e["evidence"]
                assert all(ev.line and ev.line >= 1 for ev in e["evidence"])
            for _, attrs in result.nodes(data=True):
                assert attrs["territory"] is None or isinstance(attrs["territory"], str)
        return result


@SETTINGS
@given(csv_file("survey-long"), st.sampled_from(["auto", "long"]), st.booleans())
def test_read_survey_long(f, layout, force_sep):
    data, info = f
    kwargs = {"layout": layout, **({"sep": info["sep"]} if force_sep else {})}
    check(alliances.read_survey, data, info, **kwargs)


@SETTINGS
@given(csv_file("survey-wide"), st.booleans())
def test_read_survey_wide(f, force_sep):
    data, info = f
    check(alliances.read_survey, data, info, layout="wide",
          **({"sep": info["sep"]} if force_sep else {}))


@SETTINGS
@given(csv_file("survey-roster"), st.sampled_from(["auto", "tick", "frequency", "trust"]),
       st.booleans())
def test_read_survey_roster(f, value, force_sep):
    data, info = f
    check(alliances.read_survey, data, info, layout="roster", roster_value=value,
          **({"sep": info["sep"]} if force_sep else {}))


@SETTINGS
@given(csv_file("interviews"), st.booleans())
def test_read_interviews(f, force_sep):
    data, info = f
    check(alliances.read_interviews, data, info, **({"sep": info["sep"]} if force_sep else {}))


@SETTINGS
@given(csv_file("affiliations"), st.sampled_from(["auto", "long", "matrix"]), st.booleans())
def test_read_affiliations(f, layout, force_sep):
    data, info = f
    check(alliances.read_affiliations, data, info, layout=layout,
          **({"sep": info["sep"]} if force_sep else {}))


@SETTINGS
@given(csv_file("actors"), st.booleans())
def test_read_actors(f, force_sep):
    data, info = f
    check(alliances.read_actors, data, info, **({"sep": info["sep"]} if force_sep else {}))


@SETTINGS
@given(csv_file("actors"), csv_file("survey-long"), csv_file("interviews"),
       csv_file("affiliations"))
def test_load_folder(actors, survey, interviews, affiliations):
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        for name, (data, _) in (("actors.csv", actors), ("survey.csv", survey),
                                ("interviews.csv", interviews),
                                ("affiliations.csv", affiliations)):
            (folder / name).write_bytes(data)
        try:
            G = alliances.load(folder)
        except InputError as err:
            assert err.path is not None and err.line is not None, str(err)
            return
        report = G.graph["import_report"]
        assert report.unaccounted == 0
        assert report.name_merges == len(report.merged_names)
        assert len(set(map(tuple, report.merged_names[["id", "spelling"]].values.tolist()))) \
            == report.name_merges


@SETTINGS
@given(st.binary(max_size=400), st.sampled_from(["survey", "interviews", "affiliations",
                                                 "actors"]))
def test_any_bytes(data, kind):
    read = {"survey": alliances.read_survey, "interviews": alliances.read_interviews,
            "affiliations": alliances.read_affiliations, "actors": alliances.read_actors}[kind]
    check(read, data, {"well_formed": False})


@SETTINGS
@given(st.lists(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                        min_size=1, max_size=15)
                .filter(lambda t: t == t.strip() and t.strip()), min_size=1, max_size=8),
       st.sampled_from([(",", False), (";", True)]))
def test_library_exports_read_back_unchanged(texts, style):
    """write_table neutralises formulas; read_table gives back exactly the text written."""
    import pandas as pd

    from alliances.export import write_table
    from alliances.io.csvfile import read_table

    sep, bom = style
    frame = pd.DataFrame({"name": texts, "other": list(reversed(texts))})
    with tempfile.TemporaryDirectory() as d:
        path = write_table(frame, Path(d) / "t.csv", sep=sep, bom=bom, index=False)
        table = read_table(path, sep=sep)
    assert table.header == ["name", "other"]
    assert [r for r in table.rows] == [[a, b] for a, b in zip(texts, reversed(texts), strict=True)]
