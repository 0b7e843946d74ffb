import type { Matrix } from '../core/matrix.ts';
import { sumSquares } from '../core/linalg.ts';
import { axpy } from '../core/kernels.ts';

/**
 * The reference L2 convention: λ/(2N)·Σ W² over weight matrices only, biases excluded, as in
 * hand-written NumPy networks that add `lam/(2*m) * sum(theta**2)` to the mean loss.
 */
export function l2Penalty(weights: readonly Matrix[], lam: number, n: number): number {
  if (lam === 0) return 0;
  let s = 0;
  for (const w of weights) s += sumSquares(w);
  return (lam / (2 * n)) * s;
}

/** Adds d/dW of the penalty, (λ/N)·W, into grad in place. */
export function l2BackwardInto(w: Matrix, lam: number, n: number, grad: Matrix): void {
  if (lam !== 0) axpy(w.data.length, lam / n, w.data, grad.data);
}
