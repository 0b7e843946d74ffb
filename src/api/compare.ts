import { type Matrix, rowSlice } from '../core/matrix.ts';
import { isClose } from '../core/allclose.ts';
import { TOLERANCES } from '../core/tolerances.ts';
import { candidateLosses, type CandidateLoss } from '../ops/candidate-losses.ts';
import { describeLoss } from '../gradcheck/alternatives.ts';
import { nameTensorPattern } from '../gradcheck/patterns.ts';
import { mlpConfig } from '../nn/mlp.ts';
import { fromLayout, toLayout } from '../nn/layouts.ts';
import { lossAndGradients } from '../nn/backward.ts';
import { tensorNames, type NetworkImplementation } from '../impl/implementation.ts';
import { loadImplementation } from '../impl/load.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';
import type { Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import type { RunReport } from '../findings/report.ts';
import { runReport } from '../findings/run-report.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { subjectInfo } from './check.ts';
import { gradientVariants, scopeSignFlips } from './compare-variants.ts';
import { compareInputs, type CompareInput } from './compare-inputs.ts';
import { allowedDifference, precisionOf, unitOf } from './compare-tolerance.ts';
import { matrixRow, scalarRow, show, worstEntry, PATTERN_CAUSE, type CompareRow } from './compare-rows.ts';
import { l2GradientRows } from './compare-l2.ts';
import { attributeSteps, trainingStepRows } from './compare-steps.ts';

export type { CompareRow } from './compare-rows.ts';

const LAM = 0.5;

/** The verdict line when a row diverges: the first such row, and what explains it. */
const divergenceText = (first: CompareRow) =>
  `first divergence: ${first.input}: ${first.quantity}${first.explanation ? ` — ${first.explanation}` : ''}`;

/** The verdict line when every row agrees: what was compared, and the precision the tolerances assumed. */
function noDivergenceText(inputs: CompareInput[], precision: string): string {
  const each = inputs.map((i) => `${i.name} (${i.describe})`).join('; and ');
  const float32 = precision === 'float32' ? ' (your outputs are float32: tolerances from u = 2^-24)' : '';
  return `no divergence on ${each}; gradients at λ = 0 and λ = ${LAM}${float32}`;
}

/**
 * The same parameters and inputs through the implementation and the reference, side by side, on
 * benign digits and on large logits with rows far apart: probabilities, loss, each gradient at
 * λ = 0, the L2 part of each gradient at λ ≠ 0, then a few training steps. Says where they first
 * diverge and why, and names the inputs a "no divergence" covers.
 */
export async function compareWithReference(
  target: string,
  o: LoadOptions & { seed?: number; steps?: number } = {},
): Promise<{ report: RunReport; rows: CompareRow[]; firstDivergence: CompareRow | null; verdict: string }> {
  const startedAt = new Date(),
    t0 = performance.now();
  const impl = await loadImplementation(target, o);
  try {
    const seed = o.seed ?? 0;
    const inputs = compareInputs(impl.activation, impl.layout, impl.leakySlope, seed);
    const rows: CompareRow[] = [];
    let precision: 'float32' | 'float64' = 'float64';
    for (const [k, inp] of inputs.entries()) {
      const r = await compareOn(impl, inp, seed, k === 0 ? undefined : precision);
      if (k === 0) precision = r.precision;
      rows.push(...r.rows);
      if (k === 0) {
        rows.push(
          ...(await l2GradientRows(
            impl,
            inp.params,
            inp.X,
            inp.Y,
            LAM,
            r.grads,
            r.allowedGrads,
            r.allowedLoss,
            inp.name,
            seed,
          )),
        );
        const steps = await trainingStepRows(impl, inp, o.steps ?? 5, r.allowedLoss, r.allowedGrads);
        rows.push(...attributeSteps(steps, r.rows));
      }
    }
    const firstDivergence = rows.find((r) => !r.agrees && !r.info) ?? null;
    const verdict = firstDivergence ? divergenceText(firstDivergence) : noDivergenceText(inputs, precision);
    const findings: Finding[] = rows.map((r) =>
      finding({
        subject: impl.name,
        suite: 'compare',
        id: r.id,
        property: `${r.input}: ${r.quantity}`,
        ...(r.agrees || r.info
          ? { verdict: 'pass', severity: r.agrees ? 'none' : 'info' }
          : { verdict: 'fail', severity: 'bug' }),
        message:
          `${r.input}: ${r.quantity}: yours ${r.yours}, reference ${r.reference}` +
          (r.agrees ? '' : ` (relative difference ${r.diff.toExponential(2)})`),
        cause: r.cause,
        hint: r.explanation,
        ...(r.location ? { location: r.location } : {}),
        numbers: { relativeDifference: r.diff },
      }),
    );
    const report = runReport({
      command: 'compare',
      startedAt,
      ms: performance.now() - t0,
      settings: { seed, runs: 0, suites: ['compare'] },
      subjects: [subjectInfo(impl, target)],
      findings,
      defects: diagnose(findings),
    });
    return { report, rows, firstDivergence, verdict };
  } finally {
    await impl.close?.();
  }
}

interface InputComparison {
  rows: CompareRow[];
  grads: Matrix[];
  allowedGrads: number[];
  allowedLoss: number;
  precision: 'float32' | 'float64';
}

/** Probabilities, loss and gradients at λ = 0 on one set of inputs. */
async function compareOn(
  impl: NetworkImplementation,
  inp: CompareInput,
  seed: number,
  knownPrecision?: 'float32' | 'float64',
): Promise<InputComparison> {
  const { X, Y, params } = inp;
  const p = fromLayout(params, impl.layout);
  const config = mlpConfig(
    X.cols,
    p.weights.slice(0, -1).map((w) => w.cols),
    Y.cols,
    impl.activation,
    impl.leakySlope,
  );
  const ref = lossAndGradients(config, p, X, Y, 0);
  const refGrads = toLayout(ref.grads, impl.layout);
  const pY = await impl.forward(params, X),
    lY = await impl.loss(params, X, Y, 0),
    gY = await impl.gradients(params, X, Y, 0);
  const precision = knownPrecision ?? precisionOf([pY, ...gY]);
  const quantity = (ps: Matrix[], x: Matrix) => {
    const r = lossAndGradients(config, fromLayout(ps, impl.layout), x, Y, 0);
    return [Array.from(r.probs.data), [r.loss], ...toLayout(r.grads, impl.layout).map((g) => Array.from(g.data))];
  };
  const [allowedP, allowedL, ...allowedG] = allowedDifference(quantity, params, X, unitOf(precision), Y.cols, seed);
  const rows: CompareRow[] = [];
  const probs = matrixRow('compare.probabilities', 'probabilities', inp.name, pY, ref.probs, allowedP);
  if (!probs.agrees) Object.assign(probs, await explainProbabilities(impl, params, X, pY, ref.probs));
  rows.push(probs);
  const loss = scalarRow('compare.loss', 'loss (λ = 0)', inp.name, lY, ref.loss, allowedL);
  if (!loss.agrees) Object.assign(loss, explainLoss(lY, ref.loss, pY, Y, probs));
  rows.push(loss);
  const names = tensorNames(impl.layout, params.length);
  const variants = await gradientVariants(impl, params, X, Y);
  gY.forEach((g, t) => {
    const row = matrixRow(
      `compare.gradient:${names[t].name}`,
      `${names[t].name} gradient`,
      inp.name,
      g,
      refGrads[t],
      allowedG[t],
    );
    if (!row.agrees) {
      const variant = variants.find((v) => worstEntry(g, v.grads[t]).abs <= allowedG[t]);
      if (variant)
        Object.assign(row, { explanation: `${names[t].name} gradient ${variant.explanation}`, cause: variant.cause });
      else if (probs.agrees) {
        const pairs = Array.from(g.data, (a, i) => ({
          i,
          a,
          n: refGrads[t].data[i],
          tol: allowedG[t],
          theta: params[t].data[i],
        }));
        const pat = nameTensorPattern({ name: names[t].name, rows: g.rows, cols: g.cols, kind: names[t].kind }, pairs, {
          batchSize: X.rows,
          lam: 0,
          activation: impl.activation,
          complete: true,
        });
        Object.assign(row, {
          explanation: `${pat.detail} (${pat.hint})`,
          cause: pat.cause ?? PATTERN_CAUSE[pat.pattern],
        });
      } else Object.assign(row, { explanation: 'follows from the probabilities above', cause: probs.cause });
    }
    rows.push(row);
  });
  scopeSignFlips(rows.slice(-gY.length));
  return { rows, grads: gY, allowedGrads: allowedG, allowedLoss: allowedL, precision };
}

/** Non-finite or wrong probabilities: a row that is right alone but wrong in the batch is one max per batch. */
async function explainProbabilities(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  pY: Matrix,
  pR: Matrix,
): Promise<Partial<CompareRow>> {
  const bad = Array.from({ length: X.rows }, (_, i) => i).find((i) =>
    pY.data
      .slice(i * pY.cols, (i + 1) * pY.cols)
      .some((v, j) => !isClose(v, pR.data[i * pR.cols + j], TOLERANCES.explainRow)),
  );
  if (bad === undefined) return {};
  const alone = await impl.forward(params, rowSlice(X, [bad]));
  const aloneOk = alone.data.every((v, j) => isClose(v, pR.data[bad * pR.cols + j], TOLERANCES.explainRow));
  const nonFinite = pY.data.some((v) => !Number.isFinite(v));
  if (aloneOk)
    return {
      cause: 'global-max-softmax',
      explanation:
        `row ${bad} is ${nonFinite ? 'NaN/Inf' : 'wrong'} in the batch but right alone: ` +
        'the softmax subtracts one max for the whole batch, so rows far below it underflow',
    };
  if (nonFinite)
    return {
      cause: 'no-max-softmax',
      explanation: `row ${bad} is NaN/Inf even alone: exp overflows, subtract each row's max before exp`,
    };
  return { explanation: `row ${bad} differs even alone` };
}

function explainLoss(lY: number, lR: number, pY: Matrix, Y: Matrix, probs: CompareRow): Partial<CompareRow> {
  if (!probs.agrees) return { cause: probs.cause, explanation: 'follows from the probabilities above' };
  if (!Number.isFinite(lY))
    return {
      cause: 'log-after-shift',
      explanation:
        'the loss is Inf/NaN where the probabilities are right: −log p of a probability that underflowed to 0; ' +
        'compute log-softmax by log-sum-exp',
    };
  const c = candidateLosses(pY, Y);
  // An infinite candidate (−log 0) never matches a finite loss.
  const close = (a: number, b: number) => isClose(a, b, { atol: TOLERANCES.lossForm.rtol * Math.max(1, Math.abs(b)) });
  const which = (Object.keys(c) as CandidateLoss[]).find((k) => close(lY, c[k]));
  const pct = `loss differs by ${((100 * Math.abs(lY - lR)) / Math.abs(lR)).toFixed(0)}% at the same outputs`;
  if (which === 'bce-sum' || which === 'bce-sum-eps')
    return { cause: 'bce-on-softmax', explanation: `${pct}: your cost is ${describeLoss('bce-sum')}` };
  return { explanation: which && which !== 'categorical-ce' ? `${pct}: your cost is ${describeLoss(which)}` : pct };
}

export { show };
