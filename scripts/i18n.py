"""Extract, update and compile the message catalogues with Babel.

    python scripts/i18n.py            # extract .pot, update fr .po, compile .mo (both domains)
    python scripts/i18n.py --check    # exit 1 if a catalogue is stale, incomplete or fuzzy
    python scripts/i18n.py --translations fr.json   # also fill French entries from a file

The catalogues live in ``src/alliances/locale``:

* ``<domain>.pot``: the messages of the code, extracted by Babel's Python
  extractor over ``src/alliances`` (no line numbers, so that an edit elsewhere
  in a file does not make the catalogue stale);
* ``fr/LC_MESSAGES/<domain>.po``: the French translations (edit these);
* ``fr/LC_MESSAGES/<domain>.mo``: compiled, shipped in the wheel.

Two domains (see ``alliances.i18n``): ``alliances-map``, the maps'
interface texts listed in ``src/alliances/maps/text.py`` (``N_``,
``map_gettext``, ``map_noop``), and ``alliances``, every other file
(``gettext``, ``ngettext``, ``pgettext``, ``N_``, and the report's
``_tr``/``_trn`` helpers).

After an update, new messages appear in the ``.po`` with an empty
``msgstr`` (or a fuzzy guess from a similar message): translate them, remove
the ``#, fuzzy`` line, and run the script again to compile. ``--check``
fails until that is done; ``tests/test_i18n.py`` runs it.

``--translations FILE.json`` fills French entries from a JSON object
(``{"English message": "Message français"}``; a plural message maps its
singular to a list of forms; a message with a context is keyed
``"context\u0004message"``), so that several people can add translations
without editing the same ``.po`` at once. Every run that writes holds an
exclusive lock, so two runs never interleave their writes.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import io
import json
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "alliances"
LOCALE = SOURCE / "locale"
LANGUAGES = ("fr",)
PROJECT = "alliances"
# a fixed date: the same sources give the same bytes (no churn in the repository)
FIXED_DATE = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)

KEYWORDS: dict[str, dict[str, object]] = {
    "alliances": {
        "gettext": None,
        "ngettext": (1, 2),
        "pgettext": ((1, "c"), 2),
        "N_": None,
        "_tr": (2,),          # report.py: _tr(lang, message, **fields)
        "_trn": (2, 3),       # report.py: _trn(lang, singular, plural, n, **fields)
        "_t": None,           # cli.py: _t(message, **fields)
        "_": None,            # io/report.py: _ = functools.partial(gettext, lang=lang)
        "_tn": (1, 2),        # cli.py: _tn(singular, plural, n, **fields)
    },
    "alliances-map": {
        "N_": None,
        "map_gettext": None,
        "map_noop": None,
    },
}
#: the maps' interface texts (src/alliances/maps/text.py) are the alliances-map domain;
#: everything else is the alliances domain
MAP_FILES = "maps/text.py"


def in_domain(domain: str, filename: str) -> bool:
    """Whether ``filename`` (relative to the package) holds messages of ``domain``."""
    is_map = Path(filename).as_posix() == MAP_FILES
    return is_map if domain == "alliances-map" else not is_map


def extract(domain: str) -> Catalog:
    """The messages of ``domain`` found in the package's Python files, sorted."""
    catalog = Catalog(project=PROJECT, domain=domain, creation_date=FIXED_DATE,
                      revision_date=FIXED_DATE, fuzzy=False, charset="utf-8")
    keywords = KEYWORDS[domain]
    found = extract_from_dir(SOURCE, method_map=[("**.py", "python")], keywords=keywords,
                             comment_tags=("TRANSLATORS:",), strip_comment_tags=True,
                             directory_filter=lambda d: "__pycache__" not in d)
    for filename, lineno, message, comments, context in found:
        if not in_domain(domain, filename):
            continue
        path = (Path("src/alliances") / filename).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    return catalog


def dump_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=96, sort_output=True, include_lineno=False)
    return buffer.getvalue()


def dump_mo(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def pot_path(domain: str) -> Path:
    return LOCALE / f"{domain}.pot"


def po_path(lang: str, domain: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{domain}.po"


def read(path: Path, lang: str | None = None, domain: str | None = None) -> Catalog:
    with open(path, "rb") as handle:
        return read_po(handle, locale=lang, domain=domain)


def updated(template: Catalog, lang: str, domain: str) -> Catalog:
    """The ``.po`` of ``lang`` brought up to ``template`` (new messages empty, old ones obsolete)."""
    path = po_path(lang, domain)
    if path.exists():
        catalog = read(path, lang, domain)
    else:
        catalog = Catalog(locale=lang, project=PROJECT, domain=domain, creation_date=FIXED_DATE,
                          revision_date=FIXED_DATE, fuzzy=False, charset="utf-8",
                          language_team="French", last_translator="alliances")
    catalog.update(template, update_creation_date=False)
    catalog.obsolete.clear()  # removed messages are in the history, not in the file
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE
    catalog.fuzzy = False
    return catalog


def problems(catalog: Catalog, template: Catalog, lang: str) -> list[str]:
    """Messages of ``template`` missing, untranslated or fuzzy in ``catalog``."""
    out = []
    for message in template:
        if not message.id:
            continue
        key = message.id if message.context is None else (message.id, message.context)
        found = catalog.get(message.id, message.context)
        ident = key if isinstance(key, str) else key[0]
        text = ident if isinstance(ident, str) else ident[0]
        if found is None:
            out.append(f"{lang}: missing: {text!r}")
        elif found.fuzzy:
            out.append(f"{lang}: fuzzy: {text!r}")
        elif not found.string or (isinstance(found.string, (tuple, list))
                                  and not all(found.string)):
            out.append(f"{lang}: not translated: {text!r}")
    return out


@contextlib.contextmanager
def locked():
    """An exclusive lock on the catalogues while they are rewritten (parallel runs wait)."""
    with open(Path(tempfile.gettempdir()) / "alliances-i18n.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fill(catalog: Catalog, translations: dict[str, object]) -> int:
    """Set the entries of ``catalog`` found in ``translations``; the number set."""
    count = 0
    for key, string in translations.items():
        context, _, ident = key.rpartition("\x04")
        message = catalog.get(ident, context or None)
        if message is None:
            continue
        message.string = tuple(string) if isinstance(string, list) else string
        message.flags.discard("fuzzy")
        count += 1
    return count


def run(check: bool, domains: list[str] | None = None,
        translations: dict[str, object] | None = None) -> int:
    if check:
        return _run(check, domains, translations)
    with locked():
        return _run(check, domains, translations)


def _run(check: bool, domains: list[str] | None = None,
         translations: dict[str, object] | None = None) -> int:
    errors: list[str] = []
    for domain in domains or list(KEYWORDS):
        template = extract(domain)
        pot = dump_po(template)
        if check:
            if not pot_path(domain).exists() or pot_path(domain).read_bytes() != pot:
                errors.append(f"{pot_path(domain).relative_to(ROOT)} is stale: run "
                              "python scripts/i18n.py")
        else:
            pot_path(domain).parent.mkdir(parents=True, exist_ok=True)
            pot_path(domain).write_bytes(pot)
        for lang in LANGUAGES:
            po_file = po_path(lang, domain)
            mo_file = po_file.with_suffix(".mo")
            catalog = updated(template, lang, domain)
            if translations and not check:
                fill(catalog, translations)
            po = dump_po(catalog)
            if check:
                if not po_file.exists() or po_file.read_bytes() != po:
                    errors.append(f"{po_file.relative_to(ROOT)} is not up to date with the code: "
                                  "run python scripts/i18n.py")
                current = read(po_file, lang, domain) if po_file.exists() else catalog
                if not mo_file.exists() or mo_file.read_bytes() != dump_mo(current):
                    errors.append(f"{mo_file.relative_to(ROOT)} is stale: run "
                                  "python scripts/i18n.py")
            else:
                po_file.parent.mkdir(parents=True, exist_ok=True)
                po_file.write_bytes(po)
                # compile what was written, read back, as the check does
                mo_file.write_bytes(dump_mo(read(po_file, lang, domain)))
            errors += [f"{po_file.relative_to(ROOT)}: {p}" for p in problems(catalog, template, lang)]
    for line in errors:
        print(line, file=sys.stderr)
    if check:
        print("catalogues: " + ("OK" if not errors else f"{len(errors)} problem(s)"))
    return 1 if (errors and check) else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a catalogue is stale, incomplete or fuzzy")
    parser.add_argument("--domain", action="append", choices=list(KEYWORDS),
                        help="only this domain (repeat for several; default: all)")
    parser.add_argument("--translations", action="append", type=Path, default=[],
                        help="a JSON file of French translations to fill in (repeatable)")
    args = parser.parse_args(argv)
    translations: dict[str, object] = {}
    for path in args.translations:
        translations.update(json.loads(path.read_text(encoding="utf-8")))
    return run(args.check, args.domain, translations)


if __name__ == "__main__":
    raise SystemExit(main())
