import type { Matrix } from '../core/matrix.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { sgd } from '../impl/sgd.ts';
import { fitStandardiser, applyStandardiser } from '../data/preprocess.ts';
import { THRESHOLDS } from './thresholds.ts';
import { LEARNING_RATES } from '../nn/learning-rates.ts';

export interface LrProbeResult {
  baseLr: number;
  tried: { lr: number; accuracy: number; divergedAt: number | null }[];
  best: { lr: number; accuracy: number };
  standardised: { lr: number; accuracy: number };
  sentence: string;
}

/**
 * After a collapse: a short seeded sweep of learning rates (a few epochs each, nncheck driving
 * the implementation's gradients from the same initial parameters), and the same base rate on
 * standardised inputs. Says which learning rate works.
 */
export async function probeLearningRates(
  impl: NetworkImplementation,
  init: Matrix[],
  X: Matrix,
  Y: Matrix,
  labels: Int32Array,
  epochs = 3,
  seed = 0,
  usedLr?: number,
): Promise<LrProbeResult> {
  const tried: LrProbeResult['tried'] = [];
  const run = async (lr: number, x: Matrix) => {
    const r = await sgd(impl, init, x, Y, labels, { lr, epochs, batchSize: 32, seed });
    const last = r.history[r.history.length - 1];
    return { lr, accuracy: r.divergedAt !== null || !last ? 0 : last.accuracy, divergedAt: r.divergedAt };
  };
  for (const lr of [...new Set([...(usedLr ? [usedLr] : []), ...LEARNING_RATES.probeSweep])].sort((a, b) => b - a))
    tried.push(await run(lr, X));
  const best = tried.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
  // The largest rate that fails: what a sigmoid-era rate does to these inputs.
  const fails = (t: LrProbeResult['tried'][number]) =>
    t.divergedAt !== null || t.accuracy < THRESHOLDS.collapseAccuracy;
  const used = tried.find((t) => t.lr === usedLr);
  const failing = used && fails(used) ? used : (tried.find(fails) ?? tried[0]);
  const std = await run(LEARNING_RATES.probeStandardised, applyStandardiser(X, fitStandardiser(X)));
  const what =
    failing.divergedAt !== null
      ? `diverges at epoch ${failing.divergedAt}`
      : `reaches only ${(100 * failing.accuracy).toFixed(0)}%`;
  const sentence =
    `${impl.activation} with lr ${failing.lr} ${what} on these inputs; ` +
    `lr ${best.lr} reaches ${(100 * best.accuracy).toFixed(0)}% in ${epochs} epochs` +
    `; or standardise the inputs ` +
    `(lr ${LEARNING_RATES.probeStandardised} then reaches ${(100 * std.accuracy).toFixed(0)}%)`;
  return {
    baseLr: failing.lr,
    tried,
    best: { lr: best.lr, accuracy: best.accuracy },
    standardised: { lr: LEARNING_RATES.probeStandardised, accuracy: std.accuracy },
    sentence,
  };
}
