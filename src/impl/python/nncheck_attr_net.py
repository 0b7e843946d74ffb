"""Networks kept as a class's attributes (self.W1, self.b1, self.W2, self.b2), the tutorial style:
a forward method (feedforward, forward, ...) returning probabilities, a cost method (cross_entropy,
loss, ...) and a backward method (backprop, backward, ...) returning the gradients, which reads what
the last forward pass left on the instance, and, when it takes no labels, the labels the last cost
call kept there (so the gradient is read after forward and cost, as such a class is trained).
Methods are found by name, their arguments by name (inputs, labels, probabilities), the weights by
their shapes on an instance built with distinct sizes, and the labels' form (one-hot or indices) by
a probe. Anything this reading cannot settle is a setup error naming what it found: a misread class
must never be reported as a buggy one.

nncheck's L2 is added here, as for layer classes: lam/(2N)·(ΣW1² + ΣW2²), gradient lam/N·W.
The parameters written into the instance keep the dtype its constructor gave its arrays
(nncheck_own_dtype).
"""
import inspect

import nncheck_l2
from nncheck_own_dtype import OwnDtype, dtypes_of

FORWARD = ("feedforward", "feed_forward", "forward", "forward_pass", "forward_propagation", "forward_prop")
BACKWARD = ("backprop", "backpropagation", "back_propagation", "backward", "backward_pass",
            "backward_propagation", "backward_prop", "compute_gradients", "gradients")
COST = ("cross_entropy", "cross_entropy_loss", "loss", "compute_loss", "cost", "compute_cost",
        "categorical_cross_entropy")
INPUTS = {"x", "inputs", "input", "data", "x_batch", "features"}
LABELS = {"y", "t", "y_true", "target", "targets", "label", "labels", "y_onehot", "y_one_hot", "onehot",
          "one_hot", "y_batch", "t_batch", "yt", "y_train", "expected"}
OUTPUTS = {"p", "probs", "probabilities", "prob", "y_pred", "y_hat", "yhat", "pred", "preds", "predictions",
           "output", "outputs", "out", "a2", "y_prob", "y_probs", "activations", "h", "o"}
PROBE = (5, 4, 3)  # distinct sizes: every weight and bias is known by its shape


def _np():
    import numpy as np
    return np


def _method(cls, names):
    for n in names:
        if callable(getattr(cls, n, None)):
            return n
    return None


def _sizes_first(cls):
    """True when the constructor takes at least three required arguments: the sizes D, H, K
    (a layer class takes two, or its weights; an activation none)."""
    try:
        params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    return sum(1 for p in params if p.default is p.empty and p.kind == p.POSITIONAL_OR_KEYWORD) >= 3


def candidates(module):
    """The user's classes built from sizes with a forward and a backward method by name."""
    return [v for v in vars(module).values()
            if inspect.isclass(v) and v.__module__ == "user_network" and _method(v, FORWARD)
            and _method(v, BACKWARD) and _sizes_first(v)]


def keeps_attributes(cls):
    """True for a class with a loss method that is read here rather than as a course class: built
    from sizes, with forward and backward methods, and no params dict on its instances."""
    if not (_method(cls, FORWARD) and _method(cls, BACKWARD) and _sizes_first(cls)):
        return False
    try:
        D, H, K = PROBE
        return not isinstance(getattr(construct(cls, D, H, K, 0), "params", None), dict)
    except Exception:  # noqa: BLE001 - a constructor that fails here is left to the course-class reading
        return False


class Unreadable(Exception):
    """The class cannot be read as an attribute network: the message says what was found."""


def roles(fn):
    """Each required argument's role (x, y, p), or raises Unreadable naming one it cannot place."""
    out = []
    for p in list(inspect.signature(fn).parameters.values())[1:]:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.default is not p.empty:
            continue
        name = p.name.lower()
        role = "x" if name in INPUTS else "y" if name in LABELS else "p" if name in OUTPUTS else None
        if role is None:
            raise Unreadable("cannot tell what %s()'s argument '%s' is (inputs, labels or probabilities)"
                             % (fn.__name__, p.name))
        out.append(role)
    return out


def construct(cls, D, H, K, seed):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    seeded = {"seed": seed} if any(p.name in ("seed", "random_state") for p in params) else {}
    if any(p.name == "random_state" for p in params):
        seeded = {"random_state": seed}
    _np().random.seed(seed)
    try:
        return cls(D, H, K, **seeded)
    except TypeError as e:
        raise Unreadable("%s(%d, %d, %d) raised TypeError: %s" % (cls.__name__, D, H, K, e))


def weight_names(net, D, H, K):
    """The attribute names of W1, b1, W2, b2, by their shapes on an instance of sizes D, H, K."""
    np = _np()
    arrays = {k: v for k, v in vars(net).items() if isinstance(v, np.ndarray) and v.dtype.kind == "f"}

    def one(test, what):
        found = [k for k, v in arrays.items() if test(v)]
        if len(found) != 1:
            raise Unreadable("found %s attribute(s) shaped like %s among %s" % (len(found), what, sorted(arrays)))
        return found[0]

    return [one(lambda v: v.shape == (D, H), "W1 (%d, %d)" % (D, H)),
            one(lambda v: v.size == H and max(v.shape) == H and v.ndim <= 2, "b1 (%d,)" % H),
            one(lambda v: v.shape == (H, K), "W2 (%d, %d)" % (H, K)),
            one(lambda v: v.size == K and max(v.shape) == K and v.ndim <= 2, "b2 (%d,)" % K)]


class AttrNet:
    shape = "attributes"

    def __init__(self, cls):
        self.cls = cls
        self.own_dtype = OwnDtype()
        self.forward_name, self.backward_name = _method(cls, FORWARD), _method(cls, BACKWARD)
        self.cost_name = _method(cls, COST)
        self.cost_roles = roles(getattr(cls, self.cost_name)) if self.cost_name else None
        self.backward_roles = roles(getattr(cls, self.backward_name))
        self.forward_roles = roles(getattr(cls, self.forward_name))
        if self.forward_roles != ["x"]:
            raise Unreadable("%s.%s() should take the inputs alone" % (cls.__name__, self.forward_name))
        if self.cost_roles is None:
            raise Unreadable("%s has no cost method (one of %s)" % (cls.__name__, ", ".join(COST)))
        D, H, K = PROBE
        self.names = weight_names(construct(cls, D, H, K, 0), D, H, K)
        self.onehot = self.probe_labels()
        self.net, self.shapes, self.dims, self.dtypes = None, None, None, None

    def describe(self):
        return dict(attrNet=dict(className=self.cls.__name__, weights=self.names, forward=self.forward_name,
                                 cost=self.cost_name, backward=self.backward_name,
                                 labels="one-hot" if self.onehot else "indices", after=self.before_backward()))

    def before_backward(self):
        if self.labels_from_cost():
            return "a forward pass and %s() (which keeps the labels %s() reads)" % (self.cost_name, self.backward_name)
        return "a forward pass"

    def labels_from_cost(self):
        """A backward method that takes no labels reads those the last cost call kept on the instance."""
        return "y" not in self.backward_roles

    def probe_labels(self):
        """One-hot when the cost and backward take them; else class indices; else unreadable."""
        np = _np()
        D, H, K = PROBE
        rng = np.random.RandomState(0)
        X, y = rng.randn(6, D), np.arange(6) % K
        errors = []
        for onehot in (True, False):
            self.onehot = onehot
            try:
                params = self.init_params(D, H, K, 0)
                value = self.loss(params, X, np.eye(K)[y], 0.0)
                grads = self.gradients(params, X, np.eye(K)[y], 0.0)
                if np.isfinite(value) and len(grads) == 4:
                    return onehot
                errors.append("%s labels: loss %r" % ("one-hot" if onehot else "index", value))
            except Exception as e:  # noqa: BLE001 - the other form is tried, then both are named
                errors.append("%s labels: %s: %s" % ("one-hot" if onehot else "index", type(e).__name__, e))
        raise Unreadable("its cost and backward methods take neither one-hot nor index labels (%s)"
                         % "; ".join(errors))

    def init_params(self, D, H, K, seed):
        self.net = construct(self.cls, D, H, K, seed)
        self.dims = [D, H, K, seed]
        out = [getattr(self.net, n) for n in self.names]
        self.shapes = [a.shape for a in out]
        self.dtypes = dtypes_of(out)
        return out

    def state(self):
        return dict(dims=self.dims)

    def restore(self, state):
        if state.get("dims"):
            self.init_params(*state["dims"])

    def params_in(self, params):
        """The arrays as the class keeps them: a bias 1-D or one row, as its constructor made it."""
        ndims = [len(s) for s in self.shapes] if self.shapes else [a.ndim for a in params]
        return [a if i % 2 == 0 else a.reshape(-1) if nd == 1 else a.reshape(1, -1)
                for i, (a, nd) in enumerate(zip(params, ndims))]

    def _set(self, params):
        if self.net is None:
            self.init_params(params[0].shape[0], params[0].shape[1], params[2].shape[1], 0)
        for name, a in zip(self.names, self.own_dtype.cast(self.params_in(params), self.dtypes)):
            setattr(self.net, name, a)

    def _call(self, name, roles_, X, Y, P):
        out = getattr(self.net, name)(*self._args(roles_, X, Y, P))
        self.own_dtype.write_back()
        return out

    def _args(self, roles_, X, Y, P):
        if Y is None:
            return [{"x": X, "p": P}[r] for r in roles_]
        labels = Y if self.onehot else _np().argmax(Y, axis=1)
        return [{"x": X, "y": labels, "p": P}[r] for r in roles_]

    def forward(self, params, X):
        self._set(params)
        out = self._call(self.forward_name, self.forward_roles, X, None, None)
        return out[0] if isinstance(out, tuple) else out

    def loss(self, params, X, Y, lam):
        P = self.forward(params, X)
        value = self._call(self.cost_name, self.cost_roles, X, Y, P)
        return float(_np().asarray(value).reshape(-1)[0]) + nncheck_l2.penalty(params, X.shape[0], lam)

    def gradients(self, params, X, Y, lam):
        P = self.forward(params, X)  # the backward method reads what this pass left on the instance
        if self.labels_from_cost():  # ... and the labels only the cost call can have left there
            self._call(self.cost_name, self.cost_roles, X, Y, P)
        g = self._call(self.backward_name, self.backward_roles, X, Y, P)
        if isinstance(g, dict):
            g = [g.get(k, g.get("d" + k)) for k in self.names]
        if g is None or len(g) != 4:
            raise ValueError("%s() returned %r, not the 4 gradients of %s"
                             % (self.backward_name, type(g).__name__, ", ".join(self.names)))
        return nncheck_l2.with_gradient(g, params, X.shape[0], lam)


def readable(module):
    """The AttrNet of the module's one attribute-network class when it reads cleanly, else None
    (layer classes are tried next, then detect() says why this reading failed)."""
    found = candidates(module)
    if len(found) != 1:
        return None
    try:
        return AttrNet(found[0])
    except Exception:  # noqa: BLE001 - Unreadable, or the user's code failing on the probe
        return None


def detect(module, setup_error):
    """An AttrNet for the module's one attribute-network class, None when it has none."""
    found = candidates(module)
    if not found:
        return None
    if len(found) > 1:
        setup_error("several-classes", "the file holds several network classes: %s"
                    % ", ".join(c.__name__ for c in found), "name the one to check with --class NAME")
    try:
        return AttrNet(found[0])
    except Exception as e:  # noqa: BLE001 - Unreadable, or the user's code failing while it is read
        if not isinstance(e, Unreadable):
            e = "reading it raised %s: %s" % (type(e).__name__, e)
        setup_error("attr-net", "%s looks like a network kept in attributes (%s and %s methods), but %s"
                    % (found[0].__name__, _method(found[0], FORWARD), _method(found[0], BACKWARD), e),
                    "give it the course-style contract (params dict and loss(X, y=None, reg=0.0)), or the "
                    "functions init_params, forward, loss and gradients (see the README)")
