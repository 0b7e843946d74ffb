import { defectsIn, passingVerdict, type SubmissionVerdict } from '../findings/batch-report.ts';
import { isBug, isWarning } from '../findings/finding.ts';
import type { RunReport } from '../findings/report.ts';
import { CSV_HEADER, submissionRow } from './batch-csv.ts';
import { csvLine } from './csv-format.ts';
import type { Reporter } from './reporter.ts';

/**
 * A single check's verdict in a batch's words: its exit status 0/1/2 is pass/fail/setup-error
 * (0 is not-checked when only free functions were); a check stopped by a signal (exit 128+n, a
 * partial report) is a crash, as in a batch.
 */
function verdictOf(r: RunReport): SubmissionVerdict {
  if (r.setupError || r.summary.exitCode === 2) return 'setup-error';
  if (r.interrupted) return 'crash';
  return r.summary.exitCode === 0 ? passingVerdict(r) : r.summary.exitCode === 1 ? 'fail' : 'crash';
}

/**
 * For a gradebook: one row per implementation checked, with the same columns as a batch's
 * nncheck.csv (path, verdict, exit_code, bugs, warnings, defects, seconds, cached), so rows of
 * single checks and of batches concatenate. A report of several implementations (compare) gets
 * a row for each, with its own findings.
 */
export const csvReporter: Reporter = {
  name: 'csv',
  file: 'nncheck.csv',
  render(r: RunReport) {
    const rows = [CSV_HEADER];
    if (r.subjects.length <= 1) {
      const path = r.subjects[0]?.name ?? r.findings[0]?.subject ?? '';
      rows.push(submissionRow({ path, verdict: verdictOf(r), exitCode: r.summary.exitCode, ms: r.ms, report: r }));
      return rows.join('\n') + '\n';
    }
    for (const { name } of r.subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? name) === name);
      const warnings = mine.filter(isWarning).length;
      const bugs = mine.filter(isBug).length;
      const seconds = mine.reduce((a, f) => a + f.ms, 0) / 1000;
      rows.push(
        csvLine([
          name,
          bugs ? 'fail' : 'pass',
          r.summary.exitCode,
          bugs,
          warnings,
          defectsIn(mine).join('; '),
          seconds.toFixed(1),
          'no',
          '',
        ]),
      );
    }
    return rows.join('\n') + '\n';
  },
};
