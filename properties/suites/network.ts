import { type Matrix, rowSlice, isMatrix } from '../../src/core/matrix.ts';
import { fromLayout } from '../../src/nn/layouts.ts';
import { flatten, unflatten } from '../../src/impl/objective.ts';
import { prefetchForwards, prefetchGradients, prefetchLosses } from '../../src/impl/prefetch.ts';
import { createRng } from '../../src/random/rng.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { finding } from '../../src/findings/build.ts';
import { expectThat, property, type AnyPropertySpec } from '../../src/engine/harness.ts';
import { netCase, type NetCase } from '../arbitraries/network.ts';
import { problem, rows } from '../probes.ts';
import { magnitudes } from '../magnitudes.ts';
import { fitRatio } from '../ratios.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { isClose } from '../../src/core/allclose.ts';
import { specOf } from '../../src/core/precision.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';

const SUITE = 'network';
/** Symmetric: within tol of each other whichever is taken as the reference. */
const near = (a: number, b: number, tol: { atol?: number; rtol?: number }) => isClose(a, b, tol) || isClose(b, a, tol);
const maxOf = (xs: number[]) => Math.max(0, ...xs);
const stack = (a: Matrix, b: Matrix): Matrix => {
  const data = new Float64Array(a.data.length + b.data.length);
  data.set(a.data);
  data.set(b.data, a.data.length);
  return { rows: a.rows + b.rows, cols: a.cols, data };
};
const snapshot = (ms: Matrix[]) => ms.map((m) => Array.from(m.data));
const sameAs = (ms: Matrix[], snap: number[][]) => ms.every((m, i) => m.data.every((x, j) => Object.is(x, snap[i][j])));
/** λ's scale when the penalty at λ = 0.5 or 1 left the loss unchanged: 2^20 lifts ~1e-9 past float32's ulp. */
const UNRESOLVED_PENALTY_LAMBDA_SCALE = 2 ** 20;

export const networkSuite: Suite = {
  name: SUITE,
  ids: [
    'network.shapes',
    'network.valid-probabilities',
    'network.pure-calls',
    'network.rows-independent',
    'network.duplicate-batch-invariant',
    'network.permutation-invariant',
    'network.l2-grows-with-lambda',
    'network.l2-loss-gradient-agree',
    'network.l2-convention',
  ],
  description: 'contracts of forward, loss and gradients on generated problems',
  properties: (s): AnyPropertySpec[] => [
    property({
      id: 'network.shapes',
      suite: SUITE,
      sentence: 'outputs and gradients have the right shapes',
      severity: 'bug',
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const p = await s.impl.forward(params, X);
        expectThat(
          isMatrix(p) && p.rows === c.N && p.cols === c.K,
          `forward returned ${p?.rows}x${p?.cols} for ${c.N} rows and ${c.K} classes`,
          { numbers: { N: c.N, K: c.K } },
        );
        const g = await s.impl.gradients(params, X, Y, c.lam);
        expectThat(g.length === params.length, `gradients returned ${g.length} arrays for ${params.length} parameters`);
        g.forEach((m, i) =>
          expectThat(
            m.rows === params[i].rows && m.cols === params[i].cols,
            `gradient ${i} has shape ${m.rows}x${m.cols}, its parameter ${params[i].rows}x${params[i].cols}`,
            { numbers: { index: i }, hint: "each gradient must have its parameter's shape (dW = aᵀ·δ, not δᵀ·a)" },
          ),
        );
      },
    }),
    property({
      id: 'network.valid-probabilities',
      suite: SUITE,
      sentence: 'probabilities are valid: finite, in [0, 1], rows summing to 1',
      severity: 'bug',
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const u = specOf(s.impl.precision).u,
          m = magnitudes(s.impl, params, X, Y, u);
        rows(await s.impl.forward(params, X)).forEach((r, i) => {
          const sum = r.reduce((a, b) => a + b, 0),
            tol = TOLERANCES.softmaxRowSum(u, c.K, m.maxAbsLogit[i] + m.logitError[i]);
          expectThat(
            r.every((p) => Number.isFinite(p) && p >= 0 && p <= 1) && Math.abs(sum - 1) <= tol,
            `row ${i} is [${r.join(', ')}] (sum ${sum})`,
            { numbers: { row: i, sum, tolerance: tol } },
          );
        });
      },
    }),
    property({
      id: 'network.pure-calls',
      suite: SUITE,
      sentence: 'calls are pure: inputs unchanged, the same call gives the same answer',
      severity: 'bug',
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const before = snapshot([X, Y, ...params]);
        await s.impl.forward(params, X);
        const l1 = await s.impl.loss(params, X, Y, c.lam);
        await s.impl.gradients(params, X, Y, c.lam);
        expectThat(
          sameAs([X, Y, ...params], before),
          'forward, loss or gradients modified X, Y or the parameters in place',
          {
            hint: 'never write into arguments: loss() must not update params (no W -= ... inside it)',
            cause: 'mutates-inputs',
          },
        );
        const l2 = await s.impl.loss(params, X, Y, c.lam);
        // Sums regrouped between calls (threaded BLAS, partial sums added as workers finish) move
        // a correct loss by a few roundings: TOLERANCES.nondeterministicLoss, as the gradient check.
        const parameters = params.reduce((n, m) => n + m.data.length, 0);
        const regrouped =
          TOLERANCES.nondeterministicLoss(specOf(s.impl.precision).u, parameters, c.N) * Math.max(1, Math.abs(l1));
        expectThat(
          Object.is(l1, l2) || Math.abs(l1 - l2) <= regrouped,
          `two identical loss calls returned ${l1} and ${l2}`,
          {
            numbers: { first: l1, second: l2, tolerance: regrouped },
            hint: 'hidden state or unseeded randomness in the loss',
          },
        );
      },
    }),
    property({
      id: 'network.rows-independent',
      suite: SUITE,
      sentence: 'each output row depends only on its own input row',
      severity: 'bug',
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const { u, minNormal } = specOf(s.impl.precision);
        const m = magnitudes(s.impl, params, X, Y, u);
        // The batch, then each row alone: fetched ahead in one round trip where the implementation allows.
        const forward = prefetchForwards(s.impl, c.N + 1, (k) => ({ params, X: k ? rowSlice(X, [k - 1]) : X }));
        const P = rows(await forward());
        for (let i = 0; i < c.N; i++) {
          const alone = rows(await forward())[0];
          // BLAS may sum a row differently alone and in a batch: both are within rounding of the truth.
          const rtol = TOLERANCES.twoEvaluations(TOLERANCES.probability(u, c.K, m.logitError[i]));
          alone.forEach((p, j) =>
            expectThat(
              near(P[i][j], p, { rtol, atol: minNormal }),
              `row ${i} gives p[${j}] = ${P[i][j]} in the batch, ${p} alone`,
              {
                numbers: { row: i },
                hint: 'something mixes rows: a batch-wide max, a sum over axis 0, or broadcasting',
              },
            ),
          );
        }
      },
    }),
    property({
      id: 'network.duplicate-batch-invariant',
      suite: SUITE,
      sentence: 'duplicating the batch changes neither the mean loss nor the gradients',
      severity: 'bug',
      arbitrary: netCase({ lam: false }),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const X2 = stack(X, X),
          Y2 = stack(Y, Y);
        const { u, minNormal } = specOf(s.impl.precision);
        const m = magnitudes(s.impl, params, X, Y, u),
          E = maxOf(m.logitError);
        const loss = prefetchLosses(s.impl, 2, (k) =>
          k ? { params, X: X2, Y: Y2, lam: 0 } : { params, X, Y, lam: 0 },
        );
        const l1 = await loss(),
          l2 = await loss();
        const ltol = TOLERANCES.twoEvaluations(TOLERANCES.meanLoss(u, 2 * c.N, c.K, maxOf(m.maxAbsLogit), E, l1));
        expectThat(near(l1, l2, { atol: ltol }), `the loss is ${l1} for the batch and ${l2} for it twice`, {
          numbers: { single: l1, doubled: l2, ratio: l2 / l1, tolerance: ltol },
          hint: 'the loss must be a mean over rows (divide by N)',
          cause: Math.abs(l2 / l1 - 2) <= TOLERANCES.causeRatio * 2 ? 'loss-not-mean' : undefined,
        });
        const grads = prefetchGradients(s.impl, 2, (k) =>
          k ? { params, X: X2, Y: Y2, lam: 0 } : { params, X, Y, lam: 0 },
        );
        const g1 = flatten(await grads()),
          g2 = flatten(await grads());
        // Each entry within rounding of its absolute scale (the backward pass on |values|), at 2N rows.
        const rel = TOLERANCES.twoEvaluations(TOLERANCES.gradientEntry(u, { N: 2 * c.N, D: c.D, H: c.H, K: c.K }, E));
        const floor = TOLERANCES.underflow(u, minNormal, 2 * c.N + c.D + c.H + c.K);
        const tol = Array.from(m.gradientScale, (x) => rel * x + floor);
        const bad = Array.from(g1).findIndex((v, i) => !near(v, g2[i], { atol: tol[i] }));
        if (bad >= 0) {
          // Named only when the numbers show it: the doubled batch doubles the gradient (ratio 2, not 1 ± rounding).
          const ratio = fitRatio(Array.from(g2), Array.from(g1), tol);
          const doubled = Math.abs(ratio - 2) <= TOLERANCES.causeRatio * 2;
          expectThat(false, `gradient entry ${bad} is ${g1[bad]} for the batch and ${g2[bad]} for it twice`, {
            numbers: {
              single: g1[bad],
              doubled: g2[bad],
              ratio: g2[bad] / g1[bad],
              fittedRatio: ratio,
              tolerance: tol[bad],
            },
            hint: doubled
              ? 'the gradient is a sum over rows where the loss is a mean: divide the gradient by N'
              : 'the gradient depends on the batch beyond its mean: ' +
                'look for a sum over axis 0 or state kept across calls',
            cause: doubled ? 'missing-mean' : undefined,
          });
        }
      },
    }),
    property({
      id: 'network.permutation-invariant',
      suite: SUITE,
      sentence: 'permuting the rows leaves the loss unchanged',
      severity: 'bug',
      arbitrary: netCase(),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const perm = Array.from({ length: c.N }, (_, i) => c.N - 1 - i);
        const loss = prefetchLosses(s.impl, 2, (k) =>
          k ? { params, X: rowSlice(X, perm), Y: rowSlice(Y, perm), lam: c.lam } : { params, X, Y, lam: c.lam },
        );
        const a = await loss(),
          b = await loss();
        const u = specOf(s.impl.precision).u,
          m = magnitudes(s.impl, params, X, Y, u);
        // The penalty (same parameters, same order) rounds identically; the data term is summed in another order.
        const tol = TOLERANCES.twoEvaluations(
          TOLERANCES.meanLoss(u, c.N, c.K, maxOf(m.maxAbsLogit), maxOf(m.logitError), a),
        );
        expectThat(near(a, b, { atol: tol }), `the loss is ${a}, and ${b} with the rows reversed`, {
          numbers: { loss: a, permuted: b, tolerance: tol },
        });
      },
    }),
    property({
      id: 'network.l2-grows-with-lambda',
      suite: SUITE,
      sentence: 'the L2 penalty grows with λ',
      severity: 'bug',
      arbitrary: netCase({ lam: false }),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const at = async (lams: number[]): Promise<number[]> => {
          const loss = prefetchLosses(s.impl, lams.length, (k) => ({ params, X, Y, lam: lams[k] }));
          const out: number[] = [];
          for (let k = 0; k < lams.length; k++) out.push(await loss());
          return out;
        };
        let lams = [0, 0.5, 1];
        let losses = await at(lams);
        // A penalty near the loss's rounding (weights of std 1e-4 in a float32 class: λ·ΣW² ~ 1e-9
        // beside a loss of ~0.7 with ulp 6e-8) can leave two losses equal: a correct penalty shows
        // at a larger λ; one ignored stays equal there, one subtracted decreases (no retry then).
        const grows = (l: number[]) => l[0] < l[1] && l[1] < l[2];
        if (!grows(losses) && losses[0] <= losses[1] && losses[1] <= losses[2]) {
          lams = lams.map((l) => l * UNRESOLVED_PENALTY_LAMBDA_SCALE);
          losses = await at(lams);
        }
        expectThat(grows(losses), `the loss at λ = ${lams.join(', ')} is ${losses.join(', ')}`, {
          numbers: { lam0: losses[0], lam05: losses[1], lam1: losses[2] },
          hint: 'the penalty must add +λ·(sum of squares), never subtract',
        });
      },
    }),
    property({
      id: 'network.l2-loss-gradient-agree',
      suite: SUITE,
      sentence: 'loss and gradient agree on the L2 term',
      severity: 'bug',
      arbitrary: netCase({ lam: false }),
      predicate: async (c: NetCase) => {
        const { X, Y, params } = await problem(s.impl, c);
        const lam = 0.7;
        const shapes = params.map((m) => ({ rows: m.rows, cols: m.cols }));
        const theta = flatten(params);
        const rng = createRng(`l2/${c.seed}`);
        const v = theta.map(() => (rng.uniform() < 0.5 ? -1 : 1));
        // The penalty P = L(λ) − L(0) is quadratic in θ: its central difference is exact for any step
        // but for rounding, so a long step (0.1) keeps that rounding small even in float32.
        const h = 0.1;
        const at = (t: number) =>
          unflatten(
            theta.map((x, i) => x + t * v[i]),
            shapes,
          );
        const u = specOf(s.impl.precision).u;
        let lossError = 0;
        // L(λ) and L(0) at θ + hv, then at θ − hv: in that order, fetched ahead.
        const loss = prefetchLosses(s.impl, 4, (k) => ({ params: at(k < 2 ? h : -h), X, Y, lam: k % 2 ? 0 : lam }));
        const pen = async (t: number) => {
          const L = await loss(),
            L0 = await loss();
          const m = magnitudes(s.impl, at(t), X, Y, u);
          const data = (x: number) => TOLERANCES.meanLoss(u, c.N, c.K, maxOf(m.maxAbsLogit), maxOf(m.logitError), x);
          lossError += data(L) + TOLERANCES.l2Penalty(u, theta.length, L - L0) + data(L0);
          return L - L0;
        };
        const numeric = ((await pen(h)) - (await pen(-h))) / (2 * h);
        const grads = prefetchGradients(s.impl, 2, (k) => ({ params, X, Y, lam: k ? 0 : lam }));
        const gl = flatten(await grads()),
          g0 = flatten(await grads());
        const m = magnitudes(s.impl, params, X, Y, u);
        const rel = TOLERANCES.gradientEntry(u, c, maxOf(m.logitError));
        const floor = TOLERANCES.underflow(
          specOf(s.impl.precision).u,
          specOf(s.impl.precision).minNormal,
          c.N + c.D + c.H + c.K,
        );
        let analytic = 0,
          analyticError = 0;
        gl.forEach((x, i) => {
          analytic += (x - g0[i]) * v[i];
          // The data parts of the two gradients cancel up to their rounding; the penalty part rounds once more.
          analyticError +=
            TOLERANCES.twoEvaluations(rel * m.gradientScale[i] + floor) + TOLERANCES.l2Penalty(u, 1, x - g0[i]);
        });
        const tol = lossError / (2 * h) + analyticError;
        expectThat(
          isClose(analytic, numeric, { atol: tol }),
          `along a random direction the L2 part of the gradient gives ${analytic}, the L2 part of the loss ${numeric}`,
          {
            numbers: { analytic, numeric, ratio: analytic / numeric, tolerance: tol },
            hint: 'the L2 gradient must be the derivative of the L2 term in the loss (λ/N·W for λ/(2N)·ΣW²)',
            cause: 'l2-gradient-mismatch',
          },
        );
      },
    }),
  ],
  run: async (s) => [await l2Convention(s)],
};

/** Records the implementation's L2 convention: info, never a failure when self-consistent. */
async function l2Convention(s: Subject): Promise<Finding> {
  const t0 = performance.now();
  const c = { N: 4, D: 3, H: 4, K: 3, seed: 5, integer: false };
  const { X, Y, params } = await problem(s.impl, c);
  const lam = 0.8;
  const P = (await s.impl.loss(params, X, Y, lam)) - (await s.impl.loss(params, X, Y, 0));
  const sep = fromLayout(params, s.impl.layout);
  const sw = sep.weights.reduce((a, w) => a + w.data.reduce((x, y) => x + y * y, 0), 0);
  const sb = sep.biases.reduce((a, b) => a + b.data.reduce((x, y) => x + y * y, 0), 0);
  const conventions: [string, number][] = [
    ['λ/(2N)·ΣW² (weights only, the reference)', (lam / (2 * c.N)) * sw],
    ['reg·ΣW² (weights only)', lam * sw],
    ['0.5·reg·ΣW² (weights only)', 0.5 * lam * sw],
    ['λ/(2N)·Σθ² (biases included)', (lam / (2 * c.N)) * (sw + sb)],
    ['reg·Σθ² (biases included)', lam * (sw + sb)],
    ['0.5·reg·Σθ² (biases included)', 0.5 * lam * (sw + sb)],
    ['λ/N·ΣW² (weights only)', (lam / c.N) * sw],
  ];
  const u = specOf(s.impl.precision).u,
    m = magnitudes(s.impl, params, X, Y, u);
  const L0 = await s.impl.loss(params, X, Y, 0);
  // P = L(λ) − L(0): two losses' rounding plus the sum of squares over every parameter.
  const atol =
    2 * TOLERANCES.meanLoss(u, c.N, c.K, maxOf(m.maxAbsLogit), maxOf(m.logitError), L0 + Math.abs(P)) +
    TOLERANCES.l2Penalty(u, flatten(params).length, P);
  const hit = conventions.find(([, v]) => isClose(P, v, { atol }));
  return finding({
    id: 'network.l2-convention',
    suite: SUITE,
    property: 'L2 convention',
    verdict: 'pass',
    severity: 'info',
    ms: performance.now() - t0,
    message: hit
      ? `L2 convention: ${hit[0]}`
      : `L2 convention not recognised: the penalty is ${P} at λ = ${lam} (ΣW² = ${sw}, Σb² = ${sb}, N = ${c.N})`,
    numbers: { penalty: P, lambda: lam, sumW2: sw, sumB2: sb, N: c.N },
    hint:
      'a different but self-consistent convention is fine; ' +
      'the "loss and gradient agree on the L2 term" property checks consistency',
  });
}
