import { describe, it, expect } from 'vitest';
import { allClose, firstMismatch, describeMismatch } from '../../src/core/allclose.ts';

const t = { atol: 1e-9, rtol: 1e-6 };

describe('allClose', () => {
  it('accepts values within atol + rtol·|expected|', () => {
    expect(allClose([1, 1000], [1 + 1e-10, 1000.0005], t)).toBe(true);
    expect(allClose([1], [1.001], t)).toBe(false);
  });
  it('matches NaN only with NaN and infinities only with themselves', () => {
    expect(allClose([NaN], [NaN], t)).toBe(true);
    expect(allClose([NaN], [1], t)).toBe(false);
    expect(allClose([1], [NaN], t)).toBe(false);
    expect(allClose([Infinity], [Infinity], t)).toBe(true);
    expect(allClose([Infinity], [-Infinity], t)).toBe(false);
    expect(allClose([Infinity], [1e308], t)).toBe(false);
  });
  it('finds and describes the first mismatch with its row and column', () => {
    const m = firstMismatch([1, 2, 3, 4], [1, 2, 3, 5], t);
    expect(m).toMatchObject({ index: 3, actual: 4, expected: 5 });
    expect(describeMismatch(m!, 2)).toMatch(/^at \[1, 1\]: got 4, expected 5/);
    expect(firstMismatch([1], [1, 2], t)?.index).toBe(-1);
  });
});
