import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSuites } from '../../src/engine/run-suites.ts';
import { loadCounterexamples, saveCounterexample, selectionOf } from '../../src/engine/counterexamples.ts';
import { implementationByName } from '../../fixtures/mutants/registry.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { SUITES } from '../../properties/suites/index.ts';

const saved = loadCounterexamples();

describe('saved counterexamples replay as regression cases', () => {
  it('there are saved counterexamples to replay, each naming its property by id', () => {
    expect(saved.length).toBeGreaterThanOrEqual(3);
    for (const c of saved) expect(c.id).toMatch(new RegExp(`^${c.suite}\\.[a-z0-9-]+$`));
  });
  for (const c of saved) {
    it(`${c.implementation}: ${c.id} still fails on ${c.counterexample}, and the reference passes it`, async () => {
      const settings = { seed: c.seed, runs: c.runs, path: c.path };
      const property = selectionOf(c);
      const [bad] = await runSuites(
        { impl: implementationByName(c.implementation) },
        { catalogue: SUITES, suites: [c.suite], property, settings },
      );
      expect(bad.verdict).toBe('fail');
      expect(bad.counterexample).toBe(c.counterexample);
      const activation = implementationByName(c.implementation).activation;
      const [good] = await runSuites(
        { impl: referenceImplementation(activation) },
        { catalogue: SUITES, suites: [c.suite], property, settings },
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
        property: 'network.duplicate-batch-invariant',
        settings: { seed: 3, runs: 50 },
      },
    );
    saveCounterexample(f, 'handwritten-relu-missing-mean', 50, dir);
    const [again] = loadCounterexamples(dir);
    expect(readdirSync(dir)).toEqual(['handwritten-relu-missing-mean.network.duplicate-batch-invariant.json']);
    expect(again).toMatchObject({
      id: 'network.duplicate-batch-invariant',
      property: 'duplicating the batch changes neither the mean loss nor the gradients',
      seed: 3,
      runs: 50,
      path: f.replay!.path,
      implementation: 'handwritten-relu-missing-mean',
    });
  });
  it('a file saved before ids (keyed by the sentence) still replays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-cx-'));
    const [c] = saved.filter((x) => x.id === 'softmax.rows-independent');
    const { id: _, ...old } = c;
    writeFileSync(join(dir, 'old.json'), JSON.stringify(old));
    const [loaded] = loadCounterexamples(dir);
    expect(loaded.id).toBeUndefined();
    expect(selectionOf(loaded)).toBe('each row is independent of the other rows in the batch');
    const [bad] = await runSuites(
      { impl: implementationByName(loaded.implementation) },
      {
        catalogue: SUITES,
        suites: [loaded.suite],
        property: selectionOf(loaded),
        settings: { seed: loaded.seed, runs: loaded.runs, path: loaded.path },
      },
    );
    expect(bad).toMatchObject({ id: 'softmax.rows-independent', verdict: 'fail', counterexample: c.counterexample });
  });
});
