import type { GradCheckResult } from './result.ts';

const num = (x: number) => (Number.isFinite(x) ? x.toPrecision(8) : String(x));

/**
 * Renders a gradient-check result in a fixed shape: what failed, where, the numbers, the
 * pattern and its hint, and how to replay it. A pass renders as one line.
 */
export function formatGradCheck(r: GradCheckResult, replay: string): string {
  const head = `gradient check ${r.verdict.toUpperCase()}: ${r.tensors.length} tensors, ${r.evaluations.losses} loss and ${r.evaluations.gradients} gradient evaluations, ${r.ms.toFixed(0)} ms`;
  if (r.verdict === 'pass')
    return `${head}${r.kinks.met ? ` (${r.kinks.resolved}/${r.kinks.met} kinks resolved)` : ''}`;
  const lines = [head];
  const failed = r.tensors
    .filter((t) => t.verdict === 'fail')
    .map((t) => `${t.name} (${t.rows}x${t.cols})${t.widespread ? ' widespread' : ''}`);
  lines.push(`  what failed: ${failed.length ? failed.join(', ') : 'the implementation could not be evaluated'}`);
  for (const f of r.faults)
    lines.push(`  fault [${f.severity}] ${f.kind}: ${f.message}${f.detail ? `\n    ${f.detail.split('\n')[0]}` : ''}`);
  if (r.wrongEntries.length) {
    lines.push('  where:');
    for (const e of r.wrongEntries.slice(0, 8)) {
      lines.push(
        `    ${e.tensor}[${e.row}, ${e.col}]  analytic ${num(e.analytic)}  numeric ${num(e.numeric)}  |diff| ${e.absError.toExponential(2)} (tol ${e.tolerance.toExponential(2)})  rel ${e.relError.toExponential(2)}`,
      );
    }
    if (r.wrongEntries.length > 8) lines.push(`    ... ${r.wrongEntries.length - 8} more`);
  }
  const probe = r.tensors.flatMap((t) => t.probes.filter((p) => !p.passed).map((p) => ({ t: t.name, p })))[0];
  if (probe)
    lines.push(
      `  numbers: along a random ±1 probe of ${probe.t}: gᵀv = ${num(probe.p.analytic)}, finite difference ${num(probe.p.numeric)}, |diff| ${probe.p.absError.toExponential(2)} > tolerance ${probe.p.tolerance.toExponential(2)}`,
    );
  for (const p of r.patterns) lines.push(`  pattern: ${p.pattern} in ${p.tensor}: ${p.detail}\n  hint: ${p.hint}`);
  if (r.taylor)
    lines.push(
      `  taylor: remainder slope ${num(r.taylor.slope)} (2 = correct gradient, 1 = wrong): ${r.taylor.verdict}`,
    );
  lines.push(`  replay: ${replay}`);
  return lines.join('\n');
}
