"""The conftest hook: with ``CI=true`` no test may skip, whatever way it skips.

Each case runs a small test file under the project's ``tests/conftest.py`` in a
separate pytest process (``pytester``), once with ``CI=true`` and once without.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = (Path(__file__).parent / "conftest.py").read_text(encoding="utf-8")

CASES = '''
import pytest

def test_skip_call():
    pytest.skip("numba is not installed")

@pytest.mark.skipif(True, reason="chromium is missing")
def test_skipif_mark():
    pass

@pytest.mark.skip(reason="not written yet")
def test_skip_mark():
    pass

def test_importorskip():
    pytest.importorskip("no_such_module_for_alliances")

@pytest.fixture
def needs_something():
    pytest.skip("fixture cannot set up")

def test_skip_in_fixture(needs_something):
    pass

@pytest.mark.xfail(reason="a known bug", strict=True)
def test_expected_failure():
    assert 1 == 2

def test_passes():
    assert 1 + 1 == 2
'''

MODULE_SKIP = '''
import pytest

no_such = pytest.importorskip("no_such_module_for_alliances")

def test_never_collected():
    pass
'''


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_cases=CASES, test_module_skip=MODULE_SKIP)
    return pytester


@pytest.mark.parametrize("ci", ["true", "1", "YES"])
def test_every_skip_fails_in_ci(project: pytest.Pytester, monkeypatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-rfE",
                                           "--continue-on-collection-errors")
    # the 2 skips in a test's body fail it; the 3 at set-up (marks, fixture) are
    # set-up errors, the module skipped at collection a collection error; the
    # xfail stays an xfail and the passing test passes
    result.assert_outcomes(failed=2, errors=4, passed=1, xfailed=1)
    assert result.ret != 0
    out = result.stdout.str()
    for reason in ("numba is not installed", "chromium is missing", "not written yet",
                   "could not import 'no_such_module_for_alliances'",
                   "fixture cannot set up"):
        assert f"skipped in CI: Skipped: {reason}" in out, reason
    assert out.count("CI=true: no test may skip in CI") >= 6
    assert "test_module_skip.py" in out


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_skips_stay_skips_outside_ci(project: pytest.Pytester, monkeypatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    result = project.runpytest_subprocess("-p", "no:cacheprovider", "-rs")
    result.assert_outcomes(skipped=6, passed=1, xfailed=1)
    assert result.ret == 0
    assert "skipped in CI" not in result.stdout.str()
