import type { Matrix } from '../../core/matrix.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { matricesIn, type Method } from './protocol.ts';
import type { Attempt } from './batched-ops.ts';

/**
 * One call of the live implementation in the Node process running the user's module: its value
 * or what it threw, and the argument matrices the call wrote into (the caller's purity checks
 * see them, as the Python bridge's see arrays modified in place).
 */

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** True when two arrays differ by Object.is (NaN equals NaN, 0 is not −0) somewhere. */
function differ(a: Float64Array, b: Float64Array): boolean {
  // The same bytes are the same values (the common case, one memcmp); other bytes may still be
  // the same values by Object.is (NaNs of other payloads), so those are compared entry by entry.
  if (bytes(a).equals(bytes(b))) return false;
  for (let j = 0; j < a.length; j++) if (!Object.is(a[j], b[j])) return true;
  return false;
}

/** Matrices that differ from their copies taken before a call. */
function written(inputs: Matrix[], before: Float64Array[]): [number, Float64Array][] {
  const out: [number, Float64Array][] = [];
  inputs.forEach((x, i) => {
    if (differ(x.data, before[i])) out.push([i, x.data]);
  });
  return out;
}

export type CallMethod = Exclude<Method, 'calls' | 'sgd' | 'lossMany' | 'forwardMany'>;

/** One call: its value or what it threw, and the argument matrices it wrote into. */
export async function invoke(live: NetworkImplementation, method: Method, args: unknown[]) {
  const inputs = matricesIn(args);
  const before = inputs.map((x) => x.data.slice());
  const a = args as never[];
  const each = async <T>(sets: never[], f: (p: never) => Promise<T>) => {
    const out: T[] = [];
    for (const p of sets) out.push(await f(p));
    return out;
  };
  try {
    let value: unknown;
    if (method === 'lossMany') value = await each(a[0], (p) => live.loss(p, a[1], a[2], a[3]));
    else if (method === 'forwardMany') value = await each(a[0], (p) => live.forward(p, a[1]));
    else value = await (live[method as CallMethod] as (...x: never[]) => Promise<unknown>)(...a);
    return { ok: true as const, value, mutated: written(inputs, before), inputs, before };
  } catch (e) {
    return { ok: false as const, error: e, mutated: written(inputs, before), inputs, before };
  }
}

/**
 * A call inside a request of many, taken only when a request of its own would answer it with a
 * plain value: its value as that request's reply would carry it (a structured clone, so later
 * calls cannot change it), else null. A call that wrote into its arguments leaves them as they
 * were before it (the request stops there, and the caller makes that call itself), so a request
 * may hand its own matrices to a call instead of copies.
 */
export const attempt =
  (live: NetworkImplementation): Attempt =>
  async (method, args) => {
    const r = await invoke(live, method, args);
    if (r.mutated.length > 0) r.mutated.forEach(([i]) => r.inputs[i].data.set(r.before[i]));
    if (!r.ok || r.mutated.length > 0) return null;
    try {
      return { value: structuredClone(r.value) };
    } catch {
      return null; // a value the channel cannot carry: the call alone meets it as before
    }
  };
