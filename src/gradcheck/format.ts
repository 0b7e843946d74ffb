import type { GradCheckResult } from './result.ts';

const num = (x: number) => (Number.isFinite(x) ? x.toPrecision(8) : String(x));

const exp2 = (x: number) => x.toExponential(2);

/** A wrong entry: where, both gradients, their difference against the tolerance there. */
const wrongEntryLine = (e: GradCheckResult['wrongEntries'][number]) =>
  `${e.tensor}[${e.row}, ${e.col}]  analytic ${num(e.analytic)}  numeric ${num(e.numeric)}  ` +
  `|diff| ${exp2(e.absError)} (tol ${exp2(e.tolerance)})  rel ${exp2(e.relError)}`;

/** A failing probe: the directional derivative both ways along it. */
const probeNumbers = (tensor: string, p: GradCheckResult['tensors'][number]['probes'][number]) =>
  `along a random ±1 probe of ${tensor}: gᵀv = ${num(p.analytic)}, finite difference ${num(p.numeric)}, ` +
  `|diff| ${exp2(p.absError)} > tolerance ${exp2(p.tolerance)}`;

/**
 * Renders a gradient-check result in a fixed shape: what failed, where, the numbers, the
 * pattern and its hint, and how to replay it. A pass renders as one line, then any warning it drew.
 */
export function formatGradCheck(r: GradCheckResult, replay: string): string {
  const { losses, gradients } = r.evaluations;
  const head =
    `gradient check ${r.verdict.toUpperCase()}: ${r.tensors.length} tensors, ` +
    `${losses} loss and ${gradients} gradient evaluations, ${r.ms.toFixed(0)} ms`;
  const faultLine = (f: GradCheckResult['faults'][number]) =>
    `  fault [${f.severity}] ${f.kind}: ${f.message}${f.detail ? `\n    ${f.detail.split('\n')[0]}` : ''}`;
  // A pass keeps its warnings (a loss that differs between identical calls by a regrouping's rounding).
  if (r.verdict === 'pass')
    return [`${head}${r.kinks.met ? ` (${r.kinks.resolved}/${r.kinks.met} kinks resolved)` : ''}`]
      .concat(r.faults.map(faultLine))
      .join('\n');
  const lines = [head];
  const failed = r.tensors
    .filter((t) => t.verdict === 'fail')
    .map((t) => `${t.name} (${t.rows}x${t.cols})${t.widespread ? ' widespread' : ''}`);
  lines.push(`  what failed: ${failed.length ? failed.join(', ') : 'the implementation could not be evaluated'}`);
  lines.push(...r.faults.map(faultLine));
  if (r.wrongEntries.length) {
    lines.push('  where:');
    for (const e of r.wrongEntries.slice(0, 8)) lines.push(`    ${wrongEntryLine(e)}`);
    if (r.wrongEntries.length > 8) lines.push(`    ... ${r.wrongEntries.length - 8} more`);
  }
  const probe = r.tensors.flatMap((t) => t.probes.filter((p) => !p.passed).map((p) => ({ t: t.name, p })))[0];
  if (probe) lines.push(`  numbers: ${probeNumbers(probe.t, probe.p)}`);
  for (const p of r.patterns) lines.push(`  pattern: ${p.pattern} in ${p.tensor}: ${p.detail}\n  hint: ${p.hint}`);
  if (r.taylor)
    lines.push(
      `  taylor: remainder slope ${num(r.taylor.slope)} (2 = correct gradient, 1 = wrong): ${r.taylor.verdict}`,
    );
  lines.push(`  replay: ${replay}`);
  return lines.join('\n');
}
