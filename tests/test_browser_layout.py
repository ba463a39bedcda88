"""No page of the built site scrolls sideways, and every line of code it shows fits its column.

Every page in mkdocs.yml's nav (Markdown pages, notebooks, the explorer, the error pages) and
the 404 page is opened in headless Chromium at two widths, a phone's (390 px) and a desktop's
(1280 px; Material's content column stops growing there). At both, the document must be no
wider than the viewport: a table or formula wider than the column has to scroll inside its own
wrapper. At 1280 px, every code block must also fit without its own scrollbar: a Markdown
block scrolls its ``<code>`` (Material puts the scrollbar there), a notebook cell its ``<pre>``;
each is measured as scrollWidth against clientWidth. Output blocks may wrap their long lines
(docs/assets/site.css, the /* layout */ block), so only Python code has to be short.

One browser context per width, one tab reused for every page (each measured once Material's
script has wrapped its tables). Every offender is listed: page, first line, widths.
"""

from __future__ import annotations

import pytest

from tests.site_sources import nav_sources, page_url

WIDTHS = (390, 1280)
CODE_WIDTH = 1280  # the width at which every code block must fit


PAGES = [page_url(source) for source in nav_sources()] + ["404.html"]

# Each overflow as {kind, first line, widest line's length, scrollWidth, clientWidth}: the
# whole document; then, where code must fit too, every element of the page's content that
# scrolls sideways (a code block's <code>, a notebook cell's <pre>, a table's wrapper, a
# formula, anything else with overflow-x auto or scroll).
_MEASURE = """(checkContent) => {
  const doc = document.documentElement;
  const found = [];
  if (doc.scrollWidth > window.innerWidth) {
    found.push({kind: "the page", first: "", widest: 0, scroll: doc.scrollWidth,
                client: window.innerWidth});
  }
  if (!checkContent) return found;
  for (const box of document.querySelectorAll(".md-content *")) {
    if (box.scrollWidth <= box.clientWidth || box.offsetParent === null) continue;
    if (box.innerText.trim() === "") continue;  // not rendered: a closed <details>, a hidden tab
    if (!["auto", "scroll"].includes(getComputedStyle(box).overflowX)) continue;
    let kind = box.tagName.toLowerCase() + (box.className ? "." + box.className : "");
    if (box.closest(".jupyter-wrapper") && box.tagName === "PRE") {
      kind = box.closest(".jp-OutputArea") ? "notebook output" : "notebook cell";
    } else if (box.tagName === "CODE" && box.parentElement.tagName === "PRE") {
      const language = /language-(\\w+)/.exec(box.closest("[class*=language-]")?.className);
      kind = (language ? language[1] : "code") + " block";
    } else if (box.querySelector(":scope > table")) {
      kind = "table";
    } else if (box.tagName === "MATH") {
      kind = "formula";
    }
    const lines = box.innerText.split("\\n");
    found.push({kind, first: (lines.find(line => line.trim() !== "") || "").trim(),
                widest: Math.max(...lines.map(line => line.length)),
                scroll: box.scrollWidth, client: box.clientWidth});
  }
  return found;
}"""


# Material's script wraps each Markdown table in a scrolling box (.md-typeset__scrollwrap) once
# it runs, which on this site is after the first paint: measure after that.
# The explorer's code is written by its script (docs/assets/explorer.js): measure it once there.
_MATERIAL_READY = """() => [...document.querySelectorAll(".md-typeset table:not([class])")]
  .every(table => table.closest(".jupyter-wrapper") || table.closest(".md-typeset__scrollwrap"))
  && (!document.getElementById("rx-explorer") || document.querySelector(".rx-code code"))"""


def _offenders(browser, served: str, width: int) -> list[str]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    lines = []
    try:
        for path in PAGES:
            page.goto(f"{served}/{path}", wait_until="domcontentloaded")
            page.wait_for_function(_MATERIAL_READY)
            for o in page.evaluate(_MEASURE, width == CODE_WIDTH):
                what = o["kind"]
                if o["first"]:
                    what += f" {o['first'][:60]!r} (widest line {o['widest']} characters)"
                lines.append(f"/{path} at {width} px: {what} is {o['scroll']} px wide, "
                             f"{o['client']} px visible")
    finally:
        context.close()
    return lines


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_scrolls_sideways(browser, served, width):
    offenders = _offenders(browser, served, width)
    rule = ("the document must fit the viewport" if width != CODE_WIDTH else
            "the document must fit the viewport and every code block its column")
    assert not offenders, (
        f"{len(offenders)} things scroll sideways at {width} px ({rule}; at 1280 px a code "
        "block fits 80 characters a line, a notebook cell 70):\n" + "\n".join(offenders)
    )
