import { elementwise } from './activation.ts';

export const relu = (x: number): number => (x > 0 ? x : 0);
/** The subgradient at 0 is taken as 0, as `z > 0` does in NumPy code. */
export const reluDerivative = (x: number): number => (x > 0 ? 1 : 0);

export const Relu = elementwise('relu', relu, reluDerivative);
