import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Matrix } from '../../core/matrix.ts';
import type { LoadOptions } from '../adapters/load-options.ts';
import { settleActivation } from '../adapters/infer-activation.ts';
import { batchBudgetS, type CallsResult, type NetworkImplementation } from '../implementation.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { resolveLayout } from '../adapters/infer-layout.ts';
import { initParamsOrSetupError, withContractChecks } from '../adapters/contract.ts';
import { PythonBridge } from './bridge-client.ts';
import { isPrecision } from '../../core/precision.ts';
import { ownTrainerOf, type TrainDescription } from './own-trainer.ts';
import { layerNote } from '../layers/layer-module.ts';
import { classNote } from './class-note.ts';
import { alongRequest } from './along-request.ts';
import type { CacheLimits } from './sent-arrays.ts';
import { ordersMatrix, sgdChunkResult } from './sgd-chunk.ts';
import { callResults } from './call-results.ts';
import { InitCache } from '../init-cache.ts';
import { CallProgress } from '../call-progress.ts';
import {
  attributesNote,
  functionalNote,
  functionsNote,
  type AttrNetDescription,
  type FnNetDescription,
  type FunctionalState,
} from './read-as-notes.ts';
import { definitionsOnlyNotes } from './load-notes.ts';

export interface PythonLoadOptions extends LoadOptions {
  script?: string;
  /** What the bridge's array cache keeps (the benchmark turns it off to compare). */
  cacheLimits?: CacheLimits;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * A NumPy implementation behind the bridge. Arguments the Python side modified in place come
 * back and are written into the caller's matrices, so purity checks see the mutation.
 */
export async function loadPythonModule(
  path: string,
  o: PythonLoadOptions = {},
): Promise<NetworkImplementation & { bridge: PythonBridge }> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  const bridge = new PythonBridge({
    file,
    python: o.python ?? 'python3',
    className: o.className,
    timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    script: o.script,
    extraArgs: o.layerClasses ? ['--layer-classes', o.layerClasses] : [],
    cacheLimits: o.cacheLimits,
  });
  let hello: Record<string, unknown>;
  try {
    hello = await bridge.start();
  } catch (e) {
    await bridge.close();
    throw e;
  }
  const shape =
    hello.shape === 'class'
      ? classNote(hello)
      : hello.shape === 'layers'
        ? layerNote(hello)
        : hello.shape === 'attributes'
          ? attributesNote(hello.attrNet as AttrNetDescription)
          : hello.shape === 'functions'
            ? functionsNote(hello.fnNet as FnNetDescription)
            : 'functional contract';
  const notes = [
    `Python ${hello.python} (${hello.executable}), numpy ${hello.numpy}; ${shape}`,
    ...definitionsOnlyNotes(path, hello),
  ];
  if (typeof hello.layerClassesUnused === 'string') notes.push(hello.layerClassesUnused);
  const returnedDtypes = new Set<string>();
  const inits = new InitCache();
  const callsBudgetS = batchBudgetS(o.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  /** The dtypes and shape notes a response reports, kept for the run (once each). */
  const absorb = (header: Record<string, unknown>) => {
    for (const d of (header.dtypes as string[] | undefined) ?? []) returnedDtypes.add(d);
    for (const n of (header.notes as string[] | undefined) ?? []) {
      const key = n.slice(0, n.indexOf(' has shape'));
      if (!notes.includes(n) && !notes.some((x) => x.startsWith(`${key} has shape`))) notes.push(n);
    }
  };
  // A request of many calls names the call running when the process hangs or dies (see CallProgress).
  const progress = new CallProgress();
  const manyCalls = (header: Record<string, unknown>, arrays: Matrix[], what: string) =>
    progress.during((path) => bridge.call('calls', { ...header, progress: path }, arrays, what));
  const writeBack = (f: { header: Record<string, unknown>; arrays: Matrix[] }, args: Matrix[]) => {
    absorb(f.header);
    const mutated = (f.header.mutated as number[] | undefined) ?? [];
    const results = (f.header.results as number | undefined) ?? f.arrays.length;
    mutated.forEach((argIndex, k) => {
      const src = f.arrays[results + k],
        dst = args[argIndex];
      if (src && dst && src.data.length === dst.data.length) dst.data.set(src.data);
    });
    return f.arrays.slice(0, results);
  };
  const impl: NetworkImplementation & { bridge: PythonBridge } = {
    name: path,
    activation: 'relu',
    layout: 'separate',
    notes,
    bridge,
    incidents: bridge.incidents,
    leakySlope: typeof hello.leakySlope === 'number' ? hello.leakySlope : undefined,
    precision: isPrecision(hello.precision) ? hello.precision : undefined,
    // Module functions given the parameters on each call (the functional contract, or init/forward/
    // loss_and_grads functions), or a class whose instance the bridge builds again for each call's
    // sizes as that case's init_params built it (nncheck_class_shape.instance_for); layer objects
    // or attributes keep the one instance init_params built last.
    statelessCalls: ['functional', 'functions', 'class'].includes(String(hello.shape)),
    returnedDtypes,
    async initParams(D, H, K, seed) {
      return inits.get(D, H, K, seed, async () => {
        const f = await bridge.call('init_params', { D, H, K, seed }, [], 'init_params()');
        const read = hello.shape === 'functional' ? functionalNote(f.header.state as FunctionalState) : undefined;
        if (read && !notes.includes(read)) notes.push(read);
        return f.arrays;
      });
    },
    async forward(params, X) {
      const args = [...params, X];
      return writeBack(await bridge.call('forward', { params: params.length }, args), args)[0];
    },
    async loss(params, X, Y, lam) {
      const args = [...params, X, Y];
      return writeBack(await bridge.call('loss', { params: params.length, lam }, args), args)[0].data[0];
    },
    async gradients(params, X, Y, lam) {
      const args = [...params, X, Y];
      return writeBack(await bridge.call('gradients', { params: params.length, lam }, args), args);
    },
    async lossMany(sets, X, Y, lam) {
      if (sets.length === 0) return [];
      const f = await bridge.call(
        'loss_many',
        { params: sets[0].length, sets: sets.length, lam },
        [...sets.flat(), X, Y],
        'loss()',
      );
      return Array.from(f.arrays[0].data);
    },
    async lossesAlong(shapes, base, moves, X, Y, lam) {
      if (moves.length === 0) return [];
      const r = alongRequest(shapes, base, moves, { X, Y, lam });
      return Array.from((await bridge.call('loss_along', r.header, r.arrays, 'loss()')).arrays[0].data);
    },
    async lossesAlongMany(calls) {
      const rs = calls.map((c) => alongRequest(c.shapes, c.base, c.moves, c));
      const f = await manyCalls(
        {
          calls: rs.map((r) => ({ op: 'loss_along', header: r.header, arrays: r.arrays.length, params: 0 })),
          budget: callsBudgetS,
        },
        rs.flatMap((r) => r.arrays),
        'loss()',
      );
      absorb(f.header);
      const done = (f.header.counts as number[]).length;
      return {
        results: f.arrays.slice(0, done).map((a) => Array.from(a.data)),
        stop: f.header.stop as CallsResult['stop'],
      };
    },
    async forwardMany(sets, X) {
      if (sets.length === 0) return [];
      return (
        await bridge.call(
          'forward_many',
          { params: sets[0].length, sets: sets.length },
          [...sets.flat(), X],
          'forward()',
        )
      ).arrays;
    },
    async callMany(calls) {
      const f = await manyCalls(
        {
          calls: calls.map((c) => ({
            op: c.op,
            params: c.params.length,
            lam: c.op === 'forward' ? 0 : c.lam,
            arrays: c.params.length + (c.op === 'forward' ? 1 : 2),
          })),
          budget: callsBudgetS,
        },
        calls.flatMap((c) => (c.op === 'forward' ? [...c.params, c.X] : [...c.params, c.X, c.Y])),
        `${calls[0].op}()`,
      );
      absorb(f.header);
      return { results: callResults(f, calls), stop: f.header.stop as CallsResult['stop'] };
    },
    async sgdChunk(r) {
      const f = await bridge.call(
        'sgd',
        {
          params: r.params.length,
          lr: r.lr,
          lam: r.lam,
          batch: r.batchSize,
          step: r.step,
          snapshots: r.snapshots,
          // Steps stop after this long, so one request lasts about one call (well within --timeout).
          budget: r.budgetS ?? callsBudgetS,
        },
        [...r.params, r.X, r.Y, ordersMatrix(r.orders, r.X.rows)],
        // A timeout here is most likely a gradients() call (the loop's steps), and counted as one.
        'gradients()',
      );
      absorb(f.header);
      return sgdChunkResult(f, r.params.length, r.snapshots);
    },
    train: hello.hasTrain
      ? async (X, Y, H, epochs, lr, lam, seed) =>
          (await bridge.call('train', { H, epochs, lr, lam, seed }, [X, Y], 'train()')).arrays
      : undefined,
    sideEffects: async () =>
      ((await bridge.call('side_effects', {}, [], 'side effects')).header.effects as string[] | undefined) ?? [],
    ownTrainer: ownTrainerOf(bridge, hello.train as TrainDescription | null | undefined),
    close: async () => {
      progress.close();
      await bridge.close();
    },
  };
  try {
    const probe = await initParamsOrSetupError(impl);
    if (impl.statelessCalls) inits.enableIfRepeatable(probe, await initParamsOrSetupError(impl));
    impl.layout = resolveLayout(probe, hello.layout ?? undefined, 'init_params', notes);
    await settleActivation(
      impl,
      o.activation ?? hello.activation ?? undefined,
      o.activation ? 'flag' : 'file',
      impl.leakySlope,
    );
  } catch (e) {
    await bridge.close();
    throw e;
  }
  return Object.assign(withContractChecks(impl), { bridge });
}
