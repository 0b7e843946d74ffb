import { type Matrix, rowSlice } from '../core/matrix.ts';
import { loadBuiltin } from '../data/builtin.ts';
import { prepare } from '../data/preprocess.ts';
import { oneHot } from '../data/dataset.ts';
import { candidateLosses, type CandidateLoss } from '../ops/candidate-losses.ts';
import { describeLoss } from '../gradcheck/alternatives.ts';
import { nameTensorPattern } from '../gradcheck/patterns.ts';
import { mlpConfig, initParams } from '../nn/mlp.ts';
import { toLayout } from '../nn/layouts.ts';
import { tensorNames, type NetworkImplementation } from '../impl/implementation.ts';
import { referenceImplementation } from '../impl/reference.ts';
import { loadImplementation, type ImplementationOptions } from '../impl/load.ts';
import type { Finding } from '../findings/finding.ts';
import { SCHEMA_VERSION, summarise, type RunReport } from '../findings/report.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import { subjectInfo } from './check.ts';
import { VERSION } from './version.ts';
import { gradientVariants } from './compare-variants.ts';

export interface CompareRow { quantity: string; yours: string; reference: string; diff: number; agrees: boolean; explanation?: string }

const maxRelDiff = (a: Matrix, b: Matrix) => {
  let worst = 0, scale = 0;
  for (let i = 0; i < a.data.length; i++) scale = Math.max(scale, Math.abs(b.data[i]));
  for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]) / (scale || 1));
  return Number.isNaN(worst) ? Infinity : worst;
};
const close = (a: number, b: number, rtol = 1e-9) => Math.abs(a - b) <= rtol * Math.max(1, Math.abs(b));
const show = (x: number) => (Number.isFinite(x) ? x.toPrecision(8) : String(x));

/**
 * The same parameters and inputs through the implementation and the reference, side by side:
 * probabilities, loss, each gradient tensor, then a few training steps. Says where they first
 * diverge and, when it can, why.
 */
export async function compareWithReference(target: string, o: ImplementationOptions & { seed?: number; steps?: number } = {}): Promise<{ report: RunReport; rows: CompareRow[]; firstDivergence: CompareRow | null }> {
  const startedAt = new Date(), t0 = performance.now();
  const impl = await loadImplementation(target, o);
  try {
    const seed = o.seed ?? 0;
    const ref = referenceImplementation(impl.activation, impl.layout, impl.leakySlope);
    const { train } = prepare(loadBuiltin('digits', seed), { seed });
    const idx = Array.from({ length: 32 }, (_, i) => i);
    const X = rowSlice(train.X, idx), Y = oneHot(Array.from(idx, (i) => train.labels[i]), 10);
    const params = toLayout(initParams(mlpConfig(64, 16, 10, impl.activation, impl.leakySlope), seed), impl.layout);
    // Non-zero biases, so bias terms matter.
    params.forEach((p, i) => { if (impl.layout === 'separate' && i % 2 === 1) p.data.forEach((_, j) => { p.data[j] = 0.05 * Math.sin(7 * j + i); }); });
    const rows: CompareRow[] = [];
    const pYours = await impl.forward(params, X), pRef = await ref.forward(params, X);
    const dp = maxRelDiff(pYours, pRef);
    rows.push({ quantity: 'probabilities (32x10)', yours: `row 0: ${show(pYours.data[0])}…`, reference: `row 0: ${show(pRef.data[0])}…`, diff: dp, agrees: dp <= 1e-9 });
    const lYours = await impl.loss(params, X, Y, 0), lRef = await ref.loss(params, X, Y, 0);
    const lossRow: CompareRow = { quantity: 'loss (λ = 0)', yours: show(lYours), reference: show(lRef), diff: Math.abs(lYours - lRef) / Math.abs(lRef), agrees: close(lYours, lRef) };
    if (!lossRow.agrees) {
      const c = candidateLosses(pYours, Y);
      const which = (Object.keys(c) as CandidateLoss[]).find((k) => close(lYours, c[k]));
      lossRow.explanation = `loss differs by ${(100 * lossRow.diff).toFixed(0)}% at ${dp <= 1e-9 ? 'the same' : 'different'} outputs${which && which !== 'categorical-ce' ? `: your cost is ${describeLoss(which)}` : ''}`;
    }
    rows.push(lossRow);
    const lam = 0.5;
    const rYours = (await impl.loss(params, X, Y, lam)) - lYours, rRef = (await ref.loss(params, X, Y, lam)) - lRef;
    rows.push({ quantity: `L2 term (λ = ${lam})`, yours: show(rYours), reference: show(rRef), diff: Math.abs(rYours - rRef) / Math.abs(rRef), agrees: close(rYours, rRef), explanation: close(rYours, rRef) ? undefined : `a different L2 convention (info): yours/reference = ${(rYours / rRef).toPrecision(4)}` });
    const gYours = await impl.gradients(params, X, Y, 0), gRef = await ref.gradients(params, X, Y, 0);
    const names = tensorNames(impl.layout, params.length);
    const variants = await gradientVariants(impl, params, X, Y);
    gYours.forEach((g, t) => {
      const d = maxRelDiff(g, gRef[t]);
      const row: CompareRow = { quantity: `${names[t].name} gradient (${g.rows}x${g.cols})`, yours: show(g.data[0]), reference: show(gRef[t].data[0]), diff: d, agrees: d <= 1e-7 };
      if (!row.agrees) {
        const variant = variants.find((v) => maxRelDiff(g, v.grads[t]) <= 1e-7);
        if (variant) row.explanation = `${names[t].name} gradient ${variant.explanation}`;
        else {
          const pairs = Array.from(g.data, (a, i) => ({ i, a, n: gRef[t].data[i], tol: 1e-9 * (Math.abs(gRef[t].data[i]) + 1e-12), theta: params[t].data[i] }));
          const p = nameTensorPattern({ name: names[t].name, rows: g.rows, cols: g.cols, kind: names[t].kind }, pairs, { batchSize: 32, lam: 0, activation: impl.activation, complete: true });
          row.explanation = `${p.detail} (${p.hint})`;
        }
      }
      rows.push(row);
    });
    let pY = params.map((m) => ({ ...m, data: m.data.slice() })), pR = params.map((m) => ({ ...m, data: m.data.slice() }));
    for (let step = 1; step <= (o.steps ?? 5); step++) {
      const [gy, gr] = [await impl.gradients(pY, X, Y, 0), await ref.gradients(pR, X, Y, 0)];
      pY = pY.map((m, i) => ({ ...m, data: m.data.map((v, j) => v - 0.1 * gy[i].data[j]) }));
      pR = pR.map((m, i) => ({ ...m, data: m.data.map((v, j) => v - 0.1 * gr[i].data[j]) }));
      const [ly, lr] = [await ref.loss(pY, X, Y, 0), await ref.loss(pR, X, Y, 0)];
      rows.push({ quantity: `training step ${step}: reference loss of the parameters`, yours: show(ly), reference: show(lr), diff: Math.abs(ly - lr) / Math.abs(lr), agrees: close(ly, lr, 1e-7) });
    }
    const firstDivergence = rows.find((r) => !r.agrees && !r.quantity.startsWith('L2')) ?? null;
    const findings: Finding[] = rows.map((r) => ({
      subject: impl.name, suite: 'compare', property: r.quantity, verdict: r.agrees ? 'pass' : r.quantity.startsWith('L2') ? 'pass' : 'fail',
      severity: r.agrees ? 'none' : r.quantity.startsWith('L2') ? 'info' : 'bug',
      message: `${r.quantity}: yours ${r.yours}, reference ${r.reference}${r.agrees ? '' : ` (relative difference ${r.diff.toExponential(2)})`}`,
      cause: r.explanation, numbers: { relativeDifference: r.diff }, ms: 0,
    }));
    const report: RunReport = {
      schemaVersion: SCHEMA_VERSION, tool: { name: 'nncheck', version: VERSION }, command: 'compare',
      startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ms: performance.now() - t0,
      settings: { seed, runs: 0, suites: ['compare'] }, subjects: [subjectInfo(impl, target)], findings, defects: diagnose(findings), summary: summarise(findings),
    };
    return { report, rows, firstDivergence };
  } finally {
    await impl.close?.();
  }
}
