import { describe, expect, it } from 'vitest';
import { fromRows } from '../../../src/core/matrix.ts';
import { HandedOut } from '../../../src/impl/adapters/handed-out.ts';

/** What user code wrote into the arrays handed to it comes back entry by entry, by Object.is. */
describe('HandedOut.writeBack', () => {
  it('writes back exactly the entries that changed: signed zeros, NaN, removed or replaced entries and rows', () => {
    const m = fromRows([
      [1, 0, -0, NaN],
      [2, 3, 4, 5],
      [6, 7, 8, 9],
    ]);
    const h = new HandedOut();
    const n = h.nested(m);
    n[0][1] = -0; // 0 → −0: written
    n[0][2] = 0; // −0 → 0: written
    n[0][3] = NaN; // NaN → NaN: not written
    n[0][0] = 1; // the same value: not written
    (n[1] as unknown[])[1] = '3'; // not a number: NaN
    delete n[1][2]; // removed: NaN
    (n as unknown[])[2] = 'row'; // not a row: all NaN
    expect(h.writeBack()).toBe(8);
    const got = [...m.data];
    expect(got.slice(0, 4).map((v) => Object.is(v, -0))).toEqual([false, true, false, false]);
    expect(Object.is(got[2], 0)).toBe(true);
    expect(got.slice(3)).toEqual([NaN, 2, NaN, NaN, 5, NaN, NaN, NaN, NaN]);
    expect(h.writeBack()).toBe(0);
  });

  it('reads a flat bias as one row, and nothing written is nothing changed', () => {
    const b = fromRows([[0.5, -0, 0]]);
    const h = new HandedOut();
    const f = h.flat(b);
    expect(h.writeBack()).toBe(0);
    f[1] = 0;
    expect(h.writeBack()).toBe(1);
    expect(Object.is(b.data[1], 0)).toBe(true);
  });
});
