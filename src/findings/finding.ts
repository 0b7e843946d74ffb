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

/**
 * The one vocabulary for reading a finding. A failure is a check that did not hold (fail) or could
 * not finish (error); its severity says how bad. Passes and skips carry no severity but "info".
 */
export const isFailure = (f: Finding): boolean => f.verdict === 'fail' || f.verdict === 'error';
/** A failure rated a bug: what fails a run. */
export const isBug = (f: Finding): boolean => isFailure(f) && f.severity === 'bug';
/** A failure rated a warning: reported, never fails a run. */
export const isWarning = (f: Finding): boolean => isFailure(f) && f.severity === 'warning';
/** A note (info), whatever its verdict: a convention, how the implementation was read. */
export const isNote = (f: Finding): boolean => f.severity === 'info';
export const isPassed = (f: Finding): boolean => f.verdict === 'pass';
/** A pass that is not a note: the checks listed as "passed". */
export const isPlainPass = (f: Finding): boolean => isPassed(f) && !isNote(f);
export const isSkipped = (f: Finding): boolean => f.verdict === 'skip';
/** A check that could not finish (a crash, a timeout), as opposed to one that did not hold. */
export const isError = (f: Finding): boolean => f.verdict === 'error';
/**
 * The run could not start (a setup error, exit 2): the file could not be checked, which says
 * nothing about its maths. Its own category: neither a bug nor a warning, never a defect.
 */
export const isSetupError = (f: Finding): boolean => f.suite === 'setup' && isError(f);

/** A defect or a gradient-check fault (failures by construction, rated bug or warning) that is a bug. */
export const hasBugSeverity = (x: { severity: Severity }): boolean => x.severity === 'bug';

/** Exit status of a run: 1 when any finding is a bug, else 0. Info never fails a run. */
export const exitCodeOf = (findings: readonly Finding[]): 0 | 1 => (findings.some(isBug) ? 1 : 0);
