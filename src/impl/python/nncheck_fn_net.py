"""Functional networks whose loss and gradients come from one function, the way many courses and
blog posts write them: init_params(n_in, n_hidden, n_out[, seed]) returning a dict (or list) of
W1, b1, W2, b2; forward(params, X) returning probabilities, log-probabilities or scores (alone or
with a cache); and loss_and_grads(params, X, y[, reg]) returning (loss, grads). The output's kind
and the labels' form (indices or one-hot) are probed once; anything the probe cannot settle is a
setup error naming what it found. Without a regularisation argument nncheck adds its own L2
(lam/(2N)·(ΣW1² + ΣW2²)), as for layer classes.
"""
import inspect

import nncheck_l2
from nncheck_calls import Unreadable as ReturnedUnreadable, number, pair, picked, shown_value

INIT = ("init_params", "initialize_parameters", "initialise_parameters", "init_parameters", "init_weights",
        "initialize_weights", "init_network")
FORWARD = ("forward", "forward_pass", "forward_propagation", "feedforward", "feed_forward")
LOSS_GRADS = ("loss_and_grads", "loss_and_gradients", "loss_and_grad", "loss_and_gradient", "loss_grads",
              "loss_grad", "compute_loss_and_grads", "compute_loss_and_gradients", "cost_and_grads",
              "cost_and_gradients", "value_and_grad")
ORDER = ("W1", "b1", "W2", "b2")
PROBE = (5, 4, 3)


def _np():
    import numpy as np
    return np


def _function(module, names):
    for n in names:
        fn = getattr(module, n, None)
        if inspect.isfunction(fn) and fn.__module__ == "user_network":
            return fn
    return None


def candidate(module):
    """True when the module has an init, a forward and a loss-and-gradients function by name."""
    return all(_function(module, names) for names in (INIT, FORWARD, LOSS_GRADS))


class Unreadable(Exception):
    """The functions cannot be read as one network: the message says what was found."""


def _arity(fn):
    return [p for p in inspect.signature(fn).parameters.values()
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


class FnNet:
    shape = "functions"

    def __init__(self, module):
        self.init_fn, self.forward_fn = _function(module, INIT), _function(module, FORWARD)
        self.loss_grads_fn = _function(module, LOSS_GRADS)
        args = _arity(self.init_fn)
        self.seed_arg = len(args) >= 4 or any(p.name in ("seed", "random_state") for p in args)
        lg = _arity(self.loss_grads_fn)
        if len(lg) < 3:
            raise Unreadable("%s() takes %d arguments, not (params, X, y[, reg])"
                             % (self.loss_grads_fn.__name__, len(lg)))
        self.reg_arg = lg[3].name if len(lg) >= 4 else None
        self.keys, self.is_dict, self.ndims = None, False, None
        self.output, self.onehot = self.probe()

    def describe(self):
        return dict(fnNet=dict(init=self.init_fn.__name__, forward=self.forward_fn.__name__,
                               lossGrads=self.loss_grads_fn.__name__, output=self.output,
                               labels="one-hot" if self.onehot else "indices", reg=self.reg_arg,
                               seeded=self.seed_arg))

    def init_params(self, D, H, K, seed):
        np = _np()
        np.random.seed(seed)
        out = self.init_fn(D, H, K, seed) if self.seed_arg else self.init_fn(D, H, K)
        if isinstance(out, dict):
            self.is_dict = True
            self.keys = list(ORDER) if all(k in out for k in ORDER) else list(out.keys())
            arrays = [out[k] for k in self.keys]
        else:
            arrays = list(out)
        if len(arrays) != 4:
            raise Unreadable("%s() returned %d arrays, not W1, b1, W2, b2" % (self.init_fn.__name__, len(arrays)))
        self.ndims = [np.ndim(a) for a in arrays]
        return arrays

    def state(self):
        return dict(keys=self.keys, is_dict=self.is_dict, ndims=self.ndims)

    def restore(self, state):
        self.keys, self.is_dict, self.ndims = state.get("keys"), state.get("is_dict"), state.get("ndims")

    def params_in(self, params):
        """The arrays as init returned them: a bias 1-D or one row."""
        ndims = self.ndims or [a.ndim for a in params]
        return [a.reshape(-1) if nd == 1 else a for a, nd in zip(params, ndims)]

    def user(self, params):
        arrays = self.params_in(params)
        return dict(zip(self.keys, arrays)) if self.is_dict else arrays

    def _raw(self, params, X):
        out = self.forward_fn(self.user(params), X)
        return _np().asarray(out[0] if isinstance(out, tuple) else out, dtype=float)

    def forward(self, params, X):
        np = _np()
        out = self._raw(params, X)
        if self.output == "probabilities":
            return out
        if self.output == "log-probabilities":
            return np.exp(out)
        e = np.exp(out - out.max(axis=1, keepdims=True))
        return e / e.sum(axis=1, keepdims=True)

    def _labels(self, Y):
        return Y if self.onehot else _np().argmax(Y, axis=1)

    def _call(self, params, X, Y, lam):
        extra = [lam] if self.reg_arg else []
        return self.loss_grads_fn(self.user(params), X, self._labels(Y), *extra)

    def loss(self, params, X, Y, lam):
        what = "%s()" % self.loss_grads_fn.__name__
        value, _ = pair(self._call(params, X, Y, lam), what)
        own = 0.0 if self.reg_arg else nncheck_l2.penalty(params, X.shape[0], lam)
        return number(value, what) + own

    def gradients(self, params, X, Y, lam):
        what = "%s()" % self.loss_grads_fn.__name__
        _, g = pair(self._call(params, X, Y, lam), what)
        if isinstance(g, dict):
            g = picked(g, self.keys or list(ORDER), what)
        if not isinstance(g, (list, tuple)) or len(g) != 4 or any(x is None for x in g):
            raise ReturnedUnreadable("%s returned %s for the gradients, not one array for each of W1, b1, W2, b2"
                                     % (what, shown_value(g)))
        g = list(g)
        if self.reg_arg:
            return g
        return nncheck_l2.with_gradient(g, params, X.shape[0], lam)

    def probe(self):
        """The forward output's kind and the labels' form, from one small generated problem."""
        np = _np()
        D, H, K = PROBE
        rng = np.random.RandomState(0)
        X, y = rng.randn(6, D), np.arange(6) % K
        params = [np.asarray(a, dtype=float) for a in self.init_params(D, H, K, 0)]
        out = self._raw(params, X)
        if out.shape != (6, K):
            raise Unreadable("%s() returned shape %s for 6 rows and %d classes"
                             % (self.forward_fn.__name__, out.shape, K))
        if np.all(out >= 0) and np.allclose(out.sum(axis=1), 1):
            output = "probabilities"
        elif np.all(out <= 0) and np.allclose(np.exp(out).sum(axis=1), 1):
            output = "log-probabilities"
        else:
            output = "scores"
        errors = []
        for onehot in (False, True):
            self.onehot = onehot
            try:
                value, grads = self._call(params, X, np.eye(K)[y], 0.0)
                if np.isfinite(float(np.asarray(value, dtype=float).reshape(-1)[0])) and len(grads) == 4:
                    return output, onehot
                errors.append("%s labels: loss %r" % ("one-hot" if onehot else "index", value))
            except Exception as e:  # noqa: BLE001 - the other form is tried, then both are named
                errors.append("%s labels: %s: %s" % ("one-hot" if onehot else "index", type(e).__name__, e))
        raise Unreadable("%s() takes neither index nor one-hot labels (%s)"
                         % (self.loss_grads_fn.__name__, "; ".join(errors)))


def detect(module, setup_error):
    """The module's FnNet; a setup error saying why when its functions cannot be read as one network."""
    try:
        return FnNet(module)
    except Exception as e:  # noqa: BLE001 - Unreadable, or the user's code failing on the probe
        setup_error("fn-net", "the file has %s, %s and %s, but they cannot be read as one network: %s: %s"
                    % (_function(module, INIT).__name__, _function(module, FORWARD).__name__,
                       _function(module, LOSS_GRADS).__name__, type(e).__name__, e),
                    "give the file the functions init_params, forward, loss and gradients (see the README)")
