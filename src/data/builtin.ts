import { join } from 'node:path';
import { loadCsvDataset } from './csv-loader.ts';
import type { Dataset } from './dataset.ts';
import { spiral } from './synthetic.ts';
import { packagePath } from '../util/package-root.ts';

export const BUILTIN_DATASETS = ['digits', 'iris', 'wine', 'breast_cancer', 'spiral'] as const;
export type BuiltinDataset = (typeof BUILTIN_DATASETS)[number];

export const DATASET_DIR = packagePath('fixtures', 'datasets');

const cache = new Map<string, Dataset>();

/** Loads a bundled data set (cached; treat the result as read-only). */
export function loadBuiltin(name: BuiltinDataset, seed = 0): Dataset {
  const key = `${name}/${seed}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let d: Dataset;
  if (name === 'spiral') d = spiral({ pointsPerClass: 100, classes: 3, seed });
  else if (name === 'digits')
    d = loadCsvDataset(join(DATASET_DIR, 'digits.csv'), 'digits', { header: false, classes: 10 });
  else if (BUILTIN_DATASETS.includes(name))
    d = loadCsvDataset(join(DATASET_DIR, `${name}.csv`), name, { header: true });
  else throw new Error(`unknown dataset '${String(name)}': use one of ${BUILTIN_DATASETS.join(', ')}`);
  cache.set(key, d);
  return d;
}

export const isBuiltinDataset = (x: string): x is BuiltinDataset => (BUILTIN_DATASETS as readonly string[]).includes(x);
