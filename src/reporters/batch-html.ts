import {
  countsOf,
  defectsOf,
  isFailedSubmission,
  type BatchReport,
  type SubmissionResult,
} from '../findings/batch-report.ts';
import { isFailure } from '../findings/finding.ts';
import { defectCounts, seconds, submissionDir, VERDICT_TEXT, type BatchReporter } from './batch-reporter.ts';
import { escapeXml as e } from './escape.ts';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1200px;color:#222;padding:0 16px}
h1{font-size:22px}.ok{color:#1a7f37}.bad{color:#c62828}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}table{border-collapse:collapse}
td,th{padding:3px 10px;border:1px solid #ddd;text-align:left}td.n{text-align:right;white-space:nowrap}tr.pass td.v{color:#1a7f37}
tr.fail td.v,tr.crash td.v,tr.timeout td.v{color:#c62828;font-weight:600}tr.setup-error td.v{color:#ef6c00;font-weight:600}
.sub{border-left:4px solid #c62828;padding:4px 10px;margin:10px 0;background:#fafafa}pre{white-space:pre-wrap;font-size:12px;margin:4px 0}`;

/** The flags each submission was checked with, as a command line would give them. */
function settingsText(settings: Record<string, unknown>): string {
  const { args, ...rest } = settings;
  const flags = Array.isArray(args) ? args.join(' ') : '';
  return [flags, ...Object.entries(rest).map(([k, v]) => `${k} ${String(v)}`)].filter(Boolean).join('; ');
}

function row(s: SubmissionResult): string {
  const { bugs, warnings } = countsOf(s);
  const link = s.report ? `<a href="${e(submissionDir(s.path))}/nncheck.html">${e(s.path)}</a>` : e(s.path);
  return (
    `<tr class="${e(s.verdict)}" data-path="${e(s.path)}"><td>${link}</td><td class="v">${e(VERDICT_TEXT[s.verdict])}</td>` +
    `<td class="n">${s.exitCode ?? '–'}</td><td class="n">${bugs}</td><td class="n">${warnings}</td><td>${e(defectsOf(s).join(', '))}</td>` +
    `<td class="n">${seconds(s.ms)}${s.cached ? ' (cached)' : ''}</td></tr>`
  );
}

function failed(s: SubmissionResult): string {
  const items = (s.report?.findings ?? [])
    .filter(isFailure)
    .map(
      (f) =>
        `<li><b>${e(f.severity)}</b> ${e(f.suite)} › ${e(f.message)}${f.cause ? ` <i>cause: ${e(f.cause)}</i>` : ''}${f.hint ? `<br>hint: ${e(f.hint)}` : ''}</li>`,
    );
  return (
    `<div class="sub" id="${e(submissionDir(s.path))}"><b>${e(s.path)}</b>: ${e(VERDICT_TEXT[s.verdict])}` +
    `${s.error ? `<pre>${e(s.error)}</pre>` : ''}${items.length ? `<ul>${items.join('')}</ul>` : ''}` +
    `${s.report ? `<a href="${e(submissionDir(s.path))}/nncheck.html">its full report</a>` : ''}</div>`
  );
}

/** One self-contained page for a batch: the summary table at the top, then each failing submission. */
export const batchHtmlReporter: BatchReporter = {
  name: 'html',
  file: 'nncheck.html',
  render(b: BatchReport) {
    const s = b.summary;
    const counts = defectCounts(b, defectsOf);
    const bad = b.submissions.filter(isFailedSubmission);
    const body = [
      `<h1>nncheck batch: <span class="${s.exitCode ? 'bad' : 'ok'}">${s.pass} of ${s.submissions} submissions pass</span></h1>`,
      `<p>${s.fail} failed, ${s.setupError} could not be checked, ${s.timeout} timed out, ${s.crash} crashed${s.cached ? `, ${s.cached} from the cache` : ''}; ` +
        `${seconds(b.ms)} wall${b.shards ? `; shards ${e(b.shards.join(', '))}` : ''}; settings <code>${e(settingsText(b.settings))}</code></p>`,
      '<table class="batch"><thead><tr><th>submission</th><th>verdict</th><th>exit</th><th>bugs</th><th>warnings</th><th>defects</th><th>time</th></tr></thead><tbody>',
      ...b.submissions.map(row),
      '</tbody></table>',
      counts.length
        ? `<h2>Defects across submissions</h2><table class="defects"><tr><th>defect</th><th>submissions</th></tr>${counts.map(([d, n]) => `<tr><td>${e(d)}</td><td class="n">${n}</td></tr>`).join('')}</table>`
        : '',
      bad.length ? `<h2>What failed</h2>${bad.map(failed).join('\n')}` : '',
    ];
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nncheck batch report</title><meta name="viewport" content="width=device-width"><style>${CSS}</style></head><body>${body.join('\n')}<footer><small>nncheck ${e(b.tool.version)}, ${e(b.startedAt)}</small></footer></body></html>\n`;
  },
};
