/**
 * Names the numerical mechanism behind a stability failure from a short sweep of logit
 * magnitudes, and the first magnitude at which it breaks: exp overflow (no max subtracted),
 * 0/0 after underflow (one max for the whole batch), −log p after the shift (p underflows),
 * or clipping / an epsilon in the log (finite but off). Each answer is measured, never assumed.
 */
import { fromRows } from '../src/core/matrix.ts';
import { specOf } from '../src/core/precision.ts';
import { TOLERANCES } from '../src/core/tolerances.ts';
import { isClose } from '../src/core/allclose.ts';
import { crossEntropyFromLogits } from '../src/ops/cross-entropy.ts';
import { oneHot } from '../src/data/dataset.ts';
import type { CauseId } from '../src/findings/causes.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';
import { injectLogits, rows } from './probes.ts';

export interface StabilityDiagnosis {
  cause: CauseId;
  /** The first swept logit magnitude at which the mechanism shows. */
  at: number;
  hint: string;
}

const SWEEP = [10, 30, 60, 89, 104, 200, 400, 710, 746, 1000, 3000, 1e4];
/** What failed: the probabilities (only the softmax can explain them) or the loss (either can). */
export type StabilityScope = 'softmax' | 'loss';
const cache = new WeakMap<NetworkImplementation, Map<StabilityScope, Promise<StabilityDiagnosis | null>>>();

async function probs(impl: NetworkImplementation, Z: number[][]): Promise<number[][]> {
  const { X, params } = injectLogits(impl, Z);
  return rows(await impl.forward(params, X));
}

const sane = (r: number[], u: number, big: number) =>
  r.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) &&
  Math.abs(r.reduce((a, b) => a + b, 0) - 1) <= TOLERANCES.softmaxRowSum(u, r.length, big);

/** exp overflow (no max) or 0/0 after underflow (one max per batch): the softmax's own mechanisms. */
async function softmaxMechanism(
  impl: NetworkImplementation,
  u: number,
  where: string,
): Promise<StabilityDiagnosis | null> {
  for (const m of SWEEP) {
    if (!sane((await probs(impl, [[m, 0]]))[0], u, m)) {
      return {
        cause: 'no-max-softmax',
        at: m,
        hint:
          `exp overflows: the row [${m}, 0] already gives non-probabilities (${where}); ` +
          "subtract each row's max before exp",
      };
    }
    const batch = await probs(impl, [
      [0, 1],
      [m, m + 1],
    ]);
    if (!sane(batch[0], u, 1)) {
      return {
        cause: 'global-max-softmax',
        at: m,
        hint:
          `one max for the whole batch: rows ${m} apart make the lower row 0/0 (${where}); ` +
          'subtract each row its own max (axis=1, keepdims=True)',
      };
    }
  }
  return null;
}

/**
 * −log p after the shift (the loss turns Inf) or clipping / an epsilon in the log (the loss agrees
 * with −log p at small margins and departs from it at large ones). A loss that already differs at
 * the smallest margin is another loss, not clipping: no mechanism is named for it here.
 */
async function lossMechanism(
  impl: NetworkImplementation,
  u: number,
  where: string,
): Promise<StabilityDiagnosis | null> {
  let agreedBelow = false;
  for (const m of SWEEP) {
    const Z = [[m, 0]],
      Y = oneHot([1], 2);
    const { X, params } = injectLogits(impl, Z);
    const loss = await impl.loss(params, X, Y, 0);
    const ref = crossEntropyFromLogits(fromRows(Z), Y);
    if (!Number.isFinite(loss)) {
      return {
        cause: 'log-after-shift',
        at: m,
        hint:
          `−log p taken after the softmax: p underflows to 0 and the loss is ${loss} from a margin of ${m} ` +
          `(${where}); use log-sum-exp: −log p_y = log Σ exp(z − m) − (z_y − m)`,
      };
    }
    const agrees = isClose(loss, ref, { atol: TOLERANCES.meanLoss(u, 1, 2, m, 2 * u * m, ref) });
    if (agrees) agreedBelow = true;
    else if (!agreedBelow) return null;
    else {
      return {
        cause: 'clipped-log',
        at: m,
        hint:
          `the loss is ${loss} where −log p is ${ref} at a margin of ${m}: ` +
          'p is clipped or an epsilon is added inside the log; compute the loss from logits by log-sum-exp',
      };
    }
  }
  return null;
}

async function sweep(impl: NetworkImplementation, scope: StabilityScope): Promise<StabilityDiagnosis | null> {
  const spec = specOf(impl.precision),
    u = spec.u;
  const where =
    `${impl.precision ?? 'float64'} exp overflows past ${spec.expOverflow} ` +
    `and underflows past ${spec.expUnderflow}`;
  try {
    // Probabilities that are not probabilities can only come from the softmax: the loss is never
    // asked to explain them.
    const soft = await softmaxMechanism(impl, u, where);
    if (soft || scope === 'softmax') return soft;
    return await lossMechanism(impl, u, where);
  } catch {
    return null; // an exception is its own finding; the sweep names only numerical mechanisms
  }
}

/** The measured mechanism (cached per implementation and scope), or null when the sweep finds none. */
export function diagnoseStability(
  impl: NetworkImplementation,
  scope: StabilityScope = 'loss',
): Promise<StabilityDiagnosis | null> {
  const byScope = cache.get(impl) ?? new Map<StabilityScope, Promise<StabilityDiagnosis | null>>();
  cache.set(impl, byScope);
  let d = byScope.get(scope);
  if (!d) byScope.set(scope, (d = sweep(impl, scope)));
  return d;
}

/**
 * Whether these logits reach the magnitude at which the mechanism showed in the sweep (past the
 * last swept magnitude that was still sane): a mechanism the logits do not reach cannot explain a
 * failure at them (one max per batch changes nothing in a single row, nor at logits [0, 0]).
 * The magnitude is the mechanism's own: the spread of the row maxima for one max per batch, the
 * largest |logit| for no max at all, the largest margin within a row for the loss's mechanisms.
 */
export function reachedAt(d: StabilityDiagnosis, Z: number[][]): boolean {
  const below = SWEEP[SWEEP.indexOf(d.at) - 1] ?? 0;
  const rowMax = Z.map((r) => Math.max(...r));
  const magnitude =
    d.cause === 'global-max-softmax'
      ? Math.max(...rowMax) - Math.min(...rowMax)
      : d.cause === 'no-max-softmax'
        ? Math.max(...Z.flat().map(Math.abs))
        : Math.max(...Z.map((r) => Math.max(...r) - Math.min(...r)));
  return magnitude > below;
}
