import type { Matrix } from '../core/matrix.ts';
import type { NetworkImplementation, PlainCall } from './implementation.ts';

/**
 * The results of a property's `count` independent calls, read one at a time in order, as the
 * property would make them; fetched ahead in as few round trips as the implementation allows
 * (callMany). The arguments of call i are built by argsOf(i) when the call is sent, so an
 * argument an earlier call wrote into (written back) is seen as it would be call by call. A call
 * the batch would not take as it is (it raised, or wrote into an argument) is made only when it
 * is read, through the ordinary method: so a fault surfaces at the same point of the property as
 * when every call is made one by one, and is reported the same way.
 */
function prefetched<C extends PlainCall, R>(
  impl: NetworkImplementation,
  count: number,
  argsOf: (i: number) => C,
  one: (c: C) => Promise<R>,
) {
  let next = 0,
    replayAt = -1;
  let ahead: R[] = [];
  return async (): Promise<R> => {
    const k = next++;
    if (k >= count) throw new RangeError(`only ${count} calls were announced`);
    if (ahead.length === 0 && k !== replayAt && count - k > 1 && impl.callMany) {
      const r = await impl.callMany(Array.from({ length: count - k }, (_, j) => argsOf(k + j)));
      if (r) {
        ahead = r.results as R[];
        if (r.stop === 'replay') replayAt = k + r.results.length;
      }
    }
    return ahead.length ? ahead.shift()! : one(argsOf(k));
  };
}

/** forward(params, X) with argsOf(i)'s arguments for i = 0 .. count−1, read in order with the returned function. */
export const prefetchForwards = (
  impl: NetworkImplementation,
  count: number,
  argsOf: (i: number) => { params: Matrix[]; X: Matrix },
) =>
  prefetched(
    impl,
    count,
    (i) => ({ op: 'forward' as const, ...argsOf(i) }),
    (c): Promise<Matrix> => impl.forward(c.params, c.X),
  );

/**
 * loss(params, X, Y, lam) with argsOf(i)'s arguments for i = 0 .. count−1, read in order with the
 * returned function.
 */
export const prefetchLosses = (
  impl: NetworkImplementation,
  count: number,
  argsOf: (i: number) => { params: Matrix[]; X: Matrix; Y: Matrix; lam: number },
) =>
  prefetched(
    impl,
    count,
    (i) => ({ op: 'loss' as const, ...argsOf(i) }),
    (c): Promise<number> => impl.loss(c.params, c.X, c.Y, c.lam),
  );

/**
 * gradients(params, X, Y, lam) with argsOf(i)'s arguments for i = 0 .. count−1, read in order
 * with the returned function.
 */
export const prefetchGradients = (
  impl: NetworkImplementation,
  count: number,
  argsOf: (i: number) => { params: Matrix[]; X: Matrix; Y: Matrix; lam: number },
) =>
  prefetched(
    impl,
    count,
    (i) => ({ op: 'gradients' as const, ...argsOf(i) }),
    (c): Promise<Matrix[]> => impl.gradients(c.params, c.X, c.Y, c.lam),
  );
