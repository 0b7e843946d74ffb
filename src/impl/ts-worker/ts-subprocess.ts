import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { Matrix } from '../../core/matrix.ts';
import type { ActivationName } from '../../ops/activation.ts';
import type { Layout } from '../../nn/layouts.ts';
import { InitCache } from '../init-cache.ts';
import { CallProgress } from '../call-progress.ts';
import { batchBudgetS, type CallsResult, type NetworkImplementation, type SgdChunkResult } from '../implementation.ts';
import type { LoadOptions } from '../adapters/load-options.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { NodeHost, toError } from './client.ts';
import { matricesIn, type Method } from './protocol.ts';

export interface TsSubprocessOptions extends LoadOptions {
  timeoutMs: number;
}

/**
 * A TypeScript/JavaScript implementation run in its own Node process: the same adapter as in
 * process, behind a channel with timeouts, crash recovery and process-group cleanup. Matrices
 * the user's code wrote into come back and are written into the caller's, so purity checks see
 * the mutation of the user's own objects.
 */
export async function loadTsSubprocess(
  path: string,
  o: TsSubprocessOptions,
): Promise<NetworkImplementation & { host: NodeHost }> {
  const file = resolve(path);
  if (!existsSync(file))
    throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  const host = new NodeHost({
    file: path,
    load: { className: o.className, activation: o.activation },
    timeoutMs: o.timeoutMs,
  });
  let hello;
  try {
    hello = await host.start();
  } catch (e) {
    await host.close();
    throw e;
  }
  const notes = [...hello.notes];
  const call = async <R>(method: Method, args: unknown[], what: string, graceMs = 0): Promise<R> => {
    const r = await host.call(method, args, what, graceMs);
    const mine = matricesIn(args);
    for (const [i, data] of r.mutated) if (mine[i] && mine[i].data.length === data.length) mine[i].data.set(data);
    for (const n of r.notes) if (!notes.includes(n)) notes.push(n);
    if (!r.ok) throw toError(r.error, what);
    return r.value as R;
  };
  // A request of many calls starts none after budgetS (batched-ops.ts): it may last that much longer than one call.
  const budgetS = batchBudgetS(o.timeoutMs);
  const inits = new InitCache();
  const progress = new CallProgress();
  const impl: NetworkImplementation & { host: NodeHost } = {
    name: hello.name,
    activation: hello.activation as ActivationName,
    layout: hello.layout as Layout,
    notes,
    host,
    leakySlope: hello.leakySlope,
    precision: hello.precision,
    statelessCalls: hello.statelessCalls,
    incidents: host.incidents,
    initParams: (D, H, K, seed) =>
      inits.get(D, H, K, seed, () => call<Matrix[]>('initParams', [D, H, K, seed], 'initParams()')),
    forward: (params, X) => call<Matrix>('forward', [params, X], 'forward()'),
    loss: (params, X, Y, lam) => call<number>('loss', [params, X, Y, lam], 'loss()'),
    gradients: (params, X, Y, lam) => call<Matrix[]>('gradients', [params, X, Y, lam], 'gradients()'),
    lossMany: (sets, X, Y, lam) => call<number[]>('lossMany', [sets, X, Y, lam], 'loss()'),
    forwardMany: (sets, X) => call<Matrix[]>('forwardMany', [sets, X], 'forward()'),
    // The call running when the process hangs or dies is named (see CallProgress).
    callMany: (calls) =>
      progress.during((path) => call<CallsResult>('calls', [calls, budgetS, path], `${calls[0].op}()`, budgetS * 1000)),
    // A timeout here is most likely a gradients() call (the loop's steps), and counted as one.
    sgdChunk: (r) => {
      const s = r.budgetS ?? budgetS;
      return call<SgdChunkResult>('sgd', [r, s], 'gradients()', s * 1000);
    },
    train: hello.hasTrain
      ? (X, Y, H, epochs, lr, lam, seed) => call<Matrix[]>('train', [X, Y, H, epochs, lr, lam, seed], 'train()')
      : undefined,
    close: async () => {
      progress.close();
      await host.close();
    },
  };
  // As for Python: asked again and again by the properties; reused once a repeated call agrees bit for bit.
  if (hello.statelessCalls) inits.learnFromRepeats();
  return impl;
}
