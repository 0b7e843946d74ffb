/**
 * Unchecked, allocation-free float64 kernels on flat row-major buffers.
 * Callers (src/core/linalg.ts) validate shapes; these trust them. Hot loops are register
 * blocked (four output rows share each load of B) because V8 does not vectorise.
 */

/** C(m×n) = A(m×k)·B(k×n), or C += A·B when accumulate. */
export function gemmNN(m: number, n: number, k: number, A: Float64Array, B: Float64Array, C: Float64Array, accumulate = false): void {
  if (!accumulate) C.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    const a0 = i * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    for (let p = 0; p < k; p++) {
      const x0 = A[a0 + p], x1 = A[a1 + p], x2 = A[a2 + p], x3 = A[a3 + p];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const b = p * n;
      for (let j = 0; j < n; j++) {
        const y = B[b + j];
        C[c0 + j] += x0 * y;
        C[c1 + j] += x1 * y;
        C[c2 + j] += x2 * y;
        C[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < m; i++) {
    const c0 = i * n, a0 = i * k;
    for (let p = 0; p < k; p++) {
      const x0 = A[a0 + p];
      if (x0 === 0) continue;
      const b = p * n;
      for (let j = 0; j < n; j++) C[c0 + j] += x0 * B[b + j];
    }
  }
}

/** C(m×n) = Aᵀ·B with A stored k×m and B k×n, without forming Aᵀ. */
export function gemmTN(m: number, n: number, k: number, A: Float64Array, B: Float64Array, C: Float64Array, accumulate = false): void {
  if (!accumulate) C.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
    for (let p = 0; p < k; p++) {
      const a = p * m + i;
      const x0 = A[a], x1 = A[a + 1], x2 = A[a + 2], x3 = A[a + 3];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const b = p * n;
      for (let j = 0; j < n; j++) {
        const y = B[b + j];
        C[c0 + j] += x0 * y;
        C[c1 + j] += x1 * y;
        C[c2 + j] += x2 * y;
        C[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < m; i++) {
    const c0 = i * n;
    for (let p = 0; p < k; p++) {
      const x0 = A[p * m + i];
      if (x0 === 0) continue;
      const b = p * n;
      for (let j = 0; j < n; j++) C[c0 + j] += x0 * B[b + j];
    }
  }
}

/** C(m×n) = A·Bᵀ with A m×k and B stored n×k: row-by-row dot products. */
export function gemmNT(m: number, n: number, k: number, A: Float64Array, B: Float64Array, C: Float64Array, accumulate = false): void {
  for (let i = 0; i < m; i++) {
    const a = i * k;
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s0 = 0, s1 = 0;
      for (let p = 0; p < k; p++) {
        const x = A[a + p];
        s0 += x * B[b0 + p];
        s1 += x * B[b1 + p];
      }
      if (accumulate) { C[i * n + j] += s0; C[i * n + j + 1] += s1; } else { C[i * n + j] = s0; C[i * n + j + 1] = s1; }
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
