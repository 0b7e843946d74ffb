import { describe, it, expect } from 'vitest';
import { sigmoid, Sigmoid } from '../../src/ops/sigmoid.ts';
import { relu, reluDerivative } from '../../src/ops/relu.ts';
import { leakyRelu, leakyReluDerivative } from '../../src/ops/leaky-relu.ts';
import { getActivation } from '../../src/ops/activations.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { fromRows, zeros } from '../../src/core/matrix.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';

describe('sigmoid', () => {
  it('matches hand-computed values', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid(-2)).toBeCloseTo(0.11920292202211755, 15);
  });
  it('stays finite and in [0, 1] for |x| up to 1e308', () => {
    for (const x of [1e308, -1e308, 710, -710, 1e5, -1e5]) {
      const y = sigmoid(x);
      expect(Number.isFinite(y)).toBe(true);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
    }
    expect(sigmoid(-1e308)).toBe(0);
    expect(sigmoid(1e308)).toBe(1);
  });
  it('has derivative σ(1 − σ) in backward', () => {
    const z = fromRows([[0, 1, -3]]),
      a = Sigmoid.forward(z, zeros(1, 3));
    const dz = Sigmoid.backward(z, a, fromRows([[1, 1, 1]]), zeros(1, 3));
    expect(dz.data[0]).toBe(0.25);
    expect(dz.data[2]).toBeCloseTo(sigmoid(-3) * (1 - sigmoid(-3)), 16);
  });
});

describe('relu family and tanh', () => {
  it('relu and its derivative (0 at the kink)', () => {
    expect([relu(-2), relu(0), relu(3)]).toEqual([0, 0, 3]);
    expect([reluDerivative(-2), reluDerivative(0), reluDerivative(3)]).toEqual([0, 0, 1]);
  });
  it('leaky relu keeps a slope for negative inputs', () => {
    expect(leakyRelu(-2, 0.1)).toBeCloseTo(-0.2, 16);
    expect(leakyReluDerivative(-2, 0.1)).toBe(0.1);
    expect(leakyReluDerivative(2, 0.1)).toBe(1);
    expect(getActivation('leaky_relu', 0.2).f(-1)).toBeCloseTo(-0.2, 16);
  });
  it('tanh derivative is 1 − tanh²', () => {
    const t = getActivation('tanh');
    expect(t.df(0.5, Math.tanh(0.5))).toBeCloseTo(1 - Math.tanh(0.5) ** 2, 16);
  });
  for (const name of ACTIVATIONS) {
    it(`${name}: derivative agrees with a central difference away from 0, input untouched`, () => {
      const a = getActivation(name);
      for (const x of [-2.3, -0.7, 0.4, 1.9]) {
        const h = 1e-6;
        const num = (a.f(x + h) - a.f(x - h)) / (2 * h);
        expect(Math.abs(a.df(x, a.f(x)) - num)).toBeLessThan(TOLERANCES.activationCentralDifference.atol);
      }
      const z = fromRows([[-1, 0.5, 2]]),
        copy = z.data.slice();
      const out = a.forward(z, zeros(1, 3));
      a.backward(z, out, fromRows([[1, 1, 1]]), zeros(1, 3));
      expect(Array.from(z.data)).toEqual(Array.from(copy));
    });
  }
  it('rejects an unknown activation with the valid names', () => {
    expect(() => getActivation('swish' as never)).toThrow(
      /unknown activation 'swish': use one of sigmoid, relu, leaky_relu, tanh/,
    );
  });
});
