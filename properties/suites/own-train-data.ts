import { loadBuiltin, type BuiltinDataset } from '../../src/data/builtin.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { loadBaselines } from '../../src/engine/baselines.ts';
import type { TrainData } from '../../src/engine/own-train.ts';
import { fromDataset, standardised } from '../../src/engine/train-data.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { sgd } from '../../src/impl/sgd.ts';
import { accuracyOf } from '../../src/nn/train.ts';
import type { ActivationName } from '../../src/ops/activation.ts';
import { LEARNING_RATES } from '../../src/nn/learning-rates.ts';

/** The user's loop is judged on raw data by default (the motivating case: raw digits). */
export const ownTrainData = (name: BuiltinDataset): TrainData => fromDataset(loadBuiltin(name, 0), name);

const measured = new Map<string, number>();

/**
 * What a careful network reaches on this data: the recorded baseline for a bundled data set,
 * else nncheck's reference network trained on the standardised split (seeded, 30 epochs).
 */
export { standardised };

export async function referenceAccuracy(d: TrainData, activation: ActivationName): Promise<number> {
  const recorded = loadBaselines()?.entries.find((e) => e.id === `${d.name}/${activation}`);
  if (recorded) return recorded.testAccuracy[0];
  const key = `${d.name}/${d.train.X.rows}/${activation}`;
  const hit = measured.get(key);
  if (hit !== undefined) return hit;
  const ref = referenceImplementation(activation);
  const std = standardised(d);
  const init = await ref.initParams(d.train.X.cols, 32, d.K, 0);
  const r = await sgd(ref, init, std.train.X, oneHot(std.train.labels, d.K), std.train.labels, {
    lr: LEARNING_RATES.standardisedSgd[activation],
    epochs: 30,
    batchSize: 32,
    seed: 0,
  });
  const acc = accuracyOf(await ref.forward(r.params, std.test.X), std.test.labels);
  measured.set(key, acc);
  return acc;
}
