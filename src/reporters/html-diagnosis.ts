import type { Defect } from '../findings/defect.ts';
import type { Finding } from '../findings/finding.ts';
import { escapeXml as e } from './escape.ts';

export const DIAGNOSIS_CSS = `.diagnosis ol{padding-left:22px}.defect{margin:10px 0;padding:8px 12px;border-left:5px solid #c62828;background:#fff5f5}
.defect.warning{border-color:#ef6c00;background:#fff8ef}.defect .what{font-weight:600;font-size:15px}.defect .why{color:#444;margin-top:2px}
.defect .alt{color:#6a1b9a;margin-top:2px}.defect dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 10px;margin:4px 0}.defect dt{color:#666}.defect dd{margin:0}`;

/** The ranked defects, each with where, fix, why it ranks there, ambiguity, and links to its evidence. */
export function diagnosisHtml(defects: readonly Defect[], findings: readonly Finding[]): string {
  if (defects.length === 0) return '';
  const multi = new Set(defects.map((d) => d.subject)).size > 1;
  const items = defects.map((d) => {
    const evidence = d.findings
      .map((i) => `<li><a href="#f-${i}">${e(findings[i].suite)} › ${e(findings[i].property)}</a></li>`)
      .join('');
    return (
      `<li class="defect ${e(d.severity)}" id="${e(d.id)}" data-cause="${e(d.cause ?? '')}"><div class="what">${multi && d.subject ? `${e(d.subject)}: ` : ''}${e(d.what)}${d.severity === 'warning' ? ' <span class="sev">warning</span>' : ''}</div>` +
      `<dl><dt>where</dt><dd>${e(d.where)}</dd><dt>fix</dt><dd>${e(d.fix)}</dd></dl>` +
      `<div class="why">${d.rank === 1 ? 'why first' : 'why here'}: ${e(d.reason)}</div>` +
      (d.alternatives
        ? `<div class="alt">fits two causes: ${e(d.alternatives.causes.join(' or '))}; to tell them apart: ${e(d.alternatives.discriminator)}</div>`
        : '') +
      `<details><summary>evidence: ${d.findings.length} finding${d.findings.length === 1 ? '' : 's'}</summary><ul>${evidence}</ul></details></li>`
    );
  });
  return `<section class="diagnosis"><h2>Diagnosis</h2><ol>${items.join('')}</ol></section>`;
}
