import { type Matrix, zeros } from '../core/matrix.ts';
import { axpy } from '../core/kernels.ts';
import { createRng, permutation } from '../random/rng.ts';
import { type MlpConfig, type MlpParams, cloneParams } from './mlp.ts';
import { createWorkspace, type Workspace } from './workspace.ts';
import { forwardInto, lossFromWorkspace } from './forward.ts';
import { backwardInto } from './backward.ts';
import { validateBatch, validateParams } from './validate.ts';

export interface TrainOptions {
  lr: number;
  epochs: number;
  /** Rows per step; 0 or ≥ N means full-batch gradient descent. */
  batchSize?: number;
  momentum?: number;
  lam?: number;
  /** Seeds the mini-batch order. */
  seed?: number;
  /** Called after each epoch with the record and the current parameters (not copies). */
  onEpoch?: (record: EpochRecord, params: MlpParams) => void;
}

export interface EpochRecord {
  epoch: number;
  loss: number;
  accuracy: number;
}

export interface TrainResult {
  params: MlpParams;
  history: EpochRecord[];
  /** The first epoch whose loss was NaN or ±Inf, or null. Training stops there. */
  divergedAt: number | null;
}

export interface LabelledData {
  X: Matrix;
  Y: Matrix;
  labels: Int32Array;
}

/** Trains a copy of `initial`; the caller's parameters are never modified. */
export function train(config: MlpConfig, initial: MlpParams, data: LabelledData, opts: TrainOptions): TrainResult {
  validateParams(config, initial, 'train');
  validateBatch(config, data.X, data.Y, 'train');
  if (!(opts.lr > 0) || !Number.isFinite(opts.lr))
    throw new Error(`train: lr must be a positive number, got ${opts.lr}`);
  if (!Number.isInteger(opts.epochs) || opts.epochs < 0)
    throw new Error(`train: epochs must be a non-negative integer, got ${opts.epochs}`);
  const params = cloneParams(initial);
  const n = data.X.rows;
  const batch = !opts.batchSize || opts.batchSize >= n ? n : opts.batchSize;
  const lam = opts.lam ?? 0,
    mu = opts.momentum ?? 0;
  const rng = createRng(`train/${opts.seed ?? 0}`);
  const full = createWorkspace(config, n);
  const step = batch === n ? full : createWorkspace(config, batch);
  const tail = n % batch === 0 || batch === n ? null : createWorkspace(config, n % batch);
  // Mini-batch rows are gathered into buffers allocated once, not sliced per step.
  const bufX = batch === n ? null : [zeros(batch, data.X.cols), tail ? zeros(n % batch, data.X.cols) : null];
  const bufY = batch === n ? null : [zeros(batch, data.Y.cols), tail ? zeros(n % batch, data.Y.cols) : null];
  const velocity = mu > 0 ? cloneParams(params) : null;
  if (velocity) for (const m of [...velocity.weights, ...velocity.biases]) m.data.fill(0);
  const history: EpochRecord[] = [];
  let divergedAt: number | null = null;
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    const order = batch === n ? null : permutation(rng, n);
    for (let start = 0; start < n; start += batch) {
      const ws = start + batch <= n ? step : (tail as Workspace);
      let X = data.X,
        Y = data.Y;
      if (order && bufX && bufY) {
        const which = start + batch <= n ? 0 : 1;
        X = bufX[which] as Matrix;
        Y = bufY[which] as Matrix;
        gatherRows(data.X, order, start, X);
        gatherRows(data.Y, order, start, Y);
      }
      forwardInto(config, params, X, ws);
      backwardInto(config, params, X, Y, lam, ws);
      applyUpdate(params, ws, opts.lr, mu, velocity);
    }
    forwardInto(config, params, data.X, full);
    const loss = lossFromWorkspace(params, full, data.Y, lam);
    const record = { epoch, loss, accuracy: accuracyOf(full.probs, data.labels) };
    history.push(record);
    opts.onEpoch?.(record, params);
    if (!Number.isFinite(loss)) {
      divergedAt = epoch;
      break;
    }
  }
  return { params, history, divergedAt };
}

function applyUpdate(params: MlpParams, ws: Workspace, lr: number, mu: number, velocity: MlpParams | null): void {
  const pairs: [Matrix, Matrix, Matrix | null][] = [];
  params.weights.forEach((w, l) => pairs.push([w, ws.gradW[l], velocity ? velocity.weights[l] : null]));
  params.biases.forEach((b, l) => pairs.push([b, ws.gradB[l], velocity ? velocity.biases[l] : null]));
  for (const [p, g, v] of pairs) {
    if (v) {
      const vd = v.data,
        gd = g.data;
      for (let i = 0; i < vd.length; i++) vd[i] = mu * vd[i] - lr * gd[i];
      axpy(vd.length, 1, vd, p.data);
    } else {
      axpy(p.data.length, -lr, g.data, p.data);
    }
  }
}

function gatherRows(src: Matrix, order: Int32Array, start: number, dst: Matrix): void {
  const c = src.cols;
  for (let r = 0; r < dst.rows; r++) {
    const from = order[start + r] * c;
    dst.data.set(src.data.subarray(from, from + c), r * c);
  }
}

/** Fraction of rows whose largest probability is at the label. */
export function accuracyOf(probs: Matrix, labels: ArrayLike<number>): number {
  const { rows, cols, data } = probs;
  if (rows === 0) return 0;
  let hit = 0;
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (data[i * cols + j] > data[i * cols + best]) best = j;
    if (best === labels[i]) hit++;
  }
  return hit / rows;
}
