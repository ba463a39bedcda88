"""``pytest --update-examples`` (tests/update_examples.py) rewrites a stale shown output, and only
that: the fence lines, indentation, markers and every other block stay as they are."""

from __future__ import annotations

import textwrap
from types import SimpleNamespace

import pytest
from pytest_codeblocks.main import extract_from_file

from tests import update_examples

PAGE = textwrap.dedent("""\
    # A page

    === "PyTorch"

        ```python
        print("new line 1")
        print("new line 2")
        ```

        <!--pytest-codeblocks:expected-output-->
        ```text
        old output
        ```

    ```python
    print("same")
    ```

    <!--pytest-codeblocks:expected-output-->
    ```text
    same
    ```
    """)


def test_a_stale_output_is_rewritten_in_place(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    for block in extract_from_file(page):
        if block.syntax == "python":
            update_examples.codeblock_runtest(SimpleNamespace(obj=block, path=page))
    assert update_examples.apply() == [f"{page}:11"], "only the stale block is rewritten"
    want = PAGE.replace("    old output\n", "    new line 1\n    new line 2\n")
    assert page.read_text(encoding="utf-8") == want


def test_nothing_recorded_nothing_written(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE.replace("old output", "new line 1\n    new line 2"), encoding="utf-8")
    for block in extract_from_file(page):
        if block.syntax == "python":
            update_examples.codeblock_runtest(SimpleNamespace(obj=block, path=page))
    assert update_examples.apply() == []


def test_a_blank_line_in_an_indented_output_is_refused(tmp_path):
    """pytest-codeblocks 0.18 drops the blank lines of an indented fence (in a tab): such an
    output could never match, so the update says so instead of writing it."""
    page = tmp_path / "page.md"
    blank = PAGE.replace('print("new line 2")', 'print()\n    print("x")')
    page.write_text(blank, encoding="utf-8")
    block = extract_from_file(page)[0]
    with pytest.raises(ValueError, match="blank line"):
        update_examples.codeblock_runtest(SimpleNamespace(obj=block, path=page))
