"""The functional contract: module functions init_params(D, H, K, seed), forward(params, X),
loss(params, X, Y, lam) and gradients(params, X, Y, lam), read as people write them.

- params as init_params returns them: a list (or tuple) of arrays, or a dict ({'W1': ..., 'b1':
  ...}). A dict's keys and order are learned from init_params (W1, b1, W2, b2 first when it has
  them) and every later call gets a dict built the same way; gradients may return a dict keyed the
  same way (or 'dW1'...) or a list.
- forward may return the probabilities alone or with a cache ((probs, cache)).
- labels one-hot (the contract), or class indices when that is what loss and gradients take: a
  probe on the first init_params tries one-hot first, then indices, on a small generated problem.
Named nncheck_functional so a user's own module cannot shadow it.
"""
from nncheck_calls import Unreadable, call, shown_value

FUNCTIONAL_FIX = ("nncheck checks module functions through init_params(D, H, K, seed), forward(params, X), "
                  "loss(params, X, Y, lam) and gradients(params, X, Y, lam): give them those parameters, "
                  "or check a function pair with nncheck grad")
ORDER = ("W1", "b1", "W2", "b2")


class Functional:
    shape = "functional"

    def __init__(self, m):
        self.m = m
        self.ndims = None
        self.keys = None  # the dict's keys when init_params returns a dict, else None (a list)
        self.labels = None  # "one-hot" or "indices", from the probe on the first init_params

    def params_in(self, arrays):
        """The arrays shaped as init_params returned them: biases 1-D when they were."""
        if self.ndims is None:
            return arrays
        return [a.reshape(-1) if nd == 1 else a for a, nd in zip(arrays, self.ndims)]

    def user(self, arrays):
        """The params argument as init_params returned it: a list, or a dict with its keys in its order."""
        shaped = self.params_in(arrays)
        return dict(zip(self.keys, shaped)) if self.keys else shaped

    def init_params(self, D, H, K, seed):
        out = call(self.m.init_params, "init_params(D, H, K, seed)", FUNCTIONAL_FIX, D, H, K, seed)
        if isinstance(out, dict):
            keys = list(ORDER) + [k for k in out if k not in ORDER] if all(k in out for k in ORDER) else list(out)
            if self.keys is None:
                self.keys = keys
            out = [out[k] for k in self.keys if k in out]
        if out is not None and self.ndims is None:
            self.ndims = [getattr(a, "ndim", 2) for a in out]
        if out is not None and self.labels is None:
            self.labels = self.probe_labels(out, D, K)
        return out

    def state(self):
        return dict(ndims=self.ndims, keys=self.keys, labels=self.labels)

    def restore(self, state):
        """After a restart: what init_params taught the bridge (bias shapes, dict keys, label form)."""
        self.ndims, self.keys, self.labels = state.get("ndims"), state.get("keys"), state.get("labels")

    def user_labels(self, Y):
        return Y.argmax(axis=1) if self.labels == "indices" else Y

    def forward(self, params, X):
        out = call(self.m.forward, "forward(params, X)", FUNCTIONAL_FIX, self.user(params), X)
        return out[0] if isinstance(out, tuple) and out and hasattr(out[0], "shape") else out

    def loss(self, params, X, Y, lam):
        return call(self.m.loss, "loss(params, X, Y, lam)", FUNCTIONAL_FIX, self.user(params), X,
                    self.user_labels(Y), lam)

    def gradients(self, params, X, Y, lam):
        g = call(self.m.gradients, "gradients(params, X, Y, lam)", FUNCTIONAL_FIX, self.user(params), X,
                 self.user_labels(Y), lam)
        if not isinstance(g, dict):
            return g
        keys = self.keys or list(ORDER)
        missing = [k for k in keys if k not in g and "d" + str(k) not in g]
        if missing:
            raise Unreadable("gradients() returned %s, without %s: nncheck reads a gradients dict keyed "
                             "like params (%s)" % (shown_value(g), ", ".join(map(repr, missing)),
                                                   ", ".join(map(repr, keys))))
        return [g[k] if k in g else g["d" + str(k)] for k in keys]

    def train(self, X, Y, H, epochs, lr, lam, seed):
        return self.m.train(X, self.user_labels(Y), H, epochs, lr=lr, lam=lam, seed=seed)

    def probe_labels(self, arrays, D, K):
        """The label form loss and gradients take: one-hot rows (the contract) when both take them,
        else class indices when both take those; else the first form loss alone takes (a gradients
        bug is then reported as what it is, not as labels of the wrong form); else one-hot."""
        import numpy as np
        rng = np.random.RandomState(0)
        N = K + 3  # neither 1 nor K: index labels read as one-hot rows (or the reverse) cannot broadcast
        X, Y = rng.randn(N, D), np.eye(K)[np.arange(N) % K]
        try:
            params = [np.array(a, dtype=np.float64) for a in arrays]
        except (TypeError, ValueError):  # not arrays of numbers: the bridge says so; probed on a later call
            return None
        forms = ("one-hot", "indices")
        takes = {form: self.takes(form, params, X, Y) for form in forms}
        both = [f for f in forms if takes[f] == "both"]
        loss_only = [f for f in forms if takes[f]]
        return (both or loss_only or ["one-hot"])[0]

    def takes(self, form, params, X, Y):
        """"both" when loss (a finite number) and gradients (one array per parameter, of its size)
        take labels of this form, "loss" when loss alone does, else None."""
        import numpy as np
        self.labels = form
        try:
            value = self.loss([p.copy() for p in params], X, Y, 0.0)
            if np.size(value) != 1 or not np.isfinite(float(np.asarray(value, dtype=np.float64).reshape(-1)[0])):
                return None
        except Exception:  # noqa: BLE001 - the other form is tried; the checks report what remains
            return None
        try:
            g = self.gradients([p.copy() for p in params], X, Y, 0.0)
            ok = len(g) == len(params) and all(np.size(a) == np.size(p) for a, p in zip(g, params))
        except Exception:  # noqa: BLE001 - a gradients bug: the checks report it
            ok = False
        return "both" if ok else "loss"
