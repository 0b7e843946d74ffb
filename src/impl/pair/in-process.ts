import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { importUserModule } from '../adapters/ts-import.ts';
import { pairObjective, type LoadedPair, type PairFunctions, type PairOptions } from './pair-objective.ts';

type Fn = (params: unknown) => unknown;
const copy = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });

/**
 * A TS/JS pair in process: exports loss(params) → number, grad(params) → Matrix[] (or
 * number[][][]) and params (Matrix[], number[][][] or a function returning one).
 */
export async function inProcessPair(file: string, o: PairOptions): Promise<LoadedPair> {
  const mod = await importUserModule(file);
  const get = (name: string, flag: string) => {
    const v = mod[name];
    if (v === undefined)
      throw new SetupError(
        `${file} exports no '${name}' (given by ${flag})`,
        `export it, or name another export with ${flag}; exports: ${Object.keys(mod).join(', ')}`,
      );
    return v;
  };
  const loss = get(o.loss, '--loss') as Fn,
    grad = get(o.grad, '--grad') as Fn;
  let raw: unknown = get(o.params ?? 'params', '--params');
  if (typeof raw === 'function') raw = await (raw as () => unknown)();
  if (!Array.isArray(raw))
    throw new SetupError(
      `${o.params ?? 'params'} is not a list of arrays`,
      'export params as an array of matrices (number[][] or { rows, cols, data }) or a function returning one',
    );
  const params = raw.map(toMatrix);
  // The user's functions get the parameters in the form they were given: nested arrays or matrices.
  const nested = raw.map((m) => Array.isArray(m));
  const asUser = (ps: Matrix[]) =>
    ps.map((m, i) => (nested[i] ? toNested(m, Array.isArray((raw as unknown[][])[i][0])) : copy(m)));
  const fns: PairFunctions = {
    async losses(sets) {
      const out: number[] = [];
      for (const s of sets) out.push(Number(await loss(asUser(s))));
      return out;
    },
    async lossAndGradient(ps) {
      const given = asUser(ps);
      const value = Number(await loss(given));
      const g = await grad(given);
      if (!Array.isArray(g))
        throw new ImplementationFault('shape', `${o.grad}() returned ${typeof g}, expected a list of arrays`);
      if (given.map(toMatrix).some((m, i) => m.data.some((x, k) => !Object.is(x, ps[i].data[k]))))
        throw new ImplementationFault('mutated-input', `${o.loss}() or ${o.grad}() wrote into the parameters`);
      return { loss: value, grads: g.map(toMatrix) };
    },
  };
  const names = params.map((_, i) => `${o.params ?? 'params'}[${i}]`);
  return {
    objective: pairObjective(params, names, fns, 'float64'),
    notes: [`in process: ${o.loss}(params) and ${o.grad}(params) over ${params.length} arrays`],
    language: 'typescript',
    close: async () => {},
  };
}

function toNested(m: Matrix, twoD: boolean): number[][] | number[] {
  const rows = Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return twoD ? rows : rows[0];
}

function toMatrix(v: unknown): Matrix {
  const m = v as Partial<Matrix>;
  if (m && typeof m.rows === 'number' && typeof m.cols === 'number' && m.data instanceof Float64Array)
    return copy(m as Matrix);
  if (Array.isArray(v)) {
    const rows = (Array.isArray(v[0]) ? v : [v]) as number[][];
    return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
  }
  throw new ImplementationFault('shape', `expected a matrix ({ rows, cols, data }) or nested arrays, got ${typeof v}`);
}
