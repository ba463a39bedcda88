"""The reader's promise: every Python block the built site shows runs when pasted alone into a
fresh interpreter, unless the page says that it continues the block above.

The blocks are read from the *built* pages, after snippet includes and tabs, in page order, as a
reader sees them: ```python fences and included snippet sections (```py) alike. A block under
the page's "Continues the block above" note (the build hook writes it for every
``<!--pytest-codeblocks:cont-->`` marker) is run after the blocks it continues, in the same
process. A block under "Needs a CUDA GPU" is not run here (the test run hides GPUs, see
tests/plugin.py). Each chain runs in a fresh process (tests/fresh_python.py); only its success
is checked here: what blocks print is checked by pytest-codeblocks and tests/test_snippets.py.

Notebook pages are not read here: they say that their cells continue each other, and the strict
build executes each notebook top to bottom in a new kernel, which is the reader's path there.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser

import pytest

from tests.fresh_python import run_fresh
from tests.site_sources import ROOT, fences, markdown_pages

PAGES = markdown_pages()
PYTHON_CLASSES = {"language-python", "language-py"}


class _Blocks(HTMLParser):
    """The Python code blocks of one built page, in order, each with whether the page marks it
    as continuing the block above."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[bool, str]] = []
        self._depth = 0  # depth inside a Python highlight <div>, 0 when outside
        self._in_code = False
        self._text: list[str] = []
        self._continues = False
        self._needs_gpu = False
        self.gpu_blocks = 0  # blocks under the "Needs a CUDA GPU" note, not run here

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "p" and "continues" in classes:
            self._continues = True
        if tag == "p" and "needs-gpu" in classes:
            self._needs_gpu = True
        if tag == "div":
            if self._depth:
                self._depth += 1
            elif classes & PYTHON_CLASSES:
                self._depth = 1
        if tag == "code" and self._depth:
            self._in_code, self._text = True, []

    def handle_endtag(self, tag):
        if tag == "code" and self._in_code:
            self._in_code = False
            if self._needs_gpu:  # the test run has hidden the GPU (tests/plugin.py)
                self.gpu_blocks += 1
            else:
                self.blocks.append((self._continues, "".join(self._text)))
            self._continues = self._needs_gpu = False
        if tag == "div" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._in_code:
            self._text.append(data)


def _built_page(site, page):
    rel = page.relative_to(ROOT / "docs").with_suffix("")
    folder = rel.parent if rel.name == "index" else rel  # index.md is its folder's page
    html = site / folder / "index.html"
    return html.read_text(encoding="utf-8")


def page_chains(html: str) -> tuple[list[str], int]:
    """The page's blocks joined into chains (a continuing block is appended to the one before)
    and the number of blocks read."""
    parser = _Blocks()
    parser.feed(html)
    chains: list[str] = []
    for continues, code in parser.blocks:
        if continues and chains:
            chains[-1] += "\n" + code
        else:
            chains.append(code)
    return chains, len(parser.blocks) + parser.gpu_blocks


@pytest.fixture(scope="session")
def results(site):
    """Every chain of every page, run once, all in one batch (the children run in parallel)."""
    chains = {page: page_chains(_built_page(site, page)) for page in PAGES}
    flat = [(page, code) for page, (page_list, _) in chains.items() for code in page_list]
    outcomes = run_fresh([code for _, code in flat])
    by_page: dict = {page: [] for page in PAGES}
    for (page, code), outcome in zip(flat, outcomes, strict=True):
        by_page[page].append((code, outcome))
    return chains, by_page


@cache
def _source_blocks(page) -> int:
    """How many Python blocks the source shows: ```python fences and ```py includes."""
    return sum(f.lang in ("python", "py") for f in fences(page))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_block_runs_alone(results, page):
    chains, by_page = results
    _, shown = chains[page]
    # Guard against reading nothing: the built page shows as many blocks as the source has.
    assert shown == _source_blocks(page), (
        f"{page.name}: the built page shows {shown} Python blocks, the source has "
        f"{_source_blocks(page)}; is pygments_lang_class still on in mkdocs.yml?"
    )
    failed = [
        f"--- block {i} (starts: {code.strip().splitlines()[0]!r})\n{outcome.output[-1500:]}"
        for i, (code, outcome) in enumerate(by_page[page], 1)
        if not outcome.ok
    ]
    assert not failed, (
        f"{page.name}: blocks that fail when a reader pastes them alone into a fresh "
        "interpreter (give them their imports, or mark them <!--pytest-codeblocks:cont--> and "
        "say so in the prose):\n" + "\n".join(failed)
    )


def test_a_continuing_block_is_marked_on_the_page():
    """The parser reads the hook's note: a block under it joins the chain above it."""
    from overrides.hooks.generated import CONT_NOTE

    html = (
        '<div class="language-python highlight"><pre><code>x = 1\n</code></pre></div>'
        f"{CONT_NOTE}"
        '<div class="language-python highlight"><pre><code>print(x)\n</code></pre></div>'
        '<div class="language-text highlight"><pre><code>1\n</code></pre></div>'
        '<div class="language-py highlight"><pre><code>y = 2 &lt; 3\n</code></pre></div>'
    )
    assert page_chains(html) == (["x = 1\n\nprint(x)\n", "y = 2 < 3\n"], 3)


def test_fresh_processes_stay_fresh_across_calls():
    """One warmed server serves every run_fresh call of a run (the copy test's, the explorer's):
    a later call's children start as the first call's did — no layer counted, no name left by
    an earlier block, the default random state — and a block reading stdin gets EOF."""
    probe = ("import keras\nimport torch\n"
             "print(keras.layers.Dense(2).name, 'leak' in globals(), torch.rand(1).item())")
    spoil = ("import keras\nimport torch\nleak = 1\ntorch.manual_seed(5)\n"
             "keras.layers.Dense(2)\nkeras.layers.Dense(2)\nprint(keras.layers.Dense(2).name)")
    first = run_fresh([probe, spoil])
    second = run_fresh([probe, "print(input())"])
    assert first[0].ok and first[1].ok, (first[0].output, first[1].output)
    assert first[1].output == "dense_2\n", f"the spoiling block did not run: {first[1].output!r}"
    assert first[0].output.startswith("dense False "), first[0].output
    assert second[0].output == first[0].output, (
        f"a later call's child is not fresh: {second[0].output!r}, first {first[0].output!r}")
    assert not second[1].ok and "EOFError" in second[1].output, second[1].output
