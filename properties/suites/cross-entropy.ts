import fc from 'fast-check';
import { fromRows } from '../../src/core/matrix.ts';
import { crossEntropyFromLogits } from '../../src/ops/cross-entropy.ts';
import { softmax } from '../../src/ops/softmax.ts';
import { isClippedCrossEntropy } from '../../src/ops/clipped-ce.ts';
import { candidateLosses } from '../../src/ops/candidate-losses.ts';
import { describeLoss } from '../../src/gradcheck/alternatives.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { expectThat, type PropertySpec } from '../../src/engine/harness.ts';
import { wellScaledLogits, extremeLogits, labelsFor, type Rows } from '../arbitraries/logits.ts';
import { injectLogits, separateGrads } from '../probes.ts';
import { maxInjectableLogit } from '../probes.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';

const SUITE = 'cross-entropy';
const withLabels = (logits: fc.Arbitrary<Rows>) => logits.chain((Z) => fc.tuple(fc.constant(Z), labelsFor(Z.length, Z[0].length)));

async function lossAt(s: Subject, Z: Rows, labels: number[]) {
  const { X, params } = injectLogits(s.impl, Z);
  const Y = oneHot(labels, Z[0].length);
  return { loss: await s.impl.loss(params, X, Y, 0), X, Y, params };
}

/** Relative closeness for the stable-value property: 1e-9 covers −log p computed from p in
 * float64 for p ≤ 1 − 1e-7, and flags an epsilon inside the log or clipping (warnings). */
const STABLE_RTOL = 1e-9;

export const crossEntropySuite: Suite = {
  name: SUITE,
  description: 'the loss reported by loss(), seen with injected logits and λ = 0',
  properties: (s): PropertySpec<any>[] => [
    {
      suite: SUITE, property: 'the loss is finite and non-negative for extreme logits', severity: 'bug',
      arbitrary: withLabels(extremeLogits({ bound: maxInjectableLogit(s.impl) })),
      predicate: async ([Z, labels]: [Rows, number[]]) => {
        const { loss } = await lossAt(s, Z, labels);
        expectThat(Number.isFinite(loss) && loss >= 0, `loss is ${loss} for logits ${JSON.stringify(Z)}`, { loss },
          'take −log p by log-sum-exp: −log p_y = log Σ exp(z − m) − (z_y − m); log(softmax) underflows to log(0) = −Inf');
      },
    },
    {
      suite: SUITE, property: 'the loss equals −log p[label] computed stably', severity: 'warning',
      arbitrary: withLabels(fc.oneof(wellScaledLogits(), extremeLogits({ bound: maxInjectableLogit(s.impl) }))),
      predicate: async ([Z, labels]: [Rows, number[]]) => {
        const { loss, Y } = await lossAt(s, Z, labels);
        const ref = crossEntropyFromLogits(fromRows(Z), Y);
        if (!Number.isFinite(loss)) return; // the finiteness property reports this as a bug
        expectThat(Math.abs(loss - ref) <= STABLE_RTOL * Math.abs(ref) + 1e-15, `loss ${loss} differs from the stable value ${ref}`, { loss, reference: ref, relError: Math.abs(loss - ref) / Math.max(ref, 1e-300) },
          'an epsilon inside the log or clipping p changes the value: compute log-softmax by log-sum-exp instead');
      },
    },
    {
      suite: SUITE, property: 'the gradient with respect to the logits is (p − y)/N', severity: 'bug',
      arbitrary: withLabels(wellScaledLogits()),
      predicate: async ([Z, labels]: [Rows, number[]]) => {
        const { X, Y, params } = await lossAt(s, Z, labels);
        // With the hidden layer the identity, dL/dW2 = Iᵀ·dL/dz = dL/dz.
        const g = separateGrads(s.impl, await s.impl.gradients(params, X, Y, 0)).weights[1];
        const p = softmax(fromRows(Z)), N = Z.length;
        for (let i = 0; i < p.data.length; i++) {
          const want = (p.data[i] - Y.data[i]) / N;
          expectThat(Math.abs(g.data[i] - want) <= 1e-12 / N + 1e-9 * Math.abs(want), `dL/dz[${Math.floor(i / p.cols)}][${i % p.cols}] = ${g.data[i]}, expected (p − y)/N = ${want}`,
            { got: g.data[i], expected: want, ratio: g.data[i] / want, N }, 'the output delta of softmax + cross-entropy is (p − y)/N: check the 1/N and the sign');
        }
      },
    },
    {
      suite: SUITE, property: 'the loss at zero logits is log K', severity: 'bug',
      arbitrary: fc.record({ N: fc.integer({ min: 1, max: 5 }), K: fc.integer({ min: 2, max: 8 }) }).chain(({ N, K }) => fc.tuple(fc.constant(N), fc.constant(K), labelsFor(N, K))),
      predicate: async ([N, K, labels]: [number, number, number[]]) => {
        const { loss } = await lossAt(s, Array.from({ length: N }, () => new Array(K).fill(0)), labels);
        expectThat(Math.abs(loss - Math.log(K)) <= 1e-12 * Math.log(K), `loss at zero logits is ${loss}, expected log ${K} = ${Math.log(K)}`, { loss, logK: Math.log(K) },
          'uniform predictions over K classes cost log K per row under categorical cross-entropy');
      },
    },
    {
      suite: SUITE, property: 'the reported loss is categorical cross-entropy', severity: 'bug',
      arbitrary: withLabels(wellScaledLogits({ maxN: 5, maxK: 5 })),
      predicate: async ([Z, labels]: [Rows, number[]]) => {
        const { loss, Y } = await lossAt(s, Z, labels);
        const c = candidateLosses(softmax(fromRows(Z)), Y);
        const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
        if (close(loss, c['categorical-ce'])) return;
        if (isClippedCrossEntropy(loss, softmax(fromRows(Z)), Y, close)) return; // an epsilon in the log: a warning above
        const which = (Object.keys(c) as (keyof typeof c)[]).find((k) => k !== 'categorical-ce' && close(loss, c[k]));
        expectThat(false, which ? `the loss is ${describeLoss(which)}, not categorical cross-entropy` : `the loss ${loss} matches no standard loss of these outputs (categorical CE would be ${c['categorical-ce']})`,
          { loss, categoricalCE: c['categorical-ce'], bceSum: c['bce-sum'], mse: c.mse },
          'with a softmax output the cost must be −(1/N) Σ y·log p; a different printed cost is not the one the gradient descends', which ?? 'unknown loss');
      },
    },
  ],
};
