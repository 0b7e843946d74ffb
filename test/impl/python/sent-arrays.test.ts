import { describe, it, expect } from 'vitest';
import { SentArrays } from '../../../src/impl/python/sent-arrays.ts';
import type { Matrix } from '../../../src/core/matrix.ts';

const filled = (n: number, v: number): Matrix => ({ rows: 1, cols: n, data: new Float64Array(n).fill(v) });

/** A cache that has sent `a` twice (once to see it, once to keep it): its id is the last kept. */
function kept(s: SentArrays, a: Matrix): number {
  s.plan([a]);
  const plan = s.plan([a])!;
  expect(plan.keep.length).toBe(1);
  return plan.keep[0][1];
}

describe('the client half of the array cache', () => {
  const limits = { minElements: 4, maxEntries: 2, maxBytes: 1 << 20 };

  it('sends small arrays inline and plans nothing when no array is large', () => {
    expect(new SentArrays(limits).plan([filled(3, 1)])).toBeNull();
  });

  it('keeps a large array the second time it is sent and names it while its bytes are unchanged', () => {
    const s = new SentArrays(limits);
    const a = filled(8, 1);
    const first = s.plan([a, filled(3, 0)])!;
    expect(first).toMatchObject({ refs: [0, 0], keep: [] });
    expect(first.inline.length).toBe(2);
    expect(s.plan([a])).toMatchObject({ refs: [0], keep: [[0, 1]] });
    // A fresh array with the same bytes is the same content.
    expect(s.plan([filled(8, 1)])!.refs).toEqual([1]);
    a.data[7] = 2; // same object, same shape, one entry changed: never the old id
    expect(s.plan([a])).toMatchObject({ refs: [0], keep: [] });
  });

  it('does not keep arrays that change every call', () => {
    const s = new SentArrays(limits);
    for (let i = 0; i < 10; i++) expect(s.plan([filled(8, i)])!.keep).toEqual([]);
    expect(s.size).toBe(0);
  });

  it('tells apart contents equal as numbers but not as bytes (-0 and 0)', () => {
    const s = new SentArrays(limits);
    kept(s, filled(8, 0));
    expect(s.plan([filled(8, -0)])!.refs).toEqual([0]);
  });

  it('evicts the least recently used entry and asks the Python side to drop it', () => {
    const s = new SentArrays(limits);
    const one = kept(s, filled(8, 1));
    const two = kept(s, filled(8, 2));
    s.plan([filled(8, 1)]); // touches one
    s.plan([filled(8, 3)]);
    const third = s.plan([filled(8, 3)])!; // keeps a third: evicts two
    expect(third.drop).toEqual([two]);
    expect(s.plan([filled(8, 1)])!.refs).toEqual([one]);
    expect(s.plan([filled(8, 2)])!.refs).toEqual([0]);
  });

  it('names an array kept earlier in the same request, and forgets what it is told the process lost', () => {
    const s = new SentArrays(limits);
    const p = s.plan([filled(8, 5), filled(8, 5), filled(8, 5)])!;
    expect(p.refs).toEqual([0, 0, 1]);
    expect(p.keep).toEqual([[1, 1]]);
    s.forget([1]);
    expect(s.plan([filled(8, 5)])!.refs).toEqual([0]);
    s.clear();
    expect(s.size).toBe(0);
  });

  it('names an object already sent by identity, and confirms it once the request is written', () => {
    const s = new SentArrays(limits);
    const a = filled(8, 1);
    const id = kept(s, a);
    const plan = s.plan([a], true)!;
    expect(plan).toMatchObject({ refs: [id], keep: [] });
    expect(plan.unchecked.length).toBe(1);
    expect(s.confirm(plan)).toBe(true);
    // Without identity the bytes are compared first: nothing is left to confirm.
    expect(s.plan([a])!.unchecked).toEqual([]);
  });

  it('fails to confirm an object changed in place, and compares it first from then on', () => {
    const s = new SentArrays(limits);
    const a = filled(8, 1);
    const id = kept(s, a);
    a.data[3] = -0; // one entry, after the object was sent
    const plan = s.plan([a], true)!;
    expect(plan.refs).toEqual([id]); // named before the compare: the caller must not use its answer
    expect(s.confirm(plan)).toBe(false);
    const again = s.plan([a], true)!;
    expect(again.refs).toEqual([0]); // compared: the old id is not these bytes
    expect(again.unchecked).toEqual([]);
    a.data[3] = 1; // back to the bytes sent under id: found by content, still never by identity
    const back = s.plan([a], true)!;
    expect(back.refs).toEqual([id]);
    expect(back.unchecked).toEqual([]);
  });

  it('never names by identity an object whose id was evicted', () => {
    const s = new SentArrays(limits);
    const a = filled(8, 1);
    kept(s, a);
    kept(s, filled(8, 2));
    kept(s, filled(8, 3)); // two entries at most: a's is gone
    expect(s.plan([a], true)!.refs).toEqual([0]);
  });
});
