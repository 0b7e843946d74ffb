"""Calls of a user's function whose arguments nncheck chose from the contract it read.

A TypeError raised by the call itself (an unexpected keyword, a missing positional: Python binds
the arguments before the function's first line runs, so no frame of the user's code is on the
traceback) means nncheck misread the file's contract: a setup error, never the user's bug. A
TypeError raised inside the user's code stays the user's. Named nncheck_calls so a user's own
module cannot shadow it.
"""
import inspect


class CallMismatch(Exception):
    """nncheck called `what` in a way its signature does not take: the contract was misread."""

    def __init__(self, message, fix):
        Exception.__init__(self, message)
        self.fix = fix


def signature_text(fn, name=None):
    """`loss(self, x, t)`: the function's own signature, as the user wrote it."""
    name = name or getattr(fn, "__name__", "function")
    try:
        sig = inspect.signature(getattr(fn, "__func__", fn))
    except (TypeError, ValueError):
        return name + "(?)"
    return name + str(sig)


def qualified(fn):
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", "function")


def call(fn, expected, fix, *args, **kwargs):
    """fn(*args, **kwargs); a TypeError from binding the arguments becomes a CallMismatch that
    names the signature fn has, the call nncheck made (`expected`) and the `fix`."""
    try:
        return fn(*args, **kwargs)
    except TypeError as e:
        if e.__traceback__ is not None and e.__traceback__.tb_next is not None:
            raise  # raised inside a function that did start: the user's own error
        raise CallMismatch(
            "could not be checked: nncheck called %s, but %s is %s (TypeError: %s); nncheck misread the "
            "file's contract, this is not a bug in the code" % (expected, qualified(fn), signature_text(fn), e),
            fix) from None


class Unreadable(Exception):
    """A value a user's function returned that nncheck could not convert (a dict where it read a
    list, a string for a number): the message says what was returned and what nncheck needed.
    Never reported as the function raising: nothing in the user's code raised."""


def shown_value(value):
    """`a dict with keys 'W1', 'b1'`, `a str ('0.5')`: what a value is, short."""
    if isinstance(value, dict):
        return "a dict with keys %s" % ", ".join(repr(k) for k in list(value)[:8])
    return "a %s (%s)" % (type(value).__name__, repr(value)[:80])


def pair(out, what):
    """(loss, grads) from a function that returns both; anything else is Unreadable, not an error it raised."""
    if isinstance(out, (tuple, list)) and len(out) == 2:
        return out
    raise Unreadable("%s returned %s, expected (loss, grads)" % (what, shown_value(out)))


def picked(grads, keys, what):
    """The gradients a dict holds for `keys` (or 'd' + key), in that order; a missing one is Unreadable."""
    if not isinstance(grads, dict):
        raise Unreadable("%s returned %s for the gradients, expected a dict keyed like params"
                         % (what, shown_value(grads)))
    missing = [k for k in keys if k not in grads and "d" + str(k) not in grads]
    if missing:
        raise Unreadable("%s returned gradients as %s, without %s: nncheck reads them keyed like params (%s)"
                         % (what, shown_value(grads), ", ".join(map(repr, missing)), ", ".join(map(repr, keys))))
    return [grads[k] if k in grads else grads["d" + str(k)] for k in keys]


def number(value, what):
    """A loss value as a float; a value nncheck cannot convert is Unreadable."""
    import numpy as np
    try:
        return float(np.asarray(value, dtype=np.float64).reshape(-1)[0])
    except (TypeError, ValueError, IndexError) as e:
        raise Unreadable("%s returned %s, which nncheck could not read as a number (%s: %s)"
                         % (what, shown_value(value), type(e).__name__, e)) from None
