import type { Matrix } from '../core/matrix.ts';

/**
 * Losses that user code computes from output probabilities p, each a mean over the N rows.
 * Used to say which loss an implementation reports when it is not categorical cross-entropy.
 */
export type CandidateLoss = 'categorical-ce' | 'bce-sum' | 'bce-sum-eps' | 'mse';

export function candidateLosses(p: Matrix, y: Matrix, eps = 1e-8): Record<CandidateLoss, number> {
  let ce = 0,
    bce = 0,
    bceEps = 0,
    mse = 0;
  const pd = p.data,
    yd = y.data;
  for (let i = 0; i < pd.length; i++) {
    const pi = pd[i],
      yi = yd[i];
    if (yi !== 0) ce -= yi * Math.log(pi);
    bce -= (yi !== 0 ? yi * Math.log(pi) : 0) + (yi !== 1 ? (1 - yi) * Math.log(1 - pi) : 0);
    bceEps -= yi * Math.log(pi + eps) + (1 - yi) * Math.log(1 - pi + eps);
    mse += (pi - yi) ** 2;
  }
  const n = Math.max(1, p.rows);
  return { 'categorical-ce': ce / n, 'bce-sum': bce / n, 'bce-sum-eps': bceEps / n, mse: mse / n };
}
