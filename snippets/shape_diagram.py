"""Draw the N×T×D → N×T×M → N×T×K chain as boxes, in SVG.

The home page shows this picture; the build (overrides/hooks/generated.py) calls
``chain_svg`` with the sizes the page uses, so the picture is drawn from code, never by hand.
Each tensor is a stack of N sheets (one per sample); a sheet has one row per time step and one
column per feature, so you can count the cells. Run this file to check the picture against the
shapes that ``nn.RNN`` really returns.
"""

from __future__ import annotations

from html import escape

CELL = 13  # px per cell
SHEET_OFFSET = 9  # px between the sheets of consecutive samples
CHAR = 7.4  # px per character of a 12 px monospace label
MAX_SIZE = 12  # larger sizes would not fit a page; the picture is for small examples


def _check_size(name: str, value: object) -> int:
    """Return ``value`` if it is a whole number from 1 to MAX_SIZE, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int from 1 to {MAX_SIZE}, got {value!r}")
    if not 1 <= value <= MAX_SIZE:
        raise ValueError(f"{name} must be from 1 to {MAX_SIZE} to be drawn, got {value}")
    return value


def _el(tag: str, cls: str, text: str = "", **attrs: float) -> str:
    """One SVG element; ``text`` is escaped, attribute values are numbers."""
    attributes = " ".join(f'{k}="{v:g}"' for k, v in attrs.items())
    if text:
        return f'<{tag} class="{cls}" {attributes}>{escape(text)}</{tag}>'
    return f'<{tag} class="{cls}" {attributes}/>'


def _tensor(
    x: float, top: float, n: int, rows: int, cols: int, name: str, dims: str
) -> tuple[str, float, tuple[float, float]]:
    """SVG for one tensor drawn as ``n`` sheets of ``rows``×``cols`` cells, centred in a slot
    wide enough for its labels; returns (svg, slot width, (left, right) of the drawn sheets)."""
    w, h = cols * CELL, rows * CELL
    depth = (n - 1) * SHEET_OFFSET
    slot = max(w + depth, CHAR * max(len(name), len(dims))) + 4
    x += (slot - w - depth) / 2
    parts = []
    for k in reversed(range(n)):  # back sheets first, so sample 0 is in front
        sx, sy = x + k * SHEET_OFFSET, top + depth - k * SHEET_OFFSET
        cls = "sheet front" if k == 0 else "sheet"
        parts.append(_el("rect", cls, x=sx, y=sy, width=w, height=h))
    fx, fy = x, top + depth  # the front sheet: draw its grid so cells can be counted
    for r in range(1, rows):
        parts.append(_el("line", "grid", x1=fx, y1=fy + r * CELL, x2=fx + w, y2=fy + r * CELL))
    for c in range(1, cols):
        parts.append(_el("line", "grid", x1=fx + c * CELL, y1=fy, x2=fx + c * CELL, y2=fy + h))
    bottom = fy + h
    parts.append(_el("text", "name", name, x=fx + (w + depth) / 2, y=bottom + 20))
    parts.append(_el("text", "dims", dims, x=fx + (w + depth) / 2, y=bottom + 37))
    return "\n".join(parts), slot, (x, x + w + depth)


# --8<-- [start:chain]
def chain_svg(N: int, T: int, D: int, M: int, K: int, *, last_step_only: bool = False) -> str:
    """The chain input → RNN → head as an SVG string, for batch-major (N×T×…) tensors.

    With ``last_step_only`` the RNN's result is the final hidden state (N×M) and the head gives
    one output per sample (N×K): the many-to-one case. Otherwise every step keeps its row.
    """
    N, T, D, M, K = (_check_size(k, v) for k, v in zip("NTDMK", (N, T, D, M, K), strict=True))
    rows = 1 if last_step_only else T
    tensors = [
        ("input x", T, D, f"N×T×D = {N}×{T}×{D}"),
        ("hidden states" if not last_step_only else "last hidden state", rows, M,
         f"N×T×M = {N}×{T}×{M}" if not last_step_only else f"N×M = {N}×{M}"),
        ("outputs y", rows, K, f"N×T×K = {N}×{T}×{K}" if not last_step_only else f"N×K = {N}×{K}"),
    ]
    arrows = ["nn.RNN · SimpleRNN", "nn.Linear · Dense"]
    top, gap, x = 14, 132, 4
    body, centres = [], []
    for i, (name, r, c, dims) in enumerate(tensors):
        svg, width, extent = _tensor(x, top + (T - r) * CELL / 2, N, r, c, name, dims)
        body.append(svg)
        centres.append(extent)
        x += width + (gap if i < len(tensors) - 1 else 0)
    title = "many-to-one" if last_step_only else "many-to-many"
    mid = top + (N - 1) * SHEET_OFFSET + T * CELL / 2
    for (_, right), (left, _), label in zip(centres, centres[1:], arrows, strict=False):
        arrow = _el("line", "arrow", x1=right + 4, y1=mid, x2=left - 6, y2=mid)
        body.append(arrow.replace("/>", f' marker-end="url(#head-{title})"/>'))
        body.append(_el("text", "op", label, x=(right + left) / 2, y=mid - 8))
    height = top + (N - 1) * SHEET_OFFSET + T * CELL + 46
    return (
        f'<svg class="shape-diagram" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {x + 4} {height}" width="{x + 4}" height="{height}">\n'
        f"<title>{title}: {' → '.join(t[3] for t in tensors)}</title>\n"
        f'<defs><marker id="head-{title}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>\n'
        + "\n".join(body)
        + "\n</svg>"
    )
# --8<-- [end:chain]


if __name__ == "__main__":
    import torch
    from torch import nn

    N, T, D, M, K = 2, 5, 3, 4, 6
    torch.manual_seed(0)
    rnn, head = nn.RNN(D, M, batch_first=True), nn.Linear(M, K)
    x = torch.randn(N, T, D)
    out, h_n = rnn(x)
    y = head(out)
    # The labels in the picture are the shapes the frameworks really give.
    picture = chain_svg(N, T, D, M, K)
    for tensor, label in [(x, "N×T×D"), (out, "N×T×M"), (y, "N×T×K")]:
        sizes = "×".join(map(str, tensor.shape))
        assert f"{label} = {sizes}" in picture, f"{label} = {sizes} missing from the picture"
    last = chain_svg(N, T, D, M, K, last_step_only=True)
    assert f"N×M = {N}×{M}" in last and tuple(h_n[-1].shape) == (N, M), h_n.shape
    assert f"N×K = {N}×{K}" in last and tuple(head(h_n[-1]).shape) == (N, K)
    # Bad sizes get a message that says what is allowed.
    for bad in (0, 13, 2.5, True):
        try:
            chain_svg(bad, T, D, M, K)
        except (TypeError, ValueError) as err:
            print(err)
