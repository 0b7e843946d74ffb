import type { Rng } from '../random/rng.ts';
import { U64 } from '../core/tolerances.ts';
import type { Evaluator } from './evaluator.ts';
import { along, dotProbe, type Probe } from './probes.ts';
import type { ProbeRecord } from './result.ts';
import type { Move } from './objective.ts';

/** A point at which the gradient is checked, with the implementation's answers there. */
export interface CheckPoint {
  theta: Float64Array;
  loss: number;
  grad: Float64Array;
}

export interface CheckContext {
  ev: Evaluator;
  /** Unit roundoff of the implementation's arithmetic (2^-53 or 2^-24). */
  u: number;
  /** Measured rounding noise of one loss evaluation. */
  sigma: number;
  rng: Rng;
  kinks: { met: number; resolved: number };
  /** Relative error of each analytic gradient entry, in units of u (accumulation depth). */
  gradErrorUnits: number;
}

/**
 * The error model's constants. SAFETY multiplies a bound that is already an over-estimate
 * (|D(h) − D(h/2)| is ~3× the truncation error of D(h/2) and far above that of the
 * Richardson value); 4 absorbs rounding draws up to ~4σ on each of the four evaluations.
 */
export const SAFETY = 4;
/** The smallest step tried when a kink forces a smaller one, as a fraction of the base step. */
export const MIN_STEP_FRACTION = 1 / 64;

export const baseStep = (u: number): number => Math.cbrt(u);

/** The move that names the base point itself. */
export const AT_BASE: Move = { probe: null, step: 0 };

interface Estimate {
  /** Losses at θ + hv, θ − hv, θ + hv/2, θ − hv/2. */
  L: number[];
  numeric: number;
  /** |D(h) − D(h/2)|, an over-estimate of the Richardson value's truncation error. */
  truncation: number;
  h: number;
}

/** Central differences at h and h/2 along v, combined by Richardson extrapolation. */
async function estimate(ctx: CheckContext, theta: Float64Array, probe: Probe, h: number): Promise<Estimate> {
  const L = await ctx.ev.lossAlong(
    theta,
    [h, -h, h / 2, -h / 2].map((step) => ({ probe, step })),
  );
  const d1 = (L[0] - L[1]) / (2 * h),
    d2 = (L[2] - L[3]) / h;
  return { L, numeric: (4 * d2 - d1) / 3, truncation: Math.abs(d1 - d2), h };
}

/**
 * The tolerance for |gᵀv − R|: truncation estimate, rounding of the four losses (≈ 3σ/h in the
 * Richardson combination) and the rounding of gᵀv itself (support·u64 for our dot product,
 * gradErrorUnits·u for the implementation's own gradient entries), times SAFETY.
 */
function tolerance(ctx: CheckContext, est: Estimate, support: number, absDot: number): number {
  const rounding = (3 * ctx.sigma) / est.h;
  const analytic = (support * U64 + ctx.gradErrorUnits * ctx.u) * absDot;
  return SAFETY * (est.truncation + rounding + analytic) + Number.MIN_VALUE;
}

function record(
  ctx: CheckContext,
  p: CheckPoint,
  probe: Probe,
  est: Estimate,
  kink?: ProbeRecord['kink'],
): ProbeRecord {
  const { dot, abs } = dotProbe(p.grad, probe);
  const tol = tolerance(ctx, est, probe.indices.length, abs);
  const err = Math.abs(dot - est.numeric);
  return {
    support: probe.indices.length,
    analytic: dot,
    numeric: est.numeric,
    absError: err,
    tolerance: tol,
    step: est.h,
    passed: err <= tol,
    kink,
    ...(kink === 'moved-point' || kink === 'bracket' ? { at: { theta: p.theta, loss: p.loss } } : {}),
  };
}

/**
 * Exact kink detection from exposed kink values z: a unit whose z changes along v and changes
 * sign across [θ − hv, θ + hv] (or sits on 0) makes the difference quotient meaningless.
 * Returns the largest step that crosses no kink (0 when a moving unit sits on one).
 */
async function safeStep(ctx: CheckContext, theta: Float64Array, probe: Probe, h: number): Promise<number | null> {
  const z = await ctx.ev.kinks([along(theta, probe, -h), theta, along(theta, probe, h)]);
  if (!z) return null;
  const [zm, z0, zp] = z;
  let crossing = false,
    safe = Infinity;
  for (let i = 0; i < z0.length; i++) {
    const dz = zp[i] - zm[i];
    if (dz === 0) continue;
    if (z0[i] === 0 || Math.sign(zm[i]) !== Math.sign(zp[i])) crossing = true;
    safe = Math.min(safe, Math.abs(z0[i]) / (Math.abs(dz) / (2 * h)));
  }
  return crossing ? safe : Infinity;
}

/**
 * Moves θ by a small seeded jitter off any kink and re-evaluates the gradient. The jitter
 * (relative 1e-3, and at least 4 base steps: float32's step of 4e-3 would cross a kink moved
 * only 1e-3) leaves room for a step that crosses no kink.
 */
async function movedPoint(ctx: CheckContext, p: CheckPoint): Promise<CheckPoint> {
  const theta = p.theta.slice();
  const size = Math.max(1e-3, 4 * baseStep(ctx.u));
  for (let i = 0; i < theta.length; i++) theta[i] += size * (ctx.rng.uniform() - 0.5) * Math.max(1, Math.abs(theta[i]));
  const { loss, grad } = await ctx.ev.gradient(theta);
  return { theta, loss, grad };
}

/**
 * Compares gᵀv with the finite-difference slope along v, dealing with kinks: with exposed kink
 * values by taking a step that crosses none, or moving the point; for a black box by retrying
 * at a smaller step and accepting only when the two estimates disagree (non-smoothness), then
 * by moving the point, then by the one-sided derivatives bracket.
 */
export async function directionalTest(
  ctx: CheckContext,
  p: CheckPoint,
  probe: Probe,
  allowMove = true,
): Promise<ProbeRecord> {
  const seen = { kink: false };
  const rec = await testWithKinks(ctx, p, probe, allowMove, seen);
  if (seen.kink) {
    ctx.kinks.met++;
    if (rec.kink) ctx.kinks.resolved++;
  }
  return rec;
}

async function testWithKinks(
  ctx: CheckContext,
  p: CheckPoint,
  probe: Probe,
  allowMove: boolean,
  seen: { kink: boolean },
): Promise<ProbeRecord> {
  const h0 = baseStep(ctx.u);
  let point = p;
  // The widest step found that crosses no kink, where it was found (kink values known).
  let widest: { point: CheckPoint; h: number } | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const safe = await safeStep(ctx, point.theta, probe, h0);
    if (safe === null) break; // black box
    if (safe === Infinity) {
      return record(
        ctx,
        point,
        probe,
        await estimate(ctx, point.theta, probe, h0),
        attempt > 0 ? 'moved-point' : undefined,
      );
    }
    seen.kink = true;
    if (safe * 0.5 >= h0 * MIN_STEP_FRACTION) {
      return record(ctx, point, probe, await estimate(ctx, point.theta, probe, safe * 0.5), 'smaller-step');
    }
    if (safe * 0.5 > (widest?.h ?? 0)) widest = { point, h: safe * 0.5 };
    if (!allowMove) break;
    point = await movedPoint(ctx, point);
  }
  const first = await estimate(ctx, point.theta, probe, h0);
  const rec = record(ctx, point, probe, first);
  if (rec.passed) return rec;
  // Kink values put a kink inside ±h0 at every point tried: the estimate at h0 averages slopes
  // across it, an error that neither its truncation estimate nor the black-box tests below bound
  // (in float32, h0 = 4e-3 along a probe of 15 entries moves a pre-activation of 1e-2 across 0).
  // The widest kink-free step is smooth ground; its tolerance grows as 1/h, honestly.
  if (widest) {
    const kink = widest.point === p ? 'smaller-step' : 'moved-point';
    return record(ctx, widest.point, probe, await estimate(ctx, widest.point.theta, probe, widest.h), kink);
  }
  // Black box (or an unresolved kink): is the failure an artefact of non-smoothness? Either a
  // kink inside the step (the estimates at two steps disagree) or a kink at θ itself (the
  // one-sided slopes jump by an amount that does not shrink with the step).
  const hs = h0 * MIN_STEP_FRACTION * 4;
  const small = await estimate(ctx, point.theta, probe, hs);
  const recSmall = record(ctx, point, probe, small, 'smaller-step');
  const [l0] = await ctx.ev.lossAlong(point.theta, [AT_BASE]);
  const jump = (lp: number, lm: number, h: number) => Math.abs(lp - 2 * l0 + lm) / h;
  const j1 = jump(small.L[0], small.L[1], hs),
    j2 = jump(small.L[2], small.L[3], hs / 2);
  const atKink = j2 > 0.75 * j1 && j2 > (8 * ctx.sigma) / (hs / 2);
  const nonSmooth = Math.abs(first.numeric - small.numeric) > rec.tolerance + recSmall.tolerance;
  if (!nonSmooth && !atKink) return rec;
  seen.kink = true;
  if (recSmall.passed && !atKink) return recSmall;
  if (allowMove) {
    const moved = await movedPoint(ctx, point);
    const recMoved = record(ctx, moved, probe, await estimate(ctx, moved.theta, probe, h0), 'moved-point');
    if (recMoved.passed) return recMoved;
    return recMoved.absError < rec.absError
      ? bracket(ctx, moved, probe, hs, recMoved)
      : bracket(ctx, point, probe, hs, rec);
  }
  return bracket(ctx, point, probe, hs, rec);
}

/** Accepts gᵀv inside [min(D−, D+), max(D−, D+)] (widened by the tolerance) at a kink. */
async function bracket(
  ctx: CheckContext,
  p: CheckPoint,
  probe: Probe,
  h: number,
  failed: ProbeRecord,
): Promise<ProbeRecord> {
  const [lp, l0, lm] = await ctx.ev.lossAlong(p.theta, [{ probe, step: h }, AT_BASE, { probe, step: -h }]);
  const right = (lp - l0) / h,
    left = (l0 - lm) / h;
  const { dot, abs } = dotProbe(p.grad, probe);
  const tol =
    SAFETY * ((2 * ctx.sigma) / h + (probe.indices.length * U64 + ctx.gradErrorUnits * ctx.u) * abs) + Number.MIN_VALUE;
  const lo = Math.min(left, right) - tol,
    hi = Math.max(left, right) + tol;
  if (Math.abs(right - left) > tol && dot >= lo && dot <= hi) {
    return {
      ...failed,
      analytic: dot,
      numeric: (left + right) / 2,
      absError: 0,
      tolerance: tol,
      step: h,
      passed: true,
      kink: 'bracket',
    };
  }
  return failed;
}
