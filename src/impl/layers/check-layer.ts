import type { LabelForm, LayerModule, LayerRole } from './layer-module.ts';
import { layerCase, type LayerCaseSize } from './cases.ts';
import { STEPS, dot, judgeVjp, precisionUnit, shifted, vjpStep, type VjpComparison } from './vjp.ts';

export interface LayerVjpResult {
  comparisons: VjpComparison[];
  mutated: string[];
  dtype: string;
  N: number;
}

/**
 * One class's backward against central differences of its own forward: one forward call at
 * every perturbed point (one round trip), one backward call at the point itself.
 */
export async function checkLayerVjp(
  mod: LayerModule,
  role: LayerRole,
  cls: string,
  size: LayerCaseSize,
  labels: LabelForm = 'sparse',
): Promise<LayerVjpResult> {
  const c = layerCase(role, size);
  const back = await mod.run(role, cls, [c.slots], {
    labels,
    dvalues: c.dvalues.data.length ? { ...c.dvalues, data: c.dvalues.data.slice() } : c.dvalues,
  });
  const u = precisionUnit(back.dtype),
    h = vjpStep(u);
  const sets = c.probes.flatMap((p) =>
    STEPS(h).map((t) =>
      shifted(
        c.slots,
        c.slots.map((_, i) => (i === p.slot ? p.dir : null)),
        t,
      ),
    ),
  );
  const fwd = await mod.run(role, cls, sets, { labels });
  const f = back.outputs[0];
  const comparisons = c.probes.map((p, k) => {
    const values = STEPS(h).map((_, j) => dot(c.g, fwd.outputs[4 * k + j]));
    const grad = back.grads[p.grad];
    const analytic = grad && grad.data.length === p.dir.data.length ? dot(grad, p.dir) : NaN;
    return judgeVjp(p.name, values, analytic, h, u, c.g, f, c.inner);
  });
  return { comparisons, mutated: back.mutated, dtype: back.dtype, N: size.N };
}
