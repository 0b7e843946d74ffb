import { type Matrix, zeros } from '../../src/core/matrix.ts';
import { createRng } from '../../src/random/rng.ts';

export function randomMatrix(rows: number, cols: number, seed: number | string, scale = 1): Matrix {
  const rng = createRng(`test/${seed}`);
  const m = zeros(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = scale * rng.normal();
  return m;
}

export function naiveMatmul(A: Matrix, B: Matrix): Matrix {
  const C = zeros(A.rows, B.cols);
  for (let i = 0; i < A.rows; i++)
    for (let j = 0; j < B.cols; j++) {
      let s = 0;
      for (let p = 0; p < A.cols; p++) s += A.data[i * A.cols + p] * B.data[p * B.cols + j];
      C.data[i * B.cols + j] = s;
    }
  return C;
}
