import { describe, expect, it } from 'vitest';
import { checkImplementation } from '../../../src/api/check.ts';
import { SUITES } from '../../../properties/suites/index.ts';

const settings = { seed: 42, runs: 40 };
const optimizersOnly = (file: string) =>
  checkImplementation(file, { catalogue: SUITES, suites: ['optimizers'], settings });

const MUTANTS: [string, string, string][] = [
  ['sgd_decay_late', 'Optimizer_SGD', 'lr-decay-step'],
  ['sgd_decay_compounded', 'Optimizer_SGD', 'lr-decay-compounded'],
  ['sgd_momentum_sign', 'Optimizer_SGD', 'momentum-sign'],
  ['sgd_momentum_forgotten', 'Optimizer_SGD', 'momentum-not-kept'],
  ['adam_no_bias_correction', 'Optimizer_Adam', 'adam-no-bias-correction'],
  ['adam_step_count', 'Optimizer_Adam', 'adam-bias-correction-step'],
  ['float32_adam_no_bias_correction', 'Optimizer_Adam', 'adam-no-bias-correction'],
];

describe('optimizers against their update rules', () => {
  it.each(['nnfs_correct', 'nnfs_float32'])(
    'the book-style SGD, AdaGrad, RMSprop and Adam of %s pass',
    async (name) => {
      const r = await optimizersOnly(`fixtures/layers/${name}.py`);
      const props = r.findings.filter((f) => f.suite === 'optimizers' && f.runs);
      expect(props.map((f) => f.property.split(':')[0]).sort()).toEqual([
        'Optimizer_Adagrad',
        'Optimizer_Adam',
        'Optimizer_RMSprop',
        'Optimizer_SGD',
      ]);
      expect(props.filter((f) => f.verdict !== 'pass').map((f) => f.message)).toEqual([]);
    },
    60_000,
  );

  it(
    'other self-consistent forms (PyTorch momentum, folded Adam corrections, ε inside the root) ' +
      'are info, never failures',
    async () => {
      const r = await optimizersOnly('fixtures/layers/other_conventions.py');
      expect(r.summary.exitCode).toBe(0);
      const info = r.findings
        .filter((f) => f.suite === 'optimizers' && f.severity === 'info')
        .map((f) => f.message)
        .join('\n');
      expect(info).toContain('PyTorch form');
      expect(info).toContain('corrections folded into the rate');
      expect(info).toContain('ε inside the square root');
    },
    60_000,
  );

  it.each(MUTANTS)(
    'mutant %s: names %s and %s, only there',
    async (name, cls, cause) => {
      const r = await optimizersOnly(`fixtures/layers/mutants/${name}.py`);
      const failed = r.findings.filter((f) => f.verdict === 'fail');
      expect(failed.map((f) => [f.numbers?.class, f.cause])).toEqual([[cls, cause]]);
      expect(failed[0].severity).toBe('bug');
    },
    60_000,
  );
});
