import { type Matrix, zeros, clone } from '../core/matrix.ts';
import type { ActivationName } from '../ops/activation.ts';
import { DEFAULT_LEAKY_SLOPE } from '../ops/leaky-relu.ts';
import { createRng } from '../random/rng.ts';

/** A multilayer perceptron: sizes = [D, H1, ..., K], softmax output, cross-entropy loss. */
export interface MlpConfig {
  readonly sizes: readonly number[];
  readonly activation: ActivationName;
  readonly leakySlope?: number;
}

/** Separate layout: weights[l] is sizes[l]×sizes[l+1], biases[l] is 1×sizes[l+1]. */
export interface MlpParams {
  weights: Matrix[];
  biases: Matrix[];
}

export function mlpConfig(
  D: number,
  H: number | readonly number[],
  K: number,
  activation: ActivationName,
  leakySlope = DEFAULT_LEAKY_SLOPE,
): MlpConfig {
  const hidden = typeof H === 'number' ? [H] : [...H];
  const sizes = [D, ...hidden, K];
  for (const s of sizes) {
    if (!Number.isInteger(s) || s < 1)
      throw new Error(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
  }
  return { sizes, activation, leakySlope };
}

/**
 * Seeded initialisation: He (normal, std √(2/fan_in), with leaky gain 2/(1+α²)) for the ReLU
 * family, Glorot (uniform ±√(6/(fan_in+fan_out))) for sigmoid and tanh; zero biases.
 * The same seed gives bit-identical weights.
 */
export function initParams(config: MlpConfig, seed: number | string): MlpParams {
  const rng = createRng(`init/${seed}`);
  const weights: Matrix[] = [];
  const biases: Matrix[] = [];
  const { sizes, activation } = config;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l],
      fanOut = sizes[l + 1];
    const w = zeros(fanIn, fanOut);
    const hiddenFamily = activation === 'relu' || activation === 'leaky_relu';
    if (hiddenFamily) {
      const a = activation === 'leaky_relu' ? (config.leakySlope ?? DEFAULT_LEAKY_SLOPE) : 0;
      const std = Math.sqrt(2 / ((1 + a * a) * fanIn));
      for (let i = 0; i < w.data.length; i++) w.data[i] = std * rng.normal();
    } else {
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < w.data.length; i++) w.data[i] = limit * (2 * rng.uniform() - 1);
    }
    weights.push(w);
    biases.push(zeros(1, fanOut));
  }
  return { weights, biases };
}

export const cloneParams = (p: MlpParams): MlpParams => ({
  weights: p.weights.map(clone),
  biases: p.biases.map(clone),
});

/** Parameters as a named list in the order W1, b1, W2, b2, ... */
export function namedParams(p: MlpParams): { name: string; value: Matrix; kind: 'weight' | 'bias' }[] {
  const out: { name: string; value: Matrix; kind: 'weight' | 'bias' }[] = [];
  p.weights.forEach((w, l) => {
    out.push({ name: `W${l + 1}`, value: w, kind: 'weight' });
    out.push({ name: `b${l + 1}`, value: p.biases[l], kind: 'bias' });
  });
  return out;
}

export function paramsFromList(list: readonly Matrix[]): MlpParams {
  const weights: Matrix[] = [],
    biases: Matrix[] = [];
  for (let i = 0; i < list.length; i += 2) {
    weights.push(list[i]);
    biases.push(list[i + 1]);
  }
  return { weights, biases };
}

export const paramsToList = (p: MlpParams): Matrix[] => namedParams(p).map((t) => t.value);
