"""The ``alliances`` command line.

A thin layer: it parses arguments, calls the public functions and turns bad
input into a short message and an exit code. Heavy modules (pandas,
networkx, matplotlib, pyvis) are imported inside the command functions, so
``alliances --version`` and ``alliances --help`` answer at once.

Exit codes: 0 success, 1 unexpected error (a bug: please report it), 2 bad
input or bad arguments (the message names the file, line and column).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from alliances.i18n import N_  # standard library only: --help stays instant

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2

#: Tables written by ``alliances analyze``: file stem -> what it holds.
TABLES: dict[str, str] = {
    "actors": N_("every actor with its sector, ties and key measures"),
    "hybrids": N_("actors that span several worlds (sectors)"),
    "intermediaries": N_("trusted intermediaries: trusted by several groups, linking them"),
    "brokerage": N_("Gould-Fernandez brokerage roles per actor"),
    "clusters": N_("the groups of actors that work together, and who belongs where"),
    "introductions": N_("suggested introductions between actors of disconnected groups"),
    "mixing": N_("ties between sectors (who works with which world)"),
}

_DESCRIPTION = N_("""\
alliances turns stakeholder questionnaires and interviews (CSV files) into a
map of who works with whom: hybrid actors, trusted intermediaries,
disconnected groups and who could connect them.

INPUT is a folder holding any of actors.csv, survey.csv, interviews.csv,
affiliations.csv (or acteurs.csv, enquete.csv, entretiens.csv,
participations.csv), one or more CSV files, or the name of a bundled sample
(antony-velo, sqy-rse, morteau-reemploi).

Les fichiers français (séparateur « ; », accents, export Excel en cp1252)
sont lus tels quels : pas besoin de les convertir.
""")

_EPILOG = N_("""\
examples:
  alliances import antony-velo                 read a sample, print what was read
  alliances import mes-donnees/                your folder of CSV files
  alliances map mes-donnees/ -o carte.html     the interactive map, one offline file
  alliances report mes-donnees/ -o rapport.html
                                               map + findings + tables, to hand out
  alliances map mes-donnees/ -o carte.html --pseudonymize --key-file alliances.key
                                               people shown as codes (alliances key makes the key)
  alliances compare avant/ apres/ -o changement.html
                                               before/after: what changed, on one map
  alliances analyze mes-donnees/ -o tableaux/ --sep ";" --excel-bom
                                               tables for Excel in French (CSV + .xlsx)
  alliances events mes-donnees/ -o evenements.xlsx --lang fr
                                               which events brought the worlds together
  alliances template survey-long --lang fr -o enquete.csv
                                               a blank questionnaire to fill in

Each command has its own help: alliances map --help.
If a file cannot be read, the message names the file, line and column; fix it
and run again (add --debug to see the full Python traceback).
""")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keep the hand-written line breaks of descriptions and examples; argparse's words translated."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, _t("usage: ") if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        headings = {"positional arguments": _t("positional arguments"), "options": _t("options")}
        super().start_section(headings.get(heading or "", heading))


def _add_help(p: argparse.ArgumentParser) -> None:
    p.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                   help=_t("show this help message and exit"))


def _wrap(text: str, width: int = 78) -> str:
    """Fill plain paragraphs; keep indented blocks (examples, lists) as written."""
    import textwrap

    blocks = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if any(line.startswith("  ") for line in lines):
            blocks.append(block)
        else:
            blocks.append(textwrap.fill(" ".join(lines), width))
    return "\n\n".join(blocks)


# the language of the messages of the running command (--lang, else the environment)
_LANG: contextvars.ContextVar[str | None] = contextvars.ContextVar("alliances_cli_lang", default=None)


def _t(msgid: str, /, **fields: Any) -> str:
    """``msgid`` from the catalogue in the command's language, fields filled in."""
    from alliances.i18n import gettext

    text = gettext(msgid, _LANG.get())
    return text.format(**fields) if fields else text


def _tn(singular: str, plural: str, n: int, /, **fields: Any) -> str:
    """:func:`_t` with the singular or plural form for ``n`` (``n`` is a field too)."""
    from alliances.i18n import ngettext

    return ngettext(singular, plural, n, _LANG.get()).format(n=n, **fields)


def _progress(args: argparse.Namespace, message: str) -> None:
    if not getattr(args, "quiet", False):
        print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- inputs

class _CliInputError(Exception):
    """An input path that does not exist (reported like an InputError)."""


class _MissingDependencyError(Exception):
    """An optional package is needed for what was asked (the message says how to install it)."""


def _resolve_inputs(inputs: Sequence[str]) -> list[Path]:
    paths: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.exists():
            paths.append(path)
            continue
        sample = _sample_path(item)
        if sample is not None:
            paths.append(sample)
            continue
        hint = ""
        names = _sample_names()
        if names:
            hint = " " + _t("Bundled samples: {names}.", names=", ".join(names))
        raise _CliInputError(
            _t("{item}: no such file or folder. Check the spelling and the current folder "
               "({cwd}).", item=item, cwd=Path.cwd()) + hint
        )
    return paths


def _sample_names() -> list[str]:
    try:
        from alliances import samples

        return list(samples.names())
    except Exception:  # samples not available: only a hint is lost
        return []


def _sample_path(name: str) -> Path | None:
    """A bundled sample by name, or a folder inside one (``sqy-rse/wave2``)."""
    head, _, rest = name.replace("\\", "/").partition("/")
    if head not in _sample_names():
        return None
    from alliances import samples

    path = Path(samples.path(head))
    if rest:
        path = path / rest
        if not path.exists():
            return None
    return path


def _load(args: argparse.Namespace) -> Any:
    """Read the INPUT arguments into one actor graph."""
    import alliances

    paths = _resolve_inputs(args.inputs)
    shown = ", ".join(str(p) for p in paths)
    _progress(args, _t("Reading {files} ...", files=shown))
    options = _load_options(args)
    if len(paths) == 1:
        return alliances.load(paths[0], **options)
    if any(p.is_dir() for p in paths):
        raise _CliInputError(
            _t("give either one folder or several CSV files, not a mix: {files}",
               files=", ".join(str(p) for p in paths)))
    return alliances.load(paths, **options)


# --------------------------------------------------------------------------- commands

def _load_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of :func:`alliances.load` given on the command line."""
    options: dict[str, Any] = {}
    if getattr(args, "encoding", None):
        options["encoding"] = args.encoding
    if getattr(args, "level", None):
        options["level"] = args.level
    if getattr(args, "trust_scale", None):
        options["survey_options"] = {"trust_scale": args.trust_scale}
    return options


def _import_text(G: Any) -> str:
    """The import report of ``G`` as the command line shows it: its language, its options."""
    from alliances.io.report import CLI_OPTIONS

    report = G.graph.get("import_report")
    if report is None or not hasattr(report, "text"):
        return _tn("{n} actor, {m} ties (no import report).",
                   "{n} actors, {m} ties (no import report).", G.number_of_nodes(),
                   m=G.number_of_edges())
    labels = {n: label for n, label in G.nodes(data="label") if label is not None}
    return report.text(_LANG.get(), labels=labels, options=CLI_OPTIONS)


def _cmd_import(args: argparse.Namespace) -> int:
    G = _load(args)
    print(_import_text(G))
    return EXIT_OK


def _relations(args: argparse.Namespace) -> list[str] | None:
    value = getattr(args, "relations", None)
    if not value:
        return None
    from alliances.model import canonical_relation

    out = []
    for part in value.split(","):
        rel = canonical_relation(part)
        if rel and rel not in out:
            out.append(rel)
    return out or None


@contextlib.contextmanager
def _option_errors() -> Iterator[None]:
    """A bad --color/--size value is a usage error (exit 2), not a bug."""
    from alliances.errors import InputError

    try:
        yield
    except InputError:
        raise
    except ValueError as exc:
        if "choose one of" not in str(exc):
            raise
        raise _CliInputError(_t("{error} (see --help)", error=exc)) from exc


def _default_title(args: argparse.Namespace) -> str | None:
    """``--title`` if given; else None, so that the map or report takes the study's own title
    (``study.toml``, the README's heading) and never a folder name or a slug."""
    return args.title or None


def _cmd_map(args: argparse.Namespace) -> int:
    privacy = _privacy_options(args)  # before reading: a missing key fails at once
    G = _load(args)
    from alliances.maps.interactive import interactive_map

    _progress(args, _t("Drawing the map ..."))
    kwargs: dict[str, Any] = {"color": args.color, "seed": args.seed,
                              "title": _default_title(args), "lang": _LANG.get()}
    if args.size:
        kwargs["size"] = args.size
    relations = _relations(args)
    if relations:
        kwargs["relations"] = relations
    kwargs.update(privacy)
    with _option_errors():
        the_map = _call_with(interactive_map, G, **kwargs)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    the_map.save(out)
    _progress(args, _tn("Map written to {path} ({n} actor).", "Map written to {path} ({n} actors).",
                        G.number_of_nodes(), path=out))
    return EXIT_OK


def _call_with(func: Any, G: Any, **kwargs: Any) -> Any:
    """``func(G, **kwargs)``, without ``lang`` for a function that does not take it yet."""
    import inspect

    if "lang" in kwargs and "lang" not in inspect.signature(func).parameters:
        kwargs.pop("lang")
    return func(G, **kwargs)


def _load_one(args: argparse.Namespace, item: str) -> Any:
    """Read one wave: a folder, a file or a bundled sample (or a folder inside one)."""
    import alliances

    (path,) = _resolve_inputs([item])
    _progress(args, _t("Reading {files} ...", files=path))
    return alliances.load(path, **_load_options(args))


def _wave_labels(args: argparse.Namespace, n: int) -> list[str]:
    text = getattr(args, "labels", None)
    if not text:
        return ([_t("before"), _t("after")] if n == 2
                else [_t("wave {i}", i=i) for i in range(1, n + 1)])
    labels = [part.strip() for part in text.split(",")]
    if len(labels) != n or len(set(labels)) != n or not all(labels):
        raise _CliInputError(
            _t("--labels {text}: give {n} distinct names separated by commas, one per wave "
               "(e.g. --labels {example})", text=repr(text), n=n,
               example=",".join(str(2022 + i) for i in range(n))))
    return labels


def _waves(args: argparse.Namespace, items: Sequence[str], privacy: dict[str, Any]) -> tuple[Any, list[Any]]:
    """Read and compare the waves: (Comparison or Waves, graphs as compared)."""
    if len(items) < 2:
        raise _CliInputError(_t("give at least two waves to compare (e.g. BEFORE AFTER)"))
    graphs = [_load_one(args, item) for item in items]
    labels = _wave_labels(args, len(graphs))
    if privacy:
        # the same key gives the same codes in every wave, so actors still match
        from alliances.maps.interactive import key_argument
        from alliances.privacy import pseudonymize

        graphs = [pseudonymize(G, key=key_argument(privacy["pseudonymize"]),
                               actors=privacy.get("actors")) for G in graphs]
    from alliances.analysis.compare import compare, compare_waves

    _progress(args, _t("Comparing {waves} ...", waves=" -> ".join(labels)))
    relations = _relations(args)
    if len(graphs) == 2:
        result = compare(graphs[0], graphs[1], attr=args.color, seed=args.seed,
                         relations=relations, labels=(labels[0], labels[1]), lang=_LANG.get())
    else:
        result = compare_waves(graphs, labels=labels, attr=args.color, seed=args.seed,
                               relations=relations, lang=_LANG.get())
    return result, graphs


def _cmd_compare(args: argparse.Namespace) -> int:
    privacy = _privacy_options(args)
    result, _graphs = _waves(args, args.inputs, privacy)
    from alliances.maps.change import change_map

    _progress(args, _t("Drawing the change map ..."))
    kwargs: dict[str, Any] = {"seed": args.seed}
    if args.title:
        kwargs["title"] = args.title
    relations = _relations(args)
    if relations:
        kwargs["relations"] = relations
    the_map = _call_with(change_map, result, lang=_LANG.get(), **kwargs)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    the_map.save(out)
    if args.tables:
        folder = Path(args.tables)
        folder.mkdir(parents=True, exist_ok=True)
        decimal = "," if args.sep == ";" else "."
        for name, frame in _comparison_tables(result).items():
            path = folder / f"{name}.csv"
            _write_csv(frame, path, sep=args.sep, bom=args.excel_bom, decimal=decimal)
            print(path)
    for finding in result.findings:
        print(f"- {finding}")
    _progress(args, _t("Change map written to {path}.", path=out))
    return EXIT_OK


def _comparison_tables(result: Any) -> dict[str, Any]:
    """The tables of a Comparison (or of each pair of a Waves), by file stem."""
    import pandas as pd

    names = ("ties", "actors", "summary", "components_change", "mixing_change",
             "relations_change", "ei_change")
    if type(result).__name__ == "Waves":
        out: dict[str, Any] = {"summary": result.summary, "metrics": result.metrics}
        for i, c in enumerate(result.comparisons, start=1):
            for name in ("ties", "actors"):
                out[f"{name}-{i}-{i + 1}"] = getattr(c, name)
        findings = result.findings
    else:
        out = {name: getattr(result, name) for name in names}
        findings = result.findings
    out["findings"] = pd.DataFrame({"finding": findings})
    return out


def _cmd_report(args: argparse.Namespace) -> int:
    privacy = _privacy_options(args)
    waves = None
    if args.wave:
        if args.inputs:
            raise _CliInputError(
                _t("give the waves with --wave only (the report describes the last one), "
                   "not also as INPUT: {inputs}", inputs=" ".join(args.inputs)))
        waves, graphs = _waves(args, args.wave, privacy)
        G = graphs[-1]
        privacy = {}  # the waves are already pseudonymised
    else:
        if not args.inputs:
            raise _CliInputError(_t("give the data to report on: INPUT (a folder, files or a "
                                    "sample), or two or more --wave folders to compare"))
        G = _load(args)
    from alliances.report import write_report

    _progress(args, _t("Computing the measures and writing the report ..."))
    if waves is not None:
        privacy["waves"] = waves
        if isinstance(G.graph.get("events"), dict) and G.graph["events"]:
            # the last wave's participation list: the events held since the wave before
            privacy["co_participation"] = (graphs[-2], graphs[-1], graphs[-1])
    with _option_errors():
        out = write_report(
            G,
        args.output,
            title=_default_title(args),
            attr=args.color,
            seed=args.seed,
            relations=_relations(args),
            map=not args.no_map,
            lang=_LANG.get(),
            progress=lambda message: _progress(args, message),
            **privacy,
        )
    _progress(args, _t("Report written to {path}.", path=out))
    return EXIT_OK


def _privacy_options(args: argparse.Namespace) -> dict[str, Any]:
    """``pseudonymize=`` and ``actors=`` from --pseudonymize, --key-file and --actors."""
    key_file = getattr(args, "key_file", None)
    registry = getattr(args, "actors", None)
    if not getattr(args, "pseudonymize", False):
        if key_file or registry:
            raise _CliInputError(_t("--key-file and --actors are only used with --pseudonymize"))
        return {}
    if not key_file:
        raise _CliInputError(_t(
            "--pseudonymize needs the secret key: add --key-file FILE. If you have no key yet, "
            "make one with: alliances key -o alliances.key (keep it private, and reuse it so "
            "that people keep the same codes from one map to the next)"))
    from alliances.privacy import read_key

    path = Path(key_file)
    if not path.is_file():
        raise _CliInputError(
            _t("{path}: no such key file. Make one with: alliances key -o {path}", path=key_file))
    try:
        key = read_key(path)
    except ValueError as exc:
        raise _CliInputError(str(exc)) from exc
    options: dict[str, Any] = {"pseudonymize": key}
    if registry:
        from alliances.io.actors import read_actors

        options["actors"] = read_actors(registry, encoding=getattr(args, "encoding", None))
    return options


def _cmd_key(args: argparse.Namespace) -> int:
    from alliances.privacy import new_key

    out = Path(args.output)
    if out.exists():
        raise _CliInputError(_t(
            "{path}: the file exists; a key is never overwritten (the codes of the maps made "
            "with it would no longer match). Choose another name or delete it yourself.", path=out))
    new_key(out)
    _progress(args, _t("Key written to {path}. Keep it private (not in a shared folder, not "
                       "in the e-mail with the map) and reuse it for the next maps.", path=out))
    return EXIT_OK


def _cmd_analyze(args: argparse.Namespace) -> int:
    G = _load(args)
    from alliances.report import compute_tables

    _progress(args, _t("Computing the measures ..."))
    tables = compute_tables(G, attr=args.attr, seed=args.seed, relations=_relations(args),
                            progress=lambda message: _progress(args, message), lang=_LANG.get())
    # French Excel reads "0,5" as a number only when the separator is ";"
    decimal = args.decimal or ("," if args.sep == ";" else ".")
    if decimal == args.sep:
        raise _CliInputError(_t("--decimal {mark} cannot also be the separator --sep",
                                mark=repr(decimal)))
    folder = Path(args.output)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        _write_csv(frame, path, sep=args.sep, bom=args.excel_bom, decimal=decimal)
        written.append(path)
    if not args.no_xlsx:
        xlsx = folder / "alliances.xlsx"
        _write_xlsx(tables, xlsx)
        written.append(xlsx)
    for path in written:
        print(path)
    _progress(args, _tn("{n} file written to {path}.", "{n} files written to {path}.",
                        len(written), path=folder))
    return EXIT_OK


#: French column names of ``alliances events`` / ``alliances places`` with --lang fr.
EVENT_COLUMNS_FR: dict[str, str] = {
    "event": "événement", "label": "libellé", "event_type": "type_d_événement", "date": "date",
    "place": "lieu", "place_type": "type_de_lieu", "participants": "participants",
    "participant_list": "liste_des_participants", "worlds": "mondes",
    "world_list": "liste_des_mondes", "diversity": "diversité",
    "expected_diversity": "diversité_attendue", "diversity_z": "diversité_z",
    "clusters_joined": "groupes_reliés", "hybrids": "hybrides",
    "intermediaries": "tiers_de_confiance", "reason": "raison",
    "events": "événements", "participations": "participations",
    "mean_participants": "participants_par_événement", "mean_worlds": "mondes_par_événement",
    "mean_diversity": "diversité_moyenne", "worlds_present": "mondes_présents",
    "worlds_absent": "mondes_absents",
}


def _cmd_events(args: argparse.Namespace) -> int:
    """``alliances events`` and ``alliances places``: one table, CSV or xlsx by extension."""
    out = Path(args.output)
    kind = out.suffix.lower()
    if kind not in (".csv", ".xlsx"):
        raise _CliInputError(_t("{path}: write a .csv or a .xlsx file (the extension says which)",
                                path=args.output))
    G = _load(args)
    if not isinstance(G.graph.get("events"), dict) or not G.graph["events"]:
        raise _CliInputError(_t(
            "no event in these data: the events come from a participation list "
            "(affiliations.csv / participations.csv: actor, event, type, date, place); "
            "write one with: alliances template affiliations"))
    import alliances

    if args.command == "places":
        _progress(args, _t("Summarising the places ..."))
        frame = alliances.places(G, by=args.by, attr=args.attr, lang=_LANG.get())
    else:
        _progress(args, _t("Measuring the events ..."))
        frame = alliances.events(G, attr=args.attr, relations=_relations(args), seed=args.seed,
                                 lang=_LANG.get())
    if _LANG.get() == "fr":
        frame = frame.rename(columns=EVENT_COLUMNS_FR)
        frame.index = frame.index.rename(EVENT_COLUMNS_FR.get(frame.index.name, frame.index.name))
    out.parent.mkdir(parents=True, exist_ok=True)
    if kind == ".xlsx":
        sheet = {"events": "événements", "places": "lieux"}[args.command] if _LANG.get() == "fr" \
            else args.command
        _write_xlsx({sheet: frame}, out)
    else:
        sep = args.sep or (";" if _LANG.get() == "fr" else ",")
        decimal = "," if sep == ";" else "."
        _write_csv(frame, out, sep=sep, bom=args.excel_bom or _LANG.get() == "fr", decimal=decimal)
    print(out)
    _progress(args, _tn("{n} row written to {path}.", "{n} rows written to {path}.", len(frame),
                        path=out))
    return EXIT_OK


def _write_csv(frame: Any, path: Path, *, sep: str, bom: bool, decimal: str) -> None:
    import pandas as pd

    from alliances.export import write_table
    from alliances.report import drop_private

    # a plain row number (0, 1, 2 ...) is not worth a column
    index = not (isinstance(frame.index, pd.RangeIndex) and frame.index.name is None)
    write_table(drop_private(frame), path, sep=sep, bom=bom, decimal=decimal, index=index)


def _write_xlsx(tables: dict[str, Any], path: Path) -> None:
    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise _MissingDependencyError(
            "writing the .xlsx workbook needs openpyxl: pip install 'alliances[excel]' "
            "(or run again with --no-xlsx to write the CSV files only)"
        ) from None
    from alliances.export import write_workbook
    from alliances.report import drop_private

    write_workbook({name: drop_private(frame) for name, frame in tables.items()}, path)


def _cmd_template(args: argparse.Namespace) -> int:
    from alliances.templates import template_text, write_template

    if args.output in (None, "-"):
        sys.stdout.write(template_text(args.kind, _LANG.get()).replace("\r\n", "\n"))
        return EXIT_OK
    out = write_template(args.kind, args.output, lang=_LANG.get())
    _progress(args, _t("Template {kind} ({lang}) written to {path}.", kind=args.kind,
                       lang=_LANG.get(), path=out))
    return EXIT_OK


# --------------------------------------------------------------------------- parser

def _add_common(p: argparse.ArgumentParser, *, inputs: bool = True, nargs: str = "+",
                inputs_help: str | None = None) -> None:
    if inputs:
        p.add_argument("inputs", nargs=nargs, metavar="INPUT",
                       help=inputs_help or _t("folder of CSV files, CSV files, or a bundled sample name"))
        p.add_argument("--encoding", metavar="NAME",
                       help=_t("force the encoding of the input files (e.g. cp1252); "
                            "default: detected (UTF-8, then cp1252)"))
        p.add_argument("--level", choices=["organisation", "person"], default=None,
                       help=_t("one actor per organisation (default) or per person"))
        p.add_argument("--trust-scale", type=_trust_scale, metavar="SCALE", default=None,
                       help=_t("scale of the trust numbers in the survey: 0-1, 1-5, 0-10, 0-5, "
                            "1-10, 0-100, or LOW-HIGH (default: decided from the largest "
                            "number, and said in the import report)"))
    p.add_argument("--lang", choices=["en", "fr"], default=argparse.SUPPRESS,
                   help=_t("language of the messages and outputs (en, fr; en français : --lang fr); "
                        "default: ALLIANCES_LANG, else the locale (LANG), else English"))
    p.add_argument("-q", "--quiet", action="store_true", help=_t("no progress messages on stderr"))
    # SUPPRESS so that "alliances --debug map ..." is not reset by the sub-command default
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help=_t("show the full traceback on errors"))


def _trust_scale(text: str) -> str | tuple[float, float]:
    """``--trust-scale``: a named scale (``1-5``) or ``LOW-HIGH`` numbers (``1-7``)."""
    from alliances.io.survey import parse_trust_scale

    value: str | tuple[float, float] = text.strip()
    try:
        parse_trust_scale(value)
    except ValueError:
        low, _, high = str(value).partition("-")
        try:
            value = (float(low.replace(",", ".")), float(high.replace(",", ".")))
            parse_trust_scale(value)
        except ValueError:
            raise argparse.ArgumentTypeError(_t(
                "{value}: give the scale as LOW-HIGH, e.g. --trust-scale 1-5 or 0-10",
                value=repr(text))) from None
    return value


def _add_privacy_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pseudonymize", "--pseudonymise", action="store_true",
                   help=_t("show people under stable codes (P-...) instead of their names, without "
                        "quotes or private data; needs --key-file. Codes hide names, not the "
                        "structure (see docs/privacy.md)"))
    p.add_argument("--key-file", metavar="FILE",
                   help=_t("the secret pseudonymisation key (make one: alliances key -o alliances.key)"))
    p.add_argument("--actors", metavar="ACTORS.csv",
                   help=_t("with --pseudonymize: the actor registry whose consent column is honoured "
                        "(actors who said no are removed) and whose aliases are hidden too"))


def _add_analysis_options(p: argparse.ArgumentParser, *, attr_flag: str) -> None:
    p.add_argument("--relations", metavar="LIST",
                   help=_t("comma-separated relations to use, e.g. 'collaboration,trust' "
                        "(French words work: 'confiance,financement'); default: all positive ties"))
    p.add_argument("--seed", type=int, default=0,
                   help=_t("random seed for layouts and clusters (same seed, same result; default 0)"))
    p.add_argument(attr_flag, default="sector", dest="color" if attr_flag == "--color" else "attr",
                   metavar="ATTRIBUTE",
                   help=_t("actor attribute defining the groups/colours (default: sector)"))


def _sub(sub: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
    for key in ("description", "epilog"):
        if key in kwargs:
            kwargs[key] = _wrap(kwargs[key])
    p = sub.add_parser(name, formatter_class=_Formatter, add_help=False, **kwargs)
    _add_help(p)
    return p


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``alliances`` command."""
    from alliances._version import __version__

    parser = argparse.ArgumentParser(
        prog="alliances", description=_t(_DESCRIPTION), epilog=_t(_EPILOG), formatter_class=_Formatter,
        add_help=False,
    )
    _add_help(parser)
    parser.add_argument("--version", action="version", version=f"alliances {__version__}",
                        help=_t("show the version and exit"))
    parser.add_argument("--debug", action="store_true", help=_t("show the full traceback on errors"))
    parser.add_argument("--lang", choices=["en", "fr"], default=None,
                        help=_t("language of the messages and outputs (default: the environment)"))
    parser.set_defaults(debug=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _sub(sub,
        "import", help=_t("read the CSV files and print what was read, merged and skipped"),
        description=_t("Read the files and print the import report: rows read, ties and actors "
                    "created, rows skipped and why (file and line), suggested name merges."),
        epilog=_t("examples:\n  alliances import antony-velo\n  alliances import enquete.csv "
               "acteurs.csv entretiens.csv\n"),
    )
    _add_common(p)
    p.set_defaults(func=_cmd_import)

    p = _sub(sub,
        "map", help=_t("write the interactive map as one offline HTML file"),
        description=_t("Write the interactive map: one HTML file that opens offline (e-mail "
                    "attachment, USB stick), with search, filters and a legend."),
        epilog=_t("examples:\n  alliances map antony-velo -o carte.html\n"
               "  alliances map mes-donnees/ -o carte.html --size betweenness "
               "--relations confiance --title \"Comité vélo\"\n"),
    )
    _add_common(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help=_t("the HTML file to write"))
    p.add_argument("--size", metavar="MEASURE",
                   help=_t("column of the actor table that sizes the actors (e.g. degree, betweenness)"))
    p.add_argument("--title", help=_t("title shown on the map"))
    _add_analysis_options(p, attr_flag="--color")
    _add_privacy_options(p)
    p.set_defaults(func=_cmd_map)

    p = _sub(sub,
        "report", help=_t("write one HTML page to hand out: map, findings, tables, how to read them"),
        description=_t("Write a self-contained HTML report: the map, the import report, the key "
                    "findings in plain words (hybrid actors, trusted intermediaries, disconnected "
                    "groups, suggested introductions), the tables and how to read each measure."),
        epilog=_t("examples:\n  alliances report antony-velo -o report.html\n"
               "  alliances report mes-donnees/ -o rapport.html --lang fr --title \"Antony à vélo\"\n"
               "  alliances report --wave 2023/ --wave 2024/ --labels 2023,2024 -o rapport.html\n"),
    )
    _add_common(p, nargs="*")
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help=_t("the HTML file to write"))
    p.add_argument("--title", help=_t("title of the report"))
    p.add_argument("--wave", action="append", metavar="FOLDER",
                   help=_t("a survey wave, in time order; repeat it (--wave BEFORE --wave AFTER) to "
                        "add the 'Change between waves' section. The rest of the report "
                        "describes the last wave. Replaces INPUT"))
    p.add_argument("--labels", metavar="A,B",
                   help=_t("names of the waves, comma-separated (default: before,after; "
                        "wave 1,wave 2,... for more than two)"))
    p.add_argument("--no-map", action="store_true", help=_t("leave the interactive map out"))
    _add_analysis_options(p, attr_flag="--color")
    _add_privacy_options(p)
    p.set_defaults(func=_cmd_report)

    tables = "\n".join(f"  {name + '.csv':<22}{_t(what)}" for name, what in TABLES.items())
    p = _sub(sub,
        "analyze", aliases=["analyse"],
        help=_t("write the tables (CSV and one .xlsx workbook) to a folder"),
        description=_t("Compute the measures and write one CSV file per table and one Excel "
                       "workbook (alliances.xlsx) with a sheet per table:") + "\n\n" + tables,
        epilog=_t("examples:\n  alliances analyze antony-velo -o tableaux/\n"
               "  alliances analyze mes-donnees/ -o tableaux/ --sep \";\" --excel-bom   "
               "(Excel en français)\n\nCells starting with = + - @ are prefixed with ' so that "
               "a spreadsheet never runs them as formulas.\n"),
    )
    _add_common(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_t("folder to write to"))
    p.add_argument("--sep", default=",", help=_t("CSV separator (default ','; use ';' for French Excel)"))
    p.add_argument("--excel-bom", action="store_true",
                   help=_t("write UTF-8 with a byte-order mark so Excel shows accents correctly"))
    p.add_argument("--decimal", choices=[".", ","], metavar="MARK",
                   help=_t("decimal mark in the CSV files (default ',' with --sep ';', else '.')"))
    p.add_argument("--no-xlsx", action="store_true", help=_t("write the CSV files only"))
    _add_analysis_options(p, attr_flag="--attr")
    p.set_defaults(func=_cmd_analyze)

    for name, what, example in (
        ("events", N_("write the events table (who came together, how many worlds, how mixed)"),
         "alliances events morteau-reemploi -o events.csv\n"
         "  alliances events mes-donnees/ -o evenements.xlsx --lang fr\n"),
        ("places", N_("write the places summary (which kinds of place gathered which worlds)"),
         "alliances places chevreuse-sprint/wave2 -o places.csv\n"
         "  alliances places mes-donnees/ -o lieux.csv --lang fr --by place\n"),
    ):
        body = (_t("One row per event of the participation list (affiliations.csv): type, date, "
                   "place, participants, the worlds they come from, the diversity of the event "
                   "(Blau index) against random attendance (z-score), hybrids and trusted "
                   "intermediaries present, and a sentence.") if name == "events" else
                _t("One row per kind of place (third place, institutional, online, other; or per "
                   "place with --by place): events, participations, worlds per event, diversity, "
                   "the worlds never seen there, and a sentence."))
        p = _sub(sub, name, help=_t(what),
                 description=body + " " + _t(
                     "Writes CSV or an Excel workbook, by the extension of -o. "
                     "--lang fr: French column names, ';' separator, decimal comma and a "
                     "byte-order mark (Excel in French); the sentences stay in English."),
                 epilog=_t("examples:") + "\n  " + example)
        _add_common(p)
        p.add_argument("-o", "--output", required=True, metavar="FILE.csv|FILE.xlsx",
                       help=_t("the table to write: .csv or .xlsx"))
        p.add_argument("--sep", default=None,
                       help=_t("CSV separator (default ',' ; ';' with --lang fr)"))
        p.add_argument("--excel-bom", action="store_true",
                       help=_t("write UTF-8 with a byte-order mark (always with --lang fr)"))
        if name == "places":
            p.add_argument("--by", choices=["place_type", "place"], default="place_type",
                           help=_t("one row per kind of place (default) or per place"))
        _add_analysis_options(p, attr_flag="--attr")
        p.set_defaults(func=_cmd_events)

    p = _sub(sub,
        "compare", help=_t("compare survey waves (before/after) and draw the change map"),
        description=_t("Compare two or more survey waves of the same territory: ties gained, "
                    "lost and kept, actors who appeared or left, new hybrids and go-betweens, "
                    "groups that got connected. Writes the change map (one offline HTML file "
                    "with a wave switcher; positions stay the same in every wave), prints the "
                    "findings and, with --tables, writes the comparison tables as CSV."),
        epilog=_t("examples:\n  alliances compare sqy-rse sqy-rse/wave2 -o change.html\n"
               "  alliances compare 2023/ 2024/ -o changement.html --labels 2023,2024 "
               "--tables tableaux/ --sep \";\"\n"
               "  alliances compare 2022/ 2023/ 2024/ -o vagues.html   (any number of waves)\n"),
    )
    _add_common(p, inputs_help=_t("the waves in time order (BEFORE AFTER ...): folders, files or "
                               "bundled samples (a folder inside a sample works: sqy-rse/wave2)"))
    p.add_argument("-o", "--output", required=True, metavar="FILE.html",
                   help=_t("the change map to write"))
    p.add_argument("--labels", metavar="A,B",
                   help=_t("names of the waves, comma-separated (default: before,after; "
                        "wave 1,wave 2,... for more than two)"))
    p.add_argument("--title", help=_t("title shown on the map"))
    p.add_argument("--tables", metavar="DIR",
                   help=_t("also write the comparison tables (ties, actors, summary, ...) as CSV here"))
    p.add_argument("--sep", default=",", help=_t("CSV separator of --tables (use ';' for French Excel)"))
    p.add_argument("--excel-bom", action="store_true",
                   help=_t("write --tables with a byte-order mark so Excel shows accents correctly"))
    _add_analysis_options(p, attr_flag="--color")
    _add_privacy_options(p)
    p.set_defaults(func=_cmd_compare)

    p = _sub(sub,
        "key", help=_t("make a secret key for --pseudonymize"),
        description=_t("Write a new random pseudonymisation key (256 bits) to a file readable by "
                    "you only. The same key gives the same codes in every map, so keep it and "
                    "reuse it; whoever has it can recompute a person's code from their name, so "
                    "never share it with the map. An existing file is never overwritten."),
        epilog=_t("examples:\n  alliances key -o alliances.key\n"
               "  alliances map mes-donnees/ -o carte.html --pseudonymize --key-file alliances.key\n"),
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=_t("the key file to write"))
    _add_common(p, inputs=False)
    p.set_defaults(func=_cmd_key)

    from alliances.templates import TEMPLATE_KINDS  # light module: standard library only

    kinds = "\n".join(f"  {k:<14}{_t(what)}" for k, what in TEMPLATE_KINDS.items())
    p = _sub(sub,
        "template", help=_t("write a blank CSV template (survey, interviews, actors, affiliations)"),
        description=_t("Write a blank CSV template with the headers alliances recognises.")
                    + "\n\n" + kinds + "\n\n"
                    + _t("French templates (--lang fr) use ';' and open directly in Excel."),
        epilog=_t("examples:\n  alliances template survey-long --lang fr -o enquete.csv\n"
               "  alliances template actors -o actors.csv\n  alliances template interviews   "
               "(prints to the screen)\n"),
    )
    p.add_argument("kind", choices=list(TEMPLATE_KINDS), metavar="KIND",
                   help=_t("one of: {kinds}", kinds=", ".join(TEMPLATE_KINDS)))
    p.add_argument("-o", "--output", metavar="FILE", help=_t("file to write (default: print it)"))
    _add_common(p, inputs=False)
    p.set_defaults(func=_cmd_template)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``alliances`` command line and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 2 for bad input or arguments, 1 for an unexpected error.

    Examples
    --------
    >>> main(["template", "affiliations"])
    actor,event,event_type,date,place,location,place_type
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    token = _LANG.set(_lang_of(argv))
    try:
        return _main(argv)
    finally:
        _LANG.reset(token)


def _lang_of(argv: Sequence[str]) -> str:
    """The language asked with ``--lang`` anywhere in ``argv``, else the environment's.

    Read before parsing, so that the help and the usage errors are in it too.
    """
    from alliances.i18n import LANGUAGES, resolve_lang

    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value in LANGUAGES:
            return value
    return resolve_lang(None)


def _main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_INPUT
    if getattr(args, "func", None) is None:
        parser.print_help()
        return EXIT_INPUT
    from alliances.errors import InputError

    try:
        return _run(args)
    except (InputError, _CliInputError, FileNotFoundError, IsADirectoryError,
            PermissionError, UnicodeError) as exc:
        if args.debug:
            traceback.print_exc()
        print(_t("alliances: error: {message}", message=_cli_hints(_message(exc))), file=sys.stderr)
        return EXIT_INPUT
    except _MissingDependencyError as exc:
        print(_t("alliances: error: {message}", message=exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(_t("alliances: interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        error = type(exc).__name__ + ": " + str(exc)
        print(_t("alliances: unexpected error: {error}\nRun again with --debug to see where it "
                 "happened, and please report it.", error=error), file=sys.stderr)
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    """Run the command; show each warning once, as one plain line (tracebacks need --debug)."""
    import warnings

    shown: set[str] = set()
    original = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if args.debug:
            original(message, category, filename, lineno, file, line)
            return
        if issubclass(category, (DeprecationWarning, PendingDeprecationWarning, FutureWarning)):
            return  # about library internals, not about the user's data
        from alliances.errors import AlliancesWarning

        # a warning made by alliances.errors.warn is said again in the command's language
        text = message.text(_LANG.get()) if isinstance(message, AlliancesWarning) else str(message)
        if text not in shown:
            shown.add(text)
            print(_t("alliances: warning: {message}", message=_cli_hints(text)), file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show
        return int(args.func(args))


def _cli_hints(text: str) -> str:
    """A message with the Python options it names renamed to the command line's (``--trust-scale``)."""
    from alliances.io.report import CLI_OPTIONS, hint_text

    return hint_text(text, CLI_OPTIONS)


def _message(exc: BaseException) -> str:
    from alliances.errors import InputError

    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    if isinstance(exc, InputError):
        return exc.text(_LANG.get())  # in the language of --lang
    return str(exc)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
