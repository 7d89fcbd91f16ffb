"""Events and places on the actor graph (issue 15): read_affiliations' event records.

Hand-written files (English with ``,`` in UTF-8; French with ``;`` in cp1252) and
their records written out literally; the place and event type vocabularies of
alliances.model; dates; what the import report says, with line and column.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from alliances.io.affiliations import EVENT_KEYS, iso_date, read_affiliations
from alliances.model import (
    EVENT_TYPES,
    PLACE_TYPES,
    canonical_event_type,
    canonical_place_type,
)

DATA = Path(__file__).parent / "data" / "io"
PARC = "parc-naturel-regional-de-la-haute-vallee-de-chevreuse"


def _problems(G) -> list[tuple]:
    p = G.graph["import_report"].problems
    return list(zip(p["line"], p["column"], p["value"], p["action"], strict=True))


def _plain(value) -> bool:
    if isinstance(value, tuple):
        return all(type(x) is str for x in value)
    return value is None or type(value) is str


# --------------------------------------------------------------------------- whole files

def test_english_comma_utf8_records():
    G = read_affiliations(DATA / "events_en.csv")
    assert G.graph["events"] == {
        "Online Q&A": {
            "event_type": "webinar", "date": "2026-04-02", "place": "Zoom", "location": None,
            "place_type": "online", "participants": ("atelier-bois-savoirs", "initiative-essonne")},
        "SPRINT workshop 1": {
            "event_type": "workshop", "date": "2026-03-10", "place": "La Forge tiers-lieu",
            "location": "Chevreuse", "place_type": "third place",
            "participants": ("atelier-bois-savoirs", "initiative-essonne", PARC)},
        "Steering committee": {
            "event_type": "committee", "date": "2026-12-05", "place": "Maison du Parc",
            "location": "Chevreuse", "place_type": "institutional",
            "participants": ("initiative-essonne", PARC)},
        "Walk in the woods": {
            "event_type": "forest bathing", "date": "2026-05-01", "place": "Salle Jean Racine",
            "location": "Dampierre-en-Yvelines", "place_type": None,
            "participants": ("atelier-bois-savoirs", "initiative-essonne")},
    }
    for record in G.graph["events"].values():
        assert tuple(record) == EVENT_KEYS  # the keys of the spec, in its order
        assert all(_plain(v) for v in record.values())
    assert G.nodes["initiative-essonne"]["events"] == (
        "Online Q&A", "SPRINT workshop 1", "Steering committee", "Walk in the woods")
    tie = G.edges["atelier-bois-savoirs", "initiative-essonne", "co-participation"]
    assert tie["weight"] == 3.0


def test_french_semicolon_cp1252_records():
    raw = (DATA / "events_fr_cp1252.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is cp1252
    G = read_affiliations(DATA / "events_fr_cp1252.csv")
    assert G.graph["events"] == {
        "Comité de sélection": {
            "event_type": "committee", "date": "2026-02-12", "place": "Mairie de Chevreuse",
            "location": "Chevreuse", "place_type": "institutional",
            "participants": ("atelier-bois-savoirs", "cafe-associatif-le-moulin",
                             "parc-naturel-regional")},
        "Festival des tiers-lieux": {
            "event_type": "festival", "date": "2026-12-05", "place": "Ferme de Coubertin",
            "location": "Saint-Rémy-lès-Chevreuse", "place_type": "third place",
            "participants": ("atelier-bois-savoirs", "cafe-associatif-le-moulin",
                             "parc-naturel-regional")},
        "Visite": {
            "event_type": "site visit", "date": "2026-10-01", "place": None,
            "location": "Magny-les-Hameaux", "place_type": "other",
            "participants": ("cafe-associatif-le-moulin",)},
    }


def test_bad_values_are_reported_with_line_and_column():
    en = _problems(read_affiliations(DATA / "events_en.csv"))
    assert [(line, col, val) for line, col, val, _ in en] == [
        (6, "date", "early December"),        # not a date
        (9, "event_type", "forest bathing"),  # unknown event type, kept as written
        (10, "place_type", "somewhere nice"),  # unknown place type, ignored
        (6, "date", "early December"),        # the two rows of the committee disagree
        (9, "place", "Salle Jean Racine"),    # no kind of place recognised in the name
    ]
    actions = [a for *_, a in en]
    assert actions[0].startswith("not a date") and actions[0].endswith("kept as written")
    assert actions[1].startswith("event type not in the vocabulary")
    assert actions[2].startswith("place type not recognised")
    assert actions[3] == ('rows of "Steering committee" disagree on date: "2026-12-05" (1 row), '
                          '"early December" (1 row); kept "2026-12-05"')
    assert "add a place_type column" in actions[4]
    fr = _problems(read_affiliations(DATA / "events_fr_cp1252.csv"))
    assert [(line, col, val) for line, col, val, _ in fr] == [
        (5, "date", "31/02/2026"),  # no 31 February
        (5, "date", "31/02/2026"),
        (6, "lieu", "Hôtel de ville"),
    ]
    assert fr[2][3] == ('rows of "Comité de sélection" disagree on place: "Mairie de Chevreuse" '
                        '(2 rows), "Hôtel de ville" (1 row); kept "Mairie de Chevreuse"')


@pytest.mark.parametrize("name", ["events_en.csv", "events_fr_cp1252.csv",
                                  "affiliations.csv", "affiliations_matrix.csv"])
def test_every_row_is_accounted_for(name):
    r = read_affiliations(DATA / name).graph["import_report"]
    assert r.rows_read == r.rows_used + r.rows_skipped
    assert r.unaccounted == 0


def test_row_accounting_of_the_event_files():
    en = read_affiliations(DATA / "events_en.csv").graph["import_report"]
    assert (en.rows_read, en.rows_used, en.rows_skipped) == (10, 9, 1)
    fr = read_affiliations(DATA / "events_fr_cp1252.csv").graph["import_report"]
    assert (fr.rows_read, fr.rows_used, fr.rows_skipped) == (8, 7, 1)
    assert fr.skipped["line"].tolist() == [8]  # the repeated row: counted once


# --------------------------------------------------------------------------- rules

def _write(tmp_path: Path, text: str, name: str = "a.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_disagreement_most_common_then_alphabetical_whatever_the_order(tmp_path):
    rows = ["A;E;Tiers-lieu La Forge", "B;E;Mairie", "C;E;Mairie", "D;E;Tiers-lieu La Forge",
            "F;G;Salle B", "H;G;Salle A"]
    for order in (rows, rows[::-1]):
        G = read_affiliations(_write(tmp_path, "acteur;événement;lieu\n" + "\n".join(order)))
        assert G.graph["events"]["E"]["place"] == "Mairie"  # 2 against 2: alphabetical
        assert G.graph["events"]["E"]["place_type"] == "institutional"
        assert G.graph["events"]["G"]["place"] == "Salle A"


def test_a_repeated_row_votes_once(tmp_path):
    text = "acteur;événement;lieu\nA;E;Mairie\nA;E;Mairie\nB;E;Zoom\nC;E;Zoom\n"
    G = read_affiliations(_write(tmp_path, text))
    assert G.graph["events"]["E"]["place"] == "Zoom"


def test_column_synonyms(tmp_path):
    text = ("Participant,Meeting,Venue,Address,Venue type,Day,Type\n"
            "A,M1,Le Moulin,1 rue du Moulin,third place,2026-01-05,meeting\n")
    rec = read_affiliations(_write(tmp_path, text)).graph["events"]["M1"]
    assert rec == {"event_type": "meeting", "date": "2026-01-05", "place": "Le Moulin",
                   "location": "1 rue du Moulin", "place_type": "third place",
                   "participants": ("a",)}
    text = "structure;atelier;salle;ville\nA;W;Salle du conseil;Chevreuse\n"
    rec = read_affiliations(_write(tmp_path, text)).graph["events"]["W"]
    assert (rec["place"], rec["location"], rec["place_type"]) == (
        "Salle du conseil", "Chevreuse", "institutional")


def test_event_whose_rows_are_all_skipped_is_still_listed(tmp_path):
    G = read_affiliations(_write(tmp_path, "acteur;événement;type\n---;Forum;forum\nA;B;\n"))
    assert G.graph["events"]["Forum"] == dict.fromkeys(EVENT_KEYS[:-1]) | {"participants": ()}
    assert G.graph["events"]["B"]["event_type"] is None


def test_matrix_layout_carries_no_event_attributes():
    G = read_affiliations(DATA / "affiliations_matrix.csv")
    assert G.graph["events"]["Forum"] == {"event_type": None, "date": None, "place": None,
                                          "location": None, "place_type": None,
                                          "participants": ()}
    assert all(tuple(r) == EVENT_KEYS for r in G.graph["events"].values())


# --------------------------------------------------------------------------- vocabularies

@pytest.mark.parametrize(("text", "expected"), [
    # a place_type cell
    ("tiers-lieu", "third place"), ("Tiers lieux", "third place"), ("third place", "third place"),
    ("institutionnel", "institutional"), ("Institutional", "institutional"),
    ("en ligne", "online"), ("Distanciel", "online"), ("autre", "other"), ("Other", "other"),
    # a venue's name
    ("Tiers-lieu La Forge", "third place"), ("Fablab de Rambouillet", "third place"),
    ("Café associatif Le Moulin", "third place"), ("Ressourcerie du Pays de Limours", "third place"),
    ("Recyclerie de Chevreuse", "third place"), ("Repair café de Magny", "third place"),
    ("La Friche Lamartine", "third place"), ("Coworking du Mesnil", "third place"),
    ("Maison du vélo", "third place"),
    ("Mairie de Chevreuse", "institutional"), ("Hôtel de Ville de Rambouillet", "institutional"),
    ("Town hall", "institutional"), ("Salle municipale", "institutional"),
    ("Salle du conseil", "institutional"), ("Préfecture des Yvelines", "institutional"),
    ("Siège de l'agglomération", "institutional"), ("Conseil départemental", "institutional"),
    ("Chambre de commerce", "institutional"), ("CCI Versailles-Yvelines", "institutional"),
    ("Maison du Parc", "institutional"),
    ("Zoom", "online"), ("Teams", "online"), ("Visio", "online"),
    ("Visioconférence", "online"), ("Webinaire", "online"), ("webinar", "online"),
    # first word wins; whole words only; unknown is None, never "other"
    ("Fablab de la mairie", "third place"), ("Mairie, salle du fablab", "institutional"),
    ("Accident", None), ("Salle Jean Racine", None), ("Ferme de Coubertin", None),
    ("", None), ("   ", None), (None, None), (float("nan"), None),
])
def test_place_type_recognition(text, expected):
    assert canonical_place_type(text) == expected
    assert expected is None or expected in PLACE_TYPES


@pytest.mark.parametrize(("text", "expected"), [
    ("atelier", "workshop"), ("Ateliers", "workshop"), ("Workshop", "workshop"),
    ("comité", "committee"), ("Comité de pilotage", "committee"), ("COPIL", "committee"),
    ("commission", "committee"), ("festival", "festival"), ("Fête", "festival"),
    ("visite", "site visit"), ("Site visit", "site visit"), ("collaborathon", "collaborathon"),
    ("réunion", "meeting"), ("Rencontre", "meeting"), ("formation", "training"),
    ("Training", "training"), ("webinaire", "webinar"), ("conférence", "conference"),
    ("Forum", "forum"),
    ("Balade botanique", "Balade botanique"), ("  forest   bathing ", "forest bathing"),
    ("", None), (None, None),
])
def test_event_type_recognition(text, expected):
    assert canonical_event_type(text) == expected
    assert expected is None or expected in EVENT_TYPES or expected == " ".join(text.split())


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-12-05", "2026-12-05"), ("2026-12-05T18:30", "2026-12-05"),
    ("2026-12-05 18:30:00", "2026-12-05"), ("05/12/2026", "2026-12-05"),
    ("5/12/2026", "2026-12-05"), ("5/12/26", "2026-12-05"), ("05.12.2026", "2026-12-05"),
    ("05-12-2026", "2026-12-05"), ("05/12/2026 18h30", "2026-12-05"),
    ("5 déc. 2026", "2026-12-05"), ("5 décembre 2026", "2026-12-05"),
    ("samedi 5 décembre 2026", "2026-12-05"), ("1er mars 2027", "2027-03-01"),
    ("5 DÉCEMBRE 2026", "2026-12-05"), ("5 févr. 2026", "2026-02-05"),
    ("15 août 2026", "2026-08-15"), ("Dec 5, 2026", "2026-12-05"),
    ("December 5, 2026", "2026-12-05"), ("5 Dec 2026", "2026-12-05"),
    ("Saturday, December 5th, 2026", "2026-12-05"),
    ("31/02/2026", None), ("2026-13-01", None), ("début décembre", None), ("T4 2026", None),
    ("5 brumaire 2026", None), ("46000", None), ("", None), (None, None),
])
def test_dates(text, expected):
    assert iso_date(text) == expected
