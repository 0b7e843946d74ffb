import { describe, it, expect } from 'vitest';
import { pythonOfOneFileCheck } from '../../src/cli/one-file-check.ts';

const of = (...args: string[]) => pythonOfOneFileCheck(['node', 'nncheck', ...args]);
const FILE = 'examples/numpy_network.py';

describe("the interpreter of a check of one Python file, read before the CLI's options are", () => {
  it('is python3, or the last --python, for one existing .py file with any flags', () => {
    expect(of('check', FILE)).toBe('python3');
    expect(of('check', '--quiet', FILE, '--timings', '--seed', '3', '--suite', 'softmax')).toBe('python3');
    expect(of('check', FILE, '--python', 'venv/bin/python')).toBe('venv/bin/python');
    expect(of('check', FILE, '--python=py3', '--class', 'Net')).toBe('py3');
  });
  it('is none for other commands, batches, files that are not there, help and coverage', () => {
    expect(of('compare', FILE)).toBeUndefined();
    expect(of('check', FILE, 'fixtures/user/py_digest.py')).toBeUndefined();
    expect(of('check', FILE, 'examples')).toBeUndefined();
    expect(of('check', 'examples/*.py')).toBeUndefined();
    expect(of('check', FILE, '--shard', '1/2')).toBeUndefined();
    expect(of('check', 'nothere.py')).toBeUndefined();
    expect(of('check', 'examples/ts_network.ts')).toBeUndefined();
    expect(of('check', FILE, '--help')).toBeUndefined();
    expect(of('check', FILE, '--coverage')).toBeUndefined();
    expect(of('check')).toBeUndefined();
  });
});
