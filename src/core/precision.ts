/**
 * The floating-point formats an implementation can compute in, with the constants every
 * tolerance, finite-difference step and "extreme input" range derives from.
 */
export type Precision = 'float64' | 'float32';
export const PRECISIONS: readonly Precision[] = ['float64', 'float32'];
export const isPrecision = (s: unknown): s is Precision => s === 'float64' || s === 'float32';

export interface PrecisionSpec {
  /** Unit roundoff: 2^-53 for float64, 2^-24 for float32. */
  u: number;
  /** Largest x with exp(x) finite: log(max). */
  expOverflow: number;
  /** exp(−x) underflows to 0 past this x: −log(smallest subnormal). */
  expUnderflow: number;
  /** Largest finite value. */
  max: number;
  /** Smallest positive normal value: below it relative accuracy is lost. */
  minNormal: number;
  /** Beyond this magnitude a logit's fractional part (and any O(1) difference) is lost: 1/u. */
  representableLogit: number;
}

export const PRECISION_SPECS: Record<Precision, PrecisionSpec> = {
  float64: {
    u: 2 ** -53,
    expOverflow: 709.78,
    expUnderflow: 745.13,
    max: 1.7976931348623157e308,
    minNormal: 2.2250738585072014e-308,
    representableLogit: 2 ** 53,
  },
  float32: {
    u: 2 ** -24,
    expOverflow: 88.72,
    expUnderflow: 103.28,
    max: 3.4028234663852886e38,
    minNormal: 1.1754943508222875e-38,
    representableLogit: 2 ** 24,
  },
};

export const specOf = (p: Precision | undefined): PrecisionSpec => PRECISION_SPECS[p ?? 'float64'];
export const unitRoundoff = (p: Precision | undefined): number => specOf(p).u;

/** True when every value is exactly a float32 (±0, ±Inf and NaN included). */
export const allFloat32 = (xs: ArrayLike<number>): boolean => {
  for (let i = 0; i < xs.length; i++) if (!Object.is(Math.fround(xs[i]), xs[i]) && !Number.isNaN(xs[i])) return false;
  return true;
};

/** The unit roundoff of a NumPy float dtype by name (float16's is 2^-11), or undefined for another dtype. */
export const unitOfDtype = (dtype: string | undefined): number | undefined =>
  dtype === 'float64'
    ? PRECISION_SPECS.float64.u
    : dtype === 'float32'
      ? PRECISION_SPECS.float32.u
      : dtype === 'float16'
        ? 2 ** -11
        : undefined;
