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
import nncheck_l2
from nncheck_layer_roles import (  # noqa: F401 - detect, ROLES, HYPER_NAMES are used through this module
    ROLES, HYPER_NAMES, activation_kind, behaviour_kind, detect, detect_or_error, optimizer_defaults, optimizer_kind)


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
        self.ACTIVATION = activation_kind(activation_cls.__name__) or behaviour_kind(activation_cls)
        self.net = None
        self.extra_ops = {"layer_run": self.layer_run, "optimizer_run": self.optimizer_run}

    def describe(self):
        roles = {r: [c.__name__ for c in cs] for r, cs in self.found.items()}
        kinds = {c.__name__: activation_kind(c.__name__) or behaviour_kind(c)
                 for c in self.found["activation"] + self.found["softmax"]}
        kinds.update({c.__name__: optimizer_kind(c.__name__) for c in self.found["optimizer"]})
        hyper = {c.__name__: optimizer_defaults(c) for c in self.found["optimizer"]}
        path = "fused" if self.found["fused"] else "pair"
        return dict(layerRoles=roles, layerKinds=kinds, optimizerHyper=hyper,
                    layerActivationClass=self.act_cls.__name__, layerLossPath=path)

    def init_params(self, D, H, K, seed):
        np = _np()
        np.random.seed(seed)
        d1, d2 = make_dense(self.found["dense"][0], D, H), make_dense(self.found["dense"][0], H, K)
        self.net = (d1, d2)
        return [d1.weights, d1.biases, d2.weights, d2.biases]

    def params_in(self, params):
        return params

    def state(self):
        return {}  # every call builds fresh layers from the parameters it is given

    def restore(self, state):
        pass

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

    def loss(self, params, X, Y, lam):
        _, _, d2 = self._logits(params, X)
        value, _ = self._data_loss(d2.output, labels(Y, "sparse"))
        return float(value) + nncheck_l2.penalty(params, X.shape[0], lam)

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
        grads = [d1.dweights, d1.dbiases, d2.dweights, d2.dbiases]
        return nncheck_l2.with_gradient(grads, params, X.shape[0], lam)

    def layer_run(self, header, arrays):
        from nncheck_layer_ops import layer_run
        return layer_run(self, header, arrays)

    def optimizer_run(self, header, arrays):
        from nncheck_layer_ops import optimizer_run
        return optimizer_run(self, header, arrays)


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
