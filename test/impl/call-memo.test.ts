import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromData, type Matrix } from '../../src/core/matrix.ts';
import { ImplementationFault } from '../../src/findings/implementation-fault.ts';
import type { NetworkImplementation, PlainCall } from '../../src/impl/implementation.ts';
import { withCallMemo } from '../../src/impl/call-memo.ts';
import { prefetchForwards } from '../../src/impl/prefetch.ts';
import { expectThat, property, runProperty } from '../../src/engine/harness.ts';

const m = (...v: number[]) => fromData(1, v.length, v);
const sum = (a: Matrix) => a.data.reduce((x, y) => x + y, 0);

interface FakeOptions {
  /** forward() adds this to its answer on each call (0: a function of its arguments). */
  drift?: number;
  /** forward() of an X whose first value is this raises (a user exception). */
  raisesAt?: number;
  /** forward() writes into X when X's first value is this. */
  writesAt?: number;
  /** Every request hangs (a timeout fault) once this many requests were made. */
  hangAfter?: number;
}

/** A stateless network in process that counts its round trips: one per method call, one per callMany. */
function fake(o: FakeOptions = {}) {
  const count = { requests: 0, forward: 0 };
  let drift = 0;
  const request = () => {
    count.requests++;
    if (o.hangAfter !== undefined && count.requests > o.hangAfter)
      throw new ImplementationFault('timeout', 'forward() did not return within 1 s');
  };
  const forward = (params: Matrix[], X: Matrix): Matrix => {
    if (X.data[0] === o.raisesAt) throw new ImplementationFault('exception', 'forward() raised ValueError');
    if (X.data[0] === o.writesAt) X.data[1] += 1;
    drift += o.drift ?? 0;
    return m(sum(params[0]) * sum(X) + drift);
  };
  const answer = (c: PlainCall) => {
    if (c.op === 'forward') return forward(c.params, c.X);
    return c.op === 'loss' ? sum(c.X) * c.lam : [m(sum(c.X) + c.lam)];
  };
  const impl: NetworkImplementation = {
    name: 'fake',
    activation: 'relu',
    layout: 'separate',
    notes: [],
    statelessCalls: true,
    initParams: async () => [m(1, 2)],
    forward: async (params, X) => {
      request();
      count.forward++;
      return forward(params, X);
    },
    loss: async (params, X, Y, lam) => (request(), answer({ op: 'loss', params, X, Y, lam }) as number),
    gradients: async (params, X, Y, lam) => (request(), answer({ op: 'gradients', params, X, Y, lam }) as Matrix[]),
    callMany: async (calls) => {
      request();
      const results = [];
      for (const c of calls) {
        // As the bridge: stop before a call that raises or writes into an argument (the caller makes it).
        if (c.op === 'forward' && (c.X.data[0] === o.raisesAt || c.X.data[0] === o.writesAt))
          return { results, stop: 'replay' as const };
        results.push(answer(c));
      }
      return { results, stop: 'done' as const };
    },
  };
  return { impl, count };
}

const params = [m(1, 2)];
/** Ten cases of two forward() calls each, the second on the first's answer, as a property's predicate makes them. */
const cases = (impl: NetworkImplementation, log: number[][]) =>
  Promise.allSettled(
    Array.from({ length: 10 }, async (_, i) => {
      const a = await impl.forward(params, m(i, 1));
      const b = await impl.forward(params, m(a.data[0], 2));
      log.push([i, a.data[0], b.data[0]]);
    }),
  );

describe('call memo: a property’s calls sent ahead, many cases per round trip', () => {
  it('sends each round of the cases’ calls in one request, then serves every answer to the run', async () => {
    const { impl, count } = fake();
    const memo = withCallMemo(impl);
    const ahead: number[][] = [];
    await memo.gather(() => cases(memo.impl, ahead));
    expect(count.requests).toBe(2); // every case's first call, then every case's second
    const run: number[][] = [];
    for (let i = 0; i < 10; i++) await cases(memo.impl, run).then(() => undefined);
    expect(count.requests).toBe(2 + 9 * 20); // the first run was served; the other nine made their calls
    expect(run.slice(0, 10).sort((x, y) => x[0] - y[0])).toEqual(ahead.sort((x, y) => x[0] - y[0]));
  });

  it('serves an answer once: a second identical call is made again (nondeterminism stays visible)', async () => {
    const { impl } = fake({ drift: 1 });
    const memo = withCallMemo(impl);
    await memo.gather(async () => memo.impl.forward(params, m(5, 1)));
    const first = await memo.impl.forward(params, m(5, 1));
    const second = await memo.impl.forward(params, m(5, 1));
    const third = await memo.impl.forward(params, m(5, 1));
    expect(first.data[0]).toBe(3 * 6 + 1);
    expect(second.data[0]).toBe(3 * 6 + 2);
    expect(third.data[0]).toBe(3 * 6 + 3); // the run's own answers are never served to it again
  });

  it('keeps loss() and gradients() of the same arguments apart', async () => {
    const { impl, count } = fake();
    const memo = withCallMemo(impl);
    const X = m(1, 2),
      Y = m(1);
    await memo.gather(() => Promise.all([memo.impl.loss(params, X, Y, 0.5), memo.impl.gradients(params, X, Y, 0.5)]));
    const before = count.requests;
    expect(await memo.impl.gradients(params, X, Y, 0.5)).toEqual([m(3.5)]);
    expect(await memo.impl.loss(params, X, Y, 0.5)).toBe(1.5);
    expect(count.requests).toBe(before);
  });

  it('never serves a call that wrote into its arguments, nor one that raised: the run makes them itself', async () => {
    const { impl, count } = fake({ writesAt: 7, raisesAt: 8 });
    const memo = withCallMemo(impl);
    const seen: string[] = [];
    await memo.gather(() =>
      Promise.allSettled([7, 8, 9].map((v) => memo.impl.forward(params, m(v, 1)).catch((e) => seen.push(e.message)))),
    );
    expect(seen).toEqual(['forward() raised ValueError']);
    const made = count.forward;
    const X7 = m(7, 1);
    await memo.impl.forward(params, X7);
    expect(X7.data[1]).toBe(2); // the write happened in the run too
    await expect(memo.impl.forward(params, m(8, 1))).rejects.toThrow('raised ValueError');
    await memo.impl.forward(params, m(9, 1)); // served
    expect(count.forward - made).toBe(2);
  });

  it('a timeout while gathering is met once, by the run’s first call it hit; gathering then stops', async () => {
    const { impl, count } = fake({ hangAfter: 1 });
    const memo = withCallMemo(impl);
    await memo.gather(() => cases(memo.impl, []));
    expect(count.requests).toBe(2);
    await expect(memo.impl.forward(params, m(0, 1))).resolves.toBeDefined(); // answered before the hang
    await expect(memo.impl.forward(params, m(3, 2))).rejects.toMatchObject({ kind: 'timeout' });
    expect(count.requests).toBe(2); // the timeout was given back, not met a second time
    await memo.gather(() => cases(memo.impl, []));
    expect(count.requests).toBe(2); // no more gathering in this run
  });

  it('a case’s callMany while gathering is held call by call (prefetch stays correct)', async () => {
    const { impl, count } = fake();
    const memo = withCallMemo(impl);
    const read = (i: number) => prefetchForwards(memo.impl, 3, (k) => ({ params, X: m(i, k) }));
    const values = async (i: number) => {
      const next = read(i);
      return [await next(), await next(), await next()].map((x) => x.data[0]);
    };
    await memo.gather(() => Promise.all([0, 1, 2, 3].map(values)));
    expect(count.requests).toBe(3);
    expect(await values(2)).toEqual([6, 9, 12]);
    expect(count.requests).toBe(3);
  });

  it('leaves a property’s finding as it is: same verdict, counterexample and replay path', async () => {
    const spec = (impl: NetworkImplementation) =>
      property({
        id: 'test.forward-below-100',
        suite: 'test',
        sentence: 'forward stays below 100',
        severity: 'bug',
        arbitrary: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })),
        predicate: async ([a, b]: [number, number]) => {
          const y = await impl.forward(params, m(a, b));
          expectThat(y.data[0] < 100, `forward gave ${y.data[0]}`);
        },
      });
    const settings = { seed: 7, runs: 40 };
    const plain = fake();
    const gathered = fake();
    const memo = withCallMemo(gathered.impl);
    const without = await runProperty(spec(plain.impl), settings);
    const withMemo = await runProperty(spec(memo.impl), settings, undefined, memo);
    const strip = ({ ms: _ms, ...f }: typeof without) => f;
    expect(without.verdict).toBe('fail');
    expect(strip(withMemo)).toEqual(strip(without));
    expect(gathered.count.forward).toBeLessThan(plain.count.forward);
  });
});
