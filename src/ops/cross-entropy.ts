import { type Matrix, zeros } from '../core/matrix.ts';
import { sameShape } from '../core/linalg.ts';
import { softmax } from './softmax.ts';
import { rowArgmax, log1pRest } from './log-softmax.ts';

/**
 * Mean categorical cross-entropy from logits, −(1/N) Σ_i Σ_k y_ik log softmax(z)_ik, by
 * log-sum-exp. Terms with y_ik = 0 are skipped so that 0·(−Inf) never makes a NaN.
 */
export function crossEntropyFromLogits(z: Matrix, y: Matrix): number {
  sameShape('crossEntropy', 'y', z, y);
  const { rows, cols } = z;
  const zd = z.data,
    yd = y.data;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const m = zd[o + rowArgmax(zd, o, cols)];
    const lse = log1pRest(zd, o, cols);
    for (let j = 0; j < cols; j++) {
      const t = yd[o + j];
      // −log p_j = (m − z_j) + log Σ exp(z − m): both terms non-negative, no cancellation.
      if (t !== 0) total += t * (m - zd[o + j] + lse);
    }
  }
  return rows === 0 ? 0 : total / rows;
}

/** d/dz of the mean cross-entropy: (softmax(z) − y)/N. Writes probabilities first. */
export function crossEntropyBackward(z: Matrix, y: Matrix, out: Matrix = zeros(z.rows, z.cols)): Matrix {
  sameShape('crossEntropyBackward', 'y', z, y);
  softmax(z, out);
  const inv = 1 / z.rows;
  const od = out.data,
    yd = y.data;
  for (let i = 0; i < od.length; i++) od[i] = (od[i] - yd[i]) * inv;
  return out;
}

/** Cross-entropy from probabilities, for implementations that only expose p: −(1/N) Σ y log p. */
export function crossEntropyFromProbs(p: Matrix, y: Matrix): number {
  sameShape('crossEntropyFromProbs', 'y', p, y);
  let total = 0;
  for (let i = 0; i < p.data.length; i++) if (y.data[i] !== 0) total -= y.data[i] * Math.log(p.data[i]);
  return p.rows === 0 ? 0 : total / p.rows;
}
