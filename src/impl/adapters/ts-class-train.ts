import type { Matrix } from '../../core/matrix.ts';
import type { OwnTrainer } from '../implementation.ts';
import { toMatrix, toNested } from './arrays.ts';

/** Normalised parameter name (lower case, no underscores) -> what nncheck supplies (as own_train.py's ROLES). */
const ROLES: Record<string, string> = {
  x: 'X',
  xtrain: 'X',
  data: 'X',
  inputs: 'X',
  y: 'y',
  ytrain: 'y',
  labels: 'y',
  targets: 'y',
  xval: 'X_val',
  xvalid: 'X_val',
  xtest: 'X_val',
  yval: 'y_val',
  yvalid: 'y_val',
  ytest: 'y_val',
  epochs: 'budget',
  numepochs: 'budget',
  numiters: 'budget',
  iters: 'budget',
  iterations: 'budget',
  numiterations: 'budget',
  steps: 'budget',
  lr: 'rate',
  learningrate: 'rate',
  alpha: 'rate',
  eta: 'rate',
  stepsize: 'rate',
  verbose: 'verbose',
};

interface Param {
  name: string;
  role?: string;
  default?: string;
}

/** The parameter list of a method as written (its source text), split at top-level commas. */
export function parseParams(source: string): Param[] | null {
  const open = source.indexOf('(');
  if (open < 0) return null;
  let depth = 0,
    cur = '';
  const parts: string[] = [];
  for (const ch of source.slice(open + 1)) {
    if (depth === 0 && ch === ')') {
      if (cur.trim()) parts.push(cur);
      break;
    }
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (depth === 0 && ch === ',') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (parts.some((p) => /^\s*(\.\.\.|[{[])/.test(p))) return null;
  return parts.map((p) => {
    const [name, ...rest] = p.split('=');
    const n = name.replace(/:.*$/, '').trim();
    return {
      name: n,
      role: ROLES[n.replace(/_/g, '').toLowerCase()],
      default: rest.length ? rest.join('=').trim() : undefined,
    };
  });
}

type Instance = { params: Record<string, unknown>; train: (...args: unknown[]) => unknown };
const labels = (Y: Matrix) =>
  Array.from({ length: Y.rows }, (_, i) => {
    let b = 0;
    for (let j = 1; j < Y.cols; j++) if (Y.data[i * Y.cols + j] > Y.data[i * Y.cols + b]) b = j;
    return b;
  });

/** A TypeScript class's own train(), called positionally in the order its parameter list gives. */
export function tsClassTrainer(
  make: (D: number, H: number, K: number) => Instance,
  keys: () => string[],
  train: unknown,
): OwnTrainer | undefined {
  if (typeof train !== 'function') return undefined;
  const params = parseParams(Function.prototype.toString.call(train));
  const signature = `train(${params?.map((p) => (p.default ? `${p.name} = ${p.default}` : p.name)).join(', ') ?? '?'})`;
  const missing = params
    ? params.filter((p) => !p.role && p.default === undefined).map((p) => p.name)
    : ['(its parameter list cannot be read)'];
  if (params && !params.some((p) => p.role === 'X')) missing.push('the training data (X, y)');
  const named = (role: string) => params?.find((p) => p.role === role);
  const num = (p?: Param) =>
    p?.default !== undefined && Number.isFinite(Number(p.default)) ? Number(p.default) : null;
  const budget = named('budget'),
    rate = named('rate');
  return {
    signature,
    budget: budget ? { name: budget.name, default: num(budget) } : null,
    rate: rate ? { name: rate.name, default: num(rate) } : null,
    unmapped: missing.length ? `nncheck cannot supply ${missing.join(', ')}` : undefined,
    notes: [
      `train() signature ${signature}: called positionally with ${params
        ?.filter((p) => p.role)
        .map((p) => `${p.name} (${p.role})`)
        .join(', ')}; the rest keep their defaults`,
    ],
    async run(c) {
      const net = make(c.X.cols, c.H, c.Y.cols);
      const before = keys();
      const initial = before.map((k) => toMatrix(net.params[k], `params.${k}`));
      const given: Record<string, unknown> = {
        X: toNested(c.X),
        y: labels(c.Y),
        X_val: toNested(c.Xval),
        y_val: labels(c.Yval),
        budget: c.budget ?? undefined,
        rate: c.lr ?? undefined,
        verbose: false,
      };
      const copy = JSON.stringify([given.X, given.y]);
      await net.train(...(params ?? []).map((p) => (p.role ? given[p.role] : undefined)));
      const sideEffects = Object.keys(net.params)
        .filter((k) => !before.includes(k))
        .map((k) => `train() added '${k}' to the params object`);
      if (JSON.stringify([given.X, given.y]) !== copy)
        sideEffects.push('train() modified its argument X or y in place');
      return { initial, final: before.map((k) => toMatrix(net.params[k], `params.${k}`)), sideEffects };
    },
  };
}
