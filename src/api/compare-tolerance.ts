import type { Matrix } from '../core/matrix.ts';
import { TOLERANCES, U32, U64 } from '../core/tolerances.ts';
import { createRng } from '../random/rng.ts';

const T = TOLERANCES.compareBackwardError;

/** float32 when every value the implementation returned is a float32 number (NumPy float32, tf.js). */
export function precisionOf(outputs: readonly Matrix[]): 'float32' | 'float64' {
  const f32 = outputs.every((m) => m.data.every((v) => !Number.isFinite(v) || Math.fround(v) === v));
  return f32 ? 'float32' : 'float64';
}

export const unitOf = (p: 'float32' | 'float64'): number => (p === 'float32' ? U32 : U64);

const perturbed = (m: Matrix, rel: number, rng: ReturnType<typeof createRng>): Matrix => ({
  rows: m.rows,
  cols: m.cols,
  data: m.data.map((v) => v * (1 + (rng.uniform() < 0.5 ? -rel : rel))),
});

/**
 * The allowed absolute difference in each of a list of quantities the reference computes from
 * (params, X): the largest change a backward error of ±n·u in every input and parameter makes,
 * times the safety factor, plus a few ulps of the value itself (see TOLERANCES.compareBackwardError).
 */
export function allowedDifference(
  quantity: (params: Matrix[], X: Matrix) => number[][],
  params: Matrix[],
  X: Matrix,
  u: number,
  K: number,
  seed: number,
): number[] {
  const n = Math.max(X.rows, X.cols, ...params.map((p) => Math.max(p.rows, p.cols)));
  const base = quantity(params, X);
  const worst = base.map(() => 0);
  const rng = createRng(`compare-tolerance/${seed}`);
  for (let d = 0; d < T.draws; d++) {
    const q = quantity(
      params.map((p) => perturbed(p, n * u, rng)),
      perturbed(X, n * u, rng),
    );
    q.forEach((vals, t) =>
      vals.forEach((v, i) => {
        worst[t] = Math.max(worst[t], Math.abs(v - base[t][i]) || 0);
      }),
    );
  }
  return base.map(
    (vals, t) => T.safety * worst[t] + T.extraUlps(K) * u * Math.max(...vals.map(Math.abs).filter(Number.isFinite), 0),
  );
}
