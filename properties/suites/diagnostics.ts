import { loadBuiltin } from '../../src/data/builtin.ts';
import { prepare } from '../../src/data/preprocess.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { monitoredTraining } from '../../src/diagnostics/monitor.ts';
import { diagnoseRun, diagnoseFinal, unchangedTensors } from '../../src/diagnostics/findings.ts';
import { probeLearningRates } from '../../src/diagnostics/lr-probe.ts';
import { THRESHOLDS } from '../../src/diagnostics/thresholds.ts';
import type { Finding } from '../../src/findings/finding.ts';
import type { RunSettings } from '../../src/engine/harness.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { ownTrain } from '../../src/engine/own-train.ts';

/** Learning rates that suit standardised inputs with batches of 32 (sigmoid's is "sigmoid-era"). */
export const SUITABLE_LR = { sigmoid: 0.5, relu: 0.1, leaky_relu: 0.1, tanh: 0.1 } as const;

export const diagnosticsSuite: Suite = {
  name: 'diagnostics',
  description: 'training diagnostics: nncheck-driven SGD on standardised digits, and the implementation\'s own train()',
  run: async ({ impl, trainDataset }: Subject, settings: RunSettings): Promise<Finding[]> => {
    const t0 = performance.now();
    const seed = settings.seed;
    const { train } = prepare(loadBuiltin('digits', seed), { seed });
    const Y = oneHot(train.labels, 10);
    const init = await impl.initParams(64, 32, 10, seed);
    const lr = SUITABLE_LR[impl.activation];
    const run = await monitoredTraining(impl, init, train.X, Y, train.labels, { lr, epochs: 6, batchSize: 32, seed });
    const label = `SGD on standardised digits (lr ${lr})`;
    const out = diagnoseRun(impl, run, label);
    out.push(unchangedTensors(impl, init, run.final, label));
    if (impl.train) {
      const own = await ownTrain(impl, trainDataset ?? 'digits');
      const ownLabel = `own train() on raw ${own.dataset}`;
      out.push(...diagnoseFinal(impl, own.params, own.split.train.X, ownLabel));
      const D = own.split.train.X.cols, K = own.split.train.classNames.length;
      out.push(unchangedTensors(impl, await impl.initParams(D, own.hidden, K, 0), own.params, ownLabel));
      const collapsed = own.trainAccuracy < THRESHOLDS.collapseAccuracy;
      if (collapsed) {
        // Which learning rate works? The probe runs from the implementation's own initialisation.
        const Yr = oneHot(own.split.train.labels, K);
        const probe = await probeLearningRates(impl, await impl.initParams(D, own.hidden, K, 0), own.split.train.X, Yr, own.split.train.labels, 3, 0);
        out.push({
          suite: 'diagnostics', property: `${ownLabel}: learning-rate probe`, verdict: 'fail', severity: 'bug', ms: 0,
          message: `train() with its default learning rate collapsed to ${(100 * own.trainAccuracy).toFixed(0)}% training accuracy; with nncheck driving its gradients: ${probe.sentence}`,
          cause: 'learning rate too high for the input scale', hint: `use lr ${probe.best.lr} on raw inputs, or standardise the inputs`,
          numbers: { trainAccuracy: own.trainAccuracy, bestLr: probe.best.lr, bestAccuracy: probe.best.accuracy, standardisedAccuracy: probe.standardised.accuracy },
          data: { probe },
        });
      }
    }
    for (const f of out) f.ms = f.ms || (performance.now() - t0) / out.length;
    return out;
  },
};
