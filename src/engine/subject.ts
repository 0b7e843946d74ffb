import type { NetworkImplementation } from '../impl/implementation.ts';
import type { Activation } from '../ops/activation.ts';
import type { Finding } from '../findings/finding.ts';
import type { BuiltinDataset } from '../data/builtin.ts';
import type { AnyPropertySpec, RunSettings } from './harness.ts';
import type { TrainData } from './own-train.ts';

/** What a suite checks: a network implementation, and its activation op when exposed. */
export interface Subject {
  impl: NetworkImplementation;
  activationOp?: Activation;
  /** Data set for the implementation's own train() (default: raw digits, the motivating case). */
  trainDataset?: BuiltinDataset;
  /** The user's own data for train() (--data FILE), split and named; overrides trainDataset. */
  trainData?: TrainData;
}

export interface Suite {
  name: string;
  description: string;
  /**
   * Every id the suite can report: its catalogue. A property generated per user class or function
   * is listed by its kind, without the `:name` (`layers.backward-matches-forward`).
   */
  ids: readonly string[];
  /** fast-check properties (generated, shrunk, replayable). */
  properties?(subject: Subject): AnyPropertySpec[];
  /** Checks that are not generated case by case (e.g. convergence with pinned seeds). */
  run?(subject: Subject, settings: RunSettings): Promise<Finding[]>;
}
