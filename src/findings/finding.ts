/**
 * The one result model: every check (property, gradient check, diagnostic, fault) produces
 * Findings as plain data; reporters only read them. Severity follows one rule: NaN/Inf from
 * finite inputs or a gradient that disagrees with its own loss is a bug; finite but inaccurate
 * is a warning; a different but self-consistent convention is info and never fails a run.
 */
export type Verdict = 'pass' | 'fail' | 'error' | 'skip';
export type Severity = 'bug' | 'warning' | 'info' | 'none';

export interface Replay {
  seed: number;
  /** fast-check's path to the shrunk counterexample. */
  path?: string;
  /** A command line that reproduces the finding. */
  command?: string;
}

export interface Finding {
  /** The implementation checked, when a report covers several. */
  subject?: string;
  suite: string;
  /** The property's stable short id (`softmax.rows-sum-to-one`): what `--property` and saved counterexamples name. */
  id?: string;
  /** The property in words (free to change; the id stays). */
  property: string;
  verdict: Verdict;
  severity: Severity;
  /** One sentence: what was checked and what happened. */
  message: string;
  /** Where: a tensor entry, a layer, an epoch, a row. */
  location?: string;
  numbers?: Record<string, number | string | boolean | null>;
  /** The named cause, when one explains the finding (e.g. "global-max softmax"). */
  cause?: string;
  hint?: string;
  replay?: Replay;
  /** Longer text: the user's traceback, a process's last output. */
  detail?: string;
  /** The shrunk counterexample, rendered. */
  counterexample?: string;
  /** Runs executed (properties) or evaluations (checks). */
  runs?: number;
  ms: number;
  /** Extra structured data for reporters (e.g. a gradient-check result, a training history). */
  data?: unknown;
}

export const isFailure = (f: Finding): boolean => f.verdict === 'fail' || f.verdict === 'error';
export const isBug = (f: Finding): boolean => isFailure(f) && f.severity === 'bug';

/** Exit status of a run: 1 when any finding is a bug, else 0. Info never fails a run. */
export const exitCodeOf = (findings: readonly Finding[]): 0 | 1 => (findings.some(isBug) ? 1 : 0);
