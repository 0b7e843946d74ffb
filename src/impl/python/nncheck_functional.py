"""The functional contract: module functions init_params(D, H, K, seed), forward(params, X),
loss(params, X, Y, lam) and gradients(params, X, Y, lam), read as people write them.

- params as init_params returns them: a list (or tuple) of arrays, or a dict ({'W1': ..., 'b1':
  ...}). A dict's keys and order are learned from init_params (W1, b1, W2, b2 first when it has
  them) and every later call gets a dict built the same way; gradients may return a dict keyed the
  same way (or 'dW1'...) or a list.
- forward may return the probabilities alone or with a cache ((probs, cache)).
- labels one-hot (the contract), or class indices when that is what loss and gradients take:
  decided the first time a call with one-hot labels raises, by a probe on a small generated
  problem (one-hot first, then indices). Nothing is probed before: a loss that hangs or exits
  does so in a call of its own, reported as before.
Named nncheck_functional so a user's own module cannot shadow it.
"""
from nncheck_calls import CallMismatch, call, picked

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
        self.labels = None  # "one-hot" or "indices", once known (see labelled)
        self.fresh_notes = []  # notes for the next answer (how the labels were read)

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

    def labelled(self, fn, what, params, X, Y, lam):
        """fn(params, X, labels, lam) with the label form the file takes. While it is unknown, one-hot
        first; a call that raises with them makes nncheck probe the forms, and the call is made again
        with indices only when the probe finds that loss takes those and not one-hot rows."""
        if self.labels is not None:
            return call(fn, what, FUNCTIONAL_FIX, self.user(params), X, self.user_labels(Y), lam)
        try:
            out = call(fn, what, FUNCTIONAL_FIX, self.user(params), X, Y, lam)
        except CallMismatch:
            raise
        except Exception:
            if self.probe_labels(params, X.shape[1], Y.shape[1]) != "indices":
                raise
            return call(fn, what, FUNCTIONAL_FIX, self.user(params), X, self.user_labels(Y), lam)
        self.labels = "one-hot"
        return out

    def loss(self, params, X, Y, lam):
        return self.labelled(self.m.loss, "loss(params, X, Y, lam)", params, X, Y, lam)

    def gradients(self, params, X, Y, lam):
        g = self.labelled(self.m.gradients, "gradients(params, X, Y, lam)", params, X, Y, lam)
        if not isinstance(g, dict):
            return g
        return picked(g, self.keys or list(ORDER), "gradients()")

    def train(self, X, Y, H, epochs, lr, lam, seed):
        return self.m.train(X, self.user_labels(Y), H, epochs, lr=lr, lam=lam, seed=seed)

    def ensure_labels(self, D, H, K, seed):
        """The label form, probed now if no call has settled it (the user's own train() takes them too)."""
        if self.labels is None:
            self.probe_labels(self.init_params(D, H, K, seed), D, K)
        return self.labels

    def probe_labels(self, arrays, D, K):
        """The label form loss and gradients take: one-hot rows (the contract) when both take them,
        else class indices when both take those; else the first form loss alone takes (a gradients
        bug is then reported as what it is, not as labels of the wrong form); else one-hot."""
        import numpy as np
        rng = np.random.RandomState(0)
        N = K + 3  # neither 1 nor K: index labels read as one-hot rows (or the reverse) cannot broadcast
        X, Y = rng.randn(N, D), np.eye(K)[np.arange(N) % K]
        params = [np.array(a, dtype=np.float64) for a in arrays]
        forms = ("one-hot", "indices")
        takes = {form: self.takes(form, params, X, Y) for form in forms}
        both = [f for f in forms if takes[f] == "both"]
        loss_only = [f for f in forms if takes[f]]
        self.labels = (both or loss_only or ["one-hot"])[0]
        if self.labels == "indices":
            self.fresh_notes.append("labels read as class indices: loss() and gradients() raise on one-hot rows "
                                    "and take indices (nncheck passes argmax of its one-hot labels)")
        return self.labels

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
