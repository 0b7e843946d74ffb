import { describe, it, expect } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { joinRegex } from '../../helpers/join-regex.ts';

describe('nncheck compare', () => {
  it('finds the first divergence of the motivating network and explains each disagreement', () => {
    const r = runCli(['compare', 'examples/numpy_four_defects.py']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('3 defects found'); // the diagnosis leads
    expect(r.stdout).toMatch(
      /loss differs by \d+% at the same outputs: your cost is binary cross-entropy summed over classes/,
    );
    expect(r.stdout).toMatch(/W1 gradient differs only where the hidden pre-activation is negative/);
    expect(r.stdout).toMatch(/first divergence: digits: loss \(λ = 0\)/);
  });
  it(
    'reports no divergence for a correct implementation, naming the inputs; ' +
      'a TS one with a hard-ReLU gradient diverges',
    () => {
      const ok = runCli(['compare', 'examples/ts_network.ts']);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toMatch(/^no defects found$/m);
      expect(ok.stdout).toMatch(
        joinRegex(
          /no divergence on digits \(32 standardised digits\); /,
          /and large logits \(.*logits up to ±[\d.e+]+, row maxima [\d.e+]+ apart\); /,
          /gradients at λ = 0 and λ = 0\.5/,
        ),
      );
      const bad = runCli(['compare', 'fixtures/user/ts_hard_relu.ts']);
      expect(bad.code).toBe(1);
      expect(bad.stdout).toMatch(/b1 gradient differs only where the hidden pre-activation is negative/);
    },
  );
  it('sees an L2 gradient that does not match the penalty (λ ≠ 0), though everything at λ = 0 agrees', () => {
    const r = runCli(['compare', 'fixtures/mutants/python/l2_gradient.py']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^1 defect found\n1\. the L2 term of the gradient does not match the L2 term of the loss/);
    expect(r.stdout).toMatch(/the L2 part of the W1 gradient is 32\.00× the slope of the penalty your loss adds/);
    expect(r.stdout).not.toMatch(/no divergence/);
  });
  it(
    'sees a softmax with one max per batch on large logits with rows far apart, ' +
      'and shows the entry that differs most',
    () => {
      const r = runCli(['compare', 'fixtures/mutants/python/global_max_softmax.py']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^1 defect found\n1\. softmax subtracts one max for the whole batch/);
      expect(r.stdout).toMatch(/✗ large logits +probabilities \(32x10\) +\[\d+, \d+\] (NaN|Infinity)/);
      expect(r.stdout).toMatch(
        joinRegex(
          /first divergence: large logits: probabilities .* right alone: /,
          /the softmax subtracts one max for the whole batch/,
        ),
      );
    },
  );
  it('accepts a correct float32 implementation written outside the project (tolerances from its own precision)', () => {
    const r = runCli(['compare', 'fixtures/user/float32_network.py']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no divergence on .*your outputs are float32/);
  });
});
