import { countsOf, defectsOf, type BatchReport } from '../findings/batch-report.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { csvLine } from './csv-format.ts';

/** For a gradebook: one row per submission (path, verdict, exit status, bugs, warnings, defects, time). */
export const batchCsvReporter: BatchReporter = {
  name: 'csv',
  file: 'nncheck.csv',
  render(b: BatchReport) {
    const rows = [csvLine(['path', 'verdict', 'exit_code', 'bugs', 'warnings', 'defects', 'seconds', 'cached'])];
    for (const s of b.submissions) {
      const { bugs, warnings } = countsOf(s);
      rows.push(
        csvLine([
          s.path,
          s.verdict,
          s.exitCode ?? '',
          bugs,
          warnings,
          defectsOf(s).join('; '),
          (s.ms / 1000).toFixed(1),
          s.cached ? 'yes' : 'no',
        ]),
      );
    }
    return rows.join('\n') + '\n';
  },
};
