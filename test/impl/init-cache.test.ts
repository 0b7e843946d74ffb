import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/matrix.ts';
import { InitCache } from '../../src/impl/init-cache.ts';

const m = (...xs: number[]): Matrix => ({ rows: 1, cols: xs.length, data: Float64Array.from(xs) });

describe('InitCache: init_params answers reused only when they repeat', () => {
  it('a repeatable init_params is called once per (D, H, K, seed), each answer a fresh copy', async () => {
    const c = new InitCache();
    c.enableIfRepeatable([m(1, 2)], [m(1, 2)]);
    let calls = 0;
    const call = async () => [m(++calls, 0)];
    const a = await c.get(2, 3, 4, 7, call);
    a[0].data[1] = 99; // a caller edits what it got
    const b = await c.get(2, 3, 4, 7, call);
    expect(calls).toBe(1);
    expect([...b[0].data]).toEqual([1, 0]);
    await c.get(2, 3, 4, 8, call);
    expect(calls).toBe(2);
  });

  it('an init_params that answered the same call differently (no seed) is called every time', async () => {
    const c = new InitCache();
    c.enableIfRepeatable([m(1, 2)], [m(1, 2.0000001)]);
    let calls = 0;
    const call = async () => [m(++calls)];
    await c.get(2, 3, 4, 7, call);
    const again = await c.get(2, 3, 4, 7, call);
    expect(calls).toBe(2);
    expect([...again[0].data]).toEqual([2]);
  });

  it('is off until switched on, and compares shapes and NaN bit for bit', async () => {
    const c = new InitCache();
    let calls = 0;
    const call = async () => [m(++calls)];
    await c.get(1, 1, 2, 0, call);
    await c.get(1, 1, 2, 0, call);
    expect(calls).toBe(2);
    c.enableIfRepeatable([m(NaN)], [m(NaN)]);
    await c.get(1, 1, 2, 0, call);
    await c.get(1, 1, 2, 0, call);
    expect(calls).toBe(3);
    c.enableIfRepeatable([m(1, 2)], [{ rows: 2, cols: 1, data: Float64Array.from([1, 2]) }]);
    await c.get(1, 1, 2, 0, call);
    expect(calls).toBe(4);
  });

  it('learning from repeats: on when the run’s first repeated call agrees, off for good when it does not', async () => {
    const seeded = new InitCache();
    seeded.learnFromRepeats();
    let calls = 0;
    const fixed = async () => (calls++, [m(5, 6)]);
    await seeded.get(2, 3, 4, 1, fixed);
    await seeded.get(2, 3, 4, 2, fixed);
    await seeded.get(2, 3, 4, 1, fixed); // the repeat: agrees, so on (and the answers seen so far kept)
    await seeded.get(2, 3, 4, 2, fixed);
    await seeded.get(2, 3, 4, 1, fixed);
    expect(calls).toBe(3);
    const unseeded = new InitCache();
    unseeded.learnFromRepeats();
    let n = 0;
    const fresh = async () => [m(++n)];
    await unseeded.get(2, 3, 4, 1, fresh);
    await unseeded.get(2, 3, 4, 1, fresh);
    await unseeded.get(2, 3, 4, 1, fresh);
    await unseeded.get(2, 3, 4, 1, fresh);
    expect(n).toBe(4);
  });
});
