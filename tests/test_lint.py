"""ruff over all Python of the project: snippets, tests, build hooks, notebooks, and the
```python fences of the pages (each as a reader would paste it; a `cont` block joined to the
block it continues)."""

from __future__ import annotations

import subprocess
import sys

from tests.site_sources import ROOT, python_sources


def _ruff(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", *args],
        cwd=ROOT, input=stdin, capture_output=True, text=True,
    )


def test_ruff_files():
    result = _ruff("snippets", "tests", "overrides", "docs")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_fences(tmp_path):
    problems = []
    for where, source in python_sources():
        result = _ruff("--stdin-filename", f"{where.replace(':', '_line')}.py", "-", stdin=source)
        if result.returncode != 0:
            problems.append(f"--- {where}\n{result.stdout}")
    assert not problems, "\n".join(problems)
