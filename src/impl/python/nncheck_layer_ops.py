"""The bridge ops that run one user class at a time: layer_run (forward at many points, one
backward with snapshots for mutation) and optimizer_run (update_params steps on a dense layer).
nncheck (TypeScript) generates every input and judges every number; this file only calls."""
from nncheck_layers import labels, make_dense, snapshot, changed, HYPER_NAMES, _np


def _class(net, role, name):
    pool = net.found.get(role, [])
    chosen = [c for c in pool if c.__name__ == name] if name else pool[:1]
    if not chosen:
        raise LookupError("no %s class named %s" % (role, name))
    return chosen[0]


def _out2d(a, what):
    np = _np()
    if a is None:
        raise ValueError(what + " is None (did forward/backward store it on self?)")
    a = np.asarray(a)
    return a.reshape(1, -1) if a.ndim == 1 else a.reshape(1, 1) if a.ndim == 0 else a


def _forward(cls, role, slots, form):
    """A fresh object run forward; returns (object, the value nncheck compares)."""
    np = _np()
    if role == "dense":
        W, b, X = slots[:3]
        obj = make_dense(cls, W.shape[0], W.shape[1])
        obj.weights, obj.biases = W.copy(), b.copy()
        obj.forward(X)
        return obj, obj.output
    obj = cls()
    if role in ("activation", "softmax"):
        obj.forward(slots[0])
        return obj, obj.output
    y = labels(slots[1], form)
    value = obj.calculate(slots[0], y) if role == "loss" else obj.forward(slots[0], y)
    return obj, np.asarray(value).reshape(1, 1)


def _lowest(dtype, *values):
    """float32 when any value the class produced is float32 (or narrower): its inputs were rounded there."""
    for v in values:
        d = getattr(v, "dtype", None)
        if d is not None and d.kind == "f" and d.itemsize < 8:
            return str(d)
    return dtype or "float64"


def layer_run(net, header, arrays):
    """header: role, cls, per (arrays per set), sets, labels, backward (dvalues comes last)."""
    role, per, sets, form = header["role"], header["per"], header.get("sets", 1), header.get("labels", "sparse")
    cls = _class(net, role, header.get("cls"))
    outs, dtype = [], "float64"
    for s in range(sets):
        obj, value = _forward(cls, role, arrays[s * per:(s + 1) * per], form)
        outs.append(_out2d(value, cls.__name__ + ".forward output"))
        dtype = _lowest(dtype, value, getattr(obj, "output", None))
    meta = dict(results=len(outs), mutated=[], dtype=dtype)
    if not header.get("backward"):
        return dict(arrays=outs, meta=meta)
    slots = arrays[:per]
    dvalues = arrays[sets * per]
    obj, _ = _forward(cls, role, slots, form)
    inputs = slots[2] if role == "dense" else slots[0]
    before = dict(dvalues=snapshot(dvalues), inputs=snapshot(inputs), output=snapshot(getattr(obj, "output", None)))
    if role in ("loss", "fused"):
        obj.backward(dvalues, labels(slots[1], form))
    else:
        obj.backward(dvalues)
    after = dict(dvalues=dvalues, inputs=inputs, output=getattr(obj, "output", None))
    grads = [_out2d(getattr(obj, "dinputs", None), cls.__name__ + ".dinputs")]
    if role == "dense":
        grads += [_out2d(getattr(obj, "dweights", None), cls.__name__ + ".dweights"),
                  _out2d(getattr(obj, "dbiases", None), cls.__name__ + ".dbiases")]
    meta.update(results=len(outs) + len(grads), mutated=[k for k in before if changed(before[k], after[k])],
                dtype=_lowest(dtype, getattr(obj, "dinputs", None), getattr(obj, "dweights", None)))
    return dict(arrays=outs + grads, meta=meta)


class _Plain:
    """A bare layer for optimizers when the user's dense class cannot be built."""


def optimizer_run(net, header, arrays):
    """header: cls, hyper (kwargs), steps. arrays: W, b, then dW, db per step. Returns W, b after each."""
    np = _np()
    cls = _class(net, "optimizer", header.get("cls"))
    opt = cls(**header.get("hyper", {}))
    W, b = arrays[0], arrays[1]
    try:
        layer = make_dense(net.found["dense"][0], W.shape[0], W.shape[1])
    except Exception:  # noqa: BLE001 - any dense will do; a plain object holds the same fields
        layer = _Plain()
    dtype = getattr(getattr(layer, "weights", None), "dtype", np.float64)  # a float32 layer stays float32
    layer.weights, layer.biases = W.astype(dtype), b.astype(dtype)
    out = []
    for t in range(header["steps"]):
        layer.dweights, layer.dbiases = arrays[2 + 2 * t].astype(dtype), arrays[3 + 2 * t].astype(dtype)
        for name in ("pre_update_params", "update_params", "post_update_params"):
            fn = getattr(opt, name, None)
            if callable(fn):
                fn(layer) if name == "update_params" else fn()
        out += [np.array(layer.weights, dtype=np.float64), np.array(layer.biases, dtype=np.float64).reshape(1, -1)]
    used = {k: float(getattr(opt, k)) for k in HYPER_NAMES if isinstance(getattr(opt, k, None), (int, float))}
    return dict(arrays=out, meta=dict(hyper=used, dtype=str(np.asarray(layer.weights).dtype)))
