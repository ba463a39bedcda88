"""Read the site's sources for the tests: mkdocs.yml, and the fenced code blocks of the Markdown
pages, the way a contributor sees them.

pytest-codeblocks executes only fences spelled exactly ```python (and sh/bash); anything else is
silently skipped. The coverage and lint tests use this parser to find every fence, whatever its
spelling, with the HTML-comment markers that stand before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
_MARKER = re.compile(r"^\s*<!--(?P<body>.*?)-->\s*$")
INCLUDE = re.compile(r"""--8<--\s+["'](?P<path>[^"':]+)(?::(?P<section>[\w-]+))?["']""")


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV and !relative; their values do not matter to the tests."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@cache
def mkdocs_config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)


@dataclass
class Fence:
    path: Path
    line: int  # 1-based line of the opening fence
    opener: str  # the fence characters, e.g. ``` or ~~~~
    info: str  # everything after the opener, e.g. 'python title="x"'
    body: str  # dedented content
    markers: list[str] = field(default_factory=list)  # HTML comments right before it
    end: int = 0  # 1-based line of the closing fence
    indent: str = ""  # the indentation of the fence (inside tabs, admonitions, lists)

    @property
    def lang(self) -> str:
        return self.info.split()[0].lower() if self.info.split() else ""

    @property
    def where(self) -> str:
        path = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path
        return f"{path}:{self.line}"

    def has_marker(self, prefix: str) -> bool:
        return any(m.startswith(prefix) for m in self.markers)


def fences(path: Path) -> list[Fence]:
    """Every fenced block in one Markdown file, nested ones (tabs, admonitions) included."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Fence] = []
    pending: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _OPEN.match(line)
        if m:
            indent, opener, info = m.group("indent"), m.group("fence"), m.group("info")
            body, j = [], i + 1
            while j < len(lines):
                close = lines[j].strip()
                if close.startswith(opener[0] * len(opener)) and set(close) == {opener[0]}:
                    break
                body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j])
                j += 1
            found.append(Fence(path, i + 1, opener, info, "\n".join(body) + "\n", pending,
                               end=j + 1, indent=indent))
            pending = []
            i = j + 1
            continue
        mk = _MARKER.match(line)
        if mk:
            pending = [*pending, mk.group("body").strip()]
        elif line.strip():
            pending = []
        i += 1
    return found


def markdown_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def all_fences() -> list[Fence]:
    return [f for page in markdown_pages() for f in fences(page)]


def executed_python(fence: Fence) -> bool:
    """True when pytest-codeblocks will run this fence."""
    return fence.opener.startswith("`") and fence.info == "python"


def expected_output_fence(head: Fence) -> Fence | None:
    """The ```text fence checked against what ``head`` (an executed block, with the blocks that
    continue it) prints: the next fence marked expected-output, as pytest-codeblocks pairs them."""
    page = fences(head.path)
    start = next(i for i, f in enumerate(page) if f.line == head.line)
    for fence in page[start + 1:]:
        if fence.has_marker("pytest-codeblocks:expected-output"):
            return fence
        if not (executed_python(fence) and fence.has_marker("pytest-codeblocks:cont")):
            return None
    return None


def python_sources() -> list[tuple[str, str]]:
    """(where, source) of each executed Python block as a reader runs it: a block marked
    ``pytest-codeblocks:cont`` is joined to the block it continues."""
    sources: list[tuple[str, str]] = []
    for page in markdown_pages():
        for fence in fences(page):
            if not executed_python(fence):
                continue
            if fence.has_marker("pytest-codeblocks:cont") and sources:
                where, code = sources.pop()
                sources.append((where, code + fence.body))
            else:
                sources.append((fence.where, fence.body))
    return sources


def nav_sources() -> list[str]:
    """Every page of mkdocs.yml's nav, as its source path under docs/, in nav order."""
    def walk(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)

    return list(walk(mkdocs_config()["nav"]))


def page_url(source: str) -> str:
    """The built page's path for a nav entry, with mkdocs' directory URLs: 'index.md' -> '',
    'reference/inputs.md' -> 'reference/inputs/', 'errors/index.md' -> 'errors/'."""
    stem = source.rsplit(".", 1)[0]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
