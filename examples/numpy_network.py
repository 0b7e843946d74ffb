"""A correct one-hidden-layer classifier in NumPy, written to nncheck's functional contract.

    nncheck check examples/numpy_network.py
"""
import numpy as np

ACTIVATION = "relu"
LAYOUT = "separate"


def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    W1 = rng.normal(0.0, np.sqrt(2.0 / D), size=(D, H))
    W2 = rng.normal(0.0, np.sqrt(2.0 / H), size=(H, K))
    return [W1, np.zeros(H), W2, np.zeros(K)]


def _hidden(params, X):
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    return z1, np.maximum(z1, 0.0)


def _log_softmax(z):
    shifted = z - z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def forward(params, X):
    W1, b1, W2, b2 = params
    _, a1 = _hidden(params, X)
    return np.exp(_log_softmax(a1 @ W2 + b2))


def loss(params, X, Y, lam):
    W1, b1, W2, b2 = params
    _, a1 = _hidden(params, X)
    n = X.shape[0]
    data = -(Y * _log_softmax(a1 @ W2 + b2)).sum() / n
    return data + lam / (2 * n) * ((W1 ** 2).sum() + (W2 ** 2).sum())


def gradients(params, X, Y, lam):
    W1, b1, W2, b2 = params
    z1, a1 = _hidden(params, X)
    n = X.shape[0]
    d2 = (np.exp(_log_softmax(a1 @ W2 + b2)) - Y) / n
    dz1 = (d2 @ W2.T) * (z1 > 0)
    return [X.T @ dz1 + lam / n * W1, dz1.sum(axis=0), a1.T @ d2 + lam / n * W2, d2.sum(axis=0)]


def train(X, Y, H, epochs, lr=None, lam=0.0, seed=0):
    lr = 0.01 if lr is None else lr
    rng = np.random.default_rng(seed)
    params = init_params(X.shape[1], H, Y.shape[1], seed)
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        for s in range(0, X.shape[0], 32):
            idx = order[s:s + 32]
            grads = gradients(params, X[idx], Y[idx], lam)
            params = [p - lr * g for p, g in zip(params, grads)]
    return params
