"""ruff over all Python of the project, in one process: snippets, tests, build hooks, notebooks,
and the ```python fences of the pages, each as a reader would paste it (a `cont` block joined
to the block it continues), written to a temporary tree whose file names say where they come
from (``docs/reference/inputs.md:42`` becomes ``docs/reference/inputs.md_line42.py``).

Code a page shows is held to a shorter line than the rest (pyproject.toml's 100): a code block
at 1280 px fits 80 characters without scrolling sideways (tests/test_browser_layout.py measures
it), so every line of the pages' Python fences and of the snippet sections they include is at
most SHOWN_LINE_LENGTH. ruff has no per-path line length, so that is a second ruff run, over
the fences and the included sections only (``snippets/porting.py:gates`` becomes
``snippets/porting.py_gates.py``).
"""

from __future__ import annotations

import subprocess
import sys

from tests.site_sources import INCLUDE, ROOT, all_fences, python_sources

SHOWN_LINE_LENGTH = 79  # 80 fit at 1280 px in Chromium with the site's fonts; one to spare


def _shown_sections() -> dict[str, str]:
    """Every snippet (or named section of one) that a page includes into a code block."""
    shown = {}
    for fence in all_fences():
        for m in INCLUDE.finditer(fence.body):
            text = (ROOT / m.group("path")).read_text(encoding="utf-8")
            if m.group("section"):
                start, end = (f"# --8<-- [{edge}:{m.group('section')}]\n"
                              for edge in ("start", "end"))
                text = text.split(start, 1)[1].split(end, 1)[0]
            shown[f"{m.group('path')}_{m.group('section') or 'whole'}"] = text
    return shown


def _ruff(*args: str):
    return subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
         str(ROOT / "pyproject.toml"), *args],
        cwd=ROOT, capture_output=True, text=True,
    )


def _write_sources(folder, sources) -> None:
    """Each (where, source) as its own .py file under `folder`, named after where it is."""
    for where, source in sources:
        target = folder / f"{where.replace(':', '_line')}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source, encoding="utf-8")


def test_ruff(tmp_path):
    fences = tmp_path / "fences"
    _write_sources(fences, python_sources())
    result = _ruff("snippets", "tests", "overrides", "docs", str(fences))
    assert result.returncode == 0, (result.stdout + result.stderr).replace(f"{fences}/", "")


def test_shown_code_fits_the_column(tmp_path):
    shown = tmp_path / "shown"
    _write_sources(shown, [*python_sources(), *_shown_sections().items()])
    result = _ruff("--config", f"line-length = {SHOWN_LINE_LENGTH}", "--select", "E501",
                   str(shown))
    assert result.returncode == 0, (
        f"code shown on a page must fit {SHOWN_LINE_LENGTH} characters a line (wider scrolls "
        "sideways at 1280 px):\n" + (result.stdout + result.stderr).replace(f"{shown}/", "")
    )
