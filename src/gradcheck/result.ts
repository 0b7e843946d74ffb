import type { CauseId } from '../findings/causes.ts';
import type { FaultKind } from '../findings/implementation-fault.ts';

/** One directional comparison gᵀv against a finite-difference estimate along v. */
export interface ProbeRecord {
  support: number;
  analytic: number;
  numeric: number;
  absError: number;
  tolerance: number;
  step: number;
  passed: boolean;
  /** How a kink was dealt with, when one was met. */
  kink?: 'smaller-step' | 'moved-point' | 'bracket';
  /** The point the comparison was made at, when a kink moved it off θ (it may also be θ itself). */
  at?: { theta: Float64Array; loss: number };
}

export interface EntryFinding {
  tensor: string;
  row: number;
  col: number;
  analytic: number;
  numeric: number;
  absError: number;
  /** cs231n relative error |a − n| / max(|a|, |n|). */
  relError: number;
  tolerance: number;
}

export type PatternName =
  | 'constant-factor'
  | 'missing-mean'
  | 'double-mean'
  | 'sign-flip'
  | 'zeros'
  | 'l2-gradient-mismatch'
  | 'bias-only'
  | 'weights-only'
  | 'shifted-rows'
  | 'transposed'
  | 'other-loss'
  | 'clipped-log'
  | 'isolated-entries'
  | 'unstructured';

export interface PatternFinding {
  tensor: string;
  pattern: PatternName;
  /** The root cause, when the pattern alone names one (zeros under a leaky ReLU: a hard-ReLU gradient). */
  cause?: CauseId;
  detail: string;
  hint: string;
  numbers?: Record<string, number>;
}

export interface FaultFinding {
  kind: FaultKind;
  severity: 'bug' | 'warning';
  message: string;
  detail?: string;
}

export interface TensorResult {
  name: string;
  rows: number;
  cols: number;
  verdict: 'pass' | 'fail';
  probes: ProbeRecord[];
  /** Largest cs231n relative error among the entries compared one by one, if any were. */
  worstRelError?: number;
  /** The checker's tolerance at that entry, in the same relative units. */
  worstRelTolerance?: number;
  /** Localisation stopped early: the error covers too many entries to list. */
  widespread?: boolean;
}

export interface TaylorResult {
  steps: number[];
  remainders: number[];
  slope: number;
  verdict: 'pass' | 'fail' | 'inconclusive';
}

export interface GradCheckResult {
  verdict: 'pass' | 'fail' | 'error';
  mode: 'directional' | 'full';
  precision: 'float64' | 'float32';
  seed: number;
  loss: number;
  evaluations: { losses: number; gradients: number };
  /** Measured standard deviation of the loss's rounding noise near θ. */
  lossNoise: number;
  power: { probesPerTensor: number; missProbability: number; statement: string };
  tensors: TensorResult[];
  wrongEntries: EntryFinding[];
  patterns: PatternFinding[];
  faults: FaultFinding[];
  kinks: { met: number; resolved: number };
  taylor?: TaylorResult;
  ms: number;
}
