"""Any loss/gradient pair for nncheck grad: loss(params) -> scalar and grad(params) -> arrays
shaped like params, where params is a list (or dict) of arrays, a module-level value or a
function returning one. Arrays travel as 2-D matrices; this module restores each shape."""
import inspect


def _np():
    import numpy as np
    return np


class Pair:
    shape = "pair"

    def __init__(self, module, loss_name, grad_name, params_name, setup_error, kinks_name=None):
        self.loss_fn = self._function(module, loss_name, "--loss", setup_error)
        self.kinks_fn = self._function(module, kinks_name, "--kinks", setup_error) if kinks_name else None
        self.grad_fn = self._function(module, grad_name, "--grad", setup_error)
        value = getattr(module, params_name, None)
        if value is None:
            setup_error("pair-params", "the file has no '%s' (the parameters to check)" % params_name,
                        "define %s = [array, ...] (or a function returning one) "
                        "or name it with --params NAME" % params_name)
        if callable(value) and not isinstance(value, (list, tuple, dict)):
            value = value()
        np = _np()
        self.names = (list(value.keys()) if isinstance(value, dict)
                      else ["%s[%d]" % (params_name, i) for i in range(len(value))])
        arrays = list(value.values()) if isinstance(value, dict) else list(value)
        self.is_dict = isinstance(value, dict)
        self.shapes = [np.shape(a) for a in arrays]
        self.dtypes = [str(np.asarray(a).dtype) for a in arrays]
        self.initial = [np.asarray(a, dtype=np.float64) for a in arrays]
        self.extra_ops = {"pair_params": self.op_params, "pair_losses": self.op_losses,
                          "pair_grad": self.op_grad, "pair_kinks": self.op_kinks}

    @staticmethod
    def _function(module, name, flag, setup_error):
        fn = getattr(module, name, None)
        if not callable(fn):
            names = [k for k, v in vars(module).items() if inspect.isfunction(v) and v.__module__ == "user_network"]
            setup_error("pair-function", "the file has no function '%s' (given by %s)" % (name, flag),
                        "name one of: " + (", ".join(names) or "(no functions)"))
        return fn

    def describe(self):
        return dict(pairTensors=[dict(name=n, shape=list(s)) for n, s in zip(self.names, self.shapes)],
                    pairDtypes=self.dtypes)

    def as2d(self, a):
        a = _np().asarray(a, dtype=_np().float64)
        return a.reshape(1, -1) if a.ndim <= 1 else a.reshape(a.shape[0], -1)

    def user_params(self, arrays):
        np = _np()
        restored = [np.asarray(a).reshape(s).astype(d, copy=True) for a, s, d in zip(arrays, self.shapes, self.dtypes)]
        return dict(zip(self.names, restored)) if self.is_dict else restored

    def _values(self, p):
        return list(p.values()) if self.is_dict else p

    def op_params(self, header, arrays):
        return dict(arrays=[self.as2d(a) for a in self.initial])

    def op_losses(self, header, arrays):
        np = _np()
        per = len(self.shapes)
        values = []
        for s in range(len(arrays) // per):
            v = self.loss_fn(self.user_params(arrays[s * per:(s + 1) * per]))
            values.append(float(np.asarray(v, dtype=np.float64).reshape(-1)[0]))
        return dict(arrays=[np.array([values])])

    def op_kinks(self, header, arrays):
        """The values whose signs decide the kinks (ReLU pre-activations), laid end to end per set."""
        np = _np()
        per = len(self.shapes)
        out = []
        for s in range(len(arrays) // per):
            values = self.kinks_fn(self.user_params(arrays[s * per:(s + 1) * per]))
            values = (list(values.values()) if isinstance(values, dict)
                      else values if isinstance(values, (list, tuple)) else [values])
            out.append(np.concatenate([np.asarray(v, dtype=np.float64).reshape(-1) for v in values]).reshape(1, -1))
        return dict(arrays=out)

    def op_grad(self, header, arrays):
        np = _np()
        p = self.user_params(arrays)
        before = [a.copy() for a in self._values(p)]
        loss = self.loss_fn(p)
        g = self.grad_fn(p)
        if g is None:
            raise ValueError("the gradient function returned None")
        g = list(g.values()) if isinstance(g, dict) else list(g)
        if len(g) != len(self.shapes):
            raise ValueError("the gradient function returned %d arrays for %d parameters" % (len(g), len(self.shapes)))
        for i, (gi, s) in enumerate(zip(g, self.shapes)):
            if np.size(gi) != int(np.prod(s)):
                raise ValueError("gradient %d (%s) has shape %s, its parameter %s"
                                 % (i, self.names[i], np.shape(gi), s))
        mutated = [i for i, (b, a) in enumerate(zip(before, self._values(p)))
                   if not np.array_equal(b, a, equal_nan=True)]
        dtype = str(np.asarray(loss).dtype) if hasattr(loss, "dtype") else "float64"
        low = [str(np.asarray(x).dtype) for x in g if np.asarray(x).dtype.itemsize < 8]
        return dict(arrays=[np.array([[float(loss)]])]
                    + [self.as2d(x).reshape(self.as2d(b).shape) for x, b in zip(g, before)],
                    meta=dict(mutated=mutated, dtype=low[0] if low else dtype))


def build(module, spec, setup_error):
    loss_name, grad_name, params_name, kinks_name = (spec.split(",") + ["params", ""])[:4]
    return Pair(module, loss_name, grad_name, params_name or "params", setup_error, kinks_name or None)
