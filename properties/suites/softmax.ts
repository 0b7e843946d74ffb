import fc from 'fast-check';
import { fromRows } from '../../src/core/matrix.ts';
import { TOLERANCES } from '../../src/core/tolerances.ts';
import { isClose } from '../../src/core/allclose.ts';
import { specOf } from '../../src/core/precision.ts';
import { expectThat, property, PropertyViolation, type AnyPropertySpec } from '../../src/engine/harness.ts';
import { wellScaledLogits, extremeLogits, farApartRows, type Rows } from '../arbitraries/logits.ts';
import { injectLogits, rows } from '../probes.ts';
import { diagnoseStability } from '../stability.ts';
import { prefetchForwards } from '../../src/impl/prefetch.ts';
import type { Subject, Suite } from '../../src/engine/subject.ts';

const SUITE = 'softmax';
const GLOBAL_MAX =
  "a single global max is subtracted instead of each row's own max: rows far below it underflow to 0/0";

/**
 * Fails with the mechanism the stability sweep measures (and the first magnitude where it
 * breaks) when there is one, else with the fallback hint and no named cause.
 */
async function failStable(
  s: Subject,
  cond: boolean,
  message: string,
  numbers: Record<string, number>,
  fallback: string,
): Promise<void> {
  if (cond) return;
  const d = await diagnoseStability(s.impl, 'softmax');
  throw new PropertyViolation(message, { ...numbers, ...(d ? { breaksAt: d.at } : {}) }, d?.hint ?? fallback, d?.cause);
}

/** The injected logits are exact but for the implementation's rounding of Z (and Z + c): 2·u·|z|. */
const injectedLogitError = (u: number, maxAbs: number) => 2 * u * maxAbs;

async function probs(s: Subject, Z: Rows): Promise<number[][]> {
  const { X, params } = injectLogits(s.impl, Z);
  return rows(await s.impl.forward(params, X));
}

/** The probabilities for each logits in turn (read in order), fetched ahead where the implementation allows. */
function probsOf(s: Subject, Zs: Rows[]): () => Promise<number[][]> {
  const forward = prefetchForwards(s.impl, Zs.length, (k) => injectLogits(s.impl, Zs[k]));
  return async () => rows(await forward());
}

const maxAbs = (r: number[]) => Math.max(...r.map(Math.abs));

export const softmaxSuite: Suite = {
  name: SUITE,
  ids: [
    'softmax.rows-sum-to-one',
    'softmax.shift-invariant',
    'softmax.rows-independent',
    'softmax.permutation-equivariant',
    'softmax.argmax-preserved',
    'softmax.finite-for-extreme-logits',
    'softmax.matches-oracle',
  ],
  description: 'the output softmax, seen through forward() with injected logits',
  properties: (s): AnyPropertySpec[] => [
    property({
      id: 'softmax.rows-sum-to-one',
      suite: SUITE,
      sentence: 'rows lie in [0, 1] and sum to 1',
      severity: 'bug',
      arbitrary: fc.oneof(wellScaledLogits(), extremeLogits()),
      predicate: async (Z: Rows) => {
        const P = await probs(s, Z),
          u = specOf(s.impl.precision).u;
        for (const [i, r] of P.entries()) {
          const sum = r.reduce((a, b) => a + b, 0);
          await failStable(
            s,
            r.every((p) => p >= 0 && p <= 1),
            `row ${i} has a value outside [0, 1]: [${r.join(', ')}]`,
            { row: i },
            'exp overflowed (no max subtracted) or the sum is taken over the wrong axis',
          );
          const tol = TOLERANCES.softmaxRowSum(u, r.length, maxAbs(Z[i]));
          await failStable(
            s,
            Math.abs(sum - 1) <= tol,
            `row ${i} sums to ${sum}`,
            { row: i, sum, tolerance: tol },
            'normalise each row by its own sum (axis=1, keepdims=True)',
          );
        }
      },
    }),
    property({
      id: 'softmax.shift-invariant',
      suite: SUITE,
      sentence: 'adding a constant to a row leaves its probabilities unchanged',
      severity: 'bug',
      arbitrary: fc.tuple(
        wellScaledLogits(),
        fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constantFrom(800, -800)),
      ),
      predicate: async ([Z, c]: [Rows, number]) => {
        const next = probsOf(s, [Z, Z.map((r) => r.map((v) => v + c))]);
        const P = await next(),
          Q = await next();
        const { u, minNormal } = specOf(s.impl.precision);
        for (const [i, r] of P.entries()) {
          const rtol = TOLERANCES.twoEvaluations(
            TOLERANCES.probability(u, r.length, injectedLogitError(u, maxAbs(Z[i]) + Math.abs(c))),
          );
          for (const [j, p] of r.entries()) {
            await failStable(
              s,
              isClose(Q[i][j], p, { rtol, atol: minNormal }) || isClose(p, Q[i][j], { rtol, atol: minNormal }),
              `p[${i}][${j}] changed from ${p} to ${Q[i][j]} when ${c} was added to the row`,
              { shift: c, before: p, after: Q[i][j], rtol },
              'subtract the row max before exp: exp(z) overflows past 709.78 (88.72 in float32)',
            );
          }
        }
      },
    }),
    property({
      id: 'softmax.rows-independent',
      suite: SUITE,
      sentence: 'each row is independent of the other rows in the batch',
      severity: 'bug',
      cause: 'global-max-softmax',
      arbitrary: farApartRows(),
      predicate: async (Z: Rows) => {
        // The batch, then each row alone: fetched ahead in one round trip where the implementation allows.
        const next = probsOf(s, [Z, ...Z.map((r) => [r])]);
        const P = await next();
        const { u, minNormal } = specOf(s.impl.precision);
        for (let i = 0; i < Z.length; i++) {
          const alone = (await next())[0];
          const rtol = TOLERANCES.twoEvaluations(
            TOLERANCES.probability(u, alone.length, injectedLogitError(u, maxAbs(Z[i]))),
          );
          alone.forEach((p, j) => {
            const q = P[i][j];
            expectThat(
              Number.isFinite(q) &&
                (isClose(q, p, { rtol, atol: minNormal }) || isClose(p, q, { rtol, atol: minNormal })),
              `row ${i} gives p[${j}] = ${q} in the batch but ${p} alone`,
              { numbers: { row: i, inBatch: q, alone: p, rtol }, hint: GLOBAL_MAX, cause: 'global-max-softmax' },
            );
          });
        }
      },
    }),
    property({
      id: 'softmax.permutation-equivariant',
      suite: SUITE,
      sentence: 'permuting the rows permutes the probabilities',
      severity: 'bug',
      arbitrary: wellScaledLogits().chain((Z) =>
        fc.tuple(
          fc.constant(Z),
          fc.shuffledSubarray(
            Z.map((_, i) => i),
            { minLength: Z.length, maxLength: Z.length },
          ),
        ),
      ),
      predicate: async ([Z, perm]: [Rows, number[]]) => {
        const next = probsOf(s, [Z, perm.map((i) => Z[i])]);
        const P = await next(),
          Q = await next();
        const { u, minNormal } = specOf(s.impl.precision);
        perm.forEach((src, i) =>
          Q[i].forEach((q, j) => {
            const p = P[src][j];
            const rtol = TOLERANCES.twoEvaluations(
              TOLERANCES.probability(u, Q[i].length, injectedLogitError(u, maxAbs(Z[src]))),
            );
            expectThat(
              isClose(q, p, { rtol, atol: minNormal }) || isClose(p, q, { rtol, atol: minNormal }),
              `row ${src} moved to ${i} changed p[${j}] from ${p} to ${q}`,
              {
                numbers: { from: src, to: i },
                hint:
                  'an output row must depend only on its own logits ' +
                  '(check broadcasting: sum(axis=1, keepdims=True))',
              },
            );
          }),
        );
      },
    }),
    property({
      id: 'softmax.argmax-preserved',
      suite: SUITE,
      sentence: 'the argmax of each row is preserved',
      severity: 'bug',
      arbitrary: wellScaledLogits(),
      predicate: async (Z: Rows) => {
        const P = await probs(s, Z);
        Z.forEach((r, i) => {
          // Logits closer than rounding can give equal probabilities: ties are allowed.
          const top = r.indexOf(Math.max(...r));
          const best = Math.max(...P[i]);
          expectThat(
            P[i][top] === best,
            `row ${i}: the largest logit is at column ${top} but its probability ${P[i][top]} is below ${best}`,
            { numbers: { row: i, column: top } },
          );
        });
      },
    }),
    property({
      id: 'softmax.finite-for-extreme-logits',
      suite: SUITE,
      sentence: 'probabilities are finite for extreme logits',
      severity: 'bug',
      arbitrary: extremeLogits(),
      predicate: async (Z: Rows) => {
        const P = await probs(s, Z);
        for (const [i, r] of P.entries()) {
          await failStable(
            s,
            r.every(Number.isFinite),
            `row ${i} of logits [${Z[i].join(', ')}] gives [${r.join(', ')}]`,
            { row: i },
            "subtract each row's max before exp (exp(1000) = Inf, Inf/Inf = NaN)",
          );
        }
      },
    }),
    property({
      id: 'softmax.matches-oracle',
      suite: SUITE,
      sentence: 'probabilities are within rounding of the BigNumber oracle',
      severity: 'warning',
      runsFactor: 0.3,
      arbitrary: wellScaledLogits({ maxN: 4, maxK: 5 }),
      predicate: async (Z: Rows) => {
        // Only this property needs the high-precision oracle, so it loads it on demand.
        const { oracleSoftmax, relErrorVsBig } = await import('../../src/oracle/bignum.ts');
        const P = await probs(s, Z);
        const O = oracleSoftmax(fromRows(Z));
        const { u, minNormal } = specOf(s.impl.precision);
        P.forEach((r, i) =>
          r.forEach((p, j) => {
            if (O[i][j].abs().toNumber() < minNormal) return;
            const e = relErrorVsBig(p, O[i][j]),
              rtol = TOLERANCES.probabilityVsOracle(u, maxAbs(Z[i]), r.length);
            expectThat(
              e <= rtol,
              `p[${i}][${j}] = ${p} has relative error ${e.toExponential(2)} ` +
                `(rounding allows ${rtol.toExponential(2)} in ${s.impl.precision ?? 'float64'})`,
              {
                numbers: { relError: e, rtol },
                hint: 'avoid extra roundings: a float32 step inside a float64 network, or exp(log(...)) round trips',
              },
            );
          }),
        );
      },
    }),
  ],
};
