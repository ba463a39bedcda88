"""The build hooks in overrides/hooks/: what they generate, and the errors a page author gets."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from overrides.hooks import generated, mathml, notebooks


def _page(src_uri: str, toc=()):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), toc=list(toc))


def test_shape_diagram_request_becomes_svg():
    md = "Intro\n\n<!-- shape-diagram: N=2 T=5 D=3 M=4 K=6 -->\n\nAfter\n"
    html = generated.on_page_markdown(md, _page("index.md"), None, None)
    assert '<svg class="shape-diagram"' in html and "N×T×K = 2×5×6" in html
    assert "Intro" in html and "After" in html


@pytest.mark.parametrize(
    ("request_args", "message"),
    [
        ("N=2 T=5 D=3 M=4", "missing K"),
        ("N=2 T=5 D=3 M=4 K=6 sideways", "unknown token 'sideways'"),
        ("N=two T=5 D=3 M=4 K=6", "unknown token 'N=two'"),
        ("N=0 T=5 D=3 M=4 K=6", "N must be from 1 to 12"),
    ],
)
def test_bad_shape_diagram_request_says_what_is_allowed(request_args, message):
    md = f"<!-- shape-diagram: {request_args} -->\n"
    with pytest.raises(ValueError, match=message):
        generated.on_page_markdown(md, _page("x.md"), None, None)


@pytest.mark.parametrize(
    ("request_args", "kind", "label"),
    [
        ("unrolled N=2 T=5 D=3 M=4", "unrolled", "out: N×T×M = 2×5×4 (every h_t)"),
        ("h_n-order L=2 N=2 M=4", "h-n-order", "h_n: (L·dirs)×N×M = 4×2×4"),
        ("bidirectional N=2 T=5 M=4", "bidirectional", "out: N×T×2M = 2×5×8, one sample"),
        ("packing lengths=3,5 D=3", "packing", "batch_sizes = [2, 2, 2, 1, 1]"),
        ("stacking N=2 T=5 D=3 M=4 L=2", "stacking", "h_n: L×N×M = 2×2×4"),
    ],
)
def test_diagram_request_becomes_a_figure(request_args, kind, label):
    md = f"Intro\n\n    <!-- diagram: {request_args} -->\n\nAfter\n"
    html = generated.on_page_markdown(md, _page("x.md"), None, None)
    figure = '\n    <figure class="shape-diagram-figure" markdown="0">\n    <svg class='
    assert f'{figure}"shape-diagram shape-diagram--{kind}"' in html, html[:300]
    assert label in html and "<figcaption>" in html and html.endswith("After\n")


@pytest.mark.parametrize(
    ("request_args", "message"),
    [
        ("", "unknown picture ''; allowed: unrolled, h_n-order"),
        ("spiral N=2", "unknown picture 'spiral'"),
        ("unrolled N=2 T=5 D=3", "unrolled: missing M"),
        ("unrolled N=2 T=5 D=3 M=4 K=6", r"unrolled: unknown token 'K=6'; allowed: N=…, T=…"),
        ("stacking N=2 T=5 D=3 M=4 L=two", "unknown token 'L=two'"),
        ("packing lengths=3,,5 D=3", r"unknown token 'lengths=3,,5'; allowed: lengths=3,5, D=…"),
        ("bidirectional N=2 T=5 M=4 lengths=3", "unknown token 'lengths=3'"),
        ("unrolled N=2 T=9 D=3 M=4", r"x\.md: diagram: unrolled: T must be from 1 to 6"),
        ("packing lengths=3,0 D=3", r"lengths\[1\] must be from 1 to 8"),
    ],
)
def test_bad_diagram_request_says_what_is_allowed(request_args, message):
    with pytest.raises(ValueError, match=message):
        generated.on_page_markdown(f"<!-- diagram: {request_args} -->\n", _page("x.md"), None,
                                   None)


def test_a_continuing_block_says_so_on_the_page():
    md = (
        "```python\nx = 1\n```\n\n=== \"Tab\"\n\n    <!--pytest-codeblocks:cont-->\n"
        "    ```python\n    print(x)\n    ```\n"
    )
    out = generated.on_page_markdown(md, _page("x.md"), None, None)
    assert f"\n    {generated.CONT_NOTE}\n\n    ```python\n" in out, out
    assert out.count("<p class=\"continues\"") == 1


def test_a_gpu_only_block_says_so_on_the_page():
    md = f"Intro\n\n{generated.GPU_MARKER}\n```python\nimport torch\n```\n"
    out = generated.on_page_markdown(md, _page("x.md"), None, None)
    assert f"\n{generated.GPU_NOTE}\n\n```python\n" in out, out


def test_an_included_snippet_is_titled_with_its_file():
    md = '=== "A"\n\n    ```py\n    --8<-- "snippets/porting.py:bias"\n    ```\n'
    out = generated.on_page_markdown(md, _page("x.md"), None, None)
    assert '\n    ```py title="snippets/porting.py"\n    --8<-- "snippets/porting.py:bias"\n' in out


def test_unknown_cheat_sheet_table_names_the_allowed_ones():
    with pytest.raises(ValueError, match=r"x\.md: cheat-sheet: .*inputs"):
        generated.on_page_markdown("<!-- cheat-sheet: nonsense -->\n", _page("x.md"), None, None)


def test_arithmatex_and_notebook_math_become_mathml():
    html = '<p><span class="arithmatex">\\(h_t &lt; 1\\)</span></p>'
    out = mathml.on_page_content(html, _page("a.md"), None, None)
    assert out.startswith("<p><math") and "arithmatex" not in out and "<mo>&#x0003C;</mo>" in out
    nb = "<p>With $x_t$ and</p><pre>cost = $5 and $6</pre><p>$$a^2$$</p>"
    out = mathml.on_page_content(nb, _page("t/n.ipynb"), None, None)
    assert out.count("<math") == 2 and "<pre>cost = $5 and $6</pre>" in out


def test_notebook_pages_lose_cdn_scripts_only():
    html = (
        '<script src="https://cdnjs.cloudflare.com/mathjax.js"></script>'
        '<script type="text/x-mathjax-config">MathJax.Hub.Config({})</script>'
        '<script type="module">import mermaid from "https://cdn.jsdelivr.net/x.mjs"</script>'
        "<script>document.addEventListener('clipboard-copy', f)</script><p>text</p>"
    )
    out = notebooks.on_page_content(html, _page("t/n.ipynb"), None, None)
    assert out == "<script>document.addEventListener('clipboard-copy', f)</script><p>text</p>"
    assert notebooks.on_page_content(html, _page("a.md"), None, None) == html


def test_notebook_toc_points_at_the_headings_ids():
    entry = SimpleNamespace(id="the-loop-that-forgets", children=[])
    fine = SimpleNamespace(id="the-model", children=[entry])
    html = '<h2 id="the-model">x</h2><h2 id="the-loop-that-forgets-bias_hh">y</h2>'
    notebooks.on_page_content(html, _page("t/n.ipynb", [fine]), None, None)
    assert (fine.id, entry.id) == ("the-model", "the-loop-that-forgets-bias_hh")


def test_error_pages_rank_below_their_entries_in_search():
    from overrides.hooks import search_index

    index = {"docs": [{"location": "errors/keras/"}, {"location": "errors/keras/#an-entry"},
                      {"location": "reference/inputs/"}]}
    assert search_index.demote_error_pages(index) == 1
    assert [d.get("boost") for d in index["docs"]] == [search_index.PAGE_BOOST, None, None]
