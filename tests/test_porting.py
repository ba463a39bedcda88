"""Tests for snippets/porting.py: the converted models compute the same output sequences.

Property-based over tiny random sizes (N <= 3, T <= 5, D <= 4, M <= 4, layers <= 2), cell
types, directions, bias and batch_first, in both directions and for the round trips; plus one
test per promised ValueError / TypeError.
"""

import keras
import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from torch import nn

from snippets import porting

ATOL = 1e-5  # float32 on the CPU; see docs/porting.md for cuDNN's TF32 on a GPU
SETTINGS = settings(derandomize=True, database=None, deadline=None, max_examples=50,
                    suppress_health_check=[HealthCheck.too_slow])

sizes = st.fixed_dictionaries({
    "N": st.integers(1, 3), "T": st.integers(1, 5), "D": st.integers(1, 4),
    "M": st.integers(1, 4), "layers": st.integers(1, 2), "bidirectional": st.booleans(),
    "bias": st.booleans(), "seed": st.integers(0, 2**16),
})
TORCH_MODES = ["RNN_TANH", "RNN_RELU", "LSTM", "GRU"]


def _inputs(s):
    rng = np.random.default_rng(s["seed"])
    return rng.standard_normal((s["N"], s["T"], s["D"])).astype(np.float32)


def _torch_module(mode, s, batch_first):
    torch.manual_seed(s["seed"])
    options = {"num_layers": s["layers"], "bias": s["bias"], "batch_first": batch_first,
               "bidirectional": s["bidirectional"]}
    if mode.startswith("RNN"):
        return nn.RNN(s["D"], s["M"], nonlinearity=mode[4:].lower(), **options).eval()
    return getattr(nn, mode)(s["D"], s["M"], **options).eval()


def _torch_out(module, x):
    """Run a torch module on batch-major x, whatever its batch_first; return (N, T, dirs*M)."""
    xt = torch.from_numpy(x)
    with torch.no_grad():
        if module.batch_first:
            return module(xt)[0].numpy()
        return module(xt.transpose(0, 1))[0].transpose(0, 1).numpy()


def _keras_out(model, x):
    return keras.ops.convert_to_numpy(model(x))


def _keras_model(cell, activation, s, single):
    """A built Keras stack (or one built layer) with random non-zero weights and biases."""
    keras.utils.set_random_seed(s["seed"])
    rng = np.random.default_rng(s["seed"] + 1)
    layers = []
    for _ in range(s["layers"]):
        options = {"use_bias": s["bias"], "return_sequences": True}
        if cell == "SimpleRNN":
            options["activation"] = activation
        layer = getattr(keras.layers, cell)(s["M"], **options)
        layers.append(keras.layers.Bidirectional(layer) if s["bidirectional"] else layer)
    model = keras.Sequential([keras.Input((None, s["D"]))] + layers)
    for variable in model.weights:
        variable.assign(0.5 * rng.standard_normal(tuple(variable.shape)).astype(np.float32))
    return model.layers[0] if single else model


def _assert_close(got, expected):
    assert got.shape == expected.shape, (got.shape, expected.shape)
    np.testing.assert_allclose(got, expected, rtol=0, atol=ATOL)


# ---- properties ---------------------------------------------------------------------------

@SETTINGS
@given(cell=st.sampled_from(["SimpleRNN", "LSTM", "GRU"]), activation=st.sampled_from(
    ["tanh", "relu"]), s=sizes, single=st.booleans())
def test_keras_to_torch_same_outputs(cell, activation, s, single):
    single = single and s["layers"] == 1
    keras_model = _keras_model(cell, activation, s, single)
    x = _inputs(s)
    module = porting.keras_to_torch(keras_model)
    expected_class = {"SimpleRNN": nn.RNN, "LSTM": nn.LSTM, "GRU": nn.GRU}[cell]
    assert type(module) is expected_class and module.batch_first
    assert module.num_layers == s["layers"] and module.bias == s["bias"]
    assert module.bidirectional == s["bidirectional"]
    _assert_close(_torch_out(module, x), _keras_out(keras_model, x))


# torch -> Keras is checked on the examples of the round trip, which converts each module to Keras
# anyway: a separate property would build a second Keras model from the same distribution of
# modules, the most expensive step here, for the same checks.
@SETTINGS
@given(mode=st.sampled_from(TORCH_MODES), s=sizes, batch_first=st.booleans())
def test_torch_to_keras_same_outputs_and_round_trips(mode, s, batch_first):
    module = _torch_module(mode, s, batch_first)
    x = _inputs(s)
    model = porting.torch_to_keras(module)
    assert isinstance(model, keras.Sequential)
    dirs = 2 if s["bidirectional"] else 1
    expected = _torch_out(module, x)
    assert expected.shape == (s["N"], s["T"], dirs * s["M"]), expected.shape
    _assert_close(_keras_out(model, x), expected)
    back = porting.keras_to_torch(model)  # torch -> Keras -> torch
    assert back.batch_first and back.mode == module.mode
    _assert_close(_torch_out(back, x), expected)
    # Matrices come back exactly; GRU biases too; RNN/LSTM biases come back folded.
    params = dict(module.named_parameters())
    for name, value in back.named_parameters():
        if name.startswith("weight") or mode == "GRU":
            assert torch.equal(value, params[name]), name
        elif name.startswith("bias_ih"):
            hh = name.replace("bias_ih", "bias_hh")
            assert torch.allclose(value, params[name] + params[hh], rtol=0, atol=1e-6), name
        else:
            assert not value.any(), name  # bias_hh = 0
    # Keras -> torch -> Keras gives back the same Keras weights, bit for bit.
    again = porting.torch_to_keras(back)
    for a, b in zip(model.get_weights(), again.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_float64_is_kept():
    module = nn.LSTM(3, 4, bidirectional=True, dtype=torch.float64).eval()
    model = porting.torch_to_keras(module)
    assert model.layers[0].dtype_policy.compute_dtype == "float64"
    x = np.random.default_rng(0).standard_normal((2, 5, 3))
    with torch.no_grad():
        expected = module(torch.from_numpy(x).transpose(0, 1))[0].transpose(0, 1).numpy()
    np.testing.assert_allclose(_keras_out(model, x), expected, rtol=0, atol=1e-12)
    assert porting.keras_to_torch(model).weight_ih_l0.dtype == torch.float64


def test_exactly_two_public_functions():
    public = sorted(n for n in vars(porting) if not n.startswith("_")
                    and callable(vars(porting)[n]) and getattr(vars(porting)[n], "__module__",
                                                               None) == porting.__name__)
    assert public == ["keras_to_torch", "torch_to_keras"], public


# ---- what is refused ----------------------------------------------------------------------

def _built(*layers, d=3):
    return keras.Sequential([keras.Input((None, d)), *layers])


def _separately_built_stack():
    """Layers built one by one in a Sequential without an Input: nothing checks that the first
    passes on the whole sequence, so the converter must."""
    first, second = L.SimpleRNN(4), L.SimpleRNN(4, return_sequences=True)
    first.build((None, None, 3))
    second.build((None, None, 4))
    return keras.Sequential([first, second])


def _functional():
    inputs = keras.Input((None, 3))
    return keras.Model(inputs, L.LSTM(4)(inputs))


L = keras.layers
TORCH_REFUSED = [
    (lambda: nn.LSTM(3, 4, proj_size=2), "proj_size"),
    (lambda: nn.LSTM(3, 4, num_layers=2, dropout=0.5), "dropout"),
    (lambda: nn.GRU(3, 4).half(), "dtype"),
    (lambda: nn.LSTMCell(3, 4), "LSTMCell"),
    (lambda: nn.Linear(3, 4), "Linear"),
]
KERAS_REFUSED = [
    (lambda: _built(L.GRU(4, reset_after=False)), "reset_after=False"),
    (lambda: _built(L.SimpleRNN(4, activation="sigmoid")), "activation 'sigmoid'"),
    (lambda: _built(L.LSTM(4, activation="relu")), "activation 'relu'"),
    (lambda: _built(L.GRU(4, recurrent_activation="hard_sigmoid")), "recurrent_activation"),
    (lambda: _built(L.Bidirectional(L.LSTM(4, return_sequences=True), merge_mode="sum")),
     "merge_mode='sum'"),
    (lambda: _built(L.Bidirectional(L.GRU(4, return_sequences=True), merge_mode=None)),
     "merge_mode=None"),
    (lambda: _built(L.Bidirectional(L.LSTM(4, return_sequences=True), backward_layer=L.LSTM(
        3, return_sequences=True, go_backwards=True))), "different forward and backward"),
    (lambda: _built(L.LSTM(4, return_sequences=True), L.Dense(2)), "Dense"),
    (lambda: _built(L.Dense(2)).layers[0], "Dense"),
    (_separately_built_stack, "return_sequences=False in 'simple_rnn"),
    (lambda: _built(L.LSTM(4, return_sequences=True), L.GRU(4)), "layers differ"),
    (lambda: _built(L.LSTM(4, return_sequences=True), L.LSTM(5)), "layers differ"),
    (lambda: _built(L.LSTM(4, return_sequences=True), L.LSTM(4, use_bias=False)),
     "layers differ"),
    (lambda: _built(L.LSTM(4, return_sequences=True), L.Bidirectional(L.LSTM(4))),
     "layers differ"),
    (lambda: _built(L.SimpleRNN(4, return_sequences=True), L.SimpleRNN(4, activation="relu")),
     "layers differ"),
    (lambda: _built(L.LSTM(4, dropout=0.2)), "dropout"),
    (lambda: _built(L.GRU(4, recurrent_dropout=0.2)), "recurrent_dropout"),
    (lambda: L.LSTM(4, stateful=True), "stateful"),
    (lambda: _built(L.SimpleRNN(4, go_backwards=True)), "go_backwards"),
    (lambda: L.LSTM(4), "not built"),
    (lambda: keras.Sequential(), "empty"),
    (_functional, "only keras.Sequential"),
    (lambda: _built(L.GRU(4, dtype="mixed_float16")), "dtype policy"),
    (lambda: _built(L.GRU(4, return_sequences=True), L.GRU(4, dtype="float64")),
     "layers differ"),
    (lambda: _built(L.Bidirectional(L.GRU(4, dtype="float64"))), "Bidirectional dtype"),
]


@pytest.mark.parametrize(("make", "match"), TORCH_REFUSED, ids=[m for _, m in TORCH_REFUSED])
def test_torch_to_keras_refuses(make, match):
    with pytest.raises(ValueError, match=match):
        porting.torch_to_keras(make())


@pytest.mark.parametrize(("make", "match"), KERAS_REFUSED, ids=[m for _, m in KERAS_REFUSED])
def test_keras_to_torch_refuses(make, match):
    with pytest.raises(ValueError, match=match):
        porting.keras_to_torch(make())


def test_wrong_argument_types():
    with pytest.raises(TypeError, match=r"nn\.RNN, nn\.LSTM or nn\.GRU"):
        porting.torch_to_keras(_built(L.LSTM(4)))
    with pytest.raises(TypeError, match="Keras SimpleRNN, LSTM or GRU"):
        porting.keras_to_torch(nn.LSTM(3, 4))
    with pytest.raises(TypeError, match="Keras SimpleRNN, LSTM or GRU"):
        porting.keras_to_torch("lstm")
