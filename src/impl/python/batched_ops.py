"""Requests that do many of the bridge's own calls in one round trip (issue 15).

`calls` makes several independent forward/loss requests at once (a property's calls on one
generated case), each exactly as a request of its own would.

`sgd` runs nncheck's mini-batch SGD loop (src/impl/sgd.ts) next to the implementation: for each
step, the same dispatch() a single `gradients` request runs, on the rows nncheck chose, then the
same update p -= lr * g in float64 (the same IEEE operations as the TypeScript loop, so the
parameters are bit for bit those of the loop run call by call); after each epoch the same `loss`
and `forward` requests on the whole set. Anything a single call would report beyond its result
(an exception, None, an argument written into, a gradient of another shape) stops the loop
BEFORE that call takes effect: the caller makes that call itself, through the ordinary request
and its checks, so faults are reported exactly as before, then continues. The loop also stops
after `budget` seconds (between steps), so one request never runs much longer than one call.
"""
import math
import time

OPS = ("sgd", "calls")


def run(impl, op, header, arrays, dispatch):
    if op == "sgd":
        return sgd(impl, header, arrays, dispatch)
    if op == "calls":
        return calls(impl, header, arrays, dispatch)
    raise ValueError("unknown op " + str(op))


def calls(impl, header, arrays, dispatch):
    """Independent forward/loss/gradients/loss_along requests (a call's own header, when it has
    one, is passed on as it is), each as dispatch() answers it alone, in
    order. Stops before a call that raises, writes into an argument or returns gradients shaped
    unlike its parameters (the caller makes it itself, with its checks), and after `budget`
    seconds (at least one call is made)."""
    out, counts, dtypes, notes = [], [], set(), []
    deadline = time.monotonic() + header.get("budget", 1.0)
    k = 0

    def finish(reason):
        return dict(arrays=out, meta=dict(stop=reason, counts=counts, dtypes=sorted(dtypes), notes=notes))

    for i, c in enumerate(header["calls"]):
        args = arrays[k:k + c["arrays"]]
        k += c["arrays"]
        if i > 0 and time.monotonic() > deadline:
            return finish("time")
        try:
            r = dispatch(impl, c["op"], c.get("header") or dict(params=c["params"], lam=c.get("lam", 0.0)), args)
        except Exception:  # noqa: BLE001 - the caller repeats the call and reports it
            return finish("replay")
        meta = r.get("meta", {})
        results = r["arrays"][: meta.get("results", len(r["arrays"]))]
        if meta.get("mutated"):
            return finish("replay")
        if c["op"] == "gradients" and (len(results) != c["params"] or
                                       any(g.shape != p.shape for g, p in zip(results, args))):
            return finish("replay")
        dtypes.update(meta.get("dtypes", []))
        notes.extend(meta.get("notes", []))
        out.extend(results if c["op"] == "gradients" else results[:1])
        counts.append(len(results) if c["op"] == "gradients" else 1)
    return finish("done")


class _Stop(Exception):
    """A call the caller must make itself (it raised, wrote into an argument, or returned another shape)."""


def sgd(impl, header, arrays, dispatch):
    import numpy as np
    P = header["params"]
    params = [a.copy() for a in arrays[:P]]
    X, Y, orders = arrays[P], arrays[P + 1], arrays[P + 2]
    lr, lam, batch = header["lr"], header.get("lam", 0.0), header["batch"]
    snapshots = header.get("snapshots", False)
    deadline = time.monotonic() + header.get("budget", 1.0)
    n = X.shape[0]
    dtypes, notes = set(), []

    def call(op, sub, args):
        try:
            r = dispatch(impl, op, sub, args)
        except Exception:  # noqa: BLE001 - the caller repeats the call and reports it
            raise _Stop()
        meta = r.get("meta", {})
        if meta.get("mutated"):
            raise _Stop()
        dtypes.update(meta.get("dtypes", []))
        notes.extend(meta.get("notes", []))
        return r["arrays"][: meta.get("results", len(r["arrays"]))]

    epochs, losses, out = [], [], []
    grads = None

    def finish(epoch, step, phase, reason):
        # The losses travel as an array (a header's JSON has no NaN or Inf). The last step's
        # gradients in an epoch left unfinished come last: its observer sees them.
        meta = dict(epochs=epochs, stop=dict(epoch=epoch, step=step, phase=phase, reason=reason),
                    dtypes=sorted(dtypes), notes=notes, open_grads=grads is not None)
        losses_row = np.array([losses], dtype=np.float64).reshape(1, -1)
        return dict(arrays=params + [losses_row] + out + (grads if grads is not None else []), meta=meta)

    start = header.get("step", 0)
    took = False  # every request takes at least one step, so the loop always makes progress
    for e in range(orders.shape[0]):
        idx = orders[e].astype(np.intp)
        for s in range(start if e == 0 else 0, n, batch):
            if took and time.monotonic() > deadline:
                return finish(e, s, "steps", "time")
            rows = idx[s:s + batch]
            try:
                g = call("gradients", {"params": P, "lam": lam}, [p.copy() for p in params] + [X[rows], Y[rows]])
            except _Stop:
                return finish(e, s, "steps", "replay")
            if len(g) != P or any(gi.shape != p.shape for gi, p in zip(g, params)):
                return finish(e, s, "steps", "replay")
            with np.errstate(all="ignore"):
                for p, gi in zip(params, g):
                    p -= lr * gi
            grads, took = g, True
        try:
            value = call("loss", {"params": P, "lam": lam}, [p.copy() for p in params] + [X, Y])[0]
            probs = call("forward", {"params": P}, [p.copy() for p in params] + [X])[0]
        except _Stop:
            return finish(e, n, "eval", "replay")
        loss = float(value.reshape(-1)[0])
        losses.append(loss)
        epochs.append(dict(grads=grads is not None))
        out.append(probs)
        if grads is not None:
            out.extend(grads)
        if snapshots:
            out.extend(p.copy() for p in params)
        grads = None
        if not math.isfinite(loss):
            return finish(e + 1, 0, "steps", "diverged")
    return finish(orders.shape[0], 0, "steps", "done")
