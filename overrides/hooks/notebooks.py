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
"""

from __future__ import annotations

import os
import re

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ["CUDA_VISIBLE_DEVICES"] = ""

# <script ...>...</script> blocks; the ones to drop either load from another host or configure
# MathJax / Mermaid, which are not loaded any more.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL | re.IGNORECASE)
_REMOTE = re.compile(r"""\bsrc\s*=\s*["']?(?:https?:)?//""", re.IGNORECASE)


def _drop_remote_scripts(html: str) -> str:
    def keep_or_drop(match: re.Match[str]) -> str:
        attrs, body = match.group(1), match.group(2)
        if _REMOTE.search(attrs) or "mathjax" in attrs.lower():
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


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        _fix_toc(page.toc, _HEADING_ID.findall(html))
        return _drop_remote_scripts(html)
    return html
