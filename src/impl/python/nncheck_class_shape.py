"""Network classes with a params dict, answering the bridge's ops through the class's own methods.

Two ways of writing the same contract are read:
- the course's (CS231n): loss(X) returns the scores, loss(X, y=labels, reg=λ) returns (loss, grads);
- the book's ("Deep Learning from Scratch", Saito): predict(x) returns the scores, loss(x, t) the
  loss, gradient(x, t) a grads dict keyed like params; L2 only when the class has its own
  (weight_decay_lambda, as the book's MultiLayerNet), else λ/(2N)·ΣW² added by nncheck.
Either way the forward probabilities are nncheck's softmax of the scores. Every call of a user
method goes through nncheck_calls.call: arguments the method does not take are a setup error.
Named nncheck_class_shape so a user's own module cannot shadow it.
"""
import functools
import inspect
import numbers

from nncheck_calls import call, pair, picked
from nncheck_own_dtype import OwnDtype, dtypes_of

COURSE_CALL = "loss(X, y=None, reg=0.0): the scores without y, (loss, grads) with y"
BOOK_CALL = "predict(x) -> scores, loss(x, t) -> loss, gradient(x, t) -> grads dict"
SIZE_NAMES = ("input_size", "hidden_size", "output_size")


def book_style(cls):
    """True for the book's contract: predict and gradient methods, and a loss of (x, t) with no y
    keyword (the course's loss(X, y=None, reg=0.0) is called with y=)."""
    if not (callable(getattr(cls, "predict", None)) and callable(getattr(cls, "gradient", None))):
        return False
    try:
        params = list(inspect.signature(cls.loss).parameters.values())[1:]
    except (TypeError, ValueError):
        return False
    takes_y = any(p.name == "y" or p.kind == p.VAR_KEYWORD for p in params)
    required = [p for p in params if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return not takes_y and len(required) >= 2


@functools.lru_cache(maxsize=None)
def loss_takes_reg(cls):
    """False for the course's loss(X, y=None) without reg (λ is then the instance's reg attribute).
    Asked on every call: read once per class (inspect.signature costs about as much as a small loss)."""
    try:
        params = inspect.signature(cls.loss).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(p.name == "reg" or p.kind == p.VAR_KEYWORD for p in params)


def construction(cls, D, H, K):
    """The arguments that build a D-H-K network: input_size=, hidden_size= (or the book's
    hidden_size_list=[H]), output_size= when the constructor has those names, else D, H, K."""
    try:
        names = set(inspect.signature(cls).parameters)
    except (TypeError, ValueError):
        names = set()
    if {"input_size", "hidden_size_list", "output_size"} <= names:
        return (), dict(input_size=D, hidden_size_list=[H], output_size=K)
    if set(SIZE_NAMES) <= names:
        return (), dict(zip(SIZE_NAMES, (D, H, K)))
    return (D, H, K), {}


def shown(args, kwargs):
    return ", ".join([str(a) for a in args] + ["%s=%r" % kv for kv in kwargs.items()])


class ClassShape:
    """The course's contract: loss(X) for the scores, loss(X, y=, reg=) for (loss, grads)."""
    shape = "class"
    contract = "course"
    ORDER = ["W1", "b1", "W2", "b2"]

    def __init__(self, cls):
        self.cls = cls
        self.net = None
        self.keys = None
        self.ndims = None
        self.side_effects = []
        self.own_dtype = OwnDtype()

    def describe(self):
        return dict(classContract=self.contract, regOnInstance=not loss_takes_reg(self.cls))

    def fix(self):
        return ("nncheck checks a network class through %s (the course's contract), or through %s with a "
                "params dict (the 'Deep Learning from Scratch' contract): give %s one of them, "
                "or name another class with --class NAME" % (COURSE_CALL, BOOK_CALL, self.cls.__name__))

    def note_added_keys(self, what):
        added = [k for k in self.net.params if k not in self.keys]
        for k in added:
            self.side_effects.append("%s added %r to the params dict" % (what, k))
            del self.net.params[k]

    def make(self, D, H, K, seed=0):
        import numpy as np
        np.random.seed(seed)
        args, kwargs = construction(self.cls, D, H, K)
        return call(self.cls, "%s(%s)" % (self.cls.__name__, shown(args, kwargs)), self.fix(), *args, **kwargs)

    dims = None
    dtypes = None  # of the instance's params arrays, as its constructor made them: kept when written
    built = None  # the parameter shapes of the instance, as init_params built it
    builds = None  # for each parameter shapes, the sizes and seed init_params last built them with
    kept = None  # for each parameter shapes, the instance init_params last built for them

    def init_params(self, D, H, K, seed):
        import numpy as np
        self.net = self.make(D, H, K, seed)
        self.dims = [D, H, K, seed]
        names = list(self.net.params.keys())
        self.keys = self.ORDER if all(k in names for k in self.ORDER) else names
        self.ndims = [self.net.params[k].ndim for k in self.keys]
        self.built = tuple(np.shape(self.net.params[k]) for k in self.keys)
        self.dtypes = dtypes_of([self.net.params[k] for k in self.keys])
        self.builds = dict(self.builds or {})
        self.builds[self.built] = (D, H, K, seed)
        self.kept = {} if self.kept is None or len(self.kept) >= 256 else self.kept
        self.kept[self.built] = (self.net, self.dims, self.dtypes)
        return [self.net.params[k] for k in self.keys]

    def instance_for(self, shaped):
        """An instance whose own sizes fit the call's parameters: a class may keep its sizes
        (self.input_size...) and use them in loss(). The calls of several generated cases may come
        in one request (the bridge's `calls`), each with its own sizes, and nncheck builds some
        parameters itself (the probe network, injected logits, a trained network's). Parameters
        shaped as an earlier init_params built them get an instance built as it built them (its
        sizes and seed); others, an instance built for the sizes W1 and W2 give when they read as
        the course's (D, H) and (H, C); else the instance there is takes them."""
        import numpy as np
        shapes = tuple(np.shape(a) for a in shaped)
        if shapes == self.built:
            return
        if shapes in (self.kept or {}):  # built already: the same instance answers, as case by case
            self.net, self.dims, self.dtypes = self.kept[shapes]
            self.built = shapes
            return
        if shapes in (self.builds or {}):
            self.init_params(*self.builds[shapes])
            return
        sizes = self.sizes_of(shapes)
        if sizes is None:
            return
        before = (self.net, self.dims, self.keys, self.ndims, self.built, self.builds, self.kept, self.dtypes)
        self.init_params(*sizes, self.dims[3] if self.dims else 0)
        if self.built != shapes:  # the constructor builds other shapes from these sizes: undo
            self.net, self.dims, self.keys, self.ndims, self.built, self.builds, self.kept, self.dtypes = before

    def sizes_of(self, shapes):
        """(D, H, C) when the parameters are the course's W1 (D, H), b1 (H), W2 (H, C), b2 (C)."""
        if self.keys != self.ORDER or len(shapes) != 4 or len(shapes[0]) != 2 or len(shapes[2]) != 2:
            return None
        (D, H), (H2, C) = shapes[0], shapes[2]
        return (D, H, C) if H == H2 else None

    def state(self):
        return dict(keys=self.keys, ndims=self.ndims, dims=self.dims)

    def restore(self, state):
        """After a restart: a fresh instance with the parameter names and shapes the run uses."""
        if state.get("dims"):
            self.init_params(*state["dims"])
        self.keys, self.ndims = state.get("keys") or self.keys, state.get("ndims") or self.ndims

    def shaped(self, params):
        return [a.reshape(-1) if nd == 1 else a for a, nd in zip(params, self.ndims or [2] * len(params))]

    def set(self, params):
        if self.net is None:
            self.init_params(params[0].shape[0], params[0].shape[1], params[-1].shape[-1], 0)
        self.instance_for(self.shaped(params))
        for k, a in zip(self.keys, self.own_dtype.cast(self.shaped(params), self.dtypes)):
            self.net.params[k] = a

    def scores(self, X):
        out = call(self.net.loss, "loss(X)", self.fix(), X)
        self.own_dtype.write_back()
        self.note_added_keys("loss(X)")
        return out

    def forward(self, params, X):
        import numpy as np
        self.set(params)
        scores = self.scores(X)
        if scores is None:
            return None
        z = np.asarray(scores, dtype=np.float64)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def reg_on_instance(self):
        """True for loss(X, y=None) without reg on an instance with a reg attribute (CS231n assignment
        2's FullyConnectedNet: the constructor takes reg, loss() reads self.reg): λ goes there."""
        reg = getattr(self.net, "reg", None)
        return not loss_takes_reg(self.cls) and isinstance(reg, numbers.Real) and not isinstance(reg, bool)

    def loss_grads(self, params, X, Y, lam):
        self.set(params)
        if self.reg_on_instance():
            self.net.reg = lam
            out = call(self.net.loss, "loss(X, y=labels) with self.reg = λ", self.fix(), X, y=Y.argmax(axis=1))
        else:
            out = call(self.net.loss, "loss(X, y=labels, reg=λ)", self.fix(), X, y=Y.argmax(axis=1), reg=lam)
        self.own_dtype.write_back()
        self.note_added_keys("loss(X, y)")
        if out is None:
            return None
        loss, grads = pair(out, "%s.loss(X, y)" % self.cls.__name__)
        return loss, None if grads is None else picked(grads, self.keys, "%s.loss(X, y)" % self.cls.__name__)

    def loss(self, params, X, Y, lam):
        out = self.loss_grads(params, X, Y, lam)
        return None if out is None else out[0]

    def gradients(self, params, X, Y, lam):
        out = self.loss_grads(params, X, Y, lam)
        return None if out is None else out[1]


class BookClassShape(ClassShape):
    """The book's contract: predict(x), loss(x, t), gradient(x, t), with t one-hot.

    Its layers hold the params arrays themselves (Affine(self.params['W1'], ...)), and its
    optimizers update them in place: so does nncheck, writing each call's parameters into the
    arrays the instance already has (a fresh instance when the sizes change)."""
    contract = "book"

    def own_l2(self):
        """The book's MultiLayerNet takes weight_decay_lambda and applies 0.5·λ·ΣW² itself."""
        try:
            return "weight_decay_lambda" in inspect.signature(self.cls).parameters
        except (TypeError, ValueError):
            return False

    def describe(self):
        return dict(classContract=self.contract, ownL2=self.own_l2())

    def weights(self):
        return [i for i, k in enumerate(self.keys) if str(k).upper().startswith("W")]

    def set(self, params):
        shaped = self.shaped(params)
        if self.net is not None:
            self.instance_for(shaped)
        if self.net is None or any(self.net.params[k].shape != a.shape for k, a in zip(self.keys, shaped)):
            seed = self.dims[3] if self.dims else 0
            self.init_params(params[0].shape[0], params[0].shape[1], params[-1].shape[-1], seed)
            shaped = self.shaped(params)
        for k, a in zip(self.keys, shaped):
            self.net.params[k][...] = a

    def scores(self, X):
        out = call(self.net.predict, "predict(X)", self.fix(), X)
        self.note_added_keys("predict(x)")
        return out

    def with_lam(self, lam):
        if self.own_l2():
            self.net.weight_decay_lambda = lam

    def loss(self, params, X, Y, lam):
        import numpy as np
        self.set(params)
        self.with_lam(lam)
        value = call(self.net.loss, "loss(X, T) with T one-hot", self.fix(), X, Y)
        self.note_added_keys("loss(x, t)")
        if value is None or self.own_l2() or not lam:
            return value
        penalty = sum(np.sum(np.asarray(params[i], dtype=np.float64) ** 2) for i in self.weights())
        return value + lam / (2.0 * X.shape[0]) * penalty

    def gradients(self, params, X, Y, lam):
        self.set(params)
        self.with_lam(lam)
        grads = call(self.net.gradient, "gradient(X, T) with T one-hot", self.fix(), X, Y)
        self.note_added_keys("gradient(x, t)")
        if grads is None:
            return None
        out = picked(grads, self.keys, "%s.gradient(x, t)" % self.cls.__name__)
        if self.own_l2() or not lam:
            return out
        n, shaped = X.shape[0], self.shaped(params)
        return [g + lam / n * shaped[i] if i in self.weights() else g for i, g in enumerate(out)]

    def loss_grads(self, params, X, Y, lam):
        return self.loss(params, X, Y, lam), self.gradients(params, X, Y, lam)


def class_shape(cls):
    """The shape that reads `cls`: the book's contract when its methods say so, else the course's."""
    return BookClassShape(cls) if book_style(cls) else ClassShape(cls)
