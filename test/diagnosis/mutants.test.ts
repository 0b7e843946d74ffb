import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { diagnose } from '../../src/diagnosis/diagnose.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import type { CauseId } from '../../src/findings/causes.ts';
import { SUITES } from '../../properties/suites/index.ts';

const settings = { seed: 11, runs: 25 };

/** Mutants, the suites that see them, and the cause their top defect must name. */
const CASES: [ActivationName, Bug, string[], CauseId][] = [
  ['relu', 'missing-mean', ['cross-entropy', 'network'], 'missing-mean'],
  ['relu', 'global-max-softmax', ['softmax'], 'global-max-softmax'],
  ['relu', 'no-max-softmax', ['softmax'], 'no-max-softmax'],
  ['leaky_relu', 'hard-relu-grad', ['activations', 'gradients'], 'leaky-forward-hard-gradient'],
  ['sigmoid', 'bce-loss', ['cross-entropy'], 'bce-on-softmax'],
  ['tanh', 'l2-missing-grad', ['network'], 'l2-gradient-mismatch'],
];

describe("each mutant's top defect names its cause; a correct implementation has none", () => {
  for (const [activation, bug, suites, cause] of CASES) {
    it(`${activation} ${bug}: ${cause}`, async () => {
      const findings = await runSuites({ impl: handwritten(activation, bug) }, { catalogue: SUITES, suites, settings });
      const defects = diagnose(findings);
      expect(defects[0]?.cause, JSON.stringify(defects.map((d) => [d.cause, d.what]))).toBe(cause);
      expect(defects.filter((d) => d.severity === 'bug')).toHaveLength(1);
    });
  }
  it('the handwritten correct network: 0 defects', async () => {
    const findings = await runSuites(
      { impl: handwritten('relu', 'none') },
      { catalogue: SUITES, suites: ['softmax', 'cross-entropy', 'network', 'activations'], settings },
    );
    expect(diagnose(findings)).toEqual([]);
  });
});
