/**
 * The heavier run: every suite against the four reference networks (and the hand-written
 * correct network) at many consecutive seeds, then the numerical suites against the zoo of
 * correct implementations written elsewhere (fixtures/zoo, ../shared/zoo) and the float32
 * versions of the reference networks.
 * Usage: npm run soak -- [seeds=20] [runs=100] [first=1] [zooRuns=30]
 * Exits 1 if any property fails at any seed: a correct implementation must pass every seed.
 * Prints the number of generated property runs (fast-check cases) checked.
 */
import { runSuites } from '../src/engine/run-suites.ts';
import { referenceImplementation } from '../src/impl/reference.ts';
import { getActivation } from '../src/ops/activations.ts';
import { ACTIVATIONS } from '../src/ops/activation.ts';
import type { Subject } from '../src/engine/subject.ts';
import type { Finding } from '../src/findings/finding.ts';
import { handwritten } from '../fixtures/mutants/handwritten.ts';
import { float32Of } from '../fixtures/mutants/float32.ts';
import { SUITES } from '../properties/suites/index.ts';
import { isAllowedWarning, loadZoo, zooFiles, zooName } from '../fixtures/zoo.ts';

const [seeds = 20, runs = 100, first = 1, zooRuns = 30] = process.argv.slice(2).map(Number);
const NUMERICAL = ['softmax', 'cross-entropy', 'activations', 'network', 'gradients'];
const ZOO = zooFiles();

let failures = 0,
  cases = 0;
const t0 = performance.now();
const tally = (seed: number, name: string, findings: Finding[]) => {
  for (const f of findings) {
    cases += f.runs ?? 0;
    // Bugs and warnings both count: correct code must be green (a zoo file may draw its documented warnings).
    if ((f.verdict === 'fail' || f.verdict === 'error') && !isAllowedWarning(name, f)) {
      failures++;
      console.log(
        `seed ${seed} ${name}: ${f.suite} / ${f.message}\n` +
          `  counterexample ${f.counterexample} replay ${JSON.stringify(f.replay)}`,
      );
    }
  }
  return findings.length;
};

const zoo = [] as { name: string; subject: Subject }[];
for (const file of ZOO) {
  const name = zooName(file);
  try {
    zoo.push({ name, subject: { impl: await loadZoo(file) } });
  } catch (e) {
    failures++;
    console.log(`${name}: cannot be loaded: ${(e as Error).message}`);
  }
}
for (let seed = first; seed < first + seeds; seed++) {
  const ts = performance.now();
  let count = 0;
  for (const a of ACTIVATIONS) {
    const subjects: Subject[] = [
      { impl: referenceImplementation(a), activationOp: getActivation(a) },
      { impl: handwritten(a, 'none', seed % 2 ? 'bias-row' : 'separate') },
    ];
    for (const subject of subjects)
      count += tally(
        seed,
        subject.impl.name,
        await runSuites(subject, { catalogue: SUITES, settings: { seed, runs } }),
      );
    const f32 = { impl: float32Of(referenceImplementation(a)) };
    count += tally(
      seed,
      f32.impl.name,
      await runSuites(f32, { catalogue: SUITES, suites: NUMERICAL, settings: { seed, runs: zooRuns } }),
    );
  }
  for (const { name, subject } of zoo)
    count += tally(
      seed,
      name,
      await runSuites(subject, { catalogue: SUITES, suites: NUMERICAL, settings: { seed, runs: zooRuns } }),
    );
  const took = `${((performance.now() - ts) / 1000).toFixed(1)} s`;
  console.log(`seed ${seed}: ${count} findings checked in ${took} (${cases} generated property runs so far)`);
}
for (const { subject } of zoo) await subject.impl.close?.();
console.log(
  `${seeds} seeds × ${runs} runs (zoo and float32: ${zooRuns}), ${ZOO.length} zoo files: ` +
    `${cases} generated property runs on correct implementations, ` +
    `${failures} failures in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
);
process.exit(failures ? 1 : 0);
