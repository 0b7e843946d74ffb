import type { BatchReport } from '../findings/batch-report.ts';
import type { BatchReporter } from './batch-reporter.ts';

/** The batch's source of truth (merge reads it): one entry per submission, each with its own full run report. */
export const batchJsonReporter: BatchReporter = {
  name: 'json',
  file: 'nncheck.json',
  // As in a run's JSON, a non-finite number (a NaN the user's code produced) is kept as a string.
  render: (b: BatchReport) =>
    JSON.stringify(b, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 1) + '\n',
};
