import type { Defect } from '../findings/defect.ts';
import { hasBugSeverity, type Finding } from '../findings/finding.ts';
import { formatFinding } from './format-finding.ts';
import { notCheckedQualifier } from '../findings/network-not-checked.ts';

/**
 * "4 defects found", or "1 defect found and 2 warnings": bugs are defects, warnings are counted apart;
 * "no defects found" says when it speaks for free functions only (the network not checked).
 */
export function diagnosisHeadline(defects: readonly Defect[], findings: readonly Finding[] = []): string {
  const bugs = defects.filter(hasBugSeverity).length,
    warnings = defects.length - bugs;
  const head =
    bugs === 0 ? `no defects found${notCheckedQualifier(findings)}` : `${bugs} defect${bugs === 1 ? '' : 's'} found`;
  return warnings ? `${head} and ${warnings} warning${warnings === 1 ? '' : 's'}` : head;
}

/** One defect's line: what, where, fix; then why it is ranked there, and the two causes when it is ambiguous. */
export function formatDefect(d: Defect, multiSubject = false): string {
  const tag = hasBugSeverity(d) ? '' : ' [warning]';
  const subject = multiSubject && d.subject ? `${d.subject}: ` : '';
  const lines = [`${d.rank}. ${subject}${d.what}${tag} — where: ${d.where} — fix: ${d.fix}`];
  lines.push(`   why ${d.rank === 1 ? 'first' : 'here'}: ${d.reason}`);
  if (d.alternatives)
    lines.push(
      `   fits two causes: ${d.alternatives.causes.join(' or ')}; to tell them apart: ${d.alternatives.discriminator}`,
    );
  return lines.join('\n');
}

/** The diagnosis block every console output leads with. */
export function formatDiagnosis(defects: readonly Defect[], findings: readonly Finding[] = []): string {
  const multi = new Set(defects.map((d) => d.subject)).size > 1;
  return [diagnosisHeadline(defects, findings), ...defects.map((d) => formatDefect(d, multi))].join('\n');
}

/** The evidence: each defect's findings in full, in rank order, under a heading. */
export function formatEvidence(defects: readonly Defect[], findings: readonly Finding[]): string {
  const out: string[] = [];
  for (const d of defects) {
    const what = d.what.length > 80 ? `${d.what.slice(0, 79)}…` : d.what;
    const n = d.findings.length;
    out.push(`— evidence for ${d.rank}. ${what} (${n} finding${n === 1 ? '' : 's'})`);
    for (const i of d.findings) out.push(formatFinding(findings[i]));
  }
  return out.join('\n');
}
