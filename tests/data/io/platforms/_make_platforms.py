"""Write the survey-platform export files of this folder (deterministic; run to rewrite them).

Each file is laid out as its tool writes it (README.md says where each format
description came from); the study is the same small one throughout: eight
organisations of Plaisance (``acteurs.csv``), two with commas in their names.
The expected graphs are written out by hand in ``tests/test_io_platforms.py``.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent

MAIRIE, VELO, ATELIERS = "Mairie de Plaisance", "Vélo Plaisance", "Ateliers, Insertion & Co"
FABRIQUE, CAF, BUS = "Tiers-Lieu La Fabrique", "CAF du Gers", "Plaisance Mobilité (bus, TAD)"
LYCEE, PANIER = "Lycée Jean Monnet", "Le Panier Solidaire"
ACTORS = [MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS, LYCEE, PANIER]

REGISTRY = [
    ["nom", "secteur", "territoire"],
    [MAIRIE, "Collectivité", "Plaisance"],
    [VELO, "Association", "Plaisance"],
    [ATELIERS, "Association", "Plaisance"],
    [FABRIQUE, "Tiers-lieu", "Plaisance"],
    [CAF, "Établissement public", "Auch"],
    [BUS, "Entreprise", "Plaisance"],
    [LYCEE, "Établissement scolaire", "Plaisance"],
    [PANIER, "Association", "Plaisance"],
]


def _csv(rows: list[list[str]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def _xlsx(path: Path, rows: list[list[str]], title: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append([c if c != "" else None for c in row])
    # fixed document dates: the file's bytes do not change between runs
    wb.properties.created = wb.properties.modified = datetime(2024, 3, 10, 12, 0, 0)
    wb.save(path)


# ----------------------------------------------------------------- Google Forms

def _sections(n: int, parts: list[str], fmt: str) -> list[str]:
    return [fmt.format(i=i, part=p) for i in range(1, n + 1) for p in parts]


# French interface, repeated sections "Partenaire 1 : ..." (one section per partner)
_GF_PARTS_FR = ["nom de la structure", "type de relation", "fréquence des échanges",
                "niveau de confiance"]
GFORMS_FR_SECTIONS = [
    ["Horodateur", "Adresse e-mail", "Nom de votre structure", "Type de structure",
     *_sections(3, _GF_PARTS_FR, "Partenaire {i} : {part}"), "Remarques"],
    ["04/03/2024 10:12:45", "anne.martin@plaisance.fr", MAIRIE, "Collectivité territoriale",
     VELO, "Collaboration", "Tous les mois", "Tout à fait confiance",
     CAF, "Financement", "Plusieurs fois par an", "Plutôt confiance",
     LYCEE, "Échange d'informations", "Une fois par an", "Moyennement confiance",
     "Réunion mensuelle avec la CAF prévue."],
    ["04/03/2024 11:02:10", "contact@veloplaisance.org", VELO, "Association",
     MAIRIE, "Collaboration", "Toutes les semaines", "Plutôt confiance",
     ATELIERS, "Collaboration", "Tous les mois", "Tout à fait confiance",
     "", "", "", "", ""],
    ["05/03/2024 09:40:03", "direction@lycee-monnet.fr", LYCEE, "Établissement scolaire",
     FABRIQUE, "Échange d'informations", "Plusieurs fois par an", "Moyennement confiance",
     MAIRIE, "Désaccord", "Une fois par an", "Pas du tout confiance",
     "", "", "", "", "Le désaccord porte sur les horaires des bus."],
    ["06/03/2024 16:25:59", "bonjour@lafabrique.org", FABRIQUE, "Tiers-lieu",
     BUS, "Collaboration", "Jamais", "",
     PANIER, "Collaboration", "Tous les mois", "Plutôt confiance",
     "", "", "", "", ""],
]

# English interface, two grids (multiple-choice grid: one column per row, "Question [Row]")
_FREQ_Q = "How often does your organisation work with each of these organisations?"
_TRUST_Q = "How much do you trust each of these organisations?"
_GRID = {  # respondent -> {actor: (frequency, trust)}
    MAIRIE: {VELO: ("Monthly", "A lot"), CAF: ("A few times a year", "A great deal"),
             BUS: ("Weekly", "A moderate amount")},
    VELO: {MAIRIE: ("Weekly", "A lot"), ATELIERS: ("Monthly", "A great deal"),
           FABRIQUE: ("Never", "")},
    CAF: {MAIRIE: ("Monthly", "A great deal"), ATELIERS: ("Once a year", "A little"),
          CAF: ("Weekly", "")},
    BUS: {MAIRIE: ("Weekly", "None at all")},
}
_GRID_WHO = {MAIRIE: ("3/4/2024 10:12:45", "anne.martin@plaisance.fr", "Local government"),
             VELO: ("3/4/2024 11:02:10", "paul@veloplaisance.org", "Non-profit"),
             CAF: ("3/5/2024 9:40:03", "accueil@caf-gers.fr", "Government agency"),
             BUS: ("3/6/2024 14:05:51", "", "Business")}
GFORMS_EN_GRID = [
    ["Timestamp", "Email Address", "Your organisation", "Type of organisation",
     *[f"{_FREQ_Q} [{a}]" for a in ACTORS], *[f"{_TRUST_Q} [{a}]" for a in ACTORS],
     "Anything else you would like to tell us?"],
    *[[*_GRID_WHO[who][:2], who, _GRID_WHO[who][2],
       *[_GRID[who].get(a, ("", ""))[0] for a in ACTORS],
       *[_GRID[who].get(a, ("", ""))[1] for a in ACTORS],
       "We meet the town hall every month." if who == VELO else ""] for who in _GRID],
]


# ----------------------------------------------------------------- Microsoft Forms

# French interface: multi-select joined with ";" and a trailing ";"
MSFORMS_FR = [
    ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
     "Heure de la dernière modification", "Nom de votre structure", "Type de structure",
     "Avec quelles structures avez-vous travaillé en 2024 ?", "Commentaires"],
    ["1", "3/4/24 10:10:02", "3/4/24 10:12:45", "anonymous", "", "", MAIRIE,
     "Collectivité territoriale", f"{VELO};{CAF};{LYCEE};", ""],
    ["2", "3/4/24 11:00:40", "3/4/24 11:02:10", "direction@ateliers-insertion.fr",
     "Léa Petit", "", ATELIERS, "Association", f"{VELO};{BUS};", "Merci !"],
    ["3", "3/5/24 9:38:11", "3/5/24 9:40:03", "anonymous", "", "", LYCEE,
     "Établissement scolaire", f"{MAIRIE};{FABRIQUE};", ""],
    ["4", "3/6/24 16:20:00", "3/6/24 16:25:59", "anonymous", "", "", PANIER, "Association",
     f"{ATELIERS};", ""],
]

# English interface, numbered sections
_MS_PARTS = ["organisation name", "how often do you work together?",
             "how much do you trust them?"]
MSFORMS_EN_SECTIONS = [
    ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
     "Your organisation", "Type of organisation",
     *_sections(2, _MS_PARTS, "Partner {i}: {part}")],
    ["1", "3/4/24 10:10:02", "3/4/24 10:12:45", "paul@veloplaisance.org", "Paul Durand", "",
     VELO, "Non-profit", MAIRIE, "Weekly", "A lot", FABRIQUE, "Monthly", "A moderate amount"],
    ["2", "3/4/24 11:00:40", "3/4/24 11:02:10", "anonymous", "anonymous", "",
     CAF, "Government agency", MAIRIE, "Monthly", "A great deal", PANIER,
     "A few times a year", "A little"],
    ["3", "3/5/24 9:38:11", "3/5/24 9:40:03", "anonymous", "anonymous", "",
     BUS, "Business", LYCEE, "Weekly", "A lot", "", "", ""],
]


# ----------------------------------------------------------------- SurveyMonkey

# French interface, two matrix questions (sub-question labels: the organisations)
_SM_META_FR = ["ID du répondant", "ID du collecteur", "Date de début", "Date de fin",
               "Adresse IP", "Adresse e-mail", "Prénom", "Nom", "Données personnalisées 1"]
_SM_FREQ_FR = "À quelle fréquence travaillez-vous avec chacune de ces structures ?"
_SM_TRUST_FR = "Quel est votre niveau de confiance envers chacune de ces structures ?"
_SM_MATRIX = {  # respondent -> {actor: (frequency, trust)}
    MAIRIE: {VELO: ("Tous les mois", "Plutôt confiance"),
             ATELIERS: ("Plusieurs fois par an", "Tout à fait confiance"),
             LYCEE: ("Jamais", "")},
    ATELIERS: {MAIRIE: ("Toutes les semaines", "Plutôt pas confiance"),
               PANIER: ("Tous les mois", "Tout à fait confiance")},
    FABRIQUE: {VELO: ("Une fois par an", "Moyennement confiance")},
}
_SM_ROWS_FR = {MAIRIE: ("114233145678", "203.0.113.5", "Collectivité territoriale"),
               ATELIERS: ("114233178901", "203.0.113.77", "Association"),
               FABRIQUE: ("114233190044", "198.51.100.23", "Tiers-lieu")}
SURVEYMONKEY_FR_MATRIX = [
    [*_SM_META_FR, "Nom de votre structure", "Type de structure",
     _SM_FREQ_FR, *[""] * (len(ACTORS) - 1), _SM_TRUST_FR, *[""] * (len(ACTORS) - 1)],
    [*[""] * len(_SM_META_FR), "Réponse ouverte", "Réponse", *ACTORS, *ACTORS],
    *[[_SM_ROWS_FR[who][0], "431250966", "03/04/2024 10:10:02", "03/04/2024 10:12:45",
       _SM_ROWS_FR[who][1], "", "", "", "", who, _SM_ROWS_FR[who][2],
       *[_SM_MATRIX[who].get(a, ("", ""))[0] for a in ACTORS],
       *[_SM_MATRIX[who].get(a, ("", ""))[1] for a in ACTORS]] for who in _SM_MATRIX],
]

# English interface, .xlsx, a multiple-choice question (one column per option, the
# option's text when ticked) with "Other (please specify)"
_SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
_SM_OPTIONS = [MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS]
_SM_TICKED = {MAIRIE: ([VELO, CAF], PANIER, "Local government"),
              LYCEE: ([MAIRIE, FABRIQUE], "", "School"),
              BUS: ([MAIRIE, ATELIERS], "", "Business")}
SURVEYMONKEY_EN_CHECKBOX = [
    [*_SM_META, "What is the name of your organisation?",
     "Which organisations did your organisation work with in 2024?",
     *[""] * len(_SM_OPTIONS), "How would you describe your organisation?"],
    [*[""] * len(_SM_META), "Open-Ended Response", *_SM_OPTIONS, "Other (please specify)",
     "Response"],
    *[[f"11423320{i}", "431250967", "03/04/2024 10:10:02 AM", "03/04/2024 10:12:45 AM",
       f"203.0.113.{i}", "", "", "", "", who,
       *[o if o in _SM_TICKED[who][0] else "" for o in _SM_OPTIONS], _SM_TICKED[who][1],
       _SM_TICKED[who][2]] for i, who in enumerate(_SM_TICKED, start=10)],
]


# ----------------------------------------------------------------- Qualtrics

_Q_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)",
           "Finished", "RecordedDate", "ResponseId", "RecipientLastName", "RecipientFirstName",
           "RecipientEmail", "ExternalReference", "LocationLatitude", "LocationLongitude",
           "DistributionChannel", "UserLanguage"]
_Q_META_TEXT = ["Start Date", "End Date", "Response Type", "IP Address", "Progress",
                "Duration (in seconds)", "Finished", "Recorded Date", "Response ID",
                "Recipient Last Name", "Recipient First Name", "Recipient Email",
                "External Data Reference", "Location Latitude", "Location Longitude",
                "Distribution Channel", "User Language"]
_Q_META_IDS = [{"ImportId": "startDate", "timeZone": "Europe/Paris"},
               {"ImportId": "endDate", "timeZone": "Europe/Paris"}, {"ImportId": "status"},
               {"ImportId": "ipAddress"}, {"ImportId": "progress"}, {"ImportId": "duration"},
               {"ImportId": "finished"},
               {"ImportId": "recordedDate", "timeZone": "Europe/Paris"},
               {"ImportId": "_recordId"}, {"ImportId": "recipientLastName"},
               {"ImportId": "recipientFirstName"}, {"ImportId": "recipientEmail"},
               {"ImportId": "externalDataReference"}, {"ImportId": "locationLatitude"},
               {"ImportId": "locationLongitude"}, {"ImportId": "distributionChannel"},
               {"ImportId": "userLanguage"}]


def _ids(items: list[dict]) -> list[str]:
    return [json.dumps(i, separators=(",", ":")) for i in items]


def _q_meta(i: int, finished: bool = True) -> list[str]:
    return ["2024-03-04 10:10:02", "2024-03-04 10:12:45", "IP Address", f"203.0.113.{i}",
            "100" if finished else "60", str(160 + i), "True" if finished else "False",
            "2024-03-04 10:12:46", f"R_3kx8Yh2Qm{i:02d}PqRs", "", "", "", "", "43.6072",
            "0.0453", "anonymous", "FR"]


# Form field Q4 (up to three partners, Q4_1..Q4_3), loop and merge over its answers
# (1_Q5..3_Q5 how often, 1_Q6..3_Q6 trust), word labels ("Use choice text")
_Q_FREQ = "How often do you work with this organisation?"
_Q_TRUST = "How much do you trust this organisation?"
_Q_LOOP = {  # respondent -> (sector, [(partner, frequency, trust)], finished)
    MAIRIE: ("Local government", [(VELO, "Monthly", "A lot"),
                                  (LYCEE, "Once a year", "A moderate amount")], True),
    VELO: ("Non-profit", [(MAIRIE, "Weekly", "A great deal"), (ATELIERS, "Monthly", "A lot"),
                          (FABRIQUE, "Never", "")], True),
    PANIER: ("Non-profit", [(ATELIERS, "A few times a year", "A little")], True),
    BUS: ("Business", [(CAF, "Weekly", "")], False),
}
QUALTRICS_LOOP = [
    [*_Q_META, "Q1", "Q2", "Q4_1", "Q4_2", "Q4_3", "1_Q5", "1_Q6", "2_Q5", "2_Q6", "3_Q5",
     "3_Q6", "Q7"],
    [*_Q_META_TEXT, "What is the name of your organisation?",
     "Which of the following best describes your organisation? - Selected Choice",
     *[f"Please name up to three organisations you work with. - Partner {k}"
       for k in (1, 2, 3)],
     *[t for k in (1, 2, 3) for t in (f"{k} - {_Q_FREQ}", f"{k} - {_Q_TRUST}")],
     "Anything else you would like to tell us?"],
    _ids([*_Q_META_IDS, {"ImportId": "QID1_TEXT"}, {"ImportId": "QID2"},
          *[{"ImportId": f"QID4_{k}"} for k in (1, 2, 3)],
          *[{"ImportId": f"{k}_{q}"} for k in (1, 2, 3) for q in ("QID5", "QID6")],
          {"ImportId": "QID7_TEXT"}]),
    *[[*_q_meta(i, finished), who, sector,
       *[(partners + [("", "", "")] * 3)[k][0] for k in range(3)],
       *[(partners + [("", "", "")] * 3)[k][c] for k in range(3) for c in (1, 2)],
       "Thank you." if who == VELO else ""]
      for i, (who, (sector, partners, finished)) in enumerate(_Q_LOOP.items(), start=21)],
]

# Matrix tables Q3 (how often) and Q8 (trust), one column per statement (the organisations)
_Q_MATRIX = {  # respondent -> (sector, {actor: (frequency, trust)})
    LYCEE: ("School", {MAIRIE: ("Monthly", "A lot"),
                       FABRIQUE: ("A few times a year", "A great deal")}),
    CAF: ("Government agency", {MAIRIE: ("Weekly", "A great deal"),
                                ATELIERS: ("Monthly", "A moderate amount"),
                                PANIER: ("Once a year", "None at all")}),
}
_QM_FREQ = "How often does your organisation work with each of these organisations?"
_QM_TRUST = "How much do you trust each of these organisations?"
QUALTRICS_MATRIX = [
    [*_Q_META, "Q1", "Q2", *[f"Q3_{k}" for k in range(1, 9)], *[f"Q8_{k}" for k in range(1, 9)]],
    [*_Q_META_TEXT, "What is the name of your organisation?",
     "Which of the following best describes your organisation? - Selected Choice",
     *[f"{_QM_FREQ} - {a}" for a in ACTORS], *[f"{_QM_TRUST} - {a}" for a in ACTORS]],
    _ids([*_Q_META_IDS, {"ImportId": "QID1_TEXT"}, {"ImportId": "QID2"},
          *[{"ImportId": f"QID3_{k}"} for k in range(1, 9)],
          *[{"ImportId": f"QID8_{k}"} for k in range(1, 9)]]),
    *[[*_q_meta(i), who, sector, *[cells.get(a, ("", ""))[0] for a in ACTORS],
       *[cells.get(a, ("", ""))[1] for a in ACTORS]]
      for i, (who, (sector, cells)) in enumerate(_Q_MATRIX.items(), start=31)],
]


# French interface, two Likert questions over the same six organisations: Microsoft Forms
# exports one column per statement headed by the statement alone (the question's text is not
# exported), and a header met twice gets a number ("Mairie de Plaisance2")
_LIKERT_ACTORS = [MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS]
_LIKERT = {  # respondent -> {actor: (frequency, trust)}
    MAIRIE: {VELO: ("Tous les mois", "Tout à fait confiance"),
             CAF: ("Plusieurs fois par an", "Plutôt confiance"),
             BUS: ("Toutes les semaines", "Moyennement confiance")},
    VELO: {MAIRIE: ("Toutes les semaines", "Plutôt confiance"), ATELIERS: ("Tous les mois", ""),
           FABRIQUE: ("Jamais", "")},
    ATELIERS: {MAIRIE: ("Une fois par an", "Plutôt pas confiance"),
               CAF: ("Plusieurs fois par an", "Tout à fait confiance"),
               ATELIERS: ("Toutes les semaines", "Tout à fait confiance")},
    FABRIQUE: {},
}
MSFORMS_FR_LIKERT = [
    ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
     "Nom de votre structure", *_LIKERT_ACTORS, *[f"{a}2" for a in _LIKERT_ACTORS],
     "Commentaires"],
    *[[str(i), f"3/{3 + i}/24 10:0{i}:00", f"3/{3 + i}/24 10:1{i}:00", "anonymous", "", who,
       *[_LIKERT[who].get(a, ("", ""))[0] for a in _LIKERT_ACTORS],
       *[_LIKERT[who].get(a, ("", ""))[1] for a in _LIKERT_ACTORS],
       "Nous ne travaillons avec personne." if not _LIKERT[who] else ""]
      for i, who in enumerate(_LIKERT, start=1)],
]


def main() -> None:
    (HERE / "acteurs.csv").write_bytes(_csv(REGISTRY, ";").encode("utf-8"))
    # Google Forms: UTF-8, comma separated, quotes only where needed
    (HERE / "gforms_fr_sections.csv").write_bytes(_csv(GFORMS_FR_SECTIONS).encode("utf-8"))
    (HERE / "gforms_en_grid.csv").write_bytes(_csv(GFORMS_EN_GRID).encode("utf-8"))
    # Microsoft Forms: "Open results in Excel" (.xlsx, sheet "Sheet1")
    _xlsx(HERE / "msforms_fr.xlsx", MSFORMS_FR, "Sheet1")
    _xlsx(HERE / "msforms_en_sections.xlsx", MSFORMS_EN_SECTIONS, "Sheet1")
    _xlsx(HERE / "msforms_fr_likert.xlsx", MSFORMS_FR_LIKERT, "Sheet1")
    # SurveyMonkey: CSV (UTF-8) and XLS(X) "All responses data", two header rows
    (HERE / "surveymonkey_fr_matrix.csv").write_bytes(
        _csv(SURVEYMONKEY_FR_MATRIX).encode("utf-8"))
    _xlsx(HERE / "surveymonkey_en_checkbox.xlsx", SURVEYMONKEY_EN_CHECKBOX, "Sheet")
    # Qualtrics: CSV with a UTF-8 byte-order mark, three header rows
    (HERE / "qualtrics_loop.csv").write_bytes(_csv(QUALTRICS_LOOP).encode("utf-8-sig"))
    (HERE / "qualtrics_matrix.csv").write_bytes(_csv(QUALTRICS_MATRIX).encode("utf-8-sig"))


if __name__ == "__main__":
    main()
