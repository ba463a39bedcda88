"""Pytest plugin loaded before collection (see ``addopts`` in pyproject.toml).

It runs before any block in ``docs/`` or any test imports TensorFlow or torch, so
the settings below apply to everything the test run executes:

* TensorFlow's C++ logs and oneDNN banner stay out of the test output;
* every framework runs on the CPU, so results do not depend on a GPU being present.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["CUDA_VISIBLE_DEVICES"] = ""


def pytest_terminal_summary(terminalreporter):
    """Say what ran, by kind, so a green run shows it covered the whole site."""
    kinds = {
        "code blocks on pages (docs/*.md)": lambda n: n.startswith("docs/"),
        "snippets run and their shown output": lambda n: n.startswith("tests/test_snippets.py"),
        "notebooks executed by the site build": lambda n: n.startswith(
            "tests/test_site.py::test_notebook_page"
        ),
        "build hooks": lambda n: n.startswith("tests/test_hooks.py"),
        "site build and built-page checks": lambda n: n.startswith("tests/test_site.py")
        and "test_notebook_page" not in n,
        "coverage both ways (fences, snippets, nav)": lambda n: "test_docs_coverage" in n,
        "lint (ruff)": lambda n: n.startswith("tests/test_lint.py"),
        "porting converter (property-based)": lambda n: n.startswith("tests/test_porting.py"),
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
    terminalreporter.section("what ran")
    for kind, by_outcome in counts.items():
        if by_outcome:
            summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(by_outcome.items()))
            terminalreporter.write_line(f"{kind:45} {summary}")
