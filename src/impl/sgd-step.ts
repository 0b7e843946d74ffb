import type { Matrix } from '../core/matrix.ts';

/**
 * The two pieces of nncheck's SGD loop that must read the same wherever the loop runs (sgd.ts
 * call by call, or next to a TypeScript implementation in its own process), so that both give
 * the same parameters bit for bit.
 */

/** The rows of the mini-batch at row offset `s` of an epoch's order of `n` rows (the last one may be short). */
export const batchRows = (order: Int32Array, s: number, batchSize: number, n: number): Int32Array =>
  order.subarray(s, Math.min(n, s + batchSize));

/** The update p −= lr · g, entry by entry in float64, in place. */
export function applyStep(params: Matrix[], g: Matrix[], lr: number): void {
  params.forEach((p, i) => {
    const gd = g[i].data;
    for (let j = 0; j < p.data.length; j++) p.data[j] -= lr * gd[j];
  });
}
