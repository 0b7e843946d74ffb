import type { Matrix } from '../../core/matrix.ts';
import { isPrecision } from '../../core/precision.ts';
import { settleActivation } from './infer-activation.ts';
import type { NetworkImplementation } from '../implementation.ts';
import { toMatrix } from './arrays.ts';
import { HandedOut, lossValue } from './handed-out.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from './setup-error.ts';
import { resolveLayout, PROBE } from './infer-layout.ts';
import { withContractChecks } from './contract.ts';
import { classAdapter } from './ts-class.ts';
import { importUserModule } from './ts-import.ts';
import type { LoadOptions } from './load-options.ts';

export type { LoadOptions };

type Fn = (...args: unknown[]) => unknown;

/**
 * Calls a user function. `undefined` back is a fault on this input (the smoke test makes it a
 * setup error, an unfinished template, when it happens on every input).
 */
async function call(fnName: string, fn: Fn, ...args: unknown[]): Promise<unknown> {
  const out = await fn(...args);
  if (out === undefined)
    throw new ImplementationFault(
      'returned-none',
      `${fnName}() returned nothing on this input: a code path without a return`,
    );
  return out;
}

/** Calls user code on arrays it may write into; what it wrote goes back into the caller's matrices. */
async function withHandedOut<R>(use: (h: HandedOut) => Promise<R>): Promise<R> {
  const h = new HandedOut();
  try {
    return await use(h);
  } finally {
    h.writeBack();
  }
}

/** Loads a TypeScript or JavaScript implementation in process (functional contract or a class). */
export async function loadTsModule(path: string, opts: LoadOptions = {}): Promise<NetworkImplementation> {
  const mod = await importUserModule(path);
  const exports: Record<string, unknown> = {
    ...(typeof mod.default === 'object' && mod.default !== null ? (mod.default as Record<string, unknown>) : {}),
    ...mod,
  };
  const declared = opts.activation ?? exports.activation ?? exports.ACTIVATION;
  const classes = Object.entries(exports).filter(
    ([, v]) => typeof v === 'function' && /^class\s/.test(Function.prototype.toString.call(v)),
  );
  const functional = ['initParams', 'forward', 'loss', 'gradients'].every((k) => typeof exports[k] === 'function');
  if (!functional && (classes.length > 0 || opts.className))
    return classAdapter(path, exports, classes, opts, declared);
  for (const k of ['initParams', 'forward', 'loss', 'gradients']) {
    if (typeof exports[k] !== 'function') {
      throw new SetupError(
        `${path} does not export ${k}()`,
        'export activation, initParams(D, H, K, seed), forward(params, X), loss(params, X, Y, lam) ' +
          'and gradients(params, X, Y, lam) (see the README), or a class with params and loss(X, y, reg)',
      );
    }
  }
  const f = exports as Record<string, Fn>;
  const list = (x: unknown, what: string) => {
    if (!Array.isArray(x)) throw new SetupError(`${what} returned ${typeof x}, expected a list of arrays`);
    return x.map((m, i) => toMatrix(m, `${what}[${i}]`));
  };
  const notes: string[] = [];
  let probe: Matrix[];
  try {
    probe = list(await call('initParams', f.initParams, PROBE.D, PROBE.H, PROBE.K, 0), 'initParams');
  } catch (e) {
    if (e instanceof SetupError) throw e;
    const err = e as Error;
    const error = `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}${err?.stack ? `\n${err.stack}` : ''}`;
    throw new SetupError(
      `initParams(${PROBE.D}, ${PROBE.H}, ${PROBE.K}, 0), called before any check, failed: ${error}`,
      'fix initParams(); nothing can be checked without parameters',
    );
  }
  const layout = resolveLayout(probe, exports.layout ?? exports.LAYOUT, 'initParams', notes);
  const impl: NetworkImplementation = {
    name: path,
    activation: 'relu',
    layout,
    notes,
    leakySlope: declaredSlope(path, exports.leakySlope ?? exports.LEAKY_SLOPE),
    precision: [exports.precision, exports.PRECISION].find(isPrecision),
    // Exported functions given the parameters on each call (a class keeps the instance it built).
    statelessCalls: true,
    initParams: async (D, H, K, seed) => list(await call('initParams', f.initParams, D, H, K, seed), 'initParams'),
    forward: (params, X) =>
      withHandedOut(async (h) =>
        toMatrix(
          await call(
            'forward',
            f.forward,
            params.map((p) => h.nested(p)),
            h.nested(X),
          ),
          'forward',
        ),
      ),
    loss: (params, X, Y, lam) =>
      withHandedOut(async (h) =>
        lossValue(
          await call(
            'loss',
            f.loss,
            params.map((p) => h.nested(p)),
            h.nested(X),
            h.nested(Y),
            lam,
          ),
        ),
      ),
    gradients: (params, X, Y, lam) =>
      withHandedOut(async (h) =>
        list(
          await call(
            'gradients',
            f.gradients,
            params.map((p) => h.nested(p)),
            h.nested(X),
            h.nested(Y),
            lam,
          ),
          'gradients',
        ),
      ),
    train:
      typeof f.train === 'function'
        ? (X, Y, H, epochs, lr, lam, seed) =>
            withHandedOut(async (h) =>
              list(await call('train', f.train, h.nested(X), h.nested(Y), H, epochs, lr, lam, seed), 'train'),
            )
        : undefined,
  };
  await settleActivation(impl, declared, opts.activation ? 'flag' : 'file', impl.leakySlope);
  return withContractChecks(impl);
}

/** leakySlope when declared: a finite number, else a setup error naming the value. */
function declaredSlope(path: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new SetupError(
    `${path} declares leakySlope = ${String(v).slice(0, 80)}, which is not a finite number`,
    'export const leakySlope = 0.01 (the slope below zero), or remove it',
  );
}
