import { elementwise, type Activation } from './activation.ts';

export const DEFAULT_LEAKY_SLOPE = 0.01;

export const leakyRelu = (x: number, slope = DEFAULT_LEAKY_SLOPE): number => (x > 0 ? x : slope * x);
export const leakyReluDerivative = (x: number, slope = DEFAULT_LEAKY_SLOPE): number => (x > 0 ? 1 : slope);

export function makeLeakyRelu(slope = DEFAULT_LEAKY_SLOPE): Activation {
  return elementwise(
    'leaky_relu',
    (x) => leakyRelu(x, slope),
    (x) => leakyReluDerivative(x, slope),
  );
}

export const LeakyRelu = makeLeakyRelu();
