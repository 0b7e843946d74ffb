import type { Defect } from '../findings/defect.ts';
import type { Finding } from '../findings/finding.ts';
import { escapeXml as e } from './escape.ts';
import { openTag } from './html-tag.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The defect's headline: its subject when the report has several, what is wrong, a tag when only a warning. */
function whatHtml(d: Defect, multi: boolean): string {
  const subject = multi && d.subject ? `${e(d.subject)}: ` : '';
  const warning = d.severity === 'warning' ? ' <span class="sev">warning</span>' : '';
  return `<div class="what">${subject}${e(d.what)}${warning}</div>`;
}

/** The two causes an ambiguous defect fits, and the experiment that tells them apart. */
const alternativesHtml = ({ causes, discriminator }: NonNullable<Defect['alternatives']>) =>
  `<div class="alt">fits two causes: ${e(causes.join(' or '))}; to tell them apart: ${e(discriminator)}</div>`;

function defectHtml(d: Defect, findings: readonly Finding[], multi: boolean): string {
  const evidence = d.findings
    .map((i) => `<li><a href="#f-${i}">${e(findings[i].suite)} › ${e(findings[i].property)}</a></li>`)
    .join('');
  return [
    openTag('li', { class: `defect ${d.severity}`, id: d.id, 'data-cause': d.cause ?? '' }),
    whatHtml(d, multi),
    `<dl><dt>where</dt><dd>${e(d.where)}</dd><dt>fix</dt><dd>${e(d.fix)}</dd></dl>`,
    `<div class="why">${d.rank === 1 ? 'why first' : 'why here'}: ${e(d.reason)}</div>`,
    d.alternatives ? alternativesHtml(d.alternatives) : '',
    `<details><summary>evidence: ${plural(d.findings.length, 'finding')}</summary><ul>${evidence}</ul></details></li>`,
  ].join('');
}

/** The ranked defects, each with where, fix, why it ranks there, ambiguity, and links to its evidence. */
export function diagnosisHtml(defects: readonly Defect[], findings: readonly Finding[]): string {
  if (defects.length === 0) return '';
  const multi = new Set(defects.map((d) => d.subject)).size > 1;
  const items = defects.map((d) => defectHtml(d, findings, multi));
  return `<section class="diagnosis"><h2>Diagnosis</h2><ol>${items.join('')}</ol></section>`;
}
