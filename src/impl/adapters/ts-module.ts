import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Matrix } from '../../core/matrix.ts';
import { isActivationName } from '../../ops/activations.ts';
import { isPrecision } from '../../core/precision.ts';
import { ACTIVATIONS, type ActivationName } from '../../ops/activation.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { toMatrix, toNested } from './arrays.ts';
import { SetupError } from './setup-error.ts';
import { resolveLayout, PROBE } from './infer-layout.ts';
import { withContractChecks } from './contract.ts';
import { classAdapter } from './ts-class.ts';

export interface LoadOptions {
  /** For a module holding several classes: which one to check. */
  className?: string;
  /** Overrides or supplies the hidden activation. */
  activation?: ActivationName;
}

type Fn = (...args: unknown[]) => unknown;

/** Calls a user function; `undefined` back means an unfinished template, a setup error. */
async function call(fnName: string, fn: Fn, ...args: unknown[]): Promise<unknown> {
  const out = await fn(...args);
  if (out === undefined) throw new SetupError(`${fnName}() returned nothing`, `the function looks unfinished: make ${fnName}() return its result`);
  return out;
}

/** Loads a TypeScript or JavaScript implementation in process (functional contract or a class). */
export async function loadTsModule(path: string, opts: LoadOptions = {}): Promise<NetworkImplementation> {
  const file = resolve(path);
  if (!existsSync(file)) throw new SetupError(`file not found: ${path}`, 'check the path (relative to the current directory)');
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code === 'ERR_MODULE_NOT_FOUND') throw new SetupError(`${path} imports a module that cannot be found: ${err.message.split('\n')[0]}`, 'install it (npm install ...) or fix the import path');
    throw new SetupError(`${path} failed to load: ${err.name}: ${err.message.split('\n')[0]}`, 'run it on its own (npx tsx FILE) to see the full error');
  }
  const exports: Record<string, unknown> = { ...(typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>) : {}), ...mod };
  const declared = opts.activation ?? exports.activation ?? exports.ACTIVATION;
  const classes = Object.entries(exports).filter(([, v]) => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)));
  const functional = ['initParams', 'forward', 'loss', 'gradients'].every((k) => typeof exports[k] === 'function');
  if (!functional && (classes.length > 0 || opts.className)) return classAdapter(path, exports, classes, opts, declared);
  for (const k of ['initParams', 'forward', 'loss', 'gradients']) {
    if (typeof exports[k] !== 'function') {
      throw new SetupError(`${path} does not export ${k}()`, `export activation, initParams(D, H, K, seed), forward(params, X), loss(params, X, Y, lam) and gradients(params, X, Y, lam) (see the README), or a class with params and loss(X, y, reg)`);
    }
  }
  if (!isActivationName(declared)) throw new SetupError(`${path} declares activation ${JSON.stringify(declared)}`, `export const activation = one of ${ACTIVATIONS.join(', ')}, or pass --activation`);
  const f = exports as Record<string, Fn>;
  const list = (x: unknown, what: string) => {
    if (!Array.isArray(x)) throw new SetupError(`${what} returned ${typeof x}, expected a list of arrays`);
    return x.map((m, i) => toMatrix(m, `${what}[${i}]`));
  };
  const args = (params: Matrix[]) => params.map(toNested);
  const notes: string[] = [];
  const probe = list(await call('initParams', f.initParams, PROBE.D, PROBE.H, PROBE.K, 0), 'initParams');
  const layout = resolveLayout(probe, exports.layout ?? exports.LAYOUT, 'initParams', notes);
  const impl: NetworkImplementation = {
    name: path, activation: declared, layout, notes,
    leakySlope: typeof exports.leakySlope === 'number' ? exports.leakySlope : undefined,
    precision: [exports.precision, exports.PRECISION].find(isPrecision),
    initParams: async (D, H, K, seed) => list(await call('initParams', f.initParams, D, H, K, seed), 'initParams'),
    forward: async (params, X) => toMatrix(await call('forward', f.forward, args(params), toNested(X)), 'forward'),
    loss: async (params, X, Y, lam) => Number(await call('loss', f.loss, args(params), toNested(X), toNested(Y), lam)),
    gradients: async (params, X, Y, lam) => list(await call('gradients', f.gradients, args(params), toNested(X), toNested(Y), lam), 'gradients'),
    train: typeof f.train === 'function'
      ? async (X, Y, H, epochs, lr, lam, seed) => list(await call('train', f.train, toNested(X), toNested(Y), H, epochs, lr, lam, seed), 'train')
      : undefined,
  };
  return withContractChecks(impl);
}
