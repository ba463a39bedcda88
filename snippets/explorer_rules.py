"""Generate docs/assets/shape-rules.json, the rules the shape explorer (docs/explorer.md) shows.

Nothing in that file is typed by hand. This script builds the real PyTorch and Keras layers for
every configuration the page offers (cell × layers 1–2 × bidirectional × batch_first ×
return_sequences × return_state × proj_size none/smaller/not smaller than M × merge_mode), runs
them on data at two size sets in which every letter has another value, and turns what they
return into formulas: each axis of each tensor and weight becomes one expression over the
letters (``"N"``, ``"2*M"``), found as the only candidate that reproduces both measurements. The
parameter counts are the sums of the weights' products, checked against the frameworks' own
counts. For "how will my tensor be read?" it runs every case of the reading rules on two
examples and takes the error messages the installed versions print, with their numbers turned
into placeholders; random probes then check that the rules predict what the frameworks do.

    python snippets/explorer_rules.py           # check the committed file, print a summary
    python snippets/explorer_rules.py --write   # rewrite it (after a framework upgrade)

The page's script only evaluates these rules: a tiny expression language (whole numbers, the
letters, ``+ - *``, comparisons, ``and``/``or``/``not``), implemented here as ``evaluate`` and in
docs/assets/explorer.js, neither of which uses eval.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

OUT = Path(__file__).resolve().parents[1] / "docs" / "assets" / "shape-rules.json"

# The two size sets. Every letter has another value in each, and within a set no two letters
# are equal, so an axis formula that reproduces both is the only one of its kind (asserted).
SIZES = (
    {"N": 2, "T": 3, "D": 5, "M": 7, "K": 11, "P": 4},
    {"N": 3, "T": 2, "D": 4, "M": 6, "K": 7, "P": 5},
)
LETTERS = ("N", "T", "D", "M", "K", "P")
CELLS = ("rnn", "lstm", "gru")
MERGE_MODES = ("concat", "sum", "mul", "ave", "none")
PROJ = ("0", "lt", "ge")  # no projection; 0 < proj_size < M; proj_size >= M


# --8<-- [start:formula]
def axis_formula(values, sizes, letters="NTDMKP", factors=range(1, 9)):
    """The one expression ``c*X`` (or ``X``, or ``c``) that gives ``values[i]``
    at ``sizes[i]`` for every measured size set i; an error if none or several
    do.

    >>> axis_formula((14, 16), ({"M": 7}, {"M": 8}), letters="M")
    '2*M'
    """
    found = []
    for c in factors:
        for x in ("", *letters):
            pairs = zip(sizes, values, strict=True)
            if all(c * (s[x] if x else 1) == v for s, v in pairs):
                found.append(f"{c}*{x}" if x and c > 1 else x or str(c))
    if len(found) != 1:
        raise ValueError(f"axis sizes {values}: {len(found)} formulas fit "
                         f"({found}), need one")
    return found[0]


assert axis_formula((2, 3), ({"N": 2, "T": 5}, {"N": 3, "T": 4}),
                    letters="NT") == "N"
# A constant axis:
assert axis_formula((4, 4), ({"N": 2}, {"N": 3}), letters="N") == "4"
# --8<-- [end:formula]


# --- The expression language the page evaluates ------------------------------------------------

_TOKEN = re.compile(r"\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|(==|!=|<=|>=|[-+*()<>]))")


def _tokens(text: str) -> list[str]:
    out, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            if text[pos:].strip() == "":
                break
            raise ValueError(f"bad expression {text!r} at {pos}")
        out.append(m.group(m.lastindex))
        pos = m.end()
    return out


def evaluate(text: str, env: dict[str, int]) -> int:
    """Evaluate one expression of the rules' language: whole numbers, names from ``env``,
    ``+ - *``, ``== != < <= > >=``, ``and or not``, parentheses. Booleans are 1 and 0."""
    tokens, i = _tokens(text), 0

    def peek():
        return tokens[i] if i < len(tokens) else None

    def take(expected=None):
        nonlocal i
        tok = peek()
        if tok is None or (expected and tok != expected):
            raise ValueError(f"{text!r}: expected {expected or 'more'}, got {tok!r}")
        i += 1
        return tok

    def disjunction():
        value = conjunction()
        while peek() == "or":
            take()
            right = conjunction()
            value = int(bool(value) or bool(right))
        return value

    def conjunction():
        value = negation()
        while peek() == "and":
            take()
            right = negation()
            value = int(bool(value) and bool(right))
        return value

    def negation():
        if peek() == "not":
            take()
            return int(not negation())
        return comparison()

    def comparison():
        left = total()
        ops = {"==": int.__eq__, "!=": int.__ne__, "<": int.__lt__, "<=": int.__le__,
               ">": int.__gt__, ">=": int.__ge__}
        if peek() in ops:
            op = ops[take()]
            return int(op(left, total()))
        return left

    def total():
        value = product()
        while peek() in ("+", "-"):
            op = take()
            value = value + product() if op == "+" else value - product()
        return value

    def product():
        value = atom()
        while peek() == "*":
            take()
            value *= atom()
        return value

    def atom():
        tok = take()
        if tok == "(":
            value = disjunction()
            take(")")
            return value
        if tok.isdigit():
            return int(tok)
        if tok in env and tok not in ("and", "or", "not"):
            return int(env[tok])
        raise ValueError(f"{text!r}: unknown name {tok!r}")

    value = disjunction()
    if peek() is not None:
        raise ValueError(f"{text!r}: unexpected {peek()!r}")
    return value


def polynomial(weights: list[tuple[str, list[str]]]) -> str:
    """The parameter count as a sum of monomials, from the weights' axis formulas."""
    terms: dict[tuple[str, ...], int] = {}
    for _, axes in weights:
        coeff, letters = 1, []
        for axis in axes:
            c, _, x = axis.partition("*") if "*" in axis else ((axis, "", "") if axis.isdigit()
                                                               else ("1", "", axis))
            coeff *= int(c)
            if x:
                letters.append(x)
        key = tuple(sorted(letters, key=LETTERS.index))
        terms[key] = terms.get(key, 0) + coeff
    order = sorted(terms, key=lambda k: (-len(k), [LETTERS.index(x) for x in k]))
    parts = []
    for key in order:
        if terms[key]:
            factors = ([str(terms[key])] if terms[key] != 1 or not key else []) + list(key)
            parts.append("*".join(factors))
    return " + ".join(parts) or "0"


# --- Measuring the explorer's configurations ---------------------------------------------------


def _check_config(cfg, **allowed) -> None:
    """A configuration the grid has, or an error that says what is allowed."""
    for name, options in {"cell": CELLS, "layers": (1, 2), **allowed}.items():
        if getattr(cfg, name) not in options:
            raise ValueError(f"{type(cfg).__name__}: {name} must be one of {options}, "
                             f"got {getattr(cfg, name)!r}")


@dataclass(frozen=True)
class TorchConfig:
    cell: str
    layers: int
    bidirectional: bool
    batch_first: bool
    proj: str  # "0", "lt" or "ge"
    return_sequences: bool  # what the head reads: every step, or the last layer's h_n

    def __post_init__(self):
        _check_config(self, proj=PROJ)

    @property
    def key(self) -> str:
        return (f"{self.cell}|{self.layers}|{int(self.bidirectional)}|{int(self.batch_first)}|"
                f"{self.proj}|{int(self.return_sequences)}")


@dataclass(frozen=True)
class KerasConfig:
    cell: str
    layers: int
    bidirectional: bool
    merge_mode: str  # "-" when not bidirectional
    return_sequences: bool
    return_state: bool

    def __post_init__(self):
        _check_config(self, merge_mode=("-", *MERGE_MODES))

    @property
    def key(self) -> str:
        return (f"{self.cell}|{self.layers}|{int(self.bidirectional)}|{self.merge_mode}|"
                f"{int(self.return_sequences)}|{int(self.return_state)}")


def torch_configs() -> list[TorchConfig]:
    return [TorchConfig(*c) for c in itertools.product(
        CELLS, (1, 2), (False, True), (False, True), PROJ, (False, True))]


def keras_configs() -> list[KerasConfig]:
    found = []
    for cell, layers, bi, rs, rst in itertools.product(
            CELLS, (1, 2), (False, True), (False, True), (False, True)):
        for merge in MERGE_MODES if bi else ("-",):
            found.append(KerasConfig(cell, layers, bi, merge, rs, rst))
    return found


def measure_torch(cfg: TorchConfig, s: dict) -> dict:
    """Build ``cfg`` in PyTorch at sizes ``s`` (proj_size=P unless cfg.proj is "0") and run it:
    tensors, weights, parameter count, or the error the constructor raises."""
    import torch
    from torch import nn

    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cfg.cell]
    kwargs = {"num_layers": cfg.layers, "bidirectional": cfg.bidirectional,
              "batch_first": cfg.batch_first}
    if cfg.proj != "0":
        kwargs["proj_size"] = s["P"]
    try:
        rnn = cls(s["D"], s["M"], **kwargs)
    except (ValueError, RuntimeError) as err:
        return {"error": [type(err).__name__, str(err)]}
    N, T, D, K = s["N"], s["T"], s["D"], s["K"]
    x = torch.zeros((N, T, D) if cfg.batch_first else (T, N, D))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # oneDNN has no kernel for projections: a warning
        output, state = rnn(x)
    h_n, c_n = state if cfg.cell == "lstm" else (state, None)
    last = torch.cat((h_n[-2], h_n[-1]), dim=-1) if cfg.bidirectional else h_n[-1]
    head_in = output if cfg.return_sequences else last
    head = nn.Linear(head_in.shape[-1], K)(head_in)
    tensors = [("input", x), ("output", output), ("h_n", h_n)]
    tensors += [("c_n", c_n)] if c_n is not None else []
    tensors += [("head", head)]
    return {
        "tensors": [(name, list(t.shape)) for name, t in tensors],
        "weights": [(name, list(p.shape)) for name, p in rnn.named_parameters()],
        "params": sum(p.numel() for p in rnn.parameters()),
    }


def keras_stack(cfg: KerasConfig, M: int) -> list:
    """The Keras layers for ``cfg``, as the page's code builds them: ``layers`` recurrent layers,
    all but the last with return_sequences=True; each wrapped in Bidirectional when asked (the
    chosen merge_mode on the last, the default concat below it)."""
    import keras

    cls = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM,
           "gru": keras.layers.GRU}[cfg.cell]
    inner = {"rnn": "simple_rnn", "lstm": "lstm", "gru": "gru"}[cfg.cell]
    stack = []
    for i in range(cfg.layers):
        last = i == cfg.layers - 1
        options = {"return_sequences": cfg.return_sequences if last else True}
        if last and cfg.return_state:
            options["return_state"] = True
        if cfg.bidirectional:
            merge = cfg.merge_mode if last else "concat"
            layer = keras.layers.Bidirectional(
                cls(M, name=f"{inner}{i}", **options),
                merge_mode=None if merge == "none" else merge, name=f"rnn{i}",
            )
        else:
            layer = cls(M, name=f"rnn{i}", **options)
        stack.append(layer)
    return stack


def measure_keras(cfg: KerasConfig, s: dict, below=None) -> dict:
    """Build ``cfg`` in Keras at sizes ``s`` and run it on data: tensors, weights, parameter
    count. ``below``, if given, is (the layers under the last one, their output) from an
    identical stack: the lower layers do not depend on the last layer's options."""
    import keras
    import numpy as np

    N, T, D, M, K = (s[k] for k in "NTDMK")
    x = np.ones((N, T, D), dtype="float32")
    stack = keras_stack(cfg, M)
    if below is None:
        h = x
        for layer in stack[:-1]:
            h = layer(h)
        lower = stack[:-1]
    else:
        lower, h = below
    result = stack[-1](h)
    result = list(result) if isinstance(result, (list, tuple)) else [result]
    n_out = 2 if cfg.merge_mode == "none" else 1
    outputs, states = result[:n_out], result[n_out:]
    tensors = [("input", list(x.shape))]
    tensors += [("output" if n_out == 1 else f"output.{i}", list(o.shape))
                for i, o in enumerate(outputs)]
    tensors += [(f"state.{i}", list(t.shape)) for i, t in enumerate(states)]
    if n_out == 1:  # merge_mode=None gives two tensors: a Dense head takes one
        tensors += [("head", list(keras.layers.Dense(K, name="head")(outputs[0]).shape))]
    layers = [*lower, stack[-1]]
    return {
        "tensors": tensors,
        "weights": [(w.path, list(w.shape)) for layer in layers for w in layer.weights],
        "params": sum(layer.count_params() for layer in layers),
        "below": (lower, h),
    }


def _formulas(measured: list[dict], what: str) -> list[list]:
    """Name-by-name axis formulas from the two measurements (same names, same ranks)."""
    names = [[n for n, _ in m[what]] for m in measured]
    if names[0] != names[1]:
        raise ValueError(f"{what} differ between the size sets: {names}")
    rows = []
    for i, name in enumerate(names[0]):
        shapes = [m[what][i][1] for m in measured]
        if len(shapes[0]) != len(shapes[1]):
            raise ValueError(f"{name}: rank differs between the size sets: {shapes}")
        axes = [axis_formula((a, b), SIZES) for a, b in zip(*shapes, strict=True)]
        rows.append([name, axes])
    return rows


def _rule(measured: list[dict]) -> dict:
    """One configuration's rule from its two measurements, checked against both."""
    if "error" in measured[0] or "error" in measured[1]:
        if measured[0].get("error") != measured[1].get("error"):
            raise ValueError(f"errors differ between the size sets: {measured}")
        return {"error": measured[0]["error"]}
    tensors, weights = _formulas(measured, "tensors"), _formulas(measured, "weights")
    params = polynomial(weights)
    for m, s in zip(measured, SIZES, strict=True):
        for (name, axes), (_, shape) in zip(tensors + weights, m["tensors"] + m["weights"],
                                            strict=True):
            assert [evaluate(a, s) for a in axes] == shape, (name, axes, shape)
        assert evaluate(params, s) == m["params"], (params, m["params"])
    return {"tensors": tensors, "weights": weights, "params": params}


def torch_rules() -> tuple[dict, dict]:
    """The PyTorch tensors (or the constructor's error) by configuration, and the weights by
    (cell, layers, bidirectional, proj): measured for every configuration, they must not depend
    on batch_first or on what the head reads."""
    tensors, weights = {}, {}
    for cfg in torch_configs():
        # proj "ge": proj_size = M in the first size set, > M in the second
        sizes = [s if cfg.proj != "ge" else {**s, "P": s["M"] + 3 * i}
                 for i, s in enumerate(SIZES)]
        rule = _rule([measure_torch(cfg, s) for s in sizes])
        if "error" in rule:
            tensors[cfg.key] = rule
            continue
        tensors[cfg.key] = rule["tensors"]
        group = f"{cfg.cell}|{cfg.layers}|{int(cfg.bidirectional)}|{cfg.proj}"
        entry = {"weights": rule["weights"], "params": rule["params"]}
        if weights.setdefault(group, entry) != entry:
            raise ValueError(f"{cfg.key}: weights differ from the rest of {group}")
    return tensors, weights


def keras_rules() -> tuple[dict, dict]:
    """The Keras tensors by configuration, and the weights by (cell, layers, bidirectional):
    they are measured for every configuration and must not depend on the other options."""
    tensors, weights = {}, {}
    below = {}  # (cell, bidirectional, size set) -> the first layer and its output
    for cfg in keras_configs():
        measured = []
        for i, s in enumerate(SIZES):
            key = (cfg.cell, cfg.bidirectional, i)
            m = measure_keras(cfg, s, below.get(key) if cfg.layers == 2 else None)
            if cfg.layers == 2:
                below.setdefault(key, m["below"])
            measured.append(m)
        rule = _rule(measured)
        tensors[cfg.key] = rule["tensors"]
        group = f"{cfg.cell}|{cfg.layers}|{int(cfg.bidirectional)}"
        entry = {"weights": rule["weights"], "params": rule["params"]}
        if weights.setdefault(group, entry) != entry:
            raise ValueError(f"{cfg.key}: weights differ from the rest of {group}")
    return tensors, weights


# --- How will my tensor be read? ---------------------------------------------------------------

TORCH_NAMES = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}
KERAS_NAMES = {"rnn": "SimpleRNN", "lstm": "LSTM", "gru": "GRU"}


def core_message(err: BaseException) -> str:
    """The line of an error message that a reader needs, as the page shows it: Keras wraps some
    errors in "Exception encountered when calling …" with the real message in bold between
    them, TensorFlow prefixes its op errors with the function node, and a rank error prints the
    whole array (shown as …)."""
    text = str(err)
    bold = re.search(r"\x1b\[1m(.*?)\x1b\[0m", text, re.DOTALL)
    if bold:
        text = bold.group(1)
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    text = re.sub(r"^\{\{function_node [^}]*\}\}\s*", "", text)
    text = re.sub(r"\s+name:\s*$", "", text)
    text = re.sub(r"(Invalid input shape for input ).*?( with name ')", r"\1…\2", text,
                  flags=re.DOTALL)
    return f"{type(err).__name__}: {text.strip()}"


def _tuple_text(values) -> str:
    values = ["None" if v is None else str(v) for v in values]
    return f"({values[0]},)" if len(values) == 1 else f"({', '.join(values)})"


def read_env(shape, layer: dict) -> dict:
    """The names the reading rules use: k (the rank), s0…s3 (the sizes, 0 where absent), last
    (the last size), q (the rank without a trailing axis of 1), and the layer's whole-number
    settings (``declared``, Keras' input shape, is a tuple: only messages print it)."""
    env = {"k": len(shape), **{f"s{i}": (shape[i] if i < len(shape) else 0) for i in range(4)}}
    env["last"] = shape[-1]
    env["q"] = len(shape) - (shape[-1] == 1)
    env.update({k: v for k, v in layer.items() if k != "declared"})
    return env


def read_tuples(shape, layer: dict) -> dict:
    """The tuples a message may print: the shape, the shape without a trailing axis of 1 (what
    Keras compares), and Keras' declared input with its batch axis, (None, …)."""
    tuples = {"shape": _tuple_text(shape)}
    sq = shape[:-1] if shape[-1] == 1 else shape
    if sq:
        tuples["sq"] = _tuple_text(sq)
    if "declared" in layer:
        tuples["declared"] = _tuple_text([None, *layer["declared"]])
    return tuples


def _positive(name: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a whole number of at least 1, got {value!r}")
    return value


def torch_layer(input_size: int, batch_first: int, M: int) -> dict:
    """The settings of a PyTorch layer the reading rules take."""
    if batch_first not in (0, 1):
        raise ValueError(f"batch_first must be 0 or 1, got {batch_first!r}")
    return {"input_size": _positive("input_size", input_size), "batch_first": batch_first,
            "M": _positive("M", M)}


def keras_layer(declared: tuple | None, M: int) -> dict:
    """A model on keras.Input(shape=declared), or (declared None) the layer called directly."""
    _positive("M", M)
    if declared is None:
        return {"direct": 1, "M": M}
    for i, size in enumerate(declared):
        _positive(f"keras.Input shape[{i}]", size)
    two = len(declared) == 2
    return {"declared": tuple(declared), "ki": len(declared), "M": M,
            "Ti": declared[0] if two else 0, "Di": declared[1] if two else 0}


def run_torch_read(cell: str, shape, layer: dict) -> dict:
    """Run the PyTorch layer on a tensor of ``shape``: what it read (N None: one unbatched
    sequence), or the message it raised."""
    import torch
    from torch import nn

    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
    rnn = cls(layer["input_size"], layer["M"], batch_first=bool(layer["batch_first"]))
    try:
        output, state = rnn(torch.zeros(shape))
    except (RuntimeError, ValueError) as err:
        return {"outcome": "error", "message": core_message(err)}
    h_n = state[0] if cell == "lstm" else state
    n = h_n.shape[1] if h_n.ndim == 3 else None  # a 2-D h_n: one unbatched sequence
    t = output.numel() // ((n or 1) * layer["M"])  # the steps it ran
    return {"outcome": "runs", "N": n, "T": t, "D": layer["input_size"]}


_KERAS_MODELS: dict = {}


def run_keras_read(cell: str, shape, layer: dict) -> dict:
    """Run the Keras layer (return_sequences=True, so the steps show) on an array of ``shape``,
    directly or in a model on keras.Input(shape=declared)."""
    import keras
    import numpy as np

    cls = {"rnn": keras.layers.SimpleRNN, "lstm": keras.layers.LSTM,
           "gru": keras.layers.GRU}[cell]
    x = np.zeros(shape, dtype="float32")
    try:
        if layer.get("direct"):
            output = cls(layer["M"], return_sequences=True, name="rnn")(x)
            d = shape[-1]
        else:
            key = (cell, layer["M"], layer["declared"])
            if key not in _KERAS_MODELS:
                try:
                    inputs = keras.Input(shape=layer["declared"], name="x")
                    rnn = cls(layer["M"], return_sequences=True, name="rnn")
                    _KERAS_MODELS[key] = keras.Model(inputs, rnn(inputs), name="model")
                except ValueError as err:
                    _KERAS_MODELS[key] = err
            model = _KERAS_MODELS[key]
            if isinstance(model, Exception):
                raise model
            output, d = model(x), layer["declared"][-1]
    except Exception as err:  # noqa: BLE001 - TensorFlow's op errors are not ValueErrors
        return {"outcome": "error", "message": core_message(err)}
    return {"outcome": "runs", "N": output.shape[0], "T": output.shape[1], "D": d}


# Each case: an id, when (an expression over the names of read_env; the first case that holds
# applies), how a run reads the reader's axes (None: it raises), and two examples (shape, layer
# settings, hidden size). A run reads each axis as "N", "T", "D", or "1" (an axis of 1 it drops),
# and may add axes of 1; the sizes that implies are checked against what the layer returns.
# An error case's message is the one the examples raise, with its numbers as placeholders.
# --8<-- [start:cases]
TORCH_CASES = [  # layer settings: input_size, batch_first
    ("rank", "k < 2 or k > 3", None,
     [((5,), (5, 0), 4), ((2, 3, 6, 1), (1, 1), 9)]),
    ("features",
     "s1 != input_size and k == 2 or s2 != input_size and k == 3", None,
     [((3, 5), (6, 0), 4), ((2, 4, 7), (3, 1), 9)]),
    ("batch-first", "k == 3 and batch_first", (["N", "T", "D"], []),
     [((2, 3, 5), (5, 1), 4), ((3, 4, 7), (7, 1), 9)]),
    ("time-major", "k == 3", (["T", "N", "D"], []),
     [((2, 3, 5), (5, 0), 4), ((3, 4, 7), (7, 0), 9)]),
    ("unbatched", "k == 2", (["T", "D"], []),
     [((3, 5), (5, 0), 4), ((4, 7), (7, 1), 9)]),
]
KERAS_DIRECT_CASES = [  # the layer called on the array, no keras.Input
    ("rank", "k != 3", None,
     [((3, 5), None, 4), ((2, 3, 6, 1), None, 9)]),
    ("reads", "k == 3", (["N", "T", "D"], []),
     [((2, 3, 5), None, 4), ((3, 4, 7), None, 9)]),
]
# A model on keras.Input(shape=(Ti, Di)) compares the array's shape, less a
# trailing axis of 1, with (None, Ti, Di), less one too, axis by axis as far as
# both go; then adds or drops a last axis of 1 to match the rank; then the
# layer multiplies each step by its kernel of Di rows.
KERAS_INPUT_CASES = [  # layer settings: the shape given to keras.Input
    ("declared-rank", "ki != 2", None,
     [((2, 3, 5), (5,), 4), ((2, 3, 5), (2, 3, 5), 9)]),
    ("mismatch",
     "q >= 2 and s1 != Ti or q >= 3 and Di != 1 and s2 != Di", None,
     [((2, 3, 5, 1), (4, 5), 4), ((3, 6), (5, 1), 9)]),
    ("rank",
     "not (k == 3 or k == 4 and last == 1 or k == 2 and Di == 1)", None,
     [((3, 1), (3, 5), 4), ((2, 3, 4, 6), (3, 4), 9)]),
    ("kernel", "k >= 3 and s2 != Di", None,
     [((5, 3, 1), (3, 5), 4), ((3, 4, 6, 1), (4, 1), 9)]),
    ("adds-an-axis", "k == 2", (["N", "T"], ["D"]),
     [((2, 3), (3, 1), 4), ((5, 1), (4, 1), 9)]),
    ("reads", "k == 3", (["N", "T", "D"], []),
     [((2, 3, 5), (3, 5), 4), ((3, 4, 1), (4, 1), 9)]),
    ("drops-an-axis", "k == 4", (["N", "T", "D", "1"], []),
     [((2, 3, 5, 1), (3, 5), 4), ((3, 4, 1, 1), (4, 1), 9)]),
]
# --8<-- [end:cases]
READ_TABLES = {"torch": TORCH_CASES, "keras_direct": KERAS_DIRECT_CASES,
               "keras_input": KERAS_INPUT_CASES}


def _layer(framework: str, settings, M: int) -> dict:
    return torch_layer(*settings, M) if framework == "torch" else keras_layer(settings, M)


def _runner(framework: str):
    return run_torch_read if framework == "torch" else run_keras_read


def _atoms(message: str) -> list[tuple[str, str]]:
    """Split a message into literal text and atoms: tuples of whole numbers (or None), and
    whole numbers that are not part of a word."""
    pattern = re.compile(r"\((?:None|\d+)(?:, (?:None|\d+))*,?\)|(?<![\w.])\d+(?!\d|\.\d)")
    parts, pos = [], 0
    for m in pattern.finditer(message):
        parts.append(("text", message[pos:m.start()]))
        parts.append(("tuple" if m.group(0).startswith("(") else "number", m.group(0)))
        pos = m.end()
    parts.append(("text", message[pos:]))
    return parts


def _scalars(env: dict) -> dict[str, int]:
    """The names and simple expressions a number in a message may be."""
    found = {n: v for n, v in env.items() if n not in ("direct",)}
    found.update({f"{n} + 1": env[n] + 1 for n in ("k", "ki") if n in env})
    found.update({f"{g}*M": g * env["M"] for g in (2, 3, 4)})
    return found


def message_template(messages: list[str], envs: list[dict], tuples: list[dict]) -> str:
    """The message with its numbers as placeholders: each number or tuple that differs between
    the two examples becomes the one name (or simple expression) that gives it in both."""
    split = [_atoms(m) for m in messages]
    if [[(k, v if k == "text" else "") for k, v in s] for s in split[1:]] != [
            [(k, v if k == "text" else "") for k, v in split[0]]]:
        raise ValueError(f"the messages differ in more than numbers: {messages}")
    out = []
    for parts in zip(*split, strict=True):
        kind, values = parts[0][0], [v for _, v in parts]
        if kind == "text" and ("{" in values[0] or "}" in values[0]):
            raise ValueError(f"a brace in {messages[0]!r}: placeholders would be ambiguous")
        if kind == "text" or values[0] == values[1]:
            out.append(values[0])
            continue
        pools = [t if kind == "tuple" else {n: str(v) for n, v in _scalars(e).items()}
                 for t, e in zip(tuples, envs, strict=True)]
        fits = [n for n in pools[0] if all(p.get(n) == v for p, v in zip(pools, values,
                                                                         strict=True))]
        if len(fits) != 1:
            raise ValueError(f"{values} in {messages}: {fits} fit, need exactly one")
        out.append("{" + fits[0] + "}")
    return "".join(out)


def render_message(template: str, env: dict, tuples: dict) -> str:
    """Fill a template's placeholders, as the page does."""
    return re.sub(r"\{([^{}]+)\}",
                  lambda m: tuples.get(m.group(1)) or str(evaluate(m.group(1), env)), template)


def predict(cases: list[dict], shape, env: dict, tuples: dict) -> dict:
    """What the rules say a layer does with a tensor of ``shape``: as the page computes it."""
    for case in cases:
        if evaluate(case["when"], env):
            if case["outcome"] == "error":
                return {"case": case["id"], "outcome": "error",
                        "message": render_message(case["message"], env, tuples)}
            sizes = {"N": None, "T": None, "D": None}
            sizes.update({label: 1 for label in case["added"]})
            sizes.update({label: size for size, label in zip(shape, case["axes"], strict=True)
                          if label != "1"})
            return {"case": case["id"], "outcome": "runs", **sizes}
    raise ValueError(f"no case for {shape} with {env}")


def read_rules(cell: str, framework: str) -> list[dict]:
    """The cases of one framework and cell, their outcomes and messages from the examples."""
    cases: list[dict] = []
    for name, when, reads, examples in READ_TABLES[framework]:
        runs = []
        for shape, settings, M in examples:
            layer = _layer(framework, settings, M)
            env = read_env(shape, layer)
            earlier = [c["id"] for c in cases if evaluate(c["when"], env)]
            assert evaluate(when, env) and not earlier, (name, shape, settings, earlier)
            runs.append((shape, env, read_tuples(shape, layer),
                         _runner(framework)(cell, shape, layer)))
        case = {"id": name, "when": when}
        if reads is None:
            assert all(r[3]["outcome"] == "error" for r in runs), (cell, name, runs)
            case["outcome"] = "error"
            case["message"] = message_template([r[3]["message"] for r in runs],
                                               [r[1] for r in runs], [r[2] for r in runs])
        else:
            case.update(outcome="runs", axes=reads[0], added=reads[1])
        cases.append(case)
        for shape, env, tuples, result in runs:
            predicted = predict(cases, shape, env, tuples)
            assert predicted.pop("case") == name and predicted == result, (
                cell, name, shape, predicted, result)
    return cases


def probes(framework: str, rng: random.Random, count: int):
    """Random tensors and layers, their sizes drawn from 1–3 so that equal sizes and axes of 1
    are common: the rules must predict each."""
    def pick():
        return rng.choice((1, 2, 3))

    for _ in range(count):
        shape = tuple(pick() for _ in range(rng.choice((1, 2, 2, 3, 3, 3, 4, 4))))
        if framework == "torch":
            layer = torch_layer(pick(), rng.choice((0, 1)), 5)
        elif framework == "keras_direct":
            layer = keras_layer(None, 5)
        else:
            layer = keras_layer(tuple(pick() for _ in range(rng.choice((2, 2, 2, 1, 3)))), 5)
        yield shape, layer


def all_read_rules(count: int = 12) -> tuple[dict, int]:
    """Every framework's cases per cell, each checked on ``count`` random probes."""
    rules: dict = {framework: {} for framework in READ_TABLES}
    rng, checked = random.Random(0), 0
    for cell in CELLS:
        for framework in READ_TABLES:
            cases = rules[framework][cell] = read_rules(cell, framework)
            for shape, layer in probes(framework, rng, count):
                env = read_env(shape, layer)
                predicted = predict(cases, shape, env, read_tuples(shape, layer))
                case = predicted.pop("case")
                actual = _runner(framework)(cell, shape, layer)
                assert predicted == actual, (cell, framework, case, shape, layer, predicted,
                                             actual)
                checked += 1
    return rules, checked


# --- The file ----------------------------------------------------------------------------------


def generate() -> tuple[dict, dict]:
    """The rules, and a few counts for the summary."""
    import keras
    import tensorflow as tf
    import torch

    keras.utils.set_random_seed(0)
    torch_tensors, torch_weights = torch_rules()
    keras_tensors, keras_weights = keras_rules()
    reads, probes = all_read_rules()
    rules = {
        "about": "Generated by snippets/explorer_rules.py from the real layers; do not edit.",
        "versions": {"torch": torch.__version__.split("+")[0], "keras": keras.__version__,
                     "tensorflow": tf.__version__},
        "sizes": list(SIZES),
        "letters": list(LETTERS),
        "torch": torch_tensors,
        "torch_weights": torch_weights,
        "keras": keras_tensors,
        "keras_weights": keras_weights,
        "read": reads,
    }
    counts = {"torch": len(torch_tensors), "keras": len(keras_tensors), "probes": probes,
              "cases": {f: len(next(iter(c.values()))) for f, c in reads.items()}}
    return rules, counts


def dumps(rules: dict) -> str:
    """JSON with one line per configuration (or case), so that a diff shows what changed."""
    def compact(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = []
    for key, value in rules.items():
        if isinstance(value, dict) and all(isinstance(v, (dict, list)) for v in value.values()):
            inner = []
            for k, v in value.items():
                if key == "read":  # framework -> cell -> cases: one line per case
                    cells = ",\n".join(f"   {compact(c)}:[\n" + ",\n".join(
                        f"    {compact(case)}" for case in cases) + "]"
                        for c, cases in v.items())
                    inner.append(f"  {compact(k)}:{{\n{cells}}}")
                else:
                    inner.append(f"  {compact(k)}:{compact(v)}")
            lines.append(f" {compact(key)}:{{\n" + ",\n".join(inner) + "}")
        else:
            lines.append(f" {compact(key)}:{compact(value)}")
    text = "{\n" + ",\n".join(lines) + "}\n"
    assert json.loads(text) == rules, "dumps must round-trip"
    return text


def differences(rules: dict) -> list[str]:
    """What differs between ``rules`` and the committed file, entry by entry."""
    try:
        old = json.loads(OUT.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        return [f"{OUT.name} unreadable: {err}"]
    found = []
    for key in sorted(set(old) | set(rules)):
        a, b = old.get(key), rules.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            found += [f"{key}[{k!r}]: committed {a.get(k)!r}, now {b.get(k)!r}"
                      for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
        elif a != b:
            found.append(f"{key}: committed {a!r}, now {b!r}")
    return found or ["the text differs (formatting only)"]


def main(write: bool) -> int:
    rules, counts = generate()
    text = dumps(rules)
    if write:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.name}")
    elif not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
        print(f"{OUT.name} is out of date: run python snippets/explorer_rules.py --write",
              file=sys.stderr)
        for line in differences(rules)[:20]:
            print("  " + line, file=sys.stderr)
        return 1
    v = rules["versions"]
    print(f"{OUT.name} matches torch {v['torch']}, keras {v['keras']}, "
          f"tensorflow {v['tensorflow']}")
    print(f"{counts['torch']} PyTorch and {counts['keras']} Keras configurations, "
          f"each run at {len(SIZES)} size sets")
    c = counts["cases"]
    print(f"reading a tensor: {c['torch']} PyTorch cases, {c['keras_direct']} for a Keras "
          f"layer, {c['keras_input']} for a Keras model")
    print(f"(per cell), and {counts['probes']} random tensors on which they predict what the "
          "frameworks do")
    return 0


if __name__ == "__main__":
    # Only --write is read: the test suite runs this file with pytest's own arguments.
    code = main("--write" in sys.argv[1:])
    if code:
        raise SystemExit(code)
