"""ruff over all Python of the project, in one process: snippets, tests, build hooks, notebooks,
and the ```python fences of the pages, each as a reader would paste it (a `cont` block joined
to the block it continues), written to a temporary tree whose file names say where they come
from (``docs/reference/inputs.md:42`` becomes ``docs/reference/inputs.md_line42.py``)."""

from __future__ import annotations

import subprocess
import sys

from tests.site_sources import ROOT, python_sources


def test_ruff(tmp_path):
    fences = tmp_path / "fences"
    for where, source in python_sources():
        target = fences / f"{where.replace(':', '_line')}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
         str(ROOT / "pyproject.toml"), "snippets", "tests", "overrides", "docs", str(fences)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr).replace(f"{fences}/", "")
