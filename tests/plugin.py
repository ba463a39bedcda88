"""Pytest plugin loaded before collection (see ``addopts`` in pyproject.toml).

It runs before any block in ``docs/`` or any test imports TensorFlow or torch, so
the settings below apply to everything the test run executes:

* TensorFlow's C++ logs and oneDNN banner stay out of the test output;
* every framework runs on the CPU, so results do not depend on a GPU being present —
  unless RNN_SHAPES_GPU=1 is set, for running the GPU-only blocks of the error pages on a CUDA
  machine (`RNN_SHAPES_GPU=1 pytest docs/errors`).

It also adds ``--update-examples`` (tests/update_examples.py): rewrite the outputs shown on the
pages with what their code prints now.

And it starts the strict site build in the background (``SiteBuild``, joined by the ``build``
fixture in tests/conftest.py), so that the build — most of it the notebook kernels, each paying
the framework imports — runs on a second core while the tests that do not read the built site
run here; those that do are moved to the end of the run.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
if os.environ.get("RNN_SHAPES_GPU") != "1":
    os.environ["CUDA_VISIBLE_DEVICES"] = ""


def pytest_addoption(parser):
    parser.addoption(
        "--update-examples", action="store_true",
        help="rewrite each checked output shown in docs/ (```text blocks) with what its code "
        "prints now, instead of failing on a difference; review the result with git diff",
    )


def pytest_collection_modifyitems(config, items):
    # Tests that read the built site last: the background build then has the longest head start.
    items[:] = [i for i in items if not _needs_build(i)] + [i for i in items if _needs_build(i)]
    if not config.getoption("--update-examples"):
        return
    from tests import update_examples

    for item in items:
        block = getattr(item, "obj", None)
        if type(item).__module__ == "pytest_codeblocks.plugin" and block.syntax == "python" \
                and block.expected_output is not None:
            item.runtest = lambda item=item: update_examples.codeblock_runtest(item)


ROOT = Path(__file__).resolve().parents[1]


class SiteBuild:
    """`mkdocs build --strict` of the whole site into ``out``, as a background process, with the
    notebook cache off (each notebook is executed exactly once per run, here). Its output goes
    to a file, not a pipe: a pipe nobody reads while the tests run would fill up and stall it."""

    TIMEOUT_S = 1800

    def __init__(self, out: Path, *, temporary: bool):
        self.out = out.resolve()
        self.temporary = temporary  # a folder made for this run: removed when the run ends
        self._log = tempfile.TemporaryFile(mode="w+", prefix="mkdocs-build-")
        env = {**os.environ, "RNN_SHAPES_NOTEBOOK_CACHE": "false", "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(self.out)],
            cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,  # its own process group: stop() ends its kernels with it
        )

    def wait(self) -> tuple[int, str]:
        """Wait for the build to finish; return its exit status and its log."""
        try:
            returncode = self.process.wait(timeout=self.TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.stop()
            returncode = self.process.wait()
        self._log.seek(0)
        log = self._log.read()
        if returncode < 0:
            log += f"\n(the build was stopped by signal {-returncode}, after {self.TIMEOUT_S} s?)"
        return returncode, log

    def _signal(self, kill: bool) -> None:
        if hasattr(os, "killpg"):  # POSIX: the whole group, the kernels included
            os.killpg(self.process.pid, signal.SIGKILL if kill else signal.SIGTERM)
        else:
            self.process.kill() if kill else self.process.terminate()

    def stop(self) -> None:
        if self.process.poll() is None:
            self._signal(kill=False)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self._signal(kill=True)
                self.process.wait()

    def close(self) -> None:
        self.stop()
        self._log.close()
        if self.temporary:
            shutil.rmtree(self.out, ignore_errors=True)


SITE_BUILD = pytest.StashKey[SiteBuild]()


def start_site_build(config) -> SiteBuild:
    """The run's one site build: started now unless it already is. RNN_SHAPES_SITE_DIR keeps the
    built site (the deploy workflow publishes it); by default it goes to a temporary folder."""
    if SITE_BUILD not in config.stash:
        kept = os.environ.get("RNN_SHAPES_SITE_DIR")
        out = Path(kept) if kept else Path(tempfile.mkdtemp(prefix="rnn-shapes-site-"))
        config.stash[SITE_BUILD] = SiteBuild(out, temporary=not kept)
    return config.stash[SITE_BUILD]


def _needs_build(item) -> bool:
    """Whether a test reads the run's built site: through `build`/`site`, or through `served`
    (which serves the run's own build unless RNN_SHAPES_SERVED_SITE names another folder)."""
    names = getattr(item, "fixturenames", ())
    return "build" in names or ("served" in names and not os.environ.get("RNN_SHAPES_SERVED_SITE"))


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    # The whole suite (plain `pytest`, its testpaths) needs the build: start it before
    # collection, which itself spends seconds importing the frameworks. A narrower run starts
    # it once collection shows that a test needs it (pytest_collection_finish).
    whole = config.args_source == pytest.Config.ArgsSource.TESTPATHS
    if whole and not config.option.collectonly and not config.option.help:
        start_site_build(config)


def pytest_collection_finish(session):
    needed = not session.config.option.collectonly and any(map(_needs_build, session.items))
    if needed:
        start_site_build(session.config)
    elif SITE_BUILD in session.config.stash:  # started for nothing (-k, --collect-only)
        session.config.stash[SITE_BUILD].stop()


def pytest_unconfigure(config):
    if SITE_BUILD in config.stash:
        config.stash[SITE_BUILD].close()


def pytest_sessionfinish(session):
    if session.config.getoption("--update-examples"):
        from tests import update_examples

        session.config._updated_examples = update_examples.apply()


def pytest_terminal_summary(terminalreporter):
    """Say what ran, by kind, so a green run shows it covered the whole site."""
    kinds = {
        "code blocks on pages (docs/*.md)": lambda n: n.startswith("docs/"),
        "built pages' blocks, each pasted alone": lambda n: n.startswith("tests/test_copyable"),
        "snippets run and their shown output": lambda n: n.startswith("tests/test_snippets.py"),
        "cheat-sheet rows × sizes × directions": lambda n: n.startswith("tests/test_cheat_"),
        "notebooks executed by the site build": lambda n: n.startswith(
            "tests/test_site.py::test_notebook_page"
        ),
        "site build and built-page checks": lambda n: n.startswith("tests/test_site.py")
        and "test_notebook_page" not in n,
        "build hooks, template overrides": lambda n: n.startswith(
            ("tests/test_hooks.py", "tests/test_overrides.py", "tests/test_startup.py")
        ),
        "coverage both ways (fences, snippets, nav)": lambda n: "test_docs_coverage" in n,
        "lint (ruff, one run)": lambda n: n.startswith("tests/test_lint.py"),
        "porting converter (property-based)": lambda n: n.startswith("tests/test_porting.py"),
        "--update-examples machinery": lambda n: n.startswith("tests/test_update_examples"),
        "in Chromium: search, explorer, layout, audits": lambda n: n.startswith(
            ("tests/test_browser_", "tests/test_explorer.py", "tests/test_audits.py",
             "tests/test_budgets.py")
        ),
    }
    counts = {kind: {} for kind in [*kinds, "other tests"]}
    for outcome in ("passed", "failed", "skipped", "error", "xfailed", "xpassed"):
        for report in terminalreporter.stats.get(outcome, []):
            nodeid = getattr(report, "nodeid", "")
            if not nodeid or getattr(report, "when", "call") not in ("call", "setup"):
                continue
            if outcome == "passed" and report.when != "call":
                continue
            kind = next((k for k, match in kinds.items() if match(nodeid)), "other tests")
            counts[kind][outcome] = counts[kind].get(outcome, 0) + 1
    updated = getattr(terminalreporter.config, "_updated_examples", None)
    if updated is not None:
        terminalreporter.section("--update-examples")
        terminalreporter.write_line(f"{len(updated)} shown outputs rewritten; review: git diff")
        for where in updated:
            terminalreporter.write_line(f"  {where}")
    terminalreporter.section("what ran")
    for kind, by_outcome in counts.items():
        if by_outcome:
            summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(by_outcome.items()))
            terminalreporter.write_line(f"{kind:45} {summary}")
