import type { Finding } from '../findings/finding.ts';
import type { FreeFunctions } from '../impl/ops/free-functions.ts';
import type { FoundOps } from '../impl/ops/discover.ts';
import type { AnyPropertySpec } from './harness.ts';

/** A file's free ops (softmax, activations, derivatives, costs) and a way to call them. */
export interface OpsSubject {
  ff: FreeFunctions;
  ops: FoundOps;
}

/** The checks for free ops: generated properties, and findings read off discovery itself. */
export interface OpsSuite {
  name: string;
  /** Every id the suite can report, by kind (without the function's `:name`). */
  ids: readonly string[];
  properties(s: OpsSubject): AnyPropertySpec[];
  findings(s: OpsSubject): Finding[];
}
