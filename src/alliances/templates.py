"""Blank CSV templates for the files :mod:`alliances` reads.

A practitioner who has no questionnaire yet starts from one of these: the
headers are exactly the ones the importers recognise, in English or in
French. ``alliances template survey-long --lang fr -o enquete.csv`` on the
command line, or :func:`write_template` in Python.

The same files ship in ``data/templates/`` (``survey-long.en.csv``,
``survey-long.fr.csv`` ...). English templates are comma-separated UTF-8;
French ones are ``;``-separated UTF-8 with a byte-order mark, which is what
Excel in a French locale opens correctly with a double click.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

from alliances.i18n import N_

__all__ = ["LANGUAGES", "TEMPLATE_KINDS", "template_headers", "template_text", "write_template"]

#: Kinds of template, with what each file is for.
TEMPLATE_KINDS: dict[str, str] = {
    "survey-long": N_("questionnaire answers, one row per contact named by a respondent"),
    "survey-wide": N_("questionnaire answers, one row per respondent with numbered contact columns"),
    "interviews": N_("coded interviews, one row per actor mentioned in an interview"),
    "actors": N_("the actor registry: one row per organisation or person, with sector and aliases"),
    "affiliations": N_("who took part in which committee, workshop or event, one row per presence"),
}

#: Languages of the headers.
LANGUAGES: tuple[str, ...] = ("en", "fr")

_WIDE_SLOTS = 5

_SINGLE_HEADERS: dict[str, dict[str, list[str]]] = {
    "survey-long": {
        "en": ["respondent", "organisation", "sector", "contact", "relation", "frequency",
               "trust", "theme"],
        "fr": ["répondant", "structure", "secteur", "partenaire", "type de relation",
               "fréquence", "confiance", "thème"],
    },
    "interviews": {
        "en": ["interview", "interviewee", "organisation", "mentioned", "relation", "tone",
               "quote"],
        "fr": ["entretien", "personne interrogée", "structure", "acteur cité", "relation", "ton",
               "citation"],
    },
    "actors": {
        "en": ["name", "sector", "kind", "territory", "themes", "aliases"],
        "fr": ["nom", "secteur", "type", "territoire", "thèmes", "alias"],
    },
    "affiliations": {
        "en": ["actor", "event", "event_type", "date", "place", "location", "place_type"],
        "fr": ["acteur", "événement", "type d'événement", "date", "lieu", "commune",
               "type de lieu"],
    },
}


def _wide_headers(lang: str) -> list[str]:
    if lang == "fr":
        head = ["répondant", "structure", "secteur"]
        slot = ("Contact {i}", "Relation {i}", "Fréquence {i}", "Confiance {i}")
    else:
        head = ["respondent", "organisation", "sector"]
        slot = ("Contact {i}", "Relation {i}", "Frequency {i}", "Trust {i}")
    for i in range(1, _WIDE_SLOTS + 1):
        head += [s.format(i=i) for s in slot]
    return head


def template_headers(kind: str, lang: str = "en") -> list[str]:
    """Return the column headers of a template.

    Parameters
    ----------
    kind : str
        One of :data:`TEMPLATE_KINDS`.
    lang : {"en", "fr"}
        Language of the headers.

    Returns
    -------
    list of str

    Examples
    --------
    >>> template_headers("actors", "fr")
    ['nom', 'secteur', 'type', 'territoire', 'thèmes', 'alias']
    >>> template_headers("survey-wide")[:5]
    ['respondent', 'organisation', 'sector', 'Contact 1', 'Relation 1']
    """
    kind, lang = _check(kind, lang)
    if kind == "survey-wide":
        return _wide_headers(lang)
    return list(_SINGLE_HEADERS[kind][lang])


def _check(kind: str, lang: str) -> tuple[str, str]:
    key = str(kind).strip().lower().replace("_", "-")
    if key not in TEMPLATE_KINDS:
        raise ValueError(
            f"unknown template {kind!r}; choose one of: {', '.join(TEMPLATE_KINDS)}"
        )
    code = str(lang).strip().lower()[:2]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose 'en' or 'fr'")
    return key, code


def _sep(lang: str) -> str:
    return ";" if lang == "fr" else ","


def _csv_line(cells: list[str], sep: str) -> str:
    out = []
    for cell in cells:
        text = str(cell)
        if any(ch in text for ch in (sep, '"', "\n", "\r")):
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return sep.join(out)


def template_text(kind: str, lang: str = "en", *, rows: list[list[str]] | None = None) -> str:
    """Return the text of a template (header line, then ``rows`` if given).

    Parameters
    ----------
    kind : str
        One of :data:`TEMPLATE_KINDS`.
    lang : {"en", "fr"}
        ``"fr"`` gives French headers separated by ``;``.
    rows : list of list of str, optional
        Rows to add under the header (used by the tests and examples).

    Returns
    -------
    str
        Lines end with ``\\r\\n`` as spreadsheet programs write them. No
        byte-order mark: :func:`write_template` adds it for French files.

    Examples
    --------
    >>> template_text("affiliations")
    'actor,event,event_type,date,place,location,place_type\\r\\n'
    >>> template_text("interviews", "fr", rows=[["E1", "Claire Martin", "Mairie d'Antony",
    ...                                         "Vélo Antony", "", "", ""]]).splitlines()[1]
    "E1;Claire Martin;Mairie d'Antony;Vélo Antony;;;"
    """
    kind, lang = _check(kind, lang)
    sep = _sep(lang)
    lines = [_csv_line(template_headers(kind, lang), sep)]
    lines += [_csv_line(list(row), sep) for row in rows or ()]
    return "\r\n".join(lines) + "\r\n"


def write_template(
    kind: str,
    path: str | PathLike[str],
    *,
    lang: str = "en",
    overwrite: bool = True,
) -> Path:
    """Write a blank CSV template to ``path``.

    Parameters
    ----------
    kind : str
        ``"survey-long"``, ``"survey-wide"``, ``"interviews"``, ``"actors"`` or
        ``"affiliations"`` (see :data:`TEMPLATE_KINDS`).
    path : str or path-like
        Where to write the file. Parent folders are created.
    lang : {"en", "fr"}, default "en"
        ``"fr"`` writes French headers, ``;``-separated, UTF-8 with a
        byte-order mark so that Excel opens it with accents intact.
    overwrite : bool, default True
        If False, refuse to replace an existing file.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        For an unknown kind or language.
    FileExistsError
        If the file exists and ``overwrite`` is False.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> out = write_template("actors", folder / "acteurs.csv", lang="fr")
    >>> out.read_bytes()[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> out.read_text(encoding="utf-8-sig").splitlines()[0]
    'nom;secteur;type;territoire;thèmes;alias'
    """
    kind, lang = _check(kind, lang)
    target = Path(path)
    if target.exists() and not overwrite:
        raise FileExistsError(f"{target} already exists; choose another name or remove it first")
    target.parent.mkdir(parents=True, exist_ok=True)
    encoding = "utf-8-sig" if lang == "fr" else "utf-8"
    with open(target, "w", encoding=encoding, newline="") as handle:
        handle.write(template_text(kind, lang))
    return target
