/**
 * The forms a reported loss takes in real code, computed in float64 from the same logits:
 * categorical cross-entropy, with clipping or an epsilon inside the log (scikit-learn's
 * log-loss clips), summed instead of averaged, binary cross-entropy over the classes, MSE.
 * A candidate that is Inf or NaN never matches anything.
 */
import { type Matrix, fromRows } from '../src/core/matrix.ts';
import { isClose } from '../src/core/allclose.ts';
import { softmax } from '../src/ops/softmax.ts';
import { candidateLosses } from '../src/ops/candidate-losses.ts';
import { crossEntropyFromLogits } from '../src/ops/cross-entropy.ts';
import type { CauseId } from '../src/findings/causes.ts';

/** Epsilons seen in the wild: Keras 1e-7, sklearn's dtype eps (2.2e-16 / 1.2e-7), 1e-8, 1e-12, 1e-15, 1e-30. */
export const EPSILONS = [
  1e-5, 1e-6, 1e-7, 1.1920929e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15, 2.220446049250313e-16, 1e-20, 1e-30,
];

export interface Clipping {
  kind: 'clipped' | 'epsilon';
  eps: number;
  value: number;
}

/** −(1/N) Σ y·log(clip(p, eps, 1 − eps)) and −(1/N) Σ y·log(p + eps), with p from the logits. */
export function clippedForms(Z: number[][], Y: Matrix): Clipping[] {
  const P = softmax(fromRows(Z)),
    N = Z.length;
  const out: Clipping[] = [];
  for (const eps of EPSILONS) {
    let clip = 0,
      add = 0;
    for (let i = 0; i < P.data.length; i++) {
      if (Y.data[i] === 0) continue;
      clip -= Y.data[i] * Math.log(Math.min(Math.max(P.data[i], eps), 1 - eps));
      add -= Y.data[i] * Math.log(P.data[i] + eps);
    }
    out.push({ kind: 'clipped', eps, value: clip / N }, { kind: 'epsilon', eps, value: add / N });
  }
  return out;
}

/** The clipping or epsilon the reported loss shows, when it is not the exact value but one of those. */
export function recogniseClipping(loss: number, Z: number[][], Y: Matrix, atol: number): Clipping | null {
  const exact = crossEntropyFromLogits(fromRows(Z), Y);
  if (isClose(loss, exact, { atol })) return null;
  return clippedForms(Z, Y).find((c) => Number.isFinite(c.value) && isClose(loss, c.value, { atol })) ?? null;
}

/** The logit margin past which clipping at eps changes −log p: p_label < eps when the margin exceeds log(1/eps). */
export const clippingMargin = (eps: number): number => Math.log(1 / eps);

export function describeClipping(c: Clipping): string {
  const form = c.kind === 'clipped' ? `clips p to [${c.eps}, 1 − ${c.eps}]` : `adds ${c.eps} inside the log`;
  const margin = clippingMargin(c.eps).toFixed(1);
  return `the loss ${form}: it departs from −log p once p[label] < ${c.eps}, a logit margin of about ${margin}`;
}

export interface LossForm {
  name: string;
  cause: CauseId | null;
  value: number;
}

/** Every standard form of the loss at these logits (categorical CE first). */
export function lossForms(Z: number[][], Y: Matrix): LossForm[] {
  const c = candidateLosses(softmax(fromRows(Z)), Y),
    N = Z.length;
  return [
    { name: 'categorical cross-entropy −(1/N)Σ y·log p', cause: null, value: crossEntropyFromLogits(fromRows(Z), Y) },
    ...clippedForms(Z, Y).map((x) => ({
      name: `categorical cross-entropy with p ${x.kind === 'clipped' ? 'clipped at' : '+'} ${x.eps}`,
      cause: 'clipped-log' as const,
      value: x.value,
    })),
    {
      name: 'categorical cross-entropy summed over rows, not averaged',
      cause: 'loss-not-mean' as const,
      value: N * c['categorical-ce'],
    },
    {
      name: 'binary cross-entropy summed over classes −(1/N)Σ [y·log p + (1−y)·log(1−p)]',
      cause: 'bce-on-softmax' as const,
      value: c['bce-sum'],
    },
    { name: 'mean squared error (1/N)Σ (p − y)²', cause: 'unknown-loss' as const, value: c.mse },
  ];
}

/** The forms the loss matches (finite candidates only), within atol. */
export const matchingForms = (loss: number, Z: number[][], Y: Matrix, atol: number): LossForm[] =>
  lossForms(Z, Y).filter((f) => Number.isFinite(f.value) && isClose(loss, f.value, { atol }));
