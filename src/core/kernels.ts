import { wasmGemmBlock } from './wasm/gemm-wasm.ts';

/**
 * Unchecked, allocation-free float64 kernels on flat row-major buffers.
 * Callers (src/core/linalg.ts) validate shapes; these trust them. The matrix products are
 * register blocked because V8 does not vectorise: reuse in registers is what makes them fast;
 * large products run in a WebAssembly f64x2 kernel (src/core/wasm/gemm.wat).
 */

/** Multiply-adds from which the SIMD kernel pays for its copies (measured: ~4 µs of copying). */
export const WASM_MIN_WORK = 32 * 32 * 32;

/** Switches the SIMD kernel off (tests and benchmarks compare the two paths). */
export const kernelOptions = { wasm: true };

/**
 * C(m×n) = op(A)·B, or C += op(A)·B when accumulate. op(A) is A (m×k, row stride k) when
 * transA is false and Aᵀ for A stored k×m otherwise. 4×4 output tiles are accumulated in 16
 * locals over the whole inner dimension, so each step loads 4 values of A and 4 of B for 16
 * multiply-adds and C is touched once per tile.
 */
function gemm(
  transA: boolean,
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
): void {
  // Element A(i, p) of op(A) sits at i*rs + p*ps.
  const rs = transA ? 1 : k,
    ps = transA ? m : 1;
  const m4 = m - (m % 4),
    n4 = n - (n % 4);
  // Large products go to the WebAssembly SIMD kernel (3× faster); copying in and out costs
  // O(mk + kn + mn), so small ones stay in JS.
  const wasmDone =
    kernelOptions.wasm && m * n * k >= WASM_MIN_WORK && wasmGemmBlock(transA, m, n, k, A, B, C, accumulate);
  for (let j = 0; !wasmDone && j < n4; j += 4) {
    for (let i = 0; i < m4; i += 4) {
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      let a = i * rs,
        b = j;
      const r1 = rs,
        r2 = 2 * rs,
        r3 = 3 * rs;
      for (let p = 0; p < k; p++, a += ps, b += n) {
        const y0 = B[b],
          y1 = B[b + 1],
          y2 = B[b + 2],
          y3 = B[b + 3];
        let x = A[a];
        c00 += x * y0;
        c01 += x * y1;
        c02 += x * y2;
        c03 += x * y3;
        x = A[a + r1];
        c10 += x * y0;
        c11 += x * y1;
        c12 += x * y2;
        c13 += x * y3;
        x = A[a + r2];
        c20 += x * y0;
        c21 += x * y1;
        c22 += x * y2;
        c23 += x * y3;
        x = A[a + r3];
        c30 += x * y0;
        c31 += x * y1;
        c32 += x * y2;
        c33 += x * y3;
      }
      let c = i * n + j;
      if (accumulate) {
        C[c] += c00;
        C[c + 1] += c01;
        C[c + 2] += c02;
        C[c + 3] += c03;
        c += n;
        C[c] += c10;
        C[c + 1] += c11;
        C[c + 2] += c12;
        C[c + 3] += c13;
        c += n;
        C[c] += c20;
        C[c + 1] += c21;
        C[c + 2] += c22;
        C[c + 3] += c23;
        c += n;
        C[c] += c30;
        C[c + 1] += c31;
        C[c + 2] += c32;
        C[c + 3] += c33;
      } else {
        C[c] = c00;
        C[c + 1] = c01;
        C[c + 2] = c02;
        C[c + 3] = c03;
        c += n;
        C[c] = c10;
        C[c + 1] = c11;
        C[c + 2] = c12;
        C[c + 3] = c13;
        c += n;
        C[c] = c20;
        C[c + 1] = c21;
        C[c + 2] = c22;
        C[c + 3] = c23;
        c += n;
        C[c] = c30;
        C[c + 1] = c31;
        C[c + 2] = c32;
        C[c + 3] = c33;
      }
    }
  }
  // Edges: the last m % 4 rows (all columns) and the last n % 4 columns of the other rows.
  gemmEdge(rs, ps, m4, m, 0, n, n, k, A, B, C, accumulate);
  gemmEdge(rs, ps, 0, m4, n4, n, n, k, A, B, C, accumulate);
}

function gemmEdge(
  rs: number,
  ps: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      for (let p = 0, a = i * rs, b = j; p < k; p++, a += ps, b += n) s += A[a] * B[b];
      C[i * n + j] = accumulate ? C[i * n + j] + s : s;
    }
  }
}

/** C(m×n) = A(m×k)·B(k×n), or C += A·B when accumulate. */
export function gemmNN(
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate = false,
): void {
  gemm(false, m, n, k, A, B, C, accumulate);
}

/** C(m×n) = Aᵀ·B with A stored k×m and B k×n, without forming Aᵀ. */
export function gemmTN(
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate = false,
): void {
  gemm(true, m, n, k, A, B, C, accumulate);
}

/** C(m×n) = A·Bᵀ with A m×k and B stored n×k: row-by-row dot products. */
export function gemmNT(
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate = false,
): void {
  for (let i = 0; i < m; i++) {
    const a = i * k;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const b0 = j * k,
        b1 = b0 + k;
      let s0 = 0,
        s1 = 0;
      for (let p = 0; p < k; p++) {
        const x = A[a + p];
        s0 += x * B[b0 + p];
        s1 += x * B[b1 + p];
      }
      if (accumulate) {
        C[i * n + j] += s0;
        C[i * n + j + 1] += s1;
      } else {
        C[i * n + j] = s0;
        C[i * n + j + 1] = s1;
      }
    }
    for (; j < n; j++) {
      const b0 = j * k;
      let s0 = 0;
      for (let p = 0; p < k; p++) s0 += A[a + p] * B[b0 + p];
      C[i * n + j] = accumulate ? C[i * n + j] + s0 : s0;
    }
  }
}

/** Adds the length-n vector v to each of the m rows of C in place. */
export function addRowVector(m: number, n: number, C: Float64Array, v: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const c = i * n;
    for (let j = 0; j < n; j++) C[c + j] += v[j];
  }
}

/** out[j] = Σ_i A[i, j] (column sums, e.g. a bias gradient). */
export function sumRows(m: number, n: number, A: Float64Array, out: Float64Array): void {
  out.fill(0, 0, n);
  for (let i = 0; i < m; i++) {
    const a = i * n;
    for (let j = 0; j < n; j++) out[j] += A[a + j];
  }
}

/** out[i] = max_j A[i, j]. */
export function rowMax(m: number, n: number, A: Float64Array, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const a = i * n;
    let best = -Infinity;
    for (let j = 0; j < n; j++) if (A[a + j] > best || Number.isNaN(A[a + j])) best = A[a + j];
    out[i] = best;
  }
}

/** out[i] = Σ_j A[i, j]. */
export function rowSum(m: number, n: number, A: Float64Array, out: Float64Array): void {
  for (let i = 0; i < m; i++) {
    const a = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += A[a + j];
    out[i] = s;
  }
}

export function map(len: number, src: Float64Array, dst: Float64Array, f: (x: number) => number): void {
  for (let i = 0; i < len; i++) dst[i] = f(src[i]);
}

/** y += alpha·x */
export function axpy(len: number, alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < len; i++) y[i] += alpha * x[i];
}

export function dot(len: number, x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += x[i] * y[i];
  return s;
}
