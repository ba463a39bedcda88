"""The cheat sheet's rows, and the Markdown tables the site shows for them.

docs/reference/cheat-sheet.md asks for a table with a line ``<!-- cheat-sheet: NAME -->``; the
build replaces it with ``markdown_table(NAME)``. Each row holds a description, the PyTorch and
Keras shapes as Python expressions over the site's letters (``"N, T, dirs*M"``, one expression
per axis; ``None`` where a framework has no such thing), and a Markdown link to the section that
explains it. ``render`` writes a formula as the page shows it (``N×T×(dirs·M)``); ``expected``
puts sizes into it. The checks that build the real layers and compare them with ``expected``
live in tests/test_cheat_sheet.py, so this file imports no framework. Run it to print every
table in Markdown.
"""

import ast
import re

# --8<-- [start:sizes]
from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    """What the letters of a formula stand for in one check (T′ is T_out)."""

    N: int  # samples
    T: int  # time steps (the longest sequence)
    D: int  # features per step
    M: int  # hidden units
    K: int  # outputs per step (classes)
    L: int  # layers
    P: int  # proj_size of an LSTM, less than M
    T_out: int  # the decoder's steps in seq2seq, T′
    E: int  # width of an embedding; embed_dim of attention
    C: int  # channels out of a 1-D convolution
    H: int  # steps ahead of a forecast (the horizon)
    heads: int  # attention heads; they divide E
    rows: int  # rows of a ConvLSTM2D frame
    cols: int  # columns of a ConvLSTM2D frame
    lengths: tuple[int, ...]  # real steps of each padded sample; S: their sum
    dirs: int = 1  # directions: 1, 2 or both, as the row's check says


SITE = Sizes(N=2, T=5, D=3, M=4, K=6, L=2, P=3, T_out=7, E=18, C=10, H=11,
             heads=9, rows=12, cols=13, lengths=(3, 5))
# No two sizes equal:
DISTINCT = Sizes(N=3, T=7, D=5, M=9, K=11, L=4, P=6, T_out=10, E=16, C=14,
                 H=15, heads=8, rows=17, cols=19, lengths=(7, 4, 2))
# --8<-- [end:sizes]

LETTERS = ("N", "T", "D", "M", "K", "L", "P", "T_out", "E", "C", "H", "heads", "rows", "cols",
           "S", "dirs")
_OPS = (ast.Add, ast.Sub, ast.Mult, ast.Pow)
_LINK = re.compile(r"\[[^\]]+\]\([^()\s]+\)")


@dataclass(frozen=True)
class Row:
    """One line of a table. ``key`` names its check in tests/test_cheat_sheet.py; ``see`` is a
    Markdown link, relative to docs/reference/. A count row's formulas are one number (the
    parameters), a shape row's one expression per axis."""

    key: str
    what: str
    torch: str | None
    keras: str | None
    see: str
    torch_note: str = ""
    keras_note: str = ""
    dirs: tuple[int, ...] = (1,)
    count: bool = False


def axes(formula: str) -> list[str]:
    """The Python expressions of a formula's axes: ``"L*dirs, N, M"`` → three. Only letters,
    whole numbers, ``+ - * ( )`` and ``**2`` are allowed; anything else is a ValueError."""
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as err:
        raise ValueError(f"formula {formula!r} is not a Python expression: {err.msg}") from None
    body = tree.body
    for node in ast.walk(body):
        if isinstance(node, ast.Name) and node.id not in LETTERS:
            raise ValueError(f"unknown letter {node.id!r} in {formula!r}; "
                             f"allowed: {', '.join(LETTERS)}")
        allowed = (
            isinstance(node, ast.Name | ast.operator | ast.expr_context)  # ops: with their BinOp
            or isinstance(node, ast.Constant) and type(node.value) is int
            or isinstance(node, ast.Tuple) and node is body
            or isinstance(node, ast.BinOp) and type(node.op) in _OPS
            and (not isinstance(node.op, ast.Pow) or ast.unparse(node.right) == "2")
        )
        if not allowed:
            raise ValueError(f"unexpected {ast.unparse(node)!r} in {formula!r}; allowed: the "
                             "letters, whole numbers, + - * ( ), **2, and ', ' between axes")
    return [ast.get_source_segment(formula, a) for a in (
        body.elts if isinstance(body, ast.Tuple) else [body])]


def letters(sizes: Sizes) -> dict[str, int]:
    """Each letter's value: the fields of ``sizes`` and S, the real steps in all."""
    values = {name: getattr(sizes, name) for name in LETTERS if name != "S"}
    return {**values, "S": sum(sizes.lengths)}


def expected(formula: str, sizes: Sizes, *, count: bool = False) -> int | tuple[int, ...]:
    """What a formula says at these sizes: a shape (one number per axis) or, for a count, one
    number. ``expected("L*dirs, N, M", SITE)`` is ``(2, 2, 4)``."""
    parts = axes(formula)
    if count and len(parts) != 1:
        raise ValueError(f"count formula {formula!r} has {len(parts)} axes; a count is one "
                         "number (', ' separates the axes of a shape)")
    values = [eval(part, {"__builtins__": {}}, letters(sizes)) for part in parts]
    return values[0] if count else tuple(values)


def _show(expression: str) -> str:
    """One axis as the page writes it: ² for **2, · between dirs and a letter, and otherwise
    side by side for *, − for -, T′ for T_out."""
    text = expression.replace("**2", "²").replace("T_out", "T′").replace("-", "−")
    text = re.sub(r"(?<=\bdirs)\*(?=[A-Za-z])|(?<=[A-Za-z²])\*(?=dirs\b)", "·", text)
    return text.replace("*", "")


def render(formula: str) -> str:
    """A formula as the page shows it: ``"L*dirs, N, M"`` → ``(L·dirs)×N×M``,
    ``"4*(M*D + M**2 + 2*M)"`` → ``4(MD + M² + 2M)``. Axes join with ×; an axis with an
    operator in it is put in parentheses when there are several axes."""
    parts = [_show(part) for part in axes(formula)]
    if len(parts) > 1:
        parts = [f"({p})" if re.search(r"[·+−]", p) else p for p in parts]
    return "×".join(parts)


# ----------------------------------------------------------------------------------------------
# The rows. Links are relative to docs/reference/, where the page is.

OUT = "outputs-and-states.md"
BI = "bidirectional.md"
LG = "lstm-and-gru.md"
PC = "parameter-counts.md"
VL = "variable-length.md"
CS = "carrying-state.md"
HL = "heads-and-losses.md"
LAYOUTS = "[Layouts](inputs.md#the-layout-each-framework-expects)"
UNBATCHED = "[Unbatched input](inputs.md#an-unbatched-2-d-input-is-one-sequence)"
INITIAL = f"[Initial states]({OUT}#initial-states)"
FINAL = f"[Final states]({OUT}#final-states)"
EVERY_STEP = f"[Every step, or the last]({OUT}#every-step-or-only-the-last)"
LAYER_2 = "[`weight_ih_l1`](stacking.md#layer-2-reads-dirsm-features-weight_ih_l1)"
APART = f"[Forward, backward]({BI}#forward-backward-on-the-last-axis)"
STEP_0 = f"[Backward ends at step 0]({BI}#the-backward-direction-ends-at-step-0)"
LSTM_GATES = f"[LSTM gates]({LG}#lstm-gate-order)"
GRU_GATES = f"[GRU gates]({LG}#gru-gate-order)"
PROJ = f"[`c_n`, `proj_size`]({LG}#the-cell-state-c_n-and-proj_size)"
RESET_AFTER = f"[`reset_after`]({LG}#gru-reset_after-where-the-reset-gate-applies)"
LAYOUTS_2 = "[Two layouts](../porting.md#the-same-layer-two-layouts)"
ONE_LAYER = f"[One layer]({PC}#one-layer)"
GRU_COUNTS = f"[GRU counts]({PC}#gru-and-reset_after)"
STACKED = f"[Stacked, bidirectional]({PC}#stacked-and-bidirectional-layers)"
PADDING = f"[Padding]({VL}#padding-a-batch)"
PACKING = f"[Packing, masks]({VL}#telling-the-layer-which-steps-are-real)"
PADDED_STEPS = f"[Padded steps]({VL}#what-padded-steps-output-and-the-last-valid-step)"
FEED = f"[Feed the state back]({CS}#feed-the-final-state-back-in)"
MANY_TO_ONE = f"[Many-to-one]({HL}#many-to-one-one-prediction-per-sequence-nk)"
PER_STEP = f"[Per-step loss]({HL}#per-step-classification-the-loss)"
SEQ2SEQ = f"[Seq2seq]({HL}#encoderdecoder-seq2seq)"
EMBED = "[Embeddings](before-the-rnn.md#nnembedding-and-embedding-nt-ids-in-nte-out)"
CONV = "[Conv1d layout](conv-before-the-rnn.md#nnconv1d-reads-nct-permute0-2-1-both-ways)"
CONV_PAD = "[Conv `padding`](conv-before-the-rnn.md#padding-what-the-convolution-does-to-t)"
ONE_STEP = "[One step](cells.md#nnrnncell-nnlstmcell-nngrucell-one-step-nd-to-nm)"
LOOP = "[The loop](cells.md#the-loop-x-t-in-torchstackouts-dim1-out)"
WINDOWS = "[Windows](windows-before-the-rnn.md#sliding_window_view-and-unfold-one-series-into-ntd)"
HORIZON = ("[Forecasting](windows-before-the-rnn.md"
           "#forecasting-h-steps-a-head-of-h-outputs-targets-nh)")
FORECAST = "[H·K outputs](losses-and-targets.md#denseh-densehk-forecasting-h-steps-ahead-nh-nhk)"
CTC = "[CTC](losses-and-targets.md#ctcloss-tnc-log-probabilities-blank-0)"
CONVLSTM = "[`ConvLSTM2D`](containers.md#convlstm2d-nthwc-in-nhwf-out)"
NO_CONVLSTM = ("no ConvLSTM in `torch.nn`: [write one]"
               "(containers.md#pytorch-has-no-convlstm-a-module-that-matches-convlstm2d)")
HANDOVER = "[Encoder state](seq2seq.md#the-encoders-final-state-is-the-decoders-h0-initial_state)"
TOP_LAYER = "[Stacked encoder](seq2seq.md#a-stacked-encoder-all-num_layers-states-or-the-top-one)"
JOINED = "[Join per layer](seq2seq.md#a-bidirectional-encoder-join-the-directions-per-layer)"
INFERENCE = "[Inference](seq2seq-decoder.md#inference-one-n1-step-at-a-time)"
ATTENTION = ("[Attention](attention.md"
             "#decoder-outputs-query-encoder-outputs-nnmultiheadattention-multiheadattention)")
ATTN_WEIGHTS = "[Weights](attention.md#attention-weights-averaged-over-heads-or-one-set-per-head)"
BOTH = (1, 2)
NO_PROJ = "no `proj_size`"

TABLES: dict[str, tuple[Row, ...]] = {
    "inputs": (
        Row("x-time-major", "`x`, time-major: PyTorch's default, `batch_first=False`",
            "T, N, D", None, LAYOUTS, keras_note="no `time_major` in Keras 3: "
            "[swap the axes](inputs.md#time-major-data-in-keras-transpose-it)"),
        Row("x-batch-major", "`x`, batch-major: `batch_first=True`, and always in Keras",
            "N, T, D", "N, T, D", LAYOUTS),
        Row("x-unbatched", "Unbatched `x` (2-D), whatever `batch_first` says", "T, D", None,
            UNBATCHED, keras_note="no unbatched mode: add the axis, `x[None]`; a 2-D array is an "
            "error (a model on `keras.Input((T, 1))` reads it as T samples of one step)"),
        Row("h0", "Initial state `h0` (RNN, GRU), any `batch_first`", "L*dirs, N, M", "N, M",
            INITIAL, dirs=BOTH, keras_note="each: `initial_state=[h0]`, one per direction"),
        Row("h0-c0", "LSTM initial states `(h0, c0)`, each", "L*dirs, N, M", "N, M", INITIAL,
            dirs=BOTH, keras_note="each: `initial_state=[h0, c0]`, per direction"),
        Row("embedding", "`Embedding` output for N×T token ids", "N, T, D", "N, T, D", PACKING),
    ),
    "outputs": (
        Row("output", "`output`, `batch_first=True`; Keras `return_sequences=True`",
            "N, T, dirs*M", "N, T, dirs*M", EVERY_STEP, dirs=BOTH,
            keras_note="(dirs = 2: `Bidirectional`)"),
        Row("output-time-major", "`output`, `batch_first=False`", "T, N, dirs*M", None,
            EVERY_STEP, dirs=BOTH, keras_note="always batch-major"),
        Row("output-unbatched", "`output` for an unbatched T×D input", "T, dirs*M", None,
            UNBATCHED, dirs=BOTH, keras_note="no unbatched mode"),
        Row("h_n-unbatched", "`h_n` for an unbatched T×D input", "L*dirs, M", None, UNBATCHED,
            dirs=BOTH, keras_note="no unbatched mode"),
        Row("last-step", "Last step, `output[:, -1]` = `h_n[-1]` (one direction); Keras "
            "`return_sequences=False`, the default", "N, M", "N, M",
            f"[Last step = final state]({OUT}#the-last-output-step-is-the-final-hidden-state)"),
        Row("h_n", "Final hidden state `h_n`, any `batch_first`; Keras `return_state=True`",
            "L*dirs, N, M", "N, M", FINAL, dirs=BOTH,
            keras_note="each: `(out, h)`, or `(out, h_fwd, h_bwd)`"),
        Row("c_n", "LSTM cell state `c_n`", "L*dirs, N, M", "N, M", FINAL, dirs=BOTH,
            keras_note="each: `(out, h, c)`"),
        Row("h_n-view", "`h_n.view(L, dirs, N, M)`: layer, then direction", "L, dirs, N, M",
            None, f"[`h_n` order]({BI}#h_n-is-ordered-layer-then-direction)", dirs=BOTH,
            keras_note="no layer axis; one tensor per state and direction"),
        Row("directions-apart",
            "Two directions apart: `output.view(N, T, 2, M)`; Keras `merge_mode=None`",
            "N, T, dirs, M", "N, T, M", APART, dirs=(2,), keras_note="each of the two outputs"),
        Row("directions-merged", "Directions summed, multiplied or averaged; Keras "
            "`merge_mode=\"sum\"`, `\"mul\"`, `\"ave\"`", "N, T, M", "N, T, M",
            f"[`merge_mode`]({BI}#merge_mode-concat-sum-mul-ave-none)", dirs=(2,),
            torch_note="(`.view(N, T, 2, M).sum(2)`, …)"),
        Row("both-finals", "Both directions' final states, `torch.cat([h_n[-2], h_n[-1]], 1)`; "
            "Keras `Bidirectional` without `return_sequences`", "N, dirs*M", "N, dirs*M", STEP_0,
            dirs=(2,)),
        Row("proj-output", "LSTM with `proj_size=P`: `output`", "N, T, dirs*P", None, PROJ,
            dirs=BOTH, keras_note="no `proj_size`; nearest: `Dense(P)` on the output"),
        Row("proj-h_n", "LSTM with `proj_size=P`: `h_n`", "L*dirs, N, P", None, PROJ,
            dirs=BOTH, keras_note=NO_PROJ),
        Row("proj-c_n", "LSTM with `proj_size=P`: `c_n` keeps M", "L*dirs, N, M", None, PROJ,
            dirs=BOTH, keras_note=NO_PROJ),
        Row("dropout", "`output` with dropout, in training mode: no shape changes",
            "N, T, dirs*M", "N, T, dirs*M", "[Dropout](stacking.md#dropout-changes-no-shape)",
            dirs=BOTH, torch_note="(`dropout=0.5`)",
            keras_note="(`dropout`, `recurrent_dropout`)"),
    ),
    "weights": (
        Row("rnn-kernel", "RNN input weights: `weight_ih_l0`; Keras `kernel`", "M, D", "D, M",
            LAYOUTS_2),
        Row("rnn-recurrent", "RNN recurrent weights: `weight_hh_l0`; `recurrent_kernel`",
            "M, M", "M, M", LAYOUTS_2),
        Row("rnn-bias", "RNN biases: `bias_ih_l0` and `bias_hh_l0`; Keras one `bias`", "M", "M",
            "[Two biases](../porting.md#transpose-and-fold-the-two-biases)", torch_note="each"),
        Row("rnn-layer-2",
            "RNN layer 2's input weights: `weight_ih_l1`; the second layer's `kernel`",
            "M, dirs*M", "dirs*M, M", LAYER_2, dirs=BOTH),
        Row("lstm-kernel", "LSTM `weight_ih_l0`; `kernel`", "4*M, D", "D, 4*M", LSTM_GATES),
        Row("lstm-recurrent", "LSTM `weight_hh_l0`; `recurrent_kernel`", "4*M, M", "M, 4*M",
            LSTM_GATES),
        Row("lstm-bias", "LSTM `bias_ih_l0` and `bias_hh_l0`; `bias`", "4*M", "4*M",
            LSTM_GATES, torch_note="each"),
        Row("lstm-layer-2", "LSTM `weight_ih_l1`; the second layer's `kernel`", "4*M, dirs*M",
            "dirs*M, 4*M", LAYER_2, dirs=BOTH),
        Row("gru-kernel", "GRU `weight_ih_l0`; `kernel`", "3*M, D", "D, 3*M", GRU_GATES),
        Row("gru-recurrent", "GRU `weight_hh_l0`; `recurrent_kernel`", "3*M, M", "M, 3*M",
            GRU_GATES),
        Row("gru-bias",
            "GRU `bias_ih_l0` and `bias_hh_l0`; `bias` (`reset_after=True`, the default)",
            "3*M", "2, 3*M", RESET_AFTER, torch_note="each",
            keras_note="(input and recurrent rows)"),
        Row("gru-bias-reset_after-false", "GRU `bias` with `reset_after=False`", None, "3*M",
            RESET_AFTER, torch_note="no `reset_after`"),
        Row("gru-layer-2", "GRU `weight_ih_l1`; the second layer's `kernel`", "3*M, dirs*M",
            "dirs*M, 3*M", LAYER_2, dirs=BOTH),
        Row("reverse",
            "Backward direction: `weight_ih_l0_reverse`; `backward_layer`'s `kernel` (LSTM)",
            "4*M, D", "D, 4*M", APART, dirs=(2,)),
        Row("proj-weight_hr", "LSTM `proj_size=P`: projection `weight_hr_l0`", "P, M", None,
            PROJ, keras_note=NO_PROJ),
        Row("proj-weight_hh", "LSTM `proj_size=P`: `weight_hh_l0` reads the projected h",
            "4*M, P", None, PROJ, keras_note=NO_PROJ),
    ),
    "params": (
        Row("rnn", "`nn.RNN`; `SimpleRNN`", "M*D + M**2 + 2*M", "M*D + M**2 + M", ONE_LAYER,
            count=True),
        Row("lstm", "`nn.LSTM`; `LSTM`", "4*(M*D + M**2 + 2*M)", "4*(M*D + M**2 + M)",
            ONE_LAYER, count=True),
        Row("gru", "`nn.GRU`; `GRU` (`reset_after=True`, the default)", "3*(M*D + M**2 + 2*M)",
            "3*(M*D + M**2 + 2*M)", GRU_COUNTS, count=True),
        Row("gru-reset_after-false", "`GRU(reset_after=False)`", None, "3*(M*D + M**2 + M)",
            GRU_COUNTS, count=True, torch_note="no `reset_after`"),
        Row("rnn-stacked", "RNN, L layers, dirs directions; Keras a stack of L layers",
            "dirs*(M*D + M**2 + 2*M) + (L - 1)*dirs*(dirs*M**2 + M**2 + 2*M)",
            "dirs*(M*D + M**2 + M) + (L - 1)*dirs*(dirs*M**2 + M**2 + M)", STACKED, dirs=BOTH,
            count=True),
        Row("lstm-stacked", "LSTM, L layers, dirs directions",
            "4*dirs*(M*D + M**2 + 2*M) + 4*(L - 1)*dirs*(dirs*M**2 + M**2 + 2*M)",
            "4*dirs*(M*D + M**2 + M) + 4*(L - 1)*dirs*(dirs*M**2 + M**2 + M)", STACKED,
            dirs=BOTH, count=True),
        Row("gru-stacked", "GRU, L layers, dirs directions",
            "3*dirs*(M*D + M**2 + 2*M) + 3*(L - 1)*dirs*(dirs*M**2 + M**2 + 2*M)",
            "3*dirs*(M*D + M**2 + 2*M) + 3*(L - 1)*dirs*(dirs*M**2 + M**2 + 2*M)", STACKED,
            dirs=BOTH, count=True),
        Row("lstm-proj", "LSTM with `proj_size=P`, one layer", "4*(M*D + M*P + 2*M) + P*M",
            None, STACKED, count=True, keras_note=NO_PROJ),
        Row("head", "Head `nn.Linear(M, K)`; `Dense(K)`", "M*K + K", "M*K + K", MANY_TO_ONE,
            count=True),
    ),
    "varlen": (
        Row("padded", "Padded batch: `pad_sequence(seqs, batch_first=True)`; "
            "`pad_sequences(seqs, padding=\"post\", dtype=\"float32\")`", "N, T, D", "N, T, D",
            PADDING, keras_note="(pads in front by default)"),
        Row("padded-time-major", "Padded batch: `pad_sequence(seqs)`, the default", "T, N, D",
            None, PADDING, keras_note="Keras layers read N×T×D"),
        Row("lengths", "`lengths`, on the CPU", "N", None, PACKING,
            keras_note="no lengths: a mask"),
        Row("packed-data",
            "`pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False).data`",
            "S, D", None, PACKING, keras_note="no packing"),
        Row("packed-output", "Output of a module run on it, `.data`", "S, dirs*M", None,
            PADDED_STEPS, dirs=BOTH, keras_note="no packing"),
        Row("unpacked", "`pad_packed_sequence(out, batch_first=True, total_length=T)`; Keras "
            "output with a mask", "N, T, dirs*M", "N, T, dirs*M", PADDED_STEPS, dirs=BOTH,
            keras_note="(`return_sequences=True`)"),
        Row("h_n", "`h_n` of a packed batch: forward, each sample's last real step; backward, "
            "step 0", "L*dirs, N, M", "N, M", PADDED_STEPS, dirs=BOTH,
            keras_note="each, with a mask and `return_state=True`"),
        Row("last-real-step", "Last real step, one direction: `out[torch.arange(N), lengths - 1]`"
            "; Keras `out[:, -1]` with a mask", "N, M", "N, M", PADDED_STEPS,
            keras_note="(masked steps repeat the last real one: one direction, "
            "`zero_output_for_mask=False`, the default; `Bidirectional` gives zeros there)"),
        Row("mask", "Mask: `Masking(0.0)` or `Embedding(mask_zero=True)`", None, "N, T", PACKING,
            torch_note="no mask: pack with `lengths`"),
    ),
    "carrying": (
        Row("state", "State carried to the next chunk: `h0` = the last `h_n`; Keras "
            "`stateful=True`, `layer.states`", "L*dirs, N, M", "N, M", FEED, dirs=BOTH,
            keras_note="each, per direction"),
        Row("lstm-state", "LSTM: `(h_n, c_n)` carried; Keras `states`, h and c", "L*dirs, N, M",
            "N, M", FEED, dirs=BOTH, torch_note="each", keras_note="each"),
        Row("stateful-input",
            "Input of a stateful Keras layer: `keras.Input(shape=(T, D), batch_size=N)`", None,
            "N, T, D", f"[Fixed batch size]({CS}#the-batch-size-must-not-change)",
            torch_note="no stateful mode: pass `h_n` back", keras_note="(N fixed)"),
        Row("detach", "`h_n.detach()` between batches", "L*dirs, N, M", None,
            f"[Detach]({CS}#detach-between-batches)", dirs=BOTH,
            keras_note="no `detach`: states are variables"),
        Row("reset", "Reset: zeros (or `None`) as `h0`; Keras `layer.reset_state()`",
            "L*dirs, N, M", "N, M",
            f"[Reset]({CS}#reset-the-state-between-independent-sequences)", dirs=BOTH),
    ),
    "heads": (
        Row("many-to-one", "Many-to-one, one direction: `head(h_n[-1])`; `Dense(K)` after a "
            "layer without `return_sequences`", "N, K", "N, K", MANY_TO_ONE),
        Row("many-to-one-bidirectional", "Many-to-one, bidirectional: "
            "`head(torch.cat([h_n[-2], h_n[-1]], 1))`, `head = nn.Linear(2 * M, K)`; `Dense(K)` "
            "after `Bidirectional` without `return_sequences`", "N, K", "N, K", STEP_0,
            dirs=(2,), torch_note="(`h_n[-1]` alone is only the backward direction)"),
        Row("many-to-many", "Many-to-many: `head(output)`; `Dense(K)` after "
            "`return_sequences=True`", "N, T, K", "N, T, K",
            f"[Many-to-many]({HL}#many-to-many-one-prediction-per-step-ntk)"),
        Row("targets", "Per-step targets (class ids)", "N, T", "N, T", PER_STEP),
        Row("logits", "Per-step logits into the loss: `CrossEntropyLoss`; "
            "`sparse_categorical_crossentropy`", "N, K, T", "N, T, K", PER_STEP,
            torch_note="(`logits.permute(0, 2, 1)`)", keras_note="(as they are)"),
        Row("loss-per-step", "Loss per step: `reduction=\"none\"`; "
            "`sparse_categorical_crossentropy(…)`", "N, T", "N, T", PER_STEP),
        Row("one-to-many", "One-to-many: `v.unsqueeze(1).expand(N, T, D)`; `RepeatVector(T)`",
            "N, T, D", "N, T, D", f"[One-to-many]({HL}#one-to-many-one-vector-in-a-sequence-out)"),
        Row("seq2seq-state", "Seq2seq: the encoder's final state, the decoder's `h0`",
            "L*dirs, N, M", "N, M", SEQ2SEQ, keras_note="(`initial_state=[h]`)"),
        Row("seq2seq-logits", "Seq2seq: the decoder's logits, T′ steps", "N, T_out, K",
            "N, T_out, K", SEQ2SEQ),
    ),
    "around": (
        Row("embedding", "Token ids, N×T integers, through `nn.Embedding(V, E)`; "
            "`Embedding(V, E)`: E then plays the part of D", "N, T, E", "N, T, E", EMBED,
            torch_note="(float ids raise)"),
        Row("conv1d-input", "Into a 1-D convolution: `nn.Conv1d(D, C, 3)` reads "
            "`x.permute(0, 2, 1)`; `Conv1D(C, 3)` reads `x` as it is", "N, D, T", "N, T, D",
            CONV, torch_note="(N×T×D itself raises, unless T = D)"),
        Row("conv1d-output", "Out of it, into the RNN: `nn.Conv1d(D, C, 3, padding=1)(…)"
            ".permute(0, 2, 1)`; `Conv1D(C, 3, padding=\"same\")` as it comes", "N, T, C",
            "N, T, C", CONV),
        Row("conv1d-valid", "Kernel 3 without padding (the default: `padding=0`; "
            "`\"valid\"`): two steps fewer", "N, C, T - 2", "N, T - 2, C", CONV_PAD,
            torch_note="(before the permute back)"),
        Row("cell-step", "One step through a cell: `nn.GRUCell(D, M)(x[:, t], h)`; "
            "`GRUCell(M)(x[:, t], [h])`, with `x[:, t]` N×D", "N, M", "N, M", ONE_STEP,
            torch_note="(`nn.LSTMCell`: `(h, c)`, each)",
            keras_note="(`(output, new_states)`, each)"),
        Row("cell-stacked", "The T steps' outputs stacked: `torch.stack(outs, dim=1)`; "
            "`keras.ops.stack(outs, axis=1)`", "N, T, M", "N, T, M", LOOP,
            keras_note="(= `keras.layers.RNN(cell, return_sequences=True)`)"),
        Row("windows", "Windows of T steps from one (N + T − 1)×D series: "
            "`series.unfold(0, T, 1).transpose(1, 2)`; "
            "`timeseries_dataset_from_array(series, None, T, batch_size=N)`", "N, T, D",
            "N, T, D", WINDOWS, torch_note="(`unfold` alone: N×D×T)",
            keras_note="(a batch)"),
        Row("forecast", "H steps ahead of one series: `nn.Linear(M, H)(h_n[-1])`; `Dense(H)`; "
            "targets the same", "N, H", "N, H", HORIZON),
        Row("forecast-series", "H steps of K series: `nn.Linear(M, H * K)(h_n[-1]).view(N, H, "
            "K)`; `Dense(H * K)`, `Reshape((H, K))`", "N, H, K", "N, H, K", FORECAST),
        Row("ctc", "CTC's input: K classes and the blank, index 0; `nn.CTCLoss`, "
            "`keras.losses.CTC`", "T, N, K + 1", "N, T, K + 1", CTC,
            torch_note="log-probabilities, time-major: `log_softmax(2).permute(1, 0, 2)`",
            keras_note="logits, no softmax"),
        Row("convlstm", "`ConvLSTM2D(M, 3)` on N×T×rows×cols×D frames, `padding=\"valid\"` "
            "(the default)", None, "N, rows - 2, cols - 2, M", CONVLSTM,
            torch_note=NO_CONVLSTM),
        Row("convlstm-sequences", "`ConvLSTM2D(M, 3, padding=\"same\", "
            "return_sequences=True)`: every step, frames of the input's size", None,
            "N, T, rows, cols, M", CONVLSTM, torch_note=NO_CONVLSTM),
    ),
    "seq2seq": (
        Row("lstm-state", "LSTM encoder's `(h_n, c_n)` as the decoder's `(h0, c0)`; "
            "`initial_state=[h, c]`", "L, N, M", "N, M", HANDOVER, torch_note="each",
            keras_note="each, from `return_state=True`"),
        Row("top-layer", "Top layer of a stacked encoder into a one-layer decoder: "
            "`h_n[-1:]`; the last layer's state", "1, N, M", "N, M", TOP_LAYER,
            torch_note="(`h_n[-1]`, N×M, raises)"),
        Row("bidirectional", "Bidirectional encoder joined per layer, for a decoder of 2M "
            "units: `torch.cat(h_n.view(L, 2, N, M).unbind(1), 2)`; "
            "`Concatenate()([h_fwd, h_bwd])`", "L, N, dirs*M", "N, dirs*M", JOINED, dirs=(2,)),
        Row("inference-step", "One inference step: ids N×1, embedded, through the decoder and "
            "the head", "N, 1, K", "N, 1, K", INFERENCE,
            torch_note="(keep the 1: an N-vector of ids raises with the batched state)"),
        Row("attention", "Attention output: decoder outputs N×T′×E query encoder outputs "
            "N×T×E; `nn.MultiheadAttention(E, heads, batch_first=True)(q, kv, kv)`; "
            "`MultiHeadAttention(heads, E // heads)(q, kv)`", "N, T_out, E", "N, T_out, E",
            ATTENTION),
        Row("attention-time-major", "The same, `batch_first=False` (the default): "
            "queries T′×N×E, keys T×N×E", "T_out, N, E", None, ATTENTION,
            keras_note="batch-first only"),
        Row("attention-weights", "Attention weights, averaged over the heads (the default); "
            "`Attention()([q, kv], return_attention_scores=True)`", "N, T_out, T",
            "N, T_out, T", ATTN_WEIGHTS, torch_note="(also when time-major)",
            keras_note="(one head: [`Attention`]"
            "(attention.md#keraslayersattention-one-head-no-projections))"),
        Row("attention-heads", "One set of weights per head: `average_attn_weights=False`; "
            "`MultiHeadAttention(…)(q, kv, return_attention_scores=True)`",
            "N, heads, T_out, T", "N, heads, T_out, T", ATTN_WEIGHTS),
    ),
}
TABLE_NAMES: tuple[str, ...] = tuple(TABLES)


def rows(name: str) -> tuple[Row, ...]:
    """The rows of one table of TABLE_NAMES."""
    if name not in TABLES:
        raise ValueError(f"unknown cheat-sheet table {name!r}; allowed: {', '.join(TABLE_NAMES)}")
    return TABLES[name]


def _cell(formula: str | None, note: str) -> str:
    if formula is None:
        return f"— {note}".rstrip()
    return f"`{render(formula)}` {note}".rstrip()


def markdown_table(name: str) -> str:
    """The Markdown table for one name of TABLE_NAMES."""
    lines = ["| What | PyTorch | Keras | See |", "| --- | --- | --- | --- |"]
    for row in rows(name):
        if not _LINK.fullmatch(row.see):
            raise ValueError(f"{name}: {row.key}: see={row.see!r} is not one Markdown link "
                             "such as '[Final states](outputs-and-states.md#final-states)'")
        try:
            cells = [row.what, _cell(row.torch, row.torch_note),
                     _cell(row.keras, row.keras_note), row.see]
        except ValueError as err:
            raise ValueError(f"{name}: {row.key}: {err}") from None
        for cell in cells:
            if "|" in cell.replace("\\|", ""):
                raise ValueError(f"{name}: {row.key}: a cell holds '|', which ends a cell")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    for table in TABLE_NAMES:
        print(f"## {table} ({len(rows(table))} rows)\n\n{markdown_table(table)}\n")
