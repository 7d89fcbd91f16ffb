"""The saved Antony figure: legend and labels inside the figure, no two labels overlap (issue 16, item 3)."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

import alliances
from alliances.maps.static import plot_map


@pytest.fixture(scope="module")
def antony(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load("antony-velo")
        path = tmp_path_factory.mktemp("fig") / "antony.pdf"
        ax = plot_map(G, path=path)
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
    boxes = [t.get_window_extent(renderer) for t in labels]
    for b in boxes:
        assert frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())
    # every connected group has its most important actor labelled: the two small groups too
    texts = {t.get_text() for t in labels}
    assert {"Boucherie Pajeaud", "Club des retraités de la Croix-de-Berny"} <= texts
    assert ax.alliances_caption.startswith(f"Labelled: {len(labels)} of 51 actors")
    # the PDF embeds TrueType fonts (Type 42), set for that save only
    assert b"/FontFile2" in path.read_bytes()
    assert matplotlib.rcParams["pdf.fonttype"] == 3
