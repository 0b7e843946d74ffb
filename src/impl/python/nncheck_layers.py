"""Layer-style networks for nncheck's bridge: classes found by their method shapes, no declarations.

The "from scratch" material writes a network as objects: Layer_Dense(n_inputs, n_neurons) with
forward(inputs) -> self.output and backward(dvalues) -> self.dweights, self.dbiases, self.dinputs;
activations with the same shape; a loss with calculate(output, y); the fused
Activation_Softmax_Loss_CategoricalCrossentropy with forward(inputs, y) and backward(dvalues, y);
optimizers with update_params(layer). This module finds those roles, assembles
dense -> activation -> dense -> softmax + loss from them (LayerNet, answering the bridge's usual
ops) and runs single classes for the checks (ops "layer_run" and "optimizer_run").
Named nncheck_layers so a user's own layers.py cannot shadow it.
"""
import inspect
import re

ACTIVATION_KINDS = ["leaky_relu", "relu", "sigmoid", "tanh", "softmax"]
OPTIMIZER_KINDS = ["adagrad", "rmsprop", "adam", "sgd"]
ROLES = ["dense", "activation", "softmax", "loss", "fused"]


def _positional(fn):
    """Names of the positional parameters after self (None when not introspectable)."""
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        return None
    return [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _required(fn):
    ps = _positional(fn) or []
    return [p.name for p in ps if p.default is p.empty]


def _squash(name):
    return re.sub(r"[^a-z0-9]", "", name.lower())


def activation_kind(name):
    n = _squash(name)
    if "leaky" in n:
        return "leaky_relu"
    for k in ["softmax", "relu", "sigmoid", "tanh"]:
        if k in n:
            return k
    return None


def optimizer_kind(name):
    n = _squash(name)
    for k in OPTIMIZER_KINDS:
        if k in n:
            return k
    return "momentum" if "momentum" in n else None


def classify(cls):
    """The role a class plays, from its method shapes (and its name where shapes tie)."""
    name = cls.__name__
    if callable(getattr(cls, "update_params", None)):
        return "optimizer"
    fwd, bwd = getattr(cls, "forward", None), getattr(cls, "backward", None)
    if not (callable(fwd) and callable(bwd)):
        return None
    f_args = _required(fwd)[1:]
    ctor = _required(cls.__init__)[1:] if cls.__init__ is not object.__init__ else []
    n = _squash(name)
    if len(f_args) == 2:
        if "training" in f_args[1].lower():
            return None  # Layer_Dropout / Layer_Input style: forward(inputs, training)
        if "softmax" in n or (callable(getattr(cls, "calculate", None)) is False and "loss" in n):
            return "fused"
        return "loss" if callable(getattr(cls, "calculate", None)) else None
    if len(f_args) == 1:
        if len(ctor) >= 2:
            return "dense"
        if not ctor:
            return "softmax" if activation_kind(name) == "softmax" else "activation"
    return None


def detect(module, mapping=None):
    """Roles found in a module: {role: [classes]} plus optimizers; None when it is not layer-style."""
    classes = [v for v in vars(module).values() if inspect.isclass(v) and v.__module__ == "user_network"]
    found = {r: [] for r in ROLES + ["optimizer"]}
    for cls in classes:
        role = classify(cls)
        if role:
            found[role].append(cls)
    for role, cname in (mapping or {}).items():
        chosen = [c for c in classes if c.__name__ == cname]
        if role not in found or not chosen:
            raise LookupError("--layer-classes names %s=%s: %s" % (
                role, cname, "no such class" if not chosen else "roles are " + ", ".join(found)))
        for r in found:
            found[r] = [c for c in found[r] if c is not chosen[0]]
        found[role].insert(0, chosen[0])
    losses = found["loss"]
    found["loss"] = sorted(losses, key=lambda c: 0 if "categorical" in _squash(c.__name__) else 1)
    if not found["dense"] or not (found["fused"] or (found["softmax"] and found["loss"])):
        return None
    return found


def _np():
    import numpy as np
    return np


def snapshot(x):
    np = _np()
    return None if x is None else np.array(x, copy=True)


def changed(before, after):
    np = _np()
    if before is None or after is None:
        return False
    after = np.asarray(after)
    return after.shape != before.shape or not np.array_equal(before, after, equal_nan=True)


def labels(y, form):
    """nncheck sends one-hot rows; a layer gets sparse class indices or the one-hot rows."""
    np = _np()
    return np.asarray(y).argmax(axis=1) if form == "sparse" else np.asarray(y)


def make_dense(cls, n_in, n_out):
    try:
        return cls(n_in, n_out)
    except TypeError:
        return cls(n_inputs=n_in, n_neurons=n_out)


class LayerNet:
    """The user's classes assembled as dense -> activation -> dense -> softmax + loss."""
    shape = "layers"

    def __init__(self, found, activation_cls):
        self.found = found
        self.act_cls = activation_cls
        self.ACTIVATION = activation_kind(activation_cls.__name__) or "relu"
        self.net = None
        self.extra_ops = {"layer_run": self.layer_run, "optimizer_run": self.optimizer_run}

    def describe(self):
        roles = {r: [c.__name__ for c in cs] for r, cs in self.found.items()}
        kinds = {c.__name__: activation_kind(c.__name__) for c in self.found["activation"] + self.found["softmax"]}
        kinds.update({c.__name__: optimizer_kind(c.__name__) for c in self.found["optimizer"]})
        hyper = {c.__name__: optimizer_defaults(c) for c in self.found["optimizer"]}
        path = "fused" if self.found["fused"] else "pair"
        return dict(layerRoles=roles, layerKinds=kinds, optimizerHyper=hyper, layerActivationClass=self.act_cls.__name__,
                    layerLossPath=path)

    def init_params(self, D, H, K, seed):
        np = _np()
        np.random.seed(seed)
        d1, d2 = make_dense(self.found["dense"][0], D, H), make_dense(self.found["dense"][0], H, K)
        self.net = (d1, d2)
        return [d1.weights, d1.biases, d2.weights, d2.biases]

    def params_in(self, params):
        return params

    def _layers(self, params):
        np = _np()
        W1, b1, W2, b2 = params
        d1 = make_dense(self.found["dense"][0], W1.shape[0], W1.shape[1])
        d2 = make_dense(self.found["dense"][0], W2.shape[0], W2.shape[1])
        d1.weights, d1.biases = W1, np.reshape(b1, (1, -1))
        d2.weights, d2.biases = W2, np.reshape(b2, (1, -1))
        return d1, self.act_cls(), d2

    def _logits(self, params, X):
        d1, act, d2 = self._layers(params)
        d1.forward(X)
        act.forward(d1.output)
        d2.forward(act.output)
        return d1, act, d2

    def forward(self, params, X):
        np = _np()
        _, _, d2 = self._logits(params, X)
        if self.found["softmax"]:
            sm = self.found["softmax"][0]()
            sm.forward(d2.output)
            return sm.output
        fused = self.found["fused"][0]()
        fused.forward(d2.output, np.zeros(X.shape[0], dtype=int))
        return fused.output

    def _data_loss(self, logits, y):
        if self.found["fused"]:
            head = self.found["fused"][0]()
            return head.forward(logits, y), head
        sm, loss = self.found["softmax"][0](), self.found["loss"][0]()
        sm.forward(logits)
        return loss.calculate(sm.output, y), (sm, loss)

    def _l2(self, params, n, lam):
        np = _np()
        return lam / (2.0 * n) * (np.sum(params[0] ** 2) + np.sum(params[2] ** 2))

    def loss(self, params, X, Y, lam):
        _, _, d2 = self._logits(params, X)
        value, _ = self._data_loss(d2.output, labels(Y, "sparse"))
        return float(value) + self._l2(params, X.shape[0], lam)

    def gradients(self, params, X, Y, lam):
        d1, act, d2 = self._logits(params, X)
        y = labels(Y, "sparse")
        _, head = self._data_loss(d2.output, y)
        if isinstance(head, tuple):
            sm, loss = head
            loss.backward(sm.output, y)
            sm.backward(loss.dinputs)
            delta = sm.dinputs
        else:
            head.backward(head.output, y)
            delta = head.dinputs
        d2.backward(delta)
        act.backward(d2.dinputs)
        d1.backward(act.dinputs)
        n = X.shape[0]
        return [d1.dweights + lam / n * params[0], d1.dbiases, d2.dweights + lam / n * params[2], d2.dbiases]

    def layer_run(self, header, arrays):
        from nncheck_layer_ops import layer_run
        return layer_run(self, header, arrays)

    def optimizer_run(self, header, arrays):
        from nncheck_layer_ops import optimizer_run
        return optimizer_run(self, header, arrays)


HYPER_NAMES = ["learning_rate", "decay", "momentum", "epsilon", "beta_1", "beta_2", "rho"]


def optimizer_defaults(cls):
    """The constructor's keyword defaults for the hyperparameters nncheck knows."""
    out = {}
    for p in _positional(cls.__init__) or []:
        if p.name in HYPER_NAMES and isinstance(p.default, (int, float)) and not isinstance(p.default, bool):
            out[p.name] = float(p.default)
    return out


def build(module, mapping, activation):
    """A LayerNet for a layer-style module, or None when the module is not one."""
    found = detect(module, mapping)
    if found is None:
        return None
    acts = found["activation"]
    if activation:
        acts = [c for c in acts if activation_kind(c.__name__) == activation] or acts
    else:
        acts = sorted(acts, key=lambda c: 0 if activation_kind(c.__name__) == "relu" else 1)
    if not acts:
        return None
    return LayerNet(found, acts[0])


def detect_or_error(module, mapping, setup_error):
    """True for a complete layer-style module; a setup error for a partial one or a bad mapping."""
    try:
        found = detect(module, mapping)
    except LookupError as e:
        setup_error("layer-classes", str(e), "pass --layer-classes role=ClassName with roles " + ", ".join(ROLES))
    if found is not None and not found["activation"]:
        setup_error("layer-contract", "found a dense layer and a softmax/loss head but no hidden activation class",
                    "define one (forward(inputs) storing self.output, backward(dvalues) storing self.dinputs) or map it "
                    "with --layer-classes activation=ClassName")
    if found is None and mapping:
        setup_error("layer-contract", "the classes given with --layer-classes do not make a dense layer and a softmax/loss head",
                    "map dense=..., activation=... and either fused=... or softmax=... and loss=...")
    return found is not None
