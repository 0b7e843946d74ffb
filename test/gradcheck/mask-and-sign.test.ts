import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import { isFailure } from '../../src/findings/finding.ts';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { SUITES } from '../../properties/suites/index.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';

const settings = { seed: 5, runs: 30 };
const run = (impl: NetworkImplementation) =>
  runSuites({ impl }, { catalogue: SUITES, suites: ['activations', 'gradients'], settings });

/**
 * The gradient defects a user meets first, named from their numbers and placed where they are:
 * a negated bias gradient is not the activation's derivative nor the output delta; a ReLU mask
 * read from X·W1 is not "unstructured".
 */
describe('a sign flip in one bias and a ReLU mask without the bias: one defect each, named and located', () => {
  it('db1 negated: tensor-sign-flip at b1; the activation derivative passes (its two readings disagree)', async () => {
    const findings = await run(handwritten('relu', 'bias-sign-flip'));
    const derivative = findings.find((f) => f.id === 'activations.derivative-matches-forward');
    expect(derivative?.verdict, derivative?.message).toBe('pass');
    const defects = diagnose(findings);
    expect(defects.map((d) => d.cause)).toEqual(['tensor-sign-flip']);
    expect(defects[0].where).toMatch(/^b1 \(/);
    expect(defects[0].fix).not.toMatch(/output delta is P − Y, not Y − P/);
    const grad = findings.find((f) => f.id === 'gradients.match-finite-differences')!;
    expect(grad.message).toMatch(/b1: sign-flip: the analytic gradient is exactly the negative of the numeric one/);
    expect(grad.hint).toMatch(/only the gradient of b1 is negated/);
  });
  it('every gradient negated is still the output delta (sign-flip), at no single tensor', async () => {
    const defects = diagnose(await run(handwritten('relu', 'sign-flip')));
    expect(defects[0]?.cause).toBe('sign-flip');
    expect(defects[0]?.where).toBe('gradients / backward pass');
  });
  it('the mask from X·W1: relu-mask-mismatch at W1, b1 and the hidden units where the masks differ', async () => {
    const findings = await run(handwritten('relu', 'relu-mask-no-bias'));
    const defects = diagnose(findings);
    expect(defects.map((d) => d.cause)).toEqual(['relu-mask-mismatch']);
    expect(defects[0].where).toMatch(/^W1, b1: hidden units? [\d, ]+ \(/);
    const grad = findings.find((f) => f.id === 'gradients.match-finite-differences')!;
    expect(grad.message).toMatch(/exactly the reference's with the ReLU mask taken from X·W1 without the bias/);
    expect(grad.message).not.toMatch(/unstructured/);
  });
  it('correct networks (reference ReLU and leaky ReLU, hand-written ReLU) fail neither property', async () => {
    for (const impl of [
      referenceImplementation('relu'),
      referenceImplementation('leaky_relu'),
      handwritten('relu', 'none'),
    ]) {
      const failed = (await run(impl)).filter(isFailure);
      expect(failed.map((f) => f.message)).toEqual([]);
    }
  });
});
