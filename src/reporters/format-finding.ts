import { isFailure, isNote, type Finding } from '../findings/finding.ts';
import { hintLabel, severityLabel } from './severity-label.ts';
import type { Summary } from '../findings/report.ts';

const MARK: Record<Finding['verdict'], string> = { pass: '✓', fail: '✗', error: '!', skip: '-' };

const fmtNumber = (v: unknown) =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : String(v);

/**
 * One finding as text. A pass or an info is one line; a failure has a fixed shape: what failed,
 * where, the numbers, the named cause and hint, the shrunk counterexample, and how to replay it.
 */
export function formatFinding(f: Finding): string {
  const head = `${MARK[f.verdict]} ${f.suite} › ${f.message}`;
  if (!isFailure(f)) return isNote(f) ? `i ${f.suite} › ${f.message}` : head;
  const lines = [`${head}  [${severityLabel(f)}]`];
  if (f.subject) lines.push(`    implementation: ${f.subject}`);
  if (f.location) lines.push(`    where: ${f.location}`);
  if (f.counterexample) lines.push(`    counterexample (shrunk): ${f.counterexample}`);
  if (f.numbers && Object.keys(f.numbers).length)
    lines.push(
      `    numbers: ${Object.entries(f.numbers)
        .map(([k, v]) => `${k} = ${fmtNumber(v)}`)
        .join(', ')}`,
    );
  if (f.cause) lines.push(`    cause: ${f.cause}`);
  if (f.hint) lines.push(`    ${hintLabel(f)}: ${f.hint}`);
  if (f.detail)
    lines.push(
      ...f.detail
        .trimEnd()
        .split('\n')
        .slice(-12)
        .map((l) => `    | ${l}`),
    );
  if (f.replay)
    lines.push(
      `    replay: ${f.replay.command ?? `seed ${f.replay.seed}${f.replay.path ? `, path ${f.replay.path}` : ''}`}`,
    );
  return lines.join('\n');
}

/**
 * The last line. With `diagnosis` (the headline of the diagnosis above it, e.g. "no defects found
 * and 2 warnings") the failed checks are counted as the headline counts them, in defects: three
 * failing findings of two warnings must not read "3 warnings" under a "2 warnings" headline.
 */
export function formatSummary(
  s: Pick<Summary, 'passed' | 'failed' | 'errors' | 'bugs' | 'warnings' | 'infos'> & { setupErrors?: number },
  seconds: number,
  diagnosis?: string,
): string {
  const failed = `${s.failed + s.errors} failed (${diagnosis ?? `${s.bugs} bugs, ${s.warnings} warnings`})`;
  const setup = s.setupErrors ? `, ${s.setupErrors} setup error${s.setupErrors === 1 ? '' : 's'}` : '';
  return `${s.passed} passed, ${failed}${setup}, ${s.infos} notes, in ${seconds.toFixed(1)} s`;
}
