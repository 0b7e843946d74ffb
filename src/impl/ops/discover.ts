import { fromRows, toRows } from '../../core/matrix.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import type { FreeFunction, FreeFunctions } from './free-functions.ts';
import { NEVER_PROBE, derivativeBase, namedAsActivation } from './names.ts';
import { GRID, identifyActivation, type ActivationShape } from './shapes.ts';
import { PROBE_LOGITS, callRows, normalisedAxis, sameValues, transposeRows, looksFloat32 } from './probe.ts';
import { findCost, type FoundCost } from './discover-cost.ts';
import { pairDerivative, type FoundDerivative } from './discover-derivative.ts';

export type OpRole = 'softmax' | 'activation' | 'derivative' | 'cost';
export const OP_ROLES: readonly OpRole[] = ['softmax', 'activation', 'derivative', 'cost'];

/**
 * A softmax, normalised along `axis` (or 'vector': written for one example, a 1-D vector);
 * `log` for a log-softmax (its exp is the softmax).
 */
export interface FoundSoftmax {
  fn: FreeFunction;
  axis: 0 | 1 | 'vector';
  log?: boolean;
  float32?: boolean;
}
export interface FoundActivation {
  fn: FreeFunction;
  shape?: ActivationShape;
  float32: boolean;
  /** Named an activation with --op activation=NAME. */
  hinted?: boolean;
}
export type { FoundCost, FoundDerivative };

/** What discovery made of a file's free functions. */
export interface FoundOps {
  softmaxes: FoundSoftmax[];
  activations: FoundActivation[];
  derivatives: FoundDerivative[];
  costs: FoundCost[];
  unrecognised: { fn: FreeFunction; why: string }[];
}

/**
 * An elementwise map is everywhere (def helper(x): return x is one): it counts as an activation
 * only when it is one nncheck knows, or its name or an --op hint says so.
 */
export const isEvidentActivation = (a: FoundActivation): boolean =>
  a.shape !== undefined || a.hinted === true || namedAsActivation(a.fn.name);

/** Some op worth checking was found: enough to check a file without a network contract. */
export const foundAny = (o: FoundOps): boolean =>
  o.softmaxes.length + o.derivatives.length + o.costs.length > 0 || o.activations.some(isEvidentActivation);

/**
 * Probes every free function that takes arrays and says what each one is, by behaviour:
 * rows (or columns) non-negative summing to 1 → softmax; an elementwise map → an activation,
 * or, when its name pairs with one or it behaves like one's derivative, that derivative; a
 * function of (outputs, labels[, params, λ]) returning a scalar → a cost. Hints force a role.
 */
export async function discoverOps(ff: FreeFunctions, hints: Partial<Record<OpRole, string>> = {}): Promise<FoundOps> {
  const out: FoundOps = { softmaxes: [], activations: [], derivatives: [], costs: [], unrecognised: [] };
  const hinted = new Map(Object.entries(hints).map(([role, name]) => [name, role as OpRole]));
  const elementwise: { fn: FreeFunction; ys: number[] }[] = [];
  for (const fn of ff.functions) {
    const role = hinted.get(fn.name);
    if (!role && NEVER_PROBE.test(fn.name)) {
      out.unrecognised.push({ fn, why: 'not probed: its name says it initialises, loads, trains, plots or predicts' });
      continue;
    }
    // An op takes its input without a default: demo(n=5) or main(argv=None) would run a program.
    if (fn.params.length === 0 || (fn.required === 0 && !role)) {
      out.unrecognised.push({ fn, why: 'takes no required arguments' });
      continue;
    }
    try {
      if (fn.required <= 1 && role !== 'cost') {
        const why = await probeUnary(ff, fn, role, out, elementwise);
        if (why) out.unrecognised.push({ fn, why });
      } else if (fn.required <= 4) {
        const cost = await findCost(ff, fn);
        if (typeof cost === 'string') out.unrecognised.push({ fn, why: cost });
        else out.costs.push(cost);
      } else out.unrecognised.push({ fn, why: `takes ${fn.required} arguments` });
    } catch (e) {
      out.unrecognised.push({ fn, why: `raised on the probe: ${(e as Error).message.split('\n')[0]}` });
    }
  }
  const names = ff.functions.map((f) => f.name);
  for (const { fn, ys } of elementwise) {
    const role = hinted.get(fn.name);
    const base = role === 'activation' ? undefined : derivativeBase(fn.name, names);
    const shape = identifyActivation(ys);
    if (role === 'derivative' || base !== undefined || (!shape && role !== 'activation')) {
      const d = await pairDerivative(
        ff,
        fn,
        ys,
        base,
        elementwise.filter((e) => e.fn !== fn && !derivativeBase(e.fn.name, names)),
        role === 'derivative',
      );
      if (d) {
        out.derivatives.push(d);
        continue;
      }
    }
    out.activations.push({ fn, shape, float32: looksFloat32(ys), ...(role === 'activation' && { hinted: true }) });
  }
  return out;
}

/** Softmax or elementwise map; returns why not when it is neither. */
async function probeUnary(
  ff: FreeFunctions,
  fn: FreeFunction,
  role: OpRole | undefined,
  out: FoundOps,
  elementwise: { fn: FreeFunction; ys: number[] }[],
): Promise<string | undefined> {
  let P: number[][] | null = null,
    matrixError: unknown;
  try {
    P = await callRows(ff, fn.name, PROBE_LOGITS);
  } catch (e) {
    matrixError = e;
  }
  const axis = P ? normalisedAxis(P) : undefined;
  const logAxis =
    P && axis === undefined && P.every((r) => r.every((v) => v <= 0))
      ? normalisedAxis(P.map((r) => r.map(Math.exp)))
      : undefined;
  const float32 = P ? looksFloat32(P.flat()) : false;
  if (logAxis !== undefined && (role === undefined || role === 'softmax')) {
    out.softmaxes.push({ fn, axis: logAxis, log: true, float32 });
    return undefined;
  }
  if (axis !== undefined && (role === undefined || role === 'softmax')) {
    out.softmaxes.push({ fn, axis, float32 });
    return undefined;
  }
  // Written for one example (a 1-D vector): normalises whatever it is given as a whole.
  if (role === undefined && (await vectorSoftmax(ff, fn))) {
    out.softmaxes.push({ fn, axis: 'vector', float32 });
    return undefined;
  }
  if (!P) throw matrixError;
  // Named softmax (or --op softmax) but not normalised: a broken softmax, checked as one.
  const named = role === undefined && /softmax/i.test(fn.name) && !elementwiseLike(P);
  if (role === 'softmax' || named) {
    out.softmaxes.push({ fn, axis: 1, float32 });
    return undefined;
  }
  const half = GRID.length / 2;
  const G = [GRID.slice(0, half), GRID.slice(half)];
  const a = await callRows(ff, fn.name, G),
    b = await callRows(ff, fn.name, transposeRows(G));
  if (a && b && sameValues(b, transposeRows(a), TOLERANCES.sameOutputs.rtol)) {
    elementwise.push({ fn, ys: a.flat() });
    return undefined;
  }
  const shape = `${P.length}×${P[0]?.length ?? 0}`;
  return `returns ${shape} for a 3×4 array: neither a softmax (rows or columns summing to 1) nor elementwise`;
}

async function vectorSoftmax(ff: FreeFunctions, fn: FreeFunction): Promise<boolean> {
  try {
    const r = await ff.call(fn.name, [{ kind: 'array', m: fromRows([PROBE_LOGITS[0]]), vector: true }]);
    return r.ndim === 1 && r.value !== null && normalisedAxis(toRows(r.value)) === 1;
  } catch {
    return false;
  }
}

/** Rows equal to some elementwise map of the probe logits would be: same shape, nothing normalised. */
function elementwiseLike(P: number[][]): boolean {
  return P.some((r, i) => r.some((v, j) => v < 0 && PROBE_LOGITS[i][j] < 0));
}
