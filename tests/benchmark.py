"""How long verification takes, against the floor measured in the same run; and what pages weigh.

    .venv/bin/python tests/benchmark.py               # everything (the full test run: minutes)
    .venv/bin/python tests/benchmark.py --no-tests    # the floor, the build, the weights only

A command that prints figures, not a test (pytest never collects it: its name does not start
with ``test_``; wall-clock times are measured here and asserted nowhere). It measures, each in a
fresh process, with the test run's settings (TensorFlow's logs off, the CPU only):

* the floor: a bare ``import torch``, a bare ``import tensorflow`` (each the best of ``--repeat``
  tries, the least noisy figure on a shared machine), and building an empty page with the site's
  own configuration (tests/empty_site.py);
* the strict site build (``mkdocs build --strict``, the notebook cache off, as the test run does);
* the full test run (the README's ``pytest``, in a subprocess) and its ratio to the floor;
* each built page's weight: its HTML plus the files it makes a browser fetch from the site
  (stylesheets, scripts, images, icons; each counted once per page), against the empty page's.
  search/search_index.json is fetched once per visit, not per page: it is shown apart.

The README's "Speed of the test run" section shows its latest figures.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: tests/ is a package of the repository root
    sys.path.insert(0, str(ROOT))

from tests.empty_site import build_empty_site  # noqa: E402

ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0",
       "KERAS_BACKEND": "tensorflow", "CUDA_VISIBLE_DEVICES": "", "NO_MKDOCS_2_WARNING": "1"}


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    """Run a command to its end; return its wall time in seconds and its result, whose ``cpu``
    is the CPU seconds it and its processes used (a figure other load on the machine barely
    moves, unlike the wall time)."""
    start, cpu = time.perf_counter(), cpu_of_children()
    done = subprocess.run(command, cwd=ROOT, env={**ENV, **kwargs.pop("env", {})},
                          capture_output=True, text=True, check=False, **kwargs)
    done.cpu = cpu_of_children() - cpu
    return time.perf_counter() - start, done


def best_import(module: str, repeat: int) -> tuple[float, float]:
    """The best wall time of a bare import in a fresh process, and the CPU seconds of that try."""
    tries = []
    for _ in range(repeat):
        seconds, done = timed([sys.executable, "-c", f"import {module}"])
        if done.returncode != 0:
            raise SystemExit(f"import {module} failed:\n{done.stderr[-2000:]}")
        tries.append((seconds, done.cpu))
    return min(tries)


class _Fetched(HTMLParser):
    """The URLs a browser fetches while loading a page (not the pages it links to)."""

    SRC = {"script": "src", "img": "src", "source": "src", "iframe": "src", "embed": "src",
           "video": "src", "audio": "src", "object": "data"}
    LINK_RELS = ("stylesheet", "icon", "preload", "modulepreload", "manifest")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SRC and a.get(self.SRC[tag]):
            self.urls.append(a[self.SRC[tag]])
        if tag == "link" and a.get("href") and any(
                r in (a.get("rel") or "").lower().split() for r in self.LINK_RELS):
            self.urls.append(a["href"])


def page_weight(site: Path, html: Path) -> tuple[int, int]:
    """(HTML bytes, bytes of the site's own files the page makes a browser fetch)."""
    parser = _Fetched()
    parser.feed(html.read_text(encoding="utf-8"))
    files = set()
    for url in parser.urls:
        parsed = urlparse(url)
        if parsed.scheme or parsed.netloc or url.startswith("data:"):
            continue  # another host (tests/test_site.py forbids them) or inline
        path = unquote(parsed.path)
        target = (site / path.lstrip("/")) if path.startswith("/") else (html.parent / path)
        target = target.resolve()
        if target.is_file():
            files.add(target)
    return html.stat().st_size, sum(f.stat().st_size for f in files)


def weights(site: Path) -> list[tuple[str, int, int]]:
    rows = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        rows.append((rel.removesuffix("index.html") or "/", *page_weight(site, html)))
    return rows


def kb(n: int) -> str:
    return f"{n / 1000:,.0f} kB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-tests", action="store_true", help="skip the full test run")
    parser.add_argument("--repeat", type=int, default=3, help="tries per bare import (best)")
    parser.add_argument("pytest_args", nargs="*", help="extra arguments for the test run")
    args = parser.parse_args()

    versions = subprocess.run(
        [sys.executable, "-c", "import importlib.metadata as m; print(' '.join("
         "f'{p} {m.version(p)}' for p in ('torch', 'keras', 'mkdocs', 'pytest')))"],
        capture_output=True, text=True, check=True).stdout.strip()
    cpu = next((ln.split(":", 1)[1].strip() for ln in
                Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name")),
               platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    print(f"date     {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine  {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
          f"{versions}")
    print(f"load     {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) at start")

    torch_s, torch_cpu = best_import("torch", args.repeat)
    tf_s, tf_cpu = best_import("tensorflow", args.repeat)
    with tempfile.TemporaryDirectory(prefix="rnn-shapes-bench-") as tmp:
        start, cpu = time.perf_counter(), cpu_of_children()
        empty = build_empty_site(Path(tmp) / "empty")
        empty_s, empty_cpu = time.perf_counter() - start, cpu_of_children() - cpu
        floor = torch_s + tf_s + empty_s
        print()
        print(f"floor               {floor:6.1f} s = import torch {torch_s:.1f} s + import "
              f"tensorflow {tf_s:.1f} s + empty site build {empty_s:.1f} s "
              f"({torch_cpu + tf_cpu + empty_cpu:.0f} CPU s)")

        site = Path(tmp) / "site"
        build_s, built = timed([sys.executable, "-m", "mkdocs", "build", "--strict",
                                "--site-dir", str(site)],
                               env={"RNN_SHAPES_NOTEBOOK_CACHE": "false"})
        if built.returncode != 0:
            print((built.stdout + built.stderr)[-3000:])
            return 1
        print(f"strict site build   {build_s:6.1f} s  ({build_s / floor:.1f}x the floor; "
              f"notebooks executed; {built.cpu:.0f} CPU s)")

        code = 0
        if not args.no_tests:
            test_s, tests = timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                   *args.pytest_args])
            lines = (tests.stdout + tests.stderr).strip().splitlines()
            ends = re.compile(r"\d+ (passed|failed|errors?) in ")
            summary = next((ln for ln in reversed(lines) if ends.search(ln)),
                           lines[-1] if lines else "")
            code = tests.returncode
            print(f"full test run       {test_s:6.1f} s  = {test_s / floor:.1f}x the floor "
                  f"(goal: 3x); {tests.cpu:.0f} CPU s on {os.cpu_count()} cores; pytest exit "
                  f"{tests.returncode}: {summary.strip('= ')}")
            problems = [ln for ln in lines if ln.startswith(("FAILED ", "ERROR "))]
            for line in problems[:20]:
                print(f"  {line[:150]}")
            if len(problems) > 20:
                print(f"  ... and {len(problems) - 20} more")

        empty_html, empty_assets = page_weight(empty, empty / "index.html")
        empty_total = empty_html + empty_assets
        rows = weights(site)
        print()
        print(f"page weight (HTML + its own assets), against the empty page's "
              f"{kb(empty_total)} ({kb(empty_html)} + {kb(empty_assets)}):")
        for rel, html, assets in sorted(rows, key=lambda r: -(r[1] + r[2])):
            total = html + assets
            print(f"  {kb(total):>9} {total / empty_total:5.2f}x  HTML {kb(html):>8}  "
                  f"assets {kb(assets):>8}  {rel}")
        index = site / "search" / "search_index.json"
        if index.is_file():
            print(f"  search/search_index.json {kb(index.stat().st_size)} (once per visit)")
    print(f"\nload     {' '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min) at end")
    return code


if __name__ == "__main__":
    sys.exit(main())
