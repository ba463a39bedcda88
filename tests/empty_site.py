"""Build an empty page with the site's own configuration: the floor any page is weighed against.

`serve(folder)` serves a built site the way GitHub Pages does what matters here (gzip-encoded
text when the browser accepts it), for the conftest `served` fixture and the weight budget.

`build_empty_site(dest)` writes a temporary mkdocs.yml derived from the real one — the same
theme (custom_dir and all), extra_css, extra_javascript, markdown_extensions, hooks, plugins and
`extra` — with every path made absolute, and a docs folder holding one empty `index.md` plus the
assets those settings name. It builds it with `mkdocs build --strict` into `dest` and returns
`dest`. Used by tests/test_budgets.py (the weight budget) and importable by benchmark scripts:

    from tests.empty_site import build_empty_site, serve
    site = build_empty_site(Path("/tmp/empty"))   # /tmp/empty/index.html
    with serve(site) as url: ...                  # http://127.0.0.1:PORT
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

# Hooks left out of the empty site, each with the reason. search_index.py rewrites only
# search/search_index.json (counted apart from a page's weight) and refuses an index without
# error pages, which an empty site has by definition.
SKIPPED_HOOKS = {"overrides/hooks/search_index.py"}

# Settings of the real site that describe its content, not its theme: not carried over.
_CONTENT_KEYS = {"nav", "watch", "docs_dir", "site_dir", "INHERIT"}


# Types GitHub Pages sends gzip-encoded (text, scripts, JSON such as search_index.json, SVG).
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml", "application/manifest+json")


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    """A static file server that, like GitHub Pages, answers `Accept-Encoding: gzip` with a
    gzip-encoded body for text types, so "bytes transferred" is what a visitor pays. (The
    standard library's server sends no encoding; one file's worth of code here avoids a
    dependency for the tests.) Directories, redirects and errors are the standard server's."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return super().send_head()  # the standard redirect to ".../"
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepted and os.path.isfile(path) and ctype.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) with PagesHandler; yields the base URL."""
    handler = functools.partial(PagesHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _loader(config_dir: Path) -> type[yaml.SafeLoader]:
    """A YAML loader that resolves mkdocs' own tags the way mkdocs would for this file:
    `!ENV NAME` / `!ENV [NAME, ..., default]` from the environment, `!relative $config_dir`
    (and `$docs_dir`) to absolute paths, so the copied settings mean the same from elsewhere."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        if isinstance(node, yaml.ScalarNode):
            names, default = [loader.construct_scalar(node)], None
        else:
            items = loader.construct_sequence(node)
            names, default = items[:-1] if len(items) > 1 else items, items[-1]
            if len(items) == 1:
                default = None
        for name in names:
            if name in os.environ:
                return yaml.safe_load(os.environ[name])
        return default

    def relative(loader, node):
        value = loader.construct_scalar(node) or "$config_dir"
        places = {"$config_dir": config_dir, "$docs_dir": config_dir / "docs"}
        head, _, tail = value.partition("/")
        if head not in places:
            raise ValueError(f"mkdocs.yml: !relative {value}: only $config_dir/$docs_dir known")
        return str(places[head] / tail) if tail else str(places[head])

    Loader.add_constructor("!ENV", env)
    Loader.add_constructor("!relative", relative)
    return Loader


def empty_site_config(docs_dir: Path, site_dir: Path, source: Path = ROOT / "mkdocs.yml") -> dict:
    """The real configuration with the content swapped for `docs_dir` and paths made absolute."""
    config = yaml.load(source.read_text(encoding="utf-8"), Loader=_loader(source.parent))
    config = {k: v for k, v in config.items() if k not in _CONTENT_KEYS}
    theme = dict(config["theme"])
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((source.parent / theme["custom_dir"]).resolve())
    config["theme"] = theme
    hooks = [h for h in config.get("hooks", []) if h not in SKIPPED_HOOKS]
    config["hooks"] = [str((source.parent / h).resolve()) for h in hooks]
    config["docs_dir"] = str(docs_dir)
    config["site_dir"] = str(site_dir)
    return config


def _assets(config: dict) -> list[str]:
    """The files in docs/ that the copied settings point to (they must exist in the new docs)."""
    named = list(config.get("extra_css", [])) + list(config.get("extra_javascript", []))
    named = [n if isinstance(n, str) else n["path"] for n in named]
    if config["theme"].get("favicon"):
        named.append(config["theme"]["favicon"])
    if config["theme"].get("logo"):
        named.append(config["theme"]["logo"])
    return [n for n in named if "://" not in n and (DOCS / n).is_file()]


def build_empty_site(dest: Path) -> Path:
    """Build the empty page into `dest` (created or replaced); return `dest`.

    Raises RuntimeError with mkdocs' log when the strict build fails."""
    dest = Path(dest).resolve()
    with tempfile.TemporaryDirectory(prefix="rnn-shapes-empty-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        (docs / "index.md").write_text("", encoding="utf-8")
        config = empty_site_config(docs, dest)
        for name in _assets(config):
            (docs / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(DOCS / name, docs / name)
        config_file = Path(tmp) / "mkdocs.yml"
        config_file.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_file)],
            cwd=tmp, env=env, capture_output=True, text=True, timeout=600,
        )
    if result.returncode != 0 or not (dest / "index.html").is_file():
        raise RuntimeError(
            f"the empty site with the site's configuration did not build (exit "
            f"{result.returncode}):\n{(result.stdout + result.stderr)[-4000:]}"
        )
    return dest


if __name__ == "__main__":
    print(build_empty_site(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/empty-site")))
