import { type Matrix, zeros } from '../../core/matrix.ts';
import { createRng, type Rng } from '../../random/rng.ts';
import { softmax } from '../../ops/softmax.ts';
import { oneHot } from '../../data/dataset.ts';
import { U32 } from '../../core/tolerances.ts';
import type { LayerRole } from './layer-module.ts';
import { vjpStep } from './vjp.ts';

export interface LayerCaseSize {
  N: number;
  D: number;
  K: number;
  seed: number;
}

/** A point for one class: its forward's arguments, the upstream gradient and the directions to probe. */
export interface LayerCase {
  slots: Matrix[];
  /** Upstream gradient g (1x1 of 1 for a loss). */
  g: Matrix;
  /** What backward is called with: g, or the probabilities for a loss or fused head. */
  dvalues: Matrix;
  /** One direction per probed slot: its name (the gradient it checks), slot index, grad index, direction. */
  probes: { name: string; slot: number; grad: number; dir: Matrix }[];
  inner: number;
}

const filled = (rows: number, cols: number, f: () => number): Matrix => {
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = f();
  return m;
};
const rademacher = (rng: Rng, like: Matrix): Matrix =>
  filled(like.rows, like.cols, () => (rng.uniform() < 0.5 ? -1 : 1));

/**
 * Kink margin: entries of an activation's input closer to 0 than two float32 steps are left out
 * of the direction, so no central difference straddles a ReLU-family kink (the sub-gradient at
 * 0 is a convention, not a defect).
 */
export const KINK_MARGIN = 2 * vjpStep(U32);

export function layerCase(role: LayerRole, c: LayerCaseSize): LayerCase {
  const rng = createRng(`layers/${role}/${c.seed}`);
  const normal = (r: number, k: number, s = 1) => filled(r, k, () => s * rng.normal());
  const labels = Array.from({ length: c.N }, () => rng.int(c.K));
  const one = filled(1, 1, () => 1);
  if (role === 'dense') {
    const W = normal(c.D, c.K),
      b = normal(1, c.K, 0.5),
      X = normal(c.N, c.D),
      g = normal(c.N, c.K);
    return {
      slots: [W, b, X],
      g,
      dvalues: g,
      inner: c.D,
      probes: [
        { name: 'dinputs', slot: 2, grad: 0, dir: rademacher(rng, X) },
        { name: 'dweights', slot: 0, grad: 1, dir: rademacher(rng, W) },
        { name: 'dbiases', slot: 1, grad: 2, dir: rademacher(rng, b) },
      ],
    };
  }
  if (role === 'activation' || role === 'softmax') {
    const X = normal(c.N, c.K, 2),
      g = normal(c.N, c.K),
      dir = rademacher(rng, X);
    if (role === 'activation')
      X.data.forEach((x, i) => {
        if (Math.abs(x) <= KINK_MARGIN) dir.data[i] = 0;
      });
    return {
      slots: [X],
      g,
      dvalues: g,
      inner: role === 'softmax' ? c.K : 1,
      probes: [{ name: 'dinputs', slot: 0, grad: 0, dir }],
    };
  }
  const Z = normal(c.N, c.K, 1.5),
    Y = oneHot(labels, c.K),
    P = softmax(Z);
  if (role === 'loss') {
    // Steps scaled by p keep every probability positive (and away from the usual clipping).
    const dir = rademacher(rng, P);
    dir.data.forEach((d, i) => {
      dir.data[i] = 0.5 * d * P.data[i];
    });
    return { slots: [P, Y], g: one, dvalues: P, inner: c.K, probes: [{ name: 'dinputs', slot: 0, grad: 0, dir }] };
  }
  return {
    slots: [Z, Y],
    g: one,
    dvalues: P,
    inner: c.K,
    probes: [{ name: 'dinputs', slot: 0, grad: 0, dir: rademacher(rng, Z) }],
  };
}
