"""The motivating network: fine with sigmoid, 30-40% with ReLU. Four defects, each invisible
by eye; `nncheck check examples/numpy_four_defects.py` names all four in one run.

1. the printed cost is binary cross-entropy summed over classes, but the gradient is that of
   categorical cross-entropy on the softmax ((p - y)/N): the cost printed is not the one descended;
2. the forward pass is a leaky ReLU, the backward pass uses the hard-ReLU derivative;
3. softmax subtracts one global max: rows far below it underflow to 0/0 = NaN;
4. train() keeps the learning rate tuned for sigmoid (0.5) on raw 0..16 pixels: units die.
"""
import numpy as np

ACTIVATION = "leaky_relu"
LEAKY_SLOPE = 0.01


def init_params(D, H, K, seed):
    rng = np.random.default_rng(seed)
    return [rng.normal(0, np.sqrt(2.0 / D), (D, H)), np.zeros(H), rng.normal(0, np.sqrt(2.0 / H), (H, K)), np.zeros(K)]


def softmax(z):
    e = np.exp(z - z.max())  # defect 3: one global max for the whole batch
    return e / e.sum(axis=1, keepdims=True)


def forward(params, X):
    W1, b1, W2, b2 = params
    z1 = X @ W1 + b1
    a1 = np.where(z1 > 0, z1, LEAKY_SLOPE * z1)
    return softmax(a1 @ W2 + b2)


def loss(params, X, Y, lam):
    W1, b1, W2, b2 = params
    p = forward(params, X)
    n = X.shape[0]
    bce = -(Y * np.log(p) + (1 - Y) * np.log(1 - p)).sum() / n  # defect 1
    return bce + lam / (2 * n) * ((W1 ** 2).sum() + (W2 ** 2).sum())


def gradients(params, X, Y, lam):
    W1, b1, W2, b2 = params
    n = X.shape[0]
    z1 = X @ W1 + b1
    a1 = np.where(z1 > 0, z1, LEAKY_SLOPE * z1)
    d2 = (softmax(a1 @ W2 + b2) - Y) / n
    dz1 = (d2 @ W2.T) * (z1 > 0)  # defect 2: hard-ReLU derivative under a leaky forward
    return [X.T @ dz1 + lam / n * W1, dz1.sum(axis=0), a1.T @ d2 + lam / n * W2, d2.sum(axis=0)]


def train(X, Y, H, epochs, lr=None, lam=0.0, seed=0):
    lr = 0.5 if lr is None else lr  # defect 4: the rate that suited sigmoid, on raw pixels
    rng = np.random.default_rng(seed)
    params = init_params(X.shape[1], H, Y.shape[1], seed)
    for _ in range(epochs):
        order = rng.permutation(X.shape[0])
        for s in range(0, X.shape[0], 32):
            idx = order[s:s + 32]
            params = [p - lr * g for p, g in zip(params, gradients(params, X[idx], Y[idx], lam))]
    return params
