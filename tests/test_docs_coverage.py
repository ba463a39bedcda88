"""Coverage both ways: every piece of code on the site runs, and every snippet is on the site.

* Every fence in docs/ that holds Python is executed by pytest-codeblocks (spelled exactly
  ```python) or is a snippet include (```py holding only --8<-- lines, tested by
  test_snippets.py). pytest-codeblocks silently ignores other spellings, so this test reports them.
* Every output shown on a page (a ```text fence) is checked: it is a pytest-codeblocks
  expected output, or a snippet's output compared by test_snippets.py.
* Every file in snippets/ is included by some page, by named section or whole.
* Every skip carries its reason; every page and notebook is in the nav; notebooks are stored
  without outputs (the build executes them).
"""

from __future__ import annotations

import json
import re

import pytest

from overrides.hooks.generated import snippet_files
from tests.site_sources import (
    DOCS,
    INCLUDE,
    ROOT,
    all_fences,
    executed_python,
    fences,
    markdown_pages,
    nav_sources,
)

PYTHONISH = {"py", "py3", "python", "python3", "pycon", "ipython", "ipython3", "{.python}"}
# Pages are shaped by their ideas (one H2 each), not by a line budget; a page this long holds
# more than one idea and is split in two.
MAX_PAGE_LINES = 400
FENCES = all_fences()


def _ids(fence):
    return fence.where


@pytest.mark.parametrize("fence", [f for f in FENCES if f.lang in PYTHONISH], ids=_ids)
def test_python_fence_is_executed_or_an_include(fence):
    if executed_python(fence):
        return
    lines = [ln.strip() for ln in fence.body.splitlines() if ln.strip()]
    is_include = fence.info == "py" and lines and all(ln.startswith("--8<--") for ln in lines)
    assert is_include, (
        f"{fence.where}: fence '{fence.opener}{fence.info}' holds Python that pytest-codeblocks "
        "will never run: spell it exactly ```python (no title, options or other spelling), or "
        "put the code in snippets/ and include it in a ```py fence"
    )


@pytest.mark.parametrize("fence", FENCES, ids=_ids)
def test_fence_has_a_language(fence):
    assert fence.lang, f"{fence.where}: a fence without a language is neither run nor checked"


@pytest.mark.parametrize("fence", [f for f in FENCES if f.lang == "text"], ids=_ids)
def test_shown_output_is_checked(fence):
    checked = fence.has_marker("pytest-codeblocks:expected-output") or fence.has_marker(
        "snippet-output:"
    )
    assert checked, (
        f"{fence.where}: a ```text block shows output nobody checks; precede it with "
        "<!--pytest-codeblocks:expected-output--> (the output of the block above) or "
        "<!-- snippet-output: snippets/<file>.py --> (a snippet's whole output)"
    )


@pytest.mark.parametrize("fence", [f for f in FENCES if f.markers], ids=_ids)
def test_markers_are_used_as_meant(fence):
    for marker in fence.markers:
        if marker.startswith(("pytest.mark.skip", "pytest-codeblocks:skip")):
            assert "reason=" in marker, f"{fence.where}: a skip without a reason: {marker}"
        if marker.startswith("pytest-codeblocks:cont"):
            assert executed_python(fence), f"{fence.where}: 'cont' before a non-Python fence"
            page = fences(fence.path)
            before = page[page.index(fence) - 1] if page.index(fence) else None
            assert before is not None and executed_python(before), (
                f"{fence.where}: 'cont' after a non-Python fence: pytest-codeblocks would glue "
                "this code onto that fence (an output block), not onto the Python above it"
            )
        if marker.startswith("pytest-codeblocks:expected-output") or marker.startswith(
            "snippet-output:"
        ):
            assert fence.lang == "text", f"{fence.where}: output markers go before ```text"


def _includes():
    for page in markdown_pages():
        for m in INCLUDE.finditer(page.read_text(encoding="utf-8")):
            yield page, m.group("path"), m.group("section")


@pytest.mark.parametrize("snippet", snippet_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_snippet_is_on_a_page(snippet):
    rel = snippet.relative_to(ROOT).as_posix()
    pages = sorted({p.relative_to(ROOT).as_posix() for p, path, _ in _includes() if path == rel})
    assert pages, f"{rel} is included by no page in docs/: show it, or delete it"


@pytest.mark.parametrize(
    "include", list(_includes()), ids=lambda i: f"{i[0].name}:{i[1]}:{i[2]}"
)
def test_every_include_names_a_real_section(include):
    page, path, section = include
    target = ROOT / path
    assert target.is_file(), f"{page.name} includes {path}, which does not exist"
    if section:
        text = target.read_text(encoding="utf-8")
        for edge in ("start", "end"):
            assert f"# --8<-- [{edge}:{section}]" in text, (
                f"{page.name} includes section '{section}' of {path}, which has no [{edge}] line"
            )


def _nav_files():
    return set(nav_sources())


@pytest.mark.parametrize(
    "page", sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]), ids=lambda p: p.name
)
def test_every_page_is_in_the_nav(page):
    if ".ipynb_checkpoints" in page.parts:
        pytest.fail(f"{page}: stray Jupyter checkpoint in docs/")
    rel = page.relative_to(DOCS).as_posix()
    assert rel in _nav_files(), f"docs/{rel} is not in mkdocs.yml's nav"


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: p.name)
def test_page_shape(page):
    lines = page.read_text(encoding="utf-8").splitlines()
    in_code = {n for f in fences(page) for n in range(f.line, f.end + 1)}  # '# x' in code
    h1 = [ln for n, ln in enumerate(lines, 1) if n not in in_code and re.match(r"# \S", ln)]
    assert len(h1) == 1 and lines[0].startswith("# "), f"{page.name}: one H1, on the first line"
    assert len(lines) <= MAX_PAGE_LINES, (
        f"{page.name} has {len(lines)} lines: it holds more than one idea; split it by idea"
    )


@pytest.mark.parametrize("notebook", sorted(DOCS.rglob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_is_stored_clean(notebook):
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    assert nb["metadata"].get("kernelspec", {}).get("name") == "python3", "kernel must be python3"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "code":
            assert not cell.get("outputs"), f"cell {i} has stored outputs: the build makes them"
            assert cell.get("execution_count") is None, f"cell {i} has an execution count"
    first = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    assert re.match(r"#\s", "".join(first["source"])), "a notebook starts with a '# Title' cell"
