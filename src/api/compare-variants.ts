import type { Matrix } from '../core/matrix.ts';
import { mlpConfig } from '../nn/mlp.ts';
import { fromLayout, toLayout } from '../nn/layouts.ts';
import { lossAndGradients } from '../nn/backward.ts';
import { maskVariants, type MaskVariant } from '../nn/mask-variants.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';

import type { CauseId } from '../findings/causes.ts';
import type { CompareRow } from './compare-rows.ts';

export interface GradientVariant {
  explanation: string;
  cause: CauseId;
  grads: Matrix[];
}

/** What each mask variant says a matching gradient does. */
const EXPLAIN: Record<MaskVariant['id'], Omit<GradientVariant, 'grads'>> = {
  'hard-mask-under-leaky': {
    explanation:
      'differs only where the hidden pre-activation is negative: ' +
      'backward uses the hard-ReLU derivative (0) under a leaky forward (α)',
    cause: 'leaky-forward-hard-gradient',
  },
  'mask-without-bias': {
    explanation:
      'differs only where X·W1 and X·W1 + b1 have opposite signs: ' +
      'the ReLU mask in backward is taken from X·W1 without the bias',
    cause: 'relu-mask-mismatch',
  },
};

/**
 * Reference gradients computed with a known defect, to say what a disagreeing gradient *is*:
 * the hard-ReLU derivative under a leaky forward, a ReLU mask without the bias, a sum instead of
 * a mean, a flipped sign.
 */
export async function gradientVariants(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  Y: Matrix,
): Promise<GradientVariant[]> {
  const p = fromLayout(params, impl.layout);
  const config = mlpConfig(
    X.cols,
    p.weights.slice(0, -1).map((w) => w.cols),
    Y.cols,
    impl.activation,
    impl.leakySlope,
  );
  const base = toLayout(lossAndGradients(config, p, X, Y, 0).grads, impl.layout);
  const out: GradientVariant[] = [
    {
      explanation: `is ${X.rows}× the reference: the 1/N of the mean is missing`,
      cause: 'missing-mean',
      grads: base.map((g) => ({ ...g, data: g.data.map((v) => v * X.rows) })),
    },
    {
      explanation: 'is the negative of the reference: a sign is flipped',
      cause: 'sign-flip',
      grads: base.map((g) => ({ ...g, data: g.data.map((v) => -v) })),
    },
  ];
  // Mask variants first: they differ from the reference in the hidden layer only, so they are
  // the more specific explanation of a hidden-layer gradient that matches one of them.
  const masks = maskVariants(config, p, X, Y).map((v) => ({ ...EXPLAIN[v.id], grads: toLayout(v.grads, impl.layout) }));
  out.unshift(...masks.reverse());
  return out;
}

/**
 * A flipped sign in some gradients while others are not flipped is not the output delta (which
 * every gradient inherits) but those tensors' own expressions: named so, each on its own row.
 */
export function scopeSignFlips(gradientRows: CompareRow[]): void {
  const flipped = gradientRows.filter((r) => r.cause === 'sign-flip');
  if (flipped.length === 0 || flipped.length === gradientRows.length) return;
  for (const r of flipped)
    Object.assign(r, {
      cause: 'tensor-sign-flip',
      location: flipped.map((f) => f.quantity.replace(/ gradient \(.*$/, '')).join(', '),
      explanation:
        `${r.explanation} in this tensor only: not every gradient is flipped, so the output delta P − Y ` +
        'is right and the minus sits where this gradient is formed',
    });
}
