/**
 * Constructions that make any one-hidden-layer implementation reveal a part of itself through
 * its public functions: chosen output logits, or one hidden unit's activation.
 */
import { type Matrix, fromRows, zeros } from '../src/core/matrix.ts';
import { toLayout, fromLayout } from '../src/nn/layouts.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';
import { oneHot } from '../src/data/dataset.ts';
import { createRng } from '../src/random/rng.ts';

/** The largest |logit| injectable without squares of weights overflowing: 1e150² = 1e300. */
export const MAX_WEIGHT = 1e150;

/** Largest logit magnitude injectable for an activation: ReLU-family hidden units carry scale. */
export const maxInjectableLogit = (impl: NetworkImplementation): number =>
  impl.activation === 'relu' || impl.activation === 'leaky_relu' ? 1e300 : MAX_WEIGHT;

/**
 * Makes the implementation's logits exactly Z, with every weight ≤ 1e150 so that no L2 term
 * (computed even at λ = 0 by much user code) overflows. X = diag(s) with W1 = I for ReLU units
 * (a1 = diag(s), s a power of two so Z/s·s is exact), X = I with saturating W1, b1 for sigmoid
 * (σ(±1000) is exactly 1 or 0) and tanh (tanh(40) = 1, tanh(0) = 0). Then W2 = Z/s, b2 = 0.
 */
export function injectLogits(impl: NetworkImplementation, Z: number[][]): { X: Matrix; params: Matrix[] } {
  const N = Z.length,
    K = Z[0].length;
  const relu = impl.activation === 'relu' || impl.activation === 'leaky_relu';
  const X = zeros(N, N),
    W1 = zeros(N, N),
    b1 = zeros(1, N),
    W2 = zeros(N, K);
  const [gain, offset] = impl.activation === 'sigmoid' ? [2000, -1000] : impl.activation === 'tanh' ? [40, 0] : [1, 0];
  for (let i = 0; i < N; i++) {
    const big = Math.max(...Z[i].map(Math.abs));
    const s = relu && big > MAX_WEIGHT ? 2 ** Math.ceil(Math.log2(big / MAX_WEIGHT)) : 1;
    X.data[i * N + i] = s;
    W1.data[i * N + i] = gain;
    for (let j = 0; j < K; j++) W2.data[i * K + j] = Z[i][j] / s;
  }
  b1.data.fill(offset);
  return { X, params: toLayout({ weights: [W1, W2], biases: [b1, zeros(1, K)] }, impl.layout) };
}

/**
 * A 1-1-2 network whose logits are [f(x), 0] for each input x: f(x) = log p0 − log p1, and with
 * label 1, dL/db1 = f'(x)·p0 for one row, so f' = gb1 / p0.
 */
export function hiddenProbe(impl: NetworkImplementation, xs: number[]): { X: Matrix; Y: Matrix; params: Matrix[] } {
  const X = fromRows(xs.map((x) => [x]));
  const params = toLayout(
    { weights: [fromRows([[1]]), fromRows([[1, 0]])], biases: [zeros(1, 1), zeros(1, 2)] },
    impl.layout,
  );
  return {
    X,
    Y: oneHot(
      xs.map(() => 1),
      2,
    ),
    params,
  };
}

export const activationFromProbs = (p: Matrix, i: number): number =>
  Math.log(p.data[i * 2]) - Math.log(p.data[i * 2 + 1]);

/** Gradients in the separate form (W1, b1, W2, b2), whatever the implementation's layout. */
export const separateGrads = (impl: NetworkImplementation, grads: Matrix[]) => fromLayout(grads, impl.layout);

/** Seeded inputs, labels and parameters (biases non-zero unless integer inputs are asked for). */
export async function problem(
  impl: NetworkImplementation,
  c: { N: number; D: number; H: number; K: number; seed: number; integer: boolean },
) {
  const rng = createRng(`problem/${c.seed}`);
  const X = zeros(c.N, c.D);
  for (let i = 0; i < X.data.length; i++) X.data[i] = c.integer ? rng.int(5) - 2 : rng.normal();
  const Y = oneHot(
    Array.from({ length: c.N }, () => rng.int(c.K)),
    c.K,
  );
  const params = await impl.initParams(c.D, c.H, c.K, c.seed);
  if (!c.integer) {
    const sep = fromLayout(params, impl.layout);
    for (const b of sep.biases) for (let j = 0; j < b.data.length; j++) b.data[j] = 0.3 * rng.normal();
    return { X, Y, params: toLayout(sep, impl.layout) };
  }
  return { X, Y, params };
}

export const rows = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
