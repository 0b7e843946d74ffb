import { defectsIn } from '../findings/batch-report.ts';
import { isBug, isWarning } from '../findings/finding.ts';
import type { RunReport } from '../findings/report.ts';
import { csvLine } from './csv-format.ts';
import type { Reporter } from './reporter.ts';

/** For a gradebook: one row per implementation checked (path, verdict, defects, time). */
export const csvReporter: Reporter = {
  name: 'csv',
  file: 'nncheck.csv',
  render(r: RunReport) {
    const rows = [csvLine(['subject', 'verdict', 'bugs', 'warnings', 'defects', 'seconds'])];
    const subjects = r.subjects.length
      ? r.subjects.map((s) => s.name)
      : [...new Set(r.findings.map((f) => f.subject ?? ''))];
    for (const name of subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? name) === name);
      const warnings = mine.filter(isWarning).length;
      const bugs = mine.filter(isBug).length;
      const seconds = r.subjects.length > 1 ? mine.reduce((a, f) => a + f.ms, 0) / 1000 : r.ms / 1000;
      rows.push(
        csvLine([name, bugs ? 'fail' : 'pass', bugs, warnings, defectsIn(mine).join('; '), seconds.toFixed(1)]),
      );
    }
    return rows.join('\n') + '\n';
  },
};
