import { checkGradients } from '../../src/gradcheck/check.ts';
import { networkObjective } from '../../src/impl/objective.ts';
import { expectThat, type PropertySpec } from '../../src/engine/harness.ts';
import { netCase, type NetCase } from '../arbitraries/network.ts';
import { problem } from '../probes.ts';
import type { Suite } from '../../src/engine/subject.ts';

const SUITE = 'gradients';

export const gradientsSuite: Suite = {
  name: SUITE,
  description: 'the gradient checker at generated points, including ReLU pre-activations on 0',
  properties: (s): PropertySpec<any>[] => [
    {
      suite: SUITE, property: 'analytic gradients agree with finite differences', severity: 'bug', runsFactor: 0.5, arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const r = await checkGradients(networkObjective(s.impl, params, X, Y, c.lam), { seed: c.seed, taylor: false });
        const wrong = r.wrongEntries.slice(0, 4).map((e) => `${e.tensor}[${e.row}, ${e.col}] analytic ${e.analytic.toPrecision(6)} numeric ${e.numeric.toPrecision(6)}`);
        const pattern = r.patterns[0];
        const fault = r.faults.find((f) => f.severity === 'bug');
        expectThat(r.verdict === 'pass',
          fault ? fault.message : `${r.tensors.filter((t) => t.verdict === 'fail').map((t) => t.name).join(', ')} disagree${wrong.length ? `: ${wrong.join('; ')}` : ''}${pattern ? ` (${pattern.pattern}: ${pattern.detail})` : ''}`,
          { lossEvaluations: r.evaluations.losses, wrongEntries: r.wrongEntries.length },
          pattern?.hint ?? fault?.detail, pattern?.pattern ?? fault?.kind);
      },
    },
  ],
};
