import { countsOf, defectsOf, type BatchReport, type SubmissionResult } from '../findings/batch-report.ts';
import { notCheckedReason } from '../findings/network-not-checked.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { csvLine } from './csv-format.ts';

/**
 * The gradebook columns, the same for a batch and for a single check (so their rows concatenate).
 * `error` says why a submission could not be checked (setup error, timeout, crash) or what was
 * checked when its network was not: that is no bug and no defect, so it has a column of its own
 * (its first line; the reports have the rest).
 */
export const CSV_HEADER = csvLine([
  'path',
  'verdict',
  'exit_code',
  'bugs',
  'warnings',
  'defects',
  'seconds',
  'cached',
  'error',
]);

/** Why a submission has no verdict of its own (or what was checked of it), in one line. */
function errorOf(s: SubmissionResult): string {
  if (s.verdict === 'pass' || s.verdict === 'fail') return '';
  if (s.verdict === 'not-checked') return notCheckedReason(s.report?.findings ?? []) ?? '';
  return (s.report?.setupError?.message ?? s.error ?? '').split('\n')[0];
}

/** One submission's row under CSV_HEADER. */
export function submissionRow(s: SubmissionResult): string {
  const { bugs, warnings } = countsOf(s);
  return csvLine([
    s.path,
    s.verdict,
    s.exitCode ?? '',
    bugs,
    warnings,
    defectsOf(s).join('; '),
    (s.ms / 1000).toFixed(1),
    s.cached ? 'yes' : 'no',
    errorOf(s),
  ]);
}

/** For a gradebook: one row per submission (path, verdict, exit status, bugs, warnings, defects, time). */
export const batchCsvReporter: BatchReporter = {
  name: 'csv',
  file: 'nncheck.csv',
  render(b: BatchReport) {
    return [CSV_HEADER, ...b.submissions.map(submissionRow)].join('\n') + '\n';
  },
};
