import { GEMM_WASM_BASE64 } from './gemm-bytes.ts';

interface GemmExports {
  memory: WebAssembly.Memory;
  gemm(rs: number, ps: number, m4: number, n4: number, n: number, k: number, A: number, B: number, C: number): void;
}

let kernel: GemmExports | null | undefined;
/** A view of linear memory, re-made only when the memory grows. */
let view = new Float64Array(0);

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (then the JS kernels serve). */
function load(): GemmExports | null {
  if (kernel !== undefined) return kernel;
  try {
    const mod = new WebAssembly.Module(Buffer.from(GEMM_WASM_BASE64, 'base64'));
    kernel = new WebAssembly.Instance(mod).exports as unknown as GemmExports;
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * The 4-aligned block of C = op(A)·B computed by the f64x2 kernel: copies A and B into linear
 * memory (grown once to the largest product seen, then reused), runs, copies the block back.
 * Returns false when the kernel is unavailable or the block is empty. Each entry is summed in
 * the same order as the JS kernels (p = 0..k−1), so both give bit-identical results.
 */
export function wasmGemmBlock(
  transA: boolean,
  m: number,
  n: number,
  k: number,
  A: Float64Array,
  B: Float64Array,
  C: Float64Array,
  accumulate: boolean,
): boolean {
  const m4 = m - (m % 4),
    n4 = n - (n % 4);
  const w = load();
  if (!w || m4 === 0 || n4 === 0 || k === 0) return false;
  const lenA = m * k,
    lenB = k * n,
    lenC = m * n;
  const need = 8 * (lenA + lenB + lenC);
  const have = w.memory.buffer.byteLength;
  if (need > have) w.memory.grow(Math.ceil((need - have) / 65536));
  if (view.buffer !== w.memory.buffer) view = new Float64Array(w.memory.buffer);
  const mem = view;
  mem.set(A.subarray(0, lenA), 0);
  mem.set(B.subarray(0, lenB), lenA);
  const offC = lenA + lenB;
  w.gemm(transA ? 1 : k, transA ? m : 1, m4, n4, n, k, 0, 8 * lenA, 8 * offC);
  for (let i = 0; i < m4; i++) {
    const src = offC + i * n;
    if (accumulate) {
      for (let j = 0; j < n4; j++) C[i * n + j] += mem[src + j];
    } else {
      C.set(mem.subarray(src, src + n4), i * n);
    }
  }
  return true;
}
