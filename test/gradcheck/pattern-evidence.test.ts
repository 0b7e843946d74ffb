/**
 * A pattern names what wrong entries show: tiny slopes that all agree within tolerance match any
 * arrangement of rows (shifted, transposed), so no arrangement is named without wrong entries.
 */
import { describe, it, expect } from 'vitest';
import { nameTensorPattern, type EntryPair } from '../../src/gradcheck/patterns.ts';

const spec = { name: 'W1', rows: 5, cols: 3, kind: 'weight' as const };
const grid = (f: (r: number, c: number) => { a: number; n: number }): EntryPair[] =>
  Array.from({ length: 15 }, (_, i) => ({ i, ...f(Math.floor(i / 3), i % 3), tol: 1e-4, theta: 0 }));

describe('patterns need the wrong entries that show them', () => {
  it('every entry within tolerance: no shifted rows, and the detail says no entry disagrees', () => {
    const p = nameTensorPattern(
      spec,
      grid((r, c) => ({ a: 1e-5 * (r - c), n: 1e-5 * (c - r) })),
      { complete: true, batchSize: 2 },
    );
    expect(p.pattern).not.toBe('shifted-rows');
    expect(p.numbers).toMatchObject({ wrong: 0, compared: 15 });
  });
  it('row r holding row r + 1 of the numeric gradient is still named', () => {
    const n = (r: number, c: number) => 0.1 * (r + 1) + 0.03 * c;
    const p = nameTensorPattern(
      spec,
      grid((r, c) => ({ a: r < 4 ? n(r + 1, c) : 0.7, n: n(r, c) })),
      { complete: true, batchSize: 2 },
    );
    expect(p.pattern).toBe('shifted-rows');
    expect(p.numbers).toMatchObject({ shift: 1, wrong: 15 });
  });
});
