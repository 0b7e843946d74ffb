import { elementwise } from './activation.ts';

export const tanh = (x: number): number => Math.tanh(x);
/** tanh'(x) = 1 − tanh²(x), from the cached output. */
export const tanhDerivative = (_x: number, y: number): number => 1 - y * y;

export const Tanh = elementwise('tanh', tanh, tanhDerivative);
