/** TOLERANCES.subnormalLog bounds what −log p loses when p is stored below the smallest normal. */
import { describe, it, expect } from 'vitest';
import { TOLERANCES, U64 } from '../../src/core/tolerances.ts';
import { PRECISION_SPECS } from '../../src/core/precision.ts';

describe('subnormalLog', () => {
  const { minNormal } = PRECISION_SPECS.float64;
  // Exact log p from just below the smallest normal (−708.4) down to the last subnormals (−744).
  const logPs = Array.from({ length: 400 }, (_, i) => Math.log(minNormal) - 0.1 - (i * 35.5) / 400);
  it('bounds |log(fl(p)) − log p| for p on the float64 subnormal grid, and is within 4× of the worst case', () => {
    let worst = 0;
    for (const lp of logPs) {
      const stored = Math.exp(lp); // rounded to the subnormal grid
      const err = Math.abs(Math.log(stored) - lp);
      const bound = TOLERANCES.subnormalLog(U64, minNormal, lp);
      expect(err, `log p = ${lp}`).toBeLessThanOrEqual(bound);
      worst = Math.max(worst, err / bound);
    }
    // s/p allows twice the half-spacing: the worst case reaches well over a quarter of it.
    expect(worst).toBeGreaterThan(1 / 4);
  });
  it('is far below the normal range rounding where p is normal (it applies only below minNormal)', () => {
    expect(TOLERANCES.subnormalLog(U64, minNormal, Math.log(minNormal))).toBeCloseTo(2 * U64, 20);
  });
});
