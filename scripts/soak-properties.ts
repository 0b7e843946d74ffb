/**
 * The heavier run: every suite against the four reference networks (and the hand-written
 * correct network) at many consecutive seeds. Usage: npm run soak -- [seeds=20] [runs=100] [first=1]
 * Exits 1 if any property fails at any seed: a correct implementation must pass every seed.
 */
import { runSuites } from '../src/engine/run-suites.ts';
import { referenceImplementation } from '../src/impl/reference.ts';
import { getActivation } from '../src/ops/activations.ts';
import { ACTIVATIONS } from '../src/ops/activation.ts';
import { handwritten } from '../fixtures/mutants/handwritten.ts';
import { SUITES } from '../properties/suites/index.ts';

const [seeds = 20, runs = 100, first = 1] = process.argv.slice(2).map(Number);
let failures = 0;
const t0 = performance.now();
for (let seed = first; seed < first + seeds; seed++) {
  const ts = performance.now();
  let count = 0;
  for (const a of ACTIVATIONS) {
    for (const subject of [{ impl: referenceImplementation(a), activationOp: getActivation(a) }, { impl: handwritten(a, 'none', seed % 2 ? 'bias-row' : 'separate') }]) {
      const findings = await runSuites(subject, { catalogue: SUITES, settings: { seed, runs } });
      count += findings.length;
      for (const f of findings.filter((x) => x.verdict === 'fail' || x.verdict === 'error')) {
        failures++;
        console.log(`seed ${seed} ${subject.impl.name}: ${f.suite} / ${f.message}\n  counterexample ${f.counterexample} replay ${JSON.stringify(f.replay)}`);
      }
    }
  }
  console.log(`seed ${seed}: ${count} findings checked in ${((performance.now() - ts) / 1000).toFixed(1)} s`);
}
console.log(`${seeds} seeds × ${runs} runs: ${failures} failures in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
process.exit(failures ? 1 : 0);
