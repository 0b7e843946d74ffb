"""Definitions-only loading: a script that does work at import (loads data, trains, plots) is
loaded without doing that work. Kept: imports, function and class definitions, docstrings and
the constant assignments the definitions use; every other top-level statement is skipped and
listed, so the user sees what did not run. A kept statement that fails names its line.
"""
import ast
import builtins
import re

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
IMPORTS = (ast.Import, ast.ImportFrom)
IO_CALL = re.compile(r"load|read|open|save|show|plot|fit|train|download|fetch|input|system|sleep", re.I)
# sys.exit(0), os._exit(1), os.abort(), os.kill(...) end the script; unittest.main(), pytest.main(),
# app.run(main) run a program (and exit): work, never setup.
EXIT_OR_MAIN = re.compile(r"_?exit|abort|kill|killpg|quit|main|run")


def is_main_guard(stmt):
    """`if __name__ == "__main__":` never runs on import: neither work nor worth a note."""
    t = stmt.test if isinstance(stmt, ast.If) else None
    return (isinstance(t, ast.Compare) and isinstance(t.left, ast.Name) and t.left.id == "__name__"
            and len(t.comparators) == 1 and isinstance(t.comparators[0], ast.Constant))


def is_docstring(stmt):
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def only_definitions(stmts):
    """A try/if block made of imports and definitions only (e.g. try: import x except ImportError)."""
    return all(isinstance(s, DEFS + IMPORTS + (ast.Pass,)) or is_docstring(s) for s in stmts)


def is_definition_block(stmt):
    if isinstance(stmt, ast.Try):
        return only_definitions(stmt.body) and all(only_definitions(h.body) for h in stmt.handlers) \
            and only_definitions(stmt.orelse) and only_definitions(stmt.finalbody)
    return False


def imported_names(stmt):
    return [(a.asname or a.name).split(".")[0] for a in stmt.names]


def assigned_names(stmt):
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    names = []
    for t in targets:
        for n in ast.walk(t):
            if not isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.Store)):
                return None  # x[0] = ..., obj.attr = ...: not a constant definition
            if isinstance(n, ast.Name):
                names.append(n.id)
    return names


def is_constant_expression(node, modules):
    """Literals, names and arithmetic, and calls into imported modules (np.float32(0.01),
    np.array([...])): never a call to the user's own functions, which could train or load."""
    for n in ast.walk(node):
        if isinstance(n, (ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return False
        if isinstance(n, ast.Call):
            root = n.func
            while isinstance(root, ast.Attribute):
                root = root.value
            if not (isinstance(root, ast.Name)
                    and (root.id in modules or root.id in ("float", "int", "tuple", "range"))):
                return False
            attr = n.func.attr if isinstance(n.func, ast.Attribute) else None
            if attr and (IO_CALL.search(attr) or EXIT_OR_MAIN.fullmatch(attr)):
                return False
            if isinstance(root, ast.Name) and any(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) and "." in a.value for a in n.args):
                return False  # np.load("data.npy"), np.loadtxt("x.csv"): reads a file
    return True


def names_used(nodes):
    return {n.id for node in nodes for n in ast.walk(node) if isinstance(n, ast.Name)}


def plan(tree):
    """Splits the module's top level into (kept statements, skipped statements)."""
    modules = set()
    for s in tree.body:
        if isinstance(s, IMPORTS):
            modules.update(imported_names(s))
    defs = [s for s in tree.body if isinstance(s, DEFS) or is_definition_block(s)]
    needed = names_used(defs)
    # A kept constant may only read modules, builtins and what definitions and kept constants define.
    known = modules | set(dir(builtins)) | {"__file__", "__name__"} | {s.name for s in defs if isinstance(s, DEFS)}
    keep_ids = set()
    changed = True
    while changed:  # constants used by definitions, and the constants those constants use
        changed = False
        for s in tree.body:
            if id(s) in keep_ids or not isinstance(s, (ast.Assign, ast.AnnAssign)) or s.value is None:
                continue
            names = assigned_names(s)
            if names and (set(names) & needed or all(n.isupper() for n in names)) \
                    and names_used([s.value]) <= known and is_constant_expression(s.value, modules):
                keep_ids.add(id(s))
                known |= set(names)
                needed |= names_used([s.value])
                changed = True
    kept, skipped = [], []
    for s in tree.body:
        if isinstance(s, DEFS + IMPORTS) or is_definition_block(s) or is_docstring(s) or id(s) in keep_ids \
                or is_setup_call(s, modules, known):
            kept.append(s)
        elif not is_main_guard(s):
            skipped.append(s)
    return kept, skipped, needed


def is_setup_call(stmt, modules, known):
    """A call into an imported module that configures rather than works (sys.path.insert(...),
    np.random.seed(0), nnfs.init(), np.seterr(...)): the definitions may depend on it."""
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) \
        and names_used([stmt.value]) <= known and is_constant_expression(stmt.value, modules)


def does_work(tree):
    return bool(plan(tree)[1])


def first_line(stmt):
    """A decorated definition starts at its first decorator (where a failing decorator raises)."""
    return min([d.lineno for d in getattr(stmt, "decorator_list", [])] + [stmt.lineno])


def describe(source, stmt):
    text = (ast.get_source_segment(source, stmt) or type(stmt).__name__).strip().splitlines()[0]
    return "line %d: %s" % (first_line(stmt), text if len(text) <= 70 else text[:67] + "...")


class DefinitionFailed(Exception):
    def __init__(self, stmt, source, error):
        super().__init__("%s raised %s: %s" % (describe(source, stmt), type(error).__name__, error))
        self.line = first_line(stmt)
        self.error = error


def load(tree, source, path, namespace):
    """Executes the kept statements one by one; returns the notes (what was skipped). A constant
    or setup call that fails or exits, or an import no definition uses (a plotting library, say),
    is skipped with a note; any other failure raises DefinitionFailed naming the line."""
    kept, skipped, needed = plan(tree)
    if isinstance(source, bytes):  # the bridge reads bytes (a BOM, a coding line): text for the notes
        source = source.decode("utf-8-sig", "replace")
    notes = [(s.lineno, describe(source, s)) for s in skipped]
    for s in kept:
        code = compile(ast.Module(body=[s], type_ignores=[]), path, "exec")
        try:
            exec(code, namespace)
        except (Exception, SystemExit) as e:  # noqa: BLE001 - the user's statement: noted or reported with its line
            # A constant or setup call that fails or exits (args = parser.parse_args() exits on nncheck's argv)
            # is skipped: the definitions are what is checked.
            if isinstance(s, (ast.Assign, ast.AnnAssign, ast.Expr)):
                notes.append((s.lineno, describe(source, s) + " (failed: %s: %s)" % (type(e).__name__, e)))
            elif isinstance(e, ImportError) and isinstance(s, IMPORTS) and not set(imported_names(s)) & needed:
                notes.append((s.lineno, describe(source, s) + " (failed: %s; no function uses it)" % e))
            else:
                raise DefinitionFailed(s, source, e)
        except BaseException as e:  # noqa: BLE001 - exit() inside a kept import or definition
            raise DefinitionFailed(s, source, e)
    return [text for _, text in sorted(notes)]
