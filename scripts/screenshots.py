"""Write the documentation's screenshots: ``python3 scripts/screenshots.py``.

Renders the Antony sample's interactive map (1400 x 850) and its report's
first screen (1280 x 800), in English and French, in headless Chromium
(Debian's ``chromium``, driven by Playwright), into ``docs/img``:
``antony-map-en.png``, ``antony-map-fr.png``, ``report-en.png``,
``report-fr.png``. Look at them before committing them.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

#: non-white pixels on the map's canvas: the ties and actors drawn
CANVAS_INK = """() => {
  const c = document.querySelector('#mynetwork canvas');
  if (!c || !c.width) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0 && (d[i] < 230 || d[i + 1] < 230 || d[i + 2] < 230)) n++;
  }
  return n;
}"""


def main() -> int:
    _setup.reexec_in_venv(Path(__file__), extras="test")
    from playwright.sync_api import sync_playwright

    import alliances
    from alliances.report import write_report

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("No Chromium found: install Debian's chromium package (apt-get install chromium).")
        return 1
    img = _setup.ROOT / "docs" / "img"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        G = alliances.samples.load("antony-velo")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        for lang in ("en", "fr"):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                the_map = Path(tmp) / f"map-{lang}.html"
                alliances.interactive_map(G, lang=lang).save(the_map)
                report = write_report(G, Path(tmp) / f"report-{lang}.html", lang=lang,
                                      date="2026-12-05")
            for source, size, target, frame_of in [
                (the_map, (1400, 850), img / f"antony-map-{lang}.png", False),
                (report, (1280, 800), img / f"report-{lang}.png", True),
            ]:
                page = browser.new_page(viewport={"width": size[0], "height": size[1]})
                page.goto(source.as_uri(), wait_until="load")
                frame = (next(f for f in page.frames if f != page.main_frame)
                         if frame_of else page.main_frame)
                frame.wait_for_function(f"({CANVAS_INK})() > 2000", timeout=20_000)
                page.wait_for_timeout(1500)  # the layout's last frames and the labels' pass
                page.screenshot(path=str(target))
                page.close()
                print(f"wrote {target.relative_to(_setup.ROOT)}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
