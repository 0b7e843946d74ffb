import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { settingsFromEnv } from '../../src/engine/harness.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { getActivation } from '../../src/ops/activations.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';

const settings = settingsFromEnv();

const run = `seed ${settings.seed}, ${settings.runs} runs; NNCHECK_SEED / NNCHECK_RUNS to change`;

describe(`every suite passes on the reference networks (${run})`, () => {
  for (const activation of ACTIVATIONS) {
    // layers and optimizers check layer-style classes only (test/impl/layers covers them).
    for (const suite of SUITES.filter((x) => !['layers', 'optimizers'].includes(x.name))) {
      it(`${activation}: ${suite.name}`, async () => {
        const findings = await runSuites(
          { impl: referenceImplementation(activation), activationOp: getActivation(activation) },
          { catalogue: SUITES, suites: [suite.name], settings },
        );
        expect(findings.length).toBeGreaterThan(0);
        const bad = findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error');
        expect(
          bad.map(
            (f) =>
              `${f.property}: ${f.message} | counterexample ${f.counterexample} | replay ${JSON.stringify(f.replay)}`,
          ),
        ).toEqual([]);
        expect(findings.filter((f) => f.verdict === 'skip')).toEqual([]);
      });
    }
  }
});
