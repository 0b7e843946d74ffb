/**
 * Convergence baselines: pinned configurations trained by nncheck's SGD loop over an
 * implementation's gradients, from the reference initialisation. Recorded deliberately
 * (`nncheck baselines --record`), never automatically.
 */
import { readFileSync, existsSync } from 'node:fs';
import type { ActivationName } from '../ops/activation.ts';
import { loadBuiltin, type BuiltinDataset } from '../data/builtin.ts';
import { prepare } from '../data/preprocess.ts';
import { oneHot, numClasses } from '../data/dataset.ts';
import { mlpConfig, initParams } from '../nn/mlp.ts';
import { toLayout } from '../nn/layouts.ts';
import { BASELINE_LEARNING_RATES } from '../nn/learning-rates.ts';
import { accuracyOf } from '../nn/train.ts';
import { sgd } from '../impl/sgd.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { packagePath } from '../util/package-root.ts';
import { THRESHOLDS } from '../diagnostics/thresholds.ts';

export const BASELINES_FILE = packagePath('fixtures', 'baselines', 'convergence.json');
export const BASELINE_SEEDS = [0, 1, 2];

export interface ConvergenceConfig {
  id: string;
  dataset: BuiltinDataset;
  raw: boolean;
  activation: ActivationName;
  hidden: number;
  lr: number;
  epochs: number;
  batch: number;
}

export interface BaselineEntry extends ConvergenceConfig {
  /** Test accuracy per seed in BASELINE_SEEDS. */
  testAccuracy: number[];
  /** max(0.01, 3·std over seeds): how far below its recorded value a run may land. */
  tolerance: number;
}

export interface BaselineFile {
  version: 1;
  seeds: number[];
  entries: BaselineEntry[];
}

const cfg = (
  dataset: BuiltinDataset,
  raw: boolean,
  activation: ActivationName,
  epochs: number,
  hidden = 32,
  batch = 32,
): ConvergenceConfig => {
  const id = `${dataset}${raw ? '-raw' : ''}/${activation}`;
  return { id, dataset, raw, activation, hidden, lr: BASELINE_LEARNING_RATES[id], epochs, batch };
};

export const CONFIGS: ConvergenceConfig[] = [
  cfg('digits', false, 'sigmoid', 8),
  cfg('digits', false, 'relu', 8),
  cfg('digits', false, 'leaky_relu', 8),
  cfg('digits', false, 'tanh', 8),
  cfg('digits', true, 'sigmoid', 8),
  cfg('digits', true, 'relu', 8),
  cfg('digits', true, 'leaky_relu', 8),
  cfg('digits', true, 'tanh', 8),
  cfg('iris', false, 'sigmoid', 40, 16, 16),
  cfg('iris', false, 'relu', 40, 16, 16),
  cfg('iris', false, 'leaky_relu', 40, 16, 16),
  cfg('iris', false, 'tanh', 40, 16, 16),
  cfg('spiral', false, 'relu', 60, 64, 32),
  cfg('spiral', false, 'leaky_relu', 60, 64, 32),
  cfg('spiral', false, 'tanh', 60, 64, 32),
  cfg('spiral', false, 'sigmoid', 60, 64, 32),
];

/** Trains `impl` on a configuration from the reference initialisation; returns test accuracy. */
export async function runConfig(impl: NetworkImplementation, c: ConvergenceConfig, seed: number) {
  const data = loadBuiltin(c.dataset, seed);
  const { train, test } = prepare(data, { seed, raw: c.raw });
  const K = numClasses(data);
  const init = toLayout(
    initParams(mlpConfig(train.X.cols, c.hidden, K, c.activation, impl.leakySlope), seed),
    impl.layout,
  );
  const res = await sgd(impl, init, train.X, oneHot(train.labels, K), train.labels, {
    lr: c.lr,
    epochs: c.epochs,
    batchSize: c.batch,
    seed,
  });
  const testAccuracy = accuracyOf(await impl.forward(res.params, test.X), test.labels);
  return { testAccuracy, history: res.history, divergedAt: res.divergedAt };
}

export function loadBaselines(): BaselineFile | null {
  if (!existsSync(BASELINES_FILE)) return null;
  return JSON.parse(readFileSync(BASELINES_FILE, 'utf8')) as BaselineFile;
}

export function toleranceOf(accs: number[]): number {
  const m = accs.reduce((a, b) => a + b, 0) / accs.length;
  const sd = Math.sqrt(accs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, accs.length - 1));
  return Math.max(THRESHOLDS.baselineMinTolerance, 3 * sd);
}
