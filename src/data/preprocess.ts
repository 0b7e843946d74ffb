import { type Matrix, rowSlice } from '../core/matrix.ts';
import { createRng, shuffleInPlace } from '../random/rng.ts';
import type { Dataset } from './dataset.ts';

export interface Standardiser {
  mean: Float64Array;
  std: Float64Array;
}

/** Per-feature mean and standard deviation; constant features get std 1 so they map to 0. */
export function fitStandardiser(X: Matrix): Standardiser {
  const { rows, cols } = X;
  const mean = new Float64Array(cols),
    std = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += X.data[i * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= Math.max(rows, 1);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) std[j] += (X.data[i * cols + j] - mean[j]) ** 2;
  for (let j = 0; j < cols; j++) {
    const s = Math.sqrt(std[j] / Math.max(rows, 1));
    std[j] = s > 1e-12 ? s : 1;
  }
  return { mean, std };
}

export function applyStandardiser(X: Matrix, s: Standardiser): Matrix {
  const out = { rows: X.rows, cols: X.cols, data: new Float64Array(X.data.length) };
  for (let i = 0; i < X.rows; i++) {
    for (let j = 0; j < X.cols; j++) out.data[i * X.cols + j] = (X.data[i * X.cols + j] - s.mean[j]) / s.std[j];
  }
  return out;
}

export interface Split {
  train: Dataset;
  test: Dataset;
}

/** Seeded stratified split: each class contributes round(testFraction·count) rows to test. */
export function stratifiedSplit(d: Dataset, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new Error(`testFraction must be in (0, 1), got ${testFraction}`);
  const rng = createRng(`split/${seed}`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < d.labels.length; i++) {
    const list = byClass.get(d.labels[i]) ?? [];
    list.push(i);
    byClass.set(d.labels[i], list);
  }
  const trainIdx: number[] = [],
    testIdx: number[] = [];
  for (const k of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(k) as number[];
    shuffleInPlace(rng, idx);
    const nTest = Math.round(idx.length * testFraction);
    testIdx.push(...idx.slice(0, nTest));
    trainIdx.push(...idx.slice(nTest));
  }
  shuffleInPlace(rng, trainIdx);
  shuffleInPlace(rng, testIdx);
  const pick = (idx: number[]): Dataset => ({
    name: d.name,
    X: rowSlice(d.X, idx),
    labels: Int32Array.from(idx, (i) => d.labels[i]),
    classNames: d.classNames,
  });
  return { train: pick(trainIdx), test: pick(testIdx) };
}

/** Split, then standardise both parts with statistics fitted on the training part only. */
export function prepare(d: Dataset, opts: { seed: number; testFraction?: number; raw?: boolean }): Split {
  const split = stratifiedSplit(d, opts.testFraction ?? 0.2, opts.seed);
  if (opts.raw) return split;
  const s = fitStandardiser(split.train.X);
  return {
    train: { ...split.train, X: applyStandardiser(split.train.X, s) },
    test: { ...split.test, X: applyStandardiser(split.test.X, s) },
  };
}
