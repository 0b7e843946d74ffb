import fc from 'fast-check';
import { fromRows, toRows } from '../../../src/core/matrix.ts';
import { TOLERANCES, U32, U64 } from '../../../src/core/tolerances.ts';
import { allFloat32 } from '../../../src/core/precision.ts';
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
/** The unit roundoff of what a free op returned: float32 when every value is a float32 number. */
const unitOf = (...rows: number[][]) => (rows.every((r) => allFloat32(r)) ? U32 : U64);
/** Relative tolerance between two evaluations of one probability from logits rounded at |z| ≤ scale. */
const probabilityTolerance = (u: number, K: number, scale: number) =>
  TOLERANCES.twoEvaluations(TOLERANCES.probability(u, K, 2 * u * scale));

/**
 * The user's softmax on N×K logits, one row per example whatever its axis: for a column-major
 * softmax (axis 0) the logits go in transposed and the result comes back transposed.
 */
async function probsOf(s: OpsSubject, sm: FoundSoftmax, Z: Rows, checkPurity = false): Promise<number[][]> {
  if (sm.axis === 'vector') {
    const rows: number[][] = [];
    for (const z of Z) rows.push((await call(s, sm, [z], true, checkPurity))[0]);
    return rows;
  }
  const input = sm.axis === 1 ? Z : transposeRows(Z);
  const out = await call(s, sm, input, false, checkPurity);
  return sm.axis === 1 ? out : transposeRows(out);
}

async function call(
  s: OpsSubject,
  sm: FoundSoftmax,
  input: Rows,
  vector: boolean,
  checkPurity: boolean,
): Promise<number[][]> {
  const r = await s.ff.call(sm.fn.name, [{ kind: 'array', m: fromRows(input), vector }]);
  if (checkPurity) expectUntouched(sm.fn, r, [input]);
  expectThat(
    r.value !== null && r.value.rows * r.value.cols === input.length * input[0].length,
    `${sm.fn.name}() returned ${r.value ? `${r.value.rows}×${r.value.cols}` : 'None'} ` +
      `for ${input.length}×${input[0].length} logits`,
  );
  if (!sm.log) return toRows(r.value!);
  // A float32 log-softmax gives float32 log-probabilities: their exp, rounded back to float32, is
  // what its softmax would be, so the checks judge it at float32's unit (unitOf reads the values).
  const f32 = allFloat32(Array.from(r.value!.data));
  return toRows(r.value!).map((row) => row.map((v) => (f32 ? Math.fround(Math.exp(v)) : Math.exp(v))));
}

/** Global max or no max at all: the row alone tells them apart (finite alone: the batch's max did it). */
async function causeOf(
  s: OpsSubject,
  sm: FoundSoftmax,
  row: number[],
): Promise<'global-max-softmax' | 'no-max-softmax'> {
  const alone = (await probsOf(s, sm, [row]))[0];
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
          (await probsOf(s, sm, Z)).forEach((r, i) => {
            const sum = r.reduce((a, b) => a + b, 0);
            expectThat(
              r.every((p) => p >= 0 && p <= 1) &&
                Math.abs(sum - 1) <= TOLERANCES.softmaxRowSum(unitOf(r), r.length, Math.max(...Z[i].map(Math.abs))),
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
          const P = await probsOf(s, sm, Z),
            Q = await probsOf(
              s,
              sm,
              Z.map((r) => r.map((v) => v + c)),
            );
          P.forEach((r, i) =>
            r.forEach((p, j) => {
              const tol = probabilityTolerance(
                unitOf(r, Q[i]),
                r.length,
                Math.max(...Z[i].map(Math.abs)) + Math.abs(c),
              );
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
                const P = await probsOf(s, sm, Z);
                for (let i = 0; i < Z.length; i++) {
                  const alone = (await probsOf(s, sm, [Z[i]]))[0];
                  const tol = probabilityTolerance(unitOf(alone), alone.length, Math.max(...Z[i].map(Math.abs)));
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
                    Math.abs(sum - 1) >
                      TOLERANCES.softmaxRowSum(unitOf(P[i]), P[i].length, Math.max(...Z[i].map(Math.abs)));
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
          const P = await probsOf(s, sm, Z);
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
