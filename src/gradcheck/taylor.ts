import type { Evaluator } from './evaluator.ts';
import { dotProbe, type Probe } from './probes.ts';
import type { TaylorResult } from './result.ts';

/**
 * Step-free second opinion: r(t) = |L(θ + tv) − L(θ) − t·gᵀv| falls like t² for a correct
 * gradient and like t for a wrong one. The slope is fitted on log-log axes over the smallest
 * steps whose remainder stands 100σ above the rounding noise.
 */
export async function taylorTest(
  ev: Evaluator,
  theta: Float64Array,
  loss: number,
  grad: Float64Array,
  probe: Probe,
  sigma: number,
): Promise<TaylorResult> {
  const steps = Array.from({ length: 10 }, (_, k) => 1e-1 * 2 ** -k);
  const L = await ev.lossAlong(
    theta,
    steps.map((step) => ({ probe, step })),
  );
  const slope0 = dotProbe(grad, probe).dot;
  const remainders = steps.map((t, k) => Math.abs(L[k] - loss - t * slope0));
  const usable = steps
    .map((t, k) => [Math.log(t), Math.log(remainders[k])] as const)
    .filter((_, k) => remainders[k] > 100 * sigma && Number.isFinite(remainders[k]));
  const pts = usable.slice(-5);
  if (pts.length < 3) return { steps, remainders, slope: NaN, verdict: 'inconclusive' };
  const mx = pts.reduce((s, p) => s + p[0], 0) / pts.length,
    my = pts.reduce((s, p) => s + p[1], 0) / pts.length;
  let sxy = 0,
    sxx = 0;
  for (const [x, y] of pts) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
  }
  const slope = sxy / sxx;
  return { steps, remainders, slope, verdict: slope >= 1.7 ? 'pass' : slope <= 1.3 ? 'fail' : 'inconclusive' };
}
