import { describe, it, expect } from 'vitest';
import { checkGradients } from '../../src/gradcheck/check.ts';
import { formatGradCheck } from '../../src/gradcheck/format.ts';
import { handwritten, type Bug } from '../../fixtures/mutants/handwritten.ts';
import { float32Of } from '../../fixtures/mutants/float32.ts';
import { objectiveFor } from '../helpers/network-case.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';

/**
 * A categorical loss whose gradient is that of binary cross-entropy over the classes (bce-loss the
 * other way round). Its gradients() is the correct one's at labels y' chosen so that the output
 * delta (p − y')/N is binary cross-entropy's: p_j·(g_j − Σ_k p_k·g_k)/N, with g = ∂BCE/∂p.
 */
function withBceGradient(impl: NetworkImplementation): NetworkImplementation {
  return {
    ...impl,
    async gradients(params, X, Y, lam) {
      const P = await impl.forward(params, X);
      const K = P.cols;
      const y2 = Float64Array.from(P.data);
      for (let i = 0; i < P.rows; i++) {
        const p = P.data.slice(i * K, (i + 1) * K),
          y = Y.data.slice(i * K, (i + 1) * K);
        const g = Array.from(p, (pk, k) => -y[k] / pk + (1 - y[k]) / (1 - pk));
        const pg = g.reduce((s, gk, k) => s + p[k] * gk, 0);
        for (let j = 0; j < K; j++) y2[i * K + j] = p[j] - p[j] * (g[j] - pg);
      }
      return impl.gradients(params, X, { ...Y, data: y2 }, lam);
    },
  };
}

describe('the gradient checker names what the numbers show', () => {
  for (const precision of ['float64', 'float32'] as const) {
    const title = 'a gradient not divided by N is missing-mean at the shrunk size N = 2, K = 2, never another loss';
    it(`${title} (${precision})`, async () => {
      for (const [activation, D, H] of [
        ['sigmoid', 1, 1],
        ['tanh', 2, 3],
        ['relu', 3, 2],
      ] as const) {
        for (let seed = 0; seed < 4; seed++) {
          const base = handwritten(activation, 'missing-mean');
          const impl = precision === 'float32' ? float32Of(base) : base;
          const r = await checkGradients({ ...(await objectiveFor(impl, seed, 2, D, H, 2, 0)), precision }, { seed });
          const text = formatGradCheck(r, `${activation} seed ${seed}`);
          expect(r.verdict, text).toBe('fail');
          expect(
            r.patterns.map((p) => p.pattern),
            text,
          ).toContain('missing-mean');
          expect(
            r.patterns.map((p) => p.pattern),
            text,
          ).not.toContain('other-loss');
        }
      }
    });
  }
  const L2: [Bug, RegExp][] = [
    ['l2-grad-no-mean', /λ·W where the loss's λ\/\(2N\)·ΣW² gives λ\/N·W/],
    ['l2-bias-grad-only', /gradient regularises the biases but the loss does not/],
    ['l2-bias-loss-only', /loss penalises the biases but the gradient does not/],
    ['l2-missing-grad', /missing from this gradient/],
  ];
  for (const [bug, hint] of L2) {
    it(`${bug} is an L2 mismatch (l2-gradient-mismatch), not unstructured`, async () => {
      const obj = await objectiveFor(handwritten('tanh', bug), 3, 6, 4, 5, 3, 0.8);
      // Non-zero biases, so that a bias penalty on one side only shows.
      let o = 0;
      for (const t of obj.tensors) {
        if (t.kind === 'bias') for (let j = 0; j < t.rows * t.cols; j++) obj.theta[o + j] = 0.3 * Math.sin(o + j + 1);
        o += t.rows * t.cols;
      }
      const r = await checkGradients(obj, { seed: 3 });
      const text = formatGradCheck(r, bug);
      expect(r.verdict, text).toBe('fail');
      const l2 = r.patterns.filter((p) => p.pattern === 'l2-gradient-mismatch');
      expect(l2.length, text).toBeGreaterThan(0);
      expect(
        r.patterns.map((p) => p.pattern),
        text,
      ).not.toContain('unstructured');
      expect(l2.map((p) => p.hint).join('\n'), text).toMatch(hint);
    });
  }
  it('a gradient of binary cross-entropy under a categorical loss is another loss: bce-on-softmax', async () => {
    for (const seed of [1, 2]) {
      const r = await checkGradients(await objectiveFor(withBceGradient(handwritten('tanh')), seed, 6, 4, 5, 3, 0), {
        seed,
      });
      const text = formatGradCheck(r, `seed ${seed}`);
      const other = r.patterns.find((p) => p.pattern === 'other-loss');
      expect(other?.cause, text).toBe('bce-on-softmax');
      // What a report saved before named causes said only in words: its hint names the loss.
      expect(other?.hint, text).toMatch(/binary cross-entropy/);
    }
  });
});
