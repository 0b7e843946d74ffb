import {
  countsOf,
  defectsOf,
  isFailedSubmission,
  type BatchReport,
  type SubmissionResult,
} from '../findings/batch-report.ts';
import { isFailure, type Finding } from '../findings/finding.ts';
import { NETWORK_NOT_CHECKED } from '../findings/network-not-checked.ts';
import { hintLabel, severityLabel } from './severity-label.ts';
import { defectCounts, seconds, submissionDir, VERDICT_TEXT, type BatchReporter } from './batch-reporter.ts';
import { escapeXml as e } from './escape.ts';
import { htmlPage } from './html-page.ts';
import { BATCH_CSS } from './html-style.ts';

const HEADINGS = ['submission', 'verdict', 'exit', 'bugs', 'warnings', 'defects', 'time'];

/** The flags each submission was checked with, as a command line would give them. */
function settingsText(settings: Record<string, unknown>): string {
  const { args, ...rest } = settings;
  const flags = Array.isArray(args) ? args.join(' ') : '';
  return [flags, ...Object.entries(rest).map(([k, v]) => `${k} ${String(v)}`)].filter(Boolean).join('; ');
}

const reportLink = (s: SubmissionResult, text: string) =>
  `<a href="${e(submissionDir(s.path))}/nncheck.html">${text}</a>`;

function row(s: SubmissionResult): string {
  const { bugs, warnings } = countsOf(s);
  const cells = [
    `<td>${s.report ? reportLink(s, e(s.path)) : e(s.path)}</td>`,
    `<td class="v">${e(VERDICT_TEXT[s.verdict])}</td>`,
    `<td class="n">${s.exitCode ?? '–'}</td>`,
    `<td class="n">${bugs}</td>`,
    `<td class="n">${warnings}</td>`,
    `<td>${e(defectsOf(s).join(', '))}</td>`,
    `<td class="n">${seconds(s.ms)}${s.cached ? ' (cached)' : ''}</td>`,
  ];
  return `<tr class="${e(s.verdict)}" data-path="${e(s.path)}">${cells.join('')}</tr>`;
}

const failureItem = (f: Finding) =>
  `<li><b>${e(severityLabel(f))}</b> ${e(f.suite)} › ${e(f.message)}` +
  `${f.cause ? ` <i>cause: ${e(f.cause)}</i>` : ''}${f.hint ? `<br>${hintLabel(f)}: ${e(f.hint)}` : ''}</li>`;

function failed(s: SubmissionResult): string {
  const items = (s.report?.findings ?? []).filter(isFailure).map(failureItem);
  return (
    `<div class="sub" id="${e(submissionDir(s.path))}"><b>${e(s.path)}</b>: ${e(VERDICT_TEXT[s.verdict])}` +
    `${s.error ? `<pre>${e(s.error)}</pre>` : ''}${items.length ? `<ul>${items.join('')}</ul>` : ''}` +
    `${s.report ? reportLink(s, 'its full report') : ''}</div>`
  );
}

/** The counts under the headline: how the submissions that did not pass ended, the wall time, the settings. */
function countsLine(b: BatchReport): string {
  const s = b.summary;
  const cached = s.cached ? `, ${s.cached} from the cache` : '';
  const shards = b.shards ? `; shards ${e(b.shards.join(', '))}` : '';
  return (
    `<p>${s.fail} failed, ${s.notChecked ? `${s.notChecked} network not checked, ` : ''}` +
    `${s.setupError} could not be checked, ${s.timeout} timed out, ${s.crash} crashed${cached}; ` +
    `${seconds(b.ms)} wall${shards}; settings <code>${e(settingsText(b.settings))}</code></p>`
  );
}

/** A submission whose network was not checked: what was, and how to check the rest (the finding's words). */
function notChecked(s: SubmissionResult): string {
  const what = s.report?.findings.find((f) => f.id === NETWORK_NOT_CHECKED)?.message ?? VERDICT_TEXT[s.verdict];
  const link = s.report ? ` ${reportLink(s, 'its full report')}` : '';
  return `<div class="sub not-checked"><b>${e(s.path)}</b>: ${e(what)}${link}</div>`;
}

/** How many submissions show each defect, most common first. */
function defectTable(counts: [string, number][]): string {
  const rows = counts.map(([d, n]) => `<tr><td>${e(d)}</td><td class="n">${n}</td></tr>`).join('');
  const head = '<tr><th>defect</th><th>submissions</th></tr>';
  return `<h2>Defects across submissions</h2><table class="defects">${head}${rows}</table>`;
}

/** One self-contained page for a batch: the summary table at the top, then each failing submission. */
export const batchHtmlReporter: BatchReporter = {
  name: 'html',
  file: 'nncheck.html',
  render(b: BatchReport) {
    const s = b.summary;
    const counts = defectCounts(b, defectsOf);
    const bad = b.submissions.filter(isFailedSubmission);
    const unread = b.submissions.filter((x) => x.verdict === 'not-checked');
    const verdict = `<span class="${s.exitCode ? 'bad' : 'ok'}">${s.pass} of ${s.submissions} submissions pass</span>`;
    const body = [
      `<h1>nncheck batch: ${verdict}</h1>`,
      countsLine(b),
      `<table class="batch"><thead><tr>${HEADINGS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>`,
      ...b.submissions.map(row),
      '</tbody></table>',
      counts.length ? defectTable(counts) : '',
      unread.length ? `<h2>Network not checked</h2>${unread.map(notChecked).join('\n')}` : '',
      bad.length ? `<h2>What failed</h2>${bad.map(failed).join('\n')}` : '',
    ];
    return htmlPage('nncheck batch report', BATCH_CSS, body, { version: b.tool.version, startedAt: b.startedAt });
  },
};
