import type { CallsResult, NetworkImplementation, PlainCall } from './implementation.ts';
import { CallTape } from './call-tape.ts';
import { CallGatherer, type CallKind } from './call-gatherer.ts';

/** A property's calls answered ahead of its run (see CallGatherer); the harness drives it. */
export interface CallMemo {
  impl: NetworkImplementation;
  gather(cases: () => Promise<unknown>): Promise<void>;
  reset(): void;
}

type Result = CallsResult['results'][number];

const argsOf = (c: PlainCall): unknown[] => (c.op === 'forward' ? [c.params, c.X] : [c.params, c.X, c.Y, c.lam]);

/** Other calls whose answers are kept: functions of their arguments by the contract, one per round trip. */
const KEPT = ['initParams', 'lossMany', 'forwardMany', 'lossesAlong'] as const;
/** Calls never kept, made in order while gathering: their answers depend on what ran before. */
const IN_ORDER = ['sgdChunk', 'train', 'sideEffects'] as const;

/** lossesAlong() calls, as (shapes, base, moves, X, Y, lam) lists, made many per round trip when the process can. */
function alongMany(inner: NetworkImplementation): CallKind<unknown[], unknown>['many'] {
  const many = inner.lossesAlongMany?.bind(inner);
  if (!many) return undefined;
  return (lists) =>
    many(
      (lists as Parameters<NonNullable<NetworkImplementation['lossesAlong']>>[]).map(
        ([shapes, base, moves, X, Y, lam]) => ({ shapes, base, moves, X, Y, lam }),
      ),
    );
}

/**
 * An implementation whose forward(), loss() and gradients() calls a property's cases make
 * together, many per round trip (callMany), while gathering; for an implementation with
 * `statelessCalls` only, since the cases' calls are interleaved.
 */
export function withCallMemo(inner: NetworkImplementation): CallMemo {
  const g = new CallGatherer();
  const plain: CallKind<PlainCall, Result> = {
    // A call's tape names its method: loss() and gradients() take the same arguments.
    tape: (c) => CallTape.of([c.op, ...argsOf(c)]),
    one: (c) => (c.op === 'forward' ? inner.forward(c.params, c.X) : inner[c.op](c.params, c.X, c.Y, c.lam)),
    many: inner.callMany?.bind(inner),
  };
  const impl: NetworkImplementation = Object.create(inner);
  impl.forward = (params, X) => g.call(plain, { op: 'forward', params, X }) as Promise<typeof X>;
  impl.loss = (params, X, Y, lam) => g.call(plain, { op: 'loss', params, X, Y, lam }) as Promise<number>;
  impl.gradients = (params, X, Y, lam) =>
    g.call(plain, { op: 'gradients', params, X, Y, lam }) as Promise<(typeof params)[number][]>;
  if (inner.callMany) {
    const many = inner.callMany.bind(inner);
    // While gathering, a case's several calls are held one by one, with the other cases' (null:
    // make them one by one); in the run, the answers kept for its first calls are served.
    impl.callMany = async (calls) => {
      if (g.isGathering) return null;
      const served = g.servedMany(plain, calls);
      return served ? { results: served, stop: 'time' } : many(calls);
    };
  }
  for (const m of KEPT) {
    const fn = inner[m] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (!fn) continue;
    const kind: CallKind<unknown[], unknown> = {
      tape: (a) => CallTape.of([m, ...a]),
      one: (a) => fn.apply(inner, a),
      many: m === 'lossesAlong' ? alongMany(inner) : undefined,
    };
    Object.assign(impl, { [m]: (...a: unknown[]) => g.call(kind, a) });
  }
  for (const m of IN_ORDER) {
    const fn = inner[m] as ((...a: unknown[]) => Promise<unknown>) | undefined;
    if (fn) Object.assign(impl, { [m]: (...a: unknown[]) => g.inOrder(() => fn.apply(inner, a)) });
  }
  return { impl, gather: (cases) => (inner.callMany ? g.gather(cases) : Promise.resolve()), reset: () => g.reset() };
}
