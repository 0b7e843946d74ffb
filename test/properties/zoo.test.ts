/**
 * Correct networks written outside this project (fixtures/zoo, and ../shared/zoo when it is
 * there) must come out green: no bug, and no warning except those a file's author wrote on
 * purpose (clipping, an epsilon in the log, −log p after the shift), each named by its cause.
 * A false alarm here is the worst bug nncheck can have.
 */
import { describe, it, expect } from 'vitest';
import { runSuites } from '../../src/engine/run-suites.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { allowedWarnings, isAllowedWarning, loadZoo, zooFiles, zooName } from '../../fixtures/zoo.ts';

const FILES = zooFiles();
// The numerical suites; each file's own train() (own-train, as-written) is judged in
// test/real-code/zoo-own-train.test.ts.
const ZOO_SUITES = ['softmax', 'cross-entropy', 'activations', 'network', 'gradients'];

describe('the zoo of correct implementations passes', () => {
  it('finds the zoo', () => {
    expect(FILES.length, 'no zoo under fixtures/zoo').toBeGreaterThan(0);
  });
  // One seed per file here; `npm run soak -- 20 5 1 5` covers seeds 1-20 for every file.
  FILES.forEach((file, i) => {
    const seed = 1 + (i % 20);
    const name = zooName(file);
    const warns = allowedWarnings(file);
    const allowed = warns.length ? `, warnings only for ${warns.join(', ')}` : ' and no warning';
    it(`${name}: no bug${allowed} at seed ${seed}`, async () => {
      const impl = await loadZoo(file);
      try {
        const findings = await runSuites(
          { impl },
          { catalogue: SUITES, suites: ZOO_SUITES, settings: { seed, runs: 20 } },
        );
        const red = findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error');
        const wrong = red.filter((f) => !isAllowedWarning(file, f));
        expect(
          wrong.map(
            (f) =>
              `[${f.severity}] ${f.suite} › ${f.message}\n  ${f.counterexample ?? ''} cause ${f.cause} hint ${f.hint}`,
          ),
          `${name} seed ${seed}`,
        ).toEqual([]);
        expect(findings.filter((f) => f.verdict === 'pass').length).toBeGreaterThan(20);
      } finally {
        await impl.close?.();
      }
    }, 240_000);
  });
});
