import type { Matrix } from '../core/matrix.ts';
import { loadBuiltin, type BuiltinDataset } from '../data/builtin.ts';
import { prepare, type Split } from '../data/preprocess.ts';
import { oneHot } from '../data/dataset.ts';
import { accuracyOf } from '../nn/train.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';

export interface OwnTrainResult {
  dataset: BuiltinDataset;
  split: Split;
  params: Matrix[];
  trainAccuracy: number;
  testAccuracy: number;
  epochs: number;
  hidden: number;
}

const cache = new WeakMap<NetworkImplementation, Map<string, Promise<OwnTrainResult>>>();

/**
 * The implementation's own train() on raw (unscaled) data with its default learning rate,
 * run once per implementation and data set and shared by the suites that read it.
 */
export function ownTrain(impl: NetworkImplementation, dataset: BuiltinDataset = 'digits', epochs = 10, hidden = 64): Promise<OwnTrainResult> {
  const byImpl = cache.get(impl) ?? new Map<string, Promise<OwnTrainResult>>();
  cache.set(impl, byImpl);
  const key = `${dataset}/${epochs}/${hidden}`;
  let p = byImpl.get(key);
  if (!p) {
    p = (async () => {
      const data = loadBuiltin(dataset, 0);
      const split = prepare(data, { seed: 0, raw: true });
      const K = data.classNames.length;
      const params = await impl.train!(split.train.X, oneHot(split.train.labels, K), hidden, epochs, null, 0, 0);
      return {
        dataset, split, params, epochs, hidden,
        trainAccuracy: accuracyOf(await impl.forward(params, split.train.X), split.train.labels),
        testAccuracy: accuracyOf(await impl.forward(params, split.test.X), split.test.labels),
      };
    })();
    byImpl.set(key, p);
  }
  return p;
}
