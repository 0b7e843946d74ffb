import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { checkGradients } from '../../src/gradcheck/check.ts';
import { formatGradCheck } from '../../src/gradcheck/format.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { objectiveFor, smallProblem } from '../helpers/network-case.ts';
import { networkObjective } from '../../src/impl/objective.ts';

const RUNS = Number(process.env.NNCHECK_GRADCHECK_RUNS ?? 260);
const SEED = Number(process.env.NNCHECK_SEED ?? 20261127);

describe('the gradient checker never cries wolf on correct networks', () => {
  for (const activation of ACTIVATIONS) {
    it(`reference ${activation}: passes at ${RUNS} generated points (sizes, batches, λ, integer inputs)`, async () => {
      const impl = referenceImplementation(activation);
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            seed: fc.nat(1_000_000),
            N: fc.integer({ min: 1, max: 12 }),
            D: fc.integer({ min: 1, max: 6 }),
            H: fc.integer({ min: 1, max: 8 }),
            K: fc.integer({ min: 2, max: 5 }),
            lam: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
            integer: fc.boolean(),
          }),
          async (c) => {
            const obj = await objectiveFor(impl, c.seed, c.N, c.D, c.H, c.K, c.lam, c.integer);
            const r = await checkGradients(obj, { seed: c.seed, taylor: false });
            if (r.verdict !== 'pass') throw new Error(formatGradCheck(r, JSON.stringify(c)));
          },
        ),
        { numRuns: RUNS, seed: SEED },
      );
    });
  }
  it('a second correct implementation (hand-written, bias-row layout) passes too', async () => {
    for (const activation of ACTIVATIONS) {
      for (let seed = 0; seed < 10; seed++) {
        const obj = await objectiveFor(
          handwritten(activation, 'none', 'bias-row'),
          seed,
          5,
          4,
          5,
          3,
          seed % 2 ? 0.3 : 0,
          seed % 3 === 0,
        );
        const r = await checkGradients(obj, { seed });
        expect(r.verdict, formatGradCheck(r, `seed ${seed}`)).toBe('pass');
        expect(r.taylor?.verdict).not.toBe('fail');
      }
    }
  });
  it('handles ReLU kinks at integer inputs where pre-activations sit exactly on 0', async () => {
    for (const activation of ['relu', 'leaky_relu'] as const) {
      const impl = referenceImplementation(activation);
      const { X, Y } = smallProblem(3, 8, 4, 3, true);
      X.data.fill(0, 0, 8); // rows 0 and 1 are all zero; with zero biases their pre-activations are exactly 0
      const params = await impl.initParams(4, 6, 3, 3);
      for (const mode of ['directional', 'full'] as const) {
        const r = await checkGradients(networkObjective(impl, params, X, Y, 0), { seed: 1, mode });
        expect(r.verdict, formatGradCheck(r, 'kink case')).toBe('pass');
        expect(r.kinks.met).toBeGreaterThan(0);
        expect(r.kinks.resolved).toBe(r.kinks.met);
      }
    }
  });
  it('states its detection power and counts evaluations', async () => {
    const obj = await objectiveFor(referenceImplementation('tanh'), 1, 4, 3, 4, 3, 0);
    const r = await checkGradients(obj, { probesPerTensor: 4 });
    expect(r.power.missProbability).toBe(1 / 16);
    expect(r.power.statement).toMatch(/single wrong entry above tolerance is always caught/);
    expect(r.evaluations.gradients).toBe(1);
    expect(r.evaluations.losses).toBeGreaterThan(4 * 4 * 4);
    expect(r.taylor?.slope).toBeGreaterThan(1.7);
  });
});
