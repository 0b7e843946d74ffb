import fc from 'fast-check';
import { rowSlice, type Matrix } from '../../src/core/matrix.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { oneHot } from '../../src/data/dataset.ts';
import { expectThat, property, type PropertySpec } from '../../src/engine/harness.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { finding, outcome } from '../../src/findings/build.ts';
import { activationUnknown } from '../../src/impl/implementation.ts';
import { prefetchLosses } from '../../src/impl/prefetch.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';
import { farApartRows, labelsFor, type Rows } from '../arbitraries/logits.ts';
import { injectLogits, problem } from '../probes.ts';

const SUITE = 'as-written';
const copy = (ms: Matrix[]) => ms.map((m) => m.data.slice());

/**
 * What the probe read against what was declared: a disagreement is a warning (the activations
 * suite shows the numbers).
 */
function activationFinding(s: Subject): Finding | null {
  const r = s.impl.activationReading;
  if (!r?.declared) return null;
  const read =
    r.inferred === null ? 'unrecognised' : r.inferred === 'leaky_relu' ? `leaky_relu (slope ${r.slope})` : r.inferred;
  const what = `${r.declared.from === 'flag' ? '--activation' : 'the declared activation'} ${String(r.declared.value)}`;
  return finding({
    id: 'as-written.declared-activation',
    suite: SUITE,
    property: 'the declared activation is the one the hidden layer computes',
    ...outcome(!r.mismatch, 'warning'),
    message: r.mismatch
      ? `${what}, but the probe network reads the hidden function as ${read} ` +
        `(f(1) = ${r.samples.find((x) => x.x === 1)?.y.toPrecision(4)})`
      : `${what}; the probe network reads ${read}`,
    cause: r.mismatch ? 'activation-mismatch' : undefined,
    hint: r.mismatch ? 'the checks use the declared activation: fix the declaration or the forward pass' : undefined,
  });
}

export const asWrittenSuite: Suite = {
  name: SUITE,
  ids: ['as-written.declared-activation', 'as-written.batch-loss-is-row-mean', 'as-written.pure-calls'],
  description:
    'the code as written: the activation it computes, rows independent through its own loss, ' +
    'calls that leave their inputs alone',
  properties: (s: Subject): PropertySpec<[Rows, number[]]>[] => [
    ...(activationUnknown(s.impl)
      ? []
      : [
          property({
            // Through the loss itself: a class whose loss(X) returns scores has its softmax only there.
            id: 'as-written.batch-loss-is-row-mean',
            suite: SUITE,
            sentence: "the batch loss is the mean of the rows' losses, for rows far apart",
            severity: 'bug' as const,
            arbitrary: farApartRows().chain((Z) => fc.tuple(fc.constant(Z), labelsFor(Z.length, Z[0].length))),
            cause: 'global-max-softmax',
            hint: 'one max subtracted for the whole batch: subtract each row its own max (axis=1, keepdims=True)',
            predicate: async ([Z, labels]: [Rows, number[]]) => {
              const { X, params } = injectLogits(s.impl, Z);
              const Y = oneHot(labels, Z[0].length);
              // The batch, then each row alone: fetched ahead in one round trip where the implementation allows.
              const loss = prefetchLosses(s.impl, Z.length + 1, (k) =>
                k ? { params, X: rowSlice(X, [k - 1]), Y: rowSlice(Y, [k - 1]), lam: 0 } : { params, X, Y, lam: 0 },
              );
              const batch = await loss();
              const alone: number[] = [];
              for (let i = 0; i < Z.length; i++) alone.push(await loss());
              // A row alone already overflows: the cross-entropy suite names that.
              if (!alone.every(Number.isFinite)) return;
              const mean = alone.reduce((a, b) => a + b, 0) / alone.length;
              const { rtol, atol } = TOLERANCES.lossRowMean;
              expectThat(
                Number.isFinite(batch) && Math.abs(batch - mean) <= atol + rtol * Math.max(1, Math.abs(mean)),
                `the batch loss is ${batch}, the mean of the rows' losses taken one at a time ${mean}: ` +
                  'one max subtracted for the whole batch',
                { numbers: { batch, meanOfRows: mean }, cause: 'global-max-softmax' },
              );
            },
          }),
        ]),
  ],
  run: async (s: Subject): Promise<Finding[]> => {
    const out: Finding[] = [];
    const a = activationFinding(s);
    if (a) out.push(a);
    const { X, Y, params } = await problem(s.impl, { N: 6, D: 4, H: 5, K: 3, seed: 7, integer: false });
    const names = ['X', 'Y', ...params.map((_, i) => `parameter ${i}`)];
    const changed: string[] = [];
    for (const [what, call] of [
      ['loss()', () => s.impl.loss(params, X, Y, 0.1)],
      ['gradients()', () => s.impl.gradients(params, X, Y, 0.1)],
    ] as const) {
      const before = copy([X, Y, ...params]);
      try {
        await call();
      } catch {
        continue;
      } // faults are the other suites' findings
      [X, Y, ...params].forEach((m, i) => {
        if (!m.data.every((v, j) => Object.is(v, before[i][j]))) changed.push(`${what} modified ${names[i]} in place`);
      });
    }
    changed.push(...((await s.impl.sideEffects?.().catch(() => [])) ?? []));
    out.push(
      finding({
        id: 'as-written.pure-calls',
        suite: SUITE,
        property: 'loss() and gradients() leave their inputs and the params dict alone',
        ...outcome(!changed.length, 'warning'),
        message: changed.length
          ? [...new Set(changed)].join('; ')
          : 'X, Y, the parameters and the params dict keys are as they were after loss() and gradients()',
        cause: changed.length ? 'mutates-inputs' : undefined,
      }),
    );
    return out;
  },
};
