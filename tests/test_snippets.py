"""Run every file in snippets/ as a script, and check the output pages show for it.

Snippets are discovered, not listed: a new file in snippets/ is tested with no new test. Each
runs as ``__main__`` in this process (the frameworks are imported once per test run), with its
own folder on ``sys.path`` as when a reader runs ``python snippets/<file>.py``; the asserts in
it are its checks. Where a page shows what a snippet prints, under
``<!-- snippet-output: snippets/<file>.py -->``, the text must equal the snippet's stdout
(``pytest --update-examples`` rewrites it instead).
"""

from __future__ import annotations

import contextlib
import io
import runpy
import sys

import pytest

from overrides.hooks.generated import snippet_files
from tests import update_examples
from tests.site_sources import ROOT, all_fences

SNIPPET_FILES = snippet_files()
_outputs: dict[str, str] = {}


def _run(path) -> str:
    rel = path.relative_to(ROOT).as_posix()
    if rel not in _outputs:
        buffer = io.StringIO()
        sys.path.insert(0, str(path.parent))
        try:
            with contextlib.redirect_stdout(buffer):
                runpy.run_path(str(path), run_name="__main__")
        finally:
            sys.path.remove(str(path.parent))
        _outputs[rel] = buffer.getvalue()
    return _outputs[rel]


@pytest.mark.parametrize("path", SNIPPET_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_snippet_runs(path):
    _run(path)


def _shown_outputs():
    for fence in all_fences():
        for marker in fence.markers:
            if marker.startswith("snippet-output:"):
                yield fence, marker.split(":", 1)[1].strip()


@pytest.mark.parametrize(
    "shown", list(_shown_outputs()), ids=lambda s: f"{s[0].where}<-{s[1]}"
)
def test_shown_output_matches(shown, request):
    fence, rel = shown
    path = ROOT / rel
    assert path in SNIPPET_FILES, f"{fence.where}: snippet-output names {rel}, not a snippet"
    actual = _run(path)
    if request.config.getoption(update_examples.OPTION) and actual != fence.body:
        update_examples.record(fence, actual)
        return
    assert actual.rstrip("\n") == fence.body.rstrip("\n"), (
        f"{fence.where} shows output that {rel} no longer prints.\n--- shown\n{fence.body}"
        f"--- printed\n{actual}"
    )
