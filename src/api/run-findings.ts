import type { ActivationName } from '../ops/activation.ts';
import type { Finding } from '../findings/finding.ts';
import { finding, outcome } from '../findings/build.ts';
import { THRESHOLDS } from '../diagnostics/thresholds.ts';
import type { TrainRunResult } from './train-run.ts';

/**
 * The ids of the findings `nncheck run` builds itself (the suites' findings carry their own): what
 * the diagnosis reads, so their sentences are free to change.
 */
export const RUN_IDS = {
  trains: 'training.trains-on-standardised-digits',
  /** The motivating case: ReLU at the rate that suited sigmoid, on raw pixels. */
  sigmoidEraRate: 'motivating-case.sigmoid-era-rate',
  /** The same network at a rate that suits raw pixels. */
  rawPixelsRate: 'motivating-case.raw-pixels-rate',
  rateProbe: 'motivating-case.rate-probe',
  stageStopped: 'main-job.stage-stopped',
} as const;

/** A reference network trained on standardised digits: below THRESHOLDS.referenceTrains it is broken. */
export function trainedNetworkFinding(
  subject: string,
  activation: ActivationName,
  trained: Pick<TrainRunResult, 'lr' | 'trainAccuracy' | 'testAccuracy' | 'finalLoss'>,
): Finding {
  return finding({
    id: RUN_IDS.trains,
    subject,
    suite: 'training',
    property: 'trains on standardised digits',
    ...outcome(trained.testAccuracy >= THRESHOLDS.referenceTrains, 'bug'),
    message:
      `${activation}, 64 hidden units, lr ${trained.lr}, 20 epochs: ` +
      `train ${(100 * trained.trainAccuracy).toFixed(1)}%, test ${(100 * trained.testAccuracy).toFixed(1)}%`,
    numbers: {
      trainAccuracy: trained.trainAccuracy,
      testAccuracy: trained.testAccuracy,
      finalLoss: trained.finalLoss,
    },
  });
}

/** A stage of the main job that crashed: an error finding, and the job goes on. */
export const stageStoppedFinding = (subject: string, property: string, e: Error): Finding =>
  finding({
    id: RUN_IDS.stageStopped,
    subject,
    suite: 'main job',
    property,
    verdict: 'error',
    severity: 'bug',
    message: `${property} stopped: ${e.message}`,
    detail: e.stack,
  });
