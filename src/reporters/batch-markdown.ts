import {
  countsOf,
  defectsOf,
  isFailedSubmission,
  type BatchReport,
  type SubmissionResult,
} from '../findings/batch-report.ts';
import { isFailure } from '../findings/finding.ts';
import { NETWORK_NOT_CHECKED } from '../findings/network-not-checked.ts';
import { severityLabel } from './severity-label.ts';
import { defectCounts, seconds, submissionDir, VERDICT_TEXT, type BatchReporter } from './batch-reporter.ts';

const cell = (s: unknown) =>
  String(s ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
const ICON: Record<SubmissionResult['verdict'], string> = {
  pass: '✅',
  fail: '❌',
  'not-checked': '❔',
  'setup-error': '⚠️',
  timeout: '⏱️',
  crash: '💥',
};

/** A submission's row of the summary table, linking to its own report. */
function row(x: SubmissionResult): string {
  const { bugs, warnings } = countsOf(x);
  const cells = [
    `[${cell(x.path)}](${submissionDir(x.path)}/nncheck.md)`,
    `${ICON[x.verdict]} ${VERDICT_TEXT[x.verdict]}`,
    x.exitCode ?? '–',
    bugs,
    warnings,
    cell(defectsOf(x).join(', ')),
    `${seconds(x.ms)}${x.cached ? ' (cached)' : ''}`,
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The batch for a CI job summary: the summary table first, then what failed in each submission. */
export const batchMarkdownReporter: BatchReporter = {
  name: 'markdown',
  file: 'nncheck.md',
  render(b: BatchReport) {
    const s = b.summary;
    const lines = [
      `# nncheck batch: ${s.pass}/${s.submissions} submissions pass`,
      '',
      `${s.fail} failed, ${s.notChecked ? `${s.notChecked} network not checked, ` : ''}` +
        `${s.setupError} could not be checked, ${s.timeout} timed out, ${s.crash} crashed` +
        `${s.cached ? `, ${s.cached} from the cache` : ''}; ` +
        `${seconds(b.ms)} wall${b.shards ? `, shards ${b.shards.join(', ')}` : ''}.`,
      '',
      '| submission | verdict | exit | bugs | warnings | defects | time |',
      '|---|---|---|---|---|---|---|',
    ];
    lines.push(...b.submissions.map(row));
    const counts = defectCounts(b, defectsOf);
    if (counts.length)
      lines.push(
        '',
        '## Defects across submissions',
        '',
        '| defect | submissions |',
        '|---|---|',
        ...counts.map(([d, n]) => `| ${cell(d)} | ${n} |`),
      );
    // Nothing wrong found, nothing of the network checked: each says what was, and how to check the rest.
    const unread = b.submissions.filter((x) => x.verdict === 'not-checked');
    const what = (x: SubmissionResult) => x.report?.findings.find((f) => f.id === NETWORK_NOT_CHECKED)?.message;
    if (unread.length)
      lines.push('', '## Network not checked', '', ...unread.map((x) => `- **${cell(x.path)}**: ${cell(what(x))}`));
    const bad = b.submissions.filter(isFailedSubmission);
    if (bad.length) lines.push('', '## What failed');
    for (const x of bad) {
      lines.push('', `### ${cell(x.path)}: ${VERDICT_TEXT[x.verdict]}`, '');
      if (x.error) lines.push('```', x.error.replace(/```/g, "'''"), '```', '');
      for (const f of (x.report?.findings ?? []).filter(isFailure)) {
        const cause = f.cause ? ` (cause: ${cell(f.cause)})` : '';
        lines.push(`- **${severityLabel(f)}** ${cell(f.suite)} › ${cell(f.message)}${cause}`);
      }
    }
    return lines.join('\n') + '\n';
  },
};
