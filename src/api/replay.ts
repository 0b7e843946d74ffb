import { resolve } from 'node:path';
import type { Finding } from '../findings/finding.ts';
import { isFailure } from '../findings/finding.ts';
import { isActivationName } from '../ops/activations.ts';
import type { Suite } from '../engine/subject.ts';
import { runSuites } from '../engine/run-suites.ts';
import { loadCounterexamples, selectionOf, type SavedCounterexample } from '../engine/counterexamples.ts';
import { loadImplementation } from '../impl/load.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';

/** One saved counterexample run again: `fixed` once the property holds on it. */
export interface ReplayOutcome {
  saved: SavedCounterexample;
  status: 'fixed' | 'still fails' | 'cannot replay';
  finding?: Finding;
  reason?: string;
}

const keyOf = (c: SavedCounterexample) =>
  JSON.stringify([resolve(c.load!.target), c.load!.className, c.load!.activation]);

/** Re-runs one saved counterexample (its seed, runs and shrink path) on an already loaded implementation. */
export async function replayOne(
  impl: Parameters<typeof runSuites>[0]['impl'],
  c: SavedCounterexample,
  catalogue: readonly Suite[],
): Promise<ReplayOutcome> {
  const settings = { seed: c.seed, runs: c.runs, path: c.path };
  const property = selectionOf(c);
  const [finding] = await runSuites({ impl }, { catalogue, suites: [c.suite], property, settings });
  if (!finding)
    return { saved: c, status: 'cannot replay', reason: `this nncheck has no property "${c.suite} › ${property}"` };
  return { saved: c, status: isFailure(finding) ? 'still fails' : 'fixed', finding };
}

/**
 * Replays every counterexample saved in `dir` (by `nncheck check --save-counterexamples`),
 * loading each implementation once. Files are found from the current directory, as saved.
 */
export async function replayCounterexamples(
  dir: string,
  catalogue: readonly Suite[],
  o: LoadOptions = {},
): Promise<ReplayOutcome[]> {
  const saved = loadCounterexamples(dir);
  const out: ReplayOutcome[] = [];
  for (const c of saved.filter((x) => !x.load)) {
    out.push({
      saved: c,
      status: 'cannot replay',
      reason: "saved without the file it came from (nncheck's own fixture format)",
    });
  }
  const groups = new Map<string, SavedCounterexample[]>();
  for (const c of saved.filter((x) => x.load)) groups.set(keyOf(c), [...(groups.get(keyOf(c)) ?? []), c]);
  for (const group of groups.values()) {
    const { target, className, activation } = group[0].load!;
    let impl;
    try {
      impl = await loadImplementation(target, {
        ...o,
        className,
        activation: isActivationName(activation) ? activation : undefined,
      });
    } catch (e) {
      for (const c of group) out.push({ saved: c, status: 'cannot replay', reason: (e as Error).message });
      continue;
    }
    try {
      for (const c of group) out.push(await replayOne(impl, c, catalogue));
    } finally {
      await impl.close?.();
    }
  }
  return out;
}
