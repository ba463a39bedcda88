"""Build hook: the work Material's script does to every page as it starts, done here instead.

When a page loads, Material's bundle "mounts" the components it finds by `data-md-component`.
Two of them cost the reader's phone most of the page's blocking time (Lighthouse, mobile preset:
total blocking time 100-660 ms, performance 0.79-0.98 on 38 of 46 pages), and both redo in the
browser what is known when the site is built:

* "content" walks the page: it moves every table out of the page and back in, inside Material's
  scroll wrapper; it inserts a copy button into every code block and reads each block's size
  (a forced layout per block); it re-renders each tab label as a link and measures it for the
  sliding underline. Each of these relayouts the whole page, and they run in one task.
* "palette" rewrites the colour-scheme attributes on <body> (the same values the page already
  has), which restyles every element, then reads a computed style: a full-page style pass, twice.

With both left unmounted, the pages measure total blocking time 3-40 ms, performance 0.99-1.00.
So this hook:

* gives each code block Material's own copy-button markup (`.md-code__nav`, the button with
  `data-clipboard-target`), which Material's page-wide clipboard handler serves as before; the
  `<nav>` gets role="none": it holds one button, it is no navigation landmark (axe-core:
  landmark-unique);
* wraps each content table in Material's scroll wrapper, as its table component would;
* renames the two components' markers to `data-rx-component`, so Material skips them and
  docs/assets/site.js finds them: it does the rest of what they did (the palette toggle, tabs
  that switch together and are remembered, `?h=` search highlighting, a scrolling code block
  reachable by Tab, <details> opened for a link into them), without measuring the page at start.

A theme upgrade that renames the markup fails the build here (PluginError) rather than leaving
pages silently without copy buttons or palette; tests/test_startup.py checks the result in the
browser.
"""

from __future__ import annotations

import html as markup
import itertools
import json
import re

from mkdocs.exceptions import PluginError

# Pygments' code block as pymdownx.highlight writes it: the optional title, then <pre><code>.
_CODE = re.compile(
    r'(<div class="[^"]*\bhighlight\b[^"]*">(?:<span class="filename">[^<]*</span>)?)'
    r"<pre><span></span><code"
)
_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)  # Material wraps only class-less tables
_COPY = (
    '{head}<pre id="__code_{n}"><span></span><nav class="md-code__nav" role="none">'
    '<button class="md-code__button" title="{title}" data-clipboard-target="#__code_{n} &gt; code"'
    ' data-md-type="copy"></button></nav><code'
)
_WRAPPED = (
    '<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table>\\1</table>'
    "</div></div>"
)
_CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
# The markers Material mounts by, and what they become. Each must be on every page once.
COMPONENTS = ("content", "palette")


def prebuilt(html: str, copy: bool, title: str) -> str:
    """A page with its tables wrapped and (when `copy`) its code blocks' buttons."""
    html = _TABLE.sub(_WRAPPED, html)
    if copy:
        number, title = itertools.count(), markup.escape(title)
        html = _CODE.sub(
            lambda m: _COPY.format(head=m.group(1), n=next(number), title=title), html)
    return html


def unmounted(output: str, where: str) -> str:
    """The page with Material's content and palette markers renamed (see the module doc)."""
    for name in COMPONENTS:
        marker = f'data-md-component="{name}"'
        if output.count(marker) != 1:
            raise PluginError(
                f"startup hook: {where} has {output.count(marker)} {marker} (expected 1); "
                "Material's templates changed: re-check overrides/hooks/startup.py")
        output = output.replace(marker, f'data-rx-component="{name}"')
    return output


def _material_config(output: str, where: str) -> dict:
    """The page's `__config` block: the features and translations Material itself reads."""
    found = _CONFIG.search(output)
    if not found:
        raise PluginError(f"startup hook: {where} has no Material __config block")
    return json.loads(found.group(1))


def on_post_page(output, page, config):
    where = page.file.src_uri
    material = _material_config(output, where)
    output = prebuilt(output, "content.code.copy" in material["features"],
                      material["translations"]["clipboard.copy"])
    return unmounted(output, where)


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        return unmounted(output_content, template_name)
    return output_content
