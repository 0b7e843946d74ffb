/**
 * A float32 ReLU network at course-style std-1e-4 weights and integer inputs: every hidden
 * pre-activation is ~1e-4, far inside float32's finite-difference step h0 = u32^(1/3) ≈ 4e-3 along
 * a probe, so a probe of W1 can cross kinks at every point tried. Judged at h0, the estimate
 * averaged slopes across them and a correct W1 failed with no wrong entry (16 of 600 cases, these
 * among them); judged at the widest kink-free step, none does, and wrong gradients still fail.
 */
import { describe, it, expect } from 'vitest';
import { checkGradients } from '../../src/gradcheck/check.ts';
import { formatGradCheck } from '../../src/gradcheck/format.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { float32Of } from '../../fixtures/mutants/float32.ts';
import type { NetworkImplementation } from '../../src/impl/implementation.ts';
import { objectiveFor } from '../helpers/network-case.ts';

/** [N, D, H, K, seed]: cases that failed when probes were judged at h0 across kinks. */
const CASES = [
  [2, 5, 3, 2, 159],
  [2, 5, 3, 2, 175],
  [5, 5, 4, 3, 164],
  [5, 5, 4, 3, 176],
  [5, 2, 5, 3, 24],
  [5, 2, 5, 3, 110],
] as const;

async function tinyWeights(impl: NetworkImplementation, [N, D, H, K, seed]: (typeof CASES)[number]) {
  const obj = await objectiveFor(float32Of(impl), seed, N, D, H, K, 0, true);
  const theta = obj.theta.map((t) => Math.fround(t * 1e-4));
  return { ...obj, theta, precision: 'float32' as const };
}

describe('float32 probes at std-1e-4 ReLU weights', () => {
  it('a correct network passes, though its probes meet kinks', async () => {
    for (const c of CASES) {
      const r = await checkGradients(await tinyWeights(referenceImplementation('relu'), c), {
        seed: c[4],
        taylor: false,
      });
      expect(r.verdict, formatGradCheck(r, c.join(' '))).toBe('pass');
      expect(r.kinks.met).toBeGreaterThan(0);
    }
  });
  it('a sign flip and a missing 1/N still fail at the same points', async () => {
    for (const bug of ['sign-flip', 'missing-mean'] as const) {
      for (const c of CASES) {
        const r = await checkGradients(await tinyWeights(handwritten('relu', bug), c), { seed: c[4], taylor: false });
        expect(r.verdict, `${bug} ${c.join(' ')}`).toBe('fail');
      }
    }
  });
});
