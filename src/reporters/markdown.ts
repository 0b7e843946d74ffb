import type { RunReport } from '../findings/report.ts';
import type { Finding } from '../findings/finding.ts';
import { escapeMarkdown, markdownCode } from '../util/text-safety.ts';
import { headline } from '../findings/headline.ts';
import type { Reporter } from './reporter.ts';

const cell = (s: unknown) => escapeMarkdown(String(s ?? ''));
const ICON: Record<string, string> = { bug: '🔴 bug', warning: '🟠 warning', info: 'ℹ️ info', none: '' };

function failures(fs: Finding[]): string[] {
  if (fs.length === 0) return ['No failures.', ''];
  const rows = ['| severity | suite | property | what happened | cause / hint | replay |', '|---|---|---|---|---|---|'];
  for (const f of fs) {
    const why = [f.cause, f.hint].filter(Boolean).join(': ');
    const replay = f.replay?.command ?? (f.replay ? `seed ${f.replay.seed}${f.replay.path ? `, path ${f.replay.path}` : ''}` : '');
    rows.push(`| ${ICON[f.severity] ?? f.severity} | ${cell(f.suite)} | ${cell(f.property)} | ${cell(f.message)}${f.counterexample ? `<br>counterexample: ${markdownCode(f.counterexample)}` : ''} | ${cell(why)} | ${replay ? markdownCode(replay) : ''} |`);
  }
  return [...rows, ''];
}

/** A Markdown summary, suitable for a CI job summary ($GITHUB_STEP_SUMMARY and the like). */
export const markdownReporter: Reporter = {
  name: 'markdown',
  file: 'nncheck.md',
  render(r: RunReport) {
    const s = r.summary;
    const lines = [
      `# nncheck ${r.command}: ${headline(r).ok ? '✅' : '❌'} ${cell(headline(r).text)}`, '',
      `| passed | failed | bugs | warnings | notes | seed | runs | time |`, '|---|---|---|---|---|---|---|---|',
      `| ${s.passed} | ${s.failed + s.errors} | ${s.bugs} | ${s.warnings} | ${s.infos} | ${r.settings.seed} | ${r.settings.runs} | ${(r.ms / 1000).toFixed(1)} s |`, '',
    ];
    for (const sub of r.subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? sub.name) === sub.name);
      lines.push(`## ${cell(sub.name)} (${sub.language}, ${sub.activation}, ${sub.layout} layout)`, '');
      lines.push(...failures(mine.filter((f) => f.verdict === 'fail' || f.verdict === 'error')));
      const notes = mine.filter((f) => f.severity === 'info');
      if (notes.length) lines.push('Notes:', '', ...notes.map((n) => `- ${cell(n.message)}`), '');
      lines.push(`<details><summary>${mine.filter((f) => f.verdict === 'pass').length} checks passed</summary>`, '', ...mine.filter((f) => f.verdict === 'pass' && f.severity !== 'info').map((f) => `- ${cell(f.suite)} › ${cell(f.message)}`), '', '</details>', '');
    }
    return lines.join('\n');
  },
};
