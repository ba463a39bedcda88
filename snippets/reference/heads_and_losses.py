"""Encoder-decoder (seq2seq) shapes in PyTorch and Keras, for docs/reference/heads-and-losses.md.

The encoder reads N x T_in x D and hands its final state to the decoder, which reads
N x T_out x D_out (teacher forcing: the previous target at each step) and returns
N x T_out x K logits. T_in and T_out differ on purpose, so that they cannot be confused.
Run as a script, it checks every shape and prints them.

The page shows each framework's section alone, so that a reader can paste it into a fresh
interpreter: each section carries its own imports and sizes (hence the imports below the top).
"""
# ruff: noqa: E402

# --8<-- [start:torch]
import torch
from torch import nn

N, T_IN, T_OUT, D, D_OUT, M, K = 2, 5, 7, 3, 8, 4, 6
torch.manual_seed(0)
encoder = nn.GRU(D, M, batch_first=True)
decoder = nn.GRU(D_OUT, M, batch_first=True)
head = nn.Linear(M, K)
source = torch.randn(N, T_IN, D)
target_in = torch.randn(N, T_OUT, D_OUT)  # decoder input: e.g. shifted targets

_, h_enc = encoder(source)  # (1, N, M): T_in is gone
dec_out, _ = decoder(target_in, h_enc)  # starts from the encoder's state
logits = head(dec_out)  # (N, T_out, K)

assert h_enc.shape == (1, N, M), h_enc.shape
assert dec_out.shape == (N, T_OUT, M), dec_out.shape
assert logits.shape == (N, T_OUT, K), logits.shape
# --8<-- [end:torch]
assert not torch.allclose(dec_out, decoder(target_in)[0]), "the encoder state must matter"
torch_shapes = [tuple(source.shape), tuple(h_enc.shape), tuple(logits.shape)]

# --8<-- [start:keras]
import keras
import numpy as np

N, T_IN, T_OUT, D, D_OUT, M, K = 2, 5, 7, 3, 8, 4, 6
keras.utils.set_random_seed(0)
source = keras.Input(shape=(T_IN, D), name="source")
target_in = keras.Input(shape=(T_OUT, D_OUT), name="target_in")
encoder = keras.layers.GRU(M, return_state=True, name="encoder")
_, h_enc = encoder(source)  # (out, h): keep h
decoder = keras.layers.GRU(M, return_sequences=True, name="decoder")
dec_out = decoder(target_in, initial_state=[h_enc])  # from the encoder's h
logits = keras.layers.Dense(K, name="head")(dec_out)
model = keras.Model([source, target_in], logits)

rng = np.random.default_rng(0)
x_src = rng.normal(size=(N, T_IN, D)).astype("float32")
x_tgt = rng.normal(size=(N, T_OUT, D_OUT)).astype("float32")
h = keras.Model(source, h_enc).predict(x_src, verbose=0)  # N×M: no layer axis
y = model.predict([x_src, x_tgt], verbose=0)  # (N, T_out, K)

assert h.shape == (N, M), h.shape
assert y.shape == (N, T_OUT, K), y.shape
# --8<-- [end:keras]
from_zeros = model.get_layer("head")(model.get_layer("decoder")(x_tgt))
assert not np.allclose(y, from_zeros), "the encoder state must matter"
keras_shapes = [x_src.shape, h.shape, y.shape]

if __name__ == "__main__":
    for name, (src, state, out) in (("PyTorch", torch_shapes), ("Keras", keras_shapes)):
        print(f"{name:8} source {src} -> encoder state {state} -> logits {out}")
