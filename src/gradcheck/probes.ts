import type { Rng } from '../random/rng.ts';

/**
 * A probe direction on a subset of θ: v_i = r_i·max(1, |θ_i|) with Rademacher r_i = ±1.
 * Zero-mean signs matter: a non-negative probe can sum a wrong gradient to the right total
 * (pytorch#59584). Scaling by max(1, |θ_i|) gives each entry the per-entry step
 * h·max(1, |θ_i|) of the error model.
 */
export interface Probe {
  indices: Int32Array;
  values: Float64Array;
}

export function rademacherProbe(rng: Rng, indices: Int32Array, theta: Float64Array): Probe {
  const values = new Float64Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const s = rng.uniform() < 0.5 ? -1 : 1;
    values[k] = s * Math.max(1, Math.abs(theta[indices[k]]));
  }
  return { indices, values };
}

/** The same signs restricted to a sub-range [from, to) of the probe's entries. */
export const subProbe = (p: Probe, from: number, to: number): Probe => ({
  indices: p.indices.subarray(from, to),
  values: p.values.subarray(from, to),
});

export function range(start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = 0; i < out.length; i++) out[i] = start + i;
  return out;
}

/** θ + t·v, as a new vector. */
export function along(theta: Float64Array, p: Probe, t: number): Float64Array {
  const out = theta.slice();
  for (let k = 0; k < p.indices.length; k++) out[p.indices[k]] += t * p.values[k];
  return out;
}

/** The point a move names: base + step·v, or a copy of the base. */
export const pointOf = (base: Float64Array, move: { probe: Probe | null; step: number }): Float64Array =>
  move.probe ? along(base, move.probe, move.step) : base.slice();

/** gᵀv and Σ|g_i v_i| (the latter bounds the rounding error of the former). */
export function dotProbe(g: Float64Array, p: Probe): { dot: number; abs: number } {
  let dot = 0,
    abs = 0;
  for (let k = 0; k < p.indices.length; k++) {
    const x = g[p.indices[k]] * p.values[k];
    dot += x;
    abs += Math.abs(x);
  }
  return { dot, abs };
}
