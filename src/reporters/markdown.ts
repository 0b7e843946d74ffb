import type { RunReport } from '../findings/report.ts';
import { isFailure, isNote, isPassed, isPlainPass, type Finding } from '../findings/finding.ts';
import { escapeMarkdown, markdownCode } from '../util/text-safety.ts';
import { headline } from '../findings/headline.ts';
import type { Reporter } from './reporter.ts';
import type { Defect } from '../findings/defect.ts';
import { defectsOf } from '../diagnosis/index.ts';

const cell = (s: unknown) => escapeMarkdown(String(s ?? ''));
const ICON: Record<string, string> = { bug: '🔴 bug', warning: '🟠 warning', info: 'ℹ️ info', none: '' };

function failures(fs: Finding[], defectOf: Map<Finding, number>): string[] {
  if (fs.length === 0) return ['No failures.', ''];
  const rows = [
    '| defect | severity | suite | property | what happened | cause / hint | replay |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of fs) {
    const why = [f.cause, f.hint].filter(Boolean).join(': ');
    const replay =
      f.replay?.command ?? (f.replay ? `seed ${f.replay.seed}${f.replay.path ? `, path ${f.replay.path}` : ''}` : '');
    rows.push(
      `| ${defectOf.get(f) ?? ''} | ${ICON[f.severity] ?? f.severity} | ${cell(f.suite)} | ${cell(f.property)} | ${cell(f.message)}${f.counterexample ? `<br>counterexample: ${markdownCode(f.counterexample)}` : ''} | ${cell(why)} | ${replay ? markdownCode(replay) : ''} |`,
    );
  }
  return [...rows, ''];
}

/** The diagnosis as a numbered list: what, where, fix; why it ranks there; the evidence it rests on. */
function diagnosis(defects: Defect[], findings: Finding[]): string[] {
  const multi = new Set(defects.map((d) => d.subject)).size > 1;
  const lines = ['## Diagnosis', ''];
  for (const d of defects) {
    const evidence = d.findings.map((i) => `${cell(findings[i].suite)} › ${cell(findings[i].property)}`).join('; ');
    lines.push(
      `${d.rank}. **${cell(multi && d.subject ? `${d.subject}: ` : '')}${cell(d.what)}**${d.cause ? ` ${markdownCode(d.cause)}` : ''}${d.severity === 'warning' ? ' (warning)' : ''} — where: ${cell(d.where)} — fix: ${cell(d.fix)}  `,
      `   ${d.rank === 1 ? 'Why first' : 'Why here'}: ${cell(d.reason)}  `,
    );
    if (d.alternatives)
      lines.push(
        `   Fits two causes: ${d.alternatives.causes.join(' or ')}; to tell them apart: ${cell(d.alternatives.discriminator)}  `,
      );
    lines.push(`   Evidence (${d.findings.length}): ${evidence}`);
  }
  return [...lines, ''];
}

/** A Markdown summary, suitable for a CI job summary ($GITHUB_STEP_SUMMARY and the like). */
export const markdownReporter: Reporter = {
  name: 'markdown',
  file: 'nncheck.md',
  render(r: RunReport) {
    const s = r.summary;
    const defects = defectsOf(r);
    const defectOf = new Map(defects.flatMap((d) => d.findings.map((i) => [r.findings[i], d.rank] as const)));
    const lines = [
      `# nncheck ${r.command}: ${headline({ ...r, defects }).ok ? '✅' : '❌'} ${cell(headline({ ...r, defects }).text)}`,
      '',
      ...(defects.length ? diagnosis(defects, r.findings) : []),
      `| passed | failed | bugs | warnings | notes | seed | runs | time |`,
      '|---|---|---|---|---|---|---|---|',
      `| ${s.passed} | ${s.failed + s.errors} | ${s.bugs} | ${s.warnings} | ${s.infos} | ${r.settings.seed} | ${r.settings.runs} | ${(r.ms / 1000).toFixed(1)} s |`,
      '',
    ];
    for (const sub of r.subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? sub.name) === sub.name);
      lines.push(`## ${cell(sub.name)} (${sub.language}, ${sub.activation}, ${sub.layout} layout)`, '');
      lines.push(...failures(mine.filter(isFailure), defectOf));
      const notes = mine.filter(isNote);
      if (notes.length) lines.push('Notes:', '', ...notes.map((n) => `- ${cell(n.message)}`), '');
      lines.push(
        `<details><summary>${mine.filter(isPassed).length} checks passed</summary>`,
        '',
        ...mine.filter(isPlainPass).map((f) => `- ${cell(f.suite)} › ${cell(f.message)}`),
        '',
        '</details>',
        '',
      );
    }
    return lines.join('\n');
  },
};
