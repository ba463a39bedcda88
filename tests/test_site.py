"""Build the site once, as `mkdocs build --strict`, and check what a reader's browser gets.

The build (the `build` fixture in conftest.py) executes every notebook (mkdocs-jupyter,
allow_errors false): a failing assert in a notebook fails the build and so this test. The
notebook cache is switched off, so each test run executes each notebook exactly once — there,
and nowhere else in the run. A failed build is reported once, here; the other tests of the built
site are then skipped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from tests.site_sources import DOCS, mkdocs_config


def test_build_is_strict_and_clean(build):
    assert build.returncode == 0, f"mkdocs build --strict failed:\n{build.log[-6000:]}"
    warnings = [ln for ln in build.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", ln)]
    assert not warnings, "\n".join(warnings)


def _pages(out):
    return sorted(out.rglob("*.html"))


class _Requests(HTMLParser):
    """Collects every URL a browser would fetch while loading the page (not plain links)."""

    FETCHING = {"script": "src", "img": "src", "iframe": "src", "source": "src",
                "video": "src", "audio": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.FETCHING and a.get(self.FETCHING[tag]):
            self.urls.append(a[self.FETCHING[tag]])
        if tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower()
            if any(r in rel for r in ("stylesheet", "preload", "prefetch", "icon", "manifest",
                                      "modulepreload", "preconnect", "dns-prefetch")):
                self.urls.append(a["href"])
        if a.get("style"):
            self.urls += re.findall(r"url\(['\"]?([^'\")]+)", a["style"])


class _Links(HTMLParser):
    """Collects the ids on a page and the targets of its <a href> links."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])


def test_internal_links_and_anchors_resolve(site):
    """A link checker over the built site. mkdocs validates links in Markdown pages; links in
    notebook cells are plain HTML to it, so only this test sees them."""
    out = site
    parsed = {}
    for page in _pages(out):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        parsed[page] = parser
    broken = []
    for page, parser in parsed.items():
        for href in parser.hrefs:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            if url.path.startswith("/"):  # root-relative (the 404 page): from the site's root
                target = (out / url.path.lstrip("/")).resolve()
            else:
                target = (page.parent / url.path).resolve() if url.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(out)}: {href} (no such file)")
            elif url.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if url.fragment not in ids:
                    broken.append(f"{page.relative_to(out)}: {href} (no such anchor)")
    assert not broken, "broken links:\n" + "\n".join(sorted(set(broken)))


def _third_party(url: str) -> bool:
    parsed = urlparse(url)
    return bool(parsed.netloc) or url.startswith("//")


def test_no_third_party_requests(site):
    out = site
    offenders = []
    for page in _pages(out):
        parser = _Requests()
        html = page.read_text(encoding="utf-8")
        parser.feed(html)
        urls = parser.urls + re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", html)
        urls += re.findall(r"url\(['\"]?(https?://[^'\")]+)", html)
        offenders += [f"{page.relative_to(out)}: {u}" for u in urls if _third_party(u)]
    for css in out.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        urls = re.findall(r"url\(['\"]?((?:https?:)?//[^'\")]+)", text)
        urls += re.findall(r"@import\s+['\"]((?:https?:)?//[^'\"]+)", text)
        offenders += [f"{css.relative_to(out)}: {u}" for u in urls]
    assert not offenders, "requests to other hosts:\n" + "\n".join(offenders)


NOTEBOOKS = sorted(DOCS.rglob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_page(site, notebook):
    out = site
    rel = notebook.relative_to(DOCS)
    page_dir = out / rel.with_suffix("")
    html = (page_dir / "index.html").read_text(encoding="utf-8")
    # Executed at build time: outputs are on the page, none of them an error or a log line.
    assert "jp-OutputArea-output" in html, f"{rel}: no cell outputs, was it executed?"
    assert "Traceback (most recent call last)" not in html, f"{rel}: a traceback on the page"
    # (the inlined CSS names the same MIME type inside [...]: look for an element only)
    stderr = re.search(r'data-mime-type="application/vnd\.jupyter\.stderr"[^\]]', html)
    assert not stderr, f"{rel}: stderr (logs, warnings) on the page"
    # The download link points to the copied notebook, the Colab link to the repository.
    assert f'href="{notebook.name}" download' in html, f"{rel}: no download link"
    assert (page_dir / notebook.name).is_file(), f"{rel}: the .ipynb was not copied"
    extra = mkdocs_config()["extra"]
    colab = f"https://colab.research.google.com/github/{extra['repository']}/blob/"
    assert f'{colab}{extra["branch"]}/docs/{rel.as_posix()}"' in html, f"{rel}: no Colab link"


def test_math_is_mathml(site):
    out = site
    leftovers = []
    for page in _pages(out):
        html = page.read_text(encoding="utf-8")
        if 'class="arithmatex"' in html or "$$" in re.sub(r"<(pre|code)\b.*?</\1>", "", html,
                                                          flags=re.DOTALL):
            leftovers.append(str(page.relative_to(out)))
    assert not leftovers, f"math left unrendered on: {leftovers}"


def test_home_page_diagrams(site):
    out = site
    html = (out / "index.html").read_text(encoding="utf-8")
    chains = html.count('<svg class="shape-diagram"')
    assert chains == 2, f"the home page draws two chain diagrams, found {chains}"
    unrolled = html.count('<svg class="shape-diagram shape-diagram--unrolled"')
    assert unrolled == 1, f"the home page draws the recurrence unrolled once, found {unrolled}"
    assert "N×T×M = 2×5×4" in html and "N×K = 2×6" in html


def test_tests_that_read_the_site_run_last(monkeypatch):
    """tests/plugin.py moves the tests that need the run's build behind all others (keeping
    each group's order), so the background build overlaps as much of the run as it can."""
    from types import SimpleNamespace

    from tests import plugin

    monkeypatch.delenv("RNN_SHAPES_SERVED_SITE", raising=False)
    names = {"a": ["tmp_path"], "b": ["site", "build"], "c": [], "d": ["served", "browser"],
             "e": ["request"]}
    items = [SimpleNamespace(name=n, fixturenames=f) for n, f in names.items()]
    config = SimpleNamespace(getoption=lambda name: False)
    plugin.pytest_collection_modifyitems(config, items)
    assert [i.name for i in items] == ["a", "c", "e", "b", "d"], [i.name for i in items]
    # A site served from elsewhere (RNN_SHAPES_SERVED_SITE) needs no build: order kept.
    monkeypatch.setenv("RNN_SHAPES_SERVED_SITE", "/elsewhere")
    assert not plugin._needs_build(items[-1]), "served from elsewhere needs no build"
