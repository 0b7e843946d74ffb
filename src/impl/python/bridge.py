"""nncheck's Python bridge: loads a user's network file and answers requests on stdin/stdout.

Frames (both ways): b"NNCK", uint32 header length, JSON header, uint32 payload length, payload.
Arrays travel as raw little-endian float64, their shapes listed in the header. User code's
prints go to stderr: the protocol keeps its own duplicate of the original stdout.
Needs only the standard library and numpy.
"""
import json
import os
import re
import select
import struct
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import defs_only  # noqa: E402 - next to this file
import free_ops  # noqa: E402
import own_train  # noqa: E402 - the user's own train(), mapped by its signature
import array_store  # noqa: E402
import batched_ops  # noqa: E402 - many calls in one request (nncheck's SGD loop)
from nncheck_calls import CallMismatch, call  # noqa: E402 - arguments a function does not take: a setup error
from nncheck_class_shape import ClassShape, class_shape  # noqa: E402 - network classes (course, book)

PROTO_OUT = os.fdopen(os.dup(1), "wb")
os.dup2(2, 1)
sys.stdout = sys.stderr
# The protocol keeps its own (non-inheritable) duplicate of stdin; user code and its children
# see an empty stdin, and a read through sys.stdin raises an error that names what happened.
PROTO_IN = os.fdopen(os.dup(0), "rb")
_null = os.open(os.devnull, os.O_RDONLY)
os.dup2(_null, 0)
os.close(_null)
MAGIC = b"NNCK"


class StdinClosed(EOFError):
    pass


class _NoStdin(object):
    encoding = "utf-8"

    def _refuse(self, *args, **kwargs):
        raise StdinClosed("the code read from standard input (input() or sys.stdin), which nncheck closes: "
                          "checks run without a terminal; remove the read or pass the value as an argument")

    read = readline = readlines = __iter__ = __next__ = _refuse

    def isatty(self):
        return False

    def fileno(self):
        return 0

    def close(self):
        pass


sys.stdin = _NoStdin()


def _watch_parent():
    """nncheck killed outright (SIGKILL) cannot end this group: notice it and end it here."""
    import signal
    import threading
    import time
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os.killpg(os.getpgid(0), signal.SIGKILL)

    threading.Thread(target=watch, daemon=True).start()


_watch_parent()


def send(header, arrays=()):
    import numpy as np  # noqa: F401  (imported lazily so a missing numpy can be reported)
    blobs = [np.ascontiguousarray(a, dtype="<f8") for a in arrays]
    header["arrays"] = [list(a.shape) for a in arrays]
    h = json.dumps(header, allow_nan=True).encode("utf-8")
    # Each array's buffer is written as it is: no joined copy of the payload.
    PROTO_OUT.write(MAGIC + struct.pack("<I", len(h)) + h + struct.pack("<I", sum(b.nbytes for b in blobs)))
    for b in blobs:
        if b.nbytes:
            PROTO_OUT.write(b.reshape(-1).view("u1"))
    PROTO_OUT.flush()


def send_plain(header):
    """A frame without arrays, sendable before numpy is known to import."""
    h = json.dumps(header).encode("utf-8")
    PROTO_OUT.write(MAGIC + struct.pack("<I", len(h)) + h + struct.pack("<I", 0))
    PROTO_OUT.flush()


def read_exact(n):
    buf = b""
    while len(buf) < n:
        chunk = PROTO_IN.read(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def read_frame(read_only=False):
    """The next frame's header and arrays: read-only views of the received bytes when
    `read_only` (no copy; see receive), else writable copies."""
    import numpy as np
    start = read_exact(8)
    if start[:4] != MAGIC:
        raise ValueError("bad frame")
    (hl,) = struct.unpack_from("<I", start, 4)
    rest = read_exact(hl + 4)
    header = json.loads(rest[:hl].decode("utf-8"))
    (pl,) = struct.unpack_from("<I", rest, hl)
    payload = read_exact(pl) if pl else b""
    arrays, offset = [], 0
    for shape in header.get("arrays", []):
        n = 1
        for d in shape:
            n *= d
        a = np.frombuffer(payload, dtype="<f8", count=n, offset=offset).reshape(shape)
        arrays.append(a if read_only else a.copy())
        offset += 8 * n
    return header, arrays


STORE = array_store.ArrayStore()


def _spin_seconds():
    try:
        return max(0.0, min(float(os.environ.get("NNCHECK_BRIDGE_SPIN_US", "0")), 5000.0)) / 1e6
    except ValueError:
        return 0.0


SPIN_S = _spin_seconds()
_LAST_WAIT = [0.0]  # how long the last request took to arrive, in seconds


def wait_for_request():
    """Polls for the next request before the blocking read does, for up to SPIN_S seconds, and
    only while the client's requests come back to back (the last wait was shorter than that).
    Waking a process asleep in read() costs a scheduler round trip on each side, as much as a
    small network's loss; a process still polling is not asleep. A long wait switches polling
    off until a short one is seen again, so a client busy elsewhere costs no CPU. The client asks
    for it only when this process has a core to itself (see src/impl/python/spin.ts)."""
    start = time.perf_counter()
    if _LAST_WAIT[0] <= SPIN_S:
        fd, end = PROTO_IN.fileno(), start + SPIN_S
        while not select.select([fd], [], [], 0)[0] and time.perf_counter() < end:
            pass
    return start


def receive(read_only=False):
    """The next request, with the arrays it names by id taken from the store (see array_store):
    read-only views of them, and of the arrays sent inline, when `read_only`, else writable copies.

    header["originals"] holds, per argument, the stored untouched original or None. A request
    naming ids not held is answered with a miss here, and the next request is read.
    """
    while True:
        started = wait_for_request() if SPIN_S else None
        header, inline = read_frame(read_only)
        if started is not None:
            _LAST_WAIT[0] = time.perf_counter() - started
        try:
            arrays, header["originals"] = STORE.resolve(header, inline, read_only)
        except array_store.Miss as m:
            send(dict(ok=False, id=m.request_id, miss=m.ids))
            continue
        return header, arrays


PY2_PATTERNS = [
    (re.compile(r"^\s*print\s+[^\s(=]"), "a print statement"),
    (re.compile(r"^\s*except\s+[\w.]+\s*,\s*\w+\s*:"), "'except E, e:'"),
    (re.compile(r"^\s*exec\s+['\"]"), "an exec statement"),
    (re.compile(r"\bxrange\s*\("), "xrange"),
    (re.compile(r"\.has_key\s*\("), "dict.has_key"),
    (re.compile(r"\braw_input\s*\("), "raw_input"),
]


def python2_line(source):
    for number, line in enumerate(source.splitlines(), 1):
        for pattern, what in PY2_PATTERNS[:3]:
            if pattern.search(line):
                return number, line.strip(), what
    return None


def setup_error(code, message, fix, **extra):
    send_plain(dict(ok=False, setup=True, code=code, message=message, fix=fix, **extra))
    sys.exit(0)


BRIDGE_DIR = os.path.dirname(os.path.abspath(__file__))


def user_traceback(exc):
    """The traceback of user code alone: no frame of the bridge's own modules (this folder)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__)
              if os.path.dirname(os.path.abspath(f.filename)) != BRIDGE_DIR]
    return "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(exc), exc))


def module_missing(path, e):
    setup_error("module-missing", "%s imports '%s', which is not installed for %s" % (path, e.name, sys.executable),
                "install '%s' into the interpreter given by --python (%s -m pip install %s), "
                "or pass --python with one that has it" % (e.name, sys.executable, e.name),
                module=e.name)


def load(path, class_name):
    try:
        import numpy  # noqa: F401
    except ImportError:
        setup_error("numpy-missing", "numpy is not installed for " + sys.executable,
                    "install it into that interpreter (" + sys.executable + " -m pip install numpy) "
                    "or pass --python with one that has it")
    try:
        with open(path, "rb") as fh:
            source = fh.read()  # bytes: compile() honours a UTF-8 BOM and a coding line
    except OSError as e:
        setup_error("unreadable", "cannot read " + path + ": " + str(e), "check the path and permissions")
    try:
        code = compile(source, path, "exec")
    except (SyntaxError, ValueError) as e:
        if not isinstance(e, SyntaxError):  # e.g. null bytes
            setup_error("syntax", "%s cannot be compiled: %s" % (path, e), "check that it is a Python source file")
        source = source.decode("utf-8", "replace")
        py2 = python2_line(source)
        if py2:
            setup_error("python2",
                        "%s looks like a Python 2 file: line %d uses %s: %s" % (path, py2[0], py2[2], py2[1]),
                        "port it to Python 3 (e.g. print(...), 'except E as e:'), or run 2to3 on it", line=py2[0])
        setup_error("syntax", "%s has a syntax error at line %s: %s" % (path, e.lineno, (e.text or "").strip()),
                    "fix the line (" + str(e.msg) + ")", line=e.lineno)
    os.environ.setdefault("MPLBACKEND", "Agg")
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    import types
    module = types.ModuleType("user_network")
    module.__file__ = os.path.abspath(path)
    sys.modules["user_network"] = module
    try:
        tree = defs_only_plan(source, path) if "--pair" not in sys.argv else None  # a pair's data is module-level work
        if tree is not None:
            LOAD_NOTES.extend(defs_only.load(tree, source, path, module.__dict__))
        else:
            exec(code, module.__dict__)
    except defs_only.DefinitionFailed as e:
        if isinstance(e.error, ModuleNotFoundError):
            module_missing(path, e.error)
        setup_error("definition-failed",
                    path + ", loaded definitions only (its top level does work), failed at " + str(e),
                    "fix that line, or move the script's work under if __name__ == '__main__':", line=e.line)
    except ModuleNotFoundError as e:
        if tree is not None or not definitions_only_after_missing(source, path, module):
            module_missing(path, e)
    except SystemExit:
        setup_error("exit-on-import", path + " called exit() while being imported",
                    "move script code under if __name__ == '__main__':")
    except BaseException as e:  # noqa: BLE001 - any failure on import is the user's to see
        setup_error("import-error", path + " raised " + type(e).__name__ + " while being imported: " + str(e),
                    "run it on its own (python3 FILE) and fix the error; "
                    "move script code under if __name__ == '__main__':",
                    traceback=user_traceback(e))
    return module


LOAD_NOTES = []


def definitions_only_after_missing(source, path, module):
    """A file that imports a module not installed (a plotting library, say) at its top level and
    does no work there is loaded again definitions-only, where an import no function uses is
    skipped with a note. False when a definition uses the missing module (then it is reported)."""
    import ast
    try:
        LOAD_NOTES.extend(defs_only.load(ast.parse(source, path), source, path, module.__dict__))
    except defs_only.DefinitionFailed as e:
        if isinstance(e.error, ModuleNotFoundError):
            return False
        setup_error("definition-failed", path + ", loaded definitions only (it imports a module that is not "
                    "installed), failed at " + str(e), "fix that line, or install the module", line=e.line)
    return True


def defs_only_plan(source, path):
    """The parsed module when its top level does work (loads data, trains, plots), else None."""
    import ast
    tree = ast.parse(source, path)
    return tree if defs_only.does_work(tree) else None


FUNCTIONAL_FIX = ("nncheck checks module functions through init_params(D, H, K, seed), forward(params, X), "
                  "loss(params, X, Y, lam) and gradients(params, X, Y, lam): give them those parameters, "
                  "or check a function pair with nncheck grad")


class Functional:
    shape = "functional"

    def __init__(self, m):
        self.m = m
        self.ndims = None

    def params_in(self, arrays):
        if self.ndims is None:
            return arrays
        return [a.reshape(-1) if nd == 1 else a for a, nd in zip(arrays, self.ndims)]

    def init_params(self, D, H, K, seed):
        out = call(self.m.init_params, "init_params(D, H, K, seed)", FUNCTIONAL_FIX, D, H, K, seed)
        if out is not None and self.ndims is None:
            self.ndims = [getattr(a, "ndim", 2) for a in out]
        return out

    def state(self):
        return dict(ndims=self.ndims)

    def restore(self, state):
        """After a restart: the bias shapes learned from init_params (the run depends on them)."""
        self.ndims = state.get("ndims")

    def forward(self, params, X):
        return call(self.m.forward, "forward(params, X)", FUNCTIONAL_FIX, self.params_in(params), X)

    def loss(self, params, X, Y, lam):
        return call(self.m.loss, "loss(params, X, Y, lam)", FUNCTIONAL_FIX, self.params_in(params), X, Y, lam)

    def gradients(self, params, X, Y, lam):
        return call(self.m.gradients, "gradients(params, X, Y, lam)", FUNCTIONAL_FIX, self.params_in(params), X, Y, lam)

    def train(self, X, Y, H, epochs, lr, lam, seed):
        return self.m.train(X, Y, H, epochs, lr=lr, lam=lam, seed=seed)


def as2d(a, what):
    import numpy as np
    if a is None:
        raise ReturnedNone(what + " returned None")
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return a.reshape(1, 1)
    if a.ndim == 1:
        return a.reshape(1, -1)
    if a.ndim > 2:
        raise ValueError("%s returned an array with %d dimensions, shape %s" % (what, a.ndim, a.shape))
    return a


class ReturnedNone(Exception):
    pass


def scalar(value, what="loss()"):
    """A loss value: a number or a one-element array; a string or None is the user's bug, named."""
    import numpy as np
    if value is None:
        raise ReturnedNone(what + " returned None")
    if isinstance(value, (str, bytes)) or not isinstance(value, (int, float, np.number, np.ndarray, np.bool_)):
        raise TypeError("%s returned a %s (%s), expected a number" % (what, type(value).__name__, repr(value)[:80]))
    if np.size(value) != 1:
        raise ValueError("%s returned %d values (shape %s), expected one number"
                         % (what, np.size(value), np.shape(value)))
    return float(np.asarray(value, dtype=np.float64).reshape(-1)[0])


def declared_slope(module):
    """LEAKY_SLOPE as a float (numpy scalars included); anything else is a setup error."""
    import numbers
    import math
    slope = getattr(module, "LEAKY_SLOPE", None)
    if slope is None:
        return None
    try:
        ok = isinstance(slope, numbers.Real) and not isinstance(slope, bool) and math.isfinite(float(slope))
    except (TypeError, ValueError):
        ok = False
    if not ok:
        setup_error("leaky-slope", "LEAKY_SLOPE = %s is not a finite number" % repr(slope)[:80],
                    "set LEAKY_SLOPE to the slope below zero, e.g. LEAKY_SLOPE = 0.01")
    return float(slope)


def layer_classes_unused(layer_map, impl, args):
    """Why --layer-classes was given and not used (a network whole, not layers), or None."""
    if layer_map is None or impl.shape == "layers":
        return None
    given = args[args.index("--layer-classes") + 1]
    what = ("class %s, checked whole through its own methods" % impl.cls.__name__ if isinstance(impl, ClassShape)
            else "its functions" if isinstance(impl, Functional) or impl.shape == "functions"
            else "a class keeping its weights as attributes" if impl.shape == "attributes"
            else "the pair given with --pair")
    return ("--layer-classes %s was not used: the file is checked as a network, %s; nncheck assembles "
            "layer classes (dense -> activation -> dense -> softmax + loss) only in a file without a network class "
            "or contract functions" % (given, what))


def main():
    import inspect
    args = sys.argv[1:]
    path = args[0]
    class_name = args[args.index("--class") + 1] if "--class" in args else None
    module = load(path, class_name)
    import numpy as np
    import nncheck_layers  # layer-style classes (Layer_Dense, Activation_ReLU, ...): issue 16
    import nncheck_attr_net  # weights kept as attributes, feedforward/backprop methods
    import nncheck_fn_net  # init_params, forward and a loss_and_grads function
    pair = args[args.index("--pair") + 1] if "--pair" in args else None  # nncheck grad: any loss/gradient pair
    layer_map = (dict(kv.split("=", 1) for kv in args[args.index("--layer-classes") + 1].split(",") if "=" in kv)
                 if "--layer-classes" in args else None)
    names = ["init_params", "forward", "loss", "gradients"]
    classes = [v for k, v in vars(module).items()
               if inspect.isclass(v) and v.__module__ == "user_network" and callable(getattr(v, "loss", None))]
    # A class with a loss method but its weights in attributes (no params dict) is not a course class.
    classes = [c for c in classes if not nncheck_attr_net.keeps_attributes(c)]
    if "--free-ops" in args:
        contract = (bool(classes) or all(callable(getattr(module, n, None)) for n in names)
                    or free_ops.holds(lambda: nncheck_layers.detect(module, layer_map))
                    or bool(nncheck_attr_net.candidates(module)) or nncheck_fn_net.candidate(module))
        return free_ops.serve(module, LOAD_NOTES, contract, send, receive, user_traceback)
    if pair:
        import nncheck_pair
        impl = nncheck_pair.build(module, pair, setup_error)
    elif class_name:
        chosen = [c for c in classes if c.__name__ == class_name]
        if not chosen:
            setup_error("no-class", "%s has no class %s with a loss method" % (path, class_name),
                        "use one of: " + (", ".join(c.__name__ for c in classes) or "(none)"))
        impl = class_shape(chosen[0])
    elif all(callable(getattr(module, n, None)) for n in names):
        impl = Functional(module)
    elif classes:
        if len(classes) > 1:
            setup_error("several-classes",
                        "%s holds several network classes: %s" % (path, ", ".join(c.__name__ for c in classes)),
                        "name the one to check with --class NAME")
        impl = class_shape(classes[0])
    elif (attr := nncheck_attr_net.readable(module)) is not None:
        impl = attr
    elif nncheck_fn_net.candidate(module):
        impl = nncheck_fn_net.detect(module, setup_error)
    elif nncheck_attr_net.candidates(module) and not free_ops.holds(
            lambda: nncheck_layers.build(module, layer_map, None)):
        impl = nncheck_attr_net.detect(module, setup_error)  # says why the class could not be read
    elif nncheck_layers.detect_or_error(module, layer_map, setup_error):
        impl = nncheck_layers.build(module, layer_map, None)
    else:
        missing = [n for n in names if not callable(getattr(module, n, None))]
        setup_error("contract", "%s does not define %s" % (path, ", ".join(n + "()" for n in missing)),
                    "define init_params(D, H, K, seed), forward(params, X), loss(params, X, Y, lam) "
                    "and gradients(params, X, Y, lam), or a class with params and loss(X, y=None, reg=0.0) "
                    "(see the README)")
    source = impl.cls if isinstance(impl, ClassShape) else impl if hasattr(impl, "ACTIVATION") else module
    activation = getattr(source, "ACTIVATION", getattr(module, "ACTIVATION", None))
    send(dict(ok=True, shape=impl.shape, loadNotes=LOAD_NOTES,
              className=getattr(getattr(impl, "cls", None), "__name__", None),
              layerClassesUnused=layer_classes_unused(layer_map, impl, args),
              activation=str(activation) if activation is not None else None,
              layout=str(getattr(module, "LAYOUT")) if getattr(module, "LAYOUT", None) is not None else None,
              leakySlope=declared_slope(module),
              precision=getattr(source, "PRECISION", getattr(module, "PRECISION", None)),
              hasTrain=callable(getattr(module, "train", None)) and isinstance(impl, Functional),
              train=(own_train.describe(getattr(source, "train", None), isinstance(impl, ClassShape))
                     if isinstance(impl, (Functional, ClassShape)) else None),
              python=sys.version.split()[0], numpy=np.__version__, executable=sys.executable,
              **(impl.describe() if hasattr(impl, "describe") else {})))
    while True:
        try:
            header, arrays = receive(read_only=True)
        except EOFError:
            return
        op = header.get("op")
        if not (op in READ_ONLY_OPS and isinstance(impl, (Functional, ClassShape))):
            arrays = writable(arrays)
        try:
            try:
                result = answer(impl, module, source, op, header, arrays)
            except ValueError as e:
                if not wrote_into_read_only(e, arrays):
                    raise
                # The call wrote into a kept array: made again on copies, as if the bytes had come
                # over the pipe, so the write lands where it always did and is reported as before.
                result = answer(impl, module, source, op, header, writable(arrays))
            send(dict(ok=True, id=header.get("id"), **result.get("meta", {})), result.get("arrays", []))
        except ReturnedNone as e:
            send(dict(ok=False, id=header.get("id"), error=dict(type="ReturnedNone", message=str(e))))
        except CallMismatch as e:  # nncheck misread the contract: a setup error, not the user's bug
            send(dict(ok=False, id=header.get("id"), error=dict(type="CallMismatch", message=str(e), fix=e.fix)))
        except Exception as e:  # noqa: BLE001 - user code's failures are findings
            send(dict(ok=False, id=header.get("id"),
                      error=dict(type=type(e).__name__, message=str(e), traceback=user_traceback(e))))


# Calls of a network's loss, gradients and forward, whose only state is the parameters each call
# sets: one that fails on a read-only argument can be made again and answers as it would have.
# Everything else (training loops, layer and optimizer objects, which keep state across a failed
# attempt) gets writable copies first and is never made twice.
READ_ONLY_OPS = ("loss", "gradients", "forward", "loss_many", "loss_along", "forward_many", "calls", "sgd")


def writable(arrays):
    return [a if a.flags.writeable else a.copy() for a in arrays]


def wrote_into_read_only(error, arrays):
    return "read-only" in str(error) and any(not a.flags.writeable for a in arrays)


def answer(impl, module, source, op, header, arrays):
    if op == "side_effects":
        return dict(meta=dict(effects=sorted(set(getattr(impl, "side_effects", [])))))
    if op in batched_ops.OPS:
        return batched_ops.run(impl, op, header, arrays, dispatch)
    if op == "own_train":
        return own_train.run(
            impl, module, own_train.describe(getattr(source, "train", None), isinstance(impl, ClassShape)),
            arrays, header)
    return dispatch(impl, op, header, arrays)


def split(header, arrays):
    """params come first (header['params'] of them, header['sets'] sets), then X, then Y."""
    p, sets = header.get("params", 0), header.get("sets", 1)
    param_sets = [arrays[i * p:(i + 1) * p] for i in range(sets)]
    rest = arrays[p * sets:]
    return param_sets, rest


def mutations(originals, after):
    import numpy as np
    changed = []
    for i, (before, now) in enumerate(zip(originals, after)):
        if not now.flags.writeable:  # a read-only view (kept or received): nothing wrote into it
            continue
        # Plain equality first (one pass, the common case); NaNs compare equal as before.
        same = now.shape == before.shape and (
            np.array_equal(before, now) or np.array_equal(before, now, equal_nan=True))
        if not same:
            changed.append(i)
    return changed


DTYPE_NAMES = {}


def dtype_name(a):
    dt = getattr(a, "dtype", None)
    if dt is None:
        return "float64"
    try:
        name = DTYPE_NAMES.get(dt)
        if name is None:
            name = DTYPE_NAMES[dt] = str(dt)
        return name
    except TypeError:  # an unhashable dtype-like attribute
        return str(dt)


def points_along(header, base, steps, probe_arrays):
    """The points of a loss_along request, formed as nncheck's along() forms them in float64:
    a copy of the base, then entry by entry base[i] + step·v[i] (the product rounded first).
    header["probes"] gives each direction's first index when its indices are consecutive, else
    -1 and its indices follow its values; header["moves"] names a direction per point (-1: the
    base itself)."""
    import numpy as np
    directions, arrays = [], iter(probe_arrays)
    for start in header["probes"]:
        values = next(arrays).reshape(-1)
        where = slice(start, start + values.size) if start >= 0 else next(arrays).reshape(-1).astype(np.intp)
        directions.append((where, values))
    for k, d in enumerate(header["moves"]):
        point = base.copy()
        if d >= 0:
            where, values = directions[d]
            if isinstance(where, slice):
                point[where] += steps[k] * values
            else:
                np.add.at(point, where, steps[k] * values)  # in order, as the loop over indices does
        yield point


def unflatten(theta, shapes):
    """Parameter arrays of the given shapes, each its own copy, as if sent one by one."""
    out, o = [], 0
    for rows, cols in shapes:
        out.append(theta[o:o + rows * cols].reshape(rows, cols).copy())
        o += rows * cols
    return out


def dispatch(impl, op, header, arrays):
    import numpy as np
    if op in getattr(impl, "extra_ops", {}):
        return impl.extra_ops[op](header, arrays)
    param_sets, rest = split(header, arrays)
    lam = header.get("lam", 0.0)
    if op == "init_params":
        out = impl.init_params(header["D"], header["H"], header["K"], header["seed"])
        if out is None:
            raise ReturnedNone("init_params() returned None")
        return dict(arrays=[as2d(a, "init_params()[%d]" % i) for i, a in enumerate(out)],
                    meta=dict(state=impl.state()) if hasattr(impl, "state") else {})
    if op == "restore":
        if hasattr(impl, "restore"):  # shapes without learned state (layer-style) need nothing
            impl.restore(header.get("state") or {})
        return dict(arrays=[])
    if op in ("loss", "gradients", "forward"):
        params = param_sets[0]
        live = params + rest
        stored = header.get("originals") or [None] * len(live)
        # A read-only argument cannot be written into (mutations() skips it): no copy to compare with.
        originals = [o if o is not None else a if not a.flags.writeable else a.copy() for a, o in zip(live, stored)]
        if op == "forward":
            returned = [impl.forward(params, rest[0])]
            out = [as2d(returned[0], "forward()")]
        elif op == "loss":
            value = impl.loss(params, rest[0], rest[1], lam)
            returned = [value]
            out = [np.array([[scalar(value)]])]
        notes = []
        if op == "gradients":
            g = impl.gradients(params, rest[0], rest[1], lam)
            if g is None:
                raise ReturnedNone("gradients() returned None")
            seen = impl.params_in(params) if hasattr(impl, "params_in") else impl.shaped(params)
            for i, (gi, pi) in enumerate(zip(g, seen)):
                gs, ps = np.shape(gi), np.shape(pi)
                if gs != ps and np.size(gi) == np.size(pi) and [d for d in gs if d != 1] == [d for d in ps if d != 1]:
                    notes.append("gradient %d has shape %s for a parameter of shape %s: "
                                 "accepted (they differ only by singleton dimensions)" % (i, gs, ps))
            out = [as2d(a, "gradients()[%d]" % i) for i, a in enumerate(g)]
            returned = g
        changed = mutations(originals, [as2d(a, "argument") for a in live])
        dtypes = sorted(set(dtype_name(a) for a in returned))  # before as2d made them float64
        return dict(arrays=out + [as2d(live[i], "argument") for i in changed],
                    meta=dict(mutated=changed, results=len(out), notes=notes, dtypes=dtypes))
    if op == "loss_many":
        values = []
        for params in param_sets:
            values.append(scalar(impl.loss(params, rest[0], rest[1], lam)))
        return dict(arrays=[np.array([values])])
    if op == "loss_along":
        base, steps, X, Y = arrays[:4]
        values = []
        for point in points_along(header, base.reshape(-1), steps.reshape(-1), arrays[4:]):
            values.append(scalar(impl.loss(unflatten(point, header["shapes"]), X, Y, lam)))
        return dict(arrays=[np.array([values])])
    if op == "forward_many":
        return dict(arrays=[as2d(impl.forward(params, rest[0]), "forward()") for params in param_sets])
    if op == "train":
        lr = header.get("lr")
        out = impl.train(rest[0], rest[1], header["H"], header["epochs"], lr, lam, header["seed"])
        if out is None:
            raise ReturnedNone("train() returned None")
        return dict(arrays=[as2d(a, "train()[%d]" % i) for i, a in enumerate(out)])
    raise ValueError("unknown op " + str(op))


if __name__ == "__main__":
    main()
