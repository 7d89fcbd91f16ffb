"""Survey metadata columns: the columns a survey tool adds to every export.

Timestamps, e-mail addresses, respondent / collector / response ids, start and
end times, IP addresses, languages, statuses and the tools' own bookkeeping
(``_uuid``, ``submitdate``, ``meta-instanceID``...) say nothing about who works
with whom: they are never actors, contacts or roster columns. The readers set
them aside first and the import report lists them.

Two kinds of headers:

* :data:`METADATA_HEADERS`: always metadata, in English and French
  (``Timestamp``, ``Horodateur``, ``Respondent ID``, ``Adresse e-mail``,
  ``_submission_time``...);
* :data:`CONTEXT_HEADERS`: ordinary words (``ID``, ``Name``, ``Email``,
  ``KEY``, ``status``, ``language``) that are metadata only beside a header of
  the first kind (Microsoft Forms' ``ID, Start time, Completion time, Email,
  Name``; LimeSurvey's ``id, submitdate``; ODK's ``SubmissionDate ... KEY``),
  so a hand-made survey's ``name`` column stays the respondent.

A column whose cells are all e-mail addresses or date-times (:func:`looks_like_metadata_cells`)
is no contact or actor either: :func:`metadata_columns` reports it when asked
with the rows.

Two tools' own fields are metadata only once the file is known to be that
tool's export (:data:`LIMESURVEY_METADATA`, :data:`KOBO_METADATA`: ``token``,
``seed``, ``username``, ``KEY`` are ordinary words elsewhere). The words by
which a survey tool's question says which role it plays
(:data:`QUESTION_ROLE_PATTERNS` for questions' texts, :data:`QUESTION_ROLE_WORDS`
for LimeSurvey's and KoboToolbox's codes and field names) are kept here too: like the metadata rules they
say how an export's columns are read, and nothing about what a tie means (the
answers' words, which decide a tie's weight, trust, relation and sector, are
the model's vocabularies: :data:`~alliances.model.FREQUENCY_WEIGHTS`,
:data:`~alliances.model.TRUST_WORDS`, :data:`~alliances.model.RELATION_SYNONYMS`,
:data:`~alliances.model.SECTOR_SYNONYMS`).

Examples
--------
>>> metadata_columns(["Horodateur", "Adresse e-mail", "Votre structure", "Partenaires"])
{'Horodateur': 'timestamp', 'Adresse e-mail': 'e-mail address'}
>>> metadata_columns(["ID", "Start time", "Completion time", "Email", "Name", "Structure"])
{'ID': 'id', 'Start time': 'start or end time', 'Completion time': 'start or end time', \
'Email': 'e-mail address', 'Name': "the form's login name"}
>>> metadata_columns(["name", "organisation", "contact"])
{}
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from alliances.i18n import N_, Message
from alliances.model import normalize_text

__all__ = ["CONTEXT_HEADERS", "KOBO_METADATA", "LIMESURVEY_METADATA", "METADATA_HEADERS",
           "QUESTION_ROLE_PATTERNS", "QUESTION_ROLE_WORDS", "is_metadata_header",
           "looks_like_metadata_cells", "metadata_columns"]

# what a metadata column holds, as the import report says it (Messages: said in its language)
_TIMESTAMP = Message.pgettext("metadata column", "timestamp")
_EMAIL = Message.pgettext("metadata column", "e-mail address")
_ID = Message.pgettext("metadata column", "id")
_TIME = Message.pgettext("metadata column", "start or end time")
_IP = Message.pgettext("metadata column", "IP address")
_LANG = Message.pgettext("metadata column", "language")
_STATUS = Message.pgettext("metadata column", "status")
_TOOL = Message.pgettext("metadata column", "survey tool bookkeeping")

#: Headers that are always survey metadata -> what they hold. Compared after
#: :func:`~alliances.model.normalize_text` (case, accents, ``_`` and
#: punctuation ignored: ``_submission_time`` is ``submission time``).
METADATA_HEADERS: dict[str, str] = {
    # Google Forms (English and French interfaces)
    "timestamp": _TIMESTAMP, "horodateur": _TIMESTAMP, "horodatage": _TIMESTAMP,
    "marque temporelle": _TIMESTAMP, "date et heure": _TIMESTAMP,
    "email address": _EMAIL, "e mail address": _EMAIL, "adresse e mail": _EMAIL,
    "adresse email": _EMAIL, "adresse mail": _EMAIL, "adresse electronique": _EMAIL,
    "adresse de courriel": _EMAIL, "courriel du repondant": _EMAIL,
    "adresse de messagerie": _EMAIL,
    "score": _TOOL,
    # SurveyMonkey
    "respondent id": _ID, "collector id": _ID, "start date": _TIME, "end date": _TIME,
    "ip address": _IP, "custom data 1": _TOOL, "custom data": _TOOL,
    "id du repondant": _ID, "id du collecteur": _ID, "date de debut": _TIME,
    "date de fin": _TIME, "adresse ip": _IP, "donnees personnalisees 1": _TOOL,
    "donnees personnalisees": _TOOL, "id de la personne interrogee": _ID,
    # Microsoft Forms
    "start time": _TIME, "completion time": _TIME, "last modified time": _TIME,
    "heure de debut": _TIME, "heure de fin": _TIME, "heure de la derniere modification": _TIME,
    "date de derniere modification": _TIME,
    # Qualtrics
    "responseid": _ID, "response id": _ID, "startdate": _TIME, "enddate": _TIME,
    "recordeddate": _TIME, "ipaddress": _IP, "duration in seconds": _TIME,
    "finished": _STATUS, "progress": _STATUS, "distributionchannel": _TOOL,
    "userlanguage": _LANG, "recipientlastname": _TOOL, "recipientfirstname": _TOOL,
    "recipientemail": _EMAIL, "externalreference": _ID, "externaldatareference": _ID,
    "locationlatitude": _TOOL, "locationlongitude": _TOOL,
    # LimeSurvey
    "submitdate": _TIMESTAMP, "lastpage": _TOOL, "startlanguage": _LANG, "seed": _TOOL,
    "datestamp": _TIMESTAMP, "ipaddr": _IP, "refurl": _TOOL, "interviewtime": _TIME,
    "date submitted": _TIMESTAMP, "last page": _TOOL, "start language": _LANG,
    "date started": _TIME, "date last action": _TIME, "date de soumission": _TIMESTAMP,
    "derniere page": _TOOL, "langue de depart": _LANG,
    # KoboToolbox / ODK
    "uuid": _ID, "submission time": _TIMESTAMP, "index": _TOOL, "version": _TOOL,
    "submission uuid": _ID, "parent index": _TOOL, "parent table name": _TOOL,
    "validation status": _STATUS, "submitted by": _TOOL, "notes": _TOOL, "tags": _TOOL,
    "xform id string": _TOOL, "meta instanceid": _ID, "meta instancename": _TOOL,
    "meta deprecatedid": _ID, "meta rootuuid": _ID, "instanceid": _ID,
    "submissiondate": _TIMESTAMP, "submitterid": _ID, "submittername": _TOOL,
    "attachmentspresent": _TOOL, "attachmentsexpected": _TOOL, "reviewstate": _STATUS,
    "deviceid": _ID, "formversion": _TOOL, "parent key": _ID, "edits": _TOOL,
    "today": _TIMESTAMP, "simserial": _ID, "subscriberid": _ID, "phonenumber": _TOOL,
    "audit": _TOOL,
}

#: Ordinary words that are metadata when a :data:`METADATA_HEADERS` column is
#: in the same file (the export of a survey tool).
CONTEXT_HEADERS: dict[str, str] = {
    "id": _ID, "key": _ID, "email": _EMAIL, "e mail": _EMAIL, "mail": _EMAIL,
    "courriel": _EMAIL, "language": _LANG, "langue": _LANG, "status": _STATUS,
    "statut": _STATUS, "token": _ID, "jeton": _ID, "start": _TIME, "end": _TIME,
    "debut": _TIME, "fin": _TIME, "first name": _TOOL, "last name": _TOOL,
    "duration": _TIME, "duree": _TIME, "date": _TIMESTAMP, "prenom": _TOOL,
}

#: LimeSurvey's metadata headings (codes, and the full-text headings in English and
#: French), normalised; read as metadata in a LimeSurvey export only.
LIMESURVEY_METADATA: frozenset[str] = frozenset(normalize_text(h) for h in (
    "id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp",
    "ipaddr", "refurl", "token", "Response ID", "Date submitted", "Last page",
    "Start language", "Seed", "Date started", "Date last action", "IP address",
    "Referrer URL", "Referring URL", "Access code", "Token", "Completed",
    "ID de la réponse", "Date de soumission", "Dernière page", "Langue de départ",
    "Graine", "Date de début", "Date de la dernière action", "Adresse IP",
    "URL de provenance", "URL référente", "Code d'accès", "Jeton",
    "interviewtime", "Total time",
))

#: KoboToolbox and ODK metadata fields, as exported (raw headers, or the last
#: part of a group path ``meta/instanceID``); read as metadata in a KoboToolbox
#: or ODK export only.
KOBO_METADATA: frozenset[str] = frozenset({
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
    "phonenumber", "audit", "_id", "_uuid", "_submission_time", "_validation_status", "_notes",
    "_status", "_submitted_by", "__version__", "_tags", "_index", "_parent_index",
    "_parent_table_name", "_xform_id_string", "_attachments", "_geolocation", "instanceID",
    "instanceName", "rootUuid", "deprecatedID", "SubmissionDate", "KEY", "PARENT_KEY",
    "SubmitterID", "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status",
    "ReviewState", "DeviceID", "Edits", "FormVersion", "isValidated", "formhub/uuid",
})

#: Words of a question's text, code or field name that say which role it plays
#: in a LimeSurvey or KoboToolbox / ODK export, in the order the roles are tried
#: (compared as whole words after :func:`~alliances.model.normalize_text`).
QUESTION_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "frequency": ("frequence", "frequences", "frequency", "how often", "freq", "rythme"),
    "trust": ("confiance", "trust", "conf"),
    "relation": ("type de relation", "nature de la relation", "type de lien", "nature du lien",
                 "type relation", "relation", "relations", "relationship", "type of relation",
                 "type of relationship", "type of tie", "rel", "type lien"),
    "sector": ("secteur", "sector", "type de structure", "type d organisation",
               "type d organisme", "type of organisation", "type of organization",
               "organisation type", "organization type", "type structure",
               "categorie de structure", "statut de la structure", "type org"),
    "contact": ("partenaire", "partenaires", "partner", "partners", "contact", "contacts",
                "acteur cite", "acteurs cites", "quelles structures", "quelles organisations",
                "which organisations", "which organizations", "citez", "alter", "part",
                "travaillez vous", "work with", "partenariats"),
    "respondent": ("votre nom", "your name", "nom du repondant", "repondant", "respondent",
                   "nom prenom", "prenom nom", "enqueteur"),
    "organisation": ("structure", "organisation", "organization", "organisme", "employer",
                     "struct", "org", "votre structure", "your organisation"),
}

#: Words of a question's full text in a Google Forms, Microsoft Forms, SurveyMonkey or
#: Qualtrics export -> the role it plays, in order: the first role whose pattern is found
#: wins ("How often does your organisation work with..." is a frequency, not a contact
#: question). Regular expressions matched at word starts of the normalised question
#: (:func:`alliances.io.platforms.question_role`); :data:`QUESTION_ROLE_WORDS` holds
#: the whole words of LimeSurvey's and KoboToolbox's question codes and field names.
QUESTION_ROLE_PATTERNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("trust", ("trust", "confiance", "fiab")),
    ("frequency", ("how often", "how frequently", "frequen", "combien de fois",
                   "a quel rythme")),
    ("relation", ("type de relation", "types de relation", "type of relation",
                  "kind of relation", "nature de la relation", "nature des relations",
                  "nature du lien", "type de lien", "relationship", "relation")),
    ("sector", (r"types? of organi[sz]ation", r"kinds? of organi[sz]ation",
                "type de structure", "type d organisation", "type d organisme",
                "type of institution", "sector", "secteur",
                r"describes? your organi[sz]ation", "categorie de structure",
                "statut de votre structure", "statut juridique", "famille d acteur")),
    ("territory", ("commune", "territoire", "territory", "ville d implantation")),
    ("respondent", ("your name", "your full name", "votre nom", "nom et prenom",
                    "prenom et nom", "nom prenom", "prenom nom")),
    ("contact", ("work with", "worked with", "working with", "works with", "travaill",
                 "partenaire", "partner", "collabor", "with whom", "avec qui",
                 "avec quelles", "avec lesquel", "quelles structures", "quels acteurs",
                 r"which organi[sz]ations", "name up to", "citez", "contacts",
                 "acteurs cites", "structures citees")),
    ("organisation", (r"organi[sz]ation", "structure", "organisme", "employer",
                      "employeur", "entreprise", "company", "institution")),
)
# Microsoft Forms' "Name" (the login name, "anonymous" when not collected):
# metadata only beside Microsoft Forms' own columns
_LOGIN = Message.pgettext("metadata column", "the form's login name")
_LOGIN_NAME = {"name": _LOGIN, "nom": _LOGIN}
_MS_FORMS = {"completion time", "start time", "last modified time", "heure de fin",
             "heure de debut",
             # SurveyMonkey's French interface: "Prénom", "Nom" of the contact list
             "id du collecteur"}

_EMAIL_CELL = re.compile(r"^[^@\s,;]+@[^@\s,;]+\.[a-z]{2,}$", re.IGNORECASE)
_DATE_CELL = re.compile(
    r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"(?:\s*(?:am|pm|[ap]\.m\.))?(?:\s*(?:z|utc|gmt|[+-]\d{2}:?\d{2}))?)?$"
    r"|^\d{1,2}:\d{2}(?::\d{2})?$", re.IGNORECASE)


def is_metadata_header(header: str, *, beside: Iterable[str] = ()) -> str | None:
    """What a metadata header holds, or None when it is not one.

    ``beside``: the other headers of the file (``ID`` and ``Email`` are
    metadata only in a survey tool's export).

    Examples
    --------
    >>> is_metadata_header("_submission_time"), is_metadata_header("ID")
    ('timestamp', None)
    >>> is_metadata_header("ID", beside=["submitdate"])
    'id'
    """
    norm = normalize_text(header)
    if norm in METADATA_HEADERS:
        return METADATA_HEADERS[norm]
    others = {normalize_text(h) for h in beside}
    if not others & METADATA_HEADERS.keys():
        return None
    if norm in CONTEXT_HEADERS:
        return CONTEXT_HEADERS[norm]
    if norm in _LOGIN_NAME and others & _MS_FORMS:
        return _LOGIN_NAME[norm]
    return None


def looks_like_metadata_cells(cells: Iterable[str]) -> str | None:
    """``"e-mail address"`` or ``"timestamp"`` when every filled cell is one, else None.

    Examples
    --------
    >>> looks_like_metadata_cells(["2024/03/01 10:00:00", "", "01/03/2024 9:05"])
    'timestamp'
    >>> looks_like_metadata_cells(["anne@mairie.fr", "CAF"]) is None
    True
    """
    kind = None
    seen = 0
    for cell in cells:
        c = cell.strip()
        if not c:
            continue
        seen += 1
        now = _EMAIL if _EMAIL_CELL.match(c) else _TIMESTAMP if _DATE_CELL.match(c) else None
        if now is None or (kind is not None and now != kind):
            return None
        kind = now
    return kind if seen else None


def metadata_columns(header: Sequence[str], rows: Sequence[Sequence[str]] | None = None, *,
                     keep: Iterable[str] = ()) -> dict[str, str]:
    """The metadata columns of a table: ``{header: what it holds}``, in file order.

    ``rows`` (optional): also columns whose cells are all e-mail addresses or
    date-times (looked at in the first 200 rows). ``keep``: headers the user
    mapped to a role themselves (never set aside).

    Examples
    --------
    >>> metadata_columns(["structure", "envoyé le", "partenaire"],
    ...                  [["Mairie", "2024-03-01 10:00", "CAF"]])
    {'envoyé le': 'timestamp'}
    """
    kept = {normalize_text(k) for k in keep}
    out: dict[str, str] = {}
    for j, h in enumerate(header):
        if normalize_text(h) in kept:
            continue
        what = is_metadata_header(h, beside=header)
        if what is None and rows:
            what = looks_like_metadata_cells(row[j] for row in rows[:200])
        if what is not None:
            out[h] = what
    return out


def describe(found: Mapping[str, str]) -> str:
    """``"Horodateur" (timestamp), "Adresse e-mail" (e-mail address)``, said in the
    report's language (a :class:`~alliances.i18n.Message`; "" when nothing is found).

    Examples
    --------
    >>> found = metadata_columns(["Horodateur", "Partenaire"])
    >>> describe(found), describe(found).translate("fr")
    ('"Horodateur" (timestamp)', '« Horodateur » (horodatage)')
    """
    if not found:
        return ""
    return Message.join([Message.of(N_('"{header}" ({what})'), header=h, what=what)
                         for h, what in found.items()])
