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
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_INPUT = 2

#: Tables written by ``alliances analyze``: file stem -> what it holds.
TABLES: dict[str, str] = {
    "actors": "every actor with its sector, ties and key measures",
    "hybrids": "actors that span several worlds (sectors)",
    "intermediaries": "trusted intermediaries: trusted by several groups, linking them",
    "brokerage": "Gould-Fernandez brokerage roles per actor",
    "clusters": "the groups of actors that work together, and who belongs where",
    "introductions": "suggested introductions between actors of disconnected groups",
    "mixing": "ties between sectors (who works with which world)",
}

_DESCRIPTION = """\
alliances turns stakeholder questionnaires and interviews (CSV files) into a
map of who works with whom: hybrid actors, trusted intermediaries,
disconnected groups and who could connect them.

INPUT is a folder holding any of actors.csv, survey.csv, interviews.csv,
affiliations.csv (or acteurs.csv, enquete.csv, entretiens.csv,
participations.csv), one or more CSV files, or the name of a bundled sample
(antony-velo, sqy-rse, morteau-reemploi).

Les fichiers français (séparateur « ; », accents, export Excel en cp1252)
sont lus tels quels : pas besoin de les convertir.
"""

_EPILOG = """\
examples:
  alliances import antony-velo                 read a sample, print what was read
  alliances import mes-donnees/                your folder of CSV files
  alliances map mes-donnees/ -o carte.html     the interactive map, one offline file
  alliances report mes-donnees/ -o rapport.html
                                               map + findings + tables, to hand out
  alliances analyze mes-donnees/ -o tableaux/ --sep ";" --excel-bom
                                               tables for Excel in French (CSV + .xlsx)
  alliances template survey-long --lang fr -o enquete.csv
                                               a blank questionnaire to fill in

Each command has its own help: alliances map --help.
If a file cannot be read, the message names the file, line and column; fix it
and run again (add --debug to see the full Python traceback).
"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keep the hand-written line breaks of descriptions and examples."""


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
            hint = f" Bundled samples: {', '.join(names)}."
        raise _CliInputError(
            f"{item}: no such file or folder. Check the spelling and the current folder "
            f"({Path.cwd()}).{hint}"
        )
    return paths


def _sample_names() -> list[str]:
    try:
        from alliances import samples

        return list(samples.names())
    except Exception:  # samples not available: only a hint is lost
        return []


def _sample_path(name: str) -> Path | None:
    if "/" in name or "\\" in name or name not in _sample_names():
        return None
    from alliances import samples

    return Path(samples.path(name))


def _load(args: argparse.Namespace) -> Any:
    """Read the INPUT arguments into one actor graph."""
    import alliances

    paths = _resolve_inputs(args.inputs)
    shown = ", ".join(str(p) for p in paths)
    _progress(args, f"Reading {shown} ...")
    options: dict[str, Any] = {}
    if getattr(args, "encoding", None):
        options["encoding"] = args.encoding
    if getattr(args, "level", None):
        options["level"] = args.level
    if len(paths) == 1:
        return alliances.load(paths[0], **options)
    if any(p.is_dir() for p in paths):
        raise _CliInputError(
            "give either one folder or several CSV files, not a mix: "
            + ", ".join(str(p) for p in paths)
        )
    return alliances.load(paths, **options)


# --------------------------------------------------------------------------- commands

def _cmd_import(args: argparse.Namespace) -> int:
    G = _load(args)
    report = G.graph.get("import_report")
    if report is None:
        print(f"{G.number_of_nodes()} actors, {G.number_of_edges()} ties (no import report).")
    else:
        print(str(report))
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
        raise _CliInputError(f"{exc} (see --help)") from exc


def _default_title(args: argparse.Namespace) -> str | None:
    """The folder (or sample) name when there is one input, so the page says what it shows."""
    if args.title or len(args.inputs) != 1:
        return args.title
    path = Path(args.inputs[0])
    name = (path.resolve().name if path.is_dir() else path.stem) if path.exists() else path.name
    return name or None


def _cmd_map(args: argparse.Namespace) -> int:
    G = _load(args)
    from alliances.maps.interactive import interactive_map

    _progress(args, "Drawing the map ...")
    kwargs: dict[str, Any] = {"color": args.color, "seed": args.seed,
                              "title": _default_title(args)}
    if args.size:
        kwargs["size"] = args.size
    relations = _relations(args)
    if relations:
        kwargs["relations"] = relations
    with _option_errors():
        the_map = interactive_map(G, **kwargs)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    the_map.save(out)
    _progress(args, f"Map written to {out} ({G.number_of_nodes()} actors).")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:
    G = _load(args)
    from alliances.report import write_report

    _progress(args, "Computing the measures and writing the report ...")
    with _option_errors():
        out = write_report(
            G,
        args.output,
            title=_default_title(args),
            attr=args.color,
            seed=args.seed,
            relations=_relations(args),
            map=not args.no_map,
            lang=args.lang,
            progress=lambda message: _progress(args, message),
        )
    _progress(args, f"Report written to {out}.")
    return EXIT_OK


def _cmd_analyze(args: argparse.Namespace) -> int:
    G = _load(args)
    from alliances.report import compute_tables

    _progress(args, "Computing the measures ...")
    tables = compute_tables(G, attr=args.attr, seed=args.seed, relations=_relations(args),
                            progress=lambda message: _progress(args, message))
    # French Excel reads "0,5" as a number only when the separator is ";"
    decimal = args.decimal or ("," if args.sep == ";" else ".")
    if decimal == args.sep:
        raise _CliInputError(f"--decimal {decimal!r} cannot also be the separator --sep")
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
    _progress(args, f"{len(written)} files written to {folder}.")
    return EXIT_OK


def _write_csv(frame: Any, path: Path, *, sep: str, bom: bool, decimal: str) -> None:
    from alliances.export import write_table
    from alliances.report import drop_private

    write_table(drop_private(frame), path, sep=sep, bom=bom, decimal=decimal)


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
        sys.stdout.write(template_text(args.kind, args.lang).replace("\r\n", "\n"))
        return EXIT_OK
    out = write_template(args.kind, args.output, lang=args.lang)
    _progress(args, f"Template {args.kind} ({args.lang}) written to {out}.")
    return EXIT_OK


# --------------------------------------------------------------------------- parser

def _add_common(p: argparse.ArgumentParser, *, inputs: bool = True) -> None:
    if inputs:
        p.add_argument("inputs", nargs="+", metavar="INPUT",
                       help="folder of CSV files, CSV files, or a bundled sample name")
        p.add_argument("--encoding", metavar="NAME",
                       help="force the encoding of the input files (e.g. cp1252); "
                            "default: detected (UTF-8, then cp1252)")
        p.add_argument("--level", choices=["organisation", "person"], default=None,
                       help="one actor per organisation (default) or per person")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    # SUPPRESS so that "alliances --debug map ..." is not reset by the sub-command default
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                   help="show the full traceback on errors")


def _add_analysis_options(p: argparse.ArgumentParser, *, attr_flag: str) -> None:
    p.add_argument("--relations", metavar="LIST",
                   help="comma-separated relations to use, e.g. 'collaboration,trust' "
                        "(French words work: 'confiance,financement'); default: all positive ties")
    p.add_argument("--seed", type=int, default=0,
                   help="random seed for layouts and clusters (same seed, same result; default 0)")
    p.add_argument(attr_flag, default="sector", dest="color" if attr_flag == "--color" else "attr",
                   metavar="ATTRIBUTE",
                   help="actor attribute defining the groups/colours (default: sector)")


def _sub(sub: Any, name: str, **kwargs: Any) -> argparse.ArgumentParser:
    for key in ("description", "epilog"):
        if key in kwargs:
            kwargs[key] = _wrap(kwargs[key])
    return sub.add_parser(name, formatter_class=_Formatter, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``alliances`` command."""
    from alliances._version import __version__

    parser = argparse.ArgumentParser(
        prog="alliances", description=_DESCRIPTION, epilog=_EPILOG, formatter_class=_Formatter
    )
    parser.add_argument("--version", action="version", version=f"alliances {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback on errors")
    parser.set_defaults(debug=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _sub(sub,
        "import", help="read the CSV files and print what was read, merged and skipped",
        description="Read the files and print the import report: rows read, ties and actors "
                    "created, rows skipped and why (file and line), suggested name merges.",
        epilog="examples:\n  alliances import antony-velo\n  alliances import enquete.csv "
               "acteurs.csv entretiens.csv\n",
    )
    _add_common(p)
    p.set_defaults(func=_cmd_import)

    p = _sub(sub,
        "map", help="write the interactive map as one offline HTML file",
        description="Write the interactive map: one HTML file that opens offline (e-mail "
                    "attachment, USB stick), with search, filters and a legend.",
        epilog="examples:\n  alliances map antony-velo -o carte.html\n"
               "  alliances map mes-donnees/ -o carte.html --size betweenness "
               "--relations confiance --title \"Comité vélo\"\n",
    )
    _add_common(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--size", metavar="MEASURE",
                   help="column of the actor table that sizes the actors (e.g. degree, betweenness)")
    p.add_argument("--title", help="title shown on the map")
    _add_analysis_options(p, attr_flag="--color")
    p.set_defaults(func=_cmd_map)

    p = _sub(sub,
        "report", help="write one HTML page to hand out: map, findings, tables, how to read them",
        description="Write a self-contained HTML report: the map, the import report, the key "
                    "findings in plain words (hybrid actors, trusted intermediaries, disconnected "
                    "groups, suggested introductions), the tables and how to read each measure.",
        epilog="examples:\n  alliances report antony-velo -o report.html\n"
               "  alliances report mes-donnees/ -o rapport.html --lang fr --title \"Antony à vélo\"\n",
    )
    _add_common(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="the HTML file to write")
    p.add_argument("--title", help="title of the report")
    p.add_argument("--no-map", action="store_true", help="leave the interactive map out")
    p.add_argument("--lang", choices=["en", "fr"], default="en",
                   help="language of the page (rapport en français : --lang fr)")
    _add_analysis_options(p, attr_flag="--color")
    p.set_defaults(func=_cmd_report)

    tables = "\n".join(f"  {name + '.csv':<22}{what}" for name, what in TABLES.items())
    p = _sub(sub,
        "analyze", aliases=["analyse"],
        help="write the tables (CSV and one .xlsx workbook) to a folder",
        description="Compute the measures and write one CSV file per table and one Excel "
                    f"workbook (alliances.xlsx) with a sheet per table:\n\n{tables}",
        epilog="examples:\n  alliances analyze antony-velo -o tableaux/\n"
               "  alliances analyze mes-donnees/ -o tableaux/ --sep \";\" --excel-bom   "
               "(Excel en français)\n\nCells starting with = + - @ are prefixed with ' so that "
               "a spreadsheet never runs them as formulas.\n",
    )
    _add_common(p)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write to")
    p.add_argument("--sep", default=",", help="CSV separator (default ','; use ';' for French Excel)")
    p.add_argument("--excel-bom", action="store_true",
                   help="write UTF-8 with a byte-order mark so Excel shows accents correctly")
    p.add_argument("--decimal", choices=[".", ","], metavar="MARK",
                   help="decimal mark in the CSV files (default ',' with --sep ';', else '.')")
    p.add_argument("--no-xlsx", action="store_true", help="write the CSV files only")
    _add_analysis_options(p, attr_flag="--attr")
    p.set_defaults(func=_cmd_analyze)

    from alliances.templates import TEMPLATE_KINDS  # light module: standard library only

    kinds = "\n".join(f"  {k:<14}{what}" for k, what in TEMPLATE_KINDS.items())
    p = _sub(sub,
        "template", help="write a blank CSV template (survey, interviews, actors, affiliations)",
        description=f"Write a blank CSV template with the headers alliances recognises.\n\n{kinds}"
                    "\n\nFrench templates (--lang fr) use ';' and open directly in Excel.",
        epilog="examples:\n  alliances template survey-long --lang fr -o enquete.csv\n"
               "  alliances template actors -o actors.csv\n  alliances template interviews   "
               "(prints to the screen)\n",
    )
    p.add_argument("kind", choices=list(TEMPLATE_KINDS), metavar="KIND",
                   help=f"one of: {', '.join(TEMPLATE_KINDS)}")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="header language (default en)")
    p.add_argument("-o", "--output", metavar="FILE", help="file to write (default: print it)")
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
    actor,event,event_type,date
    0
    """
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
        print(f"alliances: error: {_message(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except _MissingDependencyError as exc:
        print(f"alliances: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("alliances: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"alliances: unexpected error: {type(exc).__name__}: {exc}\n"
            "Run again with --debug to see where it happened, and please report it.",
            file=sys.stderr,
        )
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
        text = str(message)
        if text not in shown:
            shown.add(text)
            print(f"alliances: warning: {text}", file=sys.stderr)

    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = show
        return int(args.func(args))


def _message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    return str(exc)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
