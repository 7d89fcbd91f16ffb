"""The saved Antony figure: legend and labels inside the figure, no two labels overlap (issue 16, item 3)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import alliances
from alliances.maps.static import plot_map


@pytest.fixture(scope="module", params=["en", "fr"])
def antony(request, tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load("antony-velo")
        path = tmp_path_factory.mktemp("fig") / "antony.pdf"
        ax = plot_map(G, path=path, lang=request.param)
    yield ax, path
    plt.close("all")


def test_legend_and_labels_inside_and_apart(antony):
    ax, path = antony
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    frame = fig.bbox
    leg = ax.get_legend().get_window_extent(renderer)
    assert frame.x0 <= leg.x0 and leg.x1 <= frame.x1 and frame.y0 <= leg.y0 and leg.y1 <= frame.y1
    labels = [t for t in ax.texts if t.get_text()]
    assert len(labels) >= 10
    # the two separate groups are outlined and named, their names inside and clear of the labels
    names = [t for t in fig.texts if t.get_gid() == "alliances-group-name"]
    assert len(names) == 2
    labels = labels + names
    boxes = [t.get_window_extent(renderer) for t in labels]
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    # every connected group has its most important actor labelled: the two small groups too
    texts = {t.get_text() for t in labels}
    assert {"Boucherie Pajeaud", "Club des retraités de la Croix-de-Berny"} <= texts
    english = ax.get_legend().get_texts()[0].get_text() == "public authority"
    n_labels = len(labels) - len(names)
    if english:
        assert ax.alliances_caption.startswith(f"Labelled: {n_labels} of 51 actors")
        assert [t.get_text() for t in names] == ["separate group (4 actors)"] * 2
    else:
        assert ax.alliances_caption.startswith(f"Étiquetés : {n_labels} acteurs sur 51")
        assert [t.get_text() for t in names] == ["groupe à part (4 acteurs)"] * 2
    # the title is the study's name in the figure's language (its study.toml), not a slug
    assert ax.get_title() == ("Antony bicycle committee" if english else "Comité vélo d'Antony")
    # the PDF embeds TrueType fonts (Type 42), set for that save only
    assert b"/FontFile2" in path.read_bytes()
    assert matplotlib.rcParams["pdf.fonttype"] == 3


def test_svg_has_the_glyphs_as_outlines(tmp_path):
    """SVG: the text is drawn as glyph outlines (no font needed to open it), set for that save only."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load("antony-velo")
        path = tmp_path / "antony.svg"
        plot_map(G, path=path)
    svg = path.read_text(encoding="utf-8")
    assert "<text" not in svg and "<path" in svg and 'id="DejaVuSans-' in svg
    plt.close("all")
