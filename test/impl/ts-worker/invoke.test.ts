import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from '../../../src/core/matrix.ts';
import type { NetworkImplementation } from '../../../src/impl/implementation.ts';
import { attempt, invoke } from '../../../src/impl/ts-worker/invoke.ts';

/** A NaN whose bits differ from the NaN arithmetic gives: the same value by Object.is. */
const otherNaN = new Float64Array(new BigUint64Array([0x7ff8000000000123n]).buffer)[0];

/** An implementation whose forward() writes into X what `write` says, and returns X's first row. */
const writing = (write: (X: Matrix) => void) =>
  ({
    forward: async (_p: Matrix[], X: Matrix) => {
      write(X);
      return fromRows([[...X.data.subarray(0, X.cols)]]);
    },
  }) as unknown as NetworkImplementation;

describe('the calls made in the Node process running a TypeScript module', () => {
  it('count an argument as written by Object.is: −0 over 0 is a write, another NaN over NaN is not', async () => {
    const args = () => [[fromRows([[1]])], fromRows([[0, NaN, 2]])];
    const nan = await invoke(
      writing((X) => (X.data[1] = otherNaN)),
      'forward',
      args(),
    );
    expect(nan.mutated).toEqual([]);
    const zero = await invoke(
      writing((X) => (X.data[0] = -0)),
      'forward',
      args(),
    );
    expect(zero.mutated.map(([i]) => i)).toEqual([1]);
    expect(Object.is(zero.mutated[0][1][0], -0)).toBe(true);
  });

  it('inside a request of many, a call that wrote leaves its arguments as they were and is not taken', async () => {
    const X = fromRows([[0, NaN, 2]]);
    const r = await attempt(writing((m) => m.data.fill(7)))('forward', [[fromRows([[1]])], X]);
    expect(r).toBeNull();
    expect([...X.data]).toEqual([0, NaN, 2]);
    const clean = await attempt(writing(() => {}))('forward', [[fromRows([[1]])], X]);
    expect(clean).toEqual({ value: fromRows([[0, NaN, 2]]) });
  });
});
