"""Build hook: render TeX math to MathML at build time.

Markdown pages write math as ``$…$`` / ``$$…$$``; pymdownx.arithmatex (generic mode) wraps it
as ``<span class="arithmatex">\\(…\\)</span>`` or ``<div class="arithmatex">\\[…\\]</div>``.
Notebook pages keep ``$…$`` as text inside their rendered Markdown cells. Both are converted
here with latex2mathml, so browsers render the math natively: no JavaScript, no CDN, a few
hundred bytes per formula instead of a 1 MB math library.
"""

from __future__ import annotations

import html as htmllib
import re

from latex2mathml.converter import convert

_ARITHMATEX = re.compile(
    r'<(span|div) class="arithmatex">\s*\\[\(\[](.+?)\\[\)\]]\s*</\1>', re.DOTALL
)
# Segments never touched in notebook pages: code, preformatted output, scripts, styles.
_PROTECTED = re.compile(r"(<(pre|code|script|style)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_DISPLAY_DOLLARS = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE_DOLLARS = re.compile(r"(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])")


def to_mathml(tex: str, display: bool) -> str:
    """Return MathML for one TeX formula (HTML entities in ``tex`` are decoded first)."""
    tex = htmllib.unescape(tex).strip()
    return convert(tex, display="block" if display else "inline")


def _arithmatex(match: re.Match[str]) -> str:
    return to_mathml(match.group(2), display=match.group(1) == "div")


def _notebook_math(html: str) -> str:
    parts = _PROTECTED.split(html)
    out = []
    # re.split with two groups yields [text, whole, tag, text, whole, tag, ...]
    for i in range(0, len(parts), 3):
        text = parts[i]
        text = _DISPLAY_DOLLARS.sub(lambda m: to_mathml(m.group(1), display=True), text)
        text = _INLINE_DOLLARS.sub(lambda m: to_mathml(m.group(1), display=False), text)
        out.append(text)
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


def on_page_content(html, page, config, files):
    html = _ARITHMATEX.sub(_arithmatex, html)
    if page.file.src_uri.endswith(".ipynb"):
        html = _notebook_math(html)
    return html
