/** nncheck's programmatic API: the CLI is a thin layer over these. */
export { checkImplementation, type CheckOptions } from './api/check.ts';
export { compareWithReference } from './api/compare.ts';
export { trainReference, type TrainRunOptions, type TrainRunResult } from './api/train-run.ts';
export { checkGradients, type GradCheckOptions } from './gradcheck/check.ts';
export { formatGradCheck } from './gradcheck/format.ts';
export type { GradCheckResult } from './gradcheck/result.ts';
export type { Objective, TensorSpec } from './gradcheck/objective.ts';
export { networkObjective } from './impl/objective.ts';
export { loadImplementation } from './impl/load.ts';
export { referenceImplementation } from './impl/reference.ts';
export type { NetworkImplementation } from './impl/implementation.ts';
export type { Finding, Severity, Verdict } from './findings/finding.ts';
export type { RunReport } from './findings/report.ts';
export { runSuites } from '../properties/run.ts';
export { SUITES } from '../properties/suites/index.ts';
export * from './core/matrix.ts';
export { allClose, firstMismatch } from './core/allclose.ts';
