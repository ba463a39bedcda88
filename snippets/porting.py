"""Port RNN, LSTM and GRU weights between PyTorch and Keras 3, with the same
outputs.

Two public functions, depending only on numpy, torch and keras:

* ``torch_to_keras(module)``: ``nn.RNN`` (tanh or relu), ``nn.LSTM`` or
  ``nn.GRU`` with any ``num_layers``, ``bidirectional``, ``bias`` and
  ``batch_first`` -> a built ``keras.Sequential`` that takes batch-major input
  (N, T, D) and returns the full sequence (N, T, dirs * M).
* ``keras_to_torch(layer)``: a Keras ``SimpleRNN``, ``LSTM`` or ``GRU``, a
  ``Bidirectional`` of one (``merge_mode="concat"``), or a ``keras.Sequential``
  stack of them -> the matching torch module with ``batch_first=True`` whose
  output equals the Keras output sequence.

Whatever has no faithful equivalent in the other framework raises
``ValueError`` saying what and why; an argument that is not a torch module /
Keras layer at all raises ``TypeError``. The converted model computes the same
function at inference; the outputs agree to float32 rounding (about 1e-6), not
bit for bit.
"""

import textwrap

import keras
import numpy as np
import torch
from torch import nn

# Torch RNN mode -> Keras layer class, and the two frameworks' gate orders.
# Each gate block holds M rows (torch) or M columns (Keras). The letters name
# the same gate in both frameworks: Keras calls the LSTM cell candidate "c"
# (torch: "g") and the GRU candidate "h" (torch: "n"); we write g and n for
# both.
_KERAS_CLASS = {
    "RNN_TANH": keras.layers.SimpleRNN,
    "RNN_RELU": keras.layers.SimpleRNN,
    "LSTM": keras.layers.LSTM,
    "GRU": keras.layers.GRU,
}
_ACTIVATION = {"RNN_TANH": "tanh", "RNN_RELU": "relu"}

# --8<-- [start:gates]
TORCH_GATES = {"RNN": "h", "LSTM": "ifgo", "GRU": "rzn"}
KERAS_GATES = {
    "RNN": "h",
    "LSTM": "ifgo",
    "GRU": "zrn",
}  # same LSTM order; GRU: r, z swap


def _reorder(array, source, target, axis):
    """Split `array` into one block per gate along `axis` and reassemble in
    `target` order."""
    blocks = dict(
        zip(source, np.split(array, len(source), axis=axis), strict=True)
    )
    return np.concatenate([blocks[gate] for gate in target], axis=axis)
# --8<-- [end:gates]


# --8<-- [start:transpose]
def _matrix_to_keras(weight, cell):
    """torch weight_ih (G*M, D) or weight_hh (G*M, M) -> Keras (D, G*M) or
    (M, G*M)."""
    return _reorder(weight.T, TORCH_GATES[cell], KERAS_GATES[cell], axis=1)


def _matrix_to_torch(kernel, cell):
    """Keras kernel (D, G*M) or recurrent_kernel (M, G*M) -> torch (G*M, D) or
    (G*M, M)."""
    return _reorder(kernel, KERAS_GATES[cell], TORCH_GATES[cell], axis=1).T
# --8<-- [end:transpose]


# --8<-- [start:bias]
def _fold_bias(bias_ih, bias_hh):
    """RNN and LSTM: both torch biases are added before the activation -> one
    Keras bias."""
    return bias_ih + bias_hh


def _unfold_bias(bias):
    """Back again: any split that sums to the Keras bias is exact; we use
    bias_hh = 0."""
    return bias, np.zeros_like(bias)
# --8<-- [end:bias]


# --8<-- [start:gru]
def _gru_bias_to_keras(bias_ih, bias_hh):
    """GRU: the n gate's hidden bias sits inside r * (W_hn h + b_hn), so it
    cannot be folded. Keras GRU(reset_after=True) has the same place for it: a
    (2, 3M) bias whose row 0 is the input bias and row 1 the recurrent bias.
    Copy both rows (no folding at all)."""
    return np.stack([
        _reorder(bias_ih, TORCH_GATES["GRU"], KERAS_GATES["GRU"], axis=0),
        _reorder(bias_hh, TORCH_GATES["GRU"], KERAS_GATES["GRU"], axis=0),
    ])


def _gru_bias_to_torch(bias):
    """Keras (2, 3M) GRU bias -> torch bias_ih (row 0) and bias_hh (row 1)."""
    return tuple(
        _reorder(row, KERAS_GATES["GRU"], TORCH_GATES["GRU"], axis=0)
        for row in bias
    )


# --8<-- [end:gru]


def _cell(mode):
    return mode if mode in ("LSTM", "GRU") else "RNN"


def _direction_to_keras(params, cell):
    """One direction of one torch layer -> the weights of one Keras layer."""
    weights = [
        _matrix_to_keras(params[0], cell),
        _matrix_to_keras(params[1], cell),
    ]
    if len(params) == 4:  # bias=True
        bias_ih, bias_hh = params[2], params[3]
        fold = _gru_bias_to_keras if cell == "GRU" else _fold_bias
        weights.append(fold(bias_ih, bias_hh))
    return weights


def _direction_to_torch(weights, cell):
    """The weight list of one Keras layer -> (weight_ih, weight_hh[,
    bias_ih, bias_hh])."""
    params = [
        _matrix_to_torch(weights[0], cell),
        _matrix_to_torch(weights[1], cell),
    ]
    if len(weights) == 3:  # use_bias=True
        unfold = _gru_bias_to_torch if cell == "GRU" else _unfold_bias
        params.extend(unfold(weights[2]))
    return params


# --8<-- [start:bidirectional]
def _keras_layer(module, layer_index, dtype):
    """Keras layer l of the torch module; a Bidirectional one holds the
    `_reverse` weights."""
    cell = _cell(module.mode)
    options = {"units": module.hidden_size, "use_bias": module.bias,
               "return_sequences": True, "dtype": dtype}
    if cell == "RNN":
        options["activation"] = _ACTIVATION[module.mode]
    if cell == "GRU":
        options["reset_after"] = (
            True  # torch's GRU; the Keras default, stated anyway
        )
    layer = _KERAS_CLASS[module.mode](**options)
    directions = [""]
    if module.bidirectional:
        # Keras runs backward_layer on the reversed sequence and flips its
        # output back to time order, then concatenates [forward, backward] on
        # the last axis: the same alignment and order as torch's
        # output[..., :M] | output[..., M:].
        layer = keras.layers.Bidirectional(
            layer, merge_mode="concat", dtype=dtype
        )
        directions.append("_reverse")
    weights = []
    for suffix in directions:
        names = ["weight_ih", "weight_hh"] + (
            ["bias_ih", "bias_hh"] if module.bias else []
        )
        params = [
            getattr(module, f"{name}_l{layer_index}{suffix}")
            .detach()
            .cpu()
            .numpy()
            for name in names
        ]
        weights.append(_direction_to_keras(params, cell))
    return layer, weights


def _set_keras_weights(layer, weights):
    """Set weights on a built layer: forward first, then the Bidirectional
    backward layer."""
    if isinstance(layer, keras.layers.Bidirectional):
        layer.forward_layer.set_weights(weights[0])
        layer.backward_layer.set_weights(weights[1])
    else:
        layer.set_weights(weights[0])
# --8<-- [end:bidirectional]


# --8<-- [start:stacking]
def _keras_stack(module, dtype):
    """torch num_layers=L -> L Keras layers in a Sequential, each returning the
    sequence."""
    built = [
        _keras_layer(module, index, dtype)
        for index in range(module.num_layers)
    ]
    inputs = keras.Input(shape=(None, module.input_size), dtype=dtype)
    model = keras.Sequential(
        [inputs] + [layer for layer, _ in built]
    )  # builds every layer
    for layer, weights in built:
        _set_keras_weights(layer, weights)
    return model


def _torch_stack(layers, cell, activation, dtype):
    """Checked Keras layers (each a list of 1 or 2 directions) -> one torch
    module."""
    first = layers[0][0]
    input_size = first.get_weights()[0].shape[0]
    options = {
        "num_layers": len(layers),
        "bias": first.use_bias,
        "batch_first": True,
        "bidirectional": len(layers[0]) == 2,
        "dtype": dtype,
    }
    if cell == "RNN":
        module = nn.RNN(
            input_size, first.units, nonlinearity=activation, **options
        )
    else:
        module = {"LSTM": nn.LSTM, "GRU": nn.GRU}[cell](
            input_size, first.units, **options
        )
    with torch.no_grad():
        for index, directions in enumerate(layers):
            for suffix, layer in zip(
                ["", "_reverse"], directions, strict=False
            ):
                names = ["weight_ih", "weight_hh"] + (
                    ["bias_ih", "bias_hh"] if first.use_bias else []
                )
                params = _direction_to_torch(layer.get_weights(), cell)
                for name, value in zip(names, params, strict=True):
                    target = getattr(module, f"{name}_l{index}{suffix}")
                    target.copy_(torch.from_numpy(np.ascontiguousarray(value)))
    return module.eval()
# --8<-- [end:stacking]


# ---- checks: everything that has no faithful equivalent raises ValueError ---

_DTYPES = {torch.float32: "float32", torch.float64: "float64"}


def _check_torch(module):
    if not isinstance(module, nn.Module):
        raise TypeError(
            "torch_to_keras() takes a torch nn.RNN, nn.LSTM or nn.GRU module, "
            f"got {type(module).__name__}"
        )
    if not isinstance(module, nn.RNNBase) or module.mode not in _KERAS_CLASS:
        raise ValueError(
            f"{type(module).__name__}: only nn.RNN, nn.LSTM and nn.GRU "
            "modules can be converted (cells such as nn.LSTMCell and other "
            "modules have no Keras RNN layer that computes the same thing)"
        )
    if module.proj_size:
        raise ValueError(
            f"LSTM proj_size={module.proj_size}: Keras LSTM has no projection "
            "of the hidden state, so there is no faithful equivalent"
        )
    if module.dropout and module.num_layers > 1:
        raise ValueError(
            f"dropout={module.dropout}: torch drops each layer's outputs with "
            "fresh masks; Keras' dropout masks inputs once per sequence, so "
            "training would differ (set module.dropout = 0.0 to port for "
            "inference)"
        )
    dtypes = {p.dtype for p in module.parameters()}
    if len(dtypes) != 1 or next(iter(dtypes)) not in _DTYPES:
        raise ValueError(
            f"parameter dtype {sorted(map(str, dtypes))}: only float32 or "
            "float64 modules are converted (cast with module.float())"
        )
    return _DTYPES[next(iter(dtypes))]


def _is(function, name):
    return function is getattr(keras.activations, name) or function is getattr(
        keras.ops, name
    )


def _check_keras_rnn(layer):
    """Check one SimpleRNN/LSTM/GRU layer; return (cell, activation name)."""
    kinds = {
        keras.layers.SimpleRNN: "RNN",
        keras.layers.LSTM: "LSTM",
        keras.layers.GRU: "GRU",
    }
    cell = kinds.get(type(layer))
    if cell is None:
        raise ValueError(
            f"{type(layer).__name__} layer {layer.name!r}: not a SimpleRNN, "
            "LSTM or GRU layer, so there is no torch RNN module that "
            "computes it"
        )
    name = f"{type(layer).__name__} {layer.name!r}"
    if cell == "RNN":
        activation = next(
            (a for a in ("tanh", "relu") if _is(layer.activation, a)), None
        )
        if activation is None:
            raise ValueError(
                f"{name} activation {layer.activation.__name__!r}: torch's "
                "nn.RNN only has nonlinearity 'tanh' or 'relu'"
            )
    else:
        activation = "tanh"
        if not _is(layer.activation, "tanh"):
            raise ValueError(
                f"{name} activation {layer.activation.__name__!r}: torch's "
                f"nn.{cell} always uses tanh"
            )
        if not _is(layer.recurrent_activation, "sigmoid"):
            raise ValueError(
                f"{name} recurrent_activation "
                f"{layer.recurrent_activation.__name__!r}: torch's nn.{cell} "
                "gates always use sigmoid"
            )
    if cell == "GRU" and not layer.reset_after:
        raise ValueError(
            f"{name} reset_after=False: it applies the reset gate before the "
            "recurrent matrix, (r * h) @ U; torch's nn.GRU computes r * (h @ "
            "U + b), which is reset_after=True, so there is no faithful "
            "equivalent"
        )
    if layer.dropout or layer.recurrent_dropout:
        raise ValueError(
            f"{name} dropout={layer.dropout}, recurrent_dropout="
            f"{layer.recurrent_dropout}: torch has no per-sequence input or "
            "recurrent dropout masks, so training would differ"
        )
    if layer.stateful:
        raise ValueError(
            f"{name} stateful=True: a torch module does not carry its state "
            "from one call to the next"
        )
    policy = layer.dtype_policy
    if (
        policy.compute_dtype != policy.variable_dtype
        or policy.compute_dtype not in ("float32", "float64")
    ):
        raise ValueError(
            f"{name} dtype policy {policy.name!r}: only float32 or float64 "
            "layers (no mixed precision) are converted"
        )
    if not layer.built:
        raise ValueError(
            f"{name} is not built: it has no weights yet (call it on data, or "
            "give the model a keras.Input)"
        )
    return cell, activation


def _check_keras_entry(entry):
    """One entry of a stack: an RNN layer or a Bidirectional of one -> list of
    directions."""
    if isinstance(entry, keras.layers.Bidirectional):
        if entry.merge_mode != "concat":
            raise ValueError(
                f"Bidirectional merge_mode={entry.merge_mode!r}: torch "
                "concatenates the two directions; only merge_mode='concat' "
                "is the same"
            )
        directions = [entry.forward_layer, entry.backward_layer]
        if directions[0].go_backwards or not directions[1].go_backwards:
            raise ValueError(
                "Bidirectional with a go_backwards forward layer: torch's "
                "forward direction reads the sequence forwards"
            )
    else:
        directions = [entry]
        if getattr(entry, "go_backwards", False):
            raise ValueError(
                f"go_backwards=True in {entry.name!r}: torch has no one-way "
                "RNN that reads the sequence backwards"
            )
    checked = [_check_keras_rnn(layer) for layer in directions]
    if (
        entry.dtype_policy.compute_dtype
        != directions[0].dtype_policy.compute_dtype
    ):
        raise ValueError(
            f"Bidirectional dtype policy {entry.dtype_policy.name!r} around "
            f"{directions[0].dtype_policy.name!r} layers: it casts their "
            "outputs, which one torch module cannot do"
        )
    configs = {
        (c, a, layer.units, layer.use_bias)
        for (c, a), layer in zip(checked, directions, strict=True)
    }
    if len(configs) > 1:
        raise ValueError(
            "Bidirectional with different forward and backward layers "
            f"(cell, activation, units, use_bias) = {sorted(configs)}: torch "
            "uses one configuration for both directions"
        )
    return directions, checked[0]


# --8<-- [start:public]
def torch_to_keras(module):
    """nn.RNN / nn.LSTM / nn.GRU -> built keras.Sequential: (N, T, D) -> (N, T,
    dirs * M).

    The Keras model is always batch-major; feed it x (N, T, D) whatever the
    module's batch_first. Raises ValueError where no faithful equivalent
    exists."""
    dtype = _check_torch(module)
    return _keras_stack(module, dtype)


def keras_to_torch(layer):
    """Keras SimpleRNN / LSTM / GRU, Bidirectional(concat) of one, or a
    Sequential stack of them -> nn.RNN / nn.LSTM / nn.GRU with batch_first=True
    and the same output sequence."""
    if not isinstance(layer, keras.layers.Layer):
        raise TypeError(
            "keras_to_torch() takes a Keras SimpleRNN, LSTM or GRU layer, a "
            "Bidirectional of one, or a keras.Sequential of them, got "
            f"{type(layer).__name__}"
        )
    if isinstance(layer, keras.Sequential):
        entries = list(layer.layers)
        if not entries:
            raise ValueError(
                "empty keras.Sequential: there are no RNN layers to convert"
            )
    elif isinstance(layer, keras.Model):
        raise ValueError(
            f"{type(layer).__name__} model {layer.name!r}: only "
            "keras.Sequential stacks are converted (a functional model may "
            "branch)"
        )
    else:
        entries = [layer]
    stack = [_check_keras_entry(entry) for entry in entries]
    settings = {
        (
            cell,
            activation,
            len(directions),
            directions[0].units,
            directions[0].use_bias,
            directions[0].dtype_policy.compute_dtype,
        )
        for directions, (cell, activation) in stack
    }
    if len(settings) > 1:
        raise ValueError(
            "layers differ in (cell, activation, directions, units, "
            f"use_bias, dtype) = {sorted(settings)}: one torch module has one "
            "cell type, nonlinearity, direction count, hidden size, bias "
            "setting and dtype for all its layers"
        )
    for entry in entries[:-1]:
        if not entry.return_sequences:
            raise ValueError(
                f"return_sequences=False in {entry.name!r} before the last "
                "layer: torch's stacked layers pass on the whole sequence"
            )
    cell, activation = stack[0][1]
    dtype = getattr(torch, stack[0][0][0].dtype_policy.compute_dtype)
    return _torch_stack(
        [directions for directions, _ in stack], cell, activation, dtype
    )


# --8<-- [end:public]


if __name__ == "__main__":
    N, T, D, M, L = 2, 5, 3, 4, 2
    torch.manual_seed(0)
    keras.utils.set_random_seed(0)
    x = np.random.default_rng(0).standard_normal((N, T, D)).astype(np.float32)

    for make in (nn.RNN, nn.LSTM, nn.GRU):
        # A time-major (batch_first=False) two-layer bidirectional module.
        module = make(D, M, num_layers=L, bidirectional=True).eval()
        with torch.no_grad():
            expected = (
                module(torch.from_numpy(x).transpose(0, 1))[0]
                .transpose(0, 1)
                .numpy()
            )
        model = torch_to_keras(module)  # torch -> Keras
        got = keras.ops.convert_to_numpy(model(x))
        back = keras_to_torch(model)  # Keras -> torch (batch_first=True)
        with torch.no_grad():
            again = back(torch.from_numpy(x))[0].numpy()
        assert got.shape == expected.shape == again.shape == (N, T, 2 * M), (
            got.shape
        )
        ok_keras = float(np.abs(got - expected).max()) < 1e-5
        ok_back = float(np.abs(again - expected).max()) < 1e-5
        assert ok_keras and ok_back, (ok_keras, ok_back)
        print(
            f"{make.__name__:4}  output {tuple(got.shape)}  max |diff| < "
            f"1e-5: keras {ok_keras}, back in torch {ok_back}"
        )

    # What has no faithful equivalent is refused, never converted roughly.
    try:
        keras_to_torch(keras.layers.GRU(M, reset_after=False, name="gru"))
    except ValueError as error:
        print("keras_to_torch(GRU(reset_after=False)) raises ValueError:")
        print(
            textwrap.fill(
                str(error), 80, initial_indent="  ", subsequent_indent="  "
            )
        )
    else:
        raise AssertionError("GRU(reset_after=False) was converted")
