#!/usr/bin/env python3
"""Set up everything and run the whole test suite: ``python3 scripts/test.py``.

Creates ``.venv`` with the package and its test extra, makes sure a headless
Chromium is available for the browser tests (installing Debian's ``chromium``
package when run as root on a Debian/Ubuntu machine), then runs pytest over
the tests, the doctests in the sources and the notebooks. Extra arguments are
passed to pytest (``python3 scripts/test.py -k brokerage``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import _setup

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


def find_chromium() -> str | None:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str | None:
    found = find_chromium()
    if found:
        return found
    can_apt = sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0
    if can_apt:
        print("Installing Debian's chromium package for the browser tests ...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env,
                       stdout=subprocess.DEVNULL)
        return find_chromium()
    return None


def main() -> int:
    _setup.reexec_in_venv(Path(__file__), extras="test")
    chromium = ensure_chromium()
    if chromium:
        os.environ["ALLIANCES_CHROMIUM"] = chromium
    elif os.environ.get("CI"):
        print("No Chromium found and it could not be installed: the browser tests need it.")
        return 1
    else:
        print("No Chromium found: browser tests will fail. Install the 'chromium' package "
              "(apt-get install chromium) or Google Chrome, then run this again.")
    root = _setup.ROOT
    args = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider"]
    targets = ["tests", "src/alliances"]
    if (root / "notebooks").is_dir() and any((root / "notebooks").glob("*.ipynb")):
        targets.append("--nbmake")
        targets.append("notebooks")
    result = subprocess.run([*args, *targets, *sys.argv[1:]], cwd=root)
    if result.returncode == 5:
        print("pytest collected no tests: that is a failure, not a success.")
        return 1
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
