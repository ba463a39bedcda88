"""Build hook: a Content-Security-Policy on every page, as a <meta http-equiv> tag.

GitHub Pages sets no response headers, so the policy travels in the page itself. It allows the
site's own origin only, for scripts, styles, fonts, images and connections: the browser refuses
any third-party load, and any script that was not in the page as built (an injected <script>, an
inline event handler, a `javascript:` URL). The inline scripts the page does hold (Material's
few lines that read the saved palette and tabs; on notebook pages mkdocs-jupyter's copy button)
are allowed by their SHA-256 hash, not by 'unsafe-inline'; JSON data blocks (Material's
`__config`) are not executed and need none.

* style-src 'self' only: no inline <style> is left (notebooks.py replaces mkdocs-jupyter's with
  docs/assets/notebook.css), so none is hashed, and no `style="…"` attribute is allowed either
  (neither 'unsafe-hashes' nor style-src-attr): the built pages have none, and one that appears
  is reported as a build warning (so `--strict` fails) instead of being silently unstyled.
  Styles set from scripts through the CSSOM (Material's `el.style.…`) are not affected by CSP.
* img-src adds `data:`: Material draws its icons with CSS masks of `data:image/svg+xml` URLs.
* The tag goes right after `<meta charset>` (which must come first, within the first 1024
  bytes), before anything that loads or runs: a meta policy governs only what follows it.
* A meta policy cannot carry frame-ancestors, report-uri/report-to or sandbox (browsers ignore
  them there); framing protection would need a header, which GitHub Pages does not send.

This hook must be listed last in mkdocs.yml's `hooks:`, so it hashes each page's final HTML;
the theme's 404.html is a static template, secured in on_post_template.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re

log = logging.getLogger("mkdocs.hooks.csp")

# A <script> element's raw text ends at the first `</script` (HTML's script data state).
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_STYLE = re.compile(r"<style\b([^>]*)>(.*?)</style\s*>", re.DOTALL | re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# Attributes the policy refuses: inline event handlers and style attributes.
_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
_REFUSED_ATTR = re.compile(r"""\s(on[a-z]+|style)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.I)

# Script types a browser executes (HTML's JavaScript MIME types, plus modules); any other type,
# e.g. application/json, is a data block.
_EXECUTED_TYPES = {"", "module", "text/javascript", "application/javascript",
                   "application/ecmascript", "text/ecmascript"}


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def inline_scripts(html: str) -> list[str]:
    """The text of every inline <script> in `html` that a browser would execute."""
    found = []
    for attrs, body in _SCRIPT.findall(_COMMENT.sub("", html)):
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _EXECUTED_TYPES):
            continue
        found.append(body)
    return found


def inline_styles(html: str) -> list[str]:
    return [body for _, body in _STYLE.findall(_COMMENT.sub("", html))]


def refused_attributes(html: str) -> list[str]:
    """`name="value"` of each inline event handler or style attribute (the policy blocks them)."""
    bare = _STYLE.sub("", _SCRIPT.sub("", _COMMENT.sub("", html)))
    return [m.group(0).strip() for tag in _TAG.findall(bare) for m in _REFUSED_ATTR.finditer(tag)]


def policy(html: str) -> str:
    """The Content-Security-Policy for one page: its own origin, plus its inline scripts and
    styles by hash."""
    scripts = sorted({_sha256(s) for s in inline_scripts(html)})
    styles = sorted({_sha256(s) for s in inline_styles(html)})
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *scripts]),
        " ".join(["style-src 'self'", *styles]),
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def add_policy(html: str, where: str = "page") -> str:
    """`html` with its policy as a <meta http-equiv> tag before anything that loads or runs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    head = _HEAD.search(html)
    if head is None:
        raise ValueError(f"{where}: no <head> to put the Content-Security-Policy in")
    charset = _CHARSET.search(html, head.end())
    at = head.end()
    if charset and not html[head.end():charset.start()].strip():
        at = charset.end()  # <meta charset> stays first in <head>
    return html[:at] + tag + html[at:]


def _secure(output: str, where: str) -> str:
    for attribute in refused_attributes(output):
        log.warning(
            "%s: %s: the Content-Security-Policy (overrides/hooks/csp.py) refuses inline style "
            "and event-handler attributes; use a class in a stylesheet, or a listener in a "
            "script file, instead", where, attribute[:80],
        )
    return add_policy(output, where)


def on_post_page(output, page, config):
    return _secure(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    """Static templates: the theme's 404.html (not a page: on_post_page never sees it)."""
    if template_name.endswith(".html"):
        return _secure(output_content, template_name)
    return output_content
