import { baseStep, SAFETY, type CheckContext, type CheckPoint } from './directional.ts';
import { along, type Probe } from './probes.ts';
import type { ProbeRecord, PatternFinding } from './result.ts';
import type { Objective } from './objective.ts';
import { isClose } from '../core/allclose.ts';
import { TOLERANCES } from '../core/tolerances.ts';
import { parseLogEpsilonName } from '../ops/clipped-ce.ts';

const LABELS: Record<string, string> = {
  'categorical-ce': 'categorical cross-entropy −(1/N)Σ y·log p',
  'bce-sum': 'binary cross-entropy summed over classes −(1/N)Σ [y·log p + (1−y)·log(1−p)]',
  mse: 'mean squared error (1/N)Σ (p − y)²',
};
export const describeLoss = (name: string): string => LABELS[name] ?? name;

/** How an epsilon in the log shows along one failing probe: the slope gap seen, and the one eps predicts. */
interface EpsilonGap {
  observed: number;
  predicted: number;
  tolerance: number;
}

/**
 * The loss/gradient mismatch: the analytic gradient agrees with the slope of another loss of
 * the same outputs along every failing probe. Also says which loss the reported one is. When the
 * gradient is categorical cross-entropy's and the reported loss is cross-entropy with an epsilon
 * (or a clip) in its log, the mismatch is that epsilon's: the numbers decide, as the slope gap
 * numeric − analytic must equal the one −log(p + eps) predicts, d/dθ[−log(p + eps) + log p].
 */
export async function nameOtherLoss(
  ctx: CheckContext,
  obj: Objective,
  p: CheckPoint,
  failing: { probe: Probe; rec: ProbeRecord }[],
): Promise<PatternFinding | null> {
  if (!obj.alternativeLosses || failing.length === 0) return null;
  const base = baseStep(ctx.u);
  let matchNames: string[] | null = null;
  let epsNames: string[] | null = null;
  const gaps = new Map<string, EpsilonGap[]>();
  let reported: string | null = null;
  const sameLoss = (a: number, b: number) => isClose(a, b, { atol: TOLERANCES.sameLoss(ctx.u, ctx.sigma, b) });
  for (const { probe, rec } of failing) {
    // A probe that met a kink was judged at a smaller step that crosses none, or at a point moved
    // off it: the candidates are judged there too, the same way.
    const h = rec.kink ? rec.step : base;
    const theta = rec.at?.theta ?? p.theta,
      loss = rec.at?.loss ?? p.loss;
    const pts = [
      along(theta, probe, h),
      along(theta, probe, -h),
      along(theta, probe, h / 2),
      along(theta, probe, -h / 2),
      theta.slice(),
    ];
    ctx.ev.losses += pts.length;
    const alt = await obj.alternativeLosses(pts);
    const own = await ctx.ev.loss(pts);
    const names: string[] = [];
    const slopes = new Map<string, { slope: number; tol: number }>();
    const finite = Object.entries(alt).filter(([, L]) => L.every(Number.isFinite)); // Inf matches nothing
    // The reported loss is an eps form at every point of the probe, not just at θ.
    const epsHere = finite
      .filter(([name, L]) => parseLogEpsilonName(name) && L.every((x, k) => sameLoss(x, own[k])))
      .map(([name]) => name);
    for (const [name, L] of finite) {
      const d1 = (L[0] - L[1]) / (2 * h),
        d2 = (L[2] - L[3]) / h;
      const numeric = (4 * d2 - d1) / 3;
      const tol = rec.tolerance + SAFETY * Math.abs(d1 - d2);
      slopes.set(name, { slope: numeric, tol });
      if (parseLogEpsilonName(name)) continue;
      if (sameLoss(L[4], loss)) reported = name;
      // A candidate that is a constant multiple of the reported loss here (BCE over 2 softmax
      // classes is exactly 2·CE) says nothing a constant factor does not: the tensor patterns
      // name the factor (N: a missing 1/N) instead of calling it another loss. Not when an eps
      // form is the reported loss: then CE differs from it by that eps (a ratio like 1 + 5e-10
      // at p[label] = 2.5e-4, steady along a short probe), which is no factor.
      const c = L[4] / loss;
      const byEpsilon = name === 'categorical-ce' && epsHere.length > 0;
      if (Number.isFinite(c) && c !== 1 && !byEpsilon && L.every((x, k) => sameLoss(x, c * own[k]))) continue;
      if (Math.abs(rec.analytic - numeric) <= tol) names.push(name);
    }
    matchNames = matchNames === null ? names : matchNames.filter((n) => names.includes(n));
    const ce = slopes.get('categorical-ce');
    for (const name of epsHere) {
      const eps = slopes.get(name)!;
      if (!ce) continue;
      const list = gaps.get(name) ?? [];
      list.push({ observed: rec.numeric - rec.analytic, predicted: eps.slope - ce.slope, tolerance: eps.tol + ce.tol });
      gaps.set(name, list);
    }
    epsNames = epsNames === null ? epsHere : epsNames.filter((n) => epsHere.includes(n));
  }
  const match = matchNames?.[0];
  if (!match) return null;
  if (match === 'categorical-ce' && !reported) {
    const clipped = epsilonExplains(epsNames ?? [], gaps);
    if (clipped) return clipped;
  }
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

/**
 * The clipped-log pattern, when an eps form the reported loss equals predicts the slope gap seen
 * along every failing probe (within both slopes' tolerances); null when none does.
 */
function epsilonExplains(names: string[], gaps: Map<string, EpsilonGap[]>): PatternFinding | null {
  for (const name of names) {
    const form = parseLogEpsilonName(name)!;
    const list = gaps.get(name) ?? [];
    if (!list.length || !list.every((g) => Math.abs(g.observed - g.predicted) <= g.tolerance)) continue;
    const worst = list.reduce((a, b) => (Math.abs(b.observed) > Math.abs(a.observed) ? b : a));
    const inLog = form.form === 'shifted' ? `log(p + ${form.eps})` : `log(clip(p, ${form.eps}, 1 − ${form.eps}))`;
    return {
      tensor: 'all',
      pattern: 'clipped-log',
      detail:
        `the gradient is (P − Y)/N, categorical cross-entropy's, and the reported loss is −(1/N)Σ y·${inLog}: ` +
        `along a failing direction the loss's slope minus the gradient's is ${worst.observed.toPrecision(6)}, ` +
        `and the epsilon predicts ${worst.predicted.toPrecision(6)} ` +
        `(each row's term scales by eps/(p + eps), so it shows only where p[label] nears ${form.eps})`,
      hint:
        `the ${form.eps} in the log makes loss() a slightly different function from the one gradients() ` +
        'differentiates: compute the loss from logits by log-sum-exp, without an epsilon',
      numbers: { eps: form.eps, observedGap: worst.observed, predictedGap: worst.predicted },
    };
  }
  return null;
}
