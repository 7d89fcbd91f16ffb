"""Write the LimeSurvey, KoboToolbox and ODK export files of this folder (deterministic).

Run it to rewrite them. Each file reproduces how the tool writes its export (see
README_limesurvey_kobo.md for where each format description came from). The study is
the one of tests/data/io/exports/: the organisations of Plaisance, two with commas in
their names; four of them answered (a fifth, Plaisance Mobilité, in the Kobo workbook,
named nobody). The ties, the same in every file that can hold them:

    Mairie -> Vélo        plusieurs fois par an, tout à fait confiance, collaboration
    Mairie -> Ateliers    tous les mois, moyennement confiance, financement
    Mairie -> Bus         toutes les semaines, plutôt confiance, collaboration
    Vélo -> Mairie        tous les mois, plutôt confiance, échange d'informations
    Vélo -> Fabrique      toutes les semaines, tout à fait confiance, collaboration
    Ateliers -> Mairie    plusieurs fois par an, peu confiance, conflit
    Ateliers -> CAF       une fois par an, moyennement confiance, financement
    Fabrique -> Vélo      toutes les semaines, tout à fait confiance, collaboration
    Fabrique -> CAF       jamais (no tie; CAF still an actor)
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

MAIRIE, VELO, ATELIERS = "Mairie de Plaisance", "Vélo Plaisance", "Ateliers, Insertion & Co"
FABRIQUE, CAF, BUS = "Tiers-Lieu La Fabrique", "CAF du Gers", "Plaisance Mobilité (bus, TAD)"
ACTORS = [MAIRIE, VELO, ATELIERS, FABRIQUE, CAF, BUS]
#: XML choice names as the form's designer wrote them (the labels, lower case, "_")
NAME = {MAIRIE: "mairie_de_plaisance", VELO: "velo_plaisance",
        ATELIERS: "ateliers_insertion_co", FABRIQUE: "tiers_lieu_la_fabrique",
        CAF: "caf_du_gers", BUS: "plaisance_mobilite_bus_tad"}

# respondent, sector (FR label, EN label, XML name)
RESPONDENTS = [
    (MAIRIE, ("Collectivité", "Local government", "collectivite")),
    (VELO, ("Association", "Non-profit", "association")),
    (ATELIERS, ("Association", "Non-profit", "association")),
    (FABRIQUE, ("Tiers-lieu", "Non-profit", "tiers_lieu")),
]
# (frequency FR, EN, XML), (trust FR, EN, XML), (relation FR, EN, XML)
F2 = ("Plusieurs fois par an", "Several times a year", "plusieurs_fois_par_an")
F3 = ("Tous les mois", "Monthly", "tous_les_mois")
F4 = ("Toutes les semaines", "Weekly", "toutes_les_semaines")
F1 = ("Une fois par an", "Once a year", "une_fois_par_an")
F0 = ("Jamais", "Never", "jamais")
T100 = ("Tout à fait confiance", "Complete trust", "tout_a_fait_confiance")
T75 = ("Plutôt confiance", "A lot of trust", "plutot_confiance")
T50 = ("Moyennement confiance", "Some trust", "moyennement_confiance")
T25 = ("Peu confiance", "Little trust", "peu_confiance")
COLLAB = ("Collaboration", "Collaboration", "collaboration")
FUND = ("Financement", "Funding", "financement")
INFO = ("Échange d'informations", "Information exchange", "echange_information")
CONFLICT = ("Conflit", "Conflict", "conflit")
TIES = {
    MAIRIE: [(VELO, F2, T100, COLLAB), (ATELIERS, F3, T50, FUND), (BUS, F4, T75, COLLAB)],
    VELO: [(MAIRIE, F3, T75, INFO), (FABRIQUE, F4, T100, COLLAB)],
    ATELIERS: [(MAIRIE, F2, T25, CONFLICT), (CAF, F1, T50, FUND)],
    FABRIQUE: [(VELO, F4, T100, COLLAB), (CAF, F0, T50, COLLAB)],
}
FR, EN, XML = 0, 1, 2
DATES = ["2024-03-04 10:12:45", "2024-03-04 11:02:10", "2024-03-05 09:40:03",
         "2024-03-06 16:25:59", "2024-03-07 08:15:00"]
UUIDS = ["3f9c2b7e-1d4a-4c8e-9b1a-0c6d2e5f7a10", "8a1e4d2c-6b3f-4f7a-a2d9-5e0c1b7f3c21",
         "c2d7f1a9-4e6b-48c3-b5f0-9a3e7d1c6b32", "e5b8c3d1-7f2a-4a9e-8c6b-1d0f4e2a9c43",
         "17a3e9c5-2b8d-4f1e-9d7a-6c4b0e3f8d54"]


def _csv(rows: list[list[str]], sep: str = ",", quote_all: bool = False) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\r\n",
               quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL).writerows(rows)
    return out.getvalue()


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    # fixed dates: the same bytes at every run
    import datetime as dt
    book.properties.created = book.properties.modified = dt.datetime(2024, 3, 8, 12, 0)
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl stamps the zip entries with the current time: fixed here
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(2024, 3, 8, 12, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl writes the save time there
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-03-08T12:00:00Z",
                              data)
            out.writestr(fixed, data)


# --------------------------------------------------------------------------- LimeSurvey

_LS_META_CODES = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate",
                  "datestamp"]
_LS_META_FR = ["ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
               "Graine", "Date de début", "Date de la dernière action"]
_LS_META_EN = ["Response ID", "Date submitted", "Last page", "Start language", "Seed",
               "Date started", "Date last action"]


def _ls_meta(i: int, lang: str) -> list[str]:
    return [str(i + 1), DATES[i], "3", lang, str(1402581537 + 97 * i), DATES[i], DATES[i]]


def limesurvey_slots(headings: str) -> list[list[str]]:
    """Multiple short text PART (Partenaire 1..3) and arrays FREQ, CONF, REL over the same
    three slots; headings "code" or "code_text" (French interface)."""
    questions = [("STRUCT", "Nom de votre structure"), ("SECTEUR", "Secteur de votre structure")]
    slotted = [("PART", "Citez vos trois principaux partenaires"),
               ("FREQ", "À quelle fréquence échangez-vous avec ce partenaire ?"),
               ("CONF", "Quel est votre niveau de confiance envers ce partenaire ?"),
               ("REL", "Quelle est la nature de votre relation avec ce partenaire ?")]
    if headings == "code":
        header = [*_LS_META_CODES, *(c for c, _ in questions),
                  *(f"{c}[SQ00{n}]" for c, _ in slotted for n in (1, 2, 3))]
    else:
        header = [*(f"{c}. {t}" for c, t in zip(_LS_META_CODES, _LS_META_FR, strict=True)),
                  *(f"{c}. {t}" for c, t in questions),
                  *(f"{c}[SQ00{n}]. {t} [Partenaire {n}]" for c, t in slotted for n in (1, 2, 3))]
    rows = [header]
    for i, (org, sector) in enumerate(RESPONDENTS):
        ties = TIES[org] + [("", ("", "", ""), ("", "", ""), ("", "", ""))] * (3 - len(TIES[org]))
        rows.append([*_ls_meta(i, "fr"), org, sector[FR],
                     *(t[0] for t in ties), *(t[1][FR] for t in ties),
                     *(t[2][FR] for t in ties), *(t[3][FR] for t in ties)])
    return rows


def limesurvey_grid_en() -> list[list[str]]:
    """Full question text headings (English interface): a multiple choice question and two
    arrays over the listed organisations; CAF du Gers typed in the "Other" box."""
    listed = [MAIRIE, VELO, ATELIERS, FABRIQUE, BUS]
    q_tick = "Which of these organisations did you work with in 2024?"
    q_freq = "How often did you work with each of them?"
    q_trust = "How much do you trust each of them?"
    q_rel = "What kind of relation do you have with each of them?"
    header = [*_LS_META_EN, "Your organisation", "Type of organisation",
              *(f"{q_tick} [{a}]" for a in listed), f"{q_tick} [Other]",
              *(f"{q} [{a}]" for q in (q_freq, q_trust, q_rel) for a in listed)]
    rows = [header]
    for i, (org, sector) in enumerate(RESPONDENTS):
        by = {t[0]: t for t in TIES[org]}
        other = next((t[0] for t in TIES[org] if t[0] not in listed and t[1] != F0), "")
        cells = [*_ls_meta(i, "en"), org, sector[EN],
                 *("Yes" if a in by and by[a][1] != F0 else "" for a in listed), other]
        for k in (1, 2, 3):
            cells += [by[a][k][EN] if a in by else "" for a in listed]
        rows.append(cells)
    return rows


def limesurvey_grid_fr_xlsx() -> list[list[object]]:
    """Full question text headings (French interface), Excel export: arrays over all six
    actors (frequency with "Jamais", trust), the respondent's own row left blank."""
    q_freq = "À quelle fréquence échangez-vous avec chacune de ces structures ?"
    q_trust = "Quelle confiance accordez-vous à chacune de ces structures ?"
    header = [*_LS_META_FR, "Nom de votre structure", "Secteur de votre structure",
              *(f"{q} [{a}]" for q in (q_freq, q_trust) for a in ACTORS)]
    rows: list[list[object]] = [header]
    for i, (org, sector) in enumerate(RESPONDENTS):
        by = {t[0]: t for t in TIES[org]}
        rows.append([i + 1, DATES[i], 2, "fr", 1402581537 + 97 * i, DATES[i], DATES[i], org,
                     sector[FR], *(by[a][1][FR] if a in by else None for a in ACTORS),
                     *(by[a][2][FR] if a in by else None for a in ACTORS)])
    return rows


def limesurvey_grid_codes(answers: str) -> list[list[str]]:
    """Question code headings over a grid of actors (their names are not in the file);
    answers as LimeSurvey's default answer codes (A1..A5) or as full answers."""
    codes = {F0: "A1", F1: "A2", F2: "A3", F3: "A4", F4: "A5"}
    header = [*_LS_META_CODES, "STRUCT", *(f"FREQ[SQ00{n}]" for n in range(1, 7))]
    rows = [header]
    for i, (org, _) in enumerate(RESPONDENTS):
        by = {t[0]: t for t in TIES[org]}
        rows.append([*_ls_meta(i, "fr"), org,
                     *((codes[by[a][1]] if answers == "codes" else by[a][1][FR]) if a in by
                       else "" for a in ACTORS)])
    return rows


# --------------------------------------------------------------------------- KoboToolbox

_KOBO_META_HEAD = ["start", "end", "today", "deviceid"]
_KOBO_META_TAIL = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes",
                   "_status", "_submitted_by", "__version__", "_tags", "_index"]


def _kobo_head(i: int) -> list[str]:
    return [f"{DATES[i].replace(' ', 'T')}.000+01:00", f"{DATES[i].replace(' ', 'T')}.900+01:00",
            DATES[i][:10], f"ee.kobotoolbox.org:{'AbCdEf0123456789'[i:i + 8]}"]


def _kobo_tail(i: int) -> list[str]:
    return [str(230911400 + i), UUIDS[i], DATES[i].replace(" ", "T"), "", "",
            "submitted_via_web", "", "vHq7t2dRBaYtqWMdqgXwRk", "", str(i + 1)]


def kobo_xml_csv() -> list[list[str]]:
    """CSV, XML values and headers, groups in headers ("/"), select_multiple as single and
    separate columns: who the respondent worked with, ticks only."""
    header = [*_KOBO_META_HEAD, "identite/nom_structure", "identite/secteur",
              "reseau/partenaires", *(f"reseau/partenaires/{NAME[a]}" for a in ACTORS),
              *_KOBO_META_TAIL]
    rows = [header]
    for i, (org, sector) in enumerate(RESPONDENTS):
        chosen = [t[0] for t in TIES[org] if t[1] != F0]
        rows.append([*_kobo_head(i), NAME[org], sector[XML],
                     " ".join(NAME[a] for a in ACTORS if a in chosen),
                     *("1" if a in chosen else "0" for a in ACTORS), *_kobo_tail(i)])
    return rows


def kobo_labels_xlsx() -> dict[str, list[list[object]]]:
    """xlsx, labels (French) as headers, repeat group "partenaires" as a second sheet;
    Plaisance Mobilité answered but named nobody."""
    title = "Réseau partenarial Plaisance"
    main: list[list[object]] = [[*_KOBO_META_HEAD, "Nom de votre structure",
                                 "Secteur de votre structure", *_KOBO_META_TAIL]]
    who = [*RESPONDENTS, (BUS, ("Entreprise", "Company", "entreprise"))]
    for i, (org, sector) in enumerate(who):
        main.append([*_kobo_head(i), org, sector[FR], *_kobo_tail(i)])
    repeat: list[list[object]] = [[
        "Nom du partenaire", "À quelle fréquence échangez-vous avec ce partenaire ?",
        "Quel niveau de confiance lui accordez-vous ?", "Type de relation", "_index",
        "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid",
        "_submission__submission_time", "_submission__validation_status",
        "_submission__notes", "_submission__status", "_submission__submitted_by",
        "_submission___version__", "_submission__tags"]]
    index = 0
    for i, (org, _) in enumerate(RESPONDENTS):
        for partner, freq, trust, rel in TIES[org]:
            index += 1
            repeat.append([partner, freq[FR], trust[FR], rel[FR], index, title, i + 1,
                           230911400 + i, UUIDS[i], DATES[i].replace(" ", "T"), "", "",
                           "submitted_via_web", "", "vHq7t2dRBaYtqWMdqgXwRk", ""])
    return {title[:31]: main, "partenaires": repeat}


def kobo_labels_summary_csv() -> list[list[str]]:
    """CSV, labels as headers (French), select_multiple exported as a single column only:
    the chosen labels joined by spaces (formpack's summary column)."""
    question = "Avec quelles structures avez-vous travaillé en 2024 ?"
    header = [*_KOBO_META_HEAD, "Nom de votre structure", "Secteur de votre structure",
              question, *_KOBO_META_TAIL]
    rows = [header]
    for i, (org, sector) in enumerate(RESPONDENTS):
        chosen = [t[0] for t in TIES[org] if t[1] != F0]
        rows.append([*_kobo_head(i), org, sector[FR], " ".join(a for a in ACTORS if a in chosen),
                     *_kobo_tail(i)])
    return rows


def kobo_slots_en_csv() -> list[list[str]]:
    """CSV, XML values and headers (English form), three numbered partner slots inside a
    group: group_contacts/partner_1, group_contacts/frequency_1, group_contacts/trust_1..."""
    freq = {F0: "never", F1: "once_a_year", F2: "several_times_a_year", F3: "monthly",
            F4: "weekly"}
    trust = {T100: "complete_trust", T75: "a_lot_of_trust", T50: "some_trust",
             T25: "little_trust"}
    sector = {"collectivite": "local_government", "association": "non_profit",
              "tiers_lieu": "non_profit"}
    header = [*_KOBO_META_HEAD, "about/organisation_name", "about/organisation_type",
              *(f"group_contacts/{f}_{n}" for n in (1, 2, 3)
                for f in ("partner", "frequency", "trust")), *_KOBO_META_TAIL]
    rows = [header]
    for i, (org, sec) in enumerate(RESPONDENTS):
        cells = [*_kobo_head(i), NAME[org], sector[sec[XML]]]
        for n in range(3):
            if n < len(TIES[org]):
                partner, f, t, _ = TIES[org][n]
                cells += [NAME[partner], freq[f], trust[t]]
            else:
                cells += ["", "", ""]
        rows.append([*cells, *_kobo_tail(i)])
    return rows


# --------------------------------------------------------------------------- ODK Central

def odk_files() -> dict[str, str]:
    """ODK Central's "Download all data" for form odk_reseau: the main CSV and the repeat
    group "contacts" as odk_reseau-contacts.csv (PARENT_KEY, KEY)."""
    main = [["SubmissionDate", "identite-structure", "identite-secteur", "meta-instanceID",
             "KEY", "SubmitterID", "SubmitterName", "AttachmentsPresent",
             "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
             "FormVersion"]]
    repeat = [["partenaire", "frequence", "confiance", "type_relation", "PARENT_KEY", "KEY"]]
    for i, (org, sector) in enumerate(RESPONDENTS):
        key = f"uuid:{UUIDS[i]}"
        main.append([f"{DATES[i].replace(' ', 'T')}.412Z", NAME[org], sector[XML], key, key,
                     "5", "enqueteur-plaisance", "0", "0", "", "", "collect:Xy12Ab34Cd56Ef78",
                     "0", "2024030101"])
        for n, (partner, f, t, rel) in enumerate(TIES[org], start=1):
            repeat.append([NAME[partner], f[XML], t[XML], rel[XML], key,
                           f"{key}/contacts[{n}]"])
    return {"odk_reseau.csv": _csv(main), "odk_reseau-contacts.csv": _csv(repeat)}


# --------------------------------------------------------------------------- unzipped folders

def kobo_sheets_as_csv() -> dict[str, str]:
    """The KoboToolbox workbook's two sheets saved as CSV files (";"), named as the brief of
    issue 13 has them: enquete.csv (main sheet) and enquete-partenaires.csv (repeat group,
    whose _parent_table_name is the form's title, no file's name)."""
    sheets = kobo_labels_xlsx()
    main, repeat = (sheets[k] for k in sheets)
    return {"enquete.csv": _csv([[str(c) for c in r] for r in main], ";", quote_all=True),
            "enquete-partenaires.csv": _csv([[str(c) for c in r] for r in repeat], ";",
                                            quote_all=True)}


def kobocat_zipped_csv() -> dict[str, str]:
    """KoboToolbox's legacy (KoBoCAT) "CSV (zip)" export, as onadata's ExportBuilder
    .to_zipped_csv writes it: one file per section, named after the section
    ("/" -> "_"): reseau_plaisance.csv (the form, id_string reseau_plaisance) and
    partenaires.csv (its repeat group); XML names as headers (the repeat's fields under their
    repeat's path), the same extra columns on every file (_index, _parent_table_name,
    _parent_index: -1 and blank on the main rows; the repeat rows' parent is the form)."""
    extra = ["_id", "_uuid", "_submission_time", "_index", "_parent_table_name",
             "_parent_index"]
    main = [["start", "end", "identite/nom_structure", "identite/secteur", *extra]]
    repeat = [["partenaires/partenaire", "partenaires/frequence", "partenaires/confiance",
               "partenaires/type_relation", *extra]]
    index = 0
    for i, (org, sector) in enumerate(RESPONDENTS):
        main.append([*_kobo_head(i)[:2], NAME[org], sector[XML], str(230911400 + i), UUIDS[i],
                     DATES[i].replace(" ", "T"), str(i + 1), "", "-1"])
        for partner, f, t, rel in TIES[org]:
            index += 1
            repeat.append([NAME[partner], f[XML], t[XML], rel[XML], "", "", "", str(index),
                           "reseau_plaisance", str(i + 1)])
    return {"reseau_plaisance.csv": _csv(main), "partenaires.csv": _csv(repeat)}


def odk_central_folder() -> dict[str, str]:
    """ODK Central's "Download all data" unzipped: the form "reseau_plaisance" (a name that
    says nothing to load()) and its repeat group file reseau_plaisance-contacts.csv."""
    files = odk_files()
    return {"reseau_plaisance.csv": files["odk_reseau.csv"],
            "reseau_plaisance-contacts.csv": files["odk_reseau-contacts.csv"]}


def main() -> None:
    bom = "\ufeff"
    (HERE / "limesurvey_codes_fr.csv").write_bytes(
        (bom + _csv(limesurvey_slots("code"), quote_all=True)).encode("utf-8"))
    (HERE / "limesurvey_code_texte_fr.csv").write_bytes(
        (bom + _csv(limesurvey_slots("code_text"), quote_all=True)).encode("utf-8"))
    (HERE / "limesurvey_texte_en.csv").write_bytes(
        (bom + _csv(limesurvey_grid_en(), quote_all=True)).encode("utf-8"))
    _xlsx(HERE / "limesurvey_texte_fr.xlsx", {"results": limesurvey_grid_fr_xlsx()})
    (HERE / "limesurvey_grille_codes.csv").write_bytes(
        (bom + _csv(limesurvey_grid_codes("codes"), quote_all=True)).encode("utf-8"))
    (HERE / "limesurvey_grille_sans_noms.csv").write_bytes(
        (bom + _csv(limesurvey_grid_codes("full"), quote_all=True)).encode("utf-8"))
    (HERE / "kobo_xml.csv").write_bytes(_csv(kobo_xml_csv(), ";", quote_all=True)
                                        .encode("utf-8"))
    (HERE / "kobo_slots_en.csv").write_bytes(_csv(kobo_slots_en_csv(), ";", quote_all=True)
                                             .encode("utf-8"))
    _xlsx(HERE / "kobo_labels_fr.xlsx", kobo_labels_xlsx())
    (HERE / "kobo_labels_resume.csv").write_bytes(
        _csv(kobo_labels_summary_csv(), ";", quote_all=True).encode("utf-8"))
    files = odk_files()
    for name, text in files.items():
        (HERE / name).write_bytes(text.encode("utf-8"))
    registry = (HERE / "acteurs.csv").read_bytes()
    for folder, tables in (("dossier_kobo", kobo_sheets_as_csv()),
                           ("dossier_kobocat", kobocat_zipped_csv()),
                           ("dossier_odk", odk_central_folder())):
        (HERE / folder).mkdir(exist_ok=True)
        (HERE / folder / "acteurs.csv").write_bytes(registry)
        for name, text in tables.items():
            (HERE / folder / name).write_bytes(text.encode("utf-8"))
    with zipfile.ZipFile(HERE / "odk_export.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 3, 8, 12, 0, 0))
            archive.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    main()
