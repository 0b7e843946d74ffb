import type { Evaluator } from './evaluator.ts';
import type { Probe } from './probes.ts';
import type { Move } from './objective.ts';

/**
 * Measures the rounding noise of the loss near θ: losses at θ + t·v for t = kδ, k = 1..5,
 * with δ so small that L is linear there; the residual of a least-squares line is rounding
 * noise. δ = 1e-3·h keeps curvature far below it, and the points stay on one side of θ so a
 * kink sitting exactly at θ (ReLU at integer inputs) does not pass for noise. Also returns two
 * evaluations at θ itself (for the determinism check).
 */
export async function measureLossNoise(
  ev: Evaluator,
  theta: Float64Array,
  probe: Probe,
  h: number,
): Promise<{ sigma: number; atTheta: [number, number] }> {
  const delta = 1e-3 * h;
  const ks = [1, 2, 3, 4, 5];
  const moves: Move[] = ks.map((k) => ({ probe, step: k * delta }));
  const base: Move = { probe: null, step: 0 };
  const L = await ev.lossAlong(theta, [...moves, base, base]);
  const ys = L.slice(0, 5);
  const mean = ys.reduce((a, b) => a + b, 0) / 5;
  let sxy = 0,
    sxx = 0;
  ks.forEach((k, i) => {
    sxy += (k - 3) * (ys[i] - mean);
    sxx += (k - 3) ** 2;
  });
  const slope = sxy / sxx;
  let ss = 0;
  ks.forEach((k, i) => {
    ss += (ys[i] - mean - slope * (k - 3)) ** 2;
  });
  // 5 points, 2 fitted parameters: divide by 3 degrees of freedom.
  return { sigma: Math.sqrt(ss / 3), atTheta: [L[5], L[6]] };
}
