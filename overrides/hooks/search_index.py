"""Build hook: the site's search index, indexed and ranked for what readers type and paste.

Material's search (lunr in a web worker) ranks the documents of search/search_index.json, one
per page (its title and intro) and one per section (a heading and what follows it), and shows
them grouped by page, the groups in the order of their best document.

* Notebook pages are indexed by section, as Markdown pages are. Material's indexer cuts a page
  at its headings only while they are not nested; mkdocs-jupyter nests every heading inside the
  cell's <div>s, so when a cell closes, the indexer files what follows (all the code, all the
  outputs) under the page itself, and a notebook's sections keep only their own cell's text. It
  also keeps the cells' prompts ("In [1]:"), the copy buttons' "Copied!", a second copy of each
  cell's code (the copy button's source) and nbconvert's "¶" permalinks (it skips only its own
  permalinks' class). Here each notebook page's content is re-read by Material's own indexer
  (material.plugins.search, so entries are built exactly as for the other pages) from a copy
  with that noise removed and the cell <div>s unwrapped, and its entries replace the notebook's.
* Pages rank below their sections. Material boosts a page's own document over its sections, so
  a page whose title or intro holds the query's words (the home page "RNN Shapes" for any query
  with "shape"; "…and ConvLSTM2D" for `ConvLSTM2D`) comes first, showing its intro, with the
  section that answers folded away under "N more on this page". A page's document gets a boost
  below 1 (`boost` in the index, which Material hands to lunr): its sections, headed by what
  they answer, then decide the order, and the page still leads where its intro is the answer.
  Error pages' own documents get a smaller one still: their titles and intros name the kind of
  message ("input sizes", "states"), and Material matches words by prefix, so a pasted
  message's `size` or `state` would find those rarer `sizes` and `states`.
* Sections that define a convention outrank those that apply or summarise it. A short typed
  query (`return_sequences`, `h_n`) is in the headings of several sections; lunr's title boost
  makes the words in a heading decide, and among equal headings the text, so a longer section
  that uses `h_n` often beat the one that defines it. The Reference pages (one convention each)
  get a boost above 1; the cheat sheet and the questions page (summaries, each line linking the
  section that proves it) and the error entries (headed by messages: a pasted message matches
  many of their words, a typed query few) get one below 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

# bs4 comes with mkdocs-jupyter (nbconvert requires it); it unwraps and removes elements by
# class, which Material's indexer has no option for.
from bs4 import BeautifulSoup, Comment
from material.plugins.search.plugin import SearchIndex

PAGE_BOOST = 0.05  # the page-level document of an error page
PREFIX = "errors/"
OTHER_PAGE_BOOST = 0.3  # the page-level document of every other page
# Sections' boosts by page (the first prefix that matches; the rest keep 1). Each prefix must
# match a page of the site: a moved page fails the build instead of losing its boost quietly.
SECTION_BOOSTS = {
    PREFIX: 0.85,
    "reference/cheat-sheet/": 0.5,
    "reference/questions/": 0.5,
    "reference/questions-around/": 0.5,
    **{f"reference/{name}/": 1.25 for name in (
        "inputs", "2d-arrays", "outputs-and-states", "stacking", "bidirectional",
        "lstm-and-gru", "parameter-counts", "variable-length", "carrying-state",
        "heads-and-losses",
    )},
}

# What a notebook cell shows besides its content: prompts, the copy button (its "Copied!"
# notice and the copy of the code it copies), nbconvert's permalinks, the inlined styles.
NOTEBOOK_NOISE = (
    ".jp-InputPrompt, .jp-OutputPrompt, .zeroclipboard-container, .clipboard-copy-txt, "
    "a.anchor-link, style, script"
)

_notebooks: dict[str, SimpleNamespace] = {}  # page URL → what the indexer needs of the page


def notebook_search_html(html: str) -> str:
    """A notebook page's content as Material's indexer should read it: the cells' Markdown,
    code and outputs with every heading at the top level, and none of the noise."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.select(NOTEBOOK_NOISE):
        element.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()  # before the title: the indexer would open an untitled section
    for div in soup.find_all("div"):
        div.unwrap()
    return str(soup).strip()  # leading space would open an untitled section too


def notebook_entries(page) -> list[dict]:
    """The search documents of a notebook page, built by Material's indexer from its cleaned
    content (``page`` needs url, title, meta, toc and content)."""
    index = SearchIndex()
    index.add_entry_from_context(
        SimpleNamespace(url=page.url, title=page.title, meta=page.meta, toc=page.toc,
                        content=notebook_search_html(page.content))
    )
    return index.entries


def replace_page_entries(index: dict, url: str, entries: list[dict]) -> None:
    """Put ``entries`` in the place of the documents of the page at ``url``."""
    docs = index["docs"]
    own = [i for i, doc in enumerate(docs)
           if doc["location"] == url or doc["location"].startswith(url + "#")]
    if not own:
        raise ValueError(f"search_index.json has no document for the notebook page {url!r}")
    kept = [doc for i, doc in enumerate(docs) if i not in set(own)]
    index["docs"] = kept[: own[0]] + entries + kept[own[0]:]


def demote_error_pages(index: dict) -> int:
    """Give the page-level documents of docs/errors/ a small boost; return how many."""
    demoted = 0
    for doc in index["docs"]:
        location = doc["location"]
        if location.startswith(PREFIX) and "#" not in location:
            doc["boost"] = PAGE_BOOST
            demoted += 1
    return demoted


def demote_other_pages(index: dict) -> int:
    """Give every other page-level document (none under docs/errors/) a boost below its
    sections'; return how many. A boost a page sets itself (`search: boost:`) is kept."""
    demoted = 0
    for doc in index["docs"]:
        location = doc["location"]
        if "#" not in location and not location.startswith(PREFIX) and "boost" not in doc:
            doc["boost"] = OTHER_PAGE_BOOST
            demoted += 1
    return demoted


def boost_sections(index: dict) -> None:
    """Give the sections of the pages in SECTION_BOOSTS their boost."""
    unused = set(SECTION_BOOSTS)
    for doc in index["docs"]:
        location = doc["location"]
        prefix = next((p for p in SECTION_BOOSTS if location.startswith(p)), None)
        if prefix is None:
            continue
        unused.discard(prefix)
        if "#" in location and "boost" not in doc:
            doc["boost"] = SECTION_BOOSTS[prefix]
    if unused:
        raise ValueError(f"SECTION_BOOSTS names pages the site does not have: {sorted(unused)}")


def on_config(config):
    _notebooks.clear()  # `mkdocs serve` rebuilds in the same process


def on_page_context(context, page, config, nav):
    if page.file.src_uri.endswith(".ipynb"):
        _notebooks[page.url] = SimpleNamespace(
            url=page.url, title=page.title, meta=page.meta, toc=page.toc, content=page.content
        )
    return context


def on_post_build(config):
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    for page in _notebooks.values():
        replace_page_entries(index, page.url, notebook_entries(page))
    if demote_error_pages(index) == 0:
        raise ValueError(f"search_index.json has no page under {PREFIX}: did the pages move?")
    demote_other_pages(index)
    boost_sections(index)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
