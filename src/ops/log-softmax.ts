import { type Matrix, zeros } from '../core/matrix.ts';

export function rowArgmax(z: Float64Array, o: number, cols: number): number {
  let best = 0;
  for (let j = 1; j < cols; j++) if (z[o + j] > z[o + best] || Number.isNaN(z[o + j])) best = j;
  return best;
}

/**
 * log Σ_j exp(z_j − m) for one row, as log1p of the sum without the max term (which is exactly
 * 1): keeps full relative accuracy when the row's probability mass sits on one class.
 */
export function log1pRest(z: Float64Array, o: number, cols: number): number {
  const a = rowArgmax(z, o, cols);
  const m = z[o + a];
  let rest = 0;
  for (let j = 0; j < cols; j++) if (j !== a) rest += Math.exp(z[o + j] - m);
  return Math.log1p(rest);
}

/** log softmax by log-sum-exp: z − max − log Σ exp(z − max), finite for logits of ±1e300. */
export function logSoftmax(z: Matrix, out: Matrix = zeros(z.rows, z.cols)): Matrix {
  const { rows, cols } = z;
  const zd = z.data,
    od = out.data;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const m = zd[o + rowArgmax(zd, o, cols)];
    const lse = log1pRest(zd, o, cols);
    for (let j = 0; j < cols; j++) od[o + j] = zd[o + j] - m - lse;
  }
  return out;
}

/** Backward of log-softmax: dz = dl − softmax(z)·Σ dl, with softmax = exp(log-softmax). */
export function logSoftmaxBackward(logp: Matrix, dl: Matrix, out: Matrix = zeros(logp.rows, logp.cols)): Matrix {
  const { rows, cols } = logp;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += dl.data[o + j];
    for (let j = 0; j < cols; j++) out.data[o + j] = dl.data[o + j] - Math.exp(logp.data[o + j]) * s;
  }
  return out;
}
