import { TOLERANCES } from '../../core/tolerances.ts';

/** The losses people write as a cost(probabilities or logits, labels), each with its reduction. */
export type LossKind = 'categorical-ce' | 'bce' | 'mse';

export interface LossShape {
  kind: LossKind;
  input: 'probabilities' | 'logits';
  reduction: string;
  label: string;
}

const logSoftmaxRows = (Z: number[][]) =>
  Z.map((r) => {
    const m = Math.max(...r);
    const lse = m + Math.log(r.reduce((s, v) => s + Math.exp(v - m), 0));
    return r.map((v) => v - lse);
  });

/** Every candidate's value at (P, Y): P probabilities (or logits Z), Y one-hot. */
function candidates(
  P: number[][],
  Y: number[][],
  input: 'probabilities' | 'logits',
): { shape: LossShape; value: number }[] {
  const N = P.length,
    K = P[0].length;
  const sum = (f: (p: number, y: number) => number) =>
    P.reduce((s, r, i) => s + r.reduce((t, p, j) => t + f(p, Y[i][j]), 0), 0);
  const out: { shape: LossShape; value: number }[] = [];
  const add = (kind: LossKind, total: number, label: string) => {
    for (const [reduction, d] of [
      ['mean over examples', N],
      ['sum', 1],
      ['mean over all entries', N * K],
      ['half mean over examples', 2 * N],
    ] as const) {
      out.push({ shape: { kind, input, reduction, label: `${label} (${reduction})` }, value: total / d });
    }
  };
  if (input === 'logits') {
    const L = logSoftmaxRows(P);
    add(
      'categorical-ce',
      -L.reduce((s, r, i) => s + r.reduce((t, l, j) => t + Y[i][j] * l, 0), 0),
      'categorical cross-entropy of softmax(logits)',
    );
    return out;
  }
  add(
    'categorical-ce',
    sum((p, y) => (y ? -y * Math.log(p) : 0)),
    'categorical cross-entropy',
  );
  add(
    'bce',
    sum((p, y) => -(y ? y * Math.log(p) : 0) - (y !== 1 ? (1 - y) * Math.log(1 - p) : 0)),
    'binary cross-entropy summed over classes',
  );
  add(
    'mse',
    sum((p, y) => (p - y) ** 2),
    'squared error',
  );
  return out;
}

/** Which loss `value` is at (P, Y), or undefined. */
export function identifyLoss(
  value: number,
  P: number[][],
  Y: number[][],
  input: 'probabilities' | 'logits',
): LossShape | undefined {
  const { atol, rtol } = TOLERANCES.opIdentification;
  return candidates(P, Y, input).find((c) => Math.abs(c.value - value) <= atol + rtol * Math.abs(c.value))?.shape;
}

/** The exact value of a known loss at (P, Y), for the clipping and stability checks. */
export function lossValue(shape: LossShape, P: number[][], Y: number[][]): number {
  return candidates(P, Y, shape.input).find((c) => c.shape.label === shape.label)!.value;
}
