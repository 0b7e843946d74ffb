import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fromData, fromRows, type Matrix } from '../../core/matrix.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { PythonBridge } from '../python/bridge-client.ts';
import { definitionsOnlyNotes } from '../python/load-notes.ts';

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
  close(): Promise<void>;
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
      const h = f.header as { none?: boolean; ndim?: number; mutated?: number[]; dtype?: string | null };
      return {
        value: h.none ? null : f.arrays[0],
        ndim: h.ndim ?? 2,
        mutated: (h.mutated ?? []).map((arg, k) => ({ arg, after: f.arrays[1 + k] })),
        ...(h.dtype ? { dtype: h.dtype } : {}),
      };
    },
    close: () => bridge.close(),
  };
}
