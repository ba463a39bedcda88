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


def test_nav_item_partial_is_the_theme_s_plus_a_name_for_indexed_sections():
    original = _body(THEME / "partials" / "nav-item.html")
    ours = _body(OURS / "partials" / "nav-item.html")
    named_by_label = 'aria-labelledby="{{ path }}_label" aria-expanded'
    assert original.count(named_by_label) == 1, "Material's nav-item.html changed: re-derive ours"
    named = ('{% if index %}aria-label="{{ nav_item.title }}"{% else %}'
             'aria-labelledby="{{ path }}_label"{% endif %} aria-expanded')
    assert ours == original.replace(named_by_label, named), (
        "overrides/partials/nav-item.html is no longer Material's partials/nav-item.html plus "
        "the indexed section's aria-label: copy the installed original and make that one change "
        "again")


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


def _block(template: str, name: str) -> str:
    match = re.search(r"\{% block " + name + r" %\}(.*?)\{% endblock %\}", template, re.DOTALL)
    assert match, f"Material's base.html has no {{% block {name} %}}: re-derive overrides/main.html"
    return match.group(1)


def test_main_template_s_script_start_still_fits_material():
    base = (THEME / "base.html").read_text(encoding="utf-8")
    scripts = _block(base, "scripts")
    # main.html copies each <script> of the block and waits for each one's load event: an
    # inline script there would never send one, and Material would never start.
    tags = re.findall(r"<script\b[^>]*>|\{\{[^}]*script_tag[^}]*\}\}", scripts)
    assert tags and all("src=" in t or "script_tag" in t for t in tags), (
        f"Material's scripts block now holds more than file scripts: {tags}; overrides/main.html "
        "starts only scripts with a src")
    assert "{% include" not in scripts and "<script" in scripts, scripts
    bundle = re.search(r"assets/javascripts/(bundle\.\w+\.min\.js)", scripts)
    assert bundle, f"no bundle in Material's scripts block: {scripts}"
    source = (THEME / "assets" / "javascripts" / bundle.group(1)).read_text(encoding="utf-8")
    starts = re.findall(
        r'\(document,"DOMContentLoaded",\{once:!0\}\)\.subscribe\(\(\)=>\w+\.next\(document\)\)',
        source)
    assert len(starts) == 1, (
        "Material's bundle no longer starts on one DOMContentLoaded listener; overrides/main.html "
        "sends that event again after loading the bundle late: check how the new bundle starts")
    assert "{% block header %}" in base and 'include "partials/header.html"' in _block(base,
                                                                                        "header")
    palette_script = (THEME / "partials" / "javascripts" / "palette.html").read_text("utf-8")
    assert '__md_get("__palette")' in palette_script and "matchMedia" in palette_script, (
        "Material's inline palette script changed: re-check the first-visit palette script of "
        "overrides/main.html against it")
    ours = (OURS / "main.html").read_text(encoding="utf-8")
    assert "{{ super() }}" in _block(ours, "scripts"), "main.html must start Material's own tags"
    assert "{{ super() }}" in _block(ours, "header"), "main.html must keep Material's header"


def test_every_override_is_checked_here():
    overridden = sorted(p.relative_to(OURS).as_posix() for p in OURS.rglob("*.html"))
    assert overridden == ["main.html", "partials/actions.html", "partials/nav-item.html",
                          "partials/search.html"], (
        f"templates overridden: {overridden}; add a check against the theme's copy for each"
    )
