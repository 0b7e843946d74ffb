/**
 * The magnitudes a rounding-error bound needs, computed in float64 from the same parameters
 * and inputs the implementation is given: per row, the largest |logit| and a bound on the
 * absolute error of the implementation's logits; per gradient entry, its absolute scale (the
 * backward pass run on absolute values). Tolerances (src/core/tolerances.ts) turn these into
 * bounds at the implementation's unit roundoff u.
 */
import { type Matrix, zeros } from '../src/core/matrix.ts';
import { fromLayout, toLayout } from '../src/nn/layouts.ts';
import { getActivation } from '../src/ops/activations.ts';
import { flatten } from '../src/impl/objective.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';

export interface Magnitudes {
  maxAbsLogit: number[];
  /** Absolute error bound of each row's logits, for unit roundoff u. */
  logitError: number[];
  /** |gradient| scale per entry, flattened in the implementation's layout (λ = 0). */
  gradientScale: Float64Array;
}

/** C = |A|·|B| (or A·B when abs is false), with an optional row vector added. */
function product(A: Matrix, B: Matrix, abs: boolean, bias?: Matrix): Matrix {
  const C = zeros(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < B.cols; j++) {
      let s = bias ? (abs ? Math.abs(bias.data[j]) : bias.data[j]) : 0;
      for (let k = 0; k < A.cols; k++) {
        const x = A.data[i * A.cols + k],
          w = B.data[k * B.cols + j];
        s += abs ? Math.abs(x * w) : x * w;
      }
      C.data[i * C.cols + j] = s;
    }
  return C;
}

const map = (m: Matrix, f: (x: number, i: number) => number): Matrix => ({
  rows: m.rows,
  cols: m.cols,
  data: m.data.map(f),
});
const transpose = (m: Matrix): Matrix => {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j];
  return t;
};
const columnSums = (m: Matrix): Matrix => {
  const s = zeros(1, m.cols);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) s.data[j] += m.data[i * m.cols + j];
  return s;
};

export function magnitudes(impl: NetworkImplementation, params: Matrix[], X: Matrix, Y: Matrix, u: number): Magnitudes {
  const {
    weights: [W1, W2],
    biases: [b1, b2],
  } = fromLayout(params, impl.layout);
  const act = getActivation(impl.activation, impl.leakySlope);
  const D = X.cols,
    H = W1.cols,
    K = W2.cols,
    N = X.rows;
  const z1 = product(X, W1, false, b1),
    absZ1 = product(X, W1, true, b1);
  // Piecewise-linear units are 1-Lipschitz; smooth ones pass an input error on by |f'(z)|.
  const smooth = impl.activation === 'sigmoid' || impl.activation === 'tanh';
  const a1 = map(z1, (z) => act.f(z));
  const lip = map(z1, (z, i) => (smooth ? Math.abs(act.df(z, a1.data[i])) : 1));
  // Inputs and parameters rounded to the precision, then D + 1 accumulations: (D + 3)·u·|x||W1|.
  const errA1 = map(absZ1, (s, i) => lip.data[i] * (D + 3) * u * s + u * Math.abs(a1.data[i]));
  const z2 = product(a1, W2, false, b2),
    absZ2 = product(a1, W2, true, b2),
    carried = product(errA1, W2, true);
  const maxAbsLogit: number[] = [],
    logitError: number[] = [];
  for (let i = 0; i < N; i++) {
    let big = 0,
      err = 0;
    for (let k = 0; k < K; k++) {
      const j = i * K + k;
      big = Math.max(big, Math.abs(z2.data[j]));
      err = Math.max(err, (H + 3) * u * absZ2.data[j] + carried.data[j]);
    }
    maxAbsLogit.push(big);
    logitError.push(err);
  }
  // |δ2| ≤ (|p| + |y|)/N; the hidden values enter with their error band (|a| + Lip·|x||W1|).
  const P = softmaxRows(z2);
  const G2 = map(P, (p, i) => (Math.abs(p) + Math.abs(Y.data[i])) / N);
  const A1 = map(a1, (a, i) => Math.abs(a) + lip.data[i] * absZ1.data[i]);
  const G1 = map(
    product(G2, transpose(W2), true),
    (g, i) => g * (smooth ? lip.data[i] : Math.max(1, Math.abs(impl.leakySlope ?? 0))),
  );
  const absX = map(X, Math.abs);
  const scale = toLayout(
    {
      weights: [product(transpose(absX), G1, false), product(transpose(A1), G2, false)],
      biases: [columnSums(G1), columnSums(G2)],
    },
    impl.layout,
  );
  return { maxAbsLogit, logitError, gradientScale: flatten(scale) };
}

function softmaxRows(z: Matrix): Matrix {
  const p = zeros(z.rows, z.cols);
  for (let i = 0; i < z.rows; i++) {
    const row = z.data.subarray(i * z.cols, (i + 1) * z.cols);
    const m = Math.max(...row);
    let s = 0;
    for (let j = 0; j < z.cols; j++) s += p.data[i * z.cols + j] = Math.exp(row[j] - m);
    for (let j = 0; j < z.cols; j++) p.data[i * z.cols + j] /= s;
  }
  return p;
}
