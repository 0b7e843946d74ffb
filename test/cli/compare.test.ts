import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

describe('nncheck compare', () => {
  it('finds the first divergence of the motivating network and explains each disagreement', () => {
    const r = runCli(['compare', 'examples/numpy_four_defects.py']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/loss differs by \d+% at the same outputs: your cost is binary cross-entropy summed over classes/);
    expect(r.stdout).toMatch(/W1 gradient differs only where the hidden pre-activation is negative/);
    expect(r.stdout).toMatch(/first divergence: loss \(λ = 0\)/);
  });
  it('reports no divergence for a correct implementation, and a TS one with a flipped sign', () => {
    const ok = runCli(['compare', 'examples/ts_network.ts']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/no divergence/);
    const bad = runCli(['compare', 'fixtures/user/ts_hard_relu.ts']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/b1 gradient differs only where the hidden pre-activation is negative/);
  });
});
