"""Accessibility and performance budgets of every page, in a real browser (issue 17).

* axe-core (npm ``axe-core``, pinned in package.json) runs in Playwright's Chromium over every
  page of the nav and the 404 page, in the dark palette it opens in (the browser prefers dark)
  and in the light one after the palette toggle, once the page's scripts have run; and over
  the shape explorer in views that show what its defaults do not (two layers, states, an error
  verdict, an invalid setting). No violation of any rule is allowed;
  a failure lists each one as page, rule, element.
* The theme still works with its scripts started after the first paint (overrides/main.html):
  the search box opens and finds, the palette toggle switches the scheme and is remembered, and
  no script fails (linked tabs, copy buttons and the rest of what replaces Material's content
  and palette components: tests/test_startup.py).
* Lighthouse (npm ``lighthouse``, mobile preset, performance and accessibility only) over every
  page (tests/lighthouse.mjs, one Chromium for many pages): accessibility = 1.0 and performance
  >= 0.99 (issue 17's budgets). Its performance score moves with the machine's load (±0.03 on 2
  busy cores), so the pages below the bar are audited again, alone (the first pass audits two
  pages side by side), up to three runs in all, and each page's best run counts; with ``-s`` the
  table of scores is printed. Accessibility does not vary between runs.

The npm tools are installed by ``npm ci`` (the README's test command runs it). Without them, or
without Node or Chromium, these tests are skipped with the reason, except under CI=true, where
they fail: CI must run them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.site_sources import ROOT, nav_sources, page_url

NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_SCRIPT = ROOT / "tests" / "lighthouse.mjs"
# Issue 17's budgets, on every page. Measured on a quiet 2-core machine: performance 0.99-1.00
# (total blocking time 3-40 ms) since Material's content and palette components are no longer
# mounted at start (overrides/hooks/startup.py); it was 0.79-0.98 on 38 of 46 pages before.
PERFORMANCE_MIN = 0.99
ACCESSIBILITY_MIN = 1.0
LIGHTHOUSE_RUNS = 3
LIGHTHOUSE_FIRST_PASS_WORKERS = 2


def _missing(what: str) -> None:
    """Skip (or, under CI, fail) a test that needs a tool this machine lacks."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} (CI must run the audits)")
    pytest.skip(what)


# Every page of the site: the nav's (tests/test_docs_coverage.py fails on a page left out of
# it) and the theme's 404 page.
PAGES = [page_url(src) for src in nav_sources()] + ["404.html"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        _missing(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` in {ROOT}")
    return str(AXE)


def _axe(page, axe_source: str, added: bool = False) -> list[tuple[str, str, str]]:
    """(rule id, target, summary) of each element axe finds in violation on the loaded page
    (`added`: axe-core is on the page already)."""
    if not added:
        page.add_script_tag(path=axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            summary = node.get("failureSummary", "").replace("\n", " ")[:200]
            found.append((violation["id"], target, summary))
    return found


def _open(context, url: str):
    """A new page at `url`, once its scripts have run and their requests (search index, the
    explorer's rules) have been answered; console errors and uncaught exceptions are kept."""
    page = context.new_page()
    page.problems = []
    page.on("pageerror", lambda err: page.problems.append(f"uncaught: {err}"))
    page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
    page.goto(url, wait_until="networkidle")
    # Material has mounted its components: overrides/main.html starts the scripts after the
    # first paint and marks <html> once Material's start-up listeners have run.
    page.wait_for_selector("html[data-rx-started]", state="attached", timeout=30_000)
    return page


@pytest.fixture(scope="module")
def axe_context(browser):
    # bypass_csp: axe-core is added to each page as a script, which the pages' own
    # Content-Security-Policy (overrides/hooks/csp.py) rightly refuses; the policy itself is
    # tested with it in force by the theme tests below and tests/test_site.py.
    context = browser.new_context(color_scheme="dark", bypass_csp=True,
                                  viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def _axe_in_both_palettes(page, axe_source: str, where: str) -> list[str]:
    """axe-core's violations on the open page in the palette it opened in (the browser prefers
    dark, so it must be the dark one), then again once the reader's toggle has switched it to
    the light one: one page load for both."""
    shown = page.evaluate("() => document.body.dataset.mdColorScheme")
    assert shown == "slate", (
        f"{where} in a dark-preferring browser shows data-md-color-scheme={shown!r}, not "
        "'slate': the palette did not follow the browser's colour scheme")
    found = [f"  {where} [dark] {rule}: {target} — {summary}"
             for rule, target, summary in _axe(page, axe_source)]
    page.locator("label.md-header__button[for^=__palette]:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default' && "
                           "!document.body.hasAttribute('data-md-color-switching')")
    found += [f"  {where} [light] {rule}: {target} — {summary}"
              for rule, target, summary in _axe(page, axe_source, added=True)]
    page.evaluate("() => localStorage.clear()")  # the next page follows the browser again
    return found


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(axe_context, served, axe_source, path):
    page = _open(axe_context, f"{served}/{path}")
    try:
        violations = _axe_in_both_palettes(page, axe_source, f"/{path}")
    finally:
        page.close()
    assert not violations, (
        f"axe-core finds {len(violations)} violation(s) on /{path}:\n" + "\n".join(violations))


# Explorer views whose markup the default view does not show: two bidirectional LSTM layers
# with states and a projection, Keras' merge modes, an error verdict in the reader, a refused
# setting (role="alert").
EXPLORER_VIEWS = [
    "?cell=lstm&layers=2&bidirectional=1&batch_first=1&proj_size=2&return_state=1"
    "&return_sequences=1",
    "?cell=gru&bidirectional=1&merge_mode=none&return_state=1",
    "?tensor=32,10&axes=TD&input_size=8&keras_input=direct#how-will-my-tensor-be-read",
    "?tensor=32,10,8&axes=NTD&input_size=7#how-will-my-tensor-be-read",
    "?N=0&T=-1",
]


@pytest.mark.parametrize("query", EXPLORER_VIEWS)
def test_axe_finds_no_violation_in_explorer_views(axe_context, served, axe_source, query):
    page = _open(axe_context, f"{served}/explorer/{query}")
    try:
        assert page.locator(".rx [data-shape], .rx [role=alert]").count() > 0, (
            f"/explorer/{query}: the explorer showed neither shapes nor an alert")
        violations = _axe_in_both_palettes(page, axe_source, f"/explorer/{query}")
        problems = page.problems
    finally:
        page.close()
    assert not violations, (
        f"axe-core finds {len(violations)} violation(s) on /explorer/{query}:\n"
        + "\n".join(violations))
    assert not problems, f"/explorer/{query}: {problems}"


# --- the theme, with its scripts started after the first paint ---------------------------------


def test_search_opens_and_finds(browser, served):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, f"{served}/reference/inputs/")
        page.keyboard.press("/")  # Material's shortcut: focus the search box
        box = page.locator("input[data-md-component=search-query]")
        assert box.is_visible(), "'/' did not open the search box"
        # the index is in the search worker ("Type to start searching"); Material reads the box
        # on keyup, so the last character is typed as a key
        meta = "document.querySelector('.md-search-result__meta')"
        page.wait_for_function(f"() => {meta}?.textContent.includes('Type to start')",
                               timeout=60_000)
        box.fill("batch_firs")
        page.keyboard.type("t")
        page.wait_for_function(f"() => /matching document/.test({meta}?.textContent)",
                               timeout=60_000)
        results = page.locator(".md-search-result__item").count()
        shown = page.inner_text(".md-search-result__meta")
        assert results > 0, f"searching 'batch_first' found nothing: {shown}"
        page.keyboard.press("Escape")
        assert not page.locator("input#__search").is_checked(), "Escape did not close search"
        assert not page.problems, page.problems
    finally:
        context.close()


def test_palette_toggle_switches_and_is_remembered(browser, served):
    context = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": 900})
    try:
        page = _open(context, f"{served}/")
        scheme = "document.body.dataset.mdColorScheme"
        assert page.evaluate(scheme) == "default", page.evaluate(scheme)
        page.locator("label.md-header__button[for^=__palette]:visible").click()
        page.wait_for_function(f"() => {scheme} === 'slate'", timeout=10_000)
        # the next page is painted dark from the start (Material's inline palette script)
        page.goto(f"{served}/reference/inputs/", wait_until="commit")
        page.wait_for_selector("body")
        assert page.evaluate(scheme) == "slate", "the chosen palette was not kept on the next page"
        page.locator("label.md-header__button[for^=__palette]:visible").click()
        page.wait_for_function(f"() => {scheme} === 'default'", timeout=10_000)
        assert not page.problems, page.problems
    finally:
        context.close()


def test_dark_palette_is_painted_from_the_first_frame(browser, served):
    """A first visit in a dark-preferring browser: the body is in the dark scheme before any of
    Material's script has run (overrides/main.html chooses it from the palette's media
    queries), so starting the bundle after the first paint shows no flash of the light one."""
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.route("**/assets/javascripts/bundle.*.js", lambda route: route.abort())
        page.goto(f"{served}/reference/inputs/", wait_until="load")
        shown = page.evaluate("document.body.dataset.mdColorScheme")
        assert shown == "slate", f"before Material's script, a dark browser gets {shown!r}"
    finally:
        context.close()


# --- Lighthouse --------------------------------------------------------------------------------


def _lighthouse(urls: list[str], chromium: str, workers: int = 1) -> list[dict]:
    """Lighthouse's rows for `urls`, split over `workers` Chromiums audited side by side."""
    shares = [urls[i::workers] for i in range(workers) if urls[i::workers]]
    running = [subprocess.Popen(
        ["node", str(LIGHTHOUSE_SCRIPT), *share], cwd=ROOT,
        env={**os.environ, "CHROME_PATH": chromium},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for share in shares]
    rows = []
    for share, process in zip(shares, running, strict=True):
        out, err = process.communicate(timeout=120 * len(share) + 120)
        assert process.returncode == 0, (
            f"tests/lighthouse.mjs failed ({process.returncode}):\n{err[-3000:]}")
        rows += json.loads(out)
    return rows


def test_lighthouse_budgets(served):
    from tests.conftest import _chromium

    chromium = _chromium()
    if chromium is None:
        _missing("no Chromium found: apt-get install chromium, or set CHROMIUM=/path/to/chrome")
    if shutil.which("node") is None:
        _missing("no `node` on PATH: Lighthouse needs Node.js 18.16 or newer")
    if not (NODE_MODULES / "lighthouse").is_dir():
        _missing(f"node_modules/lighthouse is missing: run `npm ci` in {ROOT}")

    best: dict[str, dict] = {}
    runs: dict[str, int] = {}
    todo = list(PAGES)
    for run in range(LIGHTHOUSE_RUNS):
        # The first pass audits two pages at a time (one per core: 186 s instead of 336 s for
        # 46 pages, measured here). Sharing the CPU lengthens each page's tasks, so a page that
        # falls short is audited again alone, where the verdict is a quiet machine's.
        workers = LIGHTHOUSE_FIRST_PASS_WORKERS if run == 0 else 1
        for row in _lighthouse([f"{served}/{path}" for path in todo], chromium, workers):
            path = row["url"][len(served) + 1:]
            runs[path] = runs.get(path, 0) + 1
            kept = best.get(path)
            if kept is None or (row["performance"] or 0) > (kept["performance"] or 0):
                best[path] = row
        # only performance varies between runs: a page below its accessibility bar stays there
        todo = [p for p in todo if (best[p]["performance"] or 0) < PERFORMANCE_MIN]
        if not todo:
            break

    print(f"\nLighthouse {'(mobile)':<38} perf  a11y  runs  FCP ms  LCP ms  TBT ms")
    for path in PAGES:
        row = best[path]
        m = row["metrics"]

        def ms(key, metrics=m):
            return f"{metrics[key]:7.0f}" if metrics.get(key) is not None else "      -"

        print(f"  /{path:<44} {row['performance'] or 0:4.2f}  {row['accessibility'] or 0:4.2f}"
              f"  {runs[path]:4d} {ms('first-contentful-paint')} {ms('largest-contentful-paint')}"
              f" {ms('total-blocking-time')}")

    failures = []
    for path in PAGES:
        row = best[path]
        if row.get("error") or row["performance"] is None:
            failures.append(f"/{path}: Lighthouse could not audit it: "
                            f"{row.get('error') or 'no score'}")
            continue
        if row["accessibility"] < ACCESSIBILITY_MIN:
            audits = ", ".join(f"{a['id']} ({a['score']})" for a in row["failing"])
            failures.append(f"/{path}: accessibility {row['accessibility']:.2f} < "
                            f"{ACCESSIBILITY_MIN}: {audits}")
        if row["performance"] < PERFORMANCE_MIN:
            m = row["metrics"]
            failures.append(
                f"/{path}: performance {row['performance']:.2f} < {PERFORMANCE_MIN} (best of "
                f"{runs[path]}; FCP {m.get('first-contentful-paint') or 0:.0f} ms, LCP "
                f"{m.get('largest-contentful-paint') or 0:.0f} ms, TBT "
                f"{m.get('total-blocking-time') or 0:.0f} ms)")
    assert not failures, "Lighthouse budgets not met:\n  " + "\n  ".join(failures)
