import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const DIR = 'fixtures/real-code';
const FEWER = { NNCHECK_RUNS: '30' };

// The tutorial style: weights as attributes (self.W1 ...), feedforward / cross_entropy / backprop.
describe('a network kept in class attributes, read as written', () => {
  it('the correct one is read (methods, weights and label form named) and passes: exit 0', () => {
    const r = runCli(['check', `${DIR}/attr_net_leaky.py`], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/class NeuralNetwork read as a network kept in attributes: weights W1, b1, W2, b2; /);
    expect(r.stdout).toMatch(
      /forward feedforward\(X\), cost cross_entropy\(\), gradients backprop\(\) after a forward pass, labels one-hot/,
    );
    expect(r.stdout).toMatch(/hidden activation inferred by probing forward\(\) with a 1-1-2 network: leaky_relu/);
    expect(r.stdout.split('\n').filter((l) => /^[✗!].*\[bug\]$/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
  it('its mutant with the sign of one bias gradient flipped fails the gradient check there: exit 1', () => {
    const r = runCli(['check', `${DIR}/attr_net_db2_sign.py`, '--suite', 'gradients'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    expect(r.stdout).toMatch(/✗ gradients › analytic gradients agree with finite differences: b2 disagree/);
    expect(r.code).toBe(1);
  }, 300_000);
  it('a class it cannot call as a whole network is a setup error naming why, never a finding', () => {
    const r = runCli(['check', `${DIR}/attr_net_unreadable.py`], { timeoutMs: 120_000, env: FEWER });
    expect(r.stderr + r.stdout).toMatch(/Net looks like a network kept in attributes \(forward and backward methods\)/);
    expect(r.stderr + r.stdout).toMatch(/but cannot tell what backward\(\)'s argument 'delta' is/);
    expect(r.code).toBe(2);
  }, 120_000);
});
