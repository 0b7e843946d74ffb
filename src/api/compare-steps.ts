import type { Matrix } from '../core/matrix.ts';
import { LEARNING_RATES } from '../nn/learning-rates.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { referenceImplementation } from '../impl/reference.ts';
import type { CompareInput } from './compare-inputs.ts';
import { scalarRow, type CompareRow } from './compare-rows.ts';

const LR = LEARNING_RATES.compareSteps;
const norm = (m: Matrix) => Math.sqrt(m.data.reduce((s, v) => s + v * v, 0));

/**
 * A few SGD steps driven by each network's gradients, each scored by the reference's loss. To
 * first order a step moves the loss by lr·∇L·g, so gradients within `allowedGrads` (per entry)
 * move it by at most lr·Σ_t ‖∇L_t‖·√n_t·allowed_t per step more than the reference's do.
 */
export async function trainingStepRows(
  impl: NetworkImplementation,
  inp: CompareInput,
  steps: number,
  allowedLoss: number,
  allowedGrads: number[],
): Promise<CompareRow[]> {
  const ref = referenceImplementation(impl.activation, impl.layout, impl.leakySlope);
  const { X, Y } = inp;
  let pY = inp.params.map((m) => ({ ...m, data: m.data.slice() })),
    pR = inp.params.map((m) => ({ ...m, data: m.data.slice() }));
  const rows: CompareRow[] = [];
  let drift = 0;
  for (let step = 1; step <= steps; step++) {
    const [gy, gr] = [await impl.gradients(pY, X, Y, 0), await ref.gradients(pR, X, Y, 0)];
    drift += 2 * LR * gr.reduce((s, g, t) => s + norm(g) * Math.sqrt(g.data.length) * allowedGrads[t], 0);
    pY = pY.map((m, i) => ({ ...m, data: m.data.map((v, j) => v - LR * gy[i].data[j]) }));
    pR = pR.map((m, i) => ({ ...m, data: m.data.map((v, j) => v - LR * gr[i].data[j]) }));
    const [ly, lr] = [await ref.loss(pY, X, Y, 0), await ref.loss(pR, X, Y, 0)];
    rows.push(
      scalarRow(
        'compare.training-step',
        `training step ${step}: reference loss of the parameters`,
        inp.name,
        ly,
        lr,
        drift + allowedLoss,
      ),
    );
  }
  return rows;
}

/**
 * A training step moves the parameters by the gradients alone, so steps that diverge follow from
 * the gradients that disagree on the same inputs, never from the loss's printed value: they take
 * the first such gradient's cause (none when every gradient agrees).
 */
export function attributeSteps(steps: CompareRow[], sameInputRows: readonly CompareRow[]): CompareRow[] {
  const grad = sameInputRows.find((r) => !r.agrees && !r.info && / gradient \(/.test(r.quantity) && r.cause);
  if (!grad) return steps;
  return steps.map((r) =>
    r.agrees || r.info
      ? r
      : { ...r, cause: grad.cause, explanation: `follows from the ${grad.quantity.replace(/ \(.*$/, '')} above` },
  );
}
