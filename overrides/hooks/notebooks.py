"""Build hook for notebook pages (mkdocs-jupyter).

* Quiet kernels: the notebooks are executed at build time by kernels that inherit this process'
  environment. Setting TensorFlow's log switches here, before any kernel starts, keeps its C++
  log lines and the oneDNN banner out of the pages, and pins the frameworks to the CPU so that
  the numbers on a page do not depend on the build machine having a GPU.
* Working table of contents: mkdocs-jupyter builds a notebook's TOC with its own slugs, which
  drop code spans (`bias_hh`), while the headings get nbconvert's ids, which keep them; such TOC
  links lead nowhere. Each TOC entry is pointed at the heading it stands for. (Upstream, the TOC
  and the headings' ids have disagreed before: danielfrg/mkdocs-jupyter#140, on letter case,
  fixed in #139; no report of the code-span case was found.)
* Offline pages: mkdocs-jupyter's template always emits MathJax and Mermaid loaders that point
  to a CDN. The math is rendered to MathML by ``mathml.py`` and no notebook uses Mermaid, so
  those scripts are removed: a built page makes no third-party request. (Upstream,
  danielfrg/mkdocs-jupyter#199 made the MathJax URL configurable, not optional: the tag stays.)
* Light pages: mkdocs-jupyter 0.26.3 inlines about 590 kB of JupyterLab CSS (its index.css and
  theme CSS, plus Pygments rules) as <style> blocks into every notebook page, with no option to
  leave them out (its options pick only the light or dark theme). Those blocks are removed, and
  the cells are styled by docs/assets/notebook.css (a few kB, Material's palette variables, so
  light and dark follow the site), linked from the <head> of notebook pages only. The code cells'
  highlighting gets Material's own token colours: their `highlight-ipynb` box also gets the
  `highlight` class that Material's rules select. No inline <style> is left, so the
  Content-Security-Policy (csp.py) allows no inline style at all.
* No empty outputs: Keras' `model.summary(print_fn=print)` prints its table (a text/plain
  output) and also displays rich's empty HTML capture, `<pre style="…"></pre>`: an empty box
  whose style attribute the CSP would refuse. Outputs with nothing in them are dropped.
"""

from __future__ import annotations

import os
import re

from mkdocs.utils import get_relative_url

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["CUDA_VISIBLE_DEVICES"] = ""

# <script ...>...</script> blocks; the ones to drop either load from another host or configure
# MathJax / Mermaid, which are not loaded any more.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_REMOTE = re.compile(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)
# mkdocs-jupyter's MathJax loader with no URL configured: `<script src="">`, which loads nothing.
_EMPTY_SRC = re.compile(r"""\bsrc\s*=\s*(?:""|'')""")


def _drop_remote_scripts(html: str) -> str:
    def keep_or_drop(match: re.Match[str]) -> str:
        attrs, body = match.group(1), match.group(2)
        if _REMOTE.search(attrs) or "mathjax" in attrs.lower() or _EMPTY_SRC.search(attrs):
            return ""
        if re.search(r"MathJax|mermaid|https?://", body):
            return ""
        return match.group(0)

    return _SCRIPT.sub(keep_or_drop, html)


_HEADING_ID = re.compile(r"<h[1-6][^>]*\bid=\"([^\"]+)\"")


def _fix_toc(toc, heading_ids: list[str]) -> None:
    for item in toc:
        if item.id not in heading_ids:
            candidates = [h for h in heading_ids if h.startswith(item.id)]
            if len(candidates) == 1:
                item.id = candidates[0]
        _fix_toc(item.children, heading_ids)


# mkdocs-jupyter's inlined stylesheets (JupyterLab, Pygments, Mermaid): all of the page's
# <style> blocks come from its template.
_STYLE = re.compile(r"<style\b[^>]*>.*?</style>\s*", re.DOTALL | re.IGNORECASE)
# One output of a cell (prompt + output box) whose box holds nothing, or only an empty <pre>.
_EMPTY_OUTPUT = re.compile(
    r'<div class="jp-OutputArea-child">\s*<div class="jp-OutputPrompt[^"]*">[^<]*</div>\s*'
    r'<div class="[^"]*\bjp-OutputArea-output\b[^"]*"[^>]*>\s*(?:<pre\b[^>]*>\s*</pre>)?\s*'
    r"</div>\s*</div>\s*"
)
STYLESHEET = "assets/notebook.css"  # in docs/: the cells' own styles


def _restyle(html: str) -> str:
    html = _STYLE.sub("", html)
    html = _EMPTY_OUTPUT.sub("", html)
    return html.replace('<div class="highlight-ipynb ', '<div class="highlight highlight-ipynb ')


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        _fix_toc(page.toc, _HEADING_ID.findall(html))
        return _restyle(_drop_remote_scripts(html))
    return html


def on_post_page(output, page, config):
    """Link notebook.css from the <head> of notebook pages (after Material's and extra_css)."""
    if not page.file.src_uri.endswith(".ipynb"):
        return output
    link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">\n'
    head_end = output.find("</head>")
    if head_end < 0:
        raise ValueError(f"{page.file.src_uri}: no </head> to link {STYLESHEET} from")
    return output[:head_end] + link + output[head_end:]
