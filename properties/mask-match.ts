/**
 * Which ReLU mask a backward uses, read from its numbers: the user's gradient at λ = 0 set beside
 * the reference's and beside the reference computed with a known wrong mask (src/nn/mask-variants).
 * A variant is named only when it is far closer to the user's gradient than the reference is.
 */
import type { Matrix } from '../src/core/matrix.ts';
import { TOLERANCES } from '../src/core/tolerances.ts';
import { lossAndGradients } from '../src/nn/backward.ts';
import { fromLayout } from '../src/nn/layouts.ts';
import { maskVariants, type MaskVariant } from '../src/nn/mask-variants.ts';
import { mlpConfig, type MlpParams } from '../src/nn/mlp.ts';
import type { NetworkImplementation } from '../src/impl/implementation.ts';

const tensorsOf = (p: MlpParams): Matrix[] => p.weights.flatMap((w, l) => [w, p.biases[l]]);

/** Largest entry-wise difference over every tensor (NaN when either holds a NaN). */
function distance(a: MlpParams, b: MlpParams): number {
  const ta = tensorsOf(a),
    tb = tensorsOf(b);
  let worst = 0;
  ta.forEach((m, t) =>
    m.data.forEach((v, i) => {
      worst = Math.max(worst, Math.abs(v - tb[t].data[i]));
    }),
  );
  return worst;
}

/** The mask variant the implementation's gradient is, at these inputs and parameters, or null. */
export async function matchMaskVariant(
  impl: NetworkImplementation,
  params: Matrix[],
  X: Matrix,
  Y: Matrix,
): Promise<MaskVariant | null> {
  if (impl.activation !== 'relu' && impl.activation !== 'leaky_relu') return null;
  const sep = fromLayout(params, impl.layout);
  if (sep.weights.length !== 2) return null;
  const config = mlpConfig(X.cols, sep.weights[0].cols, Y.cols, impl.activation, impl.leakySlope);
  let user: MlpParams;
  try {
    user = fromLayout(await impl.gradients(params, X, Y, 0), impl.layout);
  } catch {
    return null; // a gradient that cannot be read is the checker's finding, not a mask
  }
  const toReference = distance(user, lossAndGradients(config, sep, X, Y, 0).grads);
  if (!(toReference > 0)) return null;
  for (const v of maskVariants(config, sep, X, Y)) {
    if (v.units.length > 0 && distance(user, v.grads) <= TOLERANCES.variantMatch.rtol * toReference) return v;
  }
  return null;
}
