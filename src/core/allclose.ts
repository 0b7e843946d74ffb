/** Element-wise closeness with strict non-finite rules: NaN matches only NaN, ±Inf only itself. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

export interface Mismatch {
  index: number;
  actual: number;
  expected: number;
  /** |actual − expected|, or Infinity when the non-finite rules fail. */
  absError: number;
}

/**
 * The one scalar comparison every check uses: |a − e| ≤ atol + rtol·|e|, with tolerances from
 * src/core/tolerances.ts. NaN matches only NaN and ±Inf only itself, so an infinite value never
 * "matches" a finite one however wide the relative tolerance.
 */
export function isClose(a: number, e: number, tol: Partial<Tolerance>): boolean {
  if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
  if (!Number.isFinite(a) || !Number.isFinite(e)) return a === e;
  return Math.abs(a - e) <= (tol.atol ?? 0) + (tol.rtol ?? 0) * Math.abs(e);
}

export function firstMismatch(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): Mismatch | null {
  if (actual.length !== expected.length) {
    return { index: -1, actual: actual.length, expected: expected.length, absError: Infinity };
  }
  for (let i = 0; i < actual.length; i++) {
    if (!isClose(actual[i], expected[i], tol)) {
      const d = Math.abs(actual[i] - expected[i]);
      return { index: i, actual: actual[i], expected: expected[i], absError: Number.isNaN(d) ? Infinity : d };
    }
  }
  return null;
}

export function allClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): boolean {
  return firstMismatch(actual, expected, tol) === null;
}

/** A one-line description of the first mismatch, with row and column when cols is given. */
export function describeMismatch(m: Mismatch, cols?: number): string {
  if (m.index < 0) return `length ${m.actual} differs from expected length ${m.expected}`;
  const where = cols ? `[${Math.floor(m.index / cols)}, ${m.index % cols}]` : `[${m.index}]`;
  return `at ${where}: got ${m.actual}, expected ${m.expected} (|diff| ${m.absError.toExponential(3)})`;
}
