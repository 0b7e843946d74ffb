import { describe, it, expect } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import type { Finding } from '../../src/findings/finding.ts';

const fail = (suite: string, property: string, extra: Partial<Finding> = {}): Finding => ({
  suite,
  property,
  verdict: 'fail',
  severity: 'bug',
  message: `${property}: failed`,
  ms: 0,
  ...extra,
});
const pass = (suite: string, property: string): Finding => ({
  suite,
  property,
  verdict: 'pass',
  severity: 'none',
  message: 'held',
  ms: 0,
});

describe('findings -> defects', () => {
  it('collapses findings that name one cause into one defect, listing them all as evidence', () => {
    const fs = [
      fail('network', 'duplicating the batch changes neither the mean loss nor the gradients', {
        cause: 'missing-mean',
      }),
      fail('gradients', 'analytic gradients agree with finite differences', { cause: 'missing-mean' }),
      fail('cross-entropy', 'the gradient with respect to the logits is (p − y)/N'),
      fail('diagnostics', 'SGD on standardised digits (lr 0.1): the loss falls'),
      fail('diagnostics', 'SGD on standardised digits (lr 0.1): gradient norms neither explode nor vanish', {
        severity: 'warning',
        cause: 'exploding-gradients',
      }),
      pass('softmax', 'rows lie in [0, 1] and sum to 1'),
      { ...pass('network', 'L2 convention'), severity: 'info' as const },
    ];
    const ds = diagnose(fs);
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({
      id: 'D1',
      rank: 1,
      cause: 'missing-mean',
      severity: 'bug',
      findings: [0, 1, 2, 3, 4],
    });
    expect(ds[0].what).toMatch(/missing 1\/N/);
    expect(ds[0].fix).toMatch(/\/ N/);
  });

  it('maps the free-text causes and hints written before the typed table', () => {
    const ds = diagnose([
      fail('softmax', 'each row is independent of the other rows in the batch', { cause: 'global-max softmax' }),
      fail('activations', 'the derivative agrees with the forward away from kinks', {
        hint: 'a leaky ReLU forward needs slope α, not 0, in backward where z ≤ 0',
      }),
    ]);
    expect(ds.map((d) => d.cause).sort()).toEqual(['global-max-softmax', 'leaky-forward-hard-gradient']);
  });

  it('reads a cause from a hint only in a report saved before ids: a finding with an id names its own', () => {
    const old = fail('gradients', 'analytic gradients agree with finite differences', {
      cause: 'zeros',
      hint: 'negative pre-activations of a leaky ReLU are treated as hard ReLU in backward',
    });
    expect(diagnose([old]).map((d) => d.cause)).toEqual(['leaky-forward-hard-gradient']);
    expect(diagnose([{ ...old, id: 'gradients.match-finite-differences' }]).map((d) => d.cause)).toEqual([null]);
  });

  it('keeps a failing finding with no cause, or an unknown free-text cause, as its own defect', () => {
    const ds = diagnose([
      fail('network', 'the L2 penalty grows with λ', { hint: 'the penalty must add +λ·ΣW²' }),
      fail('network', 'calls are pure', { cause: 'something new' }),
      fail('gradients', 'analytic gradients agree with finite differences', { verdict: 'error', cause: 'exception' }),
    ]);
    expect(ds).toHaveLength(3);
    expect(ds.every((d) => d.cause === null && d.findings.length === 1)).toBe(true);
    expect(ds.find((d) => d.findings[0] === 0)!.fix).toBe('the penalty must add +λ·ΣW²');
  });

  it('ranks the learning rate first when it explains the collapse, with the measured reason', () => {
    const ds = diagnose([
      fail('softmax', 'each row is independent of the other rows in the batch', {
        cause: 'global-max-softmax',
        message: 'row 0 gives p[0] = NaN',
      }),
      fail('gradients', 'analytic gradients agree with finite differences', { cause: 'leaky-forward-hard-gradient' }),
      fail('convergence', 'its own training loop learns raw digits with its default learning rate', {
        cause: 'training-collapse',
        numbers: { testAccuracy: 0.1 },
      }),
      fail('diagnostics', 'own train() on raw digits: ReLU units stay alive', { cause: 'dead-relu' }),
      fail('diagnostics', 'own train() on raw digits: learning-rate probe', {
        cause: 'lr-too-high',
        numbers: { trainAccuracy: 0.3, bestLr: 0.005, bestAccuracy: 0.94, standardisedAccuracy: 0.96 },
      }),
    ]);
    expect(ds.map((d) => d.cause)).toEqual(['lr-too-high', 'global-max-softmax', 'leaky-forward-hard-gradient']);
    expect(ds[0].reason).toBe(
      'explains the collapse to 30%: with lr 0.005 the same code reaches 94% (on standardised inputs: 96%)',
    );
    expect(ds[0].fix).toMatch(/0\.005/);
    expect(ds[0].findings).toEqual([4, 2, 3]);
    expect(ds[1].reason).toMatch(/^produces NaN\/Inf from finite inputs/);
    expect(ds[2].reason).toMatch(/gradient disagrees with the loss/);
  });

  it('does not blame the learning rate when no probed rate learns either', () => {
    const ds = diagnose([
      fail('gradients', 'analytic gradients agree with finite differences', { cause: 'sign-flip' }),
      fail('diagnostics', 'own train() on raw digits: learning-rate probe', {
        cause: 'lr-too-high',
        numbers: { trainAccuracy: 0.1, bestLr: 0.001, bestAccuracy: 0.12 },
      }),
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0].cause).toBe('sign-flip');
    expect(ds[0].reason).toMatch(/^explains the training failure/);
  });

  it('believes "the loss is binary cross-entropy" from the gradient checker only when the loss value says so', () => {
    const g = fail('gradients', 'analytic gradients agree with finite differences', {
      cause: 'other-loss',
      hint: 'make both use binary cross-entropy',
    });
    expect(diagnose([g])[0].cause).toBeNull();
    expect(diagnose([g, fail('cross-entropy', 'the loss at zero logits is log K')]).map((d) => d.cause)).toEqual([
      'bce-on-softmax',
    ]);
  });

  it('states both causes and what tells them apart when the evidence fits two', () => {
    const [d] = diagnose([
      fail('softmax', 'probabilities are finite for extreme logits', { message: 'row 1 gives [NaN, NaN]' }),
    ]);
    expect(d.cause).toBeNull();
    expect(d.alternatives?.causes).toEqual(['no-max-softmax', 'global-max-softmax']);
    expect(d.alternatives?.discriminator).toMatch(/single row/);
  });

  it('tells no max from one max per batch by the batch-wide shift, which one max per batch survives', () => {
    const independent = fail('softmax', 'each row is independent of the other rows in the batch', {
      cause: 'global-max-softmax',
    });
    expect(diagnose([independent]).map((d) => d.cause)).toEqual(['global-max-softmax']);
    const shift = fail('softmax', 'adding a constant to a row leaves its probabilities unchanged');
    expect(diagnose([independent, shift]).map((d) => [d.cause, d.findings.length])).toEqual([['no-max-softmax', 2]]);
  });

  it('does not call the difference a binary cross-entropy cost makes a clip', () => {
    const stable = fail('cross-entropy', 'the loss equals −log p[label] computed stably', {
      severity: 'warning',
      cause: 'clipped-log',
    });
    expect(diagnose([stable]).map((d) => d.cause)).toEqual(['clipped-log']);
    const bce = fail('cross-entropy', 'the reported loss is categorical cross-entropy', { cause: 'bce-on-softmax' });
    expect(diagnose([stable, bce]).map((d) => [d.cause, d.findings.length])).toEqual([['bce-on-softmax', 2]]);
  });

  it('settles an ambiguity on the discriminating case when it ran', () => {
    const init = fail('convergence', 'the initial loss is close to log K', { severity: 'warning' });
    expect(diagnose([init])[0].alternatives?.causes).toEqual(['large-init', 'bce-on-softmax']);
    const [d] = diagnose([init, pass('cross-entropy', 'the loss at zero logits is log K')]);
    expect(d).toMatchObject({ cause: 'large-init', severity: 'warning' });
    expect(d.alternatives).toBeUndefined();
  });

  it('keeps implementations apart and puts warnings last', () => {
    const ds = diagnose([
      fail('cross-entropy', 'the loss equals −log p[label] computed stably', {
        subject: 'a',
        severity: 'warning',
        cause: 'clipped-log',
      }),
      fail('gradients', 'analytic gradients agree with finite differences', { subject: 'b', cause: 'missing-mean' }),
      fail('gradients', 'analytic gradients agree with finite differences', { subject: 'a', cause: 'missing-mean' }),
    ]);
    expect(ds.map((d) => [d.subject, d.cause, d.severity])).toEqual([
      ['b', 'missing-mean', 'bug'],
      ['a', 'missing-mean', 'bug'],
      ['a', 'clipped-log', 'warning'],
    ]);
  });

  it('finds no defect where nothing failed, and never makes one of an info', () => {
    expect(diagnose([pass('softmax', 'x'), { ...pass('network', 'L2 convention'), severity: 'info' }])).toEqual([]);
  });
});
