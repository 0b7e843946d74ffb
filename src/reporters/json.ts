import type { RunReport } from '../findings/report.ts';
import type { Reporter } from './reporter.ts';
import { defectsOf } from '../diagnosis/index.ts';

/** The source of truth: the whole run, versioned (schemaVersion), as pretty-printed JSON. */
export const jsonReporter: Reporter = {
  name: 'json',
  file: 'nncheck.json',
  render: (report: RunReport) =>
    JSON.stringify(
      { ...report, defects: defectsOf(report) },
      (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
      2,
    ) + '\n',
};
