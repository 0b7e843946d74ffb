/** nncheck's programmatic API: the CLI is a thin layer over these. */
import { checkImplementation as checkWithCatalogue, type CheckOptions } from './api/check.ts';
import type { RunReport } from './findings/report.ts';
import { SUITES } from '../properties/suites/index.ts';

export type { CheckOptions, RunReport };
export { SUITES };

/** Loads an implementation and runs the property catalogue (default: every suite) against it. */
export function checkImplementation(
  target: string,
  o: Omit<CheckOptions, 'catalogue'> & Partial<Pick<CheckOptions, 'catalogue'>>,
): Promise<RunReport> {
  return checkWithCatalogue(target, { ...o, catalogue: o.catalogue ?? SUITES });
}

export { compareWithReference } from './api/compare.ts';
export { trainReference, type TrainRunOptions, type TrainRunResult } from './api/train-run.ts';
export { checkGradients, type GradCheckOptions } from './gradcheck/check.ts';
export { checkLossGradientPair, type GradOptions } from './api/grad.ts';
export { formatGradCheck } from './gradcheck/format.ts';
export type { GradCheckResult } from './gradcheck/result.ts';
export type { Objective, TensorSpec } from './gradcheck/objective.ts';
export { networkObjective } from './impl/objective.ts';
export { loadImplementation } from './impl/load.ts';
export { referenceImplementation } from './impl/reference.ts';
export type { NetworkImplementation } from './impl/implementation.ts';
export type { Finding, Severity, Verdict } from './findings/finding.ts';
export { runSuites } from './engine/run-suites.ts';
export * from './core/matrix.ts';
export { allClose, firstMismatch } from './core/allclose.ts';
