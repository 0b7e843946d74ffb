import { describe, it, expect } from 'vitest';
import { checkGradients } from '../../src/gradcheck/check.ts';
import { formatGradCheck } from '../../src/gradcheck/format.ts';
import { referenceImplementation } from '../../src/impl/reference.ts';
import { handwritten } from '../../fixtures/mutants/handwritten.ts';
import { float32Of } from '../../fixtures/mutants/float32.ts';
import { objectiveFor } from '../helpers/network-case.ts';

describe('float32 mode', () => {
  it('passes a correct float32 network using the measured noise floor', async () => {
    for (const activation of ['sigmoid', 'relu', 'tanh'] as const) {
      for (let seed = 0; seed < 8; seed++) {
        const obj = {
          ...(await objectiveFor(float32Of(referenceImplementation(activation)), seed, 6, 4, 5, 3, 0.1)),
          precision: 'float32' as const,
        };
        const r = await checkGradients(obj, { seed });
        expect(r.verdict, formatGradCheck(r, `seed ${seed}`)).toBe('pass');
        expect(r.lossNoise).toBeGreaterThan(1e-10); // float32 rounding, measured, not guessed
      }
    }
  });
  it('still catches a wrong entry in float32 mode', async () => {
    const obj = {
      ...(await objectiveFor(float32Of(handwritten('sigmoid', 'corrupt-entry')), 1, 6, 5, 4, 3, 0)),
      precision: 'float32' as const,
    };
    const r = await checkGradients(obj, { seed: 1 });
    expect(r.verdict).toBe('fail');
    expect(r.wrongEntries.map((e) => `${e.tensor}[${e.row},${e.col}]`)).toEqual(['W1[1,2]']);
  });
  it('the float64 model would cry wolf on the same float32 network: the mode matters', async () => {
    const obj = await objectiveFor(float32Of(referenceImplementation('tanh')), 2, 6, 4, 5, 3, 0);
    const r = await checkGradients(obj, { seed: 2 });
    expect(r.verdict).toBe('fail');
  });
});
