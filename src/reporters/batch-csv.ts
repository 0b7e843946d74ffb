import { countsOf, defectsOf, type BatchReport, type SubmissionResult } from '../findings/batch-report.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { csvLine } from './csv-format.ts';

/** The gradebook columns, the same for a batch and for a single check (so their rows concatenate). */
export const CSV_HEADER = csvLine(['path', 'verdict', 'exit_code', 'bugs', 'warnings', 'defects', 'seconds', 'cached']);

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
