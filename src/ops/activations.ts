import type { Activation, ActivationName } from './activation.ts';
import { ACTIVATIONS } from './activation.ts';
import { Sigmoid } from './sigmoid.ts';
import { Relu } from './relu.ts';
import { makeLeakyRelu, DEFAULT_LEAKY_SLOPE } from './leaky-relu.ts';
import { Tanh } from './tanh.ts';

// One leaky ReLU per slope, made once: forward and backward ask for it on every call.
const leakyBySlope = new Map<number, Activation>();

export function getActivation(name: ActivationName, leakySlope = DEFAULT_LEAKY_SLOPE): Activation {
  switch (name) {
    case 'sigmoid':
      return Sigmoid;
    case 'relu':
      return Relu;
    case 'leaky_relu': {
      let a = leakyBySlope.get(leakySlope);
      if (!a) leakyBySlope.set(leakySlope, (a = makeLeakyRelu(leakySlope)));
      return a;
    }
    case 'tanh':
      return Tanh;
    default:
      throw new Error(`unknown activation '${String(name)}': use one of ${ACTIVATIONS.join(', ')}`);
  }
}

export function isActivationName(x: unknown): x is ActivationName {
  return typeof x === 'string' && (ACTIVATIONS as readonly string[]).includes(x);
}
