"""Search test cases for the Keras error pages (docs/errors/keras*.md): each mistake raised again
with other sizes than the pages use (N, T, D, M, K = 7, 9, 11, 13, 3) and other layer names, so
the numbers and names in the message differ from the page's, and the older wordings the pages
quote, as literal text. The silent bugs (docs/errors/silent.md) have no message, so no cases.
"""

from __future__ import annotations

import warnings

from tests.error_cases import Case

N, T, D, M, K = 7, 9, 11, 13, 3

AXES = "errors/keras.md#input-0-with-name-of-layer-is-incompatible-with-the-layer-"
NDIM_2 = AXES + "expected-ndim3-found-ndim2-full-shape-received"
NDIM_4 = AXES + "expected-ndim3-found-ndim4-full-shape-received"
NDIM_3 = AXES + "expected-ndim2-found-ndim3-full-shape-received"
MIN_NDIM = AXES + "expected-min_ndim3-found-ndim2-full-shape-received"
TIME_DISTRIBUTED = (
    "errors/keras.md#timedistributed-layer-should-be-passed-an-input_shape-with-at-least-3-dimensions"
)

SIZES = "errors/keras-sizes.md#"
INVALID_INPUT = (
    SIZES + "invalid-input-shape-for-input-expected-shape-but-input-has-incompatible-shape"
)
EXPECTED_SHAPE = (
    SIZES + "input-0-with-name-of-layer-is-incompatible-with-the-layer-expected-shape-found-shape"
)
MATRIX = SIZES + "matrix-size-incompatible-in0-in1"
MATMUL_DIMS = SIZES + "dimensions-must-be-equal-but-are-for-node-matmul-matmul-with-input-shapes"
CARDINALITY = (
    SIZES + "data-cardinality-is-ambiguous-make-sure-all-arrays-contain-the-same-number-of-samples"
)
RESHAPE = SIZES + "the-total-size-of-the-tensor-must-be-unchanged"

HEADS = "errors/keras-heads.md#"
SAME_RANK = HEADS + "arguments-target-and-output-must-have-the-same-rank-ndim"
SAME_SHAPE = HEADS + "arguments-target-and-output-must-have-the-same-shape"
SPARSE_RANK = HEADS + "argument-output-must-have-rank-ndim-targetndim-1"
LABEL_RANGE = HEADS + "received-a-label-value-of-which-is-outside-the-valid-range-of"
MSE_BROADCAST = HEADS + "graph-execution-error-incompatible-shapes-vs-compile_lossmsesub"
MSE_DIMS = (
    HEADS + "dimensions-must-be-equal-but-are-for-node-compile_lossmsesub-sub-with-input-shapes"
)
MERGE_NONE = HEADS + "layer-dense-expects-1-inputs-but-it-received-2-input-tensors"

STATES = "errors/keras-states.md#"
ONE_STATE = STATES + "exception-encountered-when-calling-lstmcall-list-index-out-of-range"
TOO_FEW_LEAVES = STATES + "too-few-leaves-for-pytreespec"
ADD_V2 = STATES + "function_node-__wrapped__addv2_device_-incompatible-shapes-vs-opaddv2"
SPLIT = STATES + "number-of-ways-to-split-should-evenly-divide-the-split-dimension"
UNPACK = STATES + "too-many-values-to-unpack-expected-2"
STATIC_BATCH = STATES + (
    "when-using-statefultrue-in-a-rnn-the-batch-size-must-be-static-found-dynamic-batch-size"
)
BATCH_SIZE = STATES + (
    "if-an-rnn-is-stateful-the-batch-size-of-the-input-sequences-must-be-the-same-as-the-batch-"
    "size-of-the-initial-state"
)

UPGRADE = "errors/keras-upgrade.md#"
BATCH_INPUT_SHAPE = UPGRADE + "unrecognized-keyword-arguments-passed-to-lstm-batch_input_shape"
TIME_MAJOR = UPGRADE + "unrecognized-keyword-arguments-passed-to-lstm-time_major-true"
INPUT_LENGTH = UPGRADE + "unrecognized-keyword-arguments-passed-to-lstm-input_length"
RETURN_SEQUENCES = UPGRADE + "unrecognized-keyword-arguments-passed-to-dense-return_sequences-true"
INPUT_SHAPE_WARNING = UPGRADE + "do-not-pass-an-input_shapeinput_dim-argument-to-a-layer"
CUDNN = UPGRADE + "module-keraslayers-has-no-attribute-cudnnlstm"
WEIGHT_SHAPE = UPGRADE + "layer-weight-shape-is-not-compatible-with-provided-weight-shape"
WEIGHT_COUNT = UPGRADE + (
    "you-called-set_weightsweights-on-layer-with-a-weight-list-of-length-but-the-layer-was-"
    "expecting-weights"
)


def _zeros(*shape, dtype="float32"):
    import numpy as np

    return np.zeros(shape, dtype=dtype)


def _fit(layers, loss, y, name="regressor"):
    """One training step of a small model on N×T×D zeros."""
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D)), *layers], name=name)
    model.compile(optimizer="sgd", loss=loss)
    model.fit(_zeros(len(y), T, D), y, verbose=0)


# --- errors/keras.md: the number of axes ------------------------------------------------------


def _rnn_on_2d():
    import keras

    keras.layers.GRU(M, name="encoder")(_zeros(N, D))


def _stack_without_sequences():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)),
                      keras.layers.SimpleRNN(M, name="rnn_a"),
                      keras.layers.SimpleRNN(M, name="rnn_b")])


def _flatten_before_rnn():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)), keras.layers.Flatten(name="flat"),
                      keras.layers.LSTM(M, name="temporal")])


def _rnn_on_images():
    import keras

    keras.layers.LSTM(M, name="frames")(_zeros(N, 28, 28, 3))


def _embedding_on_3d_ids():
    import keras

    keras.Sequential([keras.Input(shape=(T, 1), dtype="int32"),
                      keras.layers.Embedding(50, 16, name="tokens"),
                      keras.layers.GRU(M, name="reader")])


def _repeat_vector_on_sequence():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)),
                      keras.layers.GRU(M, return_sequences=True, name="encoder"),
                      keras.layers.RepeatVector(4, name="repeat_vector")])


def _conv_after_last_step():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M, name="gru_enc"),
                      keras.layers.Conv1D(K, 2, name="conv_head")])


def _pooling_after_last_step():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M, name="gru_enc"),
                      keras.layers.GlobalAveragePooling1D(name="pool")])


def _time_distributed_after_last_step():
    import keras

    keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M, name="gru_enc"),
                      keras.layers.TimeDistributed(keras.layers.Dense(K), name="per_step")])


# --- errors/keras-sizes.md: input sizes --------------------------------------------------------


def _model_given_flat_rows():
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D), name="window"),
                              keras.layers.GRU(M)], name="forecaster")
    model(_zeros(N, T * D))


def _model_predict_given_n_by_t():
    import keras

    inputs = keras.Input(shape=(T, D), name="signal")
    model = keras.Model(inputs, keras.layers.LSTM(M)(inputs), name="classifier")
    model.predict(_zeros(N, T), verbose=0)


def _functional_other_d():
    import keras

    inputs = keras.Input(shape=(T, D), name="features")
    model = keras.Model(inputs, keras.layers.GRU(M)(inputs), name="tagger")
    model(_zeros(N, T, 4))


def _functional_other_t():
    import keras

    inputs = keras.Input(shape=(T, D), name="features")
    model = keras.Model(inputs, keras.layers.SimpleRNN(M)(inputs), name="tagger")
    model(_zeros(N, 12, D))


def _sequential_other_d():
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M, name="gru_x")])
    model(_zeros(N, T, 4))


def _state_other_m():
    import keras

    keras.layers.LSTM(M, name="decoder")(
        _zeros(N, T, D), initial_state=[_zeros(N, 5), _zeros(N, 5)])


def _predict_other_d():
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M, name="gru_x")],
                             name="forecaster")
    model.predict(_zeros(N, T, 4), verbose=0)


def _cardinality():
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D)), keras.layers.GRU(M)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(_zeros(N, T, D), _zeros(T, M), verbose=0)  # y made per step: T rows


def _reshape():
    import keras

    keras.Sequential([keras.Input(shape=(20,)), keras.layers.Reshape((T, D), name="to_steps"),
                      keras.layers.GRU(M)])


# --- errors/keras-heads.md: heads, targets and losses ------------------------------------------


def _sequence_head_against_one_hot():
    import keras
    import numpy as np

    _fit([keras.layers.GRU(M, return_sequences=True),
          keras.layers.Dense(K, activation="softmax", name="classes")],
         "categorical_crossentropy", np.eye(K)[np.arange(N) % K])


def _integer_labels_categorical():
    import keras
    import numpy as np

    _fit([keras.layers.GRU(M), keras.layers.Dense(K, activation="softmax")],
         "categorical_crossentropy", np.arange(N) % K)


def _one_hot_width():
    import keras
    import numpy as np

    _fit([keras.layers.LSTM(M), keras.layers.Dense(K + 2, activation="softmax")],
         "categorical_crossentropy", np.eye(K)[np.arange(N) % K])


def _binary_head_against_columns():
    import keras

    _fit([keras.layers.LSTM(M), keras.layers.Dense(1, activation="sigmoid")],
         "binary_crossentropy", _zeros(N, 4))


def _sparse_labels_against_sequence():
    import keras
    import numpy as np

    _fit([keras.layers.LSTM(M, return_sequences=True), keras.layers.Dense(K)],
         keras.losses.SparseCategoricalCrossentropy(from_logits=True), np.arange(N) % K)


def _sparse_loss_one_hot():
    import keras
    import numpy as np

    _fit([keras.layers.GRU(M), keras.layers.Dense(K)],
         "sparse_categorical_crossentropy", np.eye(K)[np.arange(N) % K])


def _label_out_of_range():
    import keras
    import numpy as np

    _fit([keras.layers.GRU(M), keras.layers.Dense(K)],
         keras.losses.SparseCategoricalCrossentropy(from_logits=True),
         np.arange(N) % K + 1)  # labels 1..K


def _mse_sequence_head():
    import keras

    _fit([keras.layers.LSTM(M, return_sequences=True), keras.layers.Dense(K)], "mse",
         _zeros(N, K))


def _mse_per_step_targets():
    import keras

    _fit([keras.layers.GRU(M), keras.layers.Dense(K, name="out")], "mse", _zeros(N, T))


def _dense_after_merge_none():
    import keras

    inputs = keras.Input(shape=(T, D))
    fwd_bwd = keras.layers.Bidirectional(keras.layers.GRU(M, return_sequences=True),
                                         merge_mode=None)(inputs)
    keras.layers.Dense(K, name="tagger_head")(fwd_bwd)


# --- errors/keras-states.md: states and stateful layers ----------------------------------------


def _lstm_one_state():
    import keras

    keras.layers.LSTM(M, name="decoder")(_zeros(N, T, D), initial_state=[_zeros(N, M)])


def _functional_lstm_one_state():
    import keras

    x, h = keras.Input(shape=(T, D)), keras.Input(shape=(M,))
    model = keras.Model([x, h], keras.layers.LSTM(M, name="decoder")(x, initial_state=[h]))
    model.predict([_zeros(N, T, D), _zeros(N, M)], verbose=0)


def _whole_return_state():
    import keras

    x = _zeros(N, T, D)
    encoded = keras.layers.LSTM(M, return_state=True, name="enc")(x)
    keras.layers.LSTM(M, name="dec")(x, initial_state=encoded)


def _state_other_n():
    import keras

    keras.layers.GRU(M, name="decoder")(_zeros(N, T, D), initial_state=[_zeros(3, M)])


def _state_with_layer_axis():
    import keras

    keras.layers.GRU(M, name="decoder")(_zeros(N, T, D), initial_state=[_zeros(2, N, M)])


def _sequence_as_state():
    import keras

    x = _zeros(N, T, D)
    seq, h = keras.layers.GRU(M, return_sequences=True, return_state=True)(x)
    keras.layers.GRU(M, name="decoder")(x, initial_state=[seq])


def _lstm_torch_states():
    import keras

    h_n = _zeros(2, N, M)  # nn.LSTM(num_layers=2)'s h_n
    keras.layers.LSTM(M, name="decoder")(_zeros(N, T, D), initial_state=[h_n, h_n])


def _unpack_lstm_in_two():
    import keras

    out, h = keras.layers.LSTM(M, return_state=True)(_zeros(N, T, D))


def _unpack_gru_in_three():
    import keras

    out, h, c = keras.layers.GRU(M, return_state=True)(_zeros(N, T, D))


def _stateful_without_batch_size():
    import keras

    keras.Sequential([keras.Input(shape=(None, D)),
                      keras.layers.GRU(M, stateful=True, name="gru_state")])


def _stateful_fit_default_batch():
    import keras

    model = keras.Sequential([keras.Input(shape=(T, D), batch_size=N),
                              keras.layers.GRU(M, stateful=True, name="gru_state")])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(_zeros(32, T, D), _zeros(32, M), verbose=0)


def _stateful_other_batch():
    import keras

    model = keras.Sequential([keras.Input(batch_shape=(N, T, D)),
                              keras.layers.SimpleRNN(M, stateful=True, name="carry")])
    model(_zeros(3, T, D))


# --- errors/keras-upgrade.md: Keras 2 code and ported weights ----------------------------------


def _batch_input_shape():
    import keras

    keras.layers.GRU(M, stateful=True, batch_input_shape=(N, T, D))


def _time_major():
    import keras

    keras.layers.GRU(M, return_sequences=True, time_major=True)


def _input_length():
    import keras

    keras.layers.SimpleRNN(M, input_length=T)


def _dense_return_sequences():
    import keras

    keras.layers.Dense(K, activation="softmax", return_sequences=True)


def _bidirectional_return_sequences():
    import keras

    keras.layers.Bidirectional(keras.layers.GRU(M), return_sequences=True)


def _input_shape_warning():
    import keras

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the warning, raised as an exception
        keras.layers.GRU(M, return_sequences=True, input_shape=(T, D))


def _input_dim_warning():
    import keras

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        keras.layers.SimpleRNN(M, input_dim=D)


def _cudnn_gru():
    import keras

    keras.layers.CuDNNGRU(M)


def _tf_keras_cudnn_lstm():
    import tensorflow as tf

    tf.keras.layers.CuDNNLSTM(M)


def _torch_weights(module):
    return [p.detach().numpy() for p in module.parameters()]


def _gru_not_transposed():
    import keras
    from torch import nn

    w = _torch_weights(nn.GRU(D, M))
    layer = keras.layers.GRU(M, name="ported_gru")
    layer.build((None, None, D))
    layer.set_weights([w[0], w[1], w[2] + w[3]])


def _gru_one_bias():
    import keras
    from torch import nn

    w = _torch_weights(nn.GRU(D, M))
    layer = keras.layers.GRU(M, name="ported_gru")
    layer.build((None, None, D))
    layer.set_weights([w[0].T, w[1].T, w[2] + w[3]])


def _four_arrays():
    import keras
    from torch import nn

    w = _torch_weights(nn.LSTM(D, M))
    layer = keras.layers.LSTM(M, name="ported_lstm")
    layer.build((None, None, D))
    layer.set_weights([w[0].T, w[1].T, w[2], w[3]])


def _weights_before_build():
    import keras
    from torch import nn

    w = _torch_weights(nn.RNN(D, M))
    keras.layers.SimpleRNN(M, name="ported_rnn").set_weights([w[0].T, w[1].T, w[2] + w[3]])


CASES = [
    # errors/keras.md
    Case(NDIM_2, make=_rnn_on_2d),
    Case(NDIM_2, make=_stack_without_sequences),
    Case(NDIM_2, make=_flatten_before_rnn),
    Case(NDIM_2, make=_pooling_after_last_step),
    Case(NDIM_2, text="ValueError: Input 0 is incompatible with layer lstm_1: expected ndim=3, "
                      "found ndim=2"),
    Case(NDIM_2, text="ValueError: Input 0 of layer sequential is incompatible with the layer: "
                      "expected ndim=3, found ndim=2. Full shape received: (1, 60)"),
    Case(NDIM_2, text="ValueError: Input 0 of layer lstm is incompatible with the layer: "
                      "expected ndim=3, found ndim=2. Full shape received: (None, 10)"),
    Case(NDIM_2, text='ValueError: Input 0 of layer "lstm" is incompatible with the layer: '
                      "expected ndim=3, found ndim=2. Full shape received: (None, 10)"),
    Case(NDIM_2, text="Exception: Error when checking model input: expected lstm_input_9 to have "
                      "3 dimensions, but got array with shape (100, 9)"),
    Case(NDIM_4, make=_rnn_on_images),
    Case(NDIM_4, make=_embedding_on_3d_ids),
    Case(NDIM_4, text="ValueError: Input 0 is incompatible with layer lstm_33: expected ndim=3, "
                      "found ndim=4"),
    Case(NDIM_4, text="ValueError: Input 0 of layer lstm_112 is incompatible with the layer: "
                      "expected ndim=3, found ndim=4. Full shape received: (1, 72, 110907, 200)"),
    Case(NDIM_4, text='ValueError: Input 0 of layer "lstm" is incompatible with the layer: '
                      "expected ndim=3, found ndim=4. Full shape received: (None, 1, XX, XX)"),
    Case(NDIM_3, make=_repeat_vector_on_sequence),
    Case(NDIM_3, text="ValueError: Input 0 is incompatible with layer dense_1: expected ndim=2, "
                      "found ndim=3"),
    Case(MIN_NDIM, make=_conv_after_last_step),
    Case(TIME_DISTRIBUTED, make=_time_distributed_after_last_step),
    Case(TIME_DISTRIBUTED, text="ValueError: `TimeDistributed` Layer should be passed an "
                                "`input_shape ` with at least 3 dimensions, received: (None, 64)"),
    # errors/keras-sizes.md
    Case(INVALID_INPUT, make=_model_given_flat_rows),
    Case(INVALID_INPUT, make=_model_predict_given_n_by_t),
    Case(INVALID_INPUT, text="WARNING:tensorflow:Model was constructed with shape (None, 10000, 3) "
                             "for input KerasTensor(type_spec=TensorSpec(shape=(None, 10000, 3), "
                             "dtype=tf.float32, name='lstm_16_input'), name='lstm_16_input', "
                             "description=\"created by layer 'lstm_16_input'\"), but it was "
                             "called on an input with incompatible shape"),
    Case(EXPECTED_SHAPE, make=_functional_other_d),
    Case(EXPECTED_SHAPE, make=_functional_other_t),
    Case(EXPECTED_SHAPE, text="ValueError: Input 0 is incompatible with layer model: expected "
                              "shape=(None, 9, 4), found shape=(9, 4)"),
    Case(EXPECTED_SHAPE, text='ValueError: Input 0 of layer "sequential" is incompatible with the '
                              "layer: expected shape=(None, 1, 4), found shape=(None, 1, 34)"),
    Case(EXPECTED_SHAPE, text='ValueError: Input 0 of layer "sequential" is incompatible with the '
                              "layer: expected shape=(None, 219566, 6), found shape=(None, 6)"),
    Case(MATRIX, make=_sequential_other_d),
    Case(MATRIX, make=_state_other_m),
    Case(MATRIX, text="InvalidArgumentError:  Matrix size-incompatible: In[0]: [32,18000], "
                      "In[1]: [18286,256]\n\t [[node sequential/LSTM_1/lstm_cell/MatMul (defined "
                      "at <ipython-input-7-36997f53d4b2>:19) ]] "
                      "[Op:__inference_train_function_6985]"),
    Case(MATMUL_DIMS, make=_predict_other_d),
    Case(MATMUL_DIMS, text="ValueError: Dimensions must be equal, but are 10 and 5 for '{{node "
                           "MatMul}} = MatMul[T=DT_FLOAT, transpose_a=false, transpose_b=false]"
                           "(strided_slice_1, "),
    Case(MATMUL_DIMS, text="InvalidArgumentError: Dimensions must be equal, but are 128 and 65 "
                           "for 'rnn/while/rnn/multi_rnn_cell/cell_0/lstm_cell/MatMul_1' (op: "
                           "'MatMul') with input shapes: [?,128], [65,256]."),
    Case(CARDINALITY, make=_cardinality),
    Case(CARDINALITY, text="ValueError: Data cardinality is ambiguous:\n  x sizes: 55008\n"
                           "  y sizes: 19646\nMake sure all arrays contain the same number of "
                           "samples."),
    Case(CARDINALITY, text="ValueError: Data cardinality is ambiguous: x sizes: 60000 y sizes: "
                           "10000 Please provide data which shares the same first dimension."),
    Case(CARDINALITY, text="ValueError: Input arrays should have the same number of samples as "
                           "target arrays. Found 2520 input samples and 4575 target samples."),
    Case(RESHAPE, make=_reshape),
    Case(RESHAPE, text="ValueError: total size of new array must be unchanged"),
    Case(RESHAPE, text="ValueError: total size of new array must be unchanged, input_shape = "
                       "[50, 50, 64], output_shape = [50, 768]"),
    # errors/keras-heads.md
    Case(SAME_RANK, make=_sequence_head_against_one_hot),
    Case(SAME_RANK, make=_integer_labels_categorical),
    Case(SAME_RANK, text="ValueError: A target array with shape (6682, 2) was passed for an "
                         "output of shape (None, 15, 2) while using as loss "
                         "`categorical_crossentropy`. This loss expects targets to have the same "
                         "shape as the output."),
    Case(SAME_RANK, text="ValueError: Error when checking model target: expected "
                         "time_distributed_1 to have 3 dimensions, but got array with shape "
                         "(1822, 1)"),
    Case(SAME_SHAPE, make=_one_hot_width),
    Case(SAME_SHAPE, make=_binary_head_against_columns),
    Case(SAME_SHAPE, text="ValueError: Shapes (None, 8) and (None, 7) are incompatible"),
    Case(SAME_SHAPE, text="ValueError: `logits` and `labels` must have the same shape, received "
                          "((32, 5) vs (32, 1))."),
    Case(SPARSE_RANK, make=_sparse_labels_against_sequence),
    Case(SPARSE_RANK, make=_sparse_loss_one_hot),
    Case(SPARSE_RANK, text="Node: 'sparse_categorical_crossentropy/SparseSoftmaxCrossEntropyWith"
                           "Logits/SparseSoftmaxCrossEntropyWithLogits'\nlogits and labels must "
                           "have the same first dimension, got logits shape [32,271573] and "
                           "labels shape [960]"),
    Case(LABEL_RANGE, make=_label_out_of_range),
    Case(LABEL_RANGE, text="InvalidArgumentError: Received a label value of 3 which is outside "
                           "the valid range of [0, 3).  Label values: 2 2 3 1 1 2 3 3"),
    Case(MSE_BROADCAST, make=_mse_sequence_head),
    Case(MSE_BROADCAST, text='details = "Failed to run computation: {{function_node '
                             "__forward_forward_pass_5516}} {{function_node "
                             "__forward_forward_pass_5516}} Incompatible shapes: [32,12] vs. "
                             "[32,998,12]"),
    Case(MSE_BROADCAST, text="InvalidArgumentError (see above for traceback): Incompatible "
                             "shapes: [2,65,1] vs. [2,100,65]"),
    Case(MSE_DIMS, make=_mse_per_step_targets),
    Case(MERGE_NONE, make=_dense_after_merge_none),
    # errors/keras-states.md
    Case(ONE_STATE, make=_lstm_one_state),
    Case(ONE_STATE, make=_functional_lstm_one_state),
    Case(ONE_STATE, text="ValueError: An `initial_state` was passed that is not compatible with "
                         "`cell.state_size`. Received `state_spec`=[InputSpec(shape=(None, 8), "
                         "ndim=2), InputSpec(shape=(None, 8), ndim=2), InputSpec(shape=(None, 8), "
                         "ndim=2), InputSpec(shape=(None, 8), ndim=2), InputSpec(shape=(None, 8), "
                         "ndim=2), InputSpec(shape=(None, 8), ndim=2)]; however "
                         "`cell.state_size` is [[8, 8], [8, 8], [8, 8]]"),
    Case(TOO_FEW_LEAVES, make=_whole_return_state),
    Case(ADD_V2, make=_state_other_n),
    Case(ADD_V2, make=_state_with_layer_axis),
    Case(ADD_V2, make=_sequence_as_state),
    Case(ADD_V2, text="ValueError: An `initial_state` was passed that is not compatible with "
                      "`cell.state_size`. Received `state_spec`=ListWrapper([InputSpec(shape="
                      "(None, 9, 128), ndim=3), InputSpec(shape=(None, 128), ndim=2)]); however "
                      "`cell.state_size` is [128]"),
    Case(SPLIT, make=_lstm_torch_states),
    Case(UNPACK, make=_unpack_lstm_in_two),
    Case(UNPACK, make=_unpack_gru_in_three),
    Case(STATIC_BATCH, make=_stateful_without_batch_size),
    Case(STATIC_BATCH, text="ValueError: If a RNN is stateful, it needs to know its batch size. "
                            "Specify the batch size of your input tensors: \n- If using a "
                            "Sequential model, specify the batch size by passing a "
                            "`batch_input_shape` argument to your first layer.\n- If using the "
                            "functional API, specify the batch size by passing a `batch_shape` "
                            "argument to your Input layer."),
    Case(STATIC_BATCH, text="Exception: If a RNN is stateful, a complete input_shape must be "
                            "provided (including batch size)."),
    Case(BATCH_SIZE, make=_stateful_fit_default_batch),
    Case(BATCH_SIZE, make=_stateful_other_batch),
    # errors/keras-upgrade.md
    Case(BATCH_INPUT_SHAPE, make=_batch_input_shape),
    Case(BATCH_INPUT_SHAPE, text="ValueError: Unrecognized keyword arguments passed to LSTM: "
                                 "{'batch_input_shape': (1, 1, 7)}"),
    Case(BATCH_INPUT_SHAPE, text="ValueError: Unrecognized keyword arguments passed to Embedding: "
                                 "{'batch_input_shape': [32, None]}"),
    Case(BATCH_INPUT_SHAPE, text="ValueError: Unrecognized keyword arguments passed to LSTM: "
                                 "{'batch_size': 1}"),
    Case(TIME_MAJOR, make=_time_major),
    Case(INPUT_LENGTH, make=_input_length),
    Case(INPUT_LENGTH, text="ValueError: Unrecognized keyword arguments passed to LSTM: "
                            "{'input_length': 1}"),
    Case(RETURN_SEQUENCES, make=_dense_return_sequences),
    Case(RETURN_SEQUENCES, make=_bidirectional_return_sequences),
    Case(INPUT_SHAPE_WARNING, make=_input_shape_warning),
    Case(INPUT_SHAPE_WARNING, make=_input_dim_warning),
    Case(CUDNN, make=_cudnn_gru),
    Case(CUDNN, make=_tf_keras_cudnn_lstm),
    Case(CUDNN, text="AttributeError: module 'tensorflow.keras.layers' has no attribute "
                     "'CuDNNLSTM'"),
    Case(CUDNN, text="ImportError: cannot import name 'CuDNNLSTM' from 'keras.layers'"),
    Case(WEIGHT_SHAPE, make=_gru_not_transposed),
    Case(WEIGHT_SHAPE, make=_gru_one_bias),
    Case(WEIGHT_SHAPE, text="ValueError: Layer weight shape (3, 3, 256, 256) not compatible with "
                            "provided weight shape (3, 3, 128, 256)"),
    Case(WEIGHT_COUNT, make=_four_arrays),
    Case(WEIGHT_COUNT, make=_weights_before_build),
]
