import type { Matrix } from '../core/matrix.ts';
import { tensorNames, type NetworkImplementation } from '../impl/implementation.ts';
import { createRng } from '../random/rng.ts';
import { scalarRow, type CompareRow } from './compare-rows.ts';

const dot = (a: Matrix, b: Matrix) => a.data.reduce((s, v, i) => s + v * b.data[i], 0);
const absDot = (a: Matrix, c: number) => a.data.reduce((s, v) => s + Math.abs(v), 0) * c;

/**
 * The L2 part of each gradient at λ ≠ 0 against the slope of the penalty the implementation's
 * own loss adds, whatever its convention (λ/(2N)·ΣW², reg·ΣW², biases or a bias row included or
 * not). The penalty P = loss(λ) − loss(0) is quadratic, so along any direction v the central
 * difference (P(θ + v) − P(θ − v)) / 2 equals ∇P·v exactly; the gradient's L2 part,
 * g(λ) − g(0), must give the same. Two directions per tensor: the tensor itself, and the tensor
 * with seeded random signs (so a penalised subset, e.g. a bias row left out, is seen).
 */
export async function l2GradientRows(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  Y: Matrix,
  lam: number,
  g0: Matrix[],
  allowedGrad: number[],
  allowedLoss: number,
  input: string,
  seed: number,
): Promise<CompareRow[]> {
  const gL = await impl.gradients(params, X, Y, lam);
  const penalty = async (ps: Matrix[]) => (await impl.loss(ps, X, Y, lam)) - (await impl.loss(ps, X, Y, 0));
  const names = tensorNames(impl.layout, params.length);
  const rng = createRng(`compare-l2/${seed}`);
  const rows: CompareRow[] = [];
  for (let t = 0; t < params.length; t++) {
    const signs = params[t].data.map(() => (rng.uniform() < 0.5 ? -1 : 1));
    for (const [label, v] of [
      ['itself', params[t]],
      ['random signs', { ...params[t], data: params[t].data.map((x, i) => x * signs[i]) }],
    ] as const) {
      const shifted = (s: number) =>
        params.map((m, i) => (i === t ? { ...m, data: m.data.map((x, j) => x + s * v.data[j]) } : m));
      const slope = ((await penalty(shifted(1))) - (await penalty(shifted(-1)))) / 2;
      const yours = dot(gL[t], v) - dot(g0[t], v);
      // Two gradients within allowedGrad per entry, and four losses within allowedLoss each.
      const allowed = 2 * absDot(v, allowedGrad[t]) + 2 * allowedLoss;
      const row = scalarRow(
        `compare.l2-gradient:${names[t].name}`,
        `${names[t].name} gradient's L2 part along ${names[t].name} (${label}), λ = ${lam}`,
        input,
        yours,
        slope,
        allowed,
      );
      if (!row.agrees) {
        row.cause = 'l2-gradient-mismatch';
        const k = yours / slope;
        row.explanation =
          slope === 0
            ? `your loss does not penalise ${names[t].name}, but its gradient adds an L2 term`
            : Math.abs(yours) <= allowed
              ? `the L2 term is missing from the ${names[t].name} gradient, though your loss penalises ${names[t].name}`
              : `the L2 part of the ${names[t].name} gradient is ${k.toPrecision(4)}× ` +
                'the slope of the penalty your loss adds';
      }
      rows.push(row);
    }
  }
  return rows;
}
