import type { ActivationName } from '../ops/activation.ts';
import { LEARNING_RATES } from '../nn/learning-rates.ts';
import { loadBuiltin, type BuiltinDataset } from '../data/builtin.ts';
import { prepare } from '../data/preprocess.ts';
import { oneHot, numClasses } from '../data/dataset.ts';
import { mlpConfig, initParams, type MlpConfig, type MlpParams } from '../nn/mlp.ts';
import { train, type EpochRecord } from '../nn/train.ts';
import { accuracy } from '../nn/forward.ts';

export interface TrainRunOptions {
  dataset: BuiltinDataset;
  activation: ActivationName;
  hidden?: number;
  lr?: number;
  epochs?: number;
  batch?: number;
  momentum?: number;
  lam?: number;
  seed?: number;
  /** Keep the inputs unscaled (the motivating ReLU failure). */
  raw?: boolean;
  onEpoch?: (record: EpochRecord) => void;
}

export interface TrainRunResult {
  dataset: string;
  activation: ActivationName;
  hidden: number;
  lr: number;
  epochs: number;
  batch: number;
  seed: number;
  raw: boolean;
  trainAccuracy: number;
  testAccuracy: number;
  finalLoss: number;
  divergedAt: number | null;
  history: EpochRecord[];
  config: MlpConfig;
  params: MlpParams;
}

export const DEFAULT_EPOCHS = 30;
export const DEFAULT_BATCH = 32;
export const DEFAULT_HIDDEN = 64;

/** Trains a reference network on a seeded, stratified 80/20 split of a bundled data set. */
export function trainReference(o: TrainRunOptions): TrainRunResult {
  const seed = o.seed ?? 0;
  const data = loadBuiltin(o.dataset, seed);
  const { train: tr, test: te } = prepare(data, { seed, raw: o.raw });
  const K = numClasses(data);
  const hidden = o.hidden ?? DEFAULT_HIDDEN;
  const config = mlpConfig(tr.X.cols, hidden, K, o.activation);
  const lr = o.lr ?? LEARNING_RATES.trainDefault[o.activation];
  const epochs = o.epochs ?? DEFAULT_EPOCHS;
  const batch = o.batch ?? DEFAULT_BATCH;
  const res = train(
    config,
    initParams(config, seed),
    { X: tr.X, Y: oneHot(tr.labels, K), labels: tr.labels },
    {
      lr,
      epochs,
      batchSize: batch,
      momentum: o.momentum,
      lam: o.lam ?? 0,
      seed,
      onEpoch: o.onEpoch ? (r) => o.onEpoch?.(r) : undefined,
    },
  );
  const last = res.history[res.history.length - 1];
  return {
    dataset: o.dataset,
    activation: o.activation,
    hidden,
    lr,
    epochs,
    batch,
    seed,
    raw: !!o.raw,
    trainAccuracy: accuracy(config, res.params, tr.X, tr.labels),
    testAccuracy: accuracy(config, res.params, te.X, te.labels),
    finalLoss: last ? last.loss : NaN,
    divergedAt: res.divergedAt,
    history: res.history,
    config,
    params: res.params,
  };
}
