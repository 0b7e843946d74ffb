import { ImplementationFault } from '../findings/implementation-fault.ts';
import type { NetworkImplementation } from './implementation.ts';

/** Timeouts of one function after which nncheck stops calling it for the rest of the run. */
export const TIMEOUTS_BEFORE_OPEN = 2;

type Method = 'initParams' | 'forward' | 'loss' | 'gradients' | 'train';
const USER_NAME: Record<Method, string> = {
  initParams: 'initParams',
  forward: 'forward',
  loss: 'loss',
  gradients: 'gradients',
  train: 'train',
};

/**
 * A circuit breaker around an implementation: a function that has timed out twice is not called
 * again in that run; each later call fails at once with a 'not-run' fault that says why, which
 * the harness reports as a check not run. So a function that never returns costs a few
 * timeouts, not one per generated case and shrink step.
 */
export function withCircuitBreaker(impl: NetworkImplementation, limit = TIMEOUTS_BEFORE_OPEN): NetworkImplementation {
  const timeouts = new Map<Method, number>();
  const guard =
    <A extends unknown[], R>(m: Method, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const n = timeouts.get(m) ?? 0;
      if (n >= limit) {
        throw new ImplementationFault(
          'not-run',
          `not run: ${USER_NAME[m]}() timed out ${n} times earlier in this run, so nncheck stopped calling it`,
          'make the function return (an endless loop, a wait on input or on a lock?), ' +
            'or raise the limit with --timeout',
        );
      }
      try {
        return await fn(...a);
      } catch (e) {
        if (e instanceof ImplementationFault && e.kind === 'timeout') timeouts.set(m, n + 1);
        throw e;
      }
    };
  // The SGD loop run next to the implementation calls gradients(), loss() and forward(): once any
  // of them is refused, the loop runs call by call, so each refusal reads as it always did. A
  // timeout of the loop counts as one of gradients(), the call its steps make.
  const sgdChunk =
    (fn: NonNullable<NetworkImplementation['sgdChunk']>): NetworkImplementation['sgdChunk'] =>
    async (r) => {
      if ((['gradients', 'loss', 'forward'] as const).some((m) => (timeouts.get(m) ?? 0) >= limit)) return null;
      return guard('gradients', fn)(r);
    };
  // Calls made together are refused together while either kind is refused (each is then made,
  // and refused, one by one); a timeout counts against the kind of the calls.
  const callMany =
    (fn: NonNullable<NetworkImplementation['callMany']>): NetworkImplementation['callMany'] =>
    async (calls) => {
      if ((['loss', 'forward', 'gradients'] as const).some((m) => (timeouts.get(m) ?? 0) >= limit)) return null;
      return guard(calls[0].op, fn)(calls);
    };
  // Made together, or (null) one by one while the kind is refused, so each refusal reads as it always did.
  const refusable =
    <A extends unknown[], R>(m: Method, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R | null> =>
      (timeouts.get(m) ?? 0) >= limit ? null : guard(m, fn)(...a);
  const bound = <K extends keyof NetworkImplementation>(k: K) => {
    const f = impl[k];
    return typeof f === 'function' ? (f as (...a: unknown[]) => unknown).bind(impl) : undefined;
  };
  const many = <R>(m: Method, k: 'lossMany' | 'forwardMany') => {
    const f = bound(k) as ((...a: unknown[]) => Promise<R>) | undefined;
    return f ? guard(m, f) : undefined;
  };
  return {
    ...impl,
    initParams: guard('initParams', impl.initParams.bind(impl)),
    forward: guard('forward', impl.forward.bind(impl)),
    loss: guard('loss', impl.loss.bind(impl)),
    gradients: guard('gradients', impl.gradients.bind(impl)),
    lossMany: many<number[]>('loss', 'lossMany'),
    forwardMany: many('forward', 'forwardMany'),
    lossesAlong: impl.lossesAlong ? guard('loss', impl.lossesAlong.bind(impl)) : undefined,
    lossesAlongMany: impl.lossesAlongMany ? refusable('loss', impl.lossesAlongMany.bind(impl)) : undefined,
    train: impl.train ? guard('train', impl.train.bind(impl)) : undefined,
    sgdChunk: impl.sgdChunk ? sgdChunk(impl.sgdChunk.bind(impl)) : undefined,
    callMany: impl.callMany ? callMany(impl.callMany.bind(impl)) : undefined,
  };
}
