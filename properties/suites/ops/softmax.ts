import fc from 'fast-check';
import { fromRows, toRows } from '../../../src/core/matrix.ts';
import { TOLERANCES, U32, U64 } from '../../../src/core/tolerances.ts';
import { allFloat32, unitOfDtype } from '../../../src/core/precision.ts';
import { expectThat, property, type PropertySpec, type AnyPropertySpec } from '../../../src/engine/harness.ts';
import type { OpsSubject } from '../../../src/engine/ops-subject.ts';
import type { FoundSoftmax } from '../../../src/impl/ops/discover.ts';
import { transposeRows } from '../../../src/impl/ops/probe.ts';
import { wellScaledLogits, extremeLogits, farApartRows, type Rows } from '../../arbitraries/logits.ts';
import { expectUntouched } from './purity.ts';

const SUITE = 'ops';
const MIN_NORMAL = 2.2250738585072014e-308;
/** Logits as large as a badly scaled layer produces (the issue's 1e3 to 1e4). */
const LARGE_LOGIT = 1e4;
/** Relative tolerance between two evaluations of one probability from logits rounded at |z| ≤ scale. */
const probabilityTolerance = (u: number, K: number, scale: number) =>
  TOLERANCES.twoEvaluations(TOLERANCES.probability(u, K, 2 * u * scale));

/** A softmax's rows, one per example, and the unit roundoff of the precision it computed them in. */
interface Probs {
  rows: number[][];
  u: number;
}

/**
 * The user's softmax on N×K logits, one row per example whatever its axis: for a column-major
 * softmax (axis 0) the logits go in transposed and the result comes back transposed.
 */
async function probsOf(s: OpsSubject, sm: FoundSoftmax, Z: Rows, checkPurity = false): Promise<Probs> {
  if (sm.axis === 'vector') {
    const rows: number[][] = [];
    let u = U64;
    for (const z of Z) {
      const one = await call(s, sm, [z], true, checkPurity);
      rows.push(one.rows[0]);
      u = Math.max(u, one.u);
    }
    return { rows, u };
  }
  const input = sm.axis === 1 ? Z : transposeRows(Z);
  const out = await call(s, sm, input, false, checkPurity);
  return sm.axis === 1 ? out : { rows: transposeRows(out.rows), u: out.u };
}

async function call(s: OpsSubject, sm: FoundSoftmax, input: Rows, vector: boolean, checkPurity: boolean) {
  const r = await s.ff.call(sm.fn.name, [{ kind: 'array', m: fromRows(input), vector }]);
  if (checkPurity) expectUntouched(sm.fn, r, [input]);
  expectThat(
    r.value !== null && r.value.rows * r.value.cols === input.length * input[0].length,
    `${sm.fn.name}() returned ${r.value ? `${r.value.rows}×${r.value.cols}` : 'None'} ` +
      `for ${input.length}×${input[0].length} logits`,
  );
  // The precision is the dtype the function returned (the bridge reports it). Only without one
  // (a result that was no array) do the values decide: float32 when every value is a float32
  // number. Reading values alone misfires: a float64 result can be float32 numbers by chance, and
  // a shrinker finds exactly those.
  const values = Array.from(r.value!.data);
  const u = unitOfDtype(r.dtype) ?? (allFloat32(values) ? U32 : U64);
  if (!sm.log) return { rows: toRows(r.value!), u };
  // A float32 log-softmax gives float32 log-probabilities: their exp, rounded back to float32, is
  // what its softmax would be, so the checks judge it at float32's unit.
  const f32 = u === U32;
  return { rows: toRows(r.value!).map((row) => row.map((v) => (f32 ? Math.fround(Math.exp(v)) : Math.exp(v)))), u };
}

/** Global max or no max at all: the row alone tells them apart (finite alone: the batch's max did it). */
async function causeOf(
  s: OpsSubject,
  sm: FoundSoftmax,
  row: number[],
): Promise<'global-max-softmax' | 'no-max-softmax'> {
  const alone = (await probsOf(s, sm, [row])).rows[0];
  return alone.every(Number.isFinite) ? 'global-max-softmax' : 'no-max-softmax';
}

const HINTS = {
  'global-max-softmax':
    'subtract each row its own max: z - z.max(axis=1, keepdims=True) (axis=0 for column-major data), not np.max(z)',
  'no-max-softmax': 'subtract each row its own max before exp: exp(z) overflows for z > 709',
} as const;

export function softmaxProperties(s: OpsSubject): AnyPropertySpec[] {
  return s.ops.softmaxes.flatMap((sm): AnyPropertySpec[] => {
    const name = `${sm.fn.name}()`;
    const along = sm.axis === 0 ? 'column' : 'row';
    return [
      property({
        id: `ops.softmax-sums-to-one:${sm.fn.name}`,
        suite: SUITE,
        sentence: `${name}: each ${along} lies in [0, 1] and sums to 1`,
        severity: 'bug',
        arbitrary: wellScaledLogits(),
        predicate: async (Z: Rows) => {
          const { rows, u } = await probsOf(s, sm, Z);
          rows.forEach((r, i) => {
            const sum = r.reduce((a, b) => a + b, 0);
            expectThat(
              r.every((p) => p >= 0 && p <= 1) &&
                Math.abs(sum - 1) <= TOLERANCES.softmaxRowSum(u, r.length, Math.max(...Z[i].map(Math.abs))),
              `${along} ${i} of the output is [${r.join(', ')}], summing to ${sum}`,
              { numbers: { [along]: i, sum }, hint: `normalise each ${along} by its own sum (keepdims=True)` },
            );
          });
        },
      }),
      property({
        id: `ops.softmax-shift-invariant:${sm.fn.name}`,
        suite: SUITE,
        sentence: `${name}: adding a constant to the logits leaves the probabilities unchanged`,
        severity: 'bug',
        arbitrary: fc.tuple(
          wellScaledLogits(),
          fc.oneof(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.constantFrom(800, -800)),
        ),
        predicate: async ([Z, c]: [Rows, number]) => {
          const before = await probsOf(s, sm, Z),
            after = await probsOf(
              s,
              sm,
              Z.map((r) => r.map((v) => v + c)),
            );
          const Q = after.rows;
          // The shifted logits are rounded in the op's precision: at |z| + |c| their rounding error
          // is u·(|z| + |c|), which the tolerance takes (probability's logitError) at the coarser unit.
          const u = Math.max(before.u, after.u);
          before.rows.forEach((r, i) =>
            r.forEach((p, j) => {
              const tol = probabilityTolerance(u, r.length, Math.max(...Z[i].map(Math.abs)) + Math.abs(c));
              expectThat(
                Math.abs(Q[i][j] - p) <= tol * Math.max(p, MIN_NORMAL) + MIN_NORMAL,
                `p[${i}][${j}] changed from ${p} to ${Q[i][j]} when ${c} was added to the logits`,
                {
                  numbers: { shift: c, before: p, after: Q[i][j] },
                  hint: HINTS['no-max-softmax'],
                  cause: Number.isFinite(Q[i][j]) ? undefined : 'no-max-softmax',
                },
              );
            }),
          );
        },
      }),
      ...(sm.axis === 'vector'
        ? []
        : [
            property({
              id: `ops.softmax-examples-independent:${sm.fn.name}`,
              suite: SUITE,
              sentence: `${name}: each example is independent of the others in the batch`,
              severity: 'bug',
              arbitrary: farApartRows(),
              predicate: async (Z: Rows) => {
                const { rows: P, u: uBatch } = await probsOf(s, sm, Z);
                for (let i = 0; i < Z.length; i++) {
                  const one = await probsOf(s, sm, [Z[i]]);
                  const alone = one.rows[0];
                  // A row that is not finite even alone says nothing about the batch: its overflow is
                  // the finiteness property's finding (one defect, counted once), not a batch effect.
                  if (!alone.every(Number.isFinite)) continue;
                  const u = Math.max(uBatch, one.u);
                  const tol = probabilityTolerance(u, alone.length, Math.max(...Z[i].map(Math.abs)));
                  const j = alone.findIndex(
                    (p, k) =>
                      !(
                        Number.isFinite(P[i][k]) && Math.abs(P[i][k] - p) <= tol * Math.max(p, MIN_NORMAL) + MIN_NORMAL
                      ),
                  );
                  if (j < 0) continue;
                  // One max for the batch: the row underflows (NaN) or still sums to 1. A row that no
                  // longer sums to 1 was normalised by a sum over the batch: another defect.
                  const sum = P[i].reduce((a, b) => a + b, 0);
                  const batchSum =
                    P[i].every(Number.isFinite) &&
                    Math.abs(sum - 1) > TOLERANCES.softmaxRowSum(uBatch, P[i].length, Math.max(...Z[i].map(Math.abs)));
                  const cause = batchSum ? undefined : await causeOf(s, sm, Z[i]);
                  expectThat(false, `example ${i} gives p[${j}] = ${P[i][j]} in the batch but ${alone[j]} alone`, {
                    numbers: { example: i, inBatch: P[i][j], alone: alone[j] },
                    hint: cause
                      ? HINTS[cause]
                      : `normalise each ${along} by its own sum (axis=${sm.axis}, keepdims=True), ` +
                        "not the whole batch's",
                    cause,
                  });
                }
              },
            }) satisfies PropertySpec<Rows>,
          ]),
      property({
        id: `ops.softmax-finite:${sm.fn.name}`,
        suite: SUITE,
        sentence: `${name}: probabilities are finite for logits up to ±${LARGE_LOGIT}`,
        severity: 'bug',
        arbitrary: extremeLogits({ bound: LARGE_LOGIT }),
        predicate: async (Z: Rows) => {
          const P = (await probsOf(s, sm, Z)).rows;
          const i = P.findIndex((r) => !r.every(Number.isFinite));
          if (i < 0) return;
          const cause = await causeOf(s, sm, Z[i]);
          expectThat(false, `example ${i} with logits [${Z[i].join(', ')}] gives [${P[i].join(', ')}]`, {
            numbers: { example: i },
            hint: HINTS[cause],
            cause,
          });
        },
      }),
      property({
        id: `ops.softmax-pure:${sm.fn.name}`,
        suite: SUITE,
        sentence: `${name} does not write into its argument`,
        severity: 'bug',
        arbitrary: wellScaledLogits(),
        runsFactor: 0.2,
        predicate: async (Z: Rows) => {
          await probsOf(s, sm, Z, true);
        },
      }),
    ];
  });
}
