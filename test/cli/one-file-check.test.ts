import { describe, it, expect } from 'vitest';
import { bridgesOfOneFileCheck, OPS_SUITE } from '../../src/cli/one-file-check.ts';
import { opsSuite } from '../../properties/suites/ops/index.ts';

const of = (...args: string[]) => bridgesOfOneFileCheck(['node', 'nncheck', ...args]);
const FILE = 'examples/numpy_network.py';

describe("the bridges of a check of one Python file, read before the CLI's options are", () => {
  it('are two under python3 or the last --python, for one existing .py file with any flags', () => {
    expect(of('check', FILE)).toEqual({ python: 'python3', bridges: 2 });
    expect(of('check', '--quiet', FILE, '--timings', '--seed', '3', '--runs', '5')).toEqual({
      python: 'python3',
      bridges: 2,
    });
    expect(of('check', FILE, '--python', 'venv/bin/python')).toEqual({ python: 'venv/bin/python', bridges: 2 });
    expect(of('check', FILE, '--python=py3', '--class', 'Net')).toEqual({ python: 'py3', bridges: 2 });
  });
  it("are one when --suite leaves out the free ops, or names them alone (the network's or the ops')", () => {
    expect(of('check', FILE, '--suite', 'softmax')?.bridges).toBe(1);
    expect(of('check', FILE, '--suite=ops')?.bridges).toBe(1);
    expect(of('check', FILE, '--suite', 'ops', '--suite', 'network')?.bridges).toBe(2);
    expect(OPS_SUITE).toBe(opsSuite.name);
  });
  it('are none for other commands, batches, files that are not there, help and coverage', () => {
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
