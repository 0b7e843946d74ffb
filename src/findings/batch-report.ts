import { isFailure, isNote, type Finding } from './finding.ts';
import { NETWORK_NOT_CHECKED } from './network-not-checked.ts';
import type { RunReport } from './report.ts';

export const BATCH_SCHEMA_VERSION = 1;

/**
 * What became of one submission. `pass`/`fail` are the check's own exit 0/1; `not-checked` is an
 * exit 0 of a file in which nncheck found no network, only free functions (a sigmoid, a softmax):
 * nothing wrong was found in them, but no gradient, loss or training was checked, so a gradebook
 * must not read it as a pass. `setup-error` is exit 2 (the file cannot be checked as it is: the
 * report names the cause and the fix); `timeout` means the submission ran past its budget and its
 * processes were ended; `crash` means the checking process itself died (a signal, the memory cap)
 * without a report.
 */
export type SubmissionVerdict = 'pass' | 'fail' | 'not-checked' | 'setup-error' | 'timeout' | 'crash';

/**
 * The verdict of a check that exited 0: `not-checked` when its report says the network was not
 * checked (see networkNotChecked), else `pass`.
 */
export const passingVerdict = (r: Pick<RunReport, 'findings'>): 'pass' | 'not-checked' =>
  r.findings.some((f) => f.id === NETWORK_NOT_CHECKED) ? 'not-checked' : 'pass';

/**
 * A submission that failed: its check found something wrong, or it could not be checked at all.
 * A network not checked is neither: nothing wrong was found (a single check exits 0 for it too).
 */
export const isFailedSubmission = (s: { verdict: SubmissionVerdict }): boolean =>
  s.verdict !== 'pass' && s.verdict !== 'not-checked';
/** A submission whose check did not complete, so gave no verdict of its own: a setup error, a timeout or a crash. */
export const isIncompleteSubmission = (s: { verdict: SubmissionVerdict }): boolean =>
  isFailedSubmission(s) && s.verdict !== 'fail';

export interface SubmissionResult {
  /** The path as given (relative to the current directory, '/'-separated). */
  path: string;
  verdict: SubmissionVerdict;
  /** The exit status of the check of this submission (null when it was killed). */
  exitCode: number | null;
  ms: number;
  /** True when the result came from the cache (same file content, nncheck version and settings). */
  cached?: boolean;
  /** The submission's own run report, when its check wrote one. */
  report?: RunReport;
  /** What went wrong when there is no report, or the tail of the process's error output. */
  error?: string;
}

/** A batch of checks: one entry per submission, sorted by path; merged shards have the same shape. */
export interface BatchReport {
  kind: 'nncheck-batch';
  schemaVersion: typeof BATCH_SCHEMA_VERSION;
  tool: { name: 'nncheck'; version: string };
  command: string;
  startedAt: string;
  finishedAt: string;
  /** Wall time of the batch (for a merge: the longest shard's). */
  ms: number;
  /** The settings every submission was checked with (the flags passed on to each check). */
  settings: Record<string, unknown>;
  /** The shards this report covers, e.g. ['1/3', '2/3', '3/3'] after a merge; absent when unsharded. */
  shards?: string[];
  submissions: SubmissionResult[];
  summary: BatchSummary;
}

export interface BatchSummary {
  submissions: number;
  pass: number;
  fail: number;
  /** Free functions checked, no network found (see SubmissionVerdict): neither passed nor failed. */
  notChecked: number;
  setupError: number;
  timeout: number;
  crash: number;
  cached: number;
  /** 1 when a submission failed (or could not be checked), else 0: a network not checked fails nothing. */
  exitCode: 0 | 1;
}

/**
 * The defects findings show: the named causes of the failing ones (else suite: property), each once,
 * in order. A file that could not be loaded has no defect to name (its setup error says why).
 */
export function defectsIn(findings: readonly Finding[]): string[] {
  const failing = findings.filter((f) => isFailure(f) && !isNote(f) && f.suite !== 'setup');
  return [...new Set(failing.map((f) => f.cause ?? `${f.suite}: ${f.property}`))];
}

/** A run report's diagnosis, where the run made one (its defects, each with a cause id or a sentence). */
type Diagnosed = { defects?: { cause?: string | null; what: string }[] };

/** A submission's defects: its report's diagnosis when it has one, else the causes of its failing findings. */
export function defectsOf(s: SubmissionResult): string[] {
  const diagnosed = (s.report as Diagnosed | undefined)?.defects;
  return diagnosed ? [...new Set(diagnosed.map((d) => d.cause ?? d.what))] : defectsIn(s.report?.findings ?? []);
}

/** Bugs and warnings among a submission's failing findings. */
export function countsOf(s: SubmissionResult): { bugs: number; warnings: number } {
  const sum = s.report?.summary;
  return { bugs: sum?.bugs ?? 0, warnings: sum?.warnings ?? 0 };
}

export function summariseBatch(subs: readonly SubmissionResult[]): BatchSummary {
  const n = (v: SubmissionVerdict) => subs.filter((s) => s.verdict === v).length;
  return {
    submissions: subs.length,
    pass: n('pass'),
    fail: n('fail'),
    notChecked: n('not-checked'),
    setupError: n('setup-error'),
    timeout: n('timeout'),
    crash: n('crash'),
    cached: subs.filter((s) => s.cached).length,
    exitCode: subs.some(isFailedSubmission) ? 1 : 0,
  };
}

/** One line for a terminal or a CI log. */
export function formatBatchSummary(s: BatchSummary, seconds: number): string {
  const parts = [`${s.pass} passed`, `${s.fail} failed`];
  if (s.notChecked) parts.push(`${s.notChecked} network not checked`);
  if (s.setupError) parts.push(`${s.setupError} could not be checked`);
  if (s.timeout) parts.push(`${s.timeout} timed out`);
  if (s.crash) parts.push(`${s.crash} crashed`);
  const cached = s.cached ? ` (${s.cached} from the cache)` : '';
  return `${s.submissions} submissions: ${parts.join(', ')}${cached}, in ${seconds.toFixed(1)} s`;
}
