import type { Matrix } from '../core/matrix.ts';
import { forward } from './forward.ts';
import type { MlpConfig, MlpParams } from './mlp.ts';

/** A ReLU-family backward whose mask is read from another array than the forward's z = X·W1 + b1. */
export type MaskVariantId = 'mask-without-bias' | 'hard-mask-under-leaky';

export interface MaskVariant {
  id: MaskVariantId;
  /** Gradients at λ = 0 in the separate layout, computed with this mask. */
  grads: MlpParams;
  /** Hidden units whose mask differs from the forward's on some row: where the gradient goes wrong. */
  units: number[];
}

/**
 * The reference gradient of a one-hidden-layer ReLU or leaky-ReLU network with the hidden mask
 * taken the way common slips take it: from X·W1 with the bias left out, or (under a leaky
 * forward) as the hard ReLU's 0 below zero. Matching one of these exactly, where the reference
 * does not, says which mask a backward uses. Empty for other activations or depths.
 */
export function maskVariants(config: MlpConfig, params: MlpParams, X: Matrix, Y: Matrix): MaskVariant[] {
  const act = config.activation;
  if ((act !== 'relu' && act !== 'leaky_relu') || params.weights.length !== 2) return [];
  const alpha = act === 'leaky_relu' ? (config.leakySlope ?? 0) : 0;
  const ws = forward(config, params, X);
  const z = ws.pre[0];
  const n = X.rows,
    H = z.cols,
    K = Y.cols,
    D = X.cols;
  const W2 = params.weights[1];
  const d2 = ws.probs.data.map((v, i) => (v - Y.data[i]) / n);
  const slope = (x: number, below: number) => (x > 0 ? 1 : below);
  const variant = (id: MaskVariantId, gate: (i: number, j: number) => number): MaskVariant => {
    const gW1 = new Float64Array(D * H),
      gb1 = new Float64Array(H),
      units = new Set<number>();
    for (let i = 0; i < n; i++)
      for (let j = 0; j < H; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += d2[i * K + k] * W2.data[j * K + k];
        const g = gate(i, j);
        if (g !== slope(z.data[i * H + j], alpha)) units.add(j);
        const dz = s * g;
        gb1[j] += dz;
        for (let d = 0; d < D; d++) gW1[d * H + j] += X.data[i * D + d] * dz;
      }
    const gW2 = new Float64Array(H * K),
      gb2 = new Float64Array(K);
    const a = ws.act[0].data;
    for (let i = 0; i < n; i++)
      for (let k = 0; k < K; k++) {
        gb2[k] += d2[i * K + k];
        for (let j = 0; j < H; j++) gW2[j * K + k] += a[i * H + j] * d2[i * K + k];
      }
    return {
      id,
      grads: {
        weights: [
          { rows: D, cols: H, data: gW1 },
          { rows: H, cols: K, data: gW2 },
        ],
        biases: [
          { rows: 1, cols: H, data: gb1 },
          { rows: 1, cols: K, data: gb2 },
        ],
      },
      units: [...units].sort((x, y) => x - y),
    };
  };
  const W1 = params.weights[0].data;
  const xw = (i: number, j: number) => {
    let s = 0;
    for (let d = 0; d < D; d++) s += X.data[i * D + d] * W1[d * H + j];
    return s;
  };
  const out = [variant('mask-without-bias', (i, j) => slope(xw(i, j), alpha))];
  if (act === 'leaky_relu') out.push(variant('hard-mask-under-leaky', (i, j) => slope(z.data[i * H + j], 0)));
  return out;
}
