"""The documentation builds, and every Python example in it runs.

(a) ``mkdocs build --strict`` succeeds (site written to a temporary folder
outside the repository).

(b) Every ```` ```python ```` block of ``README.md`` and ``docs/**/*.md`` is
executed, file by file, in order, in one namespace per file, in a temporary
working directory that holds a copy of ``data/samples`` and
``data/templates`` (so ``alliances.load("data/samples/antony-velo")`` works as
it does from the repository). Blocks written as interactive sessions
(```` ```pycon ```` or starting with ``>>>``) are run as doctests: the output
shown must be the output obtained.

A block is skipped only when its fence says so with a reason,
```` ```python title="not run: <reason>" ````, for instance a function
signature shown as a summary; :data:`NOT_RUN` lists such blocks in pages whose
authors have not marked them yet. :data:`SETUP` gives the few pages whose
examples start from a folder or a graph "you already have" the setup that
makes the page's examples run as written (documented per page).
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
                   re.S | re.M)

# Blocks that are not runnable code, in pages this test's author does not own:
# (page, text the block starts with) -> reason. The fix is to mark the block
# ```python title="not run: <reason>"``` in the page and remove it from here.
NOT_RUN: dict[tuple[str, str], str] = {
    ("maps.md", "interactive_map(G, *,"): "function signature, shown as a summary",
    ("maps.md", "plot_map(G, *,"): "function signature, shown as a summary",
}

# Pages whose examples start from data "you already have": what the reader has,
# recreated from a bundled sample so the page's own code runs unchanged.
SETUP: dict[str, str] = {
    # "my_study/" is the reader's own study folder
    "data-model.md": "import shutil; shutil.copytree('data/samples/antony-velo', 'my_study')",
    # "enquete/" is the reader's survey folder; "alliances.key" is created by the page
    "privacy.md": "import shutil; shutil.copytree('data/samples/antony-velo', 'enquete')",
    # "mes-donnees/" is the reader's folder
    "cli.md": "import shutil; shutil.copytree('data/samples/antony-velo', 'mes-donnees')",
    # "survey-2024/", "survey-2025/": the reader's two waves; g2023..g2025: three loaded waves
    "methods/compare.md": (
        "import shutil, alliances\n"
        "shutil.copytree('data/samples/sqy-rse', 'survey-2024', ignore=shutil.ignore_patterns('wave2'))\n"
        "shutil.copytree('data/samples/sqy-rse/wave2', 'survey-2025')\n"
        "g2023 = alliances.load('survey-2024')\n"
        "g2024 = alliances.load('survey-2025')\n"
        "g2025 = alliances.load('survey-2025')\n"
    ),
    # the pages below say "G: the actor graph" (or the advice network) without building it
    "methods/brokerage.md": (
        "import networkx as nx, numpy as np, pandas as pd\n"
        "from alliances import brokerage_roles\n"
        "_m = np.loadtxt(r'{ref}/krackhardt_advice.csv', delimiter=',', dtype=int)\n"
        "_a = pd.read_csv(r'{ref}/krackhardt_attributes.csv', index_col='id')\n"
        "G = nx.relabel_nodes(nx.from_numpy_array(_m, create_using=nx.DiGraph), lambda i: i + 1)\n"
        "nx.set_node_attributes(G, _a['dept'].to_dict(), 'dept')\n"
    ).format(ref=(ROOT / "tests" / "data" / "reference").as_posix()),
}


@dataclass
class Block:
    page: str
    line: int
    lang: str
    info: str
    code: str

    @property
    def is_doctest(self) -> bool:
        return self.lang == "pycon" or self.code.lstrip().startswith(">>>")


def markdown_files() -> list[Path]:
    return [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]


def page_name(path: Path) -> str:
    return "README.md" if path == ROOT / "README.md" else path.relative_to(DOCS).as_posix()


def blocks(path: Path, text: str | None = None) -> list[Block]:
    """The Python blocks of a page (of ``text`` instead of the file's, when given)."""
    text = path.read_text(encoding="utf-8") if text is None else text
    found = []
    for m in FENCE.finditer(text):
        info = m.group("info").strip()
        lang = info.split()[0].lower() if info else ""
        if lang not in ("python", "py", "pycon"):
            continue
        body = m.group("body")
        indent = m.group("indent")
        if indent:  # a block inside an admonition or a list: drop its indentation
            body = "".join(line[len(indent):] if line.startswith(indent) else line
                           for line in body.splitlines(keepends=True))
        line = text.count("\n", 0, m.start()) + 2
        found.append(Block(page_name(path), line, lang, info, body))
    return found


def skip_reason(block: Block) -> str | None:
    mark = re.search(r'title="not run(?P<reason>[^"]*)"', block.info)
    if mark:
        reason = mark.group("reason").lstrip(":- ").strip()
        assert reason, f"{block.page}:{block.line}: say why the block is not run"
        return reason
    for (page, start), reason in NOT_RUN.items():
        if block.page == page and block.code.lstrip().startswith(start):
            return reason
    return None


PAGES = [p for p in markdown_files() if blocks(p)]


def test_blocks_are_found() -> None:
    # guard against a broken fence pattern making every test below vacuous
    readme = blocks(ROOT / "README.md")
    assert len(readme) == 1 and "alliances.samples.load" in readme[0].code
    started = blocks(DOCS / "getting-started.md")
    assert len(started) >= 4 and not any(b.is_doctest for b in started)
    prepared = blocks(DOCS / "preparing-data.md")
    assert [b.is_doctest for b in prepared].count(True) == 1
    # a doctest whose output differs must fail
    bad = Block("x.md", 1, "pycon", "pycon", ">>> 1 + 1\n3\n")
    with pytest.raises(AssertionError):
        run_doctest(bad, {}, "x.md")


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for sub in ("samples", "templates"):
        shutil.copytree(ROOT / "data" / sub, tmp_path / "data" / sub,
                        ignore=shutil.ignore_patterns("_*", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("path", PAGES, ids=[page_name(p) for p in PAGES])
def test_python_examples_run(path: Path, workdir: Path) -> None:
    run_page(path)


def run_page(path: Path, text: str | None = None) -> None:
    """Run every block of a page in order, in one namespace (``text``: the page as altered)."""
    import matplotlib

    matplotlib.use("Agg")
    page = page_name(path)
    namespace: dict = {"__name__": "__docs__"}
    if page in SETUP:
        exec(compile(SETUP[page], f"<setup of {page}>", "exec"), namespace)
    ran = 0
    for block in blocks(path, text):
        if skip_reason(block):
            continue
        where = f"{page}, block at line {block.line}"
        with warnings.catch_warnings():
            # the samples carry planted problems (an actor without sector...): the
            # warnings they raise are part of what the pages show, not failures
            warnings.simplefilter("ignore")
            if block.is_doctest:
                run_doctest(block, namespace, where)
            else:
                try:
                    exec(compile(block.code, where, "exec"), namespace)
                except Exception as error:  # pragma: no cover - the failure message
                    pytest.fail(f"{where} failed: {type(error).__name__}: {error}")
        ran += 1
    assert ran, f"{page}: every Python block was skipped"


def run_doctest(block: Block, namespace: dict, where: str) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(block.code, namespace, where, block.page, block.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    output: list[str] = []
    runner.run(test, out=output.append, clear_globs=False)
    # DocTest works on a copy of the namespace: names a session defines are kept
    # for the page's next blocks, as a reader running the page in order has them
    namespace.update(test.globs)
    result = runner.summarize(verbose=False)
    assert result.attempted, f"{where}: no example found"
    assert not result.failed, f"{where}:\n" + "".join(output)


# Methods pages whose worked example must be executed with its printed output checked.
WORKED = ["structural-holes.md", "betweenness.md", "brokerage.md", "clusters.md", "mixing.md",
          "introductions.md", "hybrids.md", "intermediaries.md"]


@pytest.mark.parametrize("name", WORKED)
def test_worked_examples_are_checked(name: str) -> None:
    # the worked example's numbers are printed by doctests, not written by hand only
    text = (DOCS / "methods" / name).read_text(encoding="utf-8")
    start = text.index("## Worked example")
    section = text[start:text.find("\n## ", start + 1)]
    found = blocks(DOCS / "methods" / name, section)
    assert any(b.is_doctest and not skip_reason(b) for b in found), (
        f"{name}: the worked example has no executed doctest")
    outputs = [line for b in found if b.is_doctest for line in b.code.splitlines()
               if line.strip() and not line.lstrip().startswith((">>>", "..."))]
    assert any(re.search(r"\d", line) for line in outputs), f"{name}: no number is checked"


@pytest.mark.parametrize("name", WORKED)
def test_a_wrong_number_in_a_worked_example_fails(name: str, workdir: Path) -> None:
    """Proof that the checks bite: each page with one printed number changed must fail."""
    path = DOCS / "methods" / name
    text = path.read_text(encoding="utf-8")
    start = text.index("## Worked example")
    for m in FENCE.finditer(text, start):
        if not m.group("body").lstrip().startswith(">>>"):
            continue
        body = m.group("body")
        # the last digit of the first output line holding a digit
        lines = body.splitlines(keepends=True)
        for i, line in enumerate(lines):
            if not line.lstrip().startswith((">>>", "...")) and re.search(r"\d", line):
                j = max(k for k, ch in enumerate(line) if ch.isdigit())
                lines[i] = line[:j] + str((int(line[j]) + 1) % 10) + line[j + 1:]
                break
        else:
            continue
        altered = text[:m.start("body")] + "".join(lines) + text[m.end("body"):]
        break
    else:  # pragma: no cover - test_worked_examples_are_checked says why
        pytest.fail(f"{name}: no printed number in the worked example")
    with pytest.raises((AssertionError, pytest.fail.Exception), match=r"Expected|failed"):
        run_page(path, altered)


def test_not_run_list_is_current() -> None:
    # an entry that matches no block any more hides nothing and must go
    for page, start in NOT_RUN:
        assert any(b.code.lstrip().startswith(start) for b in blocks(DOCS / page)), (page, start)


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    import importlib.util

    for module in ("mkdocs", "material", "mkdocstrings_handlers.python"):
        assert importlib.util.find_spec(module.split(".")[0]) is not None, (
            f"{module} is missing: pip install -e '.[docs]' to build the documentation")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    result = subprocess.run(
        [*command, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "api" / "index.html").is_file()
    assert (tmp_path / "site" / "preparing-data" / "index.html").is_file()


def test_api_reference_covers_every_public_name() -> None:
    import alliances

    documented = set()
    for path in DOCS.rglob("*.md"):
        for target in re.findall(r"^:::\s*(alliances[\w.]*)", path.read_text(encoding="utf-8"), re.M):
            documented.add(target.rsplit(".", 1)[-1])
            documented.add(target)
    api = (DOCS / "api.md").read_text(encoding="utf-8")
    missing = []
    for name in alliances.__all__:
        if name == "__version__":
            ok = "alliances.__version__" in api
        elif name == "samples":
            ok = "alliances.samples" in documented
        else:
            ok = name in documented
        if not ok:
            missing.append(name)
    assert not missing, f"public names without an API entry (add '::: module.name' to docs/api.md): {missing}"


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    # outputs hold whole maps (about 1 MB each): clear them before committing
    import json

    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, (
                f"{path.name}: clear the outputs (Edit > Clear Outputs of All Cells) before committing")


def test_template_to_map_as_in_preparing_data(workdir: Path) -> None:
    """The no-code walk-through of preparing-data.md, command by command."""
    from alliances.cli import main

    page = (DOCS / "preparing-data.md").read_text(encoding="utf-8")
    commands = ["alliances template survey-long --lang fr -o mon-etude/enquete.csv",
                "alliances template actors --lang fr -o mon-etude/acteurs.csv",
                "alliances import mon-etude/",
                "alliances map mon-etude/ -o carte.html",
                "alliances report mon-etude/ -o rapport.html --lang fr"]
    for command in commands:
        assert command in page, command
    for command in commands[:2]:
        assert main(command.split()[1:]) == 0
    # step 2 and 3: the rows shown on the page, typed in a spreadsheet and saved as CSV
    # (Excel keeps the byte-order mark and the ';' of the template)
    survey = Path("mon-etude/enquete.csv")
    survey.write_text(survey.read_text(encoding="utf-8-sig")
                      + "Claire Martin;Mairie d'Antony;Collectivité;Roue Libre Antony;"
                        "Collaboration;Mensuel;4;mobilité\n", encoding="utf-8-sig")
    actors = Path("mon-etude/acteurs.csv")
    actors.write_text(actors.read_text(encoding="utf-8-sig")
                      + "Mairie d'Antony;Collectivité;organisation;Antony;mobilité;Ville d'Antony\n"
                        "Roue Libre Antony;Association;organisation;Antony;mobilité;\n",
                      encoding="utf-8-sig")
    for command in commands[2:]:
        assert main([*command.split()[1:], "-q"]) == 0, command
    html = Path("carte.html").read_text(encoding="utf-8")
    assert "Roue Libre Antony" in html and "Mairie d" in html
    assert Path("rapport.html").stat().st_size > 0
