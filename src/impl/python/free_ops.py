"""Free functions of the user's module, listed and called as they are: nncheck probes them to
find the ops (softmax, activations, their derivatives, costs) and checks each one.

A call names the function and the kind of each argument: "a" an array (as sent, 2-D), "r" a
1-D array, "v" an integer label vector, "s" a float, "l<n>" a list of the next n arrays.
The answer is the result (the first element of a tuple) and every argument the call changed.
"""
import inspect
import time

CONTRACT = {"init_params", "forward", "loss", "gradients", "train"}


def holds(check):
    """True when check() returns something other than None without raising."""
    try:
        return check() is not None
    except Exception:  # noqa: BLE001 - a partial layer-style module is the contract loader's to report
        return False


def describe(module):
    out = []
    for name, fn in vars(module).items():
        if not inspect.isfunction(fn) or fn.__module__ != module.__name__ or name.startswith("__") or name in CONTRACT:
            continue
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            continue
        positional = [p for p in sig.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        required = [p.name for p in positional if p.default is p.empty]
        if any(p.kind == p.KEYWORD_ONLY and p.default is p.empty for p in sig.parameters.values()):
            continue  # cannot be called positionally
        out.append(dict(name=name, params=[p.name for p in positional], required=len(required),
                        line=getattr(fn.__code__, "co_firstlineno", None)))
    return out


def build_args(kinds, arrays):
    """The call's arguments, and the (argument index, array) pairs a call could write into."""
    import numpy as np
    args, live, k = [], [], 0
    for i, kind in enumerate(kinds):
        if kind.startswith("l"):
            items = arrays[k:k + int(kind[1:])]
            k += len(items)
            args.append(list(items))
            live.extend((i, a) for a in items)
            continue
        a = arrays[k]
        k += 1
        if kind == "s":
            args.append(float(a.reshape(-1)[0]))
        elif kind == "v":
            args.append(a.reshape(-1).astype(np.int64))
        else:
            args.append(a.reshape(-1) if kind == "r" else a)
            live.append((i, args[-1]))
    return args, live


def call(module, header, arrays):
    import numpy as np
    fn = getattr(module, header["name"])
    args, live = build_args(header["kinds"], arrays)
    before = [a.copy() for _, a in live]
    out = fn(*args)
    meta = dict(tuple=isinstance(out, (tuple, list)))
    if isinstance(out, (tuple, list)):
        out = out[0] if len(out) else None
    if out is None:
        meta.update(none=True)
        result = np.zeros((0, 0))
    else:
        # The dtype the function computed in, before the float64 copy that travels back: a
        # float64 result whose values happen to be float32 numbers is still float64.
        dtype = getattr(out, "dtype", None)
        a = np.asarray(out, dtype=np.float64)
        meta.update(ndim=a.ndim, shape=list(a.shape), dtype=str(dtype) if dtype is not None else None)
        result = a.reshape(1, 1) if a.ndim == 0 else a.reshape(1, -1) if a.ndim == 1 else a.reshape(a.shape[0], -1)
    changed = [(i, a) for (i, a), b in zip(live, before) if not np.array_equal(b, a, equal_nan=True)]
    meta.update(mutated=[i for i, _ in changed])
    return dict(arrays=[result] + [np.atleast_2d(a) for _, a in changed], meta=meta)


def call_many(module, header, arrays):
    """Several calls in order, each answered as call() answers it alone (its result, then what it
    changed), with its meta. Stops before a call that raises (the caller makes it alone, with its
    traceback) and after `budget` seconds (at least one call is made)."""
    deadline = time.monotonic() + header.get("budget", 1.0)
    out, metas, k = [], [], 0
    for i, c in enumerate(header["calls"]):
        args = arrays[k:k + c["arrays"]]
        k += c["arrays"]
        if i > 0 and time.monotonic() > deadline:
            return dict(arrays=out, meta=dict(metas=metas, stop="time"))
        try:
            r = call(module, c, args)
        except Exception:  # noqa: BLE001 - the caller repeats the call and reports it
            return dict(arrays=out, meta=dict(metas=metas, stop="replay"))
        out.extend(r["arrays"])
        metas.append(r["meta"])
    return dict(arrays=out, meta=dict(metas=metas, stop="done"))


def serve(module, load_notes, has_contract, send, receive, user_traceback):
    """The free-ops session: a hello listing the functions, then calls until stdin closes."""
    import numpy as np
    import sys
    send(dict(ok=True, shape="free", functions=describe(module), contract=has_contract, loadNotes=load_notes,
              python=sys.version.split()[0], numpy=np.__version__, executable=sys.executable))
    while True:
        try:
            header, arrays = receive()
        except EOFError:
            return
        try:
            result = (call_many if header.get("op") == "call_fns" else call)(module, header, arrays)
            send(dict(ok=True, id=header.get("id"), **result["meta"]), result["arrays"])
        except Exception as e:  # noqa: BLE001 - user code's failures are findings
            send(dict(ok=False, id=header.get("id"),
                      error=dict(type=type(e).__name__, message=str(e), traceback=user_traceback(e))))
