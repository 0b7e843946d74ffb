import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../findings/finding.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { packagePath } from '../util/package-root.ts';

/** nncheck's own regression cases (its mutants), replayed by its test suite. */
export const COUNTEREXAMPLE_DIR = packagePath('fixtures', 'counterexamples');
/** Where a user's counterexamples go: their project, relative to the current directory. */
export const PROJECT_COUNTEREXAMPLE_DIR = join('.nncheck', 'counterexamples');

/** What to load again to replay: the file as given to `nncheck check` (from the project folder). */
export interface ReplayTarget {
  target: string;
  className?: string;
  activation?: string;
}

export interface SavedCounterexample {
  suite: string;
  /** The property's id: what the replay selects. Absent in files saved before ids (they name the sentence). */
  id?: string;
  /** The property's sentence when saved, for people reading the file. */
  property: string;
  implementation: string;
  seed: number;
  path: string;
  /** Runs of the original failing run; the path's first step indexes into them. */
  runs: number;
  counterexample?: string;
  message: string;
  /** Absent in nncheck's own fixtures, whose implementations are mutants named in a registry. */
  load?: ReplayTarget;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Saves a failing property's replay data so it can be re-run as a regression case. */
export function saveCounterexample(
  f: Finding,
  implementation: string,
  runs: number,
  dir = COUNTEREXAMPLE_DIR,
  load?: ReplayTarget,
): string {
  if (!f.replay?.path)
    throw new Error(`${f.suite} / ${f.property} has no replay path to save (only failed generated properties do)`);
  const name = (f.id ?? `${f.suite}.${f.property}`).split('.').map(slug).join('.');
  const file = join(dir, `${slug(implementation)}.${name}.json`);
  const saved: SavedCounterexample = {
    suite: f.suite,
    id: f.id,
    property: f.property,
    implementation,
    seed: f.replay.seed,
    path: f.replay.path,
    runs,
    counterexample: f.counterexample,
    message: f.message,
    load,
  };
  writeFileAtomic(file, JSON.stringify(saved, null, 2) + '\n');
  return file;
}

/** What a saved counterexample selects with `--property`: its id, or the sentence an older file saved. */
export const selectionOf = (c: SavedCounterexample): string => c.id ?? c.property;

/** The counterexamples saved in a folder (none when it does not exist), in file-name order. */
export function loadCounterexamples(dir = COUNTEREXAMPLE_DIR): SavedCounterexample[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SavedCounterexample);
}
