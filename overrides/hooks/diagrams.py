"""Build hook: draw shape diagrams from code.

A page asks for a picture with an HTML comment on a line of its own, e.g.

    <!-- shape-diagram: N=2 T=5 D=3 M=4 K=6 -->
    <!-- shape-diagram: N=2 T=5 D=3 M=4 K=6 last-step -->

and this hook replaces it with the inline SVG that ``snippets/shape_diagram.py`` draws for those
sizes (inline, so it follows the light/dark palette through CSS variables). A malformed request
fails the build with a message that says what is allowed.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

_REQUEST = re.compile(r"^<!--\s*shape-diagram:(?P<args>[^>]*)-->\s*$", re.MULTILINE)
_SIZE = re.compile(r"^(N|T|D|M|K)=(\d+)$")


def _load_drawer():
    path = Path(__file__).resolve().parents[2] / "snippets" / "shape_diagram.py"
    spec = importlib.util.spec_from_file_location("shape_diagram", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_drawer = _load_drawer()


def render(args: str, where: str) -> str:
    """The <figure> for one request such as ``"N=2 T=5 D=3 M=4 K=6 last-step"``."""
    sizes, last_step = {}, False
    for token in args.split():
        if token == "last-step":
            last_step = True
        elif m := _SIZE.match(token):
            sizes[m.group(1)] = int(m.group(2))
        else:
            raise ValueError(
                f"{where}: shape-diagram: unknown token {token!r}; "
                "allowed: N=…, T=…, D=…, M=…, K=… (whole numbers) and 'last-step'"
            )
    missing = [k for k in "NTDMK" if k not in sizes]
    if missing:
        raise ValueError(f"{where}: shape-diagram: missing {', '.join(missing)}")
    svg = _drawer.chain_svg(**sizes, last_step_only=last_step)
    caption = (
        "One sheet per sample (N), one row per time step (T), one column per feature (D, M, K)."
        if not last_step
        else "Only the last step's hidden state goes on: one row per sample, no T axis."
    )
    return (
        f'<figure class="shape-diagram-figure" markdown="0">\n{svg}\n'
        f"<figcaption>{caption}</figcaption>\n</figure>"
    )


def on_page_markdown(markdown, page, config, files):
    where = page.file.src_uri
    return _REQUEST.sub(lambda m: render(m.group("args"), where), markdown)
