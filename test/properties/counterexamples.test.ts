import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuites } from '../../src/engine/run-suites.ts';
import { loadCounterexamples, saveCounterexample } from '../../src/engine/counterexamples.ts';
import { implementationByName } from '../../fixtures/mutants/registry.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { SUITES } from '../../properties/suites/index.ts';

const saved = loadCounterexamples();

describe('saved counterexamples replay as regression cases', () => {
  it('there are saved counterexamples to replay', () => expect(saved.length).toBeGreaterThanOrEqual(3));
  for (const c of saved) {
    const replayed = `${c.implementation}: "${c.property}" still fails on ${c.counterexample}`;
    it(`${replayed}, and the reference passes it`, async () => {
      const settings = { seed: c.seed, runs: c.runs, path: c.path };
      const [bad] = await runSuites(
        { impl: implementationByName(c.implementation) },
        { catalogue: SUITES, suites: [c.suite], property: c.property, settings },
      );
      expect(bad.verdict).toBe('fail');
      expect(bad.counterexample).toBe(c.counterexample);
      const activation = implementationByName(c.implementation).activation;
      const [good] = await runSuites(
        { impl: referenceImplementation(activation) },
        { catalogue: SUITES, suites: [c.suite], property: c.property, settings },
      );
      expect(good.verdict).toBe('pass');
    });
  }
  it('saving writes a replayable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-cx-'));
    const [f] = await runSuites(
      { impl: implementationByName('handwritten-relu-missing-mean') },
      {
        catalogue: SUITES,
        suites: ['network'],
        property: 'duplicating the batch changes neither the mean loss nor the gradients',
        settings: { seed: 3, runs: 50 },
      },
    );
    saveCounterexample(f, 'handwritten-relu-missing-mean', 50, dir);
    const [again] = loadCounterexamples(dir);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(again).toMatchObject({
      seed: 3,
      runs: 50,
      path: f.replay!.path,
      implementation: 'handwritten-relu-missing-mean',
    });
  });
});
