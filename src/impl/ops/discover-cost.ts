import { fromRows } from '../../core/matrix.ts';
import { TOLERANCES } from '../../core/tolerances.ts';
import type { FreeFunction, FreeFunctions, OpArg } from './free-functions.ts';
import { extraParamRole, isLabelName } from './names.ts';
import { identifyLoss, lossValue, type LossShape } from './losses.ts';
import { PROBE_LABELS, PROBE_LOGITS, PROBE_PROBS, oneHot, transposeRows } from './probe.ts';

/** A cost: how to call it, and which loss it computes (when known). */
export interface FoundCost {
  fn: FreeFunction;
  labelsFirst: boolean;
  labels: 'one-hot' | 'indices';
  /** Column-major: one example per column (outputs and one-hot labels K×N). */
  columns: boolean;
  input: 'probabilities' | 'logits';
  loss?: LossShape;
  /** Its value is a float32: probabilities below float32's smallest normal are out of its range. */
  float32: boolean;
  /** Builds the call's arguments for outputs (N×K rows) and integer labels. */
  args(outputs: number[][], labels: number[]): OpArg[];
}

// λ = 0 and two small weight matrices: a cost that adds an L2 term then adds 0.
const PARAMS = [
  fromRows([
    [0.1, -0.2],
    [0.3, 0.4],
  ]),
  fromRows([
    [0.5, -0.1],
    [0.2, 0.3],
  ]),
];

/** Calls a cost; its value, or why it is not a cost. */
export async function costValue(
  ff: FreeFunctions,
  c: Pick<FoundCost, 'fn' | 'args'>,
  outputs: number[][],
  labels: number[],
): Promise<number | string> {
  const r = await ff.call(c.fn.name, c.args(outputs, labels));
  if (!r.value) return 'returned None';
  if (r.value.data.length !== 1) return `returns ${r.value.rows}×${r.value.cols} values, not a scalar`;
  return r.value.data[0];
}

/**
 * Reads a function of (outputs, labels[, params, λ]) as a cost: which argument holds the
 * labels (by name), one-hot or integer labels (whichever it accepts), probabilities or
 * logits (whichever a known loss matches), and which loss. Returns why not when it is none.
 */
export async function findCost(ff: FreeFunctions, fn: FreeFunction): Promise<FoundCost | string> {
  const names = fn.params.slice(0, fn.required);
  const extras = names.slice(2).map(extraParamRole);
  if (extras.some((e) => e === undefined))
    return `takes (${names.join(', ')}): beyond (outputs, labels) only params and λ are understood`;
  const labelsFirst = isLabelName(names[0]) && !isLabelName(names[1]);
  let last = 'did not return a scalar';
  let fallback: FoundCost | undefined;
  for (const [labels, columns] of [
    ['one-hot', false],
    ['indices', false],
    ['one-hot', true],
  ] as const) {
    const T = (r: number[][]) => (columns ? transposeRows(r) : r);
    const c = {
      fn,
      args: (outputs: number[][], ys: number[]): OpArg[] => {
        const o: OpArg = { kind: 'array', m: fromRows(T(outputs)) };
        const l: OpArg =
          labels === 'one-hot'
            ? { kind: 'array', m: fromRows(T(oneHot(ys, outputs[0].length))) }
            : { kind: 'labels', v: ys };
        return [
          ...(labelsFirst ? [l, o] : [o, l]),
          ...extras.map((e): OpArg => (e === 'lambda' ? { kind: 'scalar', v: 0 } : { kind: 'list', ms: PARAMS })),
        ];
      },
    };
    let v: number | string;
    try {
      v = await costValue(ff, c, PROBE_PROBS, PROBE_LABELS);
    } catch (e) {
      last = `raised on the probe: ${(e as Error).message.split('\n')[0]}`;
      continue;
    }
    if (typeof v === 'string') {
      last = v;
      continue;
    }
    const Y = oneHot(PROBE_LABELS, 4);
    let loss = identifyLoss(v, PROBE_PROBS, Y, 'probabilities');
    let input: 'probabilities' | 'logits' = 'probabilities';
    if (!loss) {
      const z = await costValue(ff, c, PROBE_LOGITS, PROBE_LABELS).catch(() => NaN);
      const asLogits = typeof z === 'number' ? identifyLoss(z, PROBE_LOGITS, Y, 'logits') : undefined;
      if (asLogits) {
        loss = asLogits;
        input = 'logits';
      }
    }
    if (!loss && !Number.isFinite(v)) {
      last = `returned ${v} on valid probabilities`;
      continue;
    }
    // Float64 arithmetic lands within ~K·u of the exact loss; further off means float32 inside.
    const exact = loss && input === 'probabilities' ? lossValue(loss, PROBE_PROBS, Y) : v;
    const float32 = Math.fround(v) === v || Math.abs(v - exact) > TOLERANCES.float64Loss.rtol * Math.abs(exact);
    const found = { ...c, labelsFirst, labels, columns, input, loss, float32 };
    if (loss) return found;
    fallback ??= found; // a scalar of no known loss: maybe it reads examples as columns
  }
  return fallback ?? last;
}
