import { checkGradients, type GradCheckOptions } from '../gradcheck/check.ts';
import { formatGradCheck } from '../gradcheck/format.ts';
import type { GradCheckResult } from '../gradcheck/result.ts';
import { hasBugSeverity, type Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import type { RunReport } from '../findings/report.ts';
import { runReport } from '../findings/run-report.ts';
import { loadPair } from '../impl/pair/load-pair.ts';
import type { PairOptions } from '../impl/pair/pair-objective.ts';

export interface GradOptions extends PairOptions, Pick<GradCheckOptions, 'mode' | 'probesPerTensor'> {
  seed?: number;
  /** The command line that reproduces this check (printed with a failure). */
  replay?: string;
}

/**
 * The gradient checker on any loss/gradient pair (`nncheck grad`): one finding for the whole
 * check and one per tensor, so a wrong layer is named by its own finding.
 */
export async function checkLossGradientPair(
  path: string,
  o: GradOptions,
): Promise<{ report: RunReport; result: GradCheckResult }> {
  const startedAt = new Date();
  const seed = o.seed ?? 0;
  const pair = await loadPair(path, o);
  let result: GradCheckResult;
  try {
    // Only the options given: an undefined entry would override the checker's default.
    const given = Object.fromEntries(
      Object.entries({ mode: o.mode, probesPerTensor: o.probesPerTensor }).filter(([, v]) => v !== undefined),
    );
    result = await checkGradients(pair.objective, { seed, ...given });
  } finally {
    await pair.close();
  }
  const replay =
    o.replay ??
    `npx nncheck grad ${path} --loss ${o.loss} --grad ${o.grad}${o.params ? ` --params ${o.params}` : ''} ` +
      `--seed ${seed}`;
  const findings = gradFindings(
    path,
    o.grad,
    result,
    replay,
    result.precision === 'float32' && !pair.objective.kinkValues,
  );
  return {
    result,
    report: runReport({
      command: 'grad',
      startedAt,
      settings: { seed, runs: 1, suites: ['gradients'] },
      subjects: [
        {
          name: path,
          language: pair.language,
          activation: 'n/a',
          layout: result.tensors.map((t) => t.name).join(', '),
          notes: pair.notes,
        },
      ],
      findings,
      charts: {
        gradientErrors: result.tensors.map((t) => ({
          subject: path,
          tensor: t.name,
          relError: t.worstRelError ?? worstProbeError(t),
          failed: t.verdict === 'fail',
        })),
      },
    }),
  };
}

const wrongEntryText = (e: GradCheckResult['wrongEntries'][number]) =>
  `[${e.row}, ${e.col}] analytic ${e.analytic.toPrecision(6)} numeric ${e.numeric.toPrecision(6)}`;

const worstProbeError = (t: GradCheckResult['tensors'][number]) =>
  Math.max(0, ...t.probes.map((p) => p.absError / Math.max(Math.abs(p.analytic), Math.abs(p.numeric), 1e-300)));

/**
 * blackBox32: float32 arithmetic and no kink values. Its steps (u32^(1/3) ≈ 4e-3) cross ReLU-type
 * kinks that the black-box tests cannot tell from an error (at the smaller steps that would,
 * float32 rounding dominates), so a disagreement there is reported as an inconclusive warning
 * that names the way out (--kinks), never as a bug.
 */
export function gradFindings(
  subject: string,
  gradName: string,
  r: GradCheckResult,
  replay: string,
  blackBox32 = false,
): Finding[] {
  const ms = r.ms;
  const evals = `${r.evaluations.losses} loss and ${r.evaluations.gradients} gradient evaluations`;
  const failing = r.tensors.filter((t) => t.verdict === 'fail');
  const pattern = r.patterns[0];
  const fault = r.faults.find(hasBugSeverity);
  const inconclusive = blackBox32 && r.verdict === 'fail' && !fault;
  /** How bad a disagreement is: a bug, or a warning when the check is inconclusive. */
  const severity = inconclusive ? 'warning' : 'bug';
  const KINK_HINT =
    'float32 steps cross ReLU-type kinks the checker cannot see in a black box: ' +
    'pass --kinks NAME (a function of the parameters returning the pre-activations) for a conclusive check';
  const main = finding({
    subject,
    id: 'gradients.function-agrees',
    suite: 'gradients',
    property: `${gradName}() agrees with finite differences of the loss`,
    ...(r.verdict === 'pass' ? { verdict: 'pass', severity: 'none' } : { verdict: r.verdict, severity }),
    message:
      r.verdict === 'pass'
        ? `every tensor agrees (${r.tensors.length} tensors, ${evals}; ${r.power.statement})`
        : fault
          ? fault.message
          : `${inconclusive ? 'inconclusive in float32 without kink values: ' : ''}` +
            `${failing.map((t) => t.name).join(', ')} disagree` +
            `${pattern ? ` (${pattern.pattern}: ${pattern.detail})` : ''}; ${evals}`,
    location: failing.map((t) => t.name).join(', ') || undefined,
    numbers: {
      lossEvaluations: r.evaluations.losses,
      gradientEvaluations: r.evaluations.gradients,
      wrongEntries: r.wrongEntries.length,
      precision: r.precision,
    },
    cause: inconclusive ? undefined : (pattern?.cause ?? pattern?.pattern ?? fault?.kind),
    hint: inconclusive ? KINK_HINT : (pattern?.hint ?? fault?.detail),
    detail: r.verdict === 'pass' ? undefined : formatGradCheck(r, replay),
    replay: { seed: r.seed, command: replay },
    runs: r.evaluations.losses,
    ms,
    data: r,
  });
  const perTensor: Finding[] = r.tensors.map((t) => {
    const wrong = r.wrongEntries.filter((e) => e.tensor === t.name);
    const p = r.patterns.find((x) => x.tensor === t.name);
    return finding({
      subject,
      id: `gradients.tensor-agrees:${t.name}`,
      suite: 'gradients',
      property: `gradient of ${t.name}`,
      ...(t.verdict === 'pass' ? { verdict: 'pass', severity: 'none' } : { verdict: t.verdict, severity }),
      location: t.name,
      message:
        t.verdict === 'pass'
          ? `${t.name} (${t.rows}x${t.cols}) agrees`
          : `${t.name} (${t.rows}x${t.cols}) disagrees${
              wrong.length ? `: ${wrong.slice(0, 3).map(wrongEntryText).join('; ')}` : ''
            }${t.widespread ? ' (widespread)' : ''}`,
      cause: inconclusive ? undefined : (p?.cause ?? p?.pattern),
      hint: inconclusive ? KINK_HINT : p?.hint,
      numbers: t.worstRelError !== undefined ? { worstRelError: t.worstRelError } : undefined,
    });
  });
  return [main, ...perTensor];
}
