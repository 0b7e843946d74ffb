import { directionalTest, baseStep, SAFETY, type CheckContext, type CheckPoint } from './directional.ts';
import { U64 } from '../core/tolerances.ts';
import type { Move } from './objective.ts';

export interface EntryComparison {
  index: number;
  analytic: number;
  numeric: number;
  tolerance: number;
  passed: boolean;
}

/**
 * Per-entry central differences (h and h/2, Richardson) for many entries in one batch of loss
 * evaluations, so a subprocess answers them in one round trip. Entries that disagree are
 * re-tested one by one with the kink-aware directional test before they count as wrong.
 */
export async function compareEntries(
  ctx: CheckContext,
  p: CheckPoint,
  indices: ArrayLike<number>,
): Promise<EntryComparison[]> {
  const h0 = baseStep(ctx.u);
  const moves: Move[] = [];
  const steps: number[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    const h = h0 * Math.max(1, Math.abs(p.theta[i]));
    steps.push(h);
    // θ_i + t·1 is θ_i + t exactly: the unit direction moves the one entry by the step itself.
    const probe = { indices: Int32Array.of(i), values: Float64Array.of(1) };
    for (const step of [h, -h, h / 2, -h / 2]) moves.push({ probe, step });
  }
  const L = await ctx.ev.lossAlong(p.theta, moves);
  const out: EntryComparison[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k],
      h = steps[k];
    const d1 = (L[4 * k] - L[4 * k + 1]) / (2 * h),
      d2 = (L[4 * k + 2] - L[4 * k + 3]) / h;
    const numeric = (4 * d2 - d1) / 3;
    const a = p.grad[i];
    const tol =
      SAFETY * (Math.abs(d1 - d2) + (3 * ctx.sigma) / h + (U64 + ctx.gradErrorUnits * ctx.u) * Math.abs(a)) +
      Number.MIN_VALUE;
    out.push({ index: i, analytic: a, numeric, tolerance: tol, passed: Math.abs(a - numeric) <= tol });
  }
  for (const c of out) {
    if (c.passed) continue;
    const v = Math.max(1, Math.abs(p.theta[c.index]));
    const rec = await directionalTest(ctx, p, { indices: Int32Array.of(c.index), values: Float64Array.of(v) }, false);
    Object.assign(c, {
      analytic: rec.analytic / v,
      numeric: rec.numeric / v,
      tolerance: rec.tolerance / v,
      passed: rec.passed,
    });
  }
  return out;
}

/** cs231n relative error |a − n| / max(|a|, |n|) (0 when both are 0). */
export function relError(a: number, n: number): number {
  const d = Math.max(Math.abs(a), Math.abs(n));
  return d === 0 ? 0 : Math.abs(a - n) / d;
}
