"""The pictures of snippets/shape_diagram.py: their labels against the real layers, their
arguments' errors, and, in a real browser, their size on a phone.

* Each picture is drawn at the site's sizes (N, T, D, M, K = 2, 5, 3, 4, 6, L = 2) and what it
  prints is compared with the layers built at the same sizes, PyTorch and Keras: the shapes in
  its labels, the row of ``h_n`` each layer and direction lands in, the step at which each half
  of a bidirectional output holds its final state, the row of ``PackedSequence.data`` each real
  step becomes and ``batch_sizes`` (the packed columns' heights).
* Every page with a diagram marker (found in docs/, so a new one is covered with no new test),
  and the shape explorer's boxes, are opened at 390 and 1280 px: every SVG label renders at
  11 px or more, inside its picture, and no picture overflows its column.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from snippets import shape_diagram as sd
from tests.site_sources import ROOT

N, T, D, M, K, L = 2, 5, 3, 4, 6, 2


def _size(shape) -> str:
    return "×".join(map(str, tuple(shape)))


def _attrs(svg: str, tag_class: str) -> list[dict[str, str]]:
    """The data-* attributes of each element whose class starts with ``tag_class``."""
    found = re.findall(rf'<\w+ class="{tag_class}[^"]*" ([^>]*)>', svg)
    return [dict(re.findall(r'data-([\w-]+)="([^"]*)"', a)) for a in found]


# --- the labels against the frameworks -------------------------------------------------------


def test_unrolled_recurrence_matches_both_frameworks():
    import keras
    import torch
    from torch import nn

    shown = sd.labels(sd.unrolled_svg(N, T, D, M))
    torch.manual_seed(0)
    x = torch.randn(N, T, D)
    out, h_n = nn.RNN(D, M, batch_first=True)(x)
    assert f"out: N×T×M = {_size(out.shape)} (every h_t)" in shown, shown
    assert f"x: N×T×D = {_size(x.shape)}, x_t: N×D = {_size(x[:, 0].shape)}" in shown, shown
    assert f"h_n: 1×N×M = {_size(h_n.shape)}, h_n[0] = h₅" in shown, shown
    assert torch.equal(h_n[0], out[:, -1]), "h_n is the last step's h_t"
    steps = [s for s in shown if re.fullmatch(r"h[₀-₉]+", s)]
    assert steps == ["h₀", *(f"h{sd._sub(t)}" for t in range(1, T + 1))], steps
    assert [s for s in shown if s.startswith("x") and len(s) == 2] == [
        f"x{sd._sub(t)}" for t in range(1, T + 1)
    ], "one x_t per step"
    keras.utils.set_random_seed(0)
    every, last = keras.layers.SimpleRNN(M, return_sequences=True, return_state=True)(
        x.numpy())
    assert _size(every.shape) == _size(out.shape) and _size(last.shape) == _size(h_n[0].shape)
    np.testing.assert_allclose(np.asarray(every)[:, -1], np.asarray(last), rtol=1e-6)


def _by_direction(full, x, layers: int, bidirectional: bool, cell=None):
    """Each (layer, direction)'s final state, from one-layer modules given that layer's
    weights: what row layer·dirs + direction of ``full``'s h_n must hold."""
    import torch

    cell = cell or type(full)
    finals, inputs = {}, x
    for layer in range(layers):
        one = cell(inputs.shape[-1], full.hidden_size, batch_first=True,
                   bidirectional=bidirectional)
        with torch.no_grad():
            for name, p in one.named_parameters():
                p.copy_(getattr(full, name.replace("_l0", f"_l{layer}")))
        inputs, h = one(inputs)
        for d in range(2 if bidirectional else 1):
            finals[layer, d] = h[d]
    return finals


def test_h_n_rows_are_the_ones_pytorch_fills():
    import torch
    from torch import nn

    svg = sd.h_n_order_svg(L, N, M)
    rows = _attrs(svg, "h-n-row")
    assert len(rows) == L * 2, rows
    torch.manual_seed(0)
    x = torch.randn(N, T, D)
    gru = nn.GRU(D, M, num_layers=L, batch_first=True, bidirectional=True)
    _, h_n = gru(x)
    assert f"h_n: (L·dirs)×N×M = {_size(h_n.shape)}" in sd.labels(svg)
    finals = _by_direction(gru, x, L, bidirectional=True)
    for row in rows:
        i, layer = int(row["row"]), int(row["layer"])
        d = ("forward", "backward").index(row["direction"])
        torch.testing.assert_close(h_n[i], finals[layer, d], msg=f"h_n[{i}] is not {row}")
    one_way = sd.h_n_order_svg(L, N, M, bidirectional=False)
    stack = nn.GRU(D, M, num_layers=L, batch_first=True)
    _, h_n = stack(x)
    finals = _by_direction(stack, x, L, bidirectional=False)
    for row in _attrs(one_way, "h-n-row"):
        torch.testing.assert_close(h_n[int(row["row"])], finals[int(row["layer"]), 0])


def test_h_n_order_keras_column_is_the_states_list():
    import keras

    shown = sd.labels(sd.h_n_order_svg(L, N, M))
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).random((N, T, D), dtype="float32")
    for layer in range(L):
        bi = keras.layers.Bidirectional(
            keras.layers.GRU(M, return_sequences=True, return_state=True))
        x, *states = (np.asarray(t) for t in bi(x))  # x: this layer's output, the next's input
        for d, direction in enumerate(("forward", "backward")):
            assert f"layer {layer}: states[{d}]" in shown, shown
            assert _size(states[d].shape) == f"{N}×{M}", states[d].shape
            half = x[:, -1, :M] if direction == "forward" else x[:, 0, M:]
            np.testing.assert_allclose(states[d], half, rtol=1e-5, atol=1e-6,
                                       err_msg=f"states[{d}] is not the {direction} state")


def test_bidirectional_halves_hold_the_final_states_where_drawn():
    import keras
    import torch
    from torch import nn

    svg = sd.bidirectional_svg(N, T, M)
    torch.manual_seed(0)
    x = torch.randn(N, T, D)
    out, h_n = nn.RNN(D, M, batch_first=True, bidirectional=True)(x)
    assert f"out: N×T×2M = {_size(out.shape)}, one sample" in sd.labels(svg)
    finals = _attrs(svg, "final")
    assert {f["half"] for f in finals} == {"forward", "backward"}, finals
    keras.utils.set_random_seed(0)
    k_out, k_fwd, k_bwd = (np.asarray(t) for t in keras.layers.Bidirectional(
        keras.layers.SimpleRNN(M, return_sequences=True, return_state=True))(x.numpy()))
    assert _size(k_out.shape) == _size(out.shape), k_out.shape
    for f in finals:
        t, half = int(f["step"]), slice(None, M) if f["half"] == "forward" else slice(M, None)
        state = h_n[-2] if f["half"] == "forward" else h_n[-1]
        assert torch.equal(out[:, t, half], state), f"{f}: not PyTorch's final state"
        np.testing.assert_allclose(k_out[:, t, half], k_fwd if f["half"] == "forward" else k_bwd,
                                   rtol=1e-5, atol=1e-6, err_msg=f"{f}: not Keras' state")


@pytest.mark.parametrize("lengths", [[3, 5], [5, 3], [2, 4, 1], [4, 4, 2, 4]])
def test_packing_is_what_pack_padded_sequence_makes(lengths):
    import keras
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    svg = sd.packing_svg(lengths, D)
    n, t_max = len(lengths), max(lengths)
    # feature 0 of x[s, t] names its cell, so the packed data says where each cell went
    x = torch.zeros(n, t_max, D)
    for s, length in enumerate(lengths):
        x[s, :length, 0] = torch.arange(length) + 100 * s + 1
    packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True,
                                  enforce_sorted=False)
    went = {(int(v) // 100, int(v) % 100 - 1): row for row, v in enumerate(packed.data[:, 0])}
    drawn = {(int(c["sample"]), int(c["step"])): int(c["row"]) for c in _attrs(svg, "cell real")
             if "sample" in c}
    assert drawn == went, f"lengths {lengths}: drawn {drawn}, PyTorch {went}"
    heights = [int(g["batch-size"]) for g in _attrs(svg, "packed-step")]
    assert heights == packed.batch_sizes.tolist(), (heights, packed.batch_sizes)
    columns = re.findall(r'<g class="packed-step"[^>]*>(.*?)</g>', svg, flags=re.DOTALL)
    assert [c.count("<rect") for c in columns] == heights, "columns as tall as batch_sizes"
    shown = sd.labels(svg)
    assert f"batch_sizes = {packed.batch_sizes.tolist()}" in shown, shown
    assert f"sorted_indices = {packed.sorted_indices.tolist()}" in shown, shown
    assert f"data: S×D = {_size(packed.data.shape)}, S = sum(lengths)" in shown, shown
    # Keras: the real cells are the mask that Masking computes from the zero padding
    mask = np.asarray(keras.layers.Masking().compute_mask(x.numpy()))
    real = np.zeros((n, t_max), dtype=bool)
    for s, t in drawn:
        real[s, t] = True
    assert (mask == real).all(), f"Keras' mask {mask.tolist()} is not the drawn real cells"


def test_stacking_matches_both_frameworks():
    import keras
    import torch
    from torch import nn

    shown = sd.labels(sd.stacking_svg(N, T, D, M, L))
    torch.manual_seed(0)
    x = torch.randn(N, T, D)
    stack = nn.RNN(D, M, num_layers=L, batch_first=True)
    out, h_n = stack(x)
    assert f"h_n: L×N×M = {_size(h_n.shape)}, h_n[l]: layer l's last step" in shown, shown
    for layer in range(L):
        w = getattr(stack, f"weight_ih_l{layer}")
        assert f"layer {layer}: weight_ih_l{layer} {_size(w.shape)}" in shown, shown
    dims = [s for s in shown if s.startswith("N×T×")]
    keras.utils.set_random_seed(0)
    tensor, keras_shapes = x.numpy(), [x.shape]
    for _ in range(L):
        tensor = keras.layers.SimpleRNN(M, return_sequences=True)(tensor)
        keras_shapes.append(tensor.shape)
    assert dims == [f"N×T×D = {_size(x.shape)}"] + [f"N×T×M = {_size(out.shape)}"] * L, dims
    assert [_size(s) for s in keras_shapes] == [d.split(" = ")[1] for d in dims], keras_shapes


def test_chain_labels_are_the_shapes():
    import torch
    from torch import nn

    torch.manual_seed(0)
    x = torch.randn(N, T, D)
    out, h_n = nn.RNN(D, M, batch_first=True)(x)
    y = nn.Linear(M, K)(out)
    shown = sd.labels(sd.chain_svg(N, T, D, M, K))
    assert shown[shown.index("out") + 2] == _size(out.shape), shown
    assert shown[shown.index("y") + 2] == _size(y.shape), shown
    last = sd.labels(sd.chain_svg(N, T, D, M, K, last_step_only=True))
    assert last[last.index("h_n[-1]") + 2] == _size(h_n[-1].shape), last


SITE_PICTURES = [
    (sd.chain_svg, (N, T, D, M, K)),
    (sd.unrolled_svg, (N, T, D, M)),
    (sd.h_n_order_svg, (L, N, M)),
    (sd.bidirectional_svg, (N, T, M)),
    (sd.packing_svg, ([3, 5], D)),
    (sd.stacking_svg, (N, T, D, M, L)),
]


@pytest.mark.parametrize(("draw", "args"), SITE_PICTURES, ids=lambda v: getattr(v, "__name__", ""))
def test_a_phone_keeps_labels_at_11_px(draw, args):
    width = float(re.search(r'width="([\d.]+)"', draw(*args)).group(1))
    assert 358 / width * sd.FONT >= 11, f"{draw.__name__}: {width} px wide, labels scaled < 11"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sd.unrolled_svg(N, 7, D, M), "T must be from 1 to 6"),
        (lambda: sd.unrolled_svg(N, T, "3", M), "D must be an int"),
        (lambda: sd.h_n_order_svg(0, N, M), "L must be from 1 to 4"),
        (lambda: sd.h_n_order_svg(L, N, M, bidirectional=1), "bidirectional must be True"),
        (lambda: sd.bidirectional_svg(N, T, 9), "M must be from 1 to 8"),
        (lambda: sd.packing_svg("35", D), "lengths must be a list of ints"),
        (lambda: sd.packing_svg([3, 0], D), r"lengths\[1\] must be from 1 to 8"),
        (lambda: sd.packing_svg([], D), "lengths must hold 1 to 6 samples"),
        (lambda: sd.stacking_svg(N, T, D, M, 5), "L must be from 1 to 4"),
        (lambda: sd.chain_svg(12, T, D, M, 12), "more than the 420 px"),
    ],
)
def test_bad_arguments_say_what_is_allowed(call, message):
    with pytest.raises((TypeError, ValueError), match=message):
        call()


# --- in a browser: readable on a phone, inside the column --------------------------------------

_MARKER = re.compile(r"^[ \t]*<!--\s*(?:shape-diagram|diagram):", re.MULTILINE)


def _diagram_pages() -> list[tuple[str, int]]:
    """(URL path, number of pictures) of every page whose source asks for a diagram."""
    pages = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        count = len(_MARKER.findall(md.read_text(encoding="utf-8")))
        if count:
            rel = md.relative_to(ROOT / "docs").with_suffix("")
            url = "" if rel == Path("index") else f"{rel.as_posix().removesuffix('/index')}/"
            pages.append((url, count))
    return pages


# Per SVG: the smallest label's rendered size (computed font size × the picture's scale on
# screen), labels poking out of the picture, and how far the picture passes its column.
_MEASURE = """(selector) => [...document.querySelectorAll(selector)].map(svg => {
  const box = svg.getBoundingClientRect();
  const column = svg.closest('.md-content__inner').getBoundingClientRect();
  const scale = svg.getScreenCTM().a;
  const texts = [...svg.querySelectorAll('text')];
  const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const out = texts.filter(t => { const r = t.getBoundingClientRect();
    return r.left < box.left - 0.5 || r.right > box.right + 0.5; }).map(t => t.textContent);
  const scroller = svg.parentElement;
  return {title: (svg.querySelector('title') || {}).textContent || svg.className.baseVal,
          smallest: Math.min(...sizes), texts: texts.length, cut: out,
          overflow: Math.max(box.right - column.right, column.left - box.left,
                             scroller.scrollWidth - scroller.clientWidth)};
})"""


def _check(page, where: str, selector: str, expected: int | None = None):
    found = page.evaluate(_MEASURE, selector)
    if expected is not None:
        assert len(found) == expected, f"{where}: {len(found)} pictures, {expected} markers"
    assert found, f"{where}: no {selector} on the page"
    for svg in found:
        name = f"{where}: {svg['title'][:60]!r}"
        assert svg["texts"], f"{name} has no labels"
        assert svg["smallest"] >= 11, f"{name}: a label renders at {svg['smallest']:.1f} px < 11"
        assert not svg["cut"], f"{name}: labels cut off at the picture's edge: {svg['cut']}"
        assert svg["overflow"] <= 0.5, f"{name}: {svg['overflow']:.0f} px past its column"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("url", "count"), _diagram_pages(), ids=lambda v: str(v) or "home")
def test_diagrams_readable_and_inside_the_column(browser, served, url, count, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{served}/{url}", wait_until="load")
        _check(page, f"/{url} at {width} px", "svg.shape-diagram", count)
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    "query", ["", "?cell=lstm&layers=2&bidirectional=1&batch_first=1&proj_size=2&return_state=1"]
)
def test_explorer_boxes_readable_and_inside_the_column(browser, served, query, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{served}/explorer/{query}", wait_until="load")
        page.wait_for_selector("svg.rx-diagram")
        _check(page, f"/explorer/{query} at {width} px", "svg.rx-diagram")
    finally:
        context.close()
