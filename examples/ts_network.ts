/**
 * A correct one-hidden-layer classifier in TypeScript, written to nncheck's contract with
 * plain number[][] arrays.   npx nncheck check examples/ts_network.ts
 */
type M = number[][];

export const activation = 'tanh';
export const layout = 'separate';

// A small seeded generator (mulberry32), so initParams is reproducible without Math.random.
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const matmul = (A: M, B: M): M => A.map((row) => B[0].map((_, j) => row.reduce((s, x, k) => s + x * B[k][j], 0)));
const T = (A: M): M => A[0].map((_, j) => A.map((row) => row[j]));
const addRow = (A: M, b: number[]): M => A.map((row) => row.map((x, j) => x + b[j]));
const colSum = (A: M): number[] => A[0].map((_, j) => A.reduce((s, row) => s + row[j], 0));

function logSoftmax(Z: M): M {
  return Z.map((row) => {
    const m = Math.max(...row);
    const lse = Math.log(row.reduce((s, z) => s + Math.exp(z - m), 0));
    return row.map((z) => z - m - lse);
  });
}

export function initParams(D: number, H: number, K: number, seed: number): M[] {
  const r = rng(seed);
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return Array.from({ length: fanIn }, () => Array.from({ length: fanOut }, () => limit * (2 * r() - 1)));
  };
  return [glorot(D, H), [new Array(H).fill(0)], glorot(H, K), [new Array(K).fill(0)]];
}

function hidden([W1, b1]: M[], X: M) {
  const A = addRow(matmul(X, W1), b1[0]).map((row) => row.map(Math.tanh));
  return A;
}

export function forward(params: M[], X: M): M {
  const A = hidden(params, X);
  return logSoftmax(addRow(matmul(A, params[2]), params[3][0])).map((row) => row.map(Math.exp));
}

export function loss(params: M[], X: M, Y: M, lam: number): number {
  const n = X.length;
  const logp = logSoftmax(addRow(matmul(hidden(params, X), params[2]), params[3][0]));
  let s = 0;
  logp.forEach((row, i) =>
    row.forEach((v, j) => {
      if (Y[i][j] !== 0) s -= Y[i][j] * v;
    }),
  );
  const sq = [params[0], params[2]].flat(2).reduce((a, w) => a + w * w, 0);
  return s / n + (lam / (2 * n)) * sq;
}

export function gradients(params: M[], X: M, Y: M, lam: number): M[] {
  const [W1, , W2] = params;
  const n = X.length;
  const A = hidden(params, X);
  const P = forward(params, X);
  const d2 = P.map((row, i) => row.map((p, j) => (p - Y[i][j]) / n));
  const dA = matmul(d2, T(W2));
  const dZ = dA.map((row, i) => row.map((g, j) => g * (1 - A[i][j] * A[i][j])));
  const reg = (G: M, W: M) => G.map((row, i) => row.map((g, j) => g + (lam / n) * W[i][j]));
  return [reg(matmul(T(X), dZ), W1), [colSum(dZ)], reg(matmul(T(A), d2), W2), [colSum(d2)]];
}
