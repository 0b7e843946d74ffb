/**
 * Names a constant factor between what an implementation returned and what it should have:
 * N (the batch size) is a missing 1/N, 1/N a double mean, −1 a sign flip. Entries below
 * their rounding tolerance carry no information about the ratio and are left out.
 */
import { TOLERANCES } from '../src/core/tolerances.ts';
import { isClose } from '../src/core/allclose.ts';
import type { CauseId } from '../src/findings/causes.ts';

/** The least-squares factor c with got ≈ c·want, or NaN when no entry is informative or the fit is not exact. */
export function fitRatio(got: number[], want: number[], tol: number[]): number {
  let sxy = 0,
    sxx = 0;
  const used: number[] = [];
  want.forEach((w, i) => {
    if (Math.abs(w) > 4 * tol[i] && Number.isFinite(got[i])) {
      sxy += w * got[i];
      sxx += w * w;
      used.push(i);
    }
  });
  if (used.length === 0) return NaN;
  const c = sxy / sxx;
  const exact = used.every(
    (i) =>
      Math.abs(got[i] - c * want[i]) <=
      TOLERANCES.causeRatio * Math.abs(c * want[i]) + tol[i] * Math.max(1, Math.abs(c)),
  );
  return exact ? c : NaN;
}

const near = (c: number, target: number) => isClose(c, target, { rtol: TOLERANCES.causeRatio });

/** The cause a factor names for a batch of N rows, if any. */
export function factorCause(c: number, N: number): CauseId | undefined {
  if (!Number.isFinite(c)) return undefined;
  if (N > 1 && near(c, N)) return 'missing-mean';
  if (N > 1 && near(c, 1 / N)) return 'double-mean';
  if (near(c, -1)) return 'sign-flip';
  return undefined;
}
