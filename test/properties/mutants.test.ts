import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import type { Subject } from '../../src/engine/subject.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import { inPlaceRelu } from '../../fixtures/mutants/ops.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { SUITES } from '../../properties/suites/index.ts';

const settings = { seed: 7, runs: 40 };
const hw = (a: ActivationName, bug: Bug): Subject => ({ impl: handwritten(a, bug) });

/** Every property, and a deliberately broken implementation that must fail it. */
const MATRIX: [suite: string, property: string, subject: () => Subject, label: string][] = [
  ['softmax', 'rows lie in [0, 1] and sum to 1', () => hw('relu', 'no-max-softmax'), 'no max subtracted'],
  [
    'softmax',
    'adding a constant to a row leaves its probabilities unchanged',
    () => hw('relu', 'no-max-softmax'),
    'no max subtracted',
  ],
  [
    'softmax',
    'each row is independent of the other rows in the batch',
    () => hw('relu', 'global-max-softmax'),
    'global-max-softmax',
  ],
  [
    'softmax',
    'permuting the rows permutes the probabilities',
    () => hw('tanh', 'softmax-broadcast'),
    'sum without keepdims',
  ],
  ['softmax', 'the argmax of each row is preserved', () => hw('tanh', 'softmax-broadcast'), 'sum without keepdims'],
  ['softmax', 'probabilities are finite for extreme logits', () => hw('relu', 'no-max-softmax'), 'no max subtracted'],
  // A float32 step inside a network that declares float64 (its values alone would read as float32).
  [
    'softmax',
    'probabilities are within rounding of the BigNumber oracle',
    () => ({ impl: Object.assign(handwritten('sigmoid', 'float32-softmax'), { precision: 'float64' as const }) }),
    'float32 softmax in a float64 network',
  ],
  [
    'cross-entropy',
    'the loss is finite and non-negative for extreme logits',
    () => hw('relu', 'naive-softmax-log'),
    'no max subtracted, then −log p (NaN loss)',
  ],
  // −log p after the shift: an infinite loss with a finite gradient spoils the printed loss only (a warning).
  [
    'cross-entropy',
    'the loss equals −log p[label] computed stably',
    () => hw('relu', 'log-of-softmax'),
    '−log p after the shift',
  ],
  [
    'cross-entropy',
    'the loss equals −log p[label] computed stably',
    () => hw('relu', 'eps-in-log'),
    'epsilon inside the log',
  ],
  [
    'cross-entropy',
    'the gradient with respect to the logits is (p − y)/N',
    () => hw('tanh', 'missing-mean'),
    'missing 1/N',
  ],
  ['cross-entropy', 'the loss at zero logits is log K', () => hw('sigmoid', 'bce-loss'), 'BCE cost on softmax'],
  [
    'cross-entropy',
    'the reported loss is categorical cross-entropy',
    () => hw('sigmoid', 'bce-loss'),
    'BCE cost on softmax',
  ],
  [
    'activations',
    'sigmoid lies in [0, 1], is finite up to |x| = 1e4 and σ(−x) = 1 − σ(x)',
    () => hw('sigmoid', 'sigmoid-exp-ratio'),
    'exp(x)/(1+exp(x))',
  ],
  ['activations', "σ' = σ(1 − σ)", () => hw('sigmoid', 'sigmoid-grad-on-z'), "σ' applied to z"],
  ['activations', 'relu is non-negative', () => hw('relu', 'relu-is-leaky'), 'leaky forward named relu'],
  [
    'activations',
    'the derivative agrees with the forward away from kinks',
    () => hw('leaky_relu', 'hard-relu-grad'),
    'hard-ReLU gradient, leaky forward',
  ],
  [
    'activations',
    'the activation and its derivative do not modify their input',
    () => ({ impl: referenceImplementation('relu'), activationOp: inPlaceRelu }),
    'in-place derivative',
  ],
  ['network', 'outputs and gradients have the right shapes', () => hw('sigmoid', 'transposed'), 'δᵀ·a'],
  [
    'network',
    'probabilities are valid: finite, in [0, 1], rows summing to 1',
    () => hw('tanh', 'softmax-broadcast'),
    'sum without keepdims',
  ],
  [
    'network',
    'calls are pure: inputs unchanged, the same call gives the same answer',
    () => hw('relu', 'loss-writes-params'),
    'loss() writes into params',
  ],
  [
    'network',
    'each output row depends only on its own input row',
    () => hw('tanh', 'softmax-broadcast'),
    'sum without keepdims',
  ],
  [
    'network',
    'duplicating the batch changes neither the mean loss nor the gradients',
    () => hw('relu', 'missing-mean'),
    'missing 1/N',
  ],
  [
    'network',
    'permuting the rows leaves the loss unchanged',
    () => hw('tanh', 'softmax-broadcast'),
    'sum without keepdims',
  ],
  ['network', 'the L2 penalty grows with λ', () => hw('relu', 'l2-sign'), 'penalty subtracted'],
  [
    'network',
    'loss and gradient agree on the L2 term',
    () => hw('sigmoid', 'l2-missing-grad'),
    'L2 missing from the gradient',
  ],
  [
    'gradients',
    'analytic gradients agree with finite differences',
    () => hw('relu', 'corrupt-entry'),
    'one corrupted entry',
  ],
];

describe('each property fails on a deliberately broken implementation, with a readable shrunk counterexample', () => {
  for (const [suite, property, subject, label] of MATRIX) {
    it(`${suite}: "${property}" fails for ${label}`, async () => {
      const [f] = await runSuites(subject(), { catalogue: SUITES, suites: [suite], property, settings });
      expect(f, `no property named "${property}" in ${suite}`).toBeDefined();
      expect(['fail', 'error']).toContain(f.verdict);
      expect(f.severity).not.toBe('none');
      expect(f.replay?.seed).toBe(settings.seed);
      expect(f.replay?.path).toMatch(/^\d+(:\d+)*$/);
      expect(f.counterexample?.length ?? 0).toBeGreaterThan(0);
      expect(f.counterexample!.length).toBeLessThan(400); // shrunk, not a wall of numbers
      expect(f.message.length).toBeGreaterThan(20);
    });
  }
});

describe('convergence properties fail on broken trainers and initialisations', () => {
  const cases: [string, () => Subject, string][] = [
    ['the initial loss is close to log K', () => hw('relu', 'init-x100'), 'weights initialised 100× too large'],
    ['a tiny batch can be overfitted', () => hw('relu', 'zero-init'), 'a zero-initialised network'],
    ['the loss falls under small steps', () => hw('tanh', 'sign-flip'), 'a sign flip'],
    ['accuracy on digits/relu (seed 0) is no worse than the baseline', () => hw('relu', 'sign-flip'), 'a sign flip'],
    ["a ReLU network reaches the sigmoid network's accuracy on digits", () => hw('relu', 'sign-flip'), 'a sign flip'],
    // The implementation's own train() is judged by the own-train suite (test/diagnostics, test/real-code).
  ];
  for (const [property, subject, label] of cases) {
    it(`"${property}" fails for ${label}`, async () => {
      const findings = await runSuites(subject(), { catalogue: SUITES, suites: ['convergence'], settings });
      const f = findings.find((x) => x.property === property);
      expect(f, findings.map((x) => x.property).join(' | ')).toBeDefined();
      expect(f!.verdict).toBe('fail');
      expect(f!.message).toMatch(/\d/);
    });
  }
});

describe('conventions are info, never failures', () => {
  for (const [bug, name] of [
    ['l2-reg-sum', 'reg·ΣW² (weights only)'],
    ['l2-half-reg', '0.5·reg·ΣW² (weights only)'],
    ['l2-with-biases', 'λ/(2N)·Σθ² (biases included)'],
  ] as const) {
    it(`${bug} is recorded as "${name}" and passes the L2 consistency property`, async () => {
      const findings = await runSuites(hw('sigmoid', bug), { catalogue: SUITES, suites: ['network'], settings });
      const conv = findings.find((f) => f.property === 'L2 convention');
      expect(conv?.severity).toBe('info');
      expect(conv?.verdict).toBe('pass');
      expect(conv?.message).toBe(`L2 convention: ${name}`);
      expect(findings.find((f) => f.property === 'loss and gradient agree on the L2 term')?.verdict).toBe('pass');
    });
  }
});
