/**
 * Every tolerance nncheck uses, in one table, each with the error analysis behind it.
 * u = 2^-53 ≈ 1.11e-16 is the float64 unit roundoff; u32 = 2^-24 ≈ 5.96e-8 for float32.
 * Never loosen an entry to make a test pass: fix the code or the analysis.
 */
export const U64 = 2 ** -53;
export const U32 = 2 ** -24;

export const TOLERANCES = {
  /**
   * Softmax / log-softmax / cross-entropy against the BigNumber oracle, relative, wherever the
   * true value is a normal float64. The shift d = z − m is rounded once (error ≤ |d|·u) and exp
   * turns that absolute error into a relative one; p is normal only for |d| < 708, so this
   * term is ≤ 708·u ≈ 7.9e-14. exp itself (≤ 1 ulp), the row sum (≤ K·u relative, positives)
   * and the division add (K + 2)·u ≈ 1.3e-15 for K = 10. Total < 1e-13.
   */
  softmaxVsOracle: { rtol: 1e-13 },
  /** Cross-entropy vs oracle: mean of N log-sum-exp terms, each ≤ (K + 4)·u relative; 1e-13. */
  crossEntropyVsOracle: { rtol: 1e-13 },
  /**
   * A whole MLP forward + loss vs the oracle: matmul with inner dimension D accumulates
   * ≤ D·u·Σ|x||w| (Higham, Thm 3.5), then activations and log-sum-exp. For the small nets
   * tested (D ≤ 16, well-scaled inputs) γ_D·cond ≤ 1e-12 relative.
   */
  mlpLossVsOracle: { rtol: 1e-12 },
  /** Rows of a softmax sum to 1 within K·u (sum of K positives each rounded once) plus division. */
  softmaxRowSum: (K: number) => (K + 2) * U64 * 4,
  /**
   * Softmax shift invariance: adding c changes z − m by at most one rounding of |z| + |c|, whose
   * effect on exp is that times u; relative to p this is ≤ 2·(|z| + |c|)·u + (K + 2)·u.
   */
  softmaxShift: (scale: number, K: number) => (2 * scale + K + 2) * U64 * 4,
  /**
   * Central differences with h = u^(1/3)·max(1,|θ|): truncation h²·|L‴|/6 plus rounding
   * ε_L/h, where ε_L, the rounding error of one loss evaluation, is about n·u·|L| for a loss
   * accumulated over n ≈ 100 terms. Both terms are about u^(2/3) ≈ 2.3e-11 times the loss
   * scale (times n for rounding), so the absolute bound is 100·u^(2/3)·max(1, |L|); a relative
   * 1e-7 on top covers |L‴| up to ~1e4·|L| (saturated units).
   */
  centralDifference: (lossScale: number) => ({ atol: 100 * U64 ** (2 / 3) * Math.max(1, Math.abs(lossScale)), rtol: 1e-7 }),
  /**
   * nncheck compare, an implementation against the reference on the same inputs. Sums and
   * products in floating point are backward stable (Higham, Thm 3.5): the computed result is the
   * exact result for inputs and parameters each perturbed by at most γ_n ≈ n·u relatively, n the
   * longest inner dimension. So the allowed difference is the largest change that perturbing
   * every input and parameter by ±n·u (random signs, `draws` draws) makes in the reference's
   * value, times `safety`, plus `(K + 4)·u` relative for exp, log and the division.
   * u is the implementation's own precision (float32 when everything it returns is float32).
   */
  compareBackwardError: { draws: 2, safety: 4, extraUlps: (K: number) => K + 4 },
  /** Float32 unit roundoff, for implementations that compute in float32. */
  float32Unit: U32,
} as const;
