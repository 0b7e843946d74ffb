import { describe, it, expect } from 'vitest';
import { mlpConfig, initParams, namedParams, cloneParams } from '../../src/nn/mlp.ts';
import { loss, forward } from '../../src/nn/forward.ts';
import { lossAndGradients } from '../../src/nn/backward.ts';
import { toLayout, fromLayout, inferLayout } from '../../src/nn/layouts.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { oracleMlp, relErrorVsBig } from '../../src/oracle/bignum.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { ShapeError, zeros } from '../../src/core/matrix.ts';
import { randomMatrix } from '../helpers/random-matrix.ts';

const U = 2 ** -53;

describe('initialisation', () => {
  it('gives bit-identical weights for the same seed and different ones for another', () => {
    const c = mlpConfig(5, 7, 3, 'relu');
    const a = initParams(c, 42),
      b = initParams(c, 42),
      d = initParams(c, 43);
    expect(Array.from(a.weights[0].data)).toEqual(Array.from(b.weights[0].data));
    expect(Array.from(a.weights[0].data)).not.toEqual(Array.from(d.weights[0].data));
  });
  it('uses He scale for ReLU and Glorot limits for sigmoid', () => {
    const relu = initParams(mlpConfig(400, 300, 3, 'relu'), 1).weights[0].data;
    const variance = relu.reduce((s, x) => s + x * x, 0) / relu.length;
    expect(variance).toBeGreaterThan((2 / 400) * 0.95);
    expect(variance).toBeLessThan((2 / 400) * 1.05);
    const sig = initParams(mlpConfig(400, 300, 3, 'sigmoid'), 1).weights[0].data;
    const limit = Math.sqrt(6 / 700);
    expect(Math.max(...sig.map(Math.abs))).toBeLessThanOrEqual(limit);
    expect(Math.max(...sig.map(Math.abs))).toBeGreaterThan(limit * 0.99);
  });
});

describe('analytic gradients against central differences', () => {
  for (const act of ACTIVATIONS) {
    for (const hidden of [[6], [5, 4]]) {
      it(`${act} with hidden ${JSON.stringify(hidden)} and λ = 0.3`, () => {
        const c = mlpConfig(4, hidden, 3, act);
        const p = initParams(c, 7);
        p.biases.forEach((b, l) => b.data.set(randomMatrix(1, b.cols, `b${l}`, 0.5).data));
        const X = randomMatrix(5, 4, 'x'),
          Y = oneHot([0, 1, 2, 1, 0], 3),
          lam = 0.3;
        const { grads, loss: L0 } = lossAndGradients(c, p, X, Y, lam);
        const tol = TOLERANCES.centralDifference(L0);
        const analytic = namedParams(grads);
        namedParams(p).forEach((t, ti) => {
          for (let i = 0; i < t.value.data.length; i++) {
            const x0 = t.value.data[i];
            const h = Math.cbrt(U) * Math.max(1, Math.abs(x0));
            t.value.data[i] = x0 + h;
            const lp = loss(c, p, X, Y, lam);
            t.value.data[i] = x0 - h;
            const lm = loss(c, p, X, Y, lam);
            t.value.data[i] = x0;
            const num = (lp - lm) / (2 * h),
              ana = analytic[ti].value.data[i];
            expect(Math.abs(num - ana), `${t.name}[${i}] analytic ${ana} numeric ${num}`).toBeLessThanOrEqual(
              tol.atol + tol.rtol * Math.abs(num),
            );
          }
        });
      });
    }
  }
});

describe('forward pass and loss vs the BigNumber oracle', () => {
  for (const act of ACTIVATIONS) {
    it(`${act}: loss and probabilities within ${TOLERANCES.mlpLossVsOracle.rtol}`, () => {
      const c = mlpConfig(6, [5], 4, act);
      const p = initParams(c, 3);
      const X = randomMatrix(4, 6, 'ox'),
        Y = oneHot([3, 0, 1, 2], 4);
      const o = oracleMlp(c, p, X, Y, 0.1);
      expect(relErrorVsBig(loss(c, p, X, Y, 0.1), o.loss)).toBeLessThan(TOLERANCES.mlpLossVsOracle.rtol);
      const probs = forward(c, p, X).probs;
      probs.data.forEach((v, i) =>
        expect(relErrorVsBig(v, o.probs[Math.floor(i / 4)][i % 4])).toBeLessThan(TOLERANCES.mlpLossVsOracle.rtol),
      );
    });
  }
});

describe('checked boundary of the network', () => {
  it('names the bad argument', () => {
    const c = mlpConfig(4, 3, 2, 'relu'),
      p = initParams(c, 0);
    expect(() => forward(c, p, zeros(2, 5))).toThrow(/forward: argument 'X' has shape 2x5, expected \?x4/);
    expect(() => loss(c, p, zeros(2, 4), zeros(3, 2))).toThrow(/argument 'Y' has shape 3x2, expected 2x2/);
    const bad = cloneParams(p);
    bad.weights[1] = zeros(2, 2);
    expect(() => forward(c, bad, zeros(1, 4))).toThrow(ShapeError);
    expect(() => forward(c, bad, zeros(1, 4))).toThrow(/'W2' has shape 2x2, expected 3x2/);
  });
});

describe('parameter layouts', () => {
  it('round-trips bias-row and separate, and infers each from shapes', () => {
    const c = mlpConfig(4, 3, 2, 'sigmoid'),
      p = initParams(c, 5);
    p.biases[0].data.set([1, 2, 3]);
    const rows = toLayout(p, 'bias-row');
    expect(rows.map((m) => [m.rows, m.cols])).toEqual([
      [5, 3],
      [4, 2],
    ]);
    expect(Array.from(rows[0].data.subarray(0, 3))).toEqual([1, 2, 3]);
    const back = fromLayout(rows, 'bias-row');
    expect(Array.from(back.weights[0].data)).toEqual(Array.from(p.weights[0].data));
    expect(
      inferLayout(
        [
          [5, 3],
          [4, 2],
        ],
        4,
        2,
      ),
    ).toBe('bias-row');
    expect(inferLayout([[4, 3], [3], [3, 2], [1, 2]], 4, 2)).toBe('separate');
    expect(inferLayout([[9, 9]], 4, 2)).toBeNull();
    const sep = fromLayout(toLayout(p, 'separate'), 'separate');
    expect(Array.from(sep.biases[0].data)).toEqual([1, 2, 3]);
  });
});
