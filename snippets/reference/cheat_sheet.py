"""The cheat sheet's tables, generated from the rows below and checked against the frameworks.

docs/reference/cheat-sheet.md asks for a table with a line ``<!-- cheat-sheet: NAME -->``; the
build replaces it with ``markdown_table(NAME)``. Each row holds a description, the PyTorch and
Keras shapes as formulas in the site's letters (``"N×T×(dirs·M)"``; ``None`` where a framework
has no such thing), a link to the section that explains it, and a check that builds the real
layers and returns the real shapes. ``verify`` puts sizes into each formula and compares it with
what the check returns, at the site's sizes and again at sizes that all differ. Run this file to
verify every row. torch and keras are imported inside the checks only, so the build, which only
asks for tables, does not load them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

Shape = tuple[int, ...]


# --8<-- [start:sizes]
@dataclass(frozen=True)
class Sizes:
    """The sizes a formula's letters stand for; dirs is set per check (2: bidirectional)."""

    N: int  # samples
    T: int  # time steps (the longest sequence)
    D: int  # features per step
    M: int  # hidden units
    K: int  # outputs per step (classes)
    L: int  # layers
    P: int  # proj_size of an LSTM, less than M
    T_out: int  # the decoder's steps in seq2seq, written T′
    lengths: tuple[int, ...]  # the real steps of each sample in a padded batch
    dirs: int = 1

    def letters(self) -> dict[str, int]:
        return {"N": self.N, "T": self.T, "D": self.D, "M": self.M, "K": self.K, "L": self.L,
                "P": self.P, "T′": self.T_out, "S": sum(self.lengths), "dirs": self.dirs}


SITE = Sizes(N=2, T=5, D=3, M=4, K=6, L=2, P=3, T_out=7, lengths=(3, 5))
DISTINCT = Sizes(N=3, T=7, D=5, M=9, K=11, L=4, P=6, T_out=10, lengths=(7, 4, 2))  # none equal
# --8<-- [end:sizes]


@dataclass(frozen=True)
class Row:
    """One line of a table. ``check(sizes)`` returns (PyTorch, Keras): shapes, or for a count
    row the two numbers of parameters; ``None`` for a framework whose formula is ``None``."""

    what: str
    torch: str | None
    keras: str | None
    see: str
    check: Callable[[Sizes], tuple[object, object]]
    torch_note: str = ""
    keras_note: str = ""
    dirs: tuple[int, ...] = (1,)
    count: bool = False


# --8<-- [start:verify]
LETTERS = ("dirs", "T′", "N", "T", "D", "M", "K", "L", "P", "S")
_TOKEN = re.compile(r"\s*(?:(?P<num>\d+)|(?P<name>dirs|T′|[NTDMKLPS])|(?P<op>[·+\-−()²]))")


def _tokens(text: str) -> list[str]:
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if not m:
            bad = text[pos:].strip()[0]
            if bad.isalpha():
                raise ValueError(f"unknown letter {bad!r} in {text!r}; "
                                 f"allowed letters: {', '.join(LETTERS)}")
            raise ValueError(f"unexpected {bad!r} in {text!r}; allowed: letters "
                             f"{', '.join(LETTERS)}, digits, ·, +, −, ², parentheses")
        tokens.append(m.group(m.lastgroup))
        pos = m.end()
    return tokens


def evaluate(text: str, sizes: Sizes) -> int:
    """The value of one factor such as ``"dirs·M"`` or ``"4(MD + M² + 2M)"``: · or nothing
    multiplies, + and − add and subtract, ² squares; no eval() of the text."""
    tokens, values = _tokens(text), sizes.letters()

    def expr(i: int) -> tuple[int, int]:
        value, i = term(i)
        while i < len(tokens) and tokens[i] in {"+", "-", "−"}:
            sign, (right, i) = tokens[i], term(i + 1)
            value = value + right if sign == "+" else value - right
        return value, i

    def term(i: int) -> tuple[int, int]:
        value, i = power(i)
        while i < len(tokens) and tokens[i] not in {"+", "-", "−", ")", "²"}:
            right, i = power(i + 1 if tokens[i] == "·" else i)  # "·" or side by side: times
            value *= right
        return value, i

    def power(i: int) -> tuple[int, int]:
        if i >= len(tokens):
            raise ValueError(f"{text!r} ends where a number or letter is expected")
        if tokens[i] == "(":
            value, i = expr(i + 1)
            if i >= len(tokens) or tokens[i] != ")":
                raise ValueError(f"unbalanced parentheses in {text!r}")
            i += 1
        elif tokens[i][0] in "0123456789":
            value, i = int(tokens[i]), i + 1
        elif tokens[i] in values:
            value, i = values[tokens[i]], i + 1
        else:
            raise ValueError(f"unexpected {tokens[i]!r} in {text!r}")
        if i < len(tokens) and tokens[i] == "²":
            value, i = value * value, i + 1
        return value, i

    value, end = expr(0)
    if end != len(tokens):
        raise ValueError(f"unexpected {tokens[end]!r} in {text!r}")
    return value


def shape(formula: str, sizes: Sizes) -> Shape:
    """``"(L·dirs)×N×M"`` → one number per axis: split on × outside parentheses."""
    factors, depth, start = [], 0, 0
    for i, char in enumerate(formula):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "×" and depth == 0:
            factors.append(formula[start:i])
            start = i + 1
    factors.append(formula[start:])
    if depth or not all(f.strip() for f in factors):
        raise ValueError(f"malformed shape {formula!r}: axes are factors joined by ×")
    try:
        return tuple(evaluate(factor, sizes) for factor in factors)
    except ValueError as err:
        raise ValueError(f"shape {formula!r}: {err}") from None


def _expected(formula: str, sizes: Sizes, count: bool) -> object:
    if count and "×" in formula:
        raise ValueError(f"count formula {formula!r}: multiply with · (× separates axes)")
    return evaluate(formula, sizes) if count else shape(formula, sizes)


def verify(name: str | None = None) -> int:
    """Check every row of one table (or of all): build the real layers at both sets of sizes
    and each number of directions the row covers; return the number of rows checked."""
    tables = TABLE_NAMES if name is None else (name,)
    rows = {table: _table(table) for table in tables}  # an unknown name fails here
    import keras
    import torch

    verified = 0
    for table in tables:
        for row in rows[table]:
            for base in (SITE, DISTINCT):
                for dirs in row.dirs:
                    sizes = replace(base, dirs=dirs)
                    torch.manual_seed(0)
                    keras.utils.set_random_seed(0)
                    got = row.check(sizes)
                    for framework, formula, real in zip(("PyTorch", "Keras"),
                                                        (row.torch, row.keras), got, strict=True):
                        want = None if formula is None else _expected(formula, sizes, row.count)
                        assert real == want, (
                            f"{table}: {row.what!r}: {framework} {formula!r} at {sizes} is "
                            f"{want}, the framework gives {real}")
            verified += 1
    return verified
# --8<-- [end:verify]


# ----------------------------------------------------------------------------------------------
# The checks. Each builds the real layers at the given sizes and returns the real shapes.


def _dims(tensor) -> Shape:
    return tuple(int(d) for d in tensor.shape)


def _refused(make: Callable[[], object], error: type[Exception] = ValueError) -> None:
    """Check that a framework refuses something (the '—' of a table) and return None."""
    try:
        make()
    except error:
        return None
    raise AssertionError(f"expected {error.__name__}: the framework accepted it")


def _nn():
    from torch import nn

    return nn


def _torch(cell: str, s: Sizes, *, layers: int | None = None, **kwargs):
    """An nn.RNN/GRU/LSTM with L layers (or ``layers``) and dirs directions."""
    return getattr(_nn(), cell)(s.D, s.M, num_layers=layers or s.L,
                                bidirectional=s.dirs == 2, **kwargs)


def _run_torch(cell: str, s: Sizes, *, batch_first: bool = True, **kwargs):
    """(output, h_n, c_n or None) of a module run on a batch in its layout."""
    import torch

    x = torch.randn(s.N, s.T, s.D) if batch_first else torch.randn(s.T, s.N, s.D)
    out, state = _torch(cell, s, batch_first=batch_first, **kwargs)(x)
    h_n, c_n = state if isinstance(state, tuple) else (state, None)
    return out, h_n, c_n


def _keras(cell: str, s: Sizes, **kwargs):
    """A Keras layer of M units; wrapped in Bidirectional when dirs is 2."""
    import keras

    layer = getattr(keras.layers, cell)(s.M, **kwargs)
    return keras.layers.Bidirectional(layer) if s.dirs == 2 else layer


def _x(s: Sizes, *shape: int):
    """A symbolic batch for Keras: keras.Input with the batch size fixed to N."""
    import keras

    return keras.Input(shape=shape or (s.T, s.D), batch_size=s.N)


def _in_time_major(s: Sizes):
    import keras
    import torch

    x = torch.randn(s.T, s.N, s.D)
    out, h_n = _nn().RNN(s.D, s.M)(x)  # batch_first=False, the default
    assert out.shape == (s.T, s.N, s.M) and h_n.shape == (1, s.N, s.M), "read as T steps of N"
    return _dims(x), _refused(lambda: keras.layers.SimpleRNN(s.M, time_major=True))


def _in_batch_major(s: Sizes):
    import torch

    x = torch.randn(s.N, s.T, s.D)
    out, h_n = _nn().RNN(s.D, s.M, batch_first=True)(x)
    assert out.shape == (s.N, s.T, s.M) and h_n.shape == (1, s.N, s.M), "read as N samples"
    inputs = _x(s)
    y = _keras("SimpleRNN", s, return_sequences=True)(inputs)
    assert _dims(y) == (s.N, s.T, s.M), y.shape
    return _dims(x), _dims(inputs)


def _in_unbatched(s: Sizes):
    import numpy as np
    import torch

    x = torch.randn(s.T, s.D)
    for batch_first in (False, True):
        out, h_n = _nn().RNN(s.D, s.M, batch_first=batch_first)(x)
        assert out.shape == (s.T, s.M) and h_n.shape == (1, s.M), (out.shape, h_n.shape)
    keras_layer = _keras("SimpleRNN", s)
    return _dims(x), _refused(lambda: keras_layer(np.zeros((s.T, s.D), "float32")))


def _in_h0(cell: str):
    def check(s: Sizes):
        import keras
        import torch

        h0 = torch.zeros(s.L * s.dirs, s.N, s.M)
        state = (h0, h0) if cell == "LSTM" else h0
        for batch_first in (False, True):  # h0 keeps N in the middle either way
            x = torch.randn(s.N, s.T, s.D) if batch_first else torch.randn(s.T, s.N, s.D)
            _torch(cell, s, batch_first=batch_first)(x, state)  # accepted
        h = keras.Input(shape=(s.M,), batch_size=s.N)
        per_direction = [h, h] if cell == "LSTM" else [h]
        _keras(cell, s)(_x(s), initial_state=per_direction * s.dirs)  # accepted
        return _dims(h0), _dims(h)
    return check


def _in_embedding(s: Sizes):
    import keras
    import torch

    ids = torch.randint(0, 10, (s.N, s.T))
    return (_dims(_nn().Embedding(10, s.D)(ids)),
            _dims(keras.layers.Embedding(10, s.D)(_x(s, s.T))))


def _out_sequence(batch_first: bool):
    def check(s: Sizes):
        out, _, _ = _run_torch("GRU", s, batch_first=batch_first)
        if not batch_first:
            return _dims(out), None  # Keras has one layout
        return _dims(out), _dims(_keras("GRU", s, return_sequences=True)(_x(s)))
    return check


def _out_unbatched(which: int):
    def check(s: Sizes):
        import torch

        result = _torch("GRU", s)(torch.randn(s.T, s.D))  # (output, h_n)
        return _dims(result[which]), None
    return check


def _out_last_step(s: Sizes):
    import torch

    out, h_n, _ = _run_torch("LSTM", s)
    assert torch.equal(out[:, -1], h_n[-1]), "one direction: last step = last layer's h_n"
    return _dims(out[:, -1]), _dims(_keras("LSTM", s)(_x(s)))


def _out_state(cell: str, which: int):
    def check(s: Sizes):
        _, h_n, c_n = _run_torch(cell, s)
        _, h_time_major, c_time_major = _run_torch(cell, s, batch_first=False)
        for state, same in ((h_n, h_time_major), (c_n, c_time_major)):
            assert same is None or same.shape == state.shape, "batch_first moves no state axis"
        result = _keras(cell, s, return_state=True)(_x(s))
        states = result[1:]  # out first; then h (and c) per direction, forward first
        assert len(states) == s.dirs * (2 if cell == "LSTM" else 1), len(states)
        assert len({_dims(t) for t in states}) == 1, [t.shape for t in states]
        return _dims((h_n, c_n)[which]), _dims(states[which])
    return check


def _out_layer_direction(s: Sizes):
    import torch

    out, h_n, _ = _run_torch("GRU", s)
    by_layer = h_n.view(s.L, s.dirs, s.N, s.M)
    assert torch.equal(by_layer[-1, 0], out[:, -1, :s.M]), "last layer, forward"
    if s.dirs == 2:
        assert torch.equal(by_layer[-1, 1], out[:, 0, s.M:]), "last layer, backward: step 0"
    return _dims(by_layer), None


def _out_split(s: Sizes):
    import keras

    out, _, _ = _run_torch("GRU", s)
    both = out.view(s.N, s.T, 2, s.M)
    layer = keras.layers.GRU(s.M, return_sequences=True)
    fwd, bwd = keras.layers.Bidirectional(layer, merge_mode=None)(_x(s))
    assert _dims(fwd) == _dims(bwd), (fwd.shape, bwd.shape)
    return _dims(both), _dims(fwd)


def _out_merged(s: Sizes):
    import keras

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


def _out_both_finals(s: Sizes):
    import torch

    out, h_n, _ = _run_torch("GRU", s)
    summary = torch.cat([h_n[-2], h_n[-1]], dim=1)
    assert torch.equal(summary[:, s.M:], out[:, 0, s.M:]), "backward final state: step 0"
    return _dims(summary), _dims(_keras("GRU", s)(_x(s)))


def _out_proj(which: int):
    def check(s: Sizes):
        import keras

        result = _run_torch("LSTM", s, proj_size=s.P)
        return _dims(result[which]), _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P))
    return check


def _out_dropout(s: Sizes):
    import torch

    lstm = _torch("LSTM", s, batch_first=True, dropout=0.5).train()
    out, _ = lstm(torch.randn(s.N, s.T, s.D))
    y = _keras("LSTM", s, dropout=0.5, recurrent_dropout=0.5, return_sequences=True)(
        _x(s), training=True)
    return _dims(out), _dims(y)


KERAS_CELL = {"RNN": "SimpleRNN", "LSTM": "LSTM", "GRU": "GRU"}


def _weight(cell: str, torch_name: str | None, keras_index: int, *, layer: int = 0,
            **keras_kwargs):
    """Shape of a PyTorch parameter and of a Keras weight (kernel 0, recurrent_kernel 1, bias 2)
    of the first layer, or of the second layer of a stack (``layer=1``)."""

    def check(s: Sizes):
        import keras

        if torch_name is None:  # Keras' GRU(reset_after=False): no PyTorch twin
            real = _refused(lambda: _nn().GRU(s.D, s.M, reset_after=False), TypeError)
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
    return check


def _weight_reverse(s: Sizes):
    params = dict(_torch("LSTM", s).named_parameters())
    layer = _keras("LSTM", s)
    layer(_x(s))
    return _dims(params["weight_ih_l0_reverse"]), _dims(layer.backward_layer.weights[0])


def _proj_weight(name: str):
    def check(s: Sizes):
        import keras

        params = dict(_torch("LSTM", s, proj_size=s.P).named_parameters())
        return _dims(params[name]), _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P))
    return check


def _count(cell: str, *, stacked: bool = False, **keras_kwargs):
    """Parameters of a PyTorch module and of the Keras layers that compute the same."""

    def check(s: Sizes):
        import keras

        layers = s.L if stacked else 1
        module = _torch(cell, s, layers=layers)
        real = sum(p.numel() for p in module.parameters())
        if keras_kwargs.get("reset_after") is False:
            real = _refused(lambda: _nn().GRU(s.D, s.M, reset_after=False), TypeError)
        y = x = _x(s)
        for _ in range(layers):  # each layer reads the output of the one before
            y = _keras(KERAS_CELL[cell], s, return_sequences=True, **keras_kwargs)(y)
        return real, keras.Model(x, y).count_params()
    return check


def _count_proj(s: Sizes):
    import keras

    module = _torch("LSTM", s, layers=1, proj_size=s.P)
    return (sum(p.numel() for p in module.parameters()),
            _refused(lambda: keras.layers.LSTM(s.M, proj_size=s.P)))


def _count_head(s: Sizes):
    import keras

    dense = keras.layers.Dense(s.K)
    dense(_x(s, s.M))
    return sum(p.numel() for p in _nn().Linear(s.M, s.K).parameters()), dense.count_params()


def _padded_batch(s: Sizes):
    import keras
    import numpy as np
    import torch
    from torch.nn.utils.rnn import pad_sequence

    seqs = [torch.randn(n, s.D) for n in s.lengths]
    x = pad_sequence(seqs, batch_first=True)
    keras_seqs = [np.ones((n, s.D)) for n in s.lengths]
    keras_x = keras.utils.pad_sequences(keras_seqs, padding="post", dtype="float32")
    front = keras.utils.pad_sequences(keras_seqs, dtype="float32")  # padding="pre"
    short = s.lengths.index(min(s.lengths))
    assert not front[short, 0].any() and keras_x[short, 0].all(), "pre pads in front"
    return _dims(x), _dims(keras_x)


def _padded_time_major(s: Sizes):
    import torch
    from torch.nn.utils.rnn import pad_sequence

    return _dims(pad_sequence([torch.randn(n, s.D) for n in s.lengths])), None


def _packed(s: Sizes, cell: str = "GRU"):
    """(packed input, packed output, h_n, padded output, lengths) of a module on a packed batch."""
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    lengths = torch.tensor(s.lengths)
    x = torch.randn(s.N, s.T, s.D)
    packed = pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
    out, h_n = _torch(cell, s, batch_first=True)(packed)
    padded, _ = pad_packed_sequence(out, batch_first=True, total_length=s.T)
    return packed, out, h_n, padded, lengths


def _keras_masked(s: Sizes, **kwargs):
    """A Keras GRU run eagerly on a zero-padded batch through Masking."""
    import keras
    import numpy as np

    x = np.random.default_rng(0).normal(size=(s.N, s.T, s.D)).astype("float32")
    for i, n in enumerate(s.lengths):
        x[i, n:] = 0.0
    mask = keras.layers.Masking(0.0).compute_mask(x)
    return [np.asarray(t) for t in keras.tree.flatten(_keras("GRU", s, **kwargs)(x, mask=mask))]


def _varlen(which: str):
    def check(s: Sizes):
        import torch

        packed, out, h_n, padded, lengths = _packed(s)
        if which == "lengths":
            return _dims(lengths), None
        if which == "data":
            return _dims(packed.data), None
        if which == "out.data":
            return _dims(out.data), None
        if which == "padded":
            return _dims(padded), _dims(_keras_masked(s, return_sequences=True)[0])
        if which == "h_n":
            return _dims(h_n), _dims(_keras_masked(s, return_state=True)[1])
        last = padded[torch.arange(s.N), lengths - 1]  # which == "last"
        assert torch.equal(last, h_n[-1]), "h_n holds each sample's last real step"
        seq, h = _keras_masked(s, return_sequences=True, return_state=True)
        assert abs(seq[:, -1] - h).max() < 1e-6, "masked steps repeat the last real output"
        return _dims(last), _dims(seq[:, -1])
    return check


def _mask(s: Sizes):
    import keras
    import numpy as np

    ids = np.zeros((s.N, s.T), "int64")
    for i, n in enumerate(s.lengths):
        ids[i, :n] = 1 + np.arange(n) % 9
    x = np.ones((s.N, s.T, s.D), "float32") * (ids > 0)[..., None]
    masking = keras.layers.Masking(0.0).compute_mask(x)
    embedding = keras.layers.Embedding(10, s.D, mask_zero=True).compute_mask(ids)
    assert np.array_equal(masking, embedding), "the same N×T mask"
    return None, _dims(masking)


def _carry(cell: str):
    def check(s: Sizes):
        import keras
        import numpy as np
        import torch

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
    return check


def _stateful_input(s: Sizes):
    import keras

    _refused(lambda: keras.Sequential([keras.Input((s.T, s.D)),
                                       keras.layers.SimpleRNN(s.M, stateful=True)]))
    inputs = _x(s)
    keras.Sequential([inputs, keras.layers.SimpleRNN(s.M, stateful=True)])
    return None, _dims(inputs)


def _detach(s: Sizes):
    _, h_n, _ = _run_torch("RNN", s)
    detached = h_n.detach()
    assert detached.grad_fn is None and h_n.grad_fn is not None, "detach cuts the history"
    return _dims(detached), None


def _reset(s: Sizes):
    import keras
    import numpy as np
    import torch

    module = _torch("GRU", s, batch_first=True)
    x = torch.randn(s.N, s.T, s.D)
    zeros = torch.zeros(s.L * s.dirs, s.N, s.M)
    torch.testing.assert_close(module(x, zeros)[0], module(x, None)[0])
    layer = keras.layers.GRU(s.M, stateful=True)
    keras.Sequential([_x(s), layer])(np.ones((s.N, s.T, s.D), "float32"))
    layer.reset_state()
    assert not np.asarray(layer.states[0]).any(), "reset_state sets zeros"
    return _dims(zeros), _dims(layer.states[0])


def _head(per_step: bool):
    def check(s: Sizes):
        import keras

        out, h_n, _ = _run_torch("RNN", s)
        logits = _nn().Linear(s.M, s.K)(out if per_step else h_n[-1])
        y = keras.layers.Dense(s.K)(_keras("SimpleRNN", s, return_sequences=per_step)(_x(s)))
        return _dims(logits), _dims(y)
    return check


def _loss(which: str):
    def check(s: Sizes):
        import keras
        import torch

        logits = torch.randn(s.N, s.T, s.K)
        target = torch.randint(0, s.K, (s.N, s.T))
        loss = _nn().CrossEntropyLoss(reduction="none")
        _refused(lambda: loss(logits, target), RuntimeError)  # N×T×K is read as N×T classes
        per_step = keras.losses.sparse_categorical_crossentropy(
            target.numpy(), logits.numpy(), from_logits=True)
        if which == "target":
            loss(logits.permute(0, 2, 1), target)
            return _dims(target), _dims(target.numpy())
        if which == "logits":
            return _dims(logits.permute(0, 2, 1)), _dims(logits.numpy())
        return _dims(loss(logits.permute(0, 2, 1), target)), _dims(per_step)
    return check


def _one_to_many(s: Sizes):
    import keras
    import torch

    repeated = torch.randn(s.N, s.D).unsqueeze(1).expand(s.N, s.T, s.D)
    assert repeated.stride(1) == 0, "a view, no copy"
    return _dims(repeated), _dims(keras.layers.RepeatVector(s.T)(_x(s, s.D)))


def _seq2seq(which: str):
    def check(s: Sizes):
        import keras
        import torch

        nn = _nn()
        encoder = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True)
        decoder = nn.GRU(s.D, s.M, num_layers=s.L, batch_first=True)
        _, h_enc = encoder(torch.randn(s.N, s.T, s.D))
        dec_out, _ = decoder(torch.randn(s.N, s.T_out, s.D), h_enc)
        logits = nn.Linear(s.M, s.K)(dec_out)
        _, h = keras.layers.GRU(s.M, return_state=True)(_x(s))
        dec = keras.layers.GRU(s.M, return_sequences=True)(_x(s, s.T_out, s.D), initial_state=[h])
        y = keras.layers.Dense(s.K)(dec)
        return (_dims(h_enc), _dims(h)) if which == "state" else (_dims(logits), _dims(y))
    return check


# ----------------------------------------------------------------------------------------------
# The tables. Links are relative to docs/reference/.

OUT = "outputs-and-states.md"
BI = "bidirectional.md"
LG = "lstm-and-gru.md"
PC = "parameter-counts.md"
VL = "variable-length.md"
CS = "carrying-state.md"
HL = "heads-and-losses.md"
RESET_AFTER = f"{LG}#gru-reset_after-where-the-reset-gate-applies"
BOTH = (1, 2)

TABLES: dict[str, tuple[Row, ...]] = {
    "inputs": (
        Row("`x`, time-major: PyTorch's default, `batch_first=False`", "T×N×D", None,
            "inputs.md#the-layout-each-framework-expects", _in_time_major,
            keras_note="no `time_major` in Keras 3: "
                       "[swap the axes](inputs.md#time-major-data-in-keras-transpose-it)"),
        Row("`x`, batch-major: `batch_first=True`, and always in Keras", "N×T×D", "N×T×D",
            "inputs.md#the-layout-each-framework-expects", _in_batch_major),
        Row("Unbatched `x` (2-D), whatever `batch_first` says", "T×D", None,
            "inputs.md#an-unbatched-2-d-input-is-one-sequence", _in_unbatched,
            keras_note="no unbatched mode: add the axis, `x[None]`"),
        Row("Initial state `h0` (RNN, GRU), any `batch_first`", "(L·dirs)×N×M", "N×M",
            f"{OUT}#initial-states", _in_h0("GRU"), dirs=BOTH,
            keras_note="each: `initial_state=[h0]`, one per direction"),
        Row("LSTM initial states `(h0, c0)`, each", "(L·dirs)×N×M", "N×M",
            f"{OUT}#initial-states", _in_h0("LSTM"), dirs=BOTH,
            keras_note="each: `initial_state=[h0, c0]`, per direction"),
        Row("`Embedding` output for N×T token ids", "N×T×D", "N×T×D",
            f"{VL}#telling-the-layer-which-steps-are-real", _in_embedding),
    ),
    "outputs": (
        Row("`output`, `batch_first=True`; Keras `return_sequences=True`", "N×T×(dirs·M)",
            "N×T×(dirs·M)", f"{OUT}#every-step-or-only-the-last", _out_sequence(True),
            dirs=BOTH, keras_note="(dirs = 2: `Bidirectional`)"),
        Row("`output`, `batch_first=False`", "T×N×(dirs·M)", None,
            f"{OUT}#every-step-or-only-the-last", _out_sequence(False), dirs=BOTH,
            keras_note="always batch-major"),
        Row("`output` for an unbatched T×D input", "T×(dirs·M)", None,
            "inputs.md#an-unbatched-2-d-input-is-one-sequence", _out_unbatched(0), dirs=BOTH,
            keras_note="no unbatched mode"),
        Row("`h_n` for an unbatched T×D input", "(L·dirs)×M", None,
            "inputs.md#an-unbatched-2-d-input-is-one-sequence", _out_unbatched(1), dirs=BOTH,
            keras_note="no unbatched mode"),
        Row("Last step, `output[:, -1]` = `h_n[-1]` (one direction); Keras "
            "`return_sequences=False`, the default", "N×M", "N×M",
            f"{OUT}#the-last-output-step-is-the-final-hidden-state", _out_last_step),
        Row("Final hidden state `h_n`, any `batch_first`; Keras `return_state=True`",
            "(L·dirs)×N×M", "N×M", f"{OUT}#final-states", _out_state("GRU", 0), dirs=BOTH,
            keras_note="each: `(out, h)`, or `(out, h_fwd, h_bwd)`"),
        Row("LSTM cell state `c_n`", "(L·dirs)×N×M", "N×M", f"{OUT}#final-states",
            _out_state("LSTM", 1), dirs=BOTH, keras_note="each: `(out, h, c)`"),
        Row("`h_n.view(L, dirs, N, M)`: layer, then direction", "L×dirs×N×M", None,
            f"{BI}#h_n-is-ordered-layer-then-direction", _out_layer_direction, dirs=BOTH,
            keras_note="no layer axis; one tensor per state and direction"),
        Row("Two directions apart: `output.view(N, T, 2, M)`; Keras `merge_mode=None`",
            "N×T×dirs×M", "N×T×M", f"{BI}#forward-backward-on-the-last-axis", _out_split,
            dirs=(2,), keras_note="each of the two outputs"),
        Row("Directions summed, multiplied or averaged; Keras `merge_mode=\"sum\"`, "
            "`\"mul\"`, `\"ave\"`", "N×T×M", "N×T×M", f"{BI}#merge_mode-concat-sum-mul-ave-none",
            _out_merged, dirs=(2,), torch_note="(`.view(N, T, 2, M).sum(2)`, …)"),
        Row("Both directions' final states, `torch.cat([h_n[-2], h_n[-1]], 1)`; Keras "
            "`Bidirectional` without `return_sequences`", "N×(dirs·M)", "N×(dirs·M)",
            f"{BI}#the-backward-direction-ends-at-step-0", _out_both_finals, dirs=(2,)),
        Row("LSTM with `proj_size=P`: `output`", "N×T×(dirs·P)", None,
            f"{LG}#the-cell-state-c_n-and-proj_size", _out_proj(0), dirs=BOTH,
            keras_note="no `proj_size`; nearest: `Dense(P)` on the output"),
        Row("LSTM with `proj_size=P`: `h_n`", "(L·dirs)×N×P", None,
            f"{LG}#the-cell-state-c_n-and-proj_size", _out_proj(1), dirs=BOTH,
            keras_note="no `proj_size`"),
        Row("LSTM with `proj_size=P`: `c_n` keeps M", "(L·dirs)×N×M", None,
            f"{LG}#the-cell-state-c_n-and-proj_size", _out_proj(2), dirs=BOTH,
            keras_note="no `proj_size`"),
        Row("`output` with dropout, in training mode: no shape changes", "N×T×(dirs·M)",
            "N×T×(dirs·M)", "stacking.md#dropout-changes-no-shape", _out_dropout, dirs=BOTH,
            torch_note="(`dropout=0.5`)", keras_note="(`dropout`, `recurrent_dropout`)"),
    ),
    "weights": (
        Row("RNN input weights: `weight_ih_l0`; Keras `kernel`", "M×D", "D×M",
            "../porting.md#the-same-layer-two-layouts", _weight("RNN", "weight_ih_l0", 0)),
        Row("RNN recurrent weights: `weight_hh_l0`; `recurrent_kernel`", "M×M", "M×M",
            "../porting.md#the-same-layer-two-layouts", _weight("RNN", "weight_hh_l0", 1)),
        Row("RNN biases: `bias_ih_l0` and `bias_hh_l0`; Keras one `bias`", "M", "M",
            "../porting.md#transpose-and-fold-the-two-biases", _weight("RNN", "bias_hh_l0", 2),
            torch_note="each"),
        Row("RNN layer 2's input weights: `weight_ih_l1`; the second layer's `kernel`",
            "M×(dirs·M)", "(dirs·M)×M", "stacking.md#layer-2-reads-dirsm-features-weight_ih_l1",
            _weight("RNN", "weight_ih_l1", 0, layer=1), dirs=BOTH),
        Row("LSTM `weight_ih_l0`; `kernel`", "4M×D", "D×4M", f"{LG}#lstm-gate-order",
            _weight("LSTM", "weight_ih_l0", 0)),
        Row("LSTM `weight_hh_l0`; `recurrent_kernel`", "4M×M", "M×4M", f"{LG}#lstm-gate-order",
            _weight("LSTM", "weight_hh_l0", 1)),
        Row("LSTM `bias_ih_l0` and `bias_hh_l0`; `bias`", "4M", "4M", f"{LG}#lstm-gate-order",
            _weight("LSTM", "bias_ih_l0", 2), torch_note="each"),
        Row("LSTM `weight_ih_l1`; the second layer's `kernel`", "4M×(dirs·M)", "(dirs·M)×4M",
            "stacking.md#layer-2-reads-dirsm-features-weight_ih_l1",
            _weight("LSTM", "weight_ih_l1", 0, layer=1), dirs=BOTH),
        Row("GRU `weight_ih_l0`; `kernel`", "3M×D", "D×3M", f"{LG}#gru-gate-order",
            _weight("GRU", "weight_ih_l0", 0)),
        Row("GRU `weight_hh_l0`; `recurrent_kernel`", "3M×M", "M×3M", f"{LG}#gru-gate-order",
            _weight("GRU", "weight_hh_l0", 1)),
        Row("GRU `bias_ih_l0` and `bias_hh_l0`; `bias` (`reset_after=True`, the default)",
            "3M", "2×3M", RESET_AFTER, _weight("GRU", "bias_hh_l0", 2),
            torch_note="each", keras_note="(input and recurrent rows)"),
        Row("GRU `bias` with `reset_after=False`", None, "3M", RESET_AFTER,
            _weight("GRU", None, 2, reset_after=False),
            torch_note="no `reset_after`"),
        Row("GRU `weight_ih_l1`; the second layer's `kernel`", "3M×(dirs·M)", "(dirs·M)×3M",
            "stacking.md#layer-2-reads-dirsm-features-weight_ih_l1",
            _weight("GRU", "weight_ih_l1", 0, layer=1), dirs=BOTH),
        Row("Backward direction: `weight_ih_l0_reverse`; `backward_layer`'s `kernel` (LSTM)",
            "4M×D", "D×4M", f"{BI}#forward-backward-on-the-last-axis", _weight_reverse,
            dirs=(2,)),
        Row("LSTM `proj_size=P`: projection `weight_hr_l0`", "P×M", None,
            f"{LG}#the-cell-state-c_n-and-proj_size", _proj_weight("weight_hr_l0"),
            keras_note="no `proj_size`"),
        Row("LSTM `proj_size=P`: `weight_hh_l0` reads the projected h", "4M×P", None,
            f"{LG}#the-cell-state-c_n-and-proj_size", _proj_weight("weight_hh_l0"),
            keras_note="no `proj_size`"),
    ),
    "params": (
        Row("`nn.RNN`; `SimpleRNN`", "MD + M² + 2M", "MD + M² + M", f"{PC}#one-layer",
            _count("RNN"), count=True),
        Row("`nn.LSTM`; `LSTM`", "4(MD + M² + 2M)", "4(MD + M² + M)", f"{PC}#one-layer",
            _count("LSTM"), count=True),
        Row("`nn.GRU`; `GRU` (`reset_after=True`, the default)", "3(MD + M² + 2M)",
            "3(MD + M² + 2M)", f"{PC}#gru-and-reset_after", _count("GRU"), count=True),
        Row("`GRU(reset_after=False)`", None, "3(MD + M² + M)", f"{PC}#gru-and-reset_after",
            _count("GRU", reset_after=False), count=True, torch_note="no `reset_after`"),
        Row("RNN, L layers, dirs directions; Keras a stack of L layers",
            "dirs(MD + M² + 2M) + (L − 1)dirs(dirs·M² + M² + 2M)",
            "dirs(MD + M² + M) + (L − 1)dirs(dirs·M² + M² + M)",
            f"{PC}#stacked-and-bidirectional-layers", _count("RNN", stacked=True), dirs=BOTH,
            count=True),
        Row("LSTM, L layers, dirs directions",
            "4dirs(MD + M² + 2M) + 4(L − 1)dirs(dirs·M² + M² + 2M)",
            "4dirs(MD + M² + M) + 4(L − 1)dirs(dirs·M² + M² + M)",
            f"{PC}#stacked-and-bidirectional-layers", _count("LSTM", stacked=True), dirs=BOTH,
            count=True),
        Row("GRU, L layers, dirs directions",
            "3dirs(MD + M² + 2M) + 3(L − 1)dirs(dirs·M² + M² + 2M)",
            "3dirs(MD + M² + 2M) + 3(L − 1)dirs(dirs·M² + M² + 2M)",
            f"{PC}#stacked-and-bidirectional-layers", _count("GRU", stacked=True), dirs=BOTH,
            count=True),
        Row("LSTM with `proj_size=P`, one layer", "4(MD + MP + 2M) + PM", None,
            f"{PC}#stacked-and-bidirectional-layers", _count_proj, count=True,
            keras_note="no `proj_size`"),
        Row("Head `nn.Linear(M, K)`; `Dense(K)`", "MK + K", "MK + K",
            f"{HL}#many-to-one-one-prediction-per-sequence-nk", _count_head, count=True),
    ),
    "varlen": (
        Row("Padded batch: `pad_sequence(seqs, batch_first=True)`; "
            "`pad_sequences(seqs, padding=\"post\", dtype=\"float32\")`", "N×T×D", "N×T×D",
            f"{VL}#padding-a-batch", _padded_batch,
            keras_note="(pads in front by default)"),
        Row("Padded batch: `pad_sequence(seqs)`, the default", "T×N×D", None,
            f"{VL}#padding-a-batch", _padded_time_major, keras_note="Keras layers read N×T×D"),
        Row("`lengths`, on the CPU", "N", None, f"{VL}#telling-the-layer-which-steps-are-real",
            _varlen("lengths"), keras_note="no lengths: a mask"),
        Row("`pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False).data`",
            "S×D", None, f"{VL}#telling-the-layer-which-steps-are-real",
            _varlen("data"), keras_note="no packing"),
        Row("Output of a module run on it, `.data`", "S×(dirs·M)", None,
            f"{VL}#what-padded-steps-output-and-the-last-valid-step", _varlen("out.data"),
            dirs=BOTH, keras_note="no packing"),
        Row("`pad_packed_sequence(out, batch_first=True, total_length=T)`; Keras output with a "
            "mask", "N×T×(dirs·M)", "N×T×(dirs·M)",
            f"{VL}#what-padded-steps-output-and-the-last-valid-step", _varlen("padded"),
            dirs=BOTH, keras_note="(`return_sequences=True`)"),
        Row("`h_n` of a packed batch: each sample's last real step", "(L·dirs)×N×M", "N×M",
            f"{VL}#what-padded-steps-output-and-the-last-valid-step", _varlen("h_n"),
            dirs=BOTH, keras_note="each, with a mask and `return_state=True`"),
        Row("Last real step, `out[torch.arange(N), lengths - 1]`; Keras `out[:, -1]` with a mask",
            "N×M", "N×M", f"{VL}#what-padded-steps-output-and-the-last-valid-step",
            _varlen("last"), keras_note="(masked steps repeat the last real one)"),
        Row("Mask: `Masking(0.0)` or `Embedding(mask_zero=True)`", None, "N×T",
            f"{VL}#telling-the-layer-which-steps-are-real", _mask,
            torch_note="no mask: pack with `lengths`"),
    ),
    "carrying": (
        Row("State carried to the next chunk: `h0` = the last `h_n`; Keras `stateful=True`, "
            "`layer.states`", "(L·dirs)×N×M", "N×M", f"{CS}#feed-the-final-state-back-in",
            _carry("GRU"), dirs=BOTH, keras_note="each, per direction"),
        Row("LSTM: `(h_n, c_n)` carried; Keras `states`, h and c", "(L·dirs)×N×M", "N×M",
            f"{CS}#feed-the-final-state-back-in", _carry("LSTM"), dirs=BOTH,
            torch_note="each", keras_note="each"),
        Row("Input of a stateful Keras layer: `keras.Input(shape=(T, D), batch_size=N)`", None,
            "N×T×D", f"{CS}#the-batch-size-must-not-change", _stateful_input,
            torch_note="no stateful mode: pass `h_n` back", keras_note="(N fixed)"),
        Row("`h_n.detach()` between batches", "(L·dirs)×N×M", None,
            f"{CS}#detach-between-batches", _detach, dirs=BOTH,
            keras_note="no `detach`: states are variables"),
        Row("Reset: zeros (or `None`) as `h0`; Keras `layer.reset_state()`", "(L·dirs)×N×M",
            "N×M", f"{CS}#reset-the-state-between-independent-sequences", _reset,
            dirs=BOTH),
    ),
    "heads": (
        Row("Many-to-one: `head(h_n[-1])`; `Dense(K)` after a layer without "
            "`return_sequences`", "N×K", "N×K", f"{HL}#many-to-one-one-prediction-per-sequence-nk",
            _head(False)),
        Row("Many-to-many: `head(output)`; `Dense(K)` after `return_sequences=True`",
            "N×T×K", "N×T×K", f"{HL}#many-to-many-one-prediction-per-step-ntk", _head(True)),
        Row("Per-step targets (class ids)", "N×T", "N×T",
            f"{HL}#per-step-classification-the-loss", _loss("target")),
        Row("Per-step logits into the loss: `CrossEntropyLoss`; "
            "`sparse_categorical_crossentropy`", "N×K×T", "N×T×K",
            f"{HL}#per-step-classification-the-loss", _loss("logits"),
            torch_note="(`logits.permute(0, 2, 1)`)", keras_note="(as they are)"),
        Row("Loss per step: `reduction=\"none\"`; `sparse_categorical_crossentropy(…)`",
            "N×T", "N×T", f"{HL}#per-step-classification-the-loss", _loss("per-step")),
        Row("One-to-many: `v.unsqueeze(1).expand(N, T, D)`; `RepeatVector(T)`", "N×T×D",
            "N×T×D", f"{HL}#one-to-many-one-vector-in-a-sequence-out", _one_to_many),
        Row("Seq2seq: the encoder's final state, the decoder's `h0`", "(L·dirs)×N×M", "N×M",
            f"{HL}#encoderdecoder-seq2seq", _seq2seq("state"),
            keras_note="(`initial_state=[h]`)"),
        Row("Seq2seq: the decoder's logits, T′ steps", "N×T′×K", "N×T′×K",
            f"{HL}#encoderdecoder-seq2seq", _seq2seq("logits")),
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)

# The title of each section a row links to, as the See column shows it.
SECTIONS = {
    "inputs.md#the-layout-each-framework-expects": "Layouts",
    "inputs.md#an-unbatched-2-d-input-is-one-sequence": "Unbatched input",
    f"{OUT}#every-step-or-only-the-last": "Every step, or the last",
    f"{OUT}#final-states": "Final states",
    f"{OUT}#the-last-output-step-is-the-final-hidden-state": "Last step = final state",
    f"{OUT}#initial-states": "Initial states",
    "stacking.md#layer-2-reads-dirsm-features-weight_ih_l1": "`weight_ih_l1`",
    "stacking.md#dropout-changes-no-shape": "Dropout",
    f"{BI}#forward-backward-on-the-last-axis": "Forward, backward",
    f"{BI}#h_n-is-ordered-layer-then-direction": "`h_n` order",
    f"{BI}#the-backward-direction-ends-at-step-0": "Backward ends at step 0",
    f"{BI}#merge_mode-concat-sum-mul-ave-none": "`merge_mode`",
    f"{LG}#lstm-gate-order": "LSTM gates",
    f"{LG}#gru-gate-order": "GRU gates",
    f"{LG}#the-cell-state-c_n-and-proj_size": "`c_n`, `proj_size`",
    RESET_AFTER: "`reset_after`",
    "../porting.md#the-same-layer-two-layouts": "Two layouts",
    "../porting.md#transpose-and-fold-the-two-biases": "Two biases",
    f"{PC}#one-layer": "One layer",
    f"{PC}#gru-and-reset_after": "GRU counts",
    f"{PC}#stacked-and-bidirectional-layers": "Stacked, bidirectional",
    f"{VL}#padding-a-batch": "Padding",
    f"{VL}#telling-the-layer-which-steps-are-real": "Packing, masks",
    f"{VL}#what-padded-steps-output-and-the-last-valid-step": "Padded steps",
    f"{CS}#feed-the-final-state-back-in": "Feed the state back",
    f"{CS}#detach-between-batches": "Detach",
    f"{CS}#the-batch-size-must-not-change": "Fixed batch size",
    f"{CS}#reset-the-state-between-independent-sequences": "Reset",
    f"{HL}#many-to-one-one-prediction-per-sequence-nk": "Many-to-one",
    f"{HL}#many-to-many-one-prediction-per-step-ntk": "Many-to-many",
    f"{HL}#per-step-classification-the-loss": "Per-step loss",
    f"{HL}#one-to-many-one-vector-in-a-sequence-out": "One-to-many",
    f"{HL}#encoderdecoder-seq2seq": "Seq2seq",
}


def _table(name: str) -> tuple[Row, ...]:
    if name not in TABLES:
        raise ValueError(f"unknown cheat-sheet table {name!r}; allowed: {', '.join(TABLE_NAMES)}")
    return TABLES[name]


def _cell(formula: str | None, note: str) -> str:
    if formula is None:
        return f"— {note}".rstrip()
    return f"`{formula}` {note}".rstrip()


def markdown_table(name: str) -> str:
    """The Markdown table for one name of TABLE_NAMES (no framework is imported)."""
    lines = ["| What | PyTorch | Keras | See |", "| --- | --- | --- | --- |"]
    for row in _table(name):
        if row.see not in SECTIONS:
            raise ValueError(f"{name}: {row.what!r} links to {row.see}, not in SECTIONS")
        cells = [row.what, _cell(row.torch, row.torch_note), _cell(row.keras, row.keras_note),
                 f"[{SECTIONS[row.see]}]({row.see})"]
        for cell in cells:
            if "|" in cell.replace("\\|", ""):
                raise ValueError(f"{name}: {row.what!r}: a cell holds '|', which ends a cell")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    for table in TABLE_NAMES:
        print(f"{table}: {verify(table)} rows verified")
