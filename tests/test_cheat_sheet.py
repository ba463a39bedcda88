"""The cheat sheet's rows, checked against the real frameworks; and how the formulas render.

snippets/reference/cheat_sheet.py holds the rows (what the page shows); this file holds one
check per row, registered under the row's table and key. Each check builds the real layers at
the given sizes (PyTorch modules run on tensors, Keras layers called on ``keras.Input`` with the
batch size fixed to N, or on arrays) and returns what they give: (PyTorch, Keras) shapes, or for
a count row the two numbers of parameters. Where a row says a framework has no such thing (its
formula is ``None``, a "—" on the page), the check shows that the framework refuses it, where
there is a call to refuse, and returns ``None`` for it.

``test_row`` runs every row at both size sets of the snippet (the site's, and one where all
letters differ, so that a swapped letter cannot pass) and for each number of directions the row
covers, each combination its own test: ``outputs-h_n-DISTINCT-dirs2``.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import keras
import numpy as np
import pytest
import torch
from markdown.extensions.toc import slugify
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence

from snippets.reference import cheat_sheet
from snippets.reference.cheat_sheet import DISTINCT, SITE, Sizes
from tests.site_sources import ROOT

Shape = tuple[int, ...]
Check = Callable[[Sizes], tuple[object, object]]
CHECKS: dict[tuple[str, str], Check] = {}
SNIPPET = ROOT / "snippets" / "reference" / "cheat_sheet.py"
FRAMEWORKS = {"torch", "keras", "numpy", "tensorflow", "jax"}


def check(table: str, key: str, *args, **kwargs):
    """Register a check for the row ``key`` of ``table``; with arguments, register
    ``make(*args, **kwargs)`` (a check made by a factory) instead of the function itself."""

    def register(make):
        assert (table, key) not in CHECKS, f"two checks for {table}-{key}"
        CHECKS[(table, key)] = make(*args, **kwargs) if args or kwargs else make
        return make

    return register


def _dims(tensor) -> Shape:
    return tuple(int(d) for d in tensor.shape)


def _refused(make: Callable[[], object], error: type[Exception] = ValueError) -> None:
    """Check that a framework refuses something (the '—' of a table) and return None."""
    try:
        make()
    except error:
        return None
    raise AssertionError(f"expected {error.__name__}: the framework accepted it")


def _torch(cell: str, s: Sizes, *, layers: int | None = None, **kwargs):
    """An nn.RNN/GRU/LSTM with L layers (or ``layers``) and dirs directions."""
    return getattr(nn, cell)(s.D, s.M, num_layers=layers or s.L, bidirectional=s.dirs == 2,
                             **kwargs)


def _run_torch(cell: str, s: Sizes, *, batch_first: bool = True, **kwargs):
    """(output, h_n, c_n or None) of a module run on a batch in its layout."""
    x = torch.randn(s.N, s.T, s.D) if batch_first else torch.randn(s.T, s.N, s.D)
    out, state = _torch(cell, s, batch_first=batch_first, **kwargs)(x)
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    return out, h_n, c_n


def _keras(cell: str, s: Sizes, **kwargs):
    """A Keras layer of M units; wrapped in Bidirectional when dirs is 2."""
    layer = getattr(keras.layers, cell)(s.M, **kwargs)
    return keras.layers.Bidirectional(layer) if s.dirs == 2 else layer


def _x(s: Sizes, *shape: int | None):
    """A symbolic batch for Keras: keras.Input with the batch size fixed to N."""
    return keras.Input(shape=shape or (s.T, s.D), batch_size=s.N)


KERAS_CELL = {"RNN": "SimpleRNN", "LSTM": "LSTM", "GRU": "GRU"}


# ----------------------------------------------------------------------------------------------
# inputs


@check("inputs", "x-time-major")
def _in_time_major(s: Sizes):
    x = torch.randn(s.T, s.N, s.D)
    out, h_n = nn.RNN(s.D, s.M)(x)  # batch_first=False, the default
    assert out.shape == (s.T, s.N, s.M) and h_n.shape == (1, s.N, s.M), "read as T steps of N"
    return _dims(x), _refused(lambda: keras.layers.SimpleRNN(s.M, time_major=True))


@check("inputs", "x-batch-major")
def _in_batch_major(s: Sizes):
    x = torch.randn(s.N, s.T, s.D)
    out, h_n = nn.RNN(s.D, s.M, batch_first=True)(x)
    assert out.shape == (s.N, s.T, s.M) and h_n.shape == (1, s.N, s.M), "read as N samples"
    inputs = _x(s)
    y = _keras("SimpleRNN", s, return_sequences=True)(inputs)
    assert _dims(y) == (s.N, s.T, s.M), y.shape
    return _dims(x), _dims(inputs)


def _keras_2d_misread(s: Sizes) -> None:
    """A 2-D array is an error for a layer and for a model on keras.Input((T, D)), D > 1 (call,
    predict, fit); a model on keras.Input((T, 1)) silently reads a (T, 1) array as T samples of
    one step each (call, predict and fit all accept it)."""
    assert s.D > 1, "the sizes must have D > 1 for the error case"
    seq = np.ones((s.T, s.D), "float32")
    _refused(lambda: keras.layers.SimpleRNN(s.M)(seq))
    inputs = keras.Input((s.T, s.D))
    model = keras.Model(inputs, keras.layers.SimpleRNN(s.M)(inputs))
    _refused(lambda: model(seq))
    _refused(lambda: model.predict(seq, verbose=0))
    model.compile(optimizer="sgd", loss="mse")
    _refused(lambda: model.fit(seq, np.zeros((s.T, s.M), "float32"), verbose=0))

    column = np.arange(s.T, dtype="float32")[:, None]  # one sequence of T steps, D = 1
    rnn = keras.layers.SimpleRNN(s.M)
    inputs = keras.Input((s.T, 1))
    model = keras.Model(inputs, rnn(inputs))
    out = np.asarray(model(column))
    assert out.shape == (s.T, s.M), f"read as T samples: {out.shape}"
    np.testing.assert_allclose(out, np.asarray(rnn(column[:, None])), atol=1e-6)  # T×1×1
    np.testing.assert_allclose(model.predict(column, verbose=0), out, atol=1e-6)
    model.compile(optimizer="sgd", loss="mse")
    model.fit(column, np.zeros((s.T, s.M), "float32"), verbose=0)  # T samples of one step
    assert np.asarray(model(column[None])).shape == (1, s.M), "x[None]: one sequence"


@check("inputs", "x-unbatched")
def _in_unbatched(s: Sizes):
    x = torch.randn(s.T, s.D)
    for batch_first in (False, True):
        out, h_n = nn.RNN(s.D, s.M, batch_first=batch_first)(x)
        assert out.shape == (s.T, s.M) and h_n.shape == (1, s.M), (out.shape, h_n.shape)
    return _dims(x), _keras_2d_misread(s)


def _in_h0(cell: str) -> Check:
    def check_h0(s: Sizes):
        h0 = torch.zeros(s.L * s.dirs, s.N, s.M)
        state = (h0, h0) if cell == "LSTM" else h0
        for batch_first in (False, True):  # h0 keeps N in the middle either way
            x = torch.randn(s.N, s.T, s.D) if batch_first else torch.randn(s.T, s.N, s.D)
            _torch(cell, s, batch_first=batch_first)(x, state)  # accepted
        h = keras.Input(shape=(s.M,), batch_size=s.N)
        per_direction = [h, h] if cell == "LSTM" else [h]
        _keras(cell, s)(_x(s), initial_state=per_direction * s.dirs)  # accepted
        return _dims(h0), _dims(h)

    return check_h0


check("inputs", "h0", "GRU")(_in_h0)
check("inputs", "h0-c0", "LSTM")(_in_h0)


@check("inputs", "embedding")
def _in_embedding(s: Sizes):
    ids = torch.randint(0, 10, (s.N, s.T))
    return (_dims(nn.Embedding(10, s.D)(ids)),
            _dims(keras.layers.Embedding(10, s.D)(_x(s, s.T))))


# ----------------------------------------------------------------------------------------------
# outputs


def _out_sequence(batch_first: bool) -> Check:
    def check_output(s: Sizes):
        out, _, _ = _run_torch("GRU", s, batch_first=batch_first)
        if not batch_first:
            return _dims(out), None  # Keras has one layout
        return _dims(out), _dims(_keras("GRU", s, return_sequences=True)(_x(s)))

    return check_output


check("outputs", "output", True)(_out_sequence)
check("outputs", "output-time-major", False)(_out_sequence)


def _out_unbatched(which: int) -> Check:
    def check_unbatched(s: Sizes):
        result = _torch("GRU", s)(torch.randn(s.T, s.D))  # (output, h_n)
        seq = np.ones((s.T, s.D), "float32")
        return _dims(result[which]), _refused(lambda: _keras("GRU", s)(seq))

    return check_unbatched


check("outputs", "output-unbatched", 0)(_out_unbatched)
check("outputs", "h_n-unbatched", 1)(_out_unbatched)


@check("outputs", "last-step")
def _out_last_step(s: Sizes):
    out, h_n, _ = _run_torch("LSTM", s)
    assert torch.equal(out[:, -1], h_n[-1]), "one direction: last step = last layer's h_n"
    return _dims(out[:, -1]), _dims(_keras("LSTM", s)(_x(s)))


def _out_state(cell: str, which: int) -> Check:
    def check_state(s: Sizes):
        _, h_n, c_n = _run_torch(cell, s)
        _, h_time_major, c_time_major = _run_torch(cell, s, batch_first=False)
        for state, same in ((h_n, h_time_major), (c_n, c_time_major)):
            assert same is None or same.shape == state.shape, "batch_first moves no state axis"
        result = _keras(cell, s, return_state=True)(_x(s))
        states = result[1:]  # out first; then h (and c) per direction, forward first
        assert len(states) == s.dirs * (2 if cell == "LSTM" else 1), len(states)
        assert len({_dims(t) for t in states}) == 1, [t.shape for t in states]
        return _dims((h_n, c_n)[which]), _dims(states[which])

    return check_state


check("outputs", "h_n", "GRU", 0)(_out_state)
check("outputs", "c_n", "LSTM", 1)(_out_state)


@check("outputs", "h_n-view")
def _out_layer_direction(s: Sizes):
    out, h_n, _ = _run_torch("GRU", s)
    by_layer = h_n.view(s.L, s.dirs, s.N, s.M)
    assert torch.equal(by_layer[-1, 0], out[:, -1, :s.M]), "last layer, forward"
    if s.dirs == 2:
        assert torch.equal(by_layer[-1, 1], out[:, 0, s.M:]), "last layer, backward: step 0"
    return _dims(by_layer), None


@check("outputs", "directions-apart")
def _out_split(s: Sizes):
    out, _, _ = _run_torch("GRU", s)
    both = out.view(s.N, s.T, 2, s.M)
    layer = keras.layers.GRU(s.M, return_sequences=True)
    fwd, bwd = keras.layers.Bidirectional(layer, merge_mode=None)(_x(s))
    assert _dims(fwd) == _dims(bwd), (fwd.shape, bwd.shape)
    return _dims(both), _dims(fwd)


@check("outputs", "directions-merged")
def _out_merged(s: Sizes):
    out, _, _ = _run_torch("GRU", s)
    both = out.view(s.N, s.T, 2, s.M)
    torch_shapes = {_dims(both.sum(2)), _dims(both.prod(2)), _dims(both.mean(2))}
    keras_shapes = {
        _dims(keras.layers.Bidirectional(keras.layers.GRU(s.M, return_sequences=True),
                                         merge_mode=mode)(_x(s)))
        for mode in ("sum", "mul", "ave")
    }
    assert len(torch_shapes) == len(keras_shapes) == 1, (torch_shapes, keras_shapes)
    return torch_shapes.pop(), keras_shapes.pop()


@check("outputs", "both-finals")
def _out_both_finals(s: Sizes):
    out, h_n, _ = _run_torch("GRU", s)
    summary = torch.cat([h_n[-2], h_n[-1]], dim=1)
    assert torch.equal(summary[:, :s.M], out[:, -1, :s.M]), "forward final state: last step"
    assert torch.equal(summary[:, s.M:], out[:, 0, s.M:]), "backward final state: step 0"
    return _dims(summary), _dims(_keras("GRU", s)(_x(s)))


def _out_proj(which: int) -> Check:
    def check_proj(s: Sizes):
        result = _run_torch("LSTM", s, proj_size=s.P)
        return _dims(result[which]), _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P))

    return check_proj


check("outputs", "proj-output", 0)(_out_proj)
check("outputs", "proj-h_n", 1)(_out_proj)
check("outputs", "proj-c_n", 2)(_out_proj)


@check("outputs", "dropout")
def _out_dropout(s: Sizes):
    lstm = _torch("LSTM", s, batch_first=True, dropout=0.5).train()
    out, _ = lstm(torch.randn(s.N, s.T, s.D))
    y = _keras("LSTM", s, dropout=0.5, recurrent_dropout=0.5, return_sequences=True)(
        _x(s), training=True)
    return _dims(out), _dims(y)


# ----------------------------------------------------------------------------------------------
# weights


def _weight(cell: str, torch_name: str | None, keras_index: int, *, layer: int = 0,
            **keras_kwargs) -> Check:
    """Shape of a PyTorch parameter and of a Keras weight (kernel 0, recurrent_kernel 1, bias 2)
    of the first layer, or of the second layer of a stack (``layer=1``)."""

    def check_weight(s: Sizes):
        if torch_name is None:  # Keras' GRU(reset_after=False): no PyTorch twin
            real = _refused(lambda: nn.GRU(s.D, s.M, reset_after=False), TypeError)
        else:
            params = dict(_torch(cell, s).named_parameters())
            real = _dims(params[torch_name])
            if torch_name.startswith("bias"):  # two biases of one shape
                pair = torch_name.replace("_hh_", "_ih_"), torch_name.replace("_ih_", "_hh_")
                assert params[pair[0]].shape == params[pair[1]].shape, pair
        first = _keras(KERAS_CELL[cell], s, return_sequences=True, **keras_kwargs)
        second = getattr(keras.layers, KERAS_CELL[cell])(s.M, **keras_kwargs)
        second(first(_x(s)))
        owner = second if layer else (first.forward_layer if s.dirs == 2 else first)
        weight = owner.weights[keras_index]
        assert weight.name == ("kernel", "recurrent_kernel", "bias")[keras_index], weight.name
        return real, _dims(weight)

    return check_weight


for _cell, _prefix in (("RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru")):
    check("weights", f"{_prefix}-kernel", _cell, "weight_ih_l0", 0)(_weight)
    check("weights", f"{_prefix}-recurrent", _cell, "weight_hh_l0", 1)(_weight)
    check("weights", f"{_prefix}-bias", _cell, "bias_hh_l0", 2)(_weight)
    check("weights", f"{_prefix}-layer-2", _cell, "weight_ih_l1", 0, layer=1)(_weight)
check("weights", "gru-bias-reset_after-false", "GRU", None, 2, reset_after=False)(_weight)


@check("weights", "reverse")
def _weight_reverse(s: Sizes):
    params = dict(_torch("LSTM", s).named_parameters())
    layer = _keras("LSTM", s)
    layer(_x(s))
    return _dims(params["weight_ih_l0_reverse"]), _dims(layer.backward_layer.weights[0])


def _proj_weight(name: str) -> Check:
    def check_proj_weight(s: Sizes):
        params = dict(_torch("LSTM", s, proj_size=s.P).named_parameters())
        return _dims(params[name]), _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P))

    return check_proj_weight


check("weights", "proj-weight_hr", "weight_hr_l0")(_proj_weight)
check("weights", "proj-weight_hh", "weight_hh_l0")(_proj_weight)


# ----------------------------------------------------------------------------------------------
# params


def _count(cell: str, *, stacked: bool = False, **keras_kwargs) -> Check:
    """Parameters of a PyTorch module and of the Keras layers that compute the same."""

    def check_count(s: Sizes):
        layers = s.L if stacked else 1
        if keras_kwargs.get("reset_after") is False:
            real = _refused(lambda: nn.GRU(s.D, s.M, reset_after=False), TypeError)
        else:
            real = sum(p.numel() for p in _torch(cell, s, layers=layers).parameters())
        y = x = _x(s)
        for _ in range(layers):  # each layer reads the output of the one before
            y = _keras(KERAS_CELL[cell], s, return_sequences=True, **keras_kwargs)(y)
        return real, keras.Model(x, y).count_params()

    return check_count


for _cell, _prefix in (("RNN", "rnn"), ("LSTM", "lstm"), ("GRU", "gru")):
    check("params", _prefix, _cell)(_count)
    check("params", f"{_prefix}-stacked", _cell, stacked=True)(_count)
check("params", "gru-reset_after-false", "GRU", reset_after=False)(_count)


@check("params", "lstm-proj")
def _count_proj(s: Sizes):
    module = _torch("LSTM", s, layers=1, proj_size=s.P)
    return (sum(p.numel() for p in module.parameters()),
            _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P)))


@check("params", "head")
def _count_head(s: Sizes):
    dense = keras.layers.Dense(s.K)
    dense(_x(s, s.M))
    return sum(p.numel() for p in nn.Linear(s.M, s.K).parameters()), dense.count_params()


# ----------------------------------------------------------------------------------------------
# varlen


@check("varlen", "padded")
def _padded_batch(s: Sizes):
    x = pad_sequence([torch.randn(n, s.D) for n in s.lengths], batch_first=True)
    keras_seqs = [np.ones((n, s.D)) for n in s.lengths]
    keras_x = keras.utils.pad_sequences(keras_seqs, padding="post", dtype="float32")
    front = keras.utils.pad_sequences(keras_seqs, dtype="float32")  # padding="pre"
    short = s.lengths.index(min(s.lengths))
    assert not front[short, 0].any() and keras_x[short, 0].all(), "pre pads in front"
    return _dims(x), _dims(keras_x)


@check("varlen", "padded-time-major")
def _padded_time_major(s: Sizes):
    return _dims(pad_sequence([torch.randn(n, s.D) for n in s.lengths])), None


def _packed(s: Sizes):
    """(packed input, packed output, h_n, padded output, lengths) of a GRU on a packed batch."""
    lengths = torch.tensor(s.lengths)
    x = torch.randn(s.N, s.T, s.D)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out, h_n = _torch("GRU", s, batch_first=True)(packed)
    padded, _ = pad_packed_sequence(out, batch_first=True, total_length=s.T)
    return packed, out, h_n, padded, lengths


def _padded_array(s: Sizes) -> np.ndarray:
    x = np.random.default_rng(0).normal(size=(s.N, s.T, s.D)).astype("float32")
    for i, n in enumerate(s.lengths):
        x[i, n:] = 0.0
    return x


def _keras_masked(s: Sizes, layer=None, **kwargs) -> list[np.ndarray]:
    """A Keras GRU (or ``layer``) run eagerly on a zero-padded batch through Masking."""
    x = _padded_array(s)
    mask = keras.layers.Masking(0.0).compute_mask(x)
    layer = layer or _keras("GRU", s, **kwargs)
    return [np.asarray(t) for t in keras.tree.flatten(layer(x, mask=mask))]


def _masked_steps(s: Sizes, out: np.ndarray) -> np.ndarray:
    return np.concatenate([out[i, n:] for i, n in enumerate(s.lengths)])


def _varlen(which: str) -> Check:
    def check_varlen(s: Sizes):
        packed, out, h_n, padded, lengths = _packed(s)
        if which == "lengths":
            assert lengths.device.type == "cpu", lengths.device
            return _dims(lengths), None
        if which == "data":
            return _dims(packed.data), None
        if which == "out.data":
            return _dims(out.data), None
        if which == "padded":
            return _dims(padded), _dims(_keras_masked(s, return_sequences=True)[0])
        rows = torch.arange(s.N)
        if which == "h_n":  # forward: each sample's last real step; backward: step 0
            assert torch.equal(h_n[-s.dirs], padded[rows, lengths - 1, :s.M]), "forward"
            if s.dirs == 2:
                assert torch.equal(h_n[-1], padded[:, 0, s.M:]), "backward ends at step 0"
            seq, *states = _keras_masked(s, return_sequences=True, return_state=True)
            last = np.stack([seq[i, n - 1, :s.M] for i, n in enumerate(s.lengths)])
            np.testing.assert_allclose(states[0], last, atol=1e-6)  # forward
            if s.dirs == 2:
                np.testing.assert_allclose(states[1], seq[:, 0, s.M:], atol=1e-6)  # backward
            assert len({st.shape for st in states}) == 1, [st.shape for st in states]
            return _dims(h_n), _dims(states[0])
        # which == "last": one direction
        last = padded[rows, lengths - 1]
        assert torch.equal(last, h_n[-1]), "h_n holds each sample's last real step"
        seq, h = _keras_masked(s, return_sequences=True, return_state=True)
        assert np.abs(seq[:, -1] - h).max() < 1e-6, "masked steps repeat the last real output"
        zeros = _keras_masked(s, return_sequences=True, zero_output_for_mask=True)[0]
        assert not _masked_steps(s, zeros).any(), "zero_output_for_mask=True: zeros"
        gru = keras.layers.GRU(s.M, return_sequences=True, zero_output_for_mask=False)
        both = _keras_masked(s, keras.layers.Bidirectional(gru))[0]
        assert not _masked_steps(s, both).any(), "Bidirectional: zeros, in both halves"
        return _dims(last), _dims(seq[:, -1])

    return check_varlen


check("varlen", "lengths", "lengths")(_varlen)
check("varlen", "packed-data", "data")(_varlen)
check("varlen", "packed-output", "out.data")(_varlen)
check("varlen", "unpacked", "padded")(_varlen)
check("varlen", "h_n", "h_n")(_varlen)
check("varlen", "last-real-step", "last")(_varlen)


@check("varlen", "mask")
def _mask(s: Sizes):
    ids = np.zeros((s.N, s.T), "int64")
    for i, n in enumerate(s.lengths):
        ids[i, :n] = 1 + np.arange(n) % 9
    x = np.ones((s.N, s.T, s.D), "float32") * (ids > 0)[..., None]
    masking = keras.layers.Masking(0.0).compute_mask(x)
    embedding = keras.layers.Embedding(10, s.D, mask_zero=True).compute_mask(ids)
    assert np.array_equal(masking, embedding), "the same N×T mask"
    return None, _dims(masking)


# ----------------------------------------------------------------------------------------------
# carrying


def _carry(cell: str) -> Check:
    def check_carry(s: Sizes):
        module = _torch(cell, s, batch_first=True)
        x = torch.randn(s.N, s.T, s.D)
        _, state = module(x[:, :2])
        _, state = module(x[:, 2:], state)  # the next chunk starts where the last one ended
        h_n = state[0] if cell == "LSTM" else state
        layer = _keras(cell, s, stateful=True, return_sequences=True)
        inputs = _x(s, None, s.D)  # T may vary from chunk to chunk, N may not
        model = keras.Model(inputs, layer(inputs))
        model(np.ones((s.N, 2, s.D), "float32"))
        model(np.ones((s.N, s.T - 2, s.D), "float32"))
        rnns = [layer.forward_layer, layer.backward_layer] if s.dirs == 2 else [layer]
        states = [st for rnn in rnns for st in rnn.states]
        assert len(states) == s.dirs * (2 if cell == "LSTM" else 1), len(states)
        assert len({_dims(st) for st in states}) == 1, states
        return _dims(h_n), _dims(states[0])

    return check_carry


check("carrying", "state", "GRU")(_carry)
check("carrying", "lstm-state", "LSTM")(_carry)


@check("carrying", "stateful-input")
def _stateful_input(s: Sizes):
    _refused(lambda: keras.Sequential([keras.Input((s.T, s.D)),
                                       keras.layers.SimpleRNN(s.M, stateful=True)]))
    inputs = _x(s)
    keras.Sequential([inputs, keras.layers.SimpleRNN(s.M, stateful=True)])
    return None, _dims(inputs)


@check("carrying", "detach")
def _detach(s: Sizes):
    _, h_n, _ = _run_torch("RNN", s)
    detached = h_n.detach()
    assert detached.grad_fn is None and h_n.grad_fn is not None, "detach cuts the history"
    return _dims(detached), None


@check("carrying", "reset")
def _reset(s: Sizes):
    module = _torch("GRU", s, batch_first=True)
    x = torch.randn(s.N, s.T, s.D)
    zeros = torch.zeros(s.L * s.dirs, s.N, s.M)
    torch.testing.assert_close(module(x, zeros)[0], module(x, None)[0])
    layer = keras.layers.GRU(s.M, stateful=True)
    keras.Sequential([_x(s), layer])(np.ones((s.N, s.T, s.D), "float32"))
    layer.reset_state()
    assert not np.asarray(layer.states[0]).any(), "reset_state sets zeros"
    return _dims(zeros), _dims(layer.states[0])


# ----------------------------------------------------------------------------------------------
# heads


@check("heads", "many-to-one")
def _many_to_one(s: Sizes):
    out, h_n, _ = _run_torch("RNN", s)
    assert torch.equal(h_n[-1], out[:, -1]), "one direction: h_n[-1] is the last step"
    logits = nn.Linear(s.M, s.K)(h_n[-1])
    y = keras.layers.Dense(s.K)(_keras("SimpleRNN", s)(_x(s)))
    return _dims(logits), _dims(y)


@check("heads", "many-to-one-bidirectional")
def _many_to_one_bidirectional(s: Sizes):
    out, h_n, _ = _run_torch("RNN", s)
    # h_n[-1] is the last layer's backward direction: it ended at step 0, not at the last step
    assert torch.equal(h_n[-1], out[:, 0, s.M:]), "h_n[-1]: backward, step 0"
    assert not torch.equal(h_n[-1], out[:, -1, s.M:]), "h_n[-1] is not the last step"
    assert torch.equal(h_n[-2], out[:, -1, :s.M]), "h_n[-2]: forward, last step"
    logits = nn.Linear(2 * s.M, s.K)(torch.cat([h_n[-2], h_n[-1]], 1))
    y = keras.layers.Dense(s.K)(_keras("SimpleRNN", s)(_x(s)))
    return _dims(logits), _dims(y)


@check("heads", "many-to-many")
def _many_to_many(s: Sizes):
    out, _, _ = _run_torch("RNN", s)
    logits = nn.Linear(s.M, s.K)(out)
    y = keras.layers.Dense(s.K)(_keras("SimpleRNN", s, return_sequences=True)(_x(s)))
    return _dims(logits), _dims(y)


def _loss(which: str) -> Check:
    def check_loss(s: Sizes):
        logits = torch.randn(s.N, s.T, s.K)
        target = torch.randint(0, s.K, (s.N, s.T))
        loss = nn.CrossEntropyLoss(reduction="none")
        _refused(lambda: loss(logits, target), RuntimeError)  # N×T×K is read as N×T classes
        per_step = keras.losses.sparse_categorical_crossentropy(
            target.numpy(), logits.numpy(), from_logits=True)
        if which == "target":
            loss(logits.permute(0, 2, 1), target)
            return _dims(target), _dims(target.numpy())
        if which == "logits":
            return _dims(logits.permute(0, 2, 1)), _dims(logits.numpy())
        return _dims(loss(logits.permute(0, 2, 1), target)), _dims(per_step)

    return check_loss


check("heads", "targets", "target")(_loss)
check("heads", "logits", "logits")(_loss)
check("heads", "loss-per-step", "per-step")(_loss)


@check("heads", "one-to-many")
def _one_to_many(s: Sizes):
    repeated = torch.randn(s.N, s.D).unsqueeze(1).expand(s.N, s.T, s.D)
    assert repeated.stride(1) == 0, "a view, no copy"
    return _dims(repeated), _dims(keras.layers.RepeatVector(s.T)(_x(s, s.D)))


def _seq2seq(which: str) -> Check:
    def check_seq2seq(s: Sizes):
        encoder = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True)
        decoder = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True)
        _, h_enc = encoder(torch.randn(s.N, s.T, s.D))
        dec_out, _ = decoder(torch.randn(s.N, s.T_out, s.D), h_enc)
        logits = nn.Linear(s.M, s.K)(dec_out)
        _, h = keras.layers.GRU(s.M, return_state=True)(_x(s))
        dec = keras.layers.GRU(s.M, return_sequences=True)(_x(s, s.T_out, s.D), initial_state=[h])
        y = keras.layers.Dense(s.K)(dec)
        return (_dims(h_enc), _dims(h)) if which == "state" else (_dims(logits), _dims(y))

    return check_seq2seq


check("heads", "seq2seq-state", "state")(_seq2seq)
check("heads", "seq2seq-logits", "logits")(_seq2seq)


# ----------------------------------------------------------------------------------------------
# around


@check("around", "embedding")
def _embedding(s: Sizes):
    ids = torch.randint(0, 10, (s.N, s.T))
    embedding = nn.Embedding(10, s.E)
    _refused(lambda: embedding(ids.float()), RuntimeError)  # ids must be integers
    vectors = embedding(ids)
    nn.LSTM(s.E, s.M, batch_first=True)(vectors)  # E is the RNN's D
    ids_in = keras.Input((s.T,), batch_size=s.N, dtype="int32")
    y = keras.layers.Embedding(10, s.E)(ids_in)
    keras.layers.LSTM(s.M)(y)
    return _dims(vectors), _dims(y)


def _conv(which: str) -> Check:
    def check_conv(s: Sizes):
        x = torch.randn(s.N, s.T, s.D)
        same = nn.Conv1d(s.D, s.C, 3, padding=1)
        _refused(lambda: same(x), RuntimeError)  # N×T×D: T read as the channels (T ≠ D)
        features = same(x.permute(0, 2, 1)).permute(0, 2, 1)
        nn.LSTM(s.C, s.M, batch_first=True)(features)
        valid = nn.Conv1d(s.D, s.C, 3)(x.permute(0, 2, 1))  # padding=0, the default
        inputs = _x(s)
        keras_same = keras.layers.Conv1D(s.C, 3, padding="same")(inputs)
        keras.layers.LSTM(s.M)(keras_same)
        keras_valid = keras.layers.Conv1D(s.C, 3)(inputs)  # padding="valid", the default
        if which == "input":
            return _dims(x.permute(0, 2, 1)), _dims(inputs)
        if which == "output":
            return _dims(features), _dims(keras_same)
        return _dims(valid), _dims(keras_valid)

    return check_conv


check("around", "conv1d-input", "input")(_conv)
check("around", "conv1d-output", "output")(_conv)
check("around", "conv1d-valid", "valid")(_conv)


@check("around", "cell-step")
def _cell_step(s: Sizes):
    x_t = torch.randn(s.N, s.T, s.D)[:, 0]
    h = nn.GRUCell(s.D, s.M)(x_t, torch.zeros(s.N, s.M))
    h_lstm, c_lstm = nn.LSTMCell(s.D, s.M)(x_t)
    assert h_lstm.shape == c_lstm.shape == h.shape, (h_lstm.shape, c_lstm.shape)
    k_t = np.ones((s.N, s.D), "float32")
    y, states = keras.layers.GRUCell(s.M)(k_t, [np.zeros((s.N, s.M), "float32")])
    assert len(states) == 1 and _dims(states[0]) == _dims(y), states
    y_lstm, (h_k, c_k) = keras.layers.LSTMCell(s.M)(k_t, [np.zeros((s.N, s.M), "float32")] * 2)
    assert _dims(y_lstm) == _dims(h_k) == _dims(c_k) == _dims(y), (h_k.shape, c_k.shape)
    return _dims(h), _dims(y)


@check("around", "cell-stacked")
def _cell_stacked(s: Sizes):
    x = torch.randn(s.N, s.T, s.D)
    cell, layer = nn.GRUCell(s.D, s.M), nn.GRU(s.D, s.M, batch_first=True)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        getattr(layer, f"{name}_l0").data.copy_(getattr(cell, name).data)
    h, outs = torch.zeros(s.N, s.M), []
    for t in range(s.T):
        h = cell(x[:, t], h)
        outs.append(h)
    out = torch.stack(outs, dim=1)
    torch.testing.assert_close(out, layer(x)[0])  # the loop is the layer
    k_x = np.random.default_rng(0).random((s.N, s.T, s.D), dtype="float32")
    k_cell = keras.layers.GRUCell(s.M)
    states, k_outs = [np.zeros((s.N, s.M), "float32")], []
    for t in range(s.T):
        y, states = k_cell(k_x[:, t], states)
        k_outs.append(y)
    k_out = keras.ops.stack(k_outs, axis=1)
    whole = keras.layers.RNN(k_cell, return_sequences=True)(k_x)  # the same cell, its weights
    np.testing.assert_allclose(np.asarray(k_out), np.asarray(whole), atol=1e-5)
    return _dims(out), _dims(k_out)


@check("around", "windows")
def _windows(s: Sizes):
    steps = s.N + s.T - 1
    series = torch.arange(steps * s.D, dtype=torch.float32).reshape(steps, s.D)
    unfolded = series.unfold(0, s.T, 1)
    assert unfolded.shape == (s.N, s.D, s.T), unfolded.shape  # the window axis last
    windows = unfolded.transpose(1, 2)
    for n in range(s.N):  # window n: steps n..n+T-1
        assert torch.equal(windows[n], series[n:n + s.T])
    dataset = keras.utils.timeseries_dataset_from_array(series.numpy(), None, s.T,
                                                        batch_size=s.N)
    batches = [np.asarray(batch) for batch in dataset]
    assert len(batches) == 1, [b.shape for b in batches]  # N windows fit
    np.testing.assert_array_equal(batches[0], windows.numpy())
    return _dims(windows), _dims(batches[0])


def _forecast(series: bool) -> Check:
    def check_forecast(s: Sizes):
        _, h_n, _ = _run_torch("LSTM", s)
        if series:
            pred = nn.Linear(s.M, s.H * s.K)(h_n[-1]).view(s.N, s.H, s.K)
            y = keras.layers.Reshape((s.H, s.K))(
                keras.layers.Dense(s.H * s.K)(_keras("LSTM", s)(_x(s))))
        else:
            pred = nn.Linear(s.M, s.H)(h_n[-1])
            y = keras.layers.Dense(s.H)(_keras("LSTM", s)(_x(s)))
        target = torch.randn(pred.shape)
        assert nn.MSELoss(reduction="none")(pred, target).shape == pred.shape, "no broadcast"
        return _dims(pred), _dims(y)

    return check_forecast


check("around", "forecast", False)(_forecast)
check("around", "forecast-series", True)(_forecast)


@check("around", "ctc")
def _ctc(s: Sizes):
    logits = torch.randn(s.N, s.T, s.K + 1)  # a batch-first model's output
    log_probs = logits.log_softmax(2).permute(1, 0, 2)
    targets = torch.randint(1, s.K + 1, (s.N, 2))  # labels 1..K; 0 is the blank
    per_sample = nn.CTCLoss(reduction="none")(log_probs, targets, torch.full((s.N,), s.T),
                                              torch.full((s.N,), 2))
    keras_loss = keras.losses.ctc(targets.numpy(), logits.numpy())  # logits, batch-first
    np.testing.assert_allclose(np.asarray(keras_loss), per_sample.numpy(), rtol=1e-4)
    return _dims(log_probs), _dims(logits.numpy())


def _convlstm(sequences: bool) -> Check:
    def check_convlstm(s: Sizes):
        assert not [name for name in dir(nn) if "convlstm" in name.lower()], "torch.nn has one"
        frames = keras.Input((s.T, s.rows, s.cols, s.D), batch_size=s.N)
        if sequences:
            layer = keras.layers.ConvLSTM2D(s.M, 3, padding="same", return_sequences=True)
        else:
            layer = keras.layers.ConvLSTM2D(s.M, 3)
        return None, _dims(layer(frames))

    return check_convlstm


check("around", "convlstm", False)(_convlstm)
check("around", "convlstm-sequences", True)(_convlstm)


# ----------------------------------------------------------------------------------------------
# seq2seq


def _handover(which: str) -> Check:
    def check_handover(s: Sizes):
        source, dec_in = torch.randn(s.N, s.T, s.D), torch.randn(s.N, s.T_out, s.D)
        if which == "lstm":
            _, (h_n, c_n) = nn.LSTM(s.D, s.M, num_layers=s.L, batch_first=True)(source)
            out, _ = nn.LSTM(s.D, s.M, num_layers=s.L, batch_first=True)(dec_in, (h_n, c_n))
            assert h_n.shape == c_n.shape, (h_n.shape, c_n.shape)
            state = h_n
        else:  # the top layer of a GRU
            _, h_n = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True)(source)
            decoder = nn.GRU(s.D, s.M, batch_first=True)
            _refused(lambda: decoder(dec_in, h_n[-1]), RuntimeError)  # 2-D: the axis is gone
            state = h_n[-1:]
            out, _ = decoder(dec_in, state)
        assert out.shape == (s.N, s.T_out, s.M), out.shape
        cell = "LSTM" if which == "lstm" else "GRU"
        y = _x(s)
        for _ in range(s.L - 1):
            y = getattr(keras.layers, cell)(s.M, return_sequences=True)(y)
        _, *states = getattr(keras.layers, cell)(s.M, return_state=True)(y)  # the last layer
        assert len(states) == (2 if cell == "LSTM" else 1), len(states)
        decoded = getattr(keras.layers, cell)(s.M, return_sequences=True)(
            _x(s, s.T_out, s.D), initial_state=states)
        assert _dims(decoded) == (s.N, s.T_out, s.M), decoded.shape
        return _dims(state), _dims(states[0])

    return check_handover


check("seq2seq", "lstm-state", "lstm")(_handover)
check("seq2seq", "top-layer", "top")(_handover)


@check("seq2seq", "bidirectional")
def _joined(s: Sizes):
    encoder = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True, bidirectional=True)
    enc_out, h_n = encoder(torch.randn(s.N, s.T, s.D))
    joined = torch.cat(h_n.view(s.L, 2, s.N, s.M).unbind(1), 2)
    for layer in range(s.L):  # layer l: its forward, then its backward state
        assert torch.equal(joined[layer], torch.cat([h_n[2 * layer], h_n[2 * layer + 1]], 1))
    assert torch.equal(joined[-1, :, s.M:], enc_out[:, 0, s.M:]), "backward: step 0"
    decoder = nn.GRU(s.D, 2 * s.M, num_layers=s.L, batch_first=True)
    decoder(torch.randn(s.N, s.T_out, s.D), joined)  # accepted
    _, h_fwd, h_bwd = _keras("GRU", s, return_state=True)(_x(s))
    h0 = keras.layers.Concatenate()([h_fwd, h_bwd])
    keras.layers.GRU(2 * s.M)(_x(s, s.T_out, s.D), initial_state=[h0])  # accepted
    return _dims(joined), _dims(h0)


@check("seq2seq", "inference-step")
def _inference_step(s: Sizes):
    embedding, decoder = nn.Embedding(s.K, s.E), nn.GRU(s.E, s.M, batch_first=True)
    head = nn.Linear(s.M, s.K)
    ids, h = torch.zeros(s.N, 1, dtype=torch.long), torch.zeros(1, s.N, s.M)
    _refused(lambda: decoder(embedding(ids[:, 0]), h), RuntimeError)  # N×E: unbatched
    out, h = decoder(embedding(ids), h)
    scores = head(out)
    assert h.shape == (1, s.N, s.M), h.shape
    k_ids = keras.Input((1,), batch_size=s.N, dtype="int32")
    k_h = keras.Input((s.M,), batch_size=s.N)
    k_out = keras.layers.GRU(s.M, return_sequences=True)(
        keras.layers.Embedding(s.K, s.E)(k_ids), initial_state=[k_h])
    return _dims(scores), _dims(keras.layers.Dense(s.K)(k_out))


def _attention(which: str) -> Check:
    def check_attention(s: Sizes):
        assert s.E % s.heads == 0, "nn.MultiheadAttention: heads divide E"
        query, kv = torch.randn(s.N, s.T_out, s.E), torch.randn(s.N, s.T, s.E)
        attn = nn.MultiheadAttention(s.E, s.heads, batch_first=True)
        context, mean = attn(query, kv, kv)
        _, per_head = attn(query, kv, kv, average_attn_weights=False)
        torch.testing.assert_close(per_head.mean(1), mean)
        time_major = nn.MultiheadAttention(s.E, s.heads)  # batch_first=False
        time_major.load_state_dict(attn.state_dict())
        context_tm, mean_tm = time_major(query.transpose(0, 1), kv.transpose(0, 1),
                                         kv.transpose(0, 1))
        torch.testing.assert_close(context_tm.transpose(0, 1), context)
        assert mean_tm.shape == mean.shape, mean_tm.shape  # the weights stay batch-first
        k_query, k_kv = query.numpy(), kv.numpy()
        mha = keras.layers.MultiHeadAttention(s.heads, s.E // s.heads)
        k_context, scores = mha(k_query, k_kv, return_attention_scores=True)
        np.testing.assert_allclose(np.asarray(scores).sum(-1), 1, rtol=1e-5)
        _, one_head = keras.layers.Attention()([k_query, k_kv], return_attention_scores=True)
        if which == "output":
            return _dims(context), _dims(k_context)
        if which == "time-major":
            return _dims(context_tm), None
        if which == "weights":
            return _dims(mean), _dims(one_head)
        return _dims(per_head), _dims(scores)

    return check_attention


check("seq2seq", "attention", "output")(_attention)
check("seq2seq", "attention-time-major", "time-major")(_attention)
check("seq2seq", "attention-weights", "weights")(_attention)
check("seq2seq", "attention-heads", "heads")(_attention)


# ----------------------------------------------------------------------------------------------
# The tests


SIZE_SETS = {"SITE": SITE, "DISTINCT": DISTINCT}
ROWS = [(table, row) for table in cheat_sheet.TABLE_NAMES for row in cheat_sheet.rows(table)]
CASES = [
    pytest.param(table, row, base, dirs, id=f"{table}-{row.key}-{base}-dirs{dirs}")
    for table, row in ROWS
    for base in SIZE_SETS
    for dirs in row.dirs
]


@pytest.mark.parametrize(("table", "row", "base", "dirs"), CASES)
def test_row(table, row, base, dirs):
    sizes = dataclasses.replace(SIZE_SETS[base], dirs=dirs)
    row_check = CHECKS.get((table, row.key))
    assert row_check, f"{table}: row {row.key!r} has no check: register one with @check"
    torch.manual_seed(0)
    keras.utils.set_random_seed(0)
    got = row_check(sizes)
    for framework, formula, real in zip(("PyTorch", "Keras"), (row.torch, row.keras), got,
                                        strict=True):
        want = None if formula is None else cheat_sheet.expected(formula, sizes, count=row.count)
        assert real == want, (f"{table}: {row.key}: {framework} {formula!r} at {sizes} is "
                              f"{want}, the framework gives {real}")


def test_every_row_has_a_check_and_every_check_a_row():
    keys = [(table, row.key) for table, row in ROWS]
    assert len(keys) == len(set(keys)), "two rows of one table share a key"
    assert not set(keys) - set(CHECKS), f"rows without a check: {set(keys) - set(CHECKS)}"
    assert not set(CHECKS) - set(keys), f"checks without a row: {set(CHECKS) - set(keys)}"


def test_every_row_covers_one_or_two_directions():
    for table, row in ROWS:
        assert row.dirs and set(row.dirs) <= {1, 2}, (table, row.key, row.dirs)
        assert row.torch or row.keras, f"{table}: {row.key}: neither framework has a formula"


def test_distinct_sizes_all_differ():
    for sizes in SITE, DISTINCT:
        assert len(sizes.lengths) == sizes.N and max(sizes.lengths) == sizes.T, sizes
        assert sizes.P < sizes.M and sizes.D > 1, sizes  # proj_size < M; D = 1 is a special case
        assert sizes.E % sizes.heads == 0, sizes  # nn.MultiheadAttention needs it
        assert min(sizes.rows, sizes.cols) > 2, sizes  # a 3×3 kernel leaves a frame
    values = cheat_sheet.letters(dataclasses.replace(DISTINCT, dirs=2))
    assert len(set(values.values())) == len(values), values
    for dirs in 1, 2:  # at the site's sizes, the letters added for the new pages differ too
        values = cheat_sheet.letters(dataclasses.replace(SITE, dirs=dirs))
        added = [values.pop(name) for name in ("E", "C", "H", "heads", "rows", "cols")]
        assert len(set(added)) == len(added) and not set(added) & set(values.values()), added


def _headings(page: Path) -> set[str]:
    """The anchors of a page's headings, as mkdocs writes them (toc's default slugify)."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    anchors = set()
    for line in text.splitlines():
        if re.match(r"#{1,6} ", line):
            # attr_list's `## Title { #anchor }` pins the anchor; otherwise the title's slug
            pinned = re.search(r"\{\s*#([\w-]+)\s*\}\s*$", line)
            title = line.lstrip("#").strip().replace("`", "")
            anchors.add(pinned.group(1) if pinned else slugify(title, "-"))
    return anchors


@pytest.mark.parametrize("table", cheat_sheet.TABLE_NAMES)
def test_links_reach_a_heading(table):
    """Each row's links (its ``see`` and any in its notes) name a page and one of its
    headings, relative to docs/reference/."""
    for row in cheat_sheet.rows(table):
        for target in re.findall(r"\]\(([^()\s]+)\)", row.see + row.torch_note + row.keras_note):
            page, _, anchor = target.partition("#")
            path = ROOT / "docs" / "reference" / page
            assert path.is_file(), f"{table}: {row.key}: no page {page}"
            assert anchor in _headings(path), f"{table}: {row.key}: no heading #{anchor} in {page}"


def test_snippet_imports_no_framework():
    tree = ast.parse(SNIPPET.read_text(encoding="utf-8"))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not {name.split(".")[0] for name in imported} & FRAMEWORKS, sorted(imported)
    assert "__import__" not in SNIPPET.read_text(encoding="utf-8")


def test_snippet_loads_three_ways_without_frameworks():
    """As the hook loads it (by path, or as a module of the namespace package snippets), and as
    a script; in a fresh interpreter, so that no framework is loaded by anything else."""
    program = f"""
import importlib, importlib.util, runpy, sys
sys.path.insert(0, {str(ROOT)!r})
by_name = importlib.import_module("snippets.reference.cheat_sheet")
spec = importlib.util.spec_from_file_location("cheat_sheet", {str(SNIPPET)!r})
by_path = importlib.util.module_from_spec(spec)
spec.loader.exec_module(by_path)
for module in by_name, by_path:
    assert [module.markdown_table(t) for t in module.TABLE_NAMES]
runpy.run_path({str(SNIPPET)!r}, run_name="__main__")
loaded = {sorted(FRAMEWORKS)!r}
assert not set(loaded) & set(sys.modules), set(loaded) & set(sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd="/")
    assert result.returncode == 0, result.stderr
    assert "## inputs (6 rows)" in result.stdout, result.stdout[:200]


def test_sizes_section_runs_alone():
    """The page includes the ``sizes`` section; a reader can paste it into a fresh Python."""
    text = SNIPPET.read_text(encoding="utf-8")
    section = text.split("# --8<-- [start:sizes]\n")[1].split("# --8<-- [end:sizes]")[0]
    result = subprocess.run([sys.executable, "-c", section + "print(SITE)\nprint(DISTINCT)\n"],
                            capture_output=True, text=True, cwd="/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [repr(SITE), repr(DISTINCT)], result.stdout


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("L*dirs, N, M", "(L·dirs)×N×M"),
        ("N, T, dirs*M", "N×T×(dirs·M)"),
        ("dirs*M, 4*M", "(dirs·M)×4M"),
        ("2, 3*M", "2×3M"),
        ("N, T_out, K", "N×T′×K"),
        ("T, N, K + 1", "T×N×(K + 1)"),
        ("N, rows - 2, cols - 2, M", "N×(rows − 2)×(cols − 2)×M"),
        ("N, heads, T_out, T", "N×heads×T′×T"),
        ("M", "M"),
        ("4*(M*D + M**2 + 2*M)", "4(MD + M² + 2M)"),
        ("4*(M*D + M*P + 2*M) + P*M", "4(MD + MP + 2M) + PM"),
        ("dirs*(M*D + M**2 + 2*M) + (L - 1)*dirs*(dirs*M**2 + M**2 + 2*M)",
         "dirs(MD + M² + 2M) + (L − 1)dirs(dirs·M² + M² + 2M)"),
    ],
)
def test_render(formula, shown):
    assert cheat_sheet.render(formula) == shown


def test_expected_reads_python():
    sizes = dataclasses.replace(SITE, dirs=2)
    assert cheat_sheet.expected("L*dirs, N, M", sizes) == (4, 2, 4)
    assert cheat_sheet.expected("M", SITE) == (4,)
    assert cheat_sheet.expected("S, D", SITE) == (8, 3)
    assert cheat_sheet.expected("4*(M*D + M**2 + 2*M)", SITE, count=True) == 4 * (12 + 16 + 8)


@pytest.mark.parametrize(
    ("formula", "message"),
    [
        ("N, X", r"unknown letter 'X' .*allowed: N, T, D, M, K, L, P, T_out, E, C, H, heads, "
                 "rows, cols, S, dirs"),
        ("N×T", "not a Python expression"),
        ("M**3", r"unexpected 'M \*\* 3'"),
        ("len(M)", r"unexpected 'len\(M\)'"),
        ("M / 2", "unexpected"),
        ("(N, T), D", "unexpected"),
    ],
)
def test_bad_formula_says_what_is_allowed(formula, message):
    with pytest.raises(ValueError, match=message):
        cheat_sheet.expected(formula, SITE)


def test_count_formula_is_one_number():
    with pytest.raises(ValueError, match="a count is one number"):
        cheat_sheet.expected("M, D", SITE, count=True)


def test_unknown_table_names_the_allowed_ones():
    with pytest.raises(ValueError, match="unknown cheat-sheet table 'x'; allowed: inputs, "):
        cheat_sheet.markdown_table("x")


def test_a_row_links_with_markdown(monkeypatch):
    bad = dataclasses.replace(cheat_sheet.rows("inputs")[0], see="inputs.md#layouts")
    monkeypatch.setitem(cheat_sheet.TABLES, "inputs", (bad,))
    with pytest.raises(ValueError, match="not one Markdown link"):
        cheat_sheet.markdown_table("inputs")


@pytest.mark.parametrize("table", cheat_sheet.TABLE_NAMES)
def test_table_renders(table):
    lines = cheat_sheet.markdown_table(table).splitlines()
    assert len(lines) == 2 + len(cheat_sheet.rows(table))
    assert all(line.count(" | ") == 3 for line in lines[2:]), lines
    for row in cheat_sheet.rows(table):
        for formula in filter(None, (row.torch, row.keras)):
            shown = cheat_sheet.render(formula)
            assert "*" not in shown and "_" not in shown, (row.key, formula, shown)
