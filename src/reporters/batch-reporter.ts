import { createHash } from 'node:crypto';
import type { BatchReport, SubmissionResult } from '../findings/batch-report.ts';

/** A batch reporter renders one batch (or merged shards) into one file of the batch's report set. */
export interface BatchReporter {
  name: string;
  file: string;
  render(batch: BatchReport): string;
}

/**
 * Where a submission's own report set lives inside the batch's folder: its path made a file name,
 * with a short hash of the path so that two paths never share a folder.
 */
export function submissionDir(path: string): string {
  const name = path
    .replace(/^\/+/, '')
    .replace(/[^\w.-]+/g, '_')
    .slice(-80);
  return `submissions/${name}-${createHash('sha256').update(path).digest('hex').slice(0, 6)}`;
}

export const VERDICT_TEXT: Record<SubmissionResult['verdict'], string> = {
  pass: 'pass',
  fail: 'fail',
  'not-checked': 'network not checked',
  'setup-error': 'cannot be checked',
  timeout: 'timed out',
  crash: 'crashed',
};

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** How many submissions show each defect, most common first: where a course's teaching should look. */
export function defectCounts(batch: BatchReport, defects: (s: SubmissionResult) => string[]): [string, number][] {
  const n = new Map<string, number>();
  for (const s of batch.submissions) for (const d of defects(s)) n.set(d, (n.get(d) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}
