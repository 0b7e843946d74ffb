import { fromRows, toRows, type Matrix } from '../../core/matrix.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import type { FreeFunctions } from './free-functions.ts';

/** The fixed probe inputs discovery reads functions on (no randomness: names the same ops every run). */
export const PROBE_LOGITS = [
  [0.3, -1.2, 2.0, -0.7],
  [1.5, 0.1, -2.5, 0.9],
  [-0.4, 2.2, 0.6, -1.8],
];
/** Probabilities ≥ 0.05 (so an epsilon in a log cannot hide which loss it is) and their labels. */
export const PROBE_PROBS = [
  [0.1, 0.2, 0.3, 0.4],
  [0.55, 0.15, 0.2, 0.1],
  [0.25, 0.25, 0.05, 0.45],
];
export const PROBE_LABELS = [3, 0, 2];
export const oneHot = (labels: readonly number[], K: number): number[][] =>
  labels.map((l) => Array.from({ length: K }, (_, j) => (j === l ? 1 : 0)));

/** Calls a unary function on an N×K array; returns its rows, or throws the user's error. */
export async function callRows(ff: FreeFunctions, name: string, rows: number[][]): Promise<number[][] | null> {
  const r = await ff.call(name, [{ kind: 'array', m: fromRows(rows) }]);
  return r.value ? toRows(r.value) : null;
}

/** An elementwise function's values at xs, in one call (as one row). */
export async function callAt(ff: FreeFunctions, name: string, xs: readonly number[]): Promise<number[]> {
  const r = await ff.call(name, [{ kind: 'array', m: fromRows([xs]) }]);
  if (!r.value || r.value.data.length !== xs.length)
    throw new Error(`${name}() returned ${r.value ? r.value.data.length : 'no'} values for ${xs.length} inputs`);
  return Array.from(r.value.data);
}

/** Same shape, and every value within the relative/absolute tolerances (NaN equals NaN). */
export function sameValues(a: Matrix | number[][] | null, b: number[][], rtol = TOLERANCES.sameOutputs.rtol): boolean {
  if (!a) return false;
  const ra = Array.isArray(a) ? a : toRows(a);
  if (ra.length !== b.length || ra.some((r, i) => r.length !== b[i].length)) return false;
  return ra.every((r, i) =>
    r.every(
      (v, j) =>
        Object.is(v, b[i][j]) || Math.abs(v - b[i][j]) <= rtol * Math.max(Math.abs(v), Math.abs(b[i][j]), 1e-300),
    ),
  );
}

export const transposeRows = (r: number[][]): number[][] => r[0].map((_, j) => r.map((row) => row[j]));

/** Which axis sums to 1 with non-negative entries: 1 (rows), 0 (columns) or undefined. */
export function normalisedAxis(rows: number[][]): 0 | 1 | undefined {
  if (!rows.every((r) => r.every((p) => p >= 0 && Number.isFinite(p)))) return undefined;
  // "About 1": any float64 or float32 softmax sums to 1 within K·u32 ≈ 2.4e-7 for K = 4.
  const near1 = (s: number) => Math.abs(s - 1) <= TOLERANCES.opIdentification.rtol;
  if (rows.every((r) => near1(r.reduce((a, b) => a + b, 0)))) return 1;
  if (transposeRows(rows).every((c) => near1(c.reduce((a, b) => a + b, 0)))) return 0;
  return undefined;
}

/** Values representable in float32 throughout: the function computes in float32. */
export const looksFloat32 = (values: readonly number[]): boolean =>
  values.every((v) => Math.fround(v) === v) && values.some((v) => v !== Math.round(v));
