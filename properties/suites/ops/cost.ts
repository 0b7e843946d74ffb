import fc from 'fast-check';
import { toRows } from '../../../src/core/matrix.ts';
import { TOLERANCES } from '../../../src/core/tolerances.ts';
import { expectThat, property, PropertyViolation, type AnyPropertySpec } from '../../../src/engine/harness.ts';
import type { Finding } from '../../../src/findings/finding.ts';
import { finding } from '../../../src/findings/build.ts';
import type { OpsSubject } from '../../../src/engine/ops-subject.ts';
import type { FoundCost } from '../../../src/impl/ops/discover.ts';
import { costValue } from '../../../src/impl/ops/discover-cost.ts';
import { lossValue } from '../../../src/impl/ops/losses.ts';
import { oneHot } from '../../../src/impl/ops/probe.ts';
import { extremeLogits, labelsFor, type Rows } from '../../arbitraries/logits.ts';
import { expectUntouched } from './purity.ts';

const SUITE = 'ops';

/**
 * N×K probabilities whose true class has probability 10^-exp (15 ≤ exp ≤ 300, or 37 for a
 * float32 cost: float32's smallest normal is 1.2e-38), the rest spread evenly (no p nears 1).
 */
const tinyTrueClass = (float32: boolean) =>
  fc
    .record({
      N: fc.integer({ min: 1, max: 4 }),
      K: fc.integer({ min: 3, max: 6 }),
      exp: fc.integer({ min: 15, max: float32 ? 37 : 300 }),
    })
    .chain(({ N, K, exp }) => fc.tuple(fc.constant({ K, tiny: 10 ** -exp }), labelsFor(N, K)))
    .map(([{ K, tiny }, labels]) => ({
      labels,
      P: labels.map((l) => Array.from({ length: K }, (_, j) => (j === l ? tiny : (1 - tiny) / (K - 1)))),
    }));

async function valueOf(s: OpsSubject, c: FoundCost, outputs: number[][], labels: number[]): Promise<number> {
  const v = await costValue(s.ff, c, outputs, labels);
  if (typeof v === 'string') throw new PropertyViolation(`${c.fn.name}() ${v}`);
  return v;
}

export function costProperties(s: OpsSubject): AnyPropertySpec[] {
  return s.ops.costs.flatMap((c): AnyPropertySpec[] => {
    const name = `${c.fn.name}()`;
    const out: AnyPropertySpec[] = [
      property({
        id: `ops.cost-pure:${c.fn.name}`,
        suite: SUITE,
        sentence: `${name} does not write into its arguments`,
        severity: 'bug',
        arbitrary: tinyTrueClass(c.float32),
        runsFactor: 0.2,
        predicate: async ({ P, labels }: { P: Rows; labels: number[] }) => {
          const args = c.args(P, labels);
          const r = await s.ff.call(c.fn.name, args);
          expectUntouched(
            c.fn,
            r,
            args.map((a) => (a.kind === 'array' ? toRows(a.m) : [])),
          );
        },
      }),
    ];
    if (c.input === 'probabilities') {
      out.push(
        property({
          id: `ops.cost-finite-for-tiny-p:${c.fn.name}`,
          suite: SUITE,
          sentence: `${name} is finite for probabilities down to ${c.float32 ? '1e-37 (float32)' : '1e-300'}`,
          severity: 'bug',
          arbitrary: tinyTrueClass(c.float32),
          predicate: async ({ P, labels }: { P: Rows; labels: number[] }) => {
            const v = await valueOf(s, c, P, labels);
            expectThat(Number.isFinite(v), `${name} = ${v} when the true class has probability ${P[0][labels[0]]}`, {
              numbers: { cost: v },
              hint:
                "take the log of the true class's probability only " +
                '(or compute the loss from logits by log-sum-exp)',
            });
          },
        }),
      );
      if (c.loss && c.loss.kind !== 'mse') {
        out.push(
          property({
            id: `ops.cost-not-clipped:${c.fn.name}`,
            suite: SUITE,
            sentence: `${name} is not clipped: −log p stays exact for tiny p`,
            severity: 'warning',
            arbitrary: tinyTrueClass(c.float32),
            predicate: async ({ P, labels }: { P: Rows; labels: number[] }) => {
              const v = await valueOf(s, c, P, labels),
                exact = lossValue(c.loss!, P, oneHot(labels, P[0].length));
              if (!Number.isFinite(v)) return; // the finiteness property reports it
              expectThat(
                Math.abs(v - exact) <= TOLERANCES.clippedLog.rtol * Math.abs(exact),
                `${name} = ${v} where the exact ${c.loss!.label} is ${exact} ` +
                  `(the true class has p = ${P[0][labels[0]]})`,
                {
                  numbers: { cost: v, exact, relError: Math.abs(v - exact) / Math.abs(exact) },
                  hint: 'an epsilon or clip inside the log caps −log p: compute the loss from logits by log-sum-exp',
                  cause: 'clipped-log',
                },
              );
            },
          }),
        );
      }
    } else {
      out.push(
        property({
          id: `ops.cost-finite-for-large-logits:${c.fn.name}`,
          suite: SUITE,
          sentence: `${name} is finite for logits up to ±1e3`,
          severity: 'bug',
          arbitrary: extremeLogits({ bound: 1e3 }).chain((Z) =>
            fc.tuple(fc.constant(Z), labelsFor(Z.length, Z[0].length)),
          ),
          predicate: async ([Z, labels]: [Rows, number[]]) => {
            const v = await valueOf(s, c, Z, labels);
            expectThat(Number.isFinite(v), `${name} = ${v} for logits ${JSON.stringify(Z)}`, {
              numbers: { cost: v },
              hint: 'compute −log p by log-sum-exp: log Σ exp(z − m) − (z_y − m)',
            });
          },
        }),
      );
    }
    return out;
  });
}

/** Which loss each cost is: BCE on a softmax output is a bug; another convention is info. */
export function costFindings(s: OpsSubject): Finding[] {
  const softmax = s.ops.softmaxes[0]?.fn.name;
  return s.ops.costs.map((c) => {
    const base = {
      id: `ops.cost-is-categorical:${c.fn.name}`,
      suite: SUITE,
      property: `${c.fn.name}() is categorical cross-entropy`,
    };
    const what = c.loss
      ? c.loss.label
      : 'not a loss nncheck knows (not cross-entropy, binary cross-entropy or squared error)';
    const call = `${c.fn.name}(${c.fn.params.slice(0, c.fn.required).join(', ')})`;
    const reads = `${call} reads ${c.input} and ${c.labels} labels`;
    if (c.loss?.kind === 'bce' && softmax) {
      return finding({
        ...base,
        verdict: 'fail',
        severity: 'bug',
        cause: 'bce-on-softmax',
        message:
          `${c.fn.name}() is ${what}, and the file's outputs come from ${softmax}(): ` +
          'binary cross-entropy on a softmax output is not the loss whose gradient is (p − y)/N',
        hint: 'use categorical cross-entropy: −np.sum(y * np.log(p)) / N (or from logits by log-sum-exp)',
        numbers: { loss: what },
      });
    }
    const info = c.loss?.kind !== 'categorical-ce' || c.loss.reduction !== 'mean over examples';
    return finding({ ...base, verdict: 'pass', severity: info ? 'info' : 'none', message: `${reads}; it is ${what}` });
  });
}
