/**
 * Every tolerance nncheck uses, in one table, each with the error analysis behind it.
 * u is the unit roundoff of the implementation's precision (src/core/precision.ts): 2^-53 ≈
 * 1.11e-16 for float64, 2^-24 ≈ 5.96e-8 for float32. Each entry bounds the rounding error a
 * correct implementation can make at the sizes (N, K, D, H) and magnitudes involved; SAFETY
 * covers the constants first-order analysis drops. Never loosen an entry to make a test pass:
 * fix the code or the analysis.
 */
export const U64 = 2 ** -53;
export const U32 = 2 ** -24;
/** Multiplies first-order bounds (Higham's γ_n ≈ n·u), as the gradient checker does. */
export const SAFETY = 4;

export const TOLERANCES = {
  /**
   * nncheck's own float64 softmax / log-softmax against the BigNumber oracle, relative, wherever
   * the true value is a normal float64: probabilityVsOracle below at |d| < 708, K ≤ 10: < 1e-13.
   */
  softmaxVsOracle: { rtol: 1e-13 },
  /**
   * An implementation's probabilities against the BigNumber oracle, relative, wherever the
   * true value is normal. The shift d = z − m is rounded once (error ≤ |d|·u) and exp turns
   * that absolute error into a relative one; the input z is rounded to the precision too
   * (another |z|·u). exp (≤ 1 ulp), the row sum (≤ K·u, positives) and the division add
   * (K + 2)·u.
   */
  probabilityVsOracle: (u: number, maxAbsLogit: number, K: number) => SAFETY * ((2 * maxAbsLogit + 2 + K + 2) * u),
  /** Cross-entropy vs oracle: mean of N log-sum-exp terms, each ≤ (K + 4)·u relative; 1e-13. */
  crossEntropyVsOracle: { rtol: 1e-13 },
  /**
   * A whole MLP forward + loss vs the oracle: matmul with inner dimension D accumulates
   * ≤ D·u·Σ|x||w| (Higham, Thm 3.5), then activations and log-sum-exp. For the small nets
   * tested (D ≤ 16, well-scaled inputs) γ_D·cond ≤ 1e-12 relative.
   */
  mlpLossVsOracle: { rtol: 1e-12 },
  /**
   * |Σ p − 1| for one softmax row with logits up to maxAbsLogit. Each p_j = exp(s_j)/S carries
   * relative error ≤ (K + 3)·u (exp, the K-term sum, the division) plus |s_j|·u from rounding
   * the shift, and p_j·|s_j| ≤ 1/e; our own float64 sum adds K·U64. exp(z − logsumexp(z))
   * rounds m + log S once more, an absolute u·|m| that scales every p_j alike: + 2·|z|max·u.
   */
  softmaxRowSum: (u: number, K: number, maxAbsLogit: number) => SAFETY * (2 * K + 4 + 2 * maxAbsLogit) * u,
  /**
   * Relative error of one probability computed from logits that carry an absolute error
   * logitError: exp turns it into a relative error ≤ 2·logitError (numerator and sum), and
   * the softmax itself adds (K + 3)·u. Two evaluations of the same probability (shifted,
   * permuted, alone vs in a batch, where BLAS may sum in another order) differ by twice that.
   */
  probability: (u: number, K: number, logitError: number) => SAFETY * (2 * logitError + (K + 3) * u),
  /** Two evaluations of the same quantity, each within tol of the truth, differ by ≤ 2·tol. */
  twoEvaluations: (tol: number) => 2 * tol,
  /**
   * Absolute error of a mean cross-entropy loss. One row's −log p_y = log Σ exp(z − m) − (z_y − m):
   * rounding z − m costs ≤ 2·|z|max·u, the log-sum-exp (K + 4)·u·(1 + log K) and the logits'
   * own error logitError twice (once in z_y, once through the log-sum-exp); the mean over N
   * rows adds (N + 1)·u·|L|. Any clipping or epsilon in the log changes the value by far more
   * wherever p_y is below the epsilon.
   */
  meanLoss: (u: number, N: number, K: number, maxAbsLogit: number, logitError: number, loss: number) =>
    SAFETY * ((2 * maxAbsLogit + (K + 4) * (1 + Math.log(K))) * u + 2 * logitError + (N + 1) * u * Math.abs(loss)),
  /**
   * What −log p loses when p itself is stored below the smallest normal (log taken after the
   * softmax): p is rounded to a multiple of the smallest subnormal s = 2·u·minNormal (2^-1074 in
   * float64), an absolute error ≤ s/2, so −log p moves by ≤ s/(2p); s/p allows twice that. The
   * log-sum-exp form never stores p and never pays it. logP is the exact log p; s/p is taken as
   * exp(log s − log p), since 1/p itself overflows below p = e^-709.8.
   */
  subnormalLog: (u: number, minNormal: number, logP: number) => Math.exp(Math.log(2 * u * minNormal) - logP),
  /**
   * One gradient entry, relative to its absolute scale (the same backward pass run on
   * absolute values: Σ_i |a_i|·|δ_i| / N). Each entry is a sum over N rows of products
   * reached through ≤ D + H + K accumulations (Higham: ≤ (2N + D + H + K)·u of the absolute
   * scale, Thm 3.5), and a logit error e moves p − y by ≤ 2e·(|p| + |y|).
   */
  gradientEntry: (u: number, s: { N: number; D: number; H: number; K: number }, logitError: number) =>
    SAFETY * ((2 * s.N + s.D + s.H + s.K + 8) * u + 4 * logitError),
  /**
   * An L2 penalty c·Σθ² over n parameters: each square rounds once and the sum accumulates
   * ≤ (n + 1)·u relative (positive terms), the scaling by c one more: (n + 2)·u·|P|.
   */
  l2Penalty: (u: number, n: number, penalty: number) => SAFETY * (n + 2) * u * Math.abs(penalty),
  /**
   * Absolute floor for values that underflow: below the smallest normal number the grid of a
   * precision is minNormal·2u (2^-1074 in float64, 2^-149 in float32) and relative accuracy is
   * gone; each of the ≤ n roundings of a quantity on that grid costs half a spacing.
   */
  underflow: (u: number, minNormal: number, n: number) => SAFETY * n * minNormal * u,
  /**
   * Central difference of a function read with absolute error valueError at step h:
   * truncation h²·|f‴|/6 plus rounding valueError/h. With h = u^(1/3)·max(1, |x|) both are
   * about u^(2/3). thirdDerivative bounds |f‴| (1/8 for σ, 2 for tanh, 0 off the ReLU kink).
   */
  centralDifferenceOf: (h: number, valueError: number, thirdDerivative: number) =>
    SAFETY * ((h * h * thirdDerivative) / 6 + valueError / h),
  /**
   * An activation value read through the 1-1-2 probe network as log p0 − log p1: two
   * probabilities with relative error ≤ (K + 3)·u = 5u each (K = 2) give ≤ 10·u·(1 + |f|) absolute.
   */
  probeValue: (u: number, value: number) => SAFETY * 10 * u * (1 + Math.abs(value)),
  /**
   * Central differences with h = u^(1/3)·max(1,|θ|): truncation h²·|L‴|/6 plus rounding
   * ε_L/h, where ε_L, the rounding error of one loss evaluation, is about n·u·|L| for a loss
   * accumulated over n ≈ 100 terms. Both terms are about u^(2/3) ≈ 2.3e-11 times the loss
   * scale (times n for rounding), so the absolute bound is 100·u^(2/3)·max(1, |L|); a relative
   * 1e-7 on top covers |L‴| up to ~1e4·|L| (saturated units).
   */
  centralDifference: (lossScale: number) => ({
    atol: 100 * U64 ** (2 / 3) * Math.max(1, Math.abs(lossScale)),
    rtol: 1e-7,
  }),
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
  /**
   * A loss recomputed in float64 from an implementation's probabilities vs the loss it reports:
   * the probabilities carry ≤ (K + 3)·u relative error, −log turns that into ≤ 16·u absolute
   * (K ≤ 10) per unit of |L|, and the measured noise σ of its loss adds 3σ.
   */
  sameLoss: (u: number, sigma: number, loss: number) => SAFETY * (3 * sigma + 16 * u * Math.max(1, Math.abs(loss))),
  /**
   * A fitted ratio that names a cause (g₂/g₁ = 2 for a missing 1/N, g/g_ref = N): a defect's
   * ratio is an exact small rational, rounding moves it by ~the gradient tolerance, so 1% is
   * far from both.
   */
  causeRatio: 1e-2,
  /**
   * Telling which known op a user's function is (sigmoid or tanh, which loss a cost is) from
   * its values at a few moderate points. Any float64 formula of these ops is within ~10·u
   * relative; a float32 one within ~10·u32 ≈ 6e-7; an epsilon of up to 1e-7 inside a log at
   * p ≥ 0.05 moves a loss term by ≤ 2e-6 relative. 1e-5 relative (plus 1e-9 absolute for
   * values at 0) accepts all of those and still tells apart every pair of known ops, which
   * differ by more than 1e-2 at the probe points (and a leaky slope of 1e-4 from 0 by 1e-4).
   */
  opIdentification: { atol: 1e-9, rtol: 1e-5 },
  /**
   * A user's activation derivative g(x) against central differences D(h) of the user's own
   * forward f, computed in precision ε (u, or u32 when f returns float32 values), with
   * h = ε^(1/3)·max(1, |x|). Rounding: each f value is off by ≤ 2ε|f|, so D is off by
   * ≤ 2ε·max|f|/h; truncation h²|f‴|/6 is estimated, not assumed, from |D(h) − D(h/2)|·4/3
   * (Richardson); g itself is off by ≤ 4ε|g|; x ± h rounded to the function's precision moves
   * each input by ≤ ε·max(1,|x|), so D by ≤ 2ε·max(1,|x|)·|f'|/h. Each term doubled, plus
   * 1e-9·(1+|D|): a leaky slope of 1e-4 against 0 still stands out by an order in float32.
   */
  derivativeVsForward: (e: {
    eps: number;
    fMax: number;
    h: number;
    richardsonGap: number;
    fd: number;
    g: number;
    x: number;
  }) =>
    (4 * e.eps * e.fMax) / e.h +
    3 * e.richardsonGap +
    8 * e.eps * Math.abs(e.g) +
    1e-9 * (1 + Math.abs(e.fd)) +
    (4 * e.eps * Math.max(1, Math.abs(e.x)) * Math.abs(e.fd)) / e.h,
  /**
   * A user's derivative of a known op (named, e.g. sigmoid_prime, with no forward in the file)
   * against the exact derivative: g in float64 is within ~4·u, in float32 within ~4·u32 ≈ 2.4e-7
   * of f'; 1e-6·(1 + |f'|) admits both and is 1e-2 below any real slip (a, not z; 1 ± s).
   */
  derivativeVsKnown: (exact: number) => 1e-6 * (1 + Math.abs(exact)),
  /**
   * A cost at a true-class probability p ≤ 1e-15 against the exact loss: float64 or float32
   * arithmetic moves −log p (≥ 34.5) by ≤ 1e-6 relative, while an epsilon or clip of 1e-12 or
   * more inside the log moves it by ≥ log(1e3) ≈ 6.9, over 1e-1 relative. 1e-3 sits between.
   */
  clippedLog: { rtol: 1e-3 },
  /**
   * A layer's backward against central differences of its own forward along a direction v,
   * s(t) = ⟨g, f(x + t·v)⟩, step h = u^(1/5) (optimal once Richardson removes the h² term),
   * estimate R = (4·D(h/2) − D(h))/3. What remains of truncation is far below the gap
   * |D(h) − D(h/2)|, which bounds it. Rounding: one s(t) is a sum of n products g_i·f_i, each f_i
   * computed with an inner dimension d, so |δs| ≤ 64·(n + d)·u·‖g‖₁·‖f‖∞ (64 covers exp, the
   * softmax row sums and float32 inputs re-rounded); R combines four values over h, ×3. Plus
   * 16·u·|R| for the comparison itself. u is float32's for float32 layers.
   */
  layerVjp: (o: { u: number; h: number; gap: number; terms: number; gNorm1: number; fMax: number; estimate: number }) =>
    o.gap + (3 * 64 * o.terms * o.u * o.gNorm1 * o.fMax) / o.h + 16 * o.u * Math.abs(o.estimate),
  /**
   * Fused softmax + loss backward vs the pair chained: per row the pair computes
   * p_i·(g_i − Σ_j p_j·g_j) with g = dL/dp, a sum of K terms of size p_j·|g_j| (≤ (K + 2)·u
   * each, Higham's γ), after g itself (one division, u); ×8 for the clipping-free loss's own ops.
   */
  fusedVsPair: (u: number, K: number, rowScale: number) => 8 * (K + 4) * u * rowScale,
  /**
   * An optimizer's θ after t steps vs the rule replayed in float64: each step's update is a few
   * elementwise operations (a square root, a division, two moment updates: ≤ 8 roundings, each
   * relative to the update or to θ), so the error after t steps is ≤ 16·t·u·(|θ| + Σ|Δθ|).
   */
  optimizerStep: (u: number, steps: number, scale: number) => 16 * steps * u * scale,
  /** Float32 unit roundoff, for implementations that compute in float32. */
  float32Unit: U32,
  /**
   * Reading the hidden activation f through the 1-1-2 probe (f(x) = log p0 − log p1 for
   * |x| ≤ 4): a float32 implementation evaluates f, the logits and the softmax each with a
   * relative error of a few u32 on values ≤ 4, so |error| ≤ ~20·4·u32 ≈ 5e-6; 1e-4 leaves 20×
   * room and still separates the candidates (sigmoid, tanh and ReLU differ by ≥ 0.1 at the
   * probe points; a leaky slope s shows as 4·s at x = −4, so slopes ≥ 2.5e-5 are told from 0).
   */
  activationProbe: { atol: 1e-4 },
  /**
   * The batch loss against the mean of the same rows' losses taken one at a time: the same
   * operations on the same numbers, regrouped only in the final mean over N ≤ 8 rows, so the
   * difference is a few roundings of the total, ≤ N·u relative in float64 and ≤ N·u32 ≈ 5e-7
   * in float32, plus one rounding of logits up to ~1e4 (1e4·u32 ≈ 6e-4 absolute in float32).
   * rtol 1e-5 on max(1, |loss|) with atol 1e-3 covers float32; a batch-wide max underflows a
   * row to log 0 (an infinite loss) or shifts it by hundreds.
   */
  lossRowMean: { rtol: 1e-5, atol: 1e-3 },
  /**
   * Two identical loss calls that return different values, as an absolute difference per unit of
   * max(1, |L|). A correct loss whose sums are regrouped between calls (threaded BLAS, a pool of
   * workers adding partial sums as they finish, split-K on a GPU) is each time the exact sum of its
   * terms each perturbed by ≤ γ_n = n·u/(1 − n·u), whatever the order (Higham, Lemma 3.1, §4.2),
   * so two calls differ by ≤ 2·γ_n·Σ|terms|. Nested sums add their lengths (inner products over
   * D and H, a softmax row of K, the mean over N rows) and the penalty sums ≤ P squares; P ≥ D + H + K
   * for a network's parameters, so n = P + N bounds every chain. The terms are ≥ 0 (−log p, θ²), so
   * Σ|terms| = |L|. A logit regrouped over H moves by δ ≤ γ_H·Σ|a||w| and −log p_y by ≤ 2δ·(1 − p_y)
   * ≤ 2δ·ℓ: within the bound while the logits' absolute scale Σ|a||w| stays below P/H ≥ D + K. Each
   * row's log-sum-exp sums exponentials ≤ 1 that hold a 1, so the floor 1. Rows: the batch's N, or up to
   * `rows` when the checker cannot see them (a bare loss/gradient pair). Float64 at n = 1e5: 9e-11;
   * float32 at n = 100: 5e-5. Dropout left on or a call counter moves a loss by ≥ 1e-3 relative.
   */
  nondeterministicLoss: (u: number, parameters: number, rows = 1e4) => {
    const n = parameters + rows;
    return n * u < 1 ? (SAFETY * 2 * n * u) / (1 - n * u) : Infinity;
  },
  /**
   * Calling a fitted relation exact (a pattern's residual, g ≈ c·x entry by entry): a defect's
   * signature is an exact small rational and rounding moves a fit by ~the gradient tolerance
   * (≤ 1e-6 relative at the sizes tested), while a slip that only resembles a pattern leaves a
   * residual of order 1e-2 or more. 1e-4 relative sits between.
   */
  exactFit: { rtol: 1e-4 },
  /**
   * A layer's analytic/numeric VJP ratio named as a batch-size factor or a sign (N, 1/N, −1): both
   * sides are within layerVjp of the truth, ≤ 1e-5 relative even in float32, while N, 1/N (N ≥ 2)
   * and −1 are far apart. 1e-3 relative.
   */
  layerRatio: { rtol: 1e-3 },
  /**
   * A kink within a finite-difference step: on a smooth map the one-sided slopes differ by
   * ~h·|f''| and the two steps' estimates by ~h²·|f'''| (h = ε^(1/3) ≤ 5e-3), below 1e-3·(1 + |f'|)
   * for the ops nncheck knows once the rounding noise (added separately) is counted; a kink moves
   * the slope by its jump times the share of the step past it.
   */
  kink: { rtol: 1e-3 },
  /**
   * nncheck compare, locating the first row whose probabilities differ (an explanation, not a
   * verdict: the verdict used compareBackwardError): probabilities ≤ 1 computed within
   * (K + 3)·u32 ≈ 8e-7 in float32 agree; a batch-wide max or a missing shift moves a row by more.
   */
  explainRow: { atol: 1e-6 },
  /**
   * Which known loss form an implementation's loss equals, from the same probabilities: each form
   * recomputed in float64 is within N·K·u ≈ 1e-13 relative of a loss written that way; the forms
   * differ by an epsilon inside the log (≥ 1e-8) or by a factor. 1e-9 on max(1, |loss|).
   */
  lossForm: { rtol: 1e-9 },
  /**
   * A scale factor k with yours ≈ k·expected fitted over a whole tensor: a gradient off by a
   * constant factor matches it to its own rounding (≤ 1e-7 relative in float32 at the sizes
   * compare uses); any other error leaves a residual of its own size. 1e-6 of the tensor's scale.
   */
  scaleFactorFit: { rtol: 1e-6 },
  /**
   * A user's gradient named as a known variant of the reference (a ReLU mask from X·W1 without
   * the bias): the variant must be closer to it than 1e-3 of the reference's distance. Both
   * computations carry rounding of ≤ ~1e-6 relative even in float32, while the variant and the
   * reference differ by whole rows' contributions (order 1e-2 relative or more); another defect
   * leaves a distance to the variant of the same order as to the reference.
   */
  variantMatch: { rtol: 1e-3 },
  /**
   * The same float64 function called twice on the same values arranged otherwise (transposed,
   * split into rows): elementwise ops return bit-identical values and row ops regroup sums of a few
   * terms (≤ 8·u ≈ 1e-15 relative), while a function that mixes rows or columns changes values
   * at order 1. 1e-12 relative.
   */
  sameOutputs: { rtol: 1e-12 },
  /**
   * A loss computed in float64 lands within ~K·u ≈ 1e-15 relative of the exact value at the probe
   * points; float32 inside moves it by ≥ u32 ≈ 6e-8. 1e-12 relative tells the two apart.
   */
  float64Loss: { rtol: 1e-12 },
  /**
   * Naming a Python layer class by its output at the probe points (src/impl/python/
   * nncheck_layer_roles.py cannot import this table; budget.test.ts checks it uses these values):
   * float32 layers are within ~4·u32 ≈ 2.4e-7 relative of the float64 formulas, the known
   * activations differ by ≥ 1e-2 at the probe points, a softmax row sums to 1 within K·u32.
   */
  layerRole: { rtol: 1e-4, atol: 1e-6, rowSumAtol: 1e-5 },
  /**
   * nncheck's own kernels against the naive triple loop, in its tests (inner dimension k ≤ 784,
   * N(0,1) entries): the same k products summed in another order; random-sign rounding errors
   * grow like √k·u·√Σ(a·b)² (Higham §2.8), ≈ 28·1.1e-16·28 ≈ 1e-13 for k = 784, so 1e-12
   * absolute plus relative leaves 10× room; a wrong index or a missed tile edge is off by order 1.
   */
  kernelVsNaive: { atol: 1e-12, rtol: 1e-12 },
  /**
   * The mean of a standardised column, in tests: Σ(x − μ)/σ over n ≤ 200 rows with |z| ≤ 5 rounds
   * to ≤ n·u·5 ≈ 1e-13; a statistic taken from the wrong rows is off by order 1e-2.
   */
  standardisedMean: { atol: 1e-12 },
  /**
   * An activation's derivative against a central difference with h = 1e-6 at |x| ≤ 2.3, in tests:
   * truncation h²·|f‴|/6 ≤ 3.4e-13 (|f‴| ≤ 2), rounding of f(x ± h) and of x ± h adds
   * ≤ 2u·(|f| + |x|·|f'|)/h ≈ 8e-10; 1e-8 leaves 10×, a wrong derivative is off by ≥ 1e-2.
   */
  activationCentralDifference: { atol: 1e-8 },
} as const;
