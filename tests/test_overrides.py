"""Each override of a Material template is checked against the installed theme's own copy, so a
theme upgrade that changes the original shows up here instead of silently diverging.

* ``overrides/partials/search.html`` is Material's ``partials/search.html`` with one change: the
  search dialog gets an accessible name (Lighthouse and axe: aria-dialog-name). Upstream, the
  search dialog's ARIA is among the problems of squidfunk/mkdocs-material#4101 (open).
* ``overrides/partials/actions.html`` replaces Material's page actions (edit / view source),
  which render only for a page with an ``edit_url``; this site sets no ``repo_url`` or
  ``edit_uri`` (privacy: see mkdocs.yml), so nothing of the original is lost.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material

from tests.site_sources import ROOT, mkdocs_config

THEME = Path(material.__file__).parent / "templates"
OURS = ROOT / "overrides"
_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)  # a template's leading {#- comment -#}


def _body(path: Path) -> str:
    return _HEADER.sub("", path.read_text(encoding="utf-8"))


def test_search_partial_is_the_theme_s_plus_an_accessible_name():
    original = _body(THEME / "partials" / "search.html")
    ours = _body(OURS / "partials" / "search.html")
    change = ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">')
    assert original.count(change[0]) == 1, "Material's search.html changed: re-derive ours"
    assert ours == original.replace(*change), (
        "overrides/partials/search.html is no longer Material's partials/search.html plus the "
        "dialog's aria-label: copy the installed original and make that one change again"
    )


def test_actions_partial_replaces_only_what_this_site_never_shows():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(THEME)))
    rendered = env.get_template("partials/actions.html").render(
        page=SimpleNamespace(edit_url=None), features=["content.action.edit"], config={},
    )
    assert not rendered.strip(), "Material's actions.html now shows something without edit_url"
    config = mkdocs_config()
    assert "repo_url" not in config and "edit_uri" not in config, (
        "with repo_url or edit_uri set, pages get an edit_url: merge Material's actions.html "
        "back into overrides/partials/actions.html"
    )


def test_every_override_is_checked_here():
    overridden = sorted(p.relative_to(OURS).as_posix() for p in OURS.rglob("*.html"))
    assert overridden == ["partials/actions.html", "partials/search.html"], (
        f"templates overridden: {overridden}; add a check against the theme's copy for each"
    )
