import { baseStep, SAFETY, type CheckContext, type CheckPoint } from './directional.ts';
import { along, type Probe } from './probes.ts';
import type { ProbeRecord, PatternFinding } from './result.ts';
import type { Objective } from './objective.ts';
import { isClose } from '../core/allclose.ts';
import { TOLERANCES } from '../core/tolerances.ts';

const LABELS: Record<string, string> = {
  'categorical-ce': 'categorical cross-entropy −(1/N)Σ y·log p',
  'bce-sum': 'binary cross-entropy summed over classes −(1/N)Σ [y·log p + (1−y)·log(1−p)]',
  mse: 'mean squared error (1/N)Σ (p − y)²',
};
export const describeLoss = (name: string): string => LABELS[name] ?? name;

/**
 * The loss/gradient mismatch: the analytic gradient agrees with the slope of another loss of
 * the same outputs along every failing probe. Also says which loss the reported one is.
 */
export async function nameOtherLoss(
  ctx: CheckContext,
  obj: Objective,
  p: CheckPoint,
  failing: { probe: Probe; rec: ProbeRecord }[],
): Promise<PatternFinding | null> {
  if (!obj.alternativeLosses || failing.length === 0) return null;
  const h = baseStep(ctx.u);
  let matchNames: string[] | null = null;
  let reported: string | null = null;
  const sameLoss = (a: number, b: number) => isClose(a, b, { atol: TOLERANCES.sameLoss(ctx.u, ctx.sigma, b) });
  for (const { probe, rec } of failing) {
    const pts = [
      along(p.theta, probe, h),
      along(p.theta, probe, -h),
      along(p.theta, probe, h / 2),
      along(p.theta, probe, -h / 2),
      p.theta.slice(),
    ];
    ctx.ev.losses += pts.length;
    const alt = await obj.alternativeLosses(pts);
    const own = await ctx.ev.loss(pts);
    const names: string[] = [];
    for (const [name, L] of Object.entries(alt)) {
      if (!L.every(Number.isFinite)) continue; // an infinite candidate matches nothing
      const d1 = (L[0] - L[1]) / (2 * h),
        d2 = (L[2] - L[3]) / h;
      const numeric = (4 * d2 - d1) / 3;
      const tol = rec.tolerance + SAFETY * Math.abs(d1 - d2);
      if (sameLoss(L[4], p.loss)) reported = name;
      // A candidate that is a constant multiple of the reported loss here (BCE over 2 softmax
      // classes is exactly 2·CE) says nothing a constant factor does not: the tensor patterns
      // name the factor (N: a missing 1/N) instead of calling it another loss.
      const c = L[4] / p.loss;
      if (Number.isFinite(c) && c !== 1 && L.every((x, k) => sameLoss(x, c * own[k]))) continue;
      if (Math.abs(rec.analytic - numeric) <= tol) names.push(name);
    }
    matchNames = matchNames === null ? names : matchNames.filter((n) => names.includes(n));
  }
  const match = matchNames?.[0];
  if (!match) return null;
  const lossIs = reported
    ? `the reported loss is ${describeLoss(reported)}`
    : 'the reported loss is none of the standard losses of these outputs';
  return {
    tensor: 'all',
    pattern: 'other-loss',
    // The gradient of binary cross-entropy over a softmax: the cost the diagnosis names when the loss's value agrees.
    ...(match === 'bce-sum' ? { cause: 'bce-on-softmax' as const } : {}),
    detail: `the gradient is that of ${describeLoss(match)}, but ${lossIs}`,
    hint:
      match === 'categorical-ce'
        ? 'the cost printed is not the one the gradient descends: ' +
          'with a softmax output use categorical cross-entropy in loss() too'
        : `loss() and gradients() disagree: make both use ${describeLoss(match)}`,
  };
}
