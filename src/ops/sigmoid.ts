import { elementwise } from './activation.ts';

/** σ(x), evaluated on the side where exp cannot overflow: finite for every finite x. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)(1 − σ(x)), from the cached output. */
export const sigmoidDerivative = (_x: number, y: number): number => y * (1 - y);

export const Sigmoid = elementwise('sigmoid', sigmoid, sigmoidDerivative);
