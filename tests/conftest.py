"""Fixtures shared by the tests of the built site (test_site.py, test_copyable.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.site_sources import ROOT


@dataclass
class Build:
    out: Path  # the built site
    returncode: int
    log: str  # stdout and stderr of `mkdocs build --strict`


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    """`mkdocs build --strict`, once per run, with the notebook cache off (each notebook is
    executed exactly once per run, here). RNN_SHAPES_SITE_DIR keeps the built site (the deploy
    workflow publishes it); by default it goes to a temporary folder."""
    out = Path(os.environ.get("RNN_SHAPES_SITE_DIR") or tmp_path_factory.mktemp("site"))
    env = {**os.environ, "RNN_SHAPES_NOTEBOOK_CACHE": "false", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out.resolve())],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )
    return Build(out.resolve(), result.returncode, result.stdout + result.stderr)


@pytest.fixture(scope="session")
def site(build) -> Path:
    """The built site's folder. If the build failed, the tests that read the site are skipped:
    the failure is reported once, by test_site.py::test_build_is_strict_and_clean."""
    if build.returncode != 0:
        pytest.skip("the site did not build: see test_site.py::test_build_is_strict_and_clean")
    return build.out


@pytest.fixture(scope="session")
def served(request):
    """The built site served over HTTP on 127.0.0.1 (a free port), for the browser tests.
    RNN_SHAPES_SERVED_SITE=/path/to/site serves a site built apart instead, to iterate on a
    browser test without rebuilding (the run's own build is then not used by these tests)."""
    import functools
    import http.server
    import threading

    folder = os.environ.get("RNN_SHAPES_SERVED_SITE")
    site = Path(folder) if folder else request.getfixturevalue("site")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


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
