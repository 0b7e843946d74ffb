import type { Precision } from '../../core/precision.ts';
import { isMatrix, type Matrix } from '../../core/matrix.ts';
import type { FaultKind } from '../../findings/implementation-fault.ts';
import type { LoadOptions } from '../adapters/load-options.ts';

/**
 * Messages between nncheck and the Node process that runs a user's TypeScript/JavaScript
 * module (an IPC channel with structured-clone serialisation, so matrices travel as
 * Float64Arrays). One request at a time; each reply carries the matrices the call wrote into.
 */
export type Method =
  | 'initParams'
  | 'forward'
  | 'loss'
  | 'gradients'
  | 'lossMany'
  | 'forwardMany'
  | 'train'
  // Many calls in one request (batched-ops.ts): args [PlainCall[], budgetS] or [SgdChunkRequest, budgetS].
  | 'calls'
  | 'sgd';

export type Request =
  | { type: 'load'; id: number; path: string; opts: LoadOptions }
  | { type: 'call'; id: number; method: Method; args: unknown[] };

export interface Hello {
  name: string;
  activation: string;
  layout: string;
  notes: string[];
  leakySlope?: number;
  /** The module's declared precision (PRECISION / precision), when it declares one. */
  precision?: Precision;
  hasTrain: boolean;
  /** Exported functions, not a class: each call depends on its arguments alone. */
  statelessCalls?: boolean;
}

/** An error as it crosses the channel: a setup error, a fault of the implementation, or anything else it threw. */
export interface WireError {
  kind: 'setup' | 'fault' | 'thrown';
  faultKind?: FaultKind;
  name: string;
  message: string;
  fix?: string;
  detail?: string;
}

export type Reply =
  | { id: number; ok: true; value: unknown; mutated: [number, Float64Array][]; notes: string[] }
  | { id: number; ok: false; error: WireError; mutated: [number, Float64Array][]; notes: string[] };

/**
 * Sent while a request of many calls runs, before it starts a call past the time it was given
 * (the forward() that closes an epoch's evaluation): that call gets a whole timeout of its own.
 */
export interface Tick {
  id: number;
  tick: true;
}

/** The matrices among a call's arguments, in a fixed order (both sides walk them the same way). */
export function matricesIn(args: readonly unknown[]): Matrix[] {
  const out: Matrix[] = [];
  const walk = (x: unknown) => {
    if (isMatrix(x)) out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
  };
  args.forEach(walk);
  return out;
}
