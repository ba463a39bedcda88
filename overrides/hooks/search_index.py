"""Build hook: rank an error page's entries above the page itself in the site's search.

Material's search shows results grouped by page, the groups in the order of their best match,
and the page's own entry (its title and intro) at the head of its group. On the error pages the
title and intro name the kind of message ("input sizes", "states"); Material's search also
matches words by prefix, so a pasted message's `size` or `state` finds a page title's rarer
`sizes` or `states` and puts that page's group first, above the page whose entry *is* the
message. The search index gives each document an optional boost (Material reads it: `boost` in
search/search_index.json); the error pages' own documents get a small one, so their entries,
headed by the messages themselves, decide the order.
"""

from __future__ import annotations

import json
from pathlib import Path

PAGE_BOOST = 0.05  # the page-level document of an error page; its entries keep 1
PREFIX = "errors/"


def demote_error_pages(index: dict) -> int:
    """Give the page-level documents of docs/errors/ a small boost; return how many."""
    demoted = 0
    for doc in index["docs"]:
        location = doc["location"]
        if location.startswith(PREFIX) and "#" not in location:
            doc["boost"] = PAGE_BOOST
            demoted += 1
    return demoted


def on_post_build(config):
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    if demote_error_pages(index) == 0:
        raise ValueError(f"search_index.json has no page under {PREFIX}: did the pages move?")
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), "utf-8")
