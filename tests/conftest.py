"""Fixtures shared by the tests of the built site (test_site.py, test_copyable.py)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Build:
    out: Path  # the built site
    returncode: int
    log: str  # stdout and stderr of `mkdocs build --strict`


@pytest.fixture(scope="session")
def build(pytestconfig) -> Build:
    """`mkdocs build --strict`, once per run, with the notebook cache off (each notebook is
    executed exactly once per run, here). The build itself is started in the background by
    tests/plugin.py, as early as the run shows it is needed (`start_site_build`); this waits for
    it. RNN_SHAPES_SITE_DIR keeps the built site (the deploy workflow publishes it); by default
    it goes to a temporary folder, removed when the run ends."""
    from tests.plugin import start_site_build

    running = start_site_build(pytestconfig)  # already running, unless started by nothing
    returncode, log = running.wait()
    return Build(running.out, returncode, log)


@pytest.fixture(scope="session")
def site(build) -> Path:
    """The built site's folder. If the build failed, the tests that read the site are skipped:
    the failure is reported once, by test_site.py::test_build_is_strict_and_clean."""
    if build.returncode != 0:
        pytest.skip("the site did not build: see test_site.py::test_build_is_strict_and_clean")
    return build.out


@pytest.fixture(scope="session")
def served(request):
    """The built site served over HTTP on 127.0.0.1 (a free port), for the browser tests; text
    is sent gzip-encoded when the browser asks, as GitHub Pages does (tests/empty_site.py's
    `serve`), so transferred bytes are what a visitor pays.
    RNN_SHAPES_SERVED_SITE=/path/to/site serves a site built apart instead, to iterate on a
    browser test without rebuilding (the run's own build is then not used by these tests)."""
    from tests.empty_site import serve

    folder = os.environ.get("RNN_SHAPES_SERVED_SITE")
    site = Path(folder) if folder else request.getfixturevalue("site")
    with serve(site) as url:
        yield url


def _chromium() -> str | None:
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return os.environ.get("CHROMIUM") or found


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright. Playwright's own browser download is not used:
    it runs the system's Chromium (Debian's `chromium`; CHROMIUM=/path overrides). Without one
    the browser tests are skipped, except in CI (CI=true), where .ci/run installs it."""
    executable = _chromium()
    if executable is None:
        message = "no Chromium found: apt-get install chromium, or set CHROMIUM=/path/to/chrome"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI installs it in .ci/run)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield chromium
        chromium.close()
