/**
 * Runs chosen properties against mutants and saves their shrunk counterexamples under
 * fixtures/counterexamples/ as regression cases (replayed by test/properties/counterexamples.test.ts).
 * Usage: npx tsx scripts/save-counterexamples.ts
 */
import { runSuites } from '../src/engine/run-suites.ts';
import { saveCounterexample } from '../src/engine/counterexamples.ts';
import { implementationByName } from '../fixtures/mutants/registry.ts';
import { SUITES } from '../properties/suites/index.ts';

const CASES: [implementation: string, suite: string, id: string][] = [
  ['handwritten-relu-global-max-softmax', 'softmax', 'softmax.rows-independent'],
  ['handwritten-leaky_relu-hard-relu-grad', 'activations', 'activations.derivative-matches-forward'],
  ['handwritten-sigmoid-bce-loss', 'cross-entropy', 'cross-entropy.is-categorical'],
];
const settings = { seed: 2026, runs: 100 };
for (const [name, suite, property] of CASES) {
  const [f] = await runSuites(
    { impl: implementationByName(name) },
    { catalogue: SUITES, suites: [suite], property, settings },
  );
  if (f.verdict === 'pass') throw new Error(`${name} passed "${property}": nothing to save`);
  console.log(
    `saved ${saveCounterexample(f, name, settings.runs)}\n  ${f.message}\n  counterexample ${f.counterexample}`,
  );
}
