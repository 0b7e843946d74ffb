import { type Matrix, zeros } from '../core/matrix.ts';

/**
 * Row-wise softmax. Each row subtracts its own maximum, so no row underflows against another
 * row's larger logits and no exp overflows.
 */
export function softmax(z: Matrix, out: Matrix = zeros(z.rows, z.cols)): Matrix {
  const { rows, cols } = z;
  const zd = z.data,
    od = out.data;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let m = -Infinity;
    for (let j = 0; j < cols; j++) if (zd[o + j] > m) m = zd[o + j];
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(zd[o + j] - m);
      od[o + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < cols; j++) od[o + j] *= inv;
  }
  return out;
}

/**
 * Backward of softmax for an arbitrary upstream gradient:
 * dz_ij = p_ij (dp_ij − Σ_k dp_ik p_ik). (Cross-entropy fuses this into p − y.)
 */
export function softmaxBackward(p: Matrix, dp: Matrix, out: Matrix = zeros(p.rows, p.cols)): Matrix {
  const { rows, cols } = p;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += dp.data[o + j] * p.data[o + j];
    for (let j = 0; j < cols; j++) out.data[o + j] = p.data[o + j] * (dp.data[o + j] - s);
  }
  return out;
}
