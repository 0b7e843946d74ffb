import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../../src/impl/python/', import.meta.url));

/** Runs defs_only.load on a source text; returns the notes and the names it defined. */
function load(source: string): { notes: string[]; names: string[] } | { error: string; line: number } {
  const py = `
import ast, json, sys, types
sys.path.insert(0, ${JSON.stringify(DIR)})
import defs_only
src = sys.stdin.read()
m = types.ModuleType("user_network")
m.__file__ = "/tmp/f.py"
try:
    notes = defs_only.load(ast.parse(src), src, "f.py", m.__dict__)
    names = sorted(k for k in vars(m) if not k.startswith("__"))
    print(json.dumps(dict(notes=notes, names=names, works=defs_only.does_work(ast.parse(src)))))
except defs_only.DefinitionFailed as e:
    print(json.dumps(dict(error=str(e), line=e.line)))
`;
  const r = spawnSync('python3', ['-c', py], { input: source, encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

describe('definitions-only loading', () => {
  it('keeps imports, definitions and the constants they use; skips and lists the work', () => {
    const r = load(
      [
        'import numpy as np',
        'SLOPE = 0.01',
        'SCALE = SLOPE * 2',
        'rng = np.random.default_rng(0)',
        'unused = 3',
        'def f(x):',
        '    return np.maximum(x, SLOPE * x) + rng.normal() * 0 + SCALE * 0',
        'data = np.loadtxt("train.csv")',
        'X = data[:, 1:]',
        'W = f(X)',
        'for i in range(10**9):',
        '    pass',
        'if __name__ == "__main__":',
        '    print(1)',
      ].join('\n'),
    ) as { notes: string[]; names: string[] };
    expect(r.names).toEqual(['SCALE', 'SLOPE', 'f', 'np', 'rng']);
    expect(r.notes).toEqual([
      'line 5: unused = 3',
      'line 8: data = np.loadtxt("train.csv")',
      'line 9: X = data[:, 1:]',
      'line 10: W = f(X)',
      'line 11: for i in range(10**9):',
    ]);
  });
  it('keeps the setup calls definitions may rely on (sys.path, seeds), not the calls that work', () => {
    const r = load(
      [
        'import sys, os',
        'import numpy as np',
        'sys.path.insert(0, os.path.dirname(__file__) + "/lib")',
        'np.random.seed(0)',
        'def f(x):',
        '    return x',
        'print("training")',
        'np.savetxt("out.csv", np.zeros(2))',
      ].join('\n'),
    ) as { notes: string[]; names: string[] };
    expect(r.notes).toEqual(['line 7: print("training")', 'line 8: np.savetxt("out.csv", np.zeros(2))']);
  });
  it('a file without work is not planned at all (the bridge imports it normally)', () => {
    const r = load(
      'import numpy as np\nACTIVATION = "relu"\ndef f(x):\n    return x\nif __name__ == "__main__":\n    f(1)\n',
    ) as { notes: string[]; names: string[]; works?: boolean };
    expect((r as unknown as { works: boolean }).works).toBe(false);
  });
  it('an unused import that fails is noted; a failing definition names its line', () => {
    const ok = load(
      'import numpy as np\nimport not_a_module_xyz as plt\ndef f(x):\n    return np.tanh(x)\nplt.show()\n',
    ) as { notes: string[] };
    expect(ok.notes.join('\n')).toMatch(/line 2: import not_a_module_xyz as plt \(failed: .*no function uses it\)/);
    const bad = load(
      'import numpy as np\nx = np.loadtxt("missing.csv")\n@np.no_such_decorator\ndef f(x):\n    return x\n',
    ) as { error: string; line: number };
    expect(bad.line).toBe(3);
    expect(bad.error).toMatch(/line 3: def f\(x\): raised AttributeError/);
  });
  it('a top-level sys.exit(), os._exit() or unittest.main() is work, skipped and noted, never run as setup', () => {
    const r = load(
      ['import sys, os, unittest', 'sys.exit(3)', 'def f(x):', '    return x', 'os._exit(0)', 'unittest.main()'].join(
        '\n',
      ),
    ) as { notes: string[]; names: string[]; works: boolean };
    expect(r.works).toBe(true);
    expect(r.names).toEqual(['f', 'os', 'sys', 'unittest']);
    expect(r.notes).toEqual(['line 2: sys.exit(3)', 'line 5: os._exit(0)', 'line 6: unittest.main()']);
  });
  it('a kept constant whose module call exits (argparse on a command line not its own) is noted, not fatal', () => {
    const r = load(
      [
        'import argparse',
        'ARGS = argparse.ArgumentParser.parse_args(argparse.ArgumentParser(), ["--lr", "1"])',
        'def f(x):',
        '    return x * ARGS.lr',
        'print(f(1))',
      ].join('\n'),
    ) as { notes: string[]; names: string[] };
    expect(r.names).toEqual(['argparse', 'f']);
    expect(r.notes).toEqual([
      'line 2: ARGS = argparse.ArgumentParser.parse_args(argparse.ArgumentParser()... (failed: SystemExit: 2)',
      'line 5: print(f(1))',
    ]);
  });
});
