import { type Matrix, zeros } from '../../core/matrix.ts';
import { TOLERANCES, U32, U64 } from '../../core/tolerances.ts';
import { isClose } from '../../core/allclose.ts';

/** One vector–Jacobian product compared with central differences of the forward. */
export interface VjpComparison {
  slot: string;
  analytic: number;
  numeric: number;
  tolerance: number;
  passed: boolean;
}

export const precisionUnit = (dtype: string): number =>
  dtype === 'float64' ? U64 : dtype === 'float16' ? 2 ** -11 : U32;
export const vjpStep = (u: number): number => u ** (1 / 5);

/** Slots shifted by t along their directions (a zero direction leaves the slot as it is). */
export function shifted(slots: Matrix[], dirs: (Matrix | null)[], t: number): Matrix[] {
  return slots.map((m, i) => {
    const d = dirs[i];
    if (!d) return m;
    const out = zeros(m.rows, m.cols);
    for (let k = 0; k < m.data.length; k++) out.data[k] = m.data[k] + t * d.data[k];
    return out;
  });
}

export const dot = (a: Matrix, b: Matrix): number => a.data.reduce((s, x, i) => s + x * b.data[i], 0);

/** The four points one directional estimate needs: +h, −h, +h/2, −h/2. */
export const STEPS = (h: number): number[] => [h, -h, h / 2, -h / 2];

/**
 * Judges one direction: `values` are s at STEPS(h), `analytic` is ⟨backward's gradient, v⟩;
 * `g` and `f` (the upstream gradient and the unperturbed output) size the rounding term.
 */
export function judgeVjp(
  slot: string,
  values: number[],
  analytic: number,
  h: number,
  u: number,
  g: Matrix,
  f: Matrix,
  inner: number,
): VjpComparison {
  const dH = (values[0] - values[1]) / (2 * h),
    dH2 = (values[2] - values[3]) / h;
  const numeric = (4 * dH2 - dH) / 3;
  const gNorm1 = g.data.reduce((s, x) => s + Math.abs(x), 0);
  const fMax = f.data.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
  const tolerance = TOLERANCES.layerVjp({
    u,
    h,
    gap: Math.abs(dH - dH2),
    terms: f.data.length + inner,
    gNorm1,
    fMax,
    estimate: numeric,
  });
  const passed = Number.isFinite(analytic) && Math.abs(analytic - numeric) <= tolerance;
  return { slot, analytic, numeric, tolerance, passed };
}

/** The ratio analytic / numeric named when it is a batch-size factor or a sign: else null. */
export function ratioPattern(
  analytic: number,
  numeric: number,
  N: number,
): 'missing-mean' | 'double-mean' | 'sign-flip' | null {
  if (numeric === 0 || !Number.isFinite(analytic)) return null;
  const r = analytic / numeric;
  const near = (x: number) => isClose(r, x, TOLERANCES.layerRatio);
  if (N > 1 && near(N)) return 'missing-mean';
  if (N > 1 && near(1 / N)) return 'double-mean';
  if (near(-1)) return 'sign-flip';
  return null;
}
