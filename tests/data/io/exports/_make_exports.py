"""Write the first-contact export files of this folder (deterministic; run to rewrite them).

Each file reproduces how a survey tool writes its export (see README.md for where each
format description came from); the study is the same small one throughout: six
organisations of Plaisance, two of them with commas in their names.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).parent


def _csv(rows: list[list[str]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


GFORMS_FR = [
    ["Horodateur", "Adresse e-mail", "Nom de votre structure", "Secteur de votre structure",
     "Avec quelles structures avez-vous travaillé en 2024 ? (plusieurs réponses possibles)",
     "Remarques"],
    ["04/03/2024 10:12:45", "anne.martin@plaisance.fr", "Mairie de Plaisance", "Collectivité",
     "Vélo Plaisance, Ateliers, Insertion & Co, Plaisance Mobilité (bus, TAD)",
     "Réunion mensuelle avec la CAF prévue. À confirmer."],
    ["04/03/2024 11:02:10", "contact@veloplaisance.org", "Vélo Plaisance", "Association",
     "Mairie de Plaisance, Tiers-Lieu La Fabrique", ""],
    ["05/03/2024 09:40:03", "direction@ateliers-insertion.fr", "Ateliers, Insertion & Co",
     "Association", "Mairie de Plaisance, CAF du Gers",
     "Nous travaillons surtout avec la mairie."],
    ["06/03/2024 16:25:59", "bonjour@lafabrique.org", "Tiers-Lieu La Fabrique", "Association",
     "Vélo Plaisance, Ateliers, Insertion & Co", ""],
]

GFORMS_EN = [
    ["Timestamp", "Email Address", "Your name", "Your organisation", "Type of organisation",
     "Which organisations did you work with in 2024? (tick all that apply)",
     "Anything else you would like to tell us?"],
    ["3/4/2024 10:12:45", "anne.martin@plaisance.fr", "Anne Martin", "Mairie de Plaisance",
     "Local government", "Vélo Plaisance, Plaisance Mobilité (bus, TAD)", ""],
    ["3/4/2024 11:02:10", "paul@veloplaisance.org", "Paul Durand", "Vélo Plaisance",
     "Non-profit", "Mairie de Plaisance, Ateliers, Insertion & Co",
     "We meet the town hall every month."],
    ["3/5/2024 9:40:03", "lea@ateliers-insertion.fr", "Léa Petit", "Ateliers, Insertion & Co",
     "Non-profit", "Vélo Plaisance", ""],
]

_SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
SURVEYMONKEY = [
    [*_SM_META, "What is the name of your organisation?",
     "Which organisations has your organisation worked with in the past year? (up to three)",
     "", "", "How would you describe your organisation?"],
    ["", "", "", "", "", "", "", "", "", "Open-Ended Response", "Partner 1", "Partner 2",
     "Partner 3", "Response"],
    ["114233145678", "431250966", "03/04/2024 10:10:02 AM", "03/04/2024 10:12:45 AM",
     "203.0.113.5", "", "", "", "", "Mairie de Plaisance", "Vélo Plaisance", "CAF du Gers", "",
     "Local government"],
    ["114233178901", "431250966", "03/04/2024 11:00:40 AM", "03/04/2024 11:02:10 AM",
     "203.0.113.77", "", "", "", "", "Vélo Plaisance", "Mairie de Plaisance",
     "Tiers-Lieu La Fabrique", "Ateliers, Insertion & Co", "Non-profit"],
    ["114233190044", "431250966", "03/05/2024 09:38:11 AM", "03/05/2024 09:40:03 AM",
     "198.51.100.23", "", "", "", "", "Tiers-Lieu La Fabrique", "Vélo Plaisance", "", "",
     "Non-profit"],
]

ROSTER = [
    ["Structure", "Secteur", "Mairie de Plaisance", "Vélo Plaisance", "Ateliers, Insertion & Co",
     "Tiers-Lieu La Fabrique"],
    ["Mairie de Plaisance", "Collectivité", "", "x", "x", ""],
    ["Vélo Plaisance", "Association", "x", "", "", "x"],
    ["Ateliers, Insertion & Co", "Association", "x", "", "", ""],
    ["Tiers-Lieu La Fabrique", "Association", "", "x", "x", ""],
]


def main() -> None:
    # Google Forms: UTF-8, comma separated, quotes only where needed
    (HERE / "gforms_fr.csv").write_bytes(_csv(GFORMS_FR).encode("utf-8"))
    (HERE / "gforms_en.csv").write_bytes(_csv(GFORMS_EN).encode("utf-8"))
    (HERE / "surveymonkey_en.csv").write_bytes(_csv(SURVEYMONKEY).encode("utf-8"))
    # a roster typed in French Excel: cp1252, semicolons
    (HERE / "matrice_collaborations.csv").write_bytes(_csv(ROSTER, ";").encode("cp1252"))


if __name__ == "__main__":
    main()
