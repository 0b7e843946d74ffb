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
const cache = new WeakMap<NetworkImplementation, Promise<StabilityDiagnosis | null>>();

async function probs(impl: NetworkImplementation, Z: number[][]): Promise<number[][]> {
  const { X, params } = injectLogits(impl, Z);
  return rows(await impl.forward(params, X));
}

const sane = (r: number[], u: number, big: number) =>
  r.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) &&
  Math.abs(r.reduce((a, b) => a + b, 0) - 1) <= TOLERANCES.softmaxRowSum(u, r.length, big);

async function sweep(impl: NetworkImplementation): Promise<StabilityDiagnosis | null> {
  const spec = specOf(impl.precision),
    u = spec.u;
  const where = `${impl.precision ?? 'float64'} exp overflows past ${spec.expOverflow} and underflows past ${spec.expUnderflow}`;
  for (const m of SWEEP) {
    try {
      if (!sane((await probs(impl, [[m, 0]]))[0], u, m)) {
        return {
          cause: 'no-max-softmax',
          at: m,
          hint: `exp overflows: the row [${m}, 0] already gives non-probabilities (${where}); subtract each row's max before exp`,
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
          hint: `one max for the whole batch: rows ${m} apart make the lower row 0/0 (${where}); subtract each row its own max (axis=1, keepdims=True)`,
        };
      }
      const Z = [[m, 0]],
        Y = oneHot([1], 2);
      const { X, params } = injectLogits(impl, Z);
      const loss = await impl.loss(params, X, Y, 0);
      const ref = crossEntropyFromLogits(fromRows(Z), Y);
      if (!Number.isFinite(loss)) {
        return {
          cause: 'log-after-shift',
          at: m,
          hint: `−log p taken after the softmax: p underflows to 0 and the loss is ${loss} from a margin of ${m} (${where}); use log-sum-exp: −log p_y = log Σ exp(z − m) − (z_y − m)`,
        };
      }
      if (!isClose(loss, ref, { atol: TOLERANCES.meanLoss(u, 1, 2, m, 2 * u * m, ref) })) {
        return {
          cause: 'clipped-log',
          at: m,
          hint: `the loss is ${loss} where −log p is ${ref} at a margin of ${m}: p is clipped or an epsilon is added inside the log; compute the loss from logits by log-sum-exp`,
        };
      }
    } catch {
      return null; // an exception is its own finding; the sweep names only numerical mechanisms
    }
  }
  return null;
}

/** The measured mechanism (cached per implementation), or null when the sweep finds none. */
export const diagnoseStability = (impl: NetworkImplementation): Promise<StabilityDiagnosis | null> => {
  let d = cache.get(impl);
  if (!d) cache.set(impl, (d = sweep(impl)));
  return d;
};
