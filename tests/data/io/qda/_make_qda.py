"""Write the coded-interview exports of this folder (deterministic; run to rewrite them).

One small study throughout: the eight organisations of Plaisance (the six of
``tests/data/io/exports`` and two more), four interviews, eleven mentions, coded the
way each qualitative-analysis tool exports its codings (see README.md for where each
format description came from). Each file also holds what real projects hold: a thematic
code that is neither an actor, a relation nor a tone, a passage coded with a tone only,
and the tool's metadata columns (colours, weights, coders, dates).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

HERE = Path(__file__).parent

ACTORS = [
    ["nom", "secteur", "alias"],
    ["Mairie de Plaisance", "Collectivité", "Mairie|Ville de Plaisance"],
    ["Vélo Plaisance", "Association", "Asso Vélo"],
    ["Ateliers, Insertion & Co", "Association", "Ateliers Insertion"],
    ["Plaisance Mobilité (bus, TAD)", "Entreprise", "Plaisance Mobilité"],
    ["Tiers-Lieu La Fabrique", "Association", "La Fabrique"],
    ["CAF du Gers", "Collectivité", "CAF"],
    ["Conseil départemental du Gers", "Collectivité", "Département|CD32"],
    ["Promoteur Garonne Immo", "Entreprise", "Garonne Immo"],
]

E01, E02, E03, E04 = ("E01_Mairie_CMartin", "E02_VeloPlaisance_PDurand",
                      "E03_La Fabrique_LPetit", "E04_Departement_CAF")
DOCUMENTS = [  # the mapping a researcher writes: document -> interviewee's actor
    ["document", "acteur interrogé"],
    [E01 + ".docx", "Mairie de Plaisance"],
    [E02 + ".docx", "Asso Vélo"],
    [E03 + ".docx", "La Fabrique"],
    [E04 + ".docx", "Conseil départemental du Gers"],
]

# (document, paragraph, actor code, relation code or "", tone code, passage)
MENTIONS = [
    (E01, 4, "Vélo Plaisance", "Collaboration", "Positif",
     "Vélo Plaisance porte la vélo-école avec nous depuis 2022."),
    (E01, 6, "Ateliers, Insertion & Co", "Financement", "Positif",
     "Nous subventionnons les Ateliers pour le chantier d'insertion."),
    (E01, 9, "Promoteur Garonne Immo", "Conflit", "Négatif",
     "Le promoteur ne respecte pas le PLU, on est en contentieux."),
    (E01, 11, "CAF du Gers", "Échange d'informations", "Neutre",
     "On échange des données avec la CAF chaque trimestre."),
    (E02, 3, "Mairie de Plaisance", "Collaboration", "Positif",
     "La mairie nous soutient pour la vélo-école."),
    (E02, 5, "Mairie de Plaisance", "", "Négatif",
     "Mais les aménagements cyclables traînent, on n'est pas écoutés."),
    (E02, 8, "Tiers-Lieu La Fabrique", "Collaboration", "Positif",
     "On répare les vélos à la Fabrique tous les samedis."),
    (E02, 10, "Plaisance Mobilité (bus, TAD)", "Conflit", "Négatif",
     "Plaisance Mobilité refuse les vélos dans les bus."),
    (E03, 2, "Vélo Plaisance", "Collaboration", "Positif",
     "Vélo Plaisance anime l'atelier du samedi chez nous."),
    (E03, 7, "Ateliers, Insertion & Co", "Échange d'informations", "Neutre",
     "On se tient au courant avec les Ateliers, Insertion & Co."),
    (E04, 5, "CAF du Gers", "Financement", "Positif",
     "Nous cofinançons le transport solidaire avec la CAF."),
]
THEME = (E03, 12, "Mobilité douce", "Le vélo, c'est l'avenir du bourg.")
TONE_ONLY = (E04, 8, "Négatif", "Les délais de paiement sont trop longs.")

# what the flat-tag tools (Taguette) hold: the actors by a name or an alias
TAGS = {"Mairie de Plaisance": "Mairie", "Promoteur Garonne Immo": "Garonne Immo",
        "CAF du Gers": "CAF", "Tiers-Lieu La Fabrique": "La Fabrique",
        "Plaisance Mobilité (bus, TAD)": "Plaisance Mobilité"}
GROUP = {"FR": ("Acteurs cités", "Type de relation", "Tonalité"),
         "DE": ("Akteure", "Beziehungen", "Tonalität")}
GROUP_OF = {"Vélo Plaisance": "Associations", "Ateliers, Insertion & Co": "Associations",
            "Tiers-Lieu La Fabrique": "Associations"}


def _csv(rows: list[list[str]], *, quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", quoting=quoting).writerows(rows)
    return out.getvalue().encode("utf-8")


def _xlsx(path: Path, sheet: str, rows: list[list[object]]) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    # fixed document dates: the file's bytes do not change from one run to the next
    wb.properties.created = wb.properties.modified = dt.datetime(2026, 12, 5, 9, 0)
    buffer = io.BytesIO()
    wb.save(buffer)
    # the zip members carry the time of writing: fixed, so that the bytes never change
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 12, 5, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2026-12-05T09:00:00Z",
                              data)
            out.writestr(fixed, data)


def maxqda(ui: str) -> list[list[object]]:
    """Retrieved segments -> Export (Excel): one row per coding, code paths with " > ".

    ``ui="en"``: English interface, French code system; ``ui="de"``: German interface
    and German code groups (the codes themselves stay French).
    """
    actors_g, relations_g, tones_g = GROUP["FR" if ui == "en" else "DE"]
    header = (["Color", "Comment", "Document group", "Document name", "Code", "Beginning", "End",
               "Weight score", "Segment", "Modified by", "Modified", "Created by", "Created",
               "Area", "Coverage %"] if ui == "en" else
              ["Farbe", "Kommentar", "Dokumentgruppe", "Dokumentname", "Code", "Anfang", "Ende",
               "Gewicht", "Segment", "Bearbeitet von", "Bearbeitet am", "Erstellt von",
               "Erstellt am", "Fläche", "Abdeckungsgrad %"])
    rows: list[list[object]] = [header]

    def coding(doc: str, par: int, color: str, code: str, text: str, comment: str = "") -> None:
        group = "Collectivités" if doc in (E01, E04) else "Associations"
        rows.append([color, comment, group, doc, code, par, par, 0, text, "Claire Martin",
                     "05/12/2026 10:12", "Claire Martin", "05/12/2026 10:12", 0, 0.0])

    for doc, par, actor, relation, tone, text in MENTIONS:
        sub = f"{GROUP_OF[actor]} > " if actor in GROUP_OF and ui == "en" else ""
        coding(doc, par, "#e41a1c", f"{actors_g} > {sub}{actor}", text,
               "à vérifier" if par == 9 else "")
        if relation:
            coding(doc, par, "#377eb8", f"{relations_g} > {relation}", text)
        coding(doc, par, "#4daf4a", f"{tones_g} > {tone}", text)
    doc, par, theme, text = THEME
    coding(doc, par, "#984ea3", f"Thèmes > {theme}", text)
    doc, par, tone, text = TONE_ONLY
    coding(doc, par, "#4daf4a", f"{tones_g} > {tone}", text)
    return rows


def atlas() -> list[list[object]]:
    """Quotation Manager -> Export to Excel: one row per quotation, codes one per line."""
    rows: list[list[object]] = [["ID", "Quotation Name", "Document", "Document Groups",
                                 "Quotation Content", "Comment", "Codes", "Reference", "Density",
                                 "Created by", "Modified by", "Created", "Modified"]]
    number = {E01: 1, E02: 2, E03: 3, E04: 4}
    seen = dict.fromkeys(number, 0)

    def quotation(doc: str, par: int, codes: list[str], text: str) -> None:
        seen[doc] += 1
        rows.append([f"{number[doc]}:{seen[doc]}", text[:30], doc + ".docx",
                     "Collectivités" if doc in (E01, E04) else "Associations", text, "",
                     "\n".join(codes), f"{par} – {par}", 0, "Claire Martin", "Claire Martin",
                     "05/12/2026 10:12:00", "05/12/2026 10:12:00"])

    for doc, par, actor, relation, tone, text in MENTIONS:
        codes = [f"Acteur: {actor}"]
        if relation == "Conflit":
            codes.append("Conflit")  # a flat code: the relation vocabulary says it
        elif relation:
            codes.append(f"Relation: {relation}")
        codes.append("négatif" if not relation else f"Ton: {tone}")
        quotation(doc, par, codes, text)
    doc, par, theme, text = THEME
    quotation(doc, par, [theme], text)
    doc, par, tone, text = TONE_ONLY
    quotation(doc, par, [f"Ton: {tone}"], text)
    return rows


def taguette() -> list[list[str]]:
    """Export highlights (CSV): ``id, document, tag, content``, one row per highlight and tag."""
    rows = [["id", "document", "tag", "content"]]
    n = 100
    for doc, _par, actor, relation, tone, text in MENTIONS:
        n += 1
        tags = [TAGS.get(actor, actor), relation.lower(), tone.lower()]
        if n == 103:
            tags.append("à relancer")  # a flat tag that is no actor, relation or tone
        rows += [[str(n), doc, tag, text] for tag in tags if tag]
    doc, _par, theme, text = THEME
    rows.append(["120", doc, theme, text])
    doc, _par, tone, text = TONE_ONLY
    rows.append(["121", doc, tone.lower(), text])
    return rows


def qualcoder() -> list[list[str]]:
    """Report -> Coding reports -> Export CSV: one row per coding, categories after the code."""
    rows = [["File", "Coder", "Coded", "Id", "Codename", "Coded_Memo", "Category"]]
    n = 0

    def coding(doc: str, code: str, category: str, text: str) -> None:
        nonlocal n
        n += 1
        rows.append([doc + ".docx", "claire", text, f"ctid:{n}", code, "", category])

    actors_g, relations_g, tones_g = GROUP["FR"]
    for doc, _par, actor, relation, tone, text in MENTIONS:
        coding(doc, actor, actors_g, text)
        if relation:
            coding(doc, relation, relations_g, text)
        coding(doc, tone, tones_g, text)
    doc, _par, theme, text = THEME
    coding(doc, theme, "Thèmes", text)
    doc, _par, tone, text = TONE_ONLY
    coding(doc, tone, tones_g, text)
    return rows


CASES = {E01: "Mairie de Plaisance", E02: "Vélo Plaisance", E03: "Tiers-Lieu La Fabrique",
         E04: "Conseil départemental du Gers"}
COLUMNS = ["Mairie de Plaisance", "Vélo Plaisance", "Ateliers, Insertion & Co",
           "Plaisance Mobilité (bus, TAD)", "Tiers-Lieu La Fabrique", "CAF du Gers",
           "Conseil départemental du Gers", "Promoteur Garonne Immo", "Conflit", "Mobilité douce"]


def nvivo() -> list[list[object]]:
    """Matrix coding query (cases x codes, coding references) -> Export -> Excel."""
    letters = "ABCDEFGHIJ"
    rows: list[list[object]] = [[None, *[f"{letters[j]} : {c}" for j, c in enumerate(COLUMNS)]]]
    for i, (doc, case) in enumerate(CASES.items(), start=1):
        counts = dict.fromkeys(COLUMNS, 0)
        for d, _par, actor, relation, _tone, _text in MENTIONS:
            if d == doc:
                counts[actor] += 1
                counts["Conflit"] += relation == "Conflit"
        counts["Mobilité douce"] += doc == THEME[0]
        rows.append([f"{i} : {case}", *[counts[c] for c in COLUMNS]])
    return rows


def main() -> None:
    (HERE / "actors.csv").write_bytes(_csv(ACTORS))
    (HERE / "documents.csv").write_bytes(_csv(DOCUMENTS))
    _xlsx(HERE / "maxqda_segments_en.xlsx", "Coded segments", maxqda("en"))
    _xlsx(HERE / "maxqda_segmente_de.xlsx", "Codierte Segmente", maxqda("de"))
    _xlsx(HERE / "atlasti_quotations.xlsx", "Quotations", atlas())
    (HERE / "taguette_highlights.csv").write_bytes(_csv(taguette()))
    (HERE / "qualcoder_codings.csv").write_bytes(_csv(qualcoder(), quoting=csv.QUOTE_ALL))
    _xlsx(HERE / "nvivo_matrix.xlsx", "Matrix Coding Query", nvivo())


if __name__ == "__main__":
    main()
