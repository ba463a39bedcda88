"""Pictures of the site's conventions, drawn in SVG from the sizes a page uses.

The build (overrides/hooks/generated.py) calls these functions with the sizes written in a
page's marker comment, so every picture is drawn from code, never by hand, and its labels are
the shapes the frameworks really give: this file's own run and tests/test_diagrams.py build the
layers at the same sizes and compare.

* ``chain_svg``: the home page's N×T×D → N×T×M → N×T×K chain (or the many-to-one chain). Each
  tensor is a stack of N sheets (one per sample); a sheet has one row per time step and one
  column per feature, so you can count the cells.
* ``unrolled_svg``: the recurrence unrolled over T steps: x_t and h_(t-1) make h_t.
* ``h_n_order_svg``: which layer and direction each row of PyTorch's ``h_n`` holds, and where
  Keras returns the same state.
* ``bidirectional_svg``: the forward | backward halves of a bidirectional output's last axis,
  and the step at which each half holds its final state.
* ``packing_svg``: a padded batch with its lengths, and the ``PackedSequence`` made from it.
* ``stacking_svg``: L stacked layers, each reading the sequence the one below returns.

Every picture is narrow enough for a phone: at most MAX_WIDTH px wide with 13 px labels, so a
358 px column scales it by no less than 358/MAX_WIDTH and no label falls below 11 px.
"""

from __future__ import annotations

import re
from html import escape, unescape

CELL = 13  # px per cell
SHEET_OFFSET = 9  # px between the sheets of consecutive samples
FONT = 13  # px, the labels' size (docs/assets/site.css sets the same)
CHAR = 0.6 * FONT  # px per character of a monospace label
MAX_SIZE = 12  # larger sizes would not fit a page; the pictures are for small examples
MAX_WIDTH = 420  # px: 358 px (a 390 px phone's column) / 420 × 13 px ≥ 11 px per label


def _check_size(name: str, value: object, most: int = MAX_SIZE) -> int:
    """Return ``value`` if it is a whole number from 1 to ``most``, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int from 1 to {most}, got {value!r}")
    if not 1 <= value <= most:
        raise ValueError(f"{name} must be from 1 to {most} to be drawn, got {value}")
    return value


def _el(tag: str, cls: str, text: str = "", **attrs: float | str) -> str:
    """One SVG element; ``text`` and string attributes are escaped, numbers written short."""
    attributes = " ".join(
        f'{k.replace("_", "-")}="{v:g}"' if isinstance(v, int | float)
        else f'{k.replace("_", "-")}="{escape(v)}"'
        for k, v in attrs.items()
    )
    if text:
        return f'<{tag} class="{cls}" {attributes}>{escape(text)}</{tag}>'
    return f'<{tag} class="{cls}" {attributes}/>'


def _text(x: float, y: float, text: str, cls: str = "", anchor: str = "middle") -> str:
    """A label; ``anchor`` is where ``x`` is: the middle, the start or the end of the text."""
    return _el("text", f"{cls} {anchor}".strip(), text, x=x, y=y)


def _arrow(x1: float, y1: float, x2: float, y2: float, kind: str) -> str:
    line = _el("line", "arrow", x1=x1, y1=y1, x2=x2, y2=y2)
    return line.replace("/>", f' marker-end="url(#head-{kind})"/>')


def _width(text: str) -> float:
    return len(text) * CHAR


_TEXT = re.compile(r'<text class="(?P<cls>[^"]*)" x="(?P<x>[-\d.e]+)"[^>]*>(?P<text>[^<]*)</text>')


def _text_extent(body: list[str]) -> tuple[float, float]:
    """The leftmost and rightmost x that the labels in ``body`` reach (monospace, CHAR each)."""
    lefts, rights = [0.0], [0.0]
    for m in _TEXT.finditer("\n".join(body)):
        x, w = float(m.group("x")), _width(unescape(m.group("text")))
        anchor = m.group("cls").split()[-1] if m.group("cls") else "middle"
        left = x - w if anchor == "end" else x if anchor == "start" else x - w / 2
        lefts.append(left)
        rights.append(left + w)
    return min(lefts), max(rights)


def labels(svg: str) -> list[str]:
    """The text of every label in a picture, in drawing order (what a reader sees)."""
    return [unescape(m.group("text")) for m in _TEXT.finditer(svg)]


def _svg(kind: str, title: str, width: float, height: float, body: list[str]) -> str:
    """The <svg> around ``body``: its own size, a title for screen readers, an arrowhead.
    The width grows to hold every label, so none is cut off at the right edge."""
    left, right = _text_extent(body)
    if left < 0:
        raise AssertionError(f"{kind}: a label starts {-left:g} px left of the picture")
    width, height = round(max(width, right + 6)), round(height)
    # the chain keeps its plain class (pages and tests count the chains by it)
    cls = "shape-diagram" if kind.startswith("many-to-") else f"shape-diagram shape-diagram--{kind}"
    if width > MAX_WIDTH:
        raise ValueError(
            f"{kind}: the picture would be {width} px wide, more than the {MAX_WIDTH} px that "
            "keep its labels at 11 px or more on a phone: draw it with smaller sizes"
        )
    return (
        f'<svg class="{cls}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<defs><marker id="head-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
        ' markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>\n'
        + "\n".join(body)
        + "\n</svg>"
    )


def _sub(n: int) -> str:
    """``n`` in subscript digits: h₁₂."""
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _tensor(
    x: float, top: float, n: int, rows: int, cols: int, labels: list[str]
) -> tuple[str, float, tuple[float, float]]:
    """SVG for one tensor drawn as ``n`` sheets of ``rows``×``cols`` cells, centred in a slot
    wide enough for its labels (one line each, under the sheets); returns (svg, slot width,
    (left, right) of the drawn sheets)."""
    w, h = cols * CELL, rows * CELL
    depth = (n - 1) * SHEET_OFFSET
    slot = max(w + depth, max(map(_width, labels))) + 4
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
    for i, label in enumerate(labels):
        cls = "name" if i == 0 else "dims"
        parts.append(_text(fx + (w + depth) / 2, bottom + 20 + 17 * i, label, cls))
    return "\n".join(parts), slot, (x, x + w + depth)


# --8<-- [start:chain]
def chain_svg(
    N: int, T: int, D: int, M: int, K: int, *, last_step_only: bool = False
) -> str:
    """The chain input → RNN → head as an SVG string, for batch-first tensors.

    With ``last_step_only`` the RNN's result is the final hidden state (N×M)
    and the head gives one output per sample (N×K): the many-to-one case.
    Otherwise every step keeps its row.
    """
    sizes = zip("NTDMK", (N, T, D, M, K), strict=True)
    N, T, D, M, K = (_check_size(k, v) for k, v in sizes)
    # (name in the code, rows, columns, axes, sizes); one label per line
    # keeps the picture narrow
    tensors = [("x", T, D, "N×T×D", f"{N}×{T}×{D}")]
    if last_step_only:
        tensors += [
            ("h_n[-1]", 1, M, "N×M", f"{N}×{M}"),
            ("y", 1, K, "N×K", f"{N}×{K}"),
        ]
    else:
        tensors += [
            ("out", T, M, "N×T×M", f"{N}×{T}×{M}"),
            ("y", T, K, "N×T×K", f"{N}×{T}×{K}"),
        ]
    ops = [("nn.RNN", "SimpleRNN"), ("nn.Linear", "Dense")]
    top, x = 14, 4
    gap = max(_width(w) for op in ops for w in op) + 10
    body, extents = [], []
    for i, (name, r, c, axes, dims) in enumerate(tensors):
        y = top + (T - r) * CELL / 2
        svg, width, extent = _tensor(x, y, N, r, c, [name, axes, dims])
        body.append(svg)
        extents.append(extent)
        x += width + (gap if i < len(tensors) - 1 else 0)
    title = "many-to-one" if last_step_only else "many-to-many"
    mid = top + (N - 1) * SHEET_OFFSET + T * CELL / 2
    pairs = zip(extents, extents[1:], ops, strict=False)
    for (_, right), (left, _), (line1, line2) in pairs:
        body.append(_arrow(right + 4, mid, left - 6, mid, title))
        body.append(_text((right + left) / 2, mid - 23, line1, "op"))
        body.append(_text((right + left) / 2, mid - 8, line2, "op"))
    height = top + (N - 1) * SHEET_OFFSET + T * CELL + 63
    shapes = " → ".join(f"{t[3]} = {t[4]}" for t in tensors)
    return _svg(title, f"{title}: {shapes}", x + 4, height, body)
# --8<-- [end:chain]


def _fit(x: float, text: str, width: float) -> float:
    """The middle of a centred label, moved in so the whole label stays inside ``width``."""
    half = _width(text) / 2 + 2
    return min(max(x, half), width - half)


def unrolled_svg(N: int, T: int, D: int, M: int) -> str:
    """The recurrence unrolled over T steps, one layer, one direction: step t reads x_t and
    h_(t-1) and gives h_t; ``out`` holds every h_t, ``h_n`` the last one; h₀ starts at zeros."""
    N, D, M = (_check_size(k, v) for k, v in zip("NDM", (N, D, M), strict=True))
    T = _check_size("T", T, 6)  # 6 steps fill a phone's column
    pitch, bw, bh, x0 = 52, 38, 26, 12
    left = [x0 + c * pitch for c in range(T + 2)]  # h₀, the T steps, h_n
    texts = [
        f"out: N×T×M = {N}×{T}×{M} (every h_t)",
        f"x: N×T×D = {N}×{T}×{D}, x_t: N×D = {N}×{D}",
        f"h_n: 1×N×M = 1×{N}×{M}, h_n[0] = h{_sub(T)}",
    ]
    width = max(left[-1] + bw + 8, *(_width(t) + 8 for t in texts))
    steps_mid = (left[1] + left[T] + bw) / 2
    body = [_text(_fit(steps_mid, texts[0], width), 14, texts[0], "dims")]
    body.append(  # a bracket over h₁ … h_T: these are the output
        f'<path class="bracket" d="M{left[1]},30 V23 H{left[T] + bw} V30"/>'
    )
    hy, xy = 38, 100
    for c in range(T + 2):
        if c == 0:
            cls, label = "box initial", "h₀"
        elif c == T + 1:
            cls, label = "box final", "h_n"
        else:
            cls, label = "box", f"h{_sub(c)}"
        body.append(_el("rect", cls, x=left[c], y=hy, width=bw, height=bh, rx=3))
        body.append(_text(left[c] + bw / 2, hy + 18, label, "name"))
        if c <= T:  # h_(c) → h_(c+1), and h_T → h_n: the same tensor, returned
            body.append(_arrow(left[c] + bw, hy + bh / 2, left[c + 1] - 2, hy + bh / 2, "unrolled"))
        if 1 <= c <= T:
            body.append(_el("rect", "box input", x=left[c], y=xy, width=bw, height=bh, rx=3))
            body.append(_text(left[c] + bw / 2, xy + 18, f"x{_sub(c)}", "name"))
            body.append(_arrow(left[c] + bw / 2, xy, left[c] + bw / 2, hy + bh + 2, "unrolled"))
    body.append(_text(left[0] + bw / 2, xy + 18, "zeros", "note"))
    body.append(_text(_fit(steps_mid, texts[1], width), xy + bh + 22, texts[1], "dims"))
    body.append(_text(_fit(steps_mid, texts[2], width), xy + bh + 40, texts[2], "dims"))
    title = f"The recurrence unrolled: {texts[0]}; {texts[1]}; {texts[2]}"
    return _svg("unrolled", title, width, xy + bh + 50, body)


def h_n_order_svg(L: int, N: int, M: int, *, bidirectional: bool = True) -> str:
    """Which layer and direction each row of PyTorch's ``h_n`` holds: row layer·dirs + direction;
    and where Keras, which stacks one layer object per layer, returns the same state (a GRU or
    SimpleRNN: ``output, *states = layer(x)``, the forward state first)."""
    L = _check_size("L", L, 4)
    N, M = _check_size("N", N), _check_size("M", M)
    if not isinstance(bidirectional, bool):
        raise TypeError(f"bidirectional must be True or False, got {bidirectional!r}")
    dirs = 2 if bidirectional else 1
    names = ("forward", "backward")[:dirs]
    head = f"h_n: (L·dirs)×N×M = {L * dirs}×{N}×{M}"
    if not bidirectional:
        head = f"h_n: L×N×M = {L}×{N}×{M}"
    rule = "row = layer·2 + direction" if bidirectional else "row = layer"
    cols = (8, 80, 232)  # the row box, PyTorch's layer and direction, Keras
    rows = [(layer * dirs + d, layer, d) for layer in range(L) for d in range(dirs)]
    row_labels = [  # output, *states = layer(x): states[d] is direction d's final state
        (f"layer {layer} {names[d]}" if bidirectional else f"layer {layer}",
         f"layer {layer}: states[{d}]")
        for _, layer, d in rows
    ]
    width = max(
        cols[2] + max(_width(k) for _, k in row_labels) + 8, _width(head) + 16, _width(rule) + 16
    )
    body = [_text(8, 16, head, "dims", "start")]
    body.append(_text(cols[1], 40, "PyTorch", "heading", "start"))
    body.append(_text(cols[2], 40, "Keras", "heading", "start"))
    for (i, layer, d), (torch_label, keras_label) in zip(rows, row_labels, strict=True):
        y = 50 + 28 * i
        cls = "box" if d == 0 else "box backward"
        body.append(
            f'<g class="h-n-row" data-row="{i}" data-layer="{layer}" data-direction="{names[d]}">'
        )
        body.append(_el("rect", cls, x=cols[0], y=y, width=60, height=22, rx=3))
        body.append(_text(cols[0] + 30, y + 16, f"h_n[{i}]", "name"))
        body.append(_text(cols[1], y + 16, torch_label, "", "start"))
        body.append(_text(cols[2], y + 16, keras_label, "", "start"))
        body.append("</g>")
    bottom = 50 + 28 * len(rows) + 14
    body.append(_text(8, bottom, rule, "note", "start"))
    return _svg("h-n-order", f"{head}; {rule}", width, bottom + 10, body)


def bidirectional_svg(N: int, T: int, M: int) -> str:
    """One sample of a bidirectional output, T steps × 2M features: the forward half, then the
    backward half; the forward direction's final state is its last step, the backward one's is
    step 0 (it reads the sequence from the end)."""
    N, M = _check_size("N", N), _check_size("M", M, 8)
    T = _check_size("T", T, 8)
    cell, x0, top = 18, 42, 34
    grid_right = x0 + 2 * M * cell
    finals = [  # (half, step, label): where each direction's final state sits in out
        ("forward", T - 1, "out[:, -1, :M] = h_n[-2]"),
        ("backward", 0, "out[:, 0, M:] = h_n[-1]"),
    ]
    head = f"out: N×T×2M = {N}×{T}×{2 * M}, one sample"
    width = max(grid_right + 14 + max(_width(f[2]) for f in finals) + 8, _width(head) + 16)
    body = [_text(8, 16, head, "dims", "start")]
    for t in range(T):
        y = top + t * cell
        body.append(_text(x0 - 6, y + cell - 4, f"t={t}", "note", "end"))
        for j in range(2 * M):
            cls = "cell forward" if j < M else "cell backward"
            body.append(_el("rect", cls, x=x0 + j * cell, y=y, width=cell, height=cell))
    for half, t, label in finals:
        x = x0 if half == "forward" else x0 + M * cell
        y = top + t * cell
        body.append(
            _el("rect", "final", x=x, y=y, width=M * cell, height=cell,
                data_half=half, data_step=t)
        )
        body.append(_el("line", "leader", x1=grid_right + 2, y1=y + cell / 2,
                        x2=grid_right + 12, y2=y + cell / 2))
        body.append(_text(grid_right + 14, y + cell - 3, label, "", "start"))
    below = top + T * cell
    for k, half in enumerate(("forward", "backward")):
        middle = x0 + (k + 0.5) * M * cell
        body.append(_text(middle, below + 17, half, "name"))
        body.append(_text(middle, below + 33, ":M" if k == 0 else "M:", "note"))
    title = f"{head}: forward half, then backward half; " + "; ".join(f[2] for f in finals)
    return _svg("bidirectional", title, width, below + 42, body)


def _check_lengths(lengths: object) -> list[int]:
    if isinstance(lengths, str | bytes) or not hasattr(lengths, "__iter__"):
        raise TypeError(f"lengths must be a list of ints, got {lengths!r}")
    lengths = list(lengths)
    if not 1 <= len(lengths) <= 6:
        raise ValueError(f"lengths must hold 1 to 6 samples to be drawn, got {len(lengths)}")
    return [_check_size(f"lengths[{i}]", n, 8) for i, n in enumerate(lengths)]


def packed_layout(lengths: list[int]) -> tuple[list[int], list[int], dict[tuple[int, int], int]]:
    """What ``pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)`` makes
    of a padded batch: (batch_sizes, sorted_indices, {(sample, step): row of data}). Samples go
    longest first (a stable sort: ties keep their order), then step by step."""
    lengths = _check_lengths(lengths)
    order = sorted(range(len(lengths)), key=lambda n: -lengths[n])
    batch_sizes = [sum(n > t for n in lengths) for t in range(max(lengths))]
    rows, where = 0, {}
    for t in range(max(lengths)):
        for n in order[: batch_sizes[t]]:
            where[n, t], rows = rows, rows + 1
    return batch_sizes, order, where


def packing_svg(lengths: list[int], D: int) -> str:
    """A padded N×T batch with its lengths (each real step numbered by the row of
    ``PackedSequence.data`` it becomes), and the packed steps: one column per time step,
    ``batch_sizes[t]`` tall."""
    lengths = _check_lengths(lengths)
    D = _check_size("D", D)
    N, T = len(lengths), max(lengths)
    batch_sizes, order, where = packed_layout(lengths)
    cell, x0 = 26, 8 + _width("batch_sizes") + 8
    head = f"padded x: N×T×D = {N}×{T}×{D}"
    lines = [
        f"data: S×D = {sum(lengths)}×{D}, S = sum(lengths)",
        f"batch_sizes = {batch_sizes}",
        f"sorted_indices = {order}",
    ]
    right = x0 + T * cell
    width = max(right + 8 + _width("length 8") + 8, *(_width(t) + 16 for t in [head, *lines]))
    body = [_text(8, 16, head, "dims", "start"), _text(x0 - 8, 40, "step t", "note", "end")]
    for t in range(T):
        body.append(_text(x0 + (t + 0.5) * cell, 40, str(t), "note"))
    top = 48
    for n, length in enumerate(lengths):
        y = top + n * cell
        body.append(_text(x0 - 8, y + 18, f"sample {n}", "", "end"))
        body.append(_text(right + 8, y + 18, f"length {length}", "note", "start"))
        for t in range(T):
            real = t < length
            found = {"data_sample": n, "data_step": t, "data_row": where[n, t]} if real else {}
            body.append(_el("rect", "cell real" if real else "cell pad",
                            x=x0 + t * cell, y=y, width=cell, height=cell, **found))
            if real:
                body.append(_text(x0 + (t + 0.5) * cell, y + 18, str(where[n, t]), ""))
    y = top + N * cell + 10
    body.append(_arrow(x0 + T * cell / 2, y, x0 + T * cell / 2, y + 26, "packing"))
    body.append(_text(x0 + T * cell / 2 + 8, y + 18, "pack_padded_sequence", "op", "start"))
    top = y + 34
    body.append(_text(x0 - 8, top + 18, "data rows", "", "end"))
    for t, size in enumerate(batch_sizes):
        rows = sorted(where[n, t] for n in order[:size])
        body.append(f'<g class="packed-step" data-step="{t}" data-batch-size="{size}">')
        for k, row in enumerate(rows):
            body.append(_el("rect", "cell real", x=x0 + t * cell, y=top + k * cell,
                            width=cell, height=cell))
            body.append(_text(x0 + (t + 0.5) * cell, top + k * cell + 18, str(row), ""))
        body.append("</g>")
    y = top + N * cell + 18
    body.append(_text(x0 - 8, y, "batch_sizes", "note", "end"))
    for t, size in enumerate(batch_sizes):
        body.append(_text(x0 + (t + 0.5) * cell, y, str(size), "name"))
    for k, line in enumerate(lines):
        body.append(_text(8, y + 24 + 18 * k, line, "dims", "start"))
    height = y + 24 + 18 * len(lines)
    return _svg("packing", f"{head}, lengths {lengths}: " + "; ".join(lines), width, height, body)


def stacking_svg(N: int, T: int, D: int, M: int, L: int) -> str:
    """L stacked layers, one direction: layer 0 reads x (D features per step), every later
    layer reads the whole sequence the layer below returns (M features per step); ``out`` is
    the last layer's, ``h_n`` holds each layer's last step."""
    N, T, D, M = (_check_size(k, v) for k, v in zip("NTDM", (N, T, D, M), strict=True))
    L = _check_size("L", L, 4)
    cell, x0, tx = 9, 8, 96
    body, y = [], 8
    tensors = [("x", D, f"N×T×D = {N}×{T}×{D}")] + [
        (f"layer {layer}'s output" if layer < L - 1 else "out", M, f"N×T×M = {N}×{T}×{M}")
        for layer in range(L)
    ]
    depth = (N - 1) * 5
    for i, (name, cols, dims) in enumerate(tensors):
        if i:  # the layer between tensor i-1 and tensor i
            layer = i - 1
            size = f"{M}×{D}" if layer == 0 else f"{M}×{M}"
            body.append(_arrow(x0 + 20, y, x0 + 20, y + 34, "stacking"))
            op = f"layer {layer}: weight_ih_l{layer} {size}"
            body.append(_text(tx, y + 14, op, "op", "start"))
            keras = f"SimpleRNN({M}, return_sequences=True)"
            body.append(_text(tx, y + 30, keras, "note", "start"))
            y += 42
        h = T * cell
        for k in reversed(range(min(N, 4))):
            body.append(_el("rect", "sheet front" if k == 0 else "sheet", x=x0 + k * 5,
                            y=y + depth - k * 5, width=cols * cell, height=h))
        for r in range(1, T):
            body.append(_el("line", "grid", x1=x0, y1=y + depth + r * cell,
                            x2=x0 + cols * cell, y2=y + depth + r * cell))
        for c in range(1, cols):
            body.append(_el("line", "grid", x1=x0 + c * cell, y1=y + depth,
                            x2=x0 + c * cell, y2=y + depth + h))
        mid = y + (h + depth) / 2
        body.append(_text(tx, mid - 2, name, "name", "start"))
        body.append(_text(tx, mid + 15, dims, "dims", "start"))
        y += h + depth + 6
    last = f"h_n: L×N×M = {L}×{N}×{M}, h_n[l]: layer l's last step"
    body.append(_text(8, y + 16, last, "dims", "start"))
    texts = [last] + [f"SimpleRNN({M}, return_sequences=True)"]
    width = max(_width(t) + (tx if t.startswith("Simple") else 8) + 8 for t in texts)
    title = f"{L} stacked layers: " + " → ".join(t[2] for t in tensors) + f"; {last}"
    return _svg("stacking", title, width, y + 26, body)


if __name__ == "__main__":
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence

    N, T, D, M, K, L = 2, 5, 3, 4, 6, 2
    torch.manual_seed(0)
    rnn, head = nn.RNN(D, M, batch_first=True), nn.Linear(M, K)
    x = torch.randn(N, T, D)
    out, h_n = rnn(x)
    y = head(out)

    def size(tensor) -> str:
        return "×".join(map(str, tensor.shape))

    # The labels in the pictures are the shapes the frameworks really give.
    shown = labels(chain_svg(N, T, D, M, K))
    for tensor, name, axes in [(x, "x", "N×T×D"), (out, "out", "N×T×M"), (y, "y", "N×T×K")]:
        i = shown.index(name)
        assert shown[i + 1 : i + 3] == [axes, size(tensor)], (name, shown[i : i + 3])
    shown = labels(chain_svg(N, T, D, M, K, last_step_only=True))
    i = shown.index("h_n[-1]")
    assert shown[i + 1 : i + 3] == ["N×M", size(h_n[-1])], shown[i : i + 3]
    assert shown[shown.index("y") + 2] == size(head(h_n[-1])), shown
    shown = labels(unrolled_svg(N, T, D, M))
    assert f"out: N×T×M = {size(out)} (every h_t)" in shown, shown
    assert f"h_n: 1×N×M = {size(h_n)}, h_n[0] = h{_sub(T)}" in shown and torch.equal(
        h_n[0], out[:, -1]
    ), shown
    stack = nn.RNN(D, M, num_layers=L, batch_first=True)
    out, h_n = stack(x)
    shown = labels(stacking_svg(N, T, D, M, L))
    assert f"h_n: L×N×M = {size(h_n)}, h_n[l]: layer l's last step" in shown, shown
    for layer in range(L):
        w = getattr(stack, f"weight_ih_l{layer}")
        assert f"layer {layer}: weight_ih_l{layer} {size(w)}" in shown, (w.shape, shown)
    lengths = [3, 5]
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
    shown = labels(packing_svg(lengths, D))
    assert f"batch_sizes = {packed.batch_sizes.tolist()}" in shown, shown
    assert f"data: S×D = {size(packed.data)}, S = sum(lengths)" in shown, shown
    # Bad sizes get a message that says what is allowed.
    for bad in (0, 13, 2.5, True):
        try:
            chain_svg(bad, T, D, M, K)
        except (TypeError, ValueError) as err:
            print(err)
    try:
        chain_svg(12, T, D, M, 12)
    except ValueError as err:
        print(err)
