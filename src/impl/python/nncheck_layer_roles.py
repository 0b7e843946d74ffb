"""Which class plays which role in a layer-style module, from its method shapes, its name where
shapes tie, and what its forward computes where the name does not say. No declarations needed."""
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


PROBE = [-2.0, -0.5, -0.01, 0.01, 0.5, 2.0]


def behaviour_kind(cls):
    """The activation a class computes, from its forward on a few values (None when unknown)."""
    np = _np()
    x = np.array([PROBE])
    known = {"relu": np.maximum(x, 0), "sigmoid": 1 / (1 + np.exp(-x)), "tanh": np.tanh(x),
             "leaky_relu": np.where(x > 0, x, 0.01 * x)}
    try:
        obj = cls()
        obj.forward(x.copy())
        y = np.asarray(obj.output, dtype=np.float64)
    except Exception:  # noqa: BLE001 - a class that cannot run here is named by its name only
        return None
    for kind, want in known.items():
        if y.shape == want.shape and np.allclose(y, want, rtol=1e-4, atol=1e-6):
            return kind
    if y.shape == x.shape and np.allclose(y.sum(axis=1), 1, atol=1e-5) and (y > 0).all():
        return "softmax"
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
            kind = activation_kind(name) or behaviour_kind(cls)
            return "softmax" if kind == "softmax" else "activation"
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
    return found if complete(found) else None


def complete(found):
    return bool(found["dense"] and (found["fused"] or (found["softmax"] and found["loss"])))


def partial(module):
    """Roles found in a module that is not complete (for a setup message), or None."""
    found = {r: [] for r in ROLES + ["optimizer"]}
    for v in vars(module).values():
        if inspect.isclass(v) and v.__module__ == "user_network" and classify(v):
            found[classify(v)].append(v.__name__)
    return found if found["dense"] else None


def _np():
    import numpy as np
    return np


HYPER_NAMES = ["learning_rate", "decay", "momentum", "epsilon", "beta_1", "beta_2", "rho"]


def optimizer_defaults(cls):
    """The constructor's keyword defaults for the hyperparameters nncheck knows."""
    out = {}
    for p in _positional(cls.__init__) or []:
        if p.name in HYPER_NAMES and isinstance(p.default, (int, float)) and not isinstance(p.default, bool):
            out[p.name] = float(p.default)
    return out


def detect_or_error(module, mapping, setup_error):
    """True for a complete layer-style module; a setup error for a partial one or a bad mapping."""
    try:
        found = detect(module, mapping)
    except LookupError as e:
        setup_error("layer-classes", str(e), "pass --layer-classes role=ClassName with roles " + ", ".join(ROLES))
    if found is not None and not found["activation"]:
        setup_error("layer-contract", "found a dense layer and a softmax/loss head but no hidden activation class",
                    "define one (forward(inputs) storing self.output, backward(dvalues) storing self.dinputs) "
                    "or map it with --layer-classes activation=ClassName")
    seen = partial(module) if found is None else None
    if seen:
        listed = "; ".join("%s: %s" % (r, ", ".join(cs)) for r, cs in seen.items() if cs)
        setup_error("layer-contract", "found layer-style classes (%s) but no softmax/loss head" % listed,
                    "name the head with --layer-classes fused=ClassName "
                    "(forward(inputs, y) returning the loss, backward(dvalues, y)) "
                    "or softmax=ClassName,loss=ClassName (a loss with calculate(output, y))")
    if found is None and mapping:
        setup_error("layer-contract",
                    "the classes given with --layer-classes do not make a dense layer and a softmax/loss head",
                    "map dense=..., activation=... and either fused=... or softmax=... and loss=...")
    return found is not None
