import { join } from 'node:path';
import type { BatchReport } from '../findings/batch-report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { batchCsvReporter } from './batch-csv.ts';
import { batchGithubReporter } from './batch-github.ts';
import { batchHtmlReporter } from './batch-html.ts';
import { batchJsonReporter } from './batch-json.ts';
import { batchJunitReporter } from './batch-junit.ts';
import { batchMarkdownReporter } from './batch-markdown.ts';
import { submissionDir, type BatchReporter } from './batch-reporter.ts';
import { writeReports } from './write.ts';

export const BATCH_REPORTERS: BatchReporter[] = [
  batchJsonReporter,
  batchMarkdownReporter,
  batchJunitReporter,
  batchHtmlReporter,
  batchCsvReporter,
  batchGithubReporter,
];

/**
 * Writes a batch's report set into `dir`: the merged files (same names as a single run's), and
 * each submission's own report set under submissions/, rendered by the single-run reporters.
 */
export function writeBatchReports(batch: BatchReport, dir: string): string[] {
  for (const s of batch.submissions) if (s.report) writeReports(s.report, join(dir, submissionDir(s.path)));
  return BATCH_REPORTERS.map((r) => {
    const path = join(dir, r.file);
    writeFileAtomic(path, r.render(batch));
    return path;
  });
}
