import { loadBuiltin } from '../../src/data/builtin.ts';
import { LEARNING_RATES } from '../../src/nn/learning-rates.ts';
import { prepare } from '../../src/data/preprocess.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { monitoredTraining } from '../../src/diagnostics/monitor.ts';
import { diagnoseRun, unchangedTensors } from '../../src/diagnostics/findings.ts';
import type { Finding } from '../../src/findings/finding.ts';
import type { RunSettings } from '../../src/engine/harness.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';

export const diagnosticsSuite: Suite = {
  name: 'diagnostics',
  ids: [
    'diagnostics.finite',
    'diagnostics.loss-falls',
    'diagnostics.relu-alive',
    'diagnostics.not-saturated',
    'diagnostics.symmetry-broken',
    'diagnostics.update-ratio',
    'diagnostics.gradient-norms',
    'diagnostics.every-tensor-trained',
  ],
  description: "training diagnostics: nncheck's SGD over the implementation's gradients on standardised digits",
  run: async ({ impl }: Subject, settings: RunSettings): Promise<Finding[]> => {
    const t0 = performance.now();
    const seed = settings.seed;
    const { train } = prepare(loadBuiltin('digits', seed), { seed });
    const Y = oneHot(train.labels, 10);
    const init = await impl.initParams(64, 32, 10, seed);
    const lr = LEARNING_RATES.standardisedSgd[impl.activation];
    const run = await monitoredTraining(impl, init, train.X, Y, train.labels, { lr, epochs: 6, batchSize: 32, seed });
    // nncheck's own loop over the implementation's gradients: named so, never taken for the user's train().
    const label = `nncheck's SGD with your gradients on standardised digits (lr ${lr})`;
    const out = diagnoseRun(impl, run, label);
    out.push(unchangedTensors(impl, init, run.final, label));
    for (const f of out) f.ms = f.ms || (performance.now() - t0) / out.length;
    return out;
  },
};
