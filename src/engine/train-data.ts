import { applyStandardiser, fitStandardiser, prepare } from '../data/preprocess.ts';
import { numClasses, type Dataset } from '../data/dataset.ts';
import type { TrainData } from './own-train.ts';

/** A data set as the user's loop sees it: raw, split 80/20 (stratified, seed 0), named. */
export function fromDataset(data: Dataset, name: string): TrainData {
  const { train, test } = prepare(data, { seed: 0, raw: true });
  return { name, scaling: 'raw', train, test, K: numClasses(data) };
}

/** The same split standardised with the training part's statistics. */
export function standardised(d: TrainData): TrainData {
  const s = fitStandardiser(d.train.X);
  return {
    ...d,
    scaling: 'standardised',
    train: { ...d.train, X: applyStandardiser(d.train.X, s) },
    test: { ...d.test, X: applyStandardiser(d.test.X, s) },
  };
}

/** One line for the report: which data, how scaled, how split. */
export const describeTrainData = (d: TrainData): string =>
  `train() is judged on ${d.name}: ${d.scaling} inputs, ` +
  `${d.train.X.rows} training and ${d.test.X.rows} test rows (stratified 80/20 split, seed 0), ` +
  `${d.train.X.cols} features, ${d.K} classes; ` +
  'a loop that fails on raw inputs is also tried on the same split standardised';
