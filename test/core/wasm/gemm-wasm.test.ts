import { describe, it, expect, afterEach } from 'vitest';
import { GEMM_WASM_BASE64 } from '../../../src/core/wasm/gemm-bytes.ts';
import { gemmNN, gemmTN, kernelOptions } from '../../../src/core/kernels.ts';
import { randomMatrix, naiveMatmul } from '../../helpers/random-matrix.ts';
import { transpose } from '../../../src/core/matrix.ts';
import { TOLERANCES } from '../../../src/core/tolerances.ts';
// @ts-expect-error: a plain .mjs build script without type declarations
import { assemble } from '../../../scripts/build-wasm.mjs';

afterEach(() => {
  kernelOptions.wasm = true;
});

function both(f: () => Float64Array): [Float64Array, Float64Array] {
  kernelOptions.wasm = true;
  const withWasm = f();
  kernelOptions.wasm = false;
  const jsOnly = f();
  return [withWasm, jsOnly];
}

describe('the WebAssembly SIMD gemm kernel', () => {
  it('is exactly what gemm.wat assembles to', async () => {
    expect(await assemble()).toBe(GEMM_WASM_BASE64);
  });
  for (const [m, k, n] of [
    [32, 40, 36],
    [64, 784, 128],
    [37, 50, 41],
    [33, 33, 35],
  ]) {
    const size = `${m}x${k}x${n}, edges included`;
    it(`gives bit-identical results to the JS kernels and matches the naive product (${size})`, () => {
      const A = randomMatrix(m, k, `wa${m}`),
        B = randomMatrix(k, n, `wb${n}`),
        At = transpose(A);
      const [w, j] = both(() => {
        const C = new Float64Array(m * n);
        gemmNN(m, n, k, A.data, B.data, C);
        return C;
      });
      expect(Array.from(w)).toEqual(Array.from(j));
      const [wt, jt] = both(() => {
        const C = new Float64Array(m * n).fill(1);
        gemmTN(m, n, k, At.data, B.data, C, true);
        return C;
      });
      expect(Array.from(wt)).toEqual(Array.from(jt));
      const ref = naiveMatmul(A, B);
      ref.data.forEach((v, i) => {
        const tol = TOLERANCES.kernelVsNaive.atol + TOLERANCES.kernelVsNaive.rtol * Math.abs(v);
        expect(Math.abs(w[i] - v)).toBeLessThanOrEqual(tol);
        expect(Math.abs(wt[i] - (v + 1))).toBeLessThanOrEqual(tol);
      });
    });
  }
});
