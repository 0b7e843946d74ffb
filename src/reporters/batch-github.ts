import type { BatchReport, SubmissionResult } from '../findings/batch-report.ts';
import type { BatchReporter } from './batch-reporter.ts';
import { VERDICT_TEXT } from './batch-reporter.ts';
import { escapeData, escapeProperty, githubReporter } from './github.ts';

/** A submission whose check left no report (timed out, crashed): one error saying so, on its file. */
const noReport = (s: SubmissionResult) =>
  `::error file=${escapeProperty(s.path)},title=${escapeProperty(`nncheck: ${VERDICT_TEXT[s.verdict]}`)}::` +
  `${escapeData(s.error ?? VERDICT_TEXT[s.verdict])}\n`;

/** GitHub Actions annotations for a batch: each submission's, as its own github-annotations.txt has them. */
export const batchGithubReporter: BatchReporter = {
  name: 'github',
  file: 'github-annotations.txt',
  render: (b: BatchReport) =>
    b.submissions
      .map((s) => (s.report ? githubReporter.render(s.report) : s.verdict === 'pass' ? '' : noReport(s)))
      .join(''),
};
