import { describe, it, expect } from 'vitest';
import { matmul, matmulTN, matmulNT, addBiasInPlace, sumOverRows, rowMaxes } from '../../src/core/linalg.ts';
import { fromRows, transpose, ShapeError, toRows, zeros } from '../../src/core/matrix.ts';
import { allClose } from '../../src/core/allclose.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { randomMatrix, naiveMatmul } from '../helpers/random-matrix.ts';

const tol = TOLERANCES.kernelVsNaive;

describe('matmul kernels', () => {
  it('computes a hand-checked product', () => {
    const A = fromRows([
        [1, 2],
        [3, 4],
      ]),
      B = fromRows([
        [5, 6],
        [7, 8],
      ]);
    expect(toRows(matmul(A, B))).toEqual([
      [19, 22],
      [43, 50],
    ]);
  });
  for (const [m, k, n] of [
    [1, 1, 1],
    [3, 5, 2],
    [4, 4, 4],
    [7, 9, 13],
    [64, 33, 10],
  ]) {
    it(`A·B, AᵀB and ABᵀ agree with the naive product for ${m}x${k}x${n}`, () => {
      const A = randomMatrix(m, k, `a${m}${k}`),
        B = randomMatrix(k, n, `b${k}${n}`);
      const ref = naiveMatmul(A, B);
      expect(allClose(matmul(A, B).data, ref.data, tol)).toBe(true);
      expect(allClose(matmulTN(transpose(A), B).data, ref.data, tol)).toBe(true);
      expect(allClose(matmulNT(A, transpose(B)).data, ref.data, tol)).toBe(true);
    });
  }
  it('writes into a supplied output without allocating a new one', () => {
    const A = randomMatrix(5, 3, 1),
      B = randomMatrix(3, 4, 2),
      out = zeros(5, 4);
    expect(matmul(A, B, out)).toBe(out);
  });
});

describe('checked boundary', () => {
  it('names the operation, the argument and both shapes', () => {
    const A = zeros(2, 3),
      B = zeros(4, 5);
    expect(() => matmul(A, B)).toThrow(ShapeError);
    expect(() => matmul(A, B)).toThrow(/matmul: argument 'B' has shape 4x5, expected 3x\? to match A 2x3/);
    expect(() => matmulTN(A, B)).toThrow(/matmulTN: argument 'B' has shape 4x5/);
    expect(() => matmulNT(A, B)).toThrow(/matmulNT: argument 'B' has shape 4x5/);
    expect(() => addBiasInPlace(A, zeros(1, 2))).toThrow(/addBias: argument 'b' has shape 1x2, expected 1x3/);
    expect(() => matmul(zeros(2, 2), zeros(2, 2), zeros(3, 3))).toThrow(/argument 'out' has shape 3x3, expected 2x2/);
  });
  it('rejects ragged rows with the row number', () => {
    expect(() => fromRows([[1, 2], [3]], 'X')).toThrow(/X: row 1 has 1 values, row 0 has 2/);
  });
});

describe('reductions and bias', () => {
  it('adds a bias row, sums columns, takes row maxima', () => {
    const C = fromRows([
      [1, 2],
      [3, 4],
    ]);
    addBiasInPlace(C, fromRows([[10, 20]]));
    expect(toRows(C)).toEqual([
      [11, 22],
      [13, 24],
    ]);
    expect(Array.from(sumOverRows(C).data)).toEqual([24, 46]);
    expect(
      Array.from(
        rowMaxes(
          fromRows([
            [1, 5, 2],
            [-3, -1, -2],
          ]),
        ),
      ),
    ).toEqual([5, -1]);
  });
});
