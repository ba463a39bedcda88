"""Search test cases for the PyTorch error pages (docs/errors/pytorch.md and
docs/errors/pytorch-packing-heads.md,
docs/errors/pytorch-devices.md): each mistake raised with other sizes than the pages use
(N, T, D, M, K, L = 7, 9, 11, 13, 3, 2 instead of 2, 5, 3, 4, 6, 1), or, for GPU-only messages
and older versions' wordings, the message as a terminal printed it.
"""

from __future__ import annotations

from tests.error_cases import Case

N, T, D, M, K, L = 7, 9, 11, 13, 3, 2
P = 5  # proj_size, < M

INPUTS = "errors/pytorch.md"
PACKING = "errors/pytorch-packing-heads.md"
DEVICES = "errors/pytorch-devices.md"

INPUT_SIZE = f"{INPUTS}#inputsize-1-must-be-equal-to-input_size-expected-got"
RANK = f"{INPUTS}#expected-input-to-be-2d-or-3d-got"
DTYPE = f"{INPUTS}#rnn-input-dtype-torchfloat64-does-not-match-weight-dtype-torchfloat32"
HX_RANK = f"{INPUTS}#for-batched-3-d-input-hx-should-also-be-3-d-but-got"
HIDDEN = f"{INPUTS}#expected-hidden-size-got"
HIDDEN_1 = f"{INPUTS}#expected-hidden1-size-got"
HIDDEN_0 = f"{INPUTS}#expected-hidden0-size-got"
PROJ_SIZE = f"{INPUTS}#proj_size-argument-is-only-supported-for-lstm-not-rnn-or-gru"
SORTED = f"{PACKING}#lengths-array-must-be-sorted-in-decreasing-order-when-enforce_sorted-is-true"
LENGTHS = f"{PACKING}#lengths-argument-should-be-a-1d-cpu-int64-tensor-but-got"
LEN_LENGTHS = f"{PACKING}#expected-lenlengths-to-be-equal-to-batch_size-but-got-batch_size"
PACKED = f"{PACKING}#argument-input-position-1-must-be-tensor-not-packedsequence"
MATMUL = f"{PACKING}#mat1-and-mat2-shapes-cannot-be-multiplied"
TARGET_SIZE = f"{PACKING}#expected-target-size-got"
BATCH_SIZE = f"{PACKING}#expected-input-batch_size-to-match-target-batch_size"
PARAM_DEVICE = (
    f"{DEVICES}#input-and-parameter-tensors-are-not-at-the-same-device"
    "-found-input-tensor-at-and-parameter-tensor-at"
)
HIDDEN_DEVICE = (
    f"{DEVICES}#input-and-hidden-tensors-are-not-at-the-same-device"
    "-found-input-tensor-at-and-hidden-tensor-at"
)


# --- The input: feature axis, rank, type -------------------------------------------------


def features_before_steps():
    import torch
    from torch import nn

    nn.LSTM(D, M, batch_first=True)(torch.randn(N, D, T))  # N×D×T, as Conv1d gives


def no_feature_axis():
    import torch
    from torch import nn

    nn.GRU(1, M, batch_first=True)(torch.randn(N, T))  # N×T read as T×D


def image_batch():
    import torch
    from torch import nn

    nn.GRU(D, M, batch_first=True)(torch.randn(N, 1, T, D))


def rnn_four_axes():
    import torch
    from torch import nn

    nn.RNN(D, M)(torch.randn(T, N, 1, D))


def float64_from_numpy():
    import numpy as np
    import torch
    from torch import nn

    nn.LSTM(D, M, batch_first=True)(torch.from_numpy(np.zeros((N, T, D))))


def int64_token_ids():
    import torch
    from torch import nn

    nn.GRU(D, M, batch_first=True)(torch.randint(0, 5, (N, T, D)))


def numpy_array_itself():
    import numpy as np
    from torch import nn

    nn.LSTM(D, M, batch_first=True)(np.zeros((N, T, D), dtype=np.float32))


# --- The initial state -------------------------------------------------------------------


def gru_state_n_by_m():
    import torch
    from torch import nn

    nn.GRU(D, M, batch_first=True)(torch.randn(N, T, D), torch.zeros(N, M))


def lstm_state_n_by_m():
    import torch
    from torch import nn

    h0 = torch.zeros(N, M)
    nn.LSTM(D, M, batch_first=True)(torch.randn(N, T, D), (h0, h0))


def gru_unbatched_with_batch_state():
    import torch
    from torch import nn

    nn.GRU(D, M, num_layers=L)(torch.randn(T, D), torch.zeros(L, 1, M))


def lstm_unbatched_with_batch_state():
    import torch
    from torch import nn

    h0 = torch.zeros(1, 1, M)
    nn.LSTM(D, M)(torch.randn(T, D), (h0, h0))


def bidirectional_state_one_direction():
    import torch
    from torch import nn

    gru = nn.GRU(D, M, num_layers=L, bidirectional=True, batch_first=True)
    gru(torch.randn(N, T, D), torch.zeros(L, N, M))


def batch_first_state():
    import torch
    from torch import nn

    rnn = nn.RNN(D, M, num_layers=L, batch_first=True)
    rnn(torch.randn(N, T, D), torch.zeros(N, L, M))


def gru_state_from_a_larger_batch():
    import torch
    from torch import nn

    gru = nn.GRU(D, M, batch_first=True)
    _, h_n = gru(torch.randn(N, T, D))
    gru(torch.randn(N - 2, T, D), h_n)


def proj_size_c0_like_h0():
    import torch
    from torch import nn

    h0 = torch.zeros(L, N, P)
    nn.LSTM(D, M, num_layers=L, proj_size=P)(torch.randn(T, N, D), (h0, torch.zeros_like(h0)))


def c0_for_another_batch():
    import torch
    from torch import nn

    lstm = nn.LSTM(D, M)
    lstm(torch.randn(T, N, D), (torch.zeros(1, N, M), torch.zeros(1, N + 1, M)))


def lstm_last_smaller_batch():
    import torch
    from torch import nn

    lstm, state = nn.LSTM(D, M, num_layers=L, batch_first=True), None
    for x in torch.randn(N + 4, T, D).split(N):  # batches of 7 and 4
        _, state = lstm(x, state)


def gru_proj_size():
    from torch import nn

    nn.GRU(D, M, proj_size=P)


def rnn_proj_size():
    from torch import nn

    nn.RNN(D, M, num_layers=L, proj_size=P, batch_first=True)


def lstm_proj_size_too_large():
    from torch import nn

    nn.LSTM(D, M, proj_size=M + 1)


# --- Packing and lengths -----------------------------------------------------------------


def unsorted_lengths():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = torch.tensor([2, 9, 4, 9, 1, 3, 5])
    pack_padded_sequence(torch.randn(N, T, D), lengths, batch_first=True)


def pack_sequence_unsorted():
    import torch
    from torch.nn.utils.rnn import pack_sequence

    pack_sequence([torch.randn(4, D), torch.randn(T, D)])


def lengths_n_by_1():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = torch.tensor([[9], [8], [6], [5], [4], [2], [1]])
    pack_padded_sequence(torch.randn(N, T, D), lengths, batch_first=True)


def lengths_zero_d():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    pack_padded_sequence(torch.randn(1, T, D), torch.tensor(T), batch_first=True)


def length_zero():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = torch.tensor([9, 8, 6, 5, 4, 2, 0])
    pack_padded_sequence(torch.randn(N, T, D), lengths, batch_first=True)


def pack_batch_first_mismatch():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = torch.tensor([9, 8, 6, 5, 4, 2, 1])
    pack_padded_sequence(torch.randn(N, T, D), lengths)  # N×T×D read as T×N×D


def too_few_lengths():
    import torch
    from torch.nn.utils.rnn import pack_padded_sequence

    lengths = torch.tensor([9, 8, 6])
    pack_padded_sequence(torch.randn(T, N, D), lengths)


def linear_on_packed_output():
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence

    packed = pack_padded_sequence(torch.randn(N, T, D), [9, 8, 6, 5, 4, 2, 1], batch_first=True)
    out, _ = nn.GRU(D, M, batch_first=True)(packed)
    nn.Linear(M, K)(out)


def dropout_on_packed_output():
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence

    packed = pack_padded_sequence(torch.randn(T, N, D), [9, 8, 6, 5, 4, 2, 1])
    out, _ = nn.LSTM(D, M)(packed)
    nn.Dropout(0.5)(out)


# --- The head and the loss ---------------------------------------------------------------


def head_for_one_direction():
    import torch
    from torch import nn

    out, _ = nn.LSTM(D, M, bidirectional=True, batch_first=True)(torch.randn(N, T, D))
    nn.Linear(M, K)(out[:, -1])


def per_step_head_for_one_direction():
    import torch
    from torch import nn

    out, _ = nn.GRU(D, M, num_layers=L, bidirectional=True)(torch.randn(T, N, D))
    nn.Linear(M, K)(out)


def cross_entropy_n_t_k():
    import torch
    from torch import nn

    nn.CrossEntropyLoss()(torch.randn(N, T, K), torch.randint(0, K, (N, T)))


def nll_loss_n_t_k():
    import torch
    from torch import nn

    log_probs = torch.randn(N, T, K).log_softmax(-1)
    nn.NLLLoss()(log_probs, torch.randint(0, K, (N, T)))


def head_on_h_n():
    import torch
    from torch import nn

    _, h_n = nn.GRU(D, M, batch_first=True)(torch.randn(N, T, D))
    nn.CrossEntropyLoss()(nn.Linear(M, K)(h_n), torch.randint(0, K, (N,)))


def flattened_logits_unflattened_targets():
    import torch
    from torch import nn

    out, _ = nn.LSTM(D, M, batch_first=True)(torch.randn(N, T, D))
    logits = nn.Linear(M, K)(out).reshape(-1, K)
    nn.CrossEntropyLoss()(logits, torch.randint(0, K, (N, T)))


CASES = [
    # input.size(-1) must be equal to input_size
    Case(INPUT_SIZE, make=features_before_steps),
    Case(INPUT_SIZE, make=no_feature_axis),
    # Expected input to be 2D or 3D
    Case(RANK, make=image_batch),
    Case(RANK, make=rnn_four_axes),
    Case(RANK, text="RuntimeError: input must have 3 dimensions, got 4"),
    Case(RANK, text="RuntimeError: input must have 3 dimensions, got 5"),
    # RNN input dtype (torch.float64) does not match weight dtype (torch.float32)
    Case(DTYPE, make=float64_from_numpy),
    Case(DTYPE, make=int64_token_ids),
    Case(DTYPE, make=numpy_array_itself),
    Case(DTYPE, text="ValueError: input must have the type torch.float32, got type torch.float64"),
    Case(DTYPE, text="RuntimeError: expected scalar type Double but found Float"),
    Case(
        DTYPE,
        text="RuntimeError: Input and parameter tensors are not the same dtype, found input "
        "tensor with Double and parameter tensor with Float",
    ),
    # For batched 3-D input, hx should also be 3-D (and the unbatched 2-D variant)
    Case(HX_RANK, make=gru_state_n_by_m),
    Case(HX_RANK, make=lstm_state_n_by_m),
    Case(HX_RANK, make=gru_unbatched_with_batch_state),
    Case(HX_RANK, make=lstm_unbatched_with_batch_state),
    # Expected hidden size
    Case(HIDDEN, make=bidirectional_state_one_direction),
    Case(HIDDEN, make=batch_first_state),
    Case(HIDDEN, make=gru_state_from_a_larger_batch),
    # Expected hidden[1] size
    Case(HIDDEN_1, make=proj_size_c0_like_h0),
    Case(HIDDEN_1, make=c0_for_another_batch),
    # Expected hidden[0] size (a state carried into the smaller last batch)
    Case(HIDDEN_0, make=lstm_last_smaller_batch),
    Case(HIDDEN_0, text="RuntimeError: Expected hidden[0] size (1, 128, 302), got (1, 40, 302)"),
    # proj_size argument is only supported for LSTM, not RNN or GRU
    Case(PROJ_SIZE, make=gru_proj_size),
    Case(PROJ_SIZE, make=rnn_proj_size),
    Case(PROJ_SIZE, make=lstm_proj_size_too_large),
    # `lengths` array must be sorted in decreasing order when `enforce_sorted` is True
    Case(SORTED, make=unsorted_lengths),
    Case(SORTED, make=pack_sequence_unsorted),
    Case(SORTED, text="ValueError: lengths array has to be sorted in decreasing order"),
    # 'lengths' argument should be a 1D CPU int64 tensor (and a length of 0)
    Case(LENGTHS, make=lengths_n_by_1),
    Case(LENGTHS, make=lengths_zero_d),
    Case(LENGTHS, make=length_zero),
    Case(
        LENGTHS,
        text="RuntimeError: 'lengths' argument should be a 1D CPU int64 tensor, "
        "but got 1D cuda:0 Long tensor",
    ),
    Case(
        LENGTHS,
        text="ValueError: length of all samples has to be greater than 0, but found an element "
        "in 'lengths' that is <=0",
    ),
    # Expected `len(lengths)` to be equal to batch_size
    Case(LEN_LENGTHS, make=pack_batch_first_mismatch),
    Case(LEN_LENGTHS, make=too_few_lengths),
    # must be Tensor, not PackedSequence
    Case(PACKED, make=linear_on_packed_output),
    Case(PACKED, make=dropout_on_packed_output),
    # mat1 and mat2 shapes cannot be multiplied
    Case(MATMUL, make=head_for_one_direction),
    Case(MATMUL, make=per_step_head_for_one_direction),
    Case(
        MATMUL,
        text="RuntimeError: size mismatch, m1: [64 x 256], m2: [512 x 512] at "
        r"c:\miniconda2\conda-bld\pytorch-cpu_1519449358620\work\torch\lib\th\generic/"
        "THTensorMath.c:1434",
    ),
    # Expected target size
    Case(TARGET_SIZE, make=cross_entropy_n_t_k),
    Case(TARGET_SIZE, make=nll_loss_n_t_k),
    Case(
        TARGET_SIZE,
        text="ValueError: Expected target size (16, 180), got torch.Size([16, 9, 180])",
    ),
    # Expected input batch_size to match target batch_size
    Case(BATCH_SIZE, make=head_on_h_n),
    Case(BATCH_SIZE, make=flattened_logits_unflattened_targets),
    # GPU only: recorded on an NVIDIA H100 with torch 2.11 and cuDNN 9.19
    Case(
        PARAM_DEVICE,
        text="RuntimeError: Input and parameter tensors are not at the same device, "
        "found input tensor at cpu and parameter tensor at cuda:0",
    ),
    Case(
        PARAM_DEVICE,
        text="RuntimeError: Input and parameter tensors are not at the same device, "
        "found input tensor at cuda:0 and parameter tensor at cpu",
    ),
    Case(
        HIDDEN_DEVICE,
        text="RuntimeError: Input and hidden tensors are not at the same device, "
        "found input tensor at cuda:0 and hidden tensor at cpu",
    ),
]
