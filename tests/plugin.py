"""Pytest plugin loaded before collection (see ``addopts`` in pyproject.toml).

It runs before any block in ``docs/`` or any test imports TensorFlow or torch, so
the settings below apply to everything the test run executes:

* TensorFlow's C++ logs and oneDNN banner stay out of the test output;
* every framework runs on the CPU, so results do not depend on a GPU being present —
  unless RNN_SHAPES_GPU=1 is set, for running the GPU-only blocks of the error pages on a CUDA
  machine (`RNN_SHAPES_GPU=1 pytest docs/errors`).

It also adds ``--update-examples`` (tests/update_examples.py): rewrite the outputs shown on the
pages with what their code prints now.
"""

import os

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
    if not config.getoption("--update-examples"):
        return
    from tests import update_examples

    for item in items:
        block = getattr(item, "obj", None)
        if type(item).__module__ == "pytest_codeblocks.plugin" and block.syntax == "python" \
                and block.expected_output is not None:
            item.runtest = lambda item=item: update_examples.codeblock_runtest(item)


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
            ("tests/test_hooks.py", "tests/test_overrides.py")
        ),
        "coverage both ways (fences, snippets, nav)": lambda n: "test_docs_coverage" in n,
        "lint (ruff, one run)": lambda n: n.startswith("tests/test_lint.py"),
        "porting converter (property-based)": lambda n: n.startswith("tests/test_porting.py"),
        "--update-examples machinery": lambda n: n.startswith("tests/test_update_examples"),
        "in Chromium: search lands, the explorer": lambda n: n.startswith(
            ("tests/test_browser_search.py", "tests/test_explorer.py")
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
