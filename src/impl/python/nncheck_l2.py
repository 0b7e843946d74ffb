"""nncheck's own L2, added for networks whose code has none (layer classes, networks kept in
attributes, loss_and_grads functions): lam/(2N)·(ΣW1² + ΣW2²), its gradient lam/N·W on W1 and
W2 (parameters in the order W1, b1, W2, b2; biases free), the reference's convention."""


def penalty(params, n, lam):
    import numpy as np
    return lam / (2.0 * n) * (np.sum(params[0] ** 2) + np.sum(params[2] ** 2))


def with_gradient(grads, params, n, lam):
    """The four gradients with the penalty's gradient added to those of W1 and W2."""
    return [grads[0] + lam / n * params[0], grads[1], grads[2] + lam / n * params[2], grads[3]]
