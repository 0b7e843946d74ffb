/**
 * A high-precision oracle (decimal.js, 60 significant digits; what mathjs's BigNumber wraps) for softmax, log-softmax,
 * cross-entropy and a whole MLP forward pass plus loss. Float64 inputs are converted exactly
 * (mantissa·2^exponent), so the only error left is the oracle's own, ~1e-60.
 */
import { Decimal } from 'decimal.js';
import type { Matrix } from '../core/matrix.ts';
import type { MlpConfig, MlpParams } from '../nn/mlp.ts';
import { DEFAULT_LEAKY_SLOPE } from '../ops/leaky-relu.ts';

export const ORACLE_DIGITS = 60;
type BigNumber = Decimal;
const BigDecimal = Decimal.clone({ precision: ORACLE_DIGITS });
const big = (s: number | string): BigNumber => new BigDecimal(s);
const ZERO = big(0),
  ONE = big(1),
  TWO = big(2);

/** The exact value of a finite double as a BigNumber. */
export function exactBig(x: number): BigNumber {
  if (!Number.isFinite(x)) throw new Error(`oracle: input ${x} is not finite`);
  if (x === 0 || (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER)) return big(x);
  let e = Math.floor(Math.log2(Math.abs(x))) - 52;
  e = Math.max(e, -1074);
  let m = x / 2 ** e;
  // log2 can be off by one near powers of two; fix so m is an integer.
  while (!Number.isInteger(m)) {
    e -= 1;
    m = x / 2 ** e;
  }
  return big(m).times(TWO.pow(e));
}

export type BigRow = BigNumber[];

const toBig = (m: Matrix): BigRow[] =>
  Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols), exactBig));

function bigMax(row: BigRow): BigNumber {
  return row.reduce((a, b) => (b.gt(a) ? b : a));
}

export function bigLogSoftmaxRows(z: BigRow[]): BigRow[] {
  return z.map((row) => {
    const m = bigMax(row);
    const s = row.reduce((acc, v) => acc.plus(v.minus(m).exp()), ZERO);
    const lse = m.plus(s.ln());
    return row.map((v) => v.minus(lse));
  });
}

export const oracleLogSoftmax = (z: Matrix): BigRow[] => bigLogSoftmaxRows(toBig(z));
export const oracleSoftmax = (z: Matrix): BigRow[] => oracleLogSoftmax(z).map((row) => row.map((v) => v.exp()));

function bigCrossEntropy(z: BigRow[], y: Matrix): BigNumber {
  const logp = bigLogSoftmaxRows(z);
  let total = ZERO;
  for (let i = 0; i < logp.length; i++) {
    for (let j = 0; j < logp[i].length; j++) {
      const t = y.data[i * y.cols + j];
      if (t !== 0) total = total.minus(exactBig(t).times(logp[i][j]));
    }
  }
  return total.div(logp.length);
}

export const oracleCrossEntropy = (z: Matrix, y: Matrix): BigNumber => bigCrossEntropy(toBig(z), y);

function activate(name: MlpConfig['activation'], v: BigNumber, slope: BigNumber): BigNumber {
  switch (name) {
    case 'sigmoid':
      return ONE.div(ONE.plus(v.neg().exp()));
    case 'relu':
      return v.gt(ZERO) ? v : ZERO;
    case 'leaky_relu':
      return v.gt(ZERO) ? v : v.times(slope);
    case 'tanh':
      return v.tanh();
  }
}

/** Forward pass and loss (mean cross-entropy + λ/(2N)ΣW²) of the reference MLP in BigNumber. */
export function oracleMlp(
  config: MlpConfig,
  params: MlpParams,
  X: Matrix,
  Y: Matrix,
  lam = 0,
): { logits: BigRow[]; probs: BigRow[]; loss: BigNumber } {
  const slope = exactBig(config.leakySlope ?? DEFAULT_LEAKY_SLOPE);
  let a = toBig(X);
  const L = params.weights.length;
  for (let l = 0; l < L; l++) {
    const W = toBig(params.weights[l]),
      b = toBig(params.biases[l])[0];
    const z = a.map((row) => b.map((bj, j) => row.reduce((acc, x, p) => acc.plus(x.times(W[p][j])), bj)));
    a = l < L - 1 ? z.map((row) => row.map((v) => activate(config.activation, v, slope))) : z;
  }
  let loss = bigCrossEntropy(a, Y);
  if (lam !== 0) {
    let s = ZERO;
    for (const w of params.weights) for (const v of w.data) s = s.plus(exactBig(v).pow(2));
    loss = loss.plus(
      exactBig(lam)
        .div(2 * X.rows)
        .times(s),
    );
  }
  const probs = bigLogSoftmaxRows(a).map((row) => row.map((v) => v.exp()));
  return { logits: a, probs, loss };
}

/** Relative error of a float64 against the oracle value: |x − t| / |t| (absolute when t = 0). */
export function relErrorVsBig(x: number, t: BigNumber): number {
  const d = exactBig(x).minus(t).abs();
  return t.isZero() ? d.toNumber() : d.div(t.abs()).toNumber();
}
