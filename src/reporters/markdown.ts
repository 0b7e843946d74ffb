import type { RunReport } from '../findings/report.ts';
import { isFailure, isNote, isPlainPass, isSetupError, type Finding } from '../findings/finding.ts';
import { escapeMarkdown, markdownCode } from '../util/text-safety.ts';
import { headline } from '../findings/headline.ts';
import type { Reporter } from './reporter.ts';
import type { Defect } from '../findings/defect.ts';
import { defectsOf } from '../diagnosis/index.ts';
import { NO_CHECKS, summaryCells } from './summary-cells.ts';

const cell = (s: unknown) => escapeMarkdown(String(s ?? ''));
const ICON: Record<string, string> = { bug: '🔴 bug', warning: '🟠 warning', info: 'ℹ️ info', none: '' };

function replayText(f: Finding): string {
  if (!f.replay) return '';
  return f.replay.command ?? `seed ${f.replay.seed}${f.replay.path ? `, path ${f.replay.path}` : ''}`;
}

/** A failure's table row: its defect's rank, severity, where, what happened (and on what), why, how to replay. */
function failureRow(f: Finding, defectOf: Map<Finding, number>): string {
  const why = [f.cause, f.hint].filter(Boolean).join(': ');
  const replay = replayText(f);
  const what = `${cell(f.message)}${f.counterexample ? `<br>counterexample: ${markdownCode(f.counterexample)}` : ''}`;
  const cells = [
    defectOf.get(f) ?? '',
    isSetupError(f) ? '⚙️ setup error' : (ICON[f.severity] ?? f.severity),
    cell(f.suite),
    cell(f.property),
    what,
    cell(why),
    replay ? markdownCode(replay) : '',
  ];
  return `| ${cells.join(' | ')} |`;
}

function failures(fs: Finding[], defectOf: Map<Finding, number>): string[] {
  if (fs.length === 0) return ['No failures.', ''];
  const rows = [
    '| defect | severity | suite | property | what happened | cause / hint | replay |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of fs) rows.push(failureRow(f, defectOf));
  return [...rows, ''];
}

/** The diagnosis as a numbered list: what, where, fix; why it ranks there; the evidence it rests on. */
function diagnosis(defects: Defect[], findings: Finding[]): string[] {
  const multi = new Set(defects.map((d) => d.subject)).size > 1;
  const lines = ['## Diagnosis', ''];
  for (const d of defects) {
    const evidence = d.findings.map((i) => `${cell(findings[i].suite)} › ${cell(findings[i].property)}`).join('; ');
    const what = `**${cell(multi && d.subject ? `${d.subject}: ` : '')}${cell(d.what)}**`;
    const tags = `${d.cause ? ` ${markdownCode(d.cause)}` : ''}${d.severity === 'warning' ? ' (warning)' : ''}`;
    lines.push(
      `${d.rank}. ${what}${tags} — where: ${cell(d.where)} — fix: ${cell(d.fix)}  `,
      `   ${d.rank === 1 ? 'Why first' : 'Why here'}: ${cell(d.reason)}  `,
    );
    if (d.alternatives) {
      const { causes, discriminator } = d.alternatives;
      lines.push(`   Fits two causes: ${causes.join(' or ')}; to tell them apart: ${cell(discriminator)}  `);
    }
    lines.push(`   Evidence (${d.findings.length}): ${evidence}`);
  }
  return [...lines, ''];
}

/** A run that could not start: what went wrong and the fix, apart from any diagnosis (it is no defect). */
function setupError(e: NonNullable<RunReport['setupError']>): string[] {
  return ['## Could not be checked', '', `${cell(e.message)}  `, ...(e.fix ? [`Fix: ${cell(e.fix)}`] : []), ''];
}

/** A Markdown summary, suitable for a CI job summary ($GITHUB_STEP_SUMMARY and the like). */
export const markdownReporter: Reporter = {
  name: 'markdown',
  file: 'nncheck.md',
  render(r: RunReport) {
    const cells = summaryCells(r);
    const defects = defectsOf(r);
    const defectOf = new Map(defects.flatMap((d) => d.findings.map((i) => [r.findings[i], d.rank] as const)));
    const lines = [
      `# nncheck ${r.command}: ${headline({ ...r, defects }).ok ? '✅' : '❌'} ${cell(headline({ ...r, defects }).text)}`,
      '',
      ...(r.setupError ? setupError(r.setupError) : []),
      ...(defects.length ? diagnosis(defects, r.findings) : []),
      `| ${cells.map(([heading]) => heading).join(' | ')} |`,
      `|${'---|'.repeat(cells.length)}`,
      `| ${cells.map(([, value]) => value).join(' | ')} |`,
      '',
    ];
    for (const sub of r.subjects) {
      const mine = r.findings.filter((f) => (f.subject ?? sub.name) === sub.name);
      lines.push(`## ${cell(sub.name)} (${sub.language}, ${sub.activation}, ${sub.layout} layout)`, '');
      const passed = mine.filter(isPlainPass);
      const bad = mine.filter(isFailure);
      lines.push(...(bad.length || passed.length ? failures(bad, defectOf) : [`${NO_CHECKS}.`, '']));
      const notes = mine.filter(isNote);
      if (notes.length) lines.push('Notes:', '', ...notes.map((n) => `- ${cell(n.message)}`), '');
      // The checks listed, as the HTML counts them: notes are listed apart, above.
      if (passed.length)
        lines.push(
          `<details><summary>${passed.length} checks passed</summary>`,
          '',
          ...passed.map((f) => `- ${cell(f.suite)} › ${cell(f.message)}`),
          '',
          '</details>',
          '',
        );
    }
    return lines.join('\n');
  },
};
