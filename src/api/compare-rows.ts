import type { Matrix } from '../core/matrix.ts';
import { TOLERANCES } from '../core/tolerances.ts';
import type { CauseId } from '../findings/causes.ts';

/**
 * The stable id of each kind of row, what the diagnosis reads (never the quantity's words). A row
 * about one tensor adds its name: `compare.gradient:W1`. The same id recurs on each set of inputs.
 */
export const COMPARE_IDS = [
  'compare.probabilities',
  'compare.loss',
  'compare.gradient',
  'compare.l2-gradient',
  'compare.training-step',
] as const;
export type CompareId = (typeof COMPARE_IDS)[number] | `${(typeof COMPARE_IDS)[number]}:${string}`;

/** One quantity computed by both networks on one set of inputs. */
export interface CompareRow {
  id: CompareId;
  quantity: string;
  /** The inputs it was computed on (see compare-inputs). */
  input: string;
  /** The entry that differs most, as "[i, j] value" (or the scalar). */
  yours: string;
  reference: string;
  /** Largest difference relative to the reference's largest entry. */
  diff: number;
  agrees: boolean;
  /** A different but self-consistent convention: shown, never a failure. */
  info?: boolean;
  explanation?: string;
  cause?: CauseId;
  /** Where, when narrower than the quantity's cause says (the tensor a sign flip is confined to). */
  location?: string;
}

export const show = (x: number): string => (Number.isFinite(x) ? x.toPrecision(8) : String(x));

/** The entry where two matrices differ most (a NaN or Inf against a finite value counts as the most). */
export function worstEntry(a: Matrix, b: Matrix): { at: number; abs: number; rel: number } {
  let at = 0,
    abs = -1,
    scale = 0;
  for (let i = 0; i < b.data.length; i++) if (Number.isFinite(b.data[i])) scale = Math.max(scale, Math.abs(b.data[i]));
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]);
    const dd = Number.isNaN(d) ? (Object.is(a.data[i], b.data[i]) ? 0 : Infinity) : d;
    if (dd > abs) {
      abs = dd;
      at = i;
    }
  }
  return { at, abs: Math.max(abs, 0), rel: abs === Infinity ? Infinity : Math.max(abs, 0) / (scale || 1) };
}

/** A matrix row of the comparison: agrees when the largest difference is within the allowed one. */
export function matrixRow(
  id: CompareId,
  quantity: string,
  input: string,
  yours: Matrix,
  ref: Matrix,
  allowed: number,
): CompareRow {
  const w = worstEntry(yours, ref);
  const idx = `[${Math.floor(w.at / ref.cols)}, ${w.at % ref.cols}]`;
  return {
    id,
    quantity: `${quantity} (${ref.rows}x${ref.cols})`,
    input,
    yours: `${idx} ${show(yours.data[w.at])}`,
    reference: `${idx} ${show(ref.data[w.at])}`,
    diff: w.rel,
    agrees: w.abs <= allowed,
  };
}

export function scalarRow(
  id: CompareId,
  quantity: string,
  input: string,
  yours: number,
  ref: number,
  allowed: number,
): CompareRow {
  const abs = Number.isNaN(yours - ref) ? Infinity : Math.abs(yours - ref);
  return {
    id,
    quantity,
    input,
    yours: show(yours),
    reference: show(ref),
    diff: abs / Math.max(Math.abs(ref), 1e-300),
    agrees: abs <= allowed,
  };
}

/** Gradient variants and pattern names, as cause ids the diagnosis groups by. */
export const PATTERN_CAUSE: Record<string, CauseId> = {
  'missing-mean': 'missing-mean',
  'double-mean': 'double-mean',
  'sign-flip': 'sign-flip',
  transposed: 'transposed-gradient',
  regularisation: 'l2-gradient-mismatch',
};

/** The scale factor k with yours ≈ k·expected, when one fits every entry to TOLERANCES.scaleFactorFit (else null). */
export function fittedFactor(yours: Matrix, expected: Matrix): number | null {
  let sxy = 0,
    sxx = 0;
  for (let i = 0; i < yours.data.length; i++) {
    sxy += yours.data[i] * expected.data[i];
    sxx += expected.data[i] ** 2;
  }
  if (sxx === 0) return null;
  const k = sxy / sxx;
  let worst = 0,
    scale = 0;
  for (let i = 0; i < yours.data.length; i++) {
    worst = Math.max(worst, Math.abs(yours.data[i] - k * expected.data[i]));
    scale = Math.max(scale, Math.abs(yours.data[i]));
  }
  return worst <= TOLERANCES.scaleFactorFit.rtol * (scale || 1) ? k : null;
}
