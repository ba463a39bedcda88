"""Material's start-up work done at build time (overrides/hooks/startup.py) and what
docs/assets/site.js does in place of Material's "content" and "palette" components.

The hook's functions are tested on small pieces of HTML, the built pages for what it must have
done to each, and, in Chromium, every feature the two components gave a reader: copy buttons
that copy, the palette toggle (by mouse and keyboard, remembered), tabs that switch together,
keep their place and are remembered, `?h=` search marks (that no markup gets through), boxes
that scroll reachable by Tab, and <details> opened for a link into them.
"""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

from overrides.hooks.startup import COMPONENTS, prebuilt, unmounted
from tests.test_audits import PAGES, _open

CODE = ('<div class="language-python highlight"><pre><span></span><code>x = 1\n</code></pre>'
        "</div>")


# --- the hook, on pieces of HTML ----------------------------------------------------------------


def test_code_blocks_get_numbered_copy_buttons_and_tables_the_scroll_wrapper():
    html = CODE + '<table><tr><td>1</td></tr></table><table class="x"></table>' + CODE
    out = prebuilt(html, copy=True, title='Copy "it"')
    assert out.count('class="md-code__button"') == 2
    assert '<pre id="__code_0">' in out and '<pre id="__code_1">' in out
    assert 'data-clipboard-target="#__code_1 &gt; code"' in out
    assert 'title="Copy &quot;it&quot;"' in out, "the button's title is not escaped"
    assert ('<div class="md-typeset__scrollwrap"><div class="md-typeset__table"><table><tr>'
            in out)
    assert out.count("md-typeset__scrollwrap") == 1, "a table with a class was wrapped"
    assert "md-code__button" not in prebuilt(CODE, copy=False, title="Copy")


def test_notebook_cells_keep_their_own_copy_button():
    cell = '<div class="highlight highlight-ipynb hl-python"><pre><span></span>x = 1</pre></div>'
    assert prebuilt(cell, copy=True, title="Copy") == cell


@pytest.mark.parametrize("count", [0, 2])
def test_a_changed_theme_fails_the_build(count):
    page = ' data-md-component="content"' * count + ' data-md-component="palette"'
    with pytest.raises(PluginError, match="Material's templates changed"):
        unmounted(page, "x.md")


# --- the built pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_built_unmounted_with_its_buttons(site, path):
    html = (site / path / "index.html" if not path.endswith(".html") else site / path).read_text(
        encoding="utf-8")
    for name in COMPONENTS:
        assert f'data-md-component="{name}"' not in html, f"Material would mount {name!r}"
        assert html.count(f'data-rx-component="{name}"') == 1
    blocks = len(re.findall(r"<pre[^>]*><span></span>(?:<nav[^>]*>.*?</nav>)?<code", html))
    assert html.count('class="md-code__button"') == blocks, "a code block has no copy button"
    assert len(re.findall(r"<table>", html)) == html.count(
        '<div class="md-typeset__table"><table>'), "a table is not in Material's scroll wrapper"


# --- in the browser -----------------------------------------------------------------------------

# The label of the chosen tab in each tab set of the page.
CHOSEN_TABS = """() => [...document.querySelectorAll('.tabbed-set')].map(set =>
    set.querySelector(`label[for="${set.querySelector(':scope > input:checked').id}"]`)
       .textContent.trim())"""


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield context
    context.close()


def test_copy_button_copies_the_block(context, served):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = _open(context, f"{served}/reference/inputs/")
    block = page.locator(".md-typeset pre:has(> code)").first
    block.hover()
    block.locator(".md-code__button").click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    shown = block.locator("code").inner_text().rstrip()
    assert copied == shown and "import torch" in copied, copied[:200]
    page.wait_for_selector(".md-dialog--active", timeout=5_000)  # Material's "Copied" note
    assert not page.problems, page.problems


def test_palette_toggle_by_keyboard_keeps_the_focus(context, served):
    page = _open(context, f"{served}/")
    visible = "label.md-header__button[for^=__palette]:not([hidden])"
    assert page.locator(visible).count() == 1, "not exactly one palette button is shown"
    page.locator("input[name=__palette]:checked").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    focused = page.evaluate("() => document.activeElement.id")
    assert focused == "__palette_1", f"after Enter, the focus is on #{focused}, not the palette"
    assert page.locator(visible).get_attribute("for") == "__palette_0", "the wrong button shows"
    page.keyboard.press("ArrowLeft")  # the radios' own keys switch back
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    saved = page.evaluate("() => __md_get('__palette')")
    assert saved["color"]["scheme"] == "slate" and saved["index"] == 1, saved
    # transitions are off only while the scheme changes
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert not page.problems, page.problems


def test_tabs_keep_their_place_and_are_remembered(context, served):
    page = _open(context, f"{served}/reference/inputs/")
    labels = page.locator(".tabbed-set .tabbed-labels label", has_text="Keras")
    target = labels.nth(2)
    target.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -200)")
    before = target.bounding_box()["y"]
    target.click()
    after = target.bounding_box()["y"]
    assert abs(after - before) <= 1, f"the clicked tab moved from y={before} to y={after}"
    chosen = page.evaluate(CHOSEN_TABS)
    assert set(chosen) == {"Keras"}, chosen
    assert page.evaluate("() => __md_get('__tabs')")[0] == "Keras"
    other = _open(context, f"{served}/reference/outputs-and-states/")
    chosen = other.evaluate(CHOSEN_TABS)
    assert chosen and set(chosen) == {"Keras"}, f"the next page's tabs: {chosen}"
    assert not page.problems + other.problems


def test_search_terms_are_marked_and_markup_in_them_is_text(context, served):
    page = _open(context, f"{served}/reference/inputs/?h=batch_first")
    marks = page.locator("article mark[data-md-highlight]")
    assert marks.count() > 3, "?h=batch_first marked nothing"
    assert {text.lower() for text in marks.all_inner_texts()} == {"batch_first"}
    text_before = _open(context, f"{served}/reference/inputs/").inner_text("article")
    attack = "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%20%3Cb%3Ebatch%3C%2Fb%3E"
    hostile = _open(context, f"{served}/reference/inputs/?h={attack}")
    injected = hostile.evaluate("() => document.querySelectorAll('article img, article b').length")
    assert injected == 0, "markup from ?h= reached the page"
    assert hostile.inner_text("article") == text_before, "marking changed the page's text"
    assert not page.problems + hostile.problems


def test_a_box_that_scrolls_is_reachable_by_tab(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = _open(context, f"{served}/porting/")
        page.wait_for_timeout(300)  # the ResizeObserver's first report
        boxes = page.evaluate("""() => [...document.querySelectorAll(
            '.md-typeset pre > code, .md-typeset__scrollwrap')].map(box =>
            [box.scrollWidth > box.clientWidth, box.tabIndex === 0])""")
        scrolling = [focusable for scrolls, focusable in boxes if scrolls]
        assert scrolling and all(scrolling), (
            f"{scrolling.count(False)} boxes that scroll are not focusable")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_timeout(300)
        fitting = page.evaluate("""() => [...document.querySelectorAll('.md-typeset pre > code')]
            .filter(box => box.scrollWidth <= box.clientWidth && box.tabIndex === 0).length""")
        assert fitting == 0, f"{fitting} code blocks that fit are still a Tab stop"
    finally:
        context.close()


def test_a_link_into_closed_details_opens_them(context, served):
    page = _open(context, f"{served}/reference/inputs/")
    page.evaluate("""() => {
        const box = document.createElement('details');
        box.innerHTML = '<summary>more</summary><p id="inside">hidden text</p>';
        document.querySelector('article').append(box); }""")
    page.evaluate("() => { location.hash = 'inside'; }")
    page.wait_for_function("() => document.querySelector('#inside').closest('details').open")
