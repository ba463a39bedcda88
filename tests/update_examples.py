"""``pytest --update-examples``: rewrite the outputs shown on the pages with what the code prints.

Without the option, a shown output that differs from what its code prints fails the run (in
pytest-codeblocks for page blocks, in tests/test_snippets.py for snippets). With it, each such
```text block is rewritten in place in docs/ and the run passes; the summary lists what changed.
After upgrading a framework: bump the pin, run ``pytest --update-examples``, review ``git diff``.

Only the body of a checked ```text fence is ever rewritten (its fence lines, indentation and
markers stay), and only with the output of the block it is checked against.
"""

from __future__ import annotations

import contextlib
import io

from tests.site_sources import Fence, expected_output_fence, fences

OPTION = "--update-examples"
_pending: dict[tuple, tuple[Fence, str]] = {}  # (path, line) -> (the text fence, new body)


def record(fence: Fence, printed: str) -> None:
    """Remember that ``fence`` should show ``printed``; written at the end of the run."""
    if fence.indent and "\n\n" in printed.rstrip("\n"):
        raise ValueError(
            f"{fence.where}: the new output has a blank line, and pytest-codeblocks 0.18 drops "
            "blank lines inside an indented fence (a tab, an admonition), so it could never "
            "match: print it without blank lines"
        )
    _pending[(fence.path, fence.line)] = (fence, printed)


def apply() -> list[str]:
    """Write every recorded output into its page; return 'page:line' of each rewritten block."""
    changed = []
    for path in sorted({p for p, _ in _pending}):
        lines = path.read_text(encoding="utf-8").split("\n")
        edits = sorted((v for (p, _), v in _pending.items() if p == path),
                       key=lambda v: v[0].line, reverse=True)  # bottom up: line numbers hold
        for fence, printed in edits:
            new = printed.rstrip("\n").split("\n")
            body = [fence.indent + line if line else "" for line in new]
            lines[fence.line:fence.end - 1] = body
            changed.append(fence.where)
        path.write_text("\n".join(lines), encoding="utf-8")
    _pending.clear()
    return sorted(changed)


def codeblock_runtest(item) -> None:
    """Run one pytest-codeblocks Python block as it does (fresh globals, stdout captured) and,
    where its shown output differs, record the new one instead of failing."""
    block = item.obj
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(block.code, {"__MODULE__": "__main__"})
    printed = buffer.getvalue()
    if printed != block.expected_output:
        head = next(f for f in fences(item.path) if f.line == block.lineno)
        shown = expected_output_fence(head)
        assert shown is not None, f"{head.where}: no expected-output fence found to update"
        record(shown, printed)
