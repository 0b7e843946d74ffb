import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import { float32Of } from '../../fixtures/mutants/float32.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import type { CauseId } from '../../src/findings/causes.ts';
import { SUITES } from '../../properties/suites/index.ts';

const settings = { seed: 7, runs: 40 };

/** Each mutant, the property that catches it and the cause it must be given, in float64 and float32. */
const CASES: [suite: string, property: string, activation: ActivationName, bug: Bug, cause: CauseId][] = [
  [
    'network',
    'duplicating the batch changes neither the mean loss nor the gradients',
    'relu',
    'missing-mean',
    'missing-mean',
  ],
  ['cross-entropy', 'the gradient with respect to the logits is (p − y)/N', 'tanh', 'missing-mean', 'missing-mean'],
  ['gradients', 'analytic gradients agree with finite differences', 'sigmoid', 'missing-mean', 'missing-mean'],
  ['gradients', 'analytic gradients agree with finite differences', 'relu', 'bias-sign-flip', 'tensor-sign-flip'],
  ['gradients', 'analytic gradients agree with finite differences', 'relu', 'relu-mask-no-bias', 'relu-mask-mismatch'],
  [
    'softmax',
    'each row is independent of the other rows in the batch',
    'relu',
    'global-max-softmax',
    'global-max-softmax',
  ],
  ['softmax', 'probabilities are finite for extreme logits', 'relu', 'no-max-softmax', 'no-max-softmax'],
  [
    'softmax',
    'adding a constant to a row leaves its probabilities unchanged',
    'relu',
    'no-max-softmax',
    'no-max-softmax',
  ],
  [
    'cross-entropy',
    'the loss is finite and non-negative for extreme logits',
    'relu',
    'naive-softmax-log',
    'no-max-softmax',
  ],
  ['cross-entropy', 'the loss equals −log p[label] computed stably', 'relu', 'log-of-softmax', 'log-after-shift'],
  ['cross-entropy', 'the loss equals −log p[label] computed stably', 'relu', 'eps-in-log', 'clipped-log'],
  ['cross-entropy', 'the reported loss is categorical cross-entropy', 'sigmoid', 'bce-loss', 'bce-on-softmax'],
  // Once named only in their hints: a leaky ReLU forward whose derivative is the hard ReLU's.
  [
    'activations',
    'the derivative agrees with the forward away from kinks',
    'leaky_relu',
    'hard-relu-grad',
    'leaky-forward-hard-gradient',
  ],
  [
    'gradients',
    'analytic gradients agree with finite differences',
    'leaky_relu',
    'hard-relu-grad',
    'leaky-forward-hard-gradient',
  ],
  ['network', 'loss and gradient agree on the L2 term', 'sigmoid', 'l2-missing-grad', 'l2-gradient-mismatch'],
  ['network', 'loss and gradient agree on the L2 term', 'tanh', 'l2-grad-no-mean', 'l2-gradient-mismatch'],
  ['network', 'loss and gradient agree on the L2 term', 'tanh', 'l2-bias-grad-only', 'l2-gradient-mismatch'],
  ['network', 'loss and gradient agree on the L2 term', 'tanh', 'l2-bias-loss-only', 'l2-gradient-mismatch'],
];

describe('each mutant is caught with the right cause, in float64 and in float32', () => {
  for (const [suite, property, activation, bug, cause] of CASES) {
    for (const precision of ['float64', 'float32'] as const) {
      it(`${bug} (${activation}, ${precision}) → ${cause} in ${suite}: "${property}"`, async () => {
        const base = handwritten(activation, bug);
        const impl = precision === 'float32' ? float32Of(base) : base;
        const [f] = await runSuites({ impl }, { catalogue: SUITES, suites: [suite], property, settings });
        expect(f, `no property named "${property}"`).toBeDefined();
        expect(f.verdict, f.message).toBe('fail');
        expect(f.cause, `${f.message}\n${f.hint}`).toBe(cause);
        expect(impl.precision).toBe(precision);
      });
    }
  }
});
