import { type Matrix, zeros } from '../core/matrix.ts';
import { gemmNN, addRowVector } from '../core/kernels.ts';
import { fromLayout, type Layout } from '../nn/layouts.ts';
import type { ActivationName } from '../ops/activation.ts';
import { THRESHOLDS } from './thresholds.ts';

/** The first hidden layer's pre-activations, computed from the parameters in their layout. */
export function hiddenPre(params: Matrix[], layout: Layout, X: Matrix): Matrix {
  const p = fromLayout(params, layout);
  const W = p.weights[0];
  const z = zeros(X.rows, W.cols);
  gemmNN(X.rows, W.cols, X.cols, X.data, W.data, z.data);
  addRowVector(X.rows, W.cols, z.data, p.biases[0].data);
  return z;
}

export interface UnitStats {
  /** Units with z ≤ 0 on every row (ReLU family): no gradient ever flows through them. */
  deadFraction: number;
  /** Sigmoid/tanh units saturated on ≥ 95% of rows. */
  saturatedFraction: number;
  /** Pairs of hidden units with identical incoming weights: symmetry never broken. */
  identicalPairs: number;
  units: number;
}

export function unitStats(params: Matrix[], layout: Layout, activation: ActivationName, X: Matrix): UnitStats {
  const z = hiddenPre(params, layout, X);
  const H = z.cols,
    n = z.rows;
  let dead = 0,
    saturated = 0;
  const limit = activation === 'sigmoid' ? THRESHOLDS.sigmoidSaturationZ : THRESHOLDS.tanhSaturationZ;
  for (let j = 0; j < H; j++) {
    let active = 0,
      sat = 0;
    for (let i = 0; i < n; i++) {
      const v = z.data[i * H + j];
      if (v > 0) active++;
      if (Math.abs(v) > limit) sat++;
    }
    if (active === 0) dead++;
    if (sat >= THRESHOLDS.saturatedRowFraction * n) saturated++;
  }
  const relu = activation === 'relu' || activation === 'leaky_relu';
  const W = fromLayout(params, layout).weights[0];
  const cols = Array.from({ length: H }, (_, j) =>
    Array.from({ length: W.rows }, (_, d) => W.data[d * H + j]).join(','),
  );
  let identical = 0;
  const seen = new Map<string, number>();
  for (const c of cols) {
    identical += seen.get(c) ?? 0;
    seen.set(c, (seen.get(c) ?? 0) + 1);
  }
  const finite = W.data.every(Number.isFinite);
  return {
    deadFraction: relu ? dead / H : 0,
    saturatedFraction: relu ? 0 : saturated / H,
    identicalPairs: H > 1 && finite ? identical : 0,
    units: H,
  };
}
