import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const check = (file: string, ...more: string[]) =>
  runCli(['check', `fixtures/scripts/mutants/${file}`, '--runs', '50', ...more]);

describe('free-op mutants, each caught with its cause', () => {
  it('softmax without a max: no-max-softmax', () => {
    const r = check('no_max_softmax.py');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cause: no-max-softmax/);
    expect(r.stdout).not.toMatch(/global-max-softmax/);
  });
  it('softmax shifting its argument in place: mutates-inputs, naming the argument', () => {
    const r = check('inplace_softmax.py');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/softmax\(z\) writes into its argument z[^\n]*\n(?:[^\n]*\n)*?\s+cause: mutates-inputs/);
    expect(r.stdout).toMatch(/1 failed/);
  });
  it('a sigmoid derivative with a sign slip: derivative-mismatch', () => {
    const r = check('sigmoid_wrong_derivative.py');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/sigmoid_derivative\(\) is the derivative of sigmoid\(\)[^\n]*not its derivative/);
    expect(r.stdout).toMatch(/cause: derivative-mismatch/);
  });
  it('a clipped log in the cost: a clipped-log warning that does not fail the run', () => {
    const r = check('clipped_cost.py');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[warning\][^\n]*\n(?:[^\n]*\n)*?\s+cause: clipped-log/);
    expect(r.stdout).toMatch(/1 failed \(no defects found and 1 warning\)/);
  });
  it(
    'a batch-sum softmax: named softmax it is checked as one; ' +
      'another name needs --op (and is never called global-max)',
    () => {
      const plain = check('batch_sum_softmax.py');
      expect(plain.code).toBe(1);
      expect(plain.stdout).toMatch(/softmax\(\): each row lies in \[0, 1\] and sums to 1/);
      expect(plain.stdout).toMatch(/not recognised as ops: normalise_rows\(z\)[^\n]*--op ROLE=FUNCTION/);
      expect(plain.stdout).not.toMatch(/cause: global-max-softmax/);
      const hinted = check('batch_sum_softmax.py', '--op', 'softmax=normalise_rows');
      expect(hinted.stdout).toMatch(/normalise_rows\(\): each row lies in \[0, 1\] and sums to 1: row 0/);
    },
  );
  it('definitions that themselves fail: a setup error naming the line (exit 2)', () => {
    const r = check('broken_definition.py');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /loaded definitions only \(its top level does work\), failed at line 7: def relu\(x\): raised AttributeError/,
    );
  });
  it('a bad --op hint is a usage error naming the roles', () => {
    const r = check('batch_sum_softmax.py', '--op', 'softmax=nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has no function nope/);
  });
});
