import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromData, fromRows, type Matrix } from '../../core/matrix.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { PythonBridge } from '../python/bridge-client.ts';
import { definitionsOnlyNotes } from '../python/load-notes.ts';
import { batchBudgetS } from '../implementation.ts';
import { CallProgress } from '../call-progress.ts';

/** A free function of the user's file, as the bridge lists it. */
export interface FreeFunction {
  name: string;
  /** Positional parameter names. */
  params: string[];
  /** How many of them have no default. */
  required: number;
  line?: number;
}

/** An argument: an array (2-D, or 1-D with `vector`), a float, integer labels, or a list of arrays. */
export type OpArg =
  | { kind: 'array'; m: Matrix; vector?: boolean }
  | { kind: 'scalar'; v: number }
  | { kind: 'labels'; v: number[] }
  | { kind: 'list'; ms: Matrix[] };

export interface CallResult {
  /** The result (the first element when the function returns a tuple), 2-D; null for None. */
  value: Matrix | null;
  /** The result's own dimensions: 0 for a scalar, 1 for a vector. */
  ndim: number;
  /** Arguments the call wrote into, by position, with their contents after the call. */
  mutated: { arg: number; after: Matrix }[];
  /** The result's own dtype (e.g. float32) when it was an array; it travels as float64 values. */
  dtype?: string;
}

/** The free functions of one file and a way to call them; `close` ends the process. */
export interface FreeFunctions {
  readonly file: string;
  readonly functions: FreeFunction[];
  /** The file also holds a full network contract (functions or a class). */
  readonly hasContract: boolean;
  /** How the file was read (e.g. the script statements skipped). */
  readonly notes: string[];
  call(name: string, args: OpArg[]): Promise<CallResult>;
  /**
   * Several calls in one round trip, each answered as call() answers it alone; stop replay: the
   * next call raised and must be made alone (with its traceback); time: ask again for the rest.
   */
  callMany?(calls: FreeCall[]): Promise<{ results: CallResult[]; stop: 'done' | 'time' | 'replay' }>;
  close(): Promise<void>;
}

/** One call of a free function, as callMany takes it. */
export interface FreeCall {
  name: string;
  args: OpArg[];
}

export const array = (m: Matrix | number[][]): OpArg => ({ kind: 'array', m: Array.isArray(m) ? fromRows(m) : m });
export const scalar = (v: number): OpArg => ({ kind: 'scalar', v });

function encode(args: OpArg[]): { kinds: string[]; arrays: Matrix[] } {
  const kinds: string[] = [],
    arrays: Matrix[] = [];
  for (const a of args) {
    if (a.kind === 'array') {
      kinds.push(a.vector ? 'r' : 'a');
      arrays.push(a.m);
    } else if (a.kind === 'scalar') {
      kinds.push('s');
      arrays.push(fromData(1, 1, [a.v]));
    } else if (a.kind === 'labels') {
      kinds.push('v');
      arrays.push(fromData(1, a.v.length, a.v));
    } else {
      kinds.push(`l${a.ms.length}`);
      arrays.push(...a.ms);
    }
  }
  return { kinds, arrays };
}

/** What the bridge says of one call: its result's kind and the arguments it changed. */
interface CallMeta {
  none?: boolean;
  ndim?: number;
  mutated?: number[];
  dtype?: string | null;
}

/** A call's answer: its result (arrays[0]), then each argument it changed, in the order meta names them. */
const callResult = (h: CallMeta, arrays: Matrix[]): CallResult => ({
  value: h.none ? null : arrays[0],
  ndim: h.ndim ?? 2,
  mutated: (h.mutated ?? []).map((arg, k) => ({ arg, after: arrays[1 + k] })),
  ...(h.dtype ? { dtype: h.dtype } : {}),
});

/** Starts the bridge in free-ops mode on a .py file (loaded definitions-only when it does work). */
export async function openPythonFreeFunctions(
  path: string,
  o: { python?: string; timeoutMs: number },
): Promise<FreeFunctions> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  const bridge = new PythonBridge({
    file,
    python: o.python ?? 'python3',
    timeoutMs: o.timeoutMs,
    extraArgs: ['--free-ops'],
  });
  // A request of many calls names the call running when the process hangs or dies (see CallProgress).
  const progress = new CallProgress();
  const hello = await bridge.start().catch(async (e) => {
    await bridge.close();
    throw e;
  });
  return {
    file: path,
    functions: (hello.functions as FreeFunction[] | undefined) ?? [],
    hasContract: hello.contract === true,
    notes: definitionsOnlyNotes(path, hello),
    async call(name, args) {
      const { kinds, arrays } = encode(args);
      const f = await bridge.call('call_fn', { name, kinds }, arrays, `${name}()`);
      return callResult(f.header as CallMeta, f.arrays);
    },
    async callMany(calls) {
      const encoded = calls.map((c) => ({ name: c.name, ...encode(c.args) }));
      const f = await progress.during((path) =>
        bridge.call(
          'call_fns',
          {
            calls: encoded.map((e) => ({ name: e.name, kinds: e.kinds, arrays: e.arrays.length })),
            budget: batchBudgetS(o.timeoutMs),
            progress: path,
          },
          encoded.flatMap((e) => e.arrays),
          `${calls[0].name}()`,
        ),
      );
      const metas = f.header.metas as CallMeta[];
      let k = 0;
      const results = metas.map((h) => callResult(h, f.arrays.slice(k, (k += 1 + (h.mutated?.length ?? 0)))));
      return { results, stop: f.header.stop as 'done' | 'time' | 'replay' };
    },
    close: async () => {
      progress.close();
      await bridge.close();
    },
  };
}
