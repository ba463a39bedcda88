"""Every page of the built site, loaded once in a real browser with a cold cache: its
Content-Security-Policy refuses nothing the page itself uses, the page logs no error, requests no
other host, and weighs no more than BUDGET times an empty page built with the site's own
configuration in the same run (tests/empty_site.py).

Weight is the bytes transferred on first load (response bodies as sent, gzip-encoded the way
GitHub Pages sends text, plus headers), as Playwright's `request.sizes()` reports them. A ratio
to the empty page holds on any machine. search/search_index.json is counted apart: every page
fetches it once and the browser caches it, and it must carry what readers search for; its size
is printed with the table (`pytest -s`).

Run alone against a site built apart:
    RNN_SHAPES_SERVED_SITE=/tmp/x/site .venv/bin/python -m pytest tests/test_budgets.py -s
"""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.empty_site import build_empty_site, serve

BUDGET = 1.2  # a page may weigh this many times the empty page
SEARCH_INDEX = "search/search_index.json"

# Registered before any script of the page runs: the violations the page's policy reports.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(
    `${e.effectiveDirective} refused ${e.blockedURI || "?"} at ` +
    `${e.sourceFile || "?"}:${e.lineNumber} ${e.sample || ""}`.trim());
});
"""


@dataclass
class Visit:
    url: str
    page_bytes: int = 0  # everything transferred, search_index.json excepted
    search_bytes: int = 0  # search_index.json as transferred
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # requests that got no response
    console_errors: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    status: int | None = None


def visit(browser, url: str) -> Visit:
    """Load `url` once, in a fresh browser context (cold cache), until it has loaded and the
    network is idle."""
    result = Visit(url)
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    started, finished, failed = [], [], []
    page.on("request", lambda r: started.append(r))
    page.on("requestfinished", lambda r: finished.append(r))
    page.on("requestfailed", lambda r: failed.append(r))
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
    page.on("pageerror", lambda e: result.console_errors.append(f"uncaught: {e}"))
    try:
        # "load": the document parsed and every script, stylesheet and image it names loaded
        # (under CPU load, "networkidle" alone can come before the parser reaches the scripts);
        # then "networkidle": what the scripts fetch after, such as the search index.
        response = page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        result.status = response.status if response else None
        # Material's search worker starts late and fetches the search index last; under CPU
        # load "networkidle" can come before it, or before the last requestfinished events.
        for _ in range(150):
            indexed = any(urlparse(r.url).path.endswith(SEARCH_INDEX) for r in finished)
            if indexed and len(finished) + len(failed) >= len(started):
                break
            page.wait_for_timeout(100)
        else:
            failed_index = "" if indexed else f" ({SEARCH_INDEX} never fetched)"
            result.failed.append(f"requests still pending after 15 s{failed_index}")
        result.requests = [r.url for r in started]
        result.failed += [f"{r.url} ({r.failure})" for r in failed]
        result.violations = page.evaluate("window.__cspViolations")
        for request in finished:
            if not request.url.startswith("http"):
                continue
            sizes = request.sizes()
            response = request.response()
            # A worker's script (Material's search worker) is reported with a body of 0 bytes:
            # Content-Length, which the server always sends, is the body as sent (encoded).
            sent = int((response and response.header_value("content-length")) or 0)
            size = max(sizes["responseBodySize"], sent) + sizes["responseHeadersSize"]
            if urlparse(request.url).path.endswith(SEARCH_INDEX):
                result.search_bytes += size
            else:
                result.page_bytes += size
    finally:
        context.close()
    return result


def _site_folder(request) -> Path:
    folder = os.environ.get("RNN_SHAPES_SERVED_SITE")
    return Path(folder) if folder else request.getfixturevalue("site")


def _page_paths(site: Path) -> list[str]:
    """The URL path of every HTML page of the site (directory URLs; 404.html as itself)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append("/" + rel.removesuffix("index.html") if html.name == "index.html"
                     else "/" + rel)
    return paths


@pytest.fixture(scope="module")
def empty_visit(browser, tmp_path_factory) -> Visit:
    site = build_empty_site(tmp_path_factory.mktemp("empty-site") / "site")
    with serve(site) as url:
        return visit(browser, url + "/")


@pytest.fixture(scope="module")
def visits(request, browser, served) -> dict[str, Visit]:
    site = _site_folder(request)
    return {path: visit(browser, served + path) for path in _page_paths(site)}


def test_every_page_loads(visits):
    assert len(visits) > 10, f"only {len(visits)} pages found: {sorted(visits)}"
    wrong = [f"{p}: HTTP {v.status}" for p, v in visits.items() if v.status != 200]
    wrong += [f"{p}: no response for {f}" for p, v in visits.items() for f in v.failed]
    assert not wrong, "pages that did not load:\n" + "\n".join(wrong)


def test_weight_within_budget_of_an_empty_page(visits, empty_visit, request):
    floor = empty_visit.page_bytes
    assert floor > 0, "the empty page transferred nothing: was it served?"
    rows = sorted(visits.items(), key=lambda kv: -kv[1].page_bytes)
    lines = [f"{'page':<48} {'bytes':>9} {'ratio':>6}",
             f"{'(empty page, same configuration)':<48} {floor:>9} {1:>6.2f}"]
    lines += [f"{path:<48} {v.page_bytes:>9} {v.page_bytes / floor:>6.2f}" for path, v in rows]
    site = _site_folder(request)
    index = site / SEARCH_INDEX
    if index.is_file():
        raw = index.read_bytes()
        searched = max((v.search_bytes for v in visits.values()), default=0)
        lines.append(f"{SEARCH_INDEX}: {len(raw)} bytes, {len(gzip.compress(raw))} gzip-encoded,"
                     f" {searched} transferred (counted apart)")
    print("\n" + "\n".join(lines))
    over = [f"{path}: {v.page_bytes} bytes = {v.page_bytes / floor:.2f}× the empty page"
            for path, v in rows if v.page_bytes > BUDGET * floor]
    assert not over, (
        f"pages over the weight budget ({BUDGET}× the empty page's {floor} bytes, "
        f"search_index.json apart):\n" + "\n".join(over)
    )


def test_no_page_reports_a_csp_violation(visits):
    found = [f"{p}: {v}" for p, visit_ in visits.items() for v in visit_.violations]
    assert not found, (
        "the Content-Security-Policy (overrides/hooks/csp.py) refused something a page uses "
        "(an inline script or style not hashed, a style attribute, another host):\n"
        + "\n".join(found)
    )


def test_no_console_error(visits):
    found = [f"{p}: {e}" for p, v in visits.items() for e in v.console_errors]
    assert not found, "console errors:\n" + "\n".join(found)


def test_no_request_to_another_host(visits, served):
    own = urlparse(served).netloc
    found = sorted({f"{p}: {u}" for p, v in visits.items() for u in v.requests
                    if u.startswith(("http:", "https:", "//")) and urlparse(u).netloc != own})
    assert not found, "requests to other hosts:\n" + "\n".join(found)


def test_the_policy_refuses_injected_scripts(browser, served):
    """Hostile case: what a cross-site-scripting bug would add at run time is refused by the
    browser — an inline <script>, an inline event handler, a script from another host."""
    context = browser.new_context()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    try:
        page.goto(served + "/", wait_until="networkidle")
        page.evaluate("""() => {
            const inline = document.createElement("script");
            inline.textContent = "window.__pwned = 'inline script';";
            document.body.append(inline);
            const box = document.createElement("div");
            box.innerHTML = '<img src="/assets/favicon.svg" onload="window.__pwned = 1">';
            document.body.append(box);
            const remote = document.createElement("script");
            remote.src = "https://attacker.invalid/x.js";
            document.body.append(remote);
        }""")
        page.wait_for_timeout(300)  # the image's load event, the violation reports
        pwned = page.evaluate("window.__pwned || null")
        violations = page.evaluate("window.__cspViolations")
    finally:
        context.close()
    assert pwned is None, f"an injected script ran ({pwned}): the policy let it through"
    expected = ["script-src-elem refused inline", "script-src-attr refused inline",
                "script-src-elem refused https://attacker.invalid/x.js"]
    missing = [e for e in expected if not any(v.startswith(e) for v in violations)]
    assert not missing, f"refusals not reported: {missing}; reported: {violations}"
