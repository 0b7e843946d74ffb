"""The user's own train(), read as written: its signature is mapped by introspection onto what
nncheck supplies (data, labels, validation split, budget, learning rate, seed), and a run
reports the parameters before and after plus any input it modified. Imported by bridge.py.
"""
import inspect
import re

# Normalised name (lower case, no underscores) -> the role nncheck fills.
ROLES = {
    "x": "X", "xtrain": "X", "data": "X", "inputs": "X", "features": "X",
    "y": "y", "ytrain": "y", "labels": "y", "targets": "y", "t": "y",
    "xval": "X_val", "xvalid": "X_val", "xvalidation": "X_val", "xtest": "X_val",
    "yval": "y_val", "yvalid": "y_val", "yvalidation": "y_val", "ytest": "y_val",
    "h": "H", "hidden": "H", "hiddensize": "H", "nhidden": "H", "numhidden": "H", "hiddenunits": "H",
    "epochs": "budget", "numepochs": "budget", "nepochs": "budget", "epoch": "budget",
    "numiters": "budget", "niters": "budget", "iters": "budget", "iterations": "budget",
    "numiterations": "budget", "steps": "budget", "numsteps": "budget", "maxiter": "budget",
    "lr": "rate", "learningrate": "rate", "alpha": "rate", "eta": "rate", "stepsize": "rate",
    "lam": "lam", "reg": "lam", "lmbda": "lam", "lambd": "lam", "l2": "lam", "weightdecay": "lam",
    "seed": "seed", "randomstate": "seed",
    "verbose": "verbose",
}


def norm(name):
    return re.sub(r"_", "", name).lower()


def signature_of(fn):
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):
        return None


def describe(fn, is_class):
    """How train() maps: {signature, budget, rate, unmapped, camel, roles}. None without a train."""
    if not callable(fn):
        return None
    sig = signature_of(fn)
    if sig is None:
        return dict(signature="train(?)", unmapped="its signature cannot be read", roles={})
    params = list(sig.parameters.values())[1 if is_class else 0:]
    shown = "train(" + ", ".join(str(p) for p in params) + ")"
    roles, missing, camel = {}, [], []
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        role = ROLES.get(norm(p.name))
        if role is None or role in roles.values():
            if p.default is p.empty:
                missing.append(p.name)
            continue
        if role == "H" and is_class:
            role = None if p.default is not p.empty else "H"
        if role is None:
            continue
        if re.search(r"[a-z][A-Z]", p.name):
            camel.append(p.name)
        roles[p.name] = role
    info = dict(signature=shown, roles=roles, camel=camel)
    for key in ("budget", "rate"):
        name = next((n for n, r in roles.items() if r == key), None)
        default = sig.parameters[name].default if name else None
        numeric = isinstance(default, (int, float)) and not isinstance(default, bool)
        info[key] = dict(name=name, default=default if numeric else None) if name else None
    if "X" not in roles.values() or "y" not in roles.values():
        missing = missing or ["the training data (X, y)"]
    if missing:
        info["unmapped"] = "nncheck cannot supply " + ", ".join(missing)
    return info


def kwargs_for(info, values):
    """Keywords for train(): what nncheck supplies; the budget and rate only when given; reg left at its default."""
    out = {}
    for name, role in info["roles"].items():
        if role == "budget" and values.get("budget") is None:
            continue
        if role == "rate" and values.get("lr") is None:
            continue
        if role == "lam":
            continue
        if role == "verbose":
            out[name] = False
        elif role == "budget":
            out[name] = int(values["budget"])
        elif role == "rate":
            out[name] = float(values["lr"])
        elif role in values:
            out[name] = values[role]
    return out


def params_of(out, keys=None):
    """A functional train() returns its parameters: a list of arrays, possibly inside a tuple or dict
    (in the order of `keys`, the dict init_params returned, when it has them)."""
    import numpy as np
    if isinstance(out, dict) and "params" in out:
        out = out["params"]
    if isinstance(out, dict):
        out = [out[k] for k in keys] if keys and all(k in out for k in keys) else list(out.values())
    if isinstance(out, tuple) and out and isinstance(out[0], (list, tuple, dict)):
        return params_of(out[0], keys)
    if isinstance(out, (list, tuple)) and all(hasattr(a, "shape") for a in out):
        return [np.asarray(a, dtype=np.float64) for a in out]
    raise TypeError("train() returned %s, expected the list of parameter arrays" % type(out).__name__)


def run(impl, module, info, arrays, header):
    """Runs the user's train(); returns (initial params or None, final params, notes on inputs it changed)."""
    import numpy as np
    X, Y, Xv, Yv = arrays
    is_class = impl.shape == "class"
    # A class's loss(X, y) takes indices; the functional contract, the form its loss takes.
    indices = is_class or (hasattr(impl, "ensure_labels") and
                           impl.ensure_labels(X.shape[1], header["H"], Y.shape[1], header["seed"]) == "indices")
    y, yv = (Y.argmax(axis=1), Yv.argmax(axis=1)) if indices else (Y, Yv)
    values = dict(X=X, y=y, X_val=Xv, y_val=yv, H=header["H"], seed=header["seed"],
                  budget=header.get("budget"), lr=header.get("lr"))
    watched = {"X": X, "y": y, "X_val": Xv, "y_val": yv}
    before = {k: v.copy() for k, v in watched.items()}
    np.random.seed(header["seed"])
    changed = []
    if is_class:
        net = impl.make(X.shape[1], header["H"], Y.shape[1], header["seed"])
        keys = list(net.params.keys())
        order = [k for k in impl.ORDER if k in keys] if all(k in keys for k in impl.ORDER) else keys
        initial = [np.array(net.params[k], dtype=np.float64) for k in order]
        net.train(**kwargs_for(info, values))
        added = [k for k in net.params.keys() if k not in keys]
        if added:
            changed.append("train() added %s to the params dict" % ", ".join(repr(k) for k in added))
        final = [np.array(net.params[k], dtype=np.float64) for k in order]
    else:
        initial = None
        final = params_of(module.train(**kwargs_for(info, values)), getattr(impl, "keys", None))
    for k, v in watched.items():
        if v.shape != before[k].shape or not np.array_equal(v, before[k]):
            changed.append("train() modified its argument %s in place" % k)
    arrays = (initial or []) + final
    return dict(arrays=arrays, meta=dict(initial=len(initial or []), changed=changed))
