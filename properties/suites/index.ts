import type { Suite } from '../../src/engine/subject.ts';
import { softmaxSuite } from './softmax.ts';
import { crossEntropySuite } from './cross-entropy.ts';
import { activationsSuite } from './activations.ts';
import { networkSuite } from './network.ts';
import { gradientsSuite } from './gradients.ts';
import { convergenceSuite } from './convergence.ts';
import { diagnosticsSuite } from './diagnostics.ts';
import { whenActivationKnown } from './activation-gate.ts';
import { ownTrainSuite } from './own-train.ts';
import { asWrittenSuite } from './as-written.ts';
import { layersSuite } from './layers.ts';
import { optimizersSuite } from './optimizers.ts';

/** Every suite, in the order a run executes them. */
export const SUITES: Suite[] = [
  ...[softmaxSuite, crossEntropySuite, activationsSuite].map(whenActivationKnown),
  networkSuite,
  gradientsSuite,
  convergenceSuite,
  diagnosticsSuite,
  layersSuite,
  optimizersSuite,
  asWrittenSuite,
  ownTrainSuite,
];
export const SUITE_NAMES = SUITES.map((s) => s.name);
export const suiteByName = (name: string): Suite | undefined => SUITES.find((s) => s.name === name);
