import type { Matrix } from '../core/matrix.ts';
import { mlpConfig } from '../nn/mlp.ts';
import { fromLayout, toLayout } from '../nn/layouts.ts';
import { lossAndGradients } from '../nn/backward.ts';
import { forward } from '../nn/forward.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';

import type { CauseId } from '../findings/causes.ts';

export interface GradientVariant {
  explanation: string;
  cause: CauseId;
  grads: Matrix[];
}

/**
 * Reference gradients computed with a known defect, to say what a disagreeing gradient *is*:
 * the hard-ReLU derivative under a leaky forward, a sum instead of a mean, a flipped sign.
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
  if (impl.activation === 'leaky_relu') {
    // Backward through a hard-ReLU mask while the forward stays leaky.
    const ws = forward(config, p, X);
    const z = ws.pre[0];
    const n = X.rows;
    const d2 = ws.probs.data.map((v, i) => (v - Y.data[i]) / n);
    const H = z.cols,
      K = Y.cols;
    const W2 = p.weights[1];
    const dz = new Float64Array(n * H);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < H; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += d2[i * K + k] * W2.data[j * K + k];
        dz[i * H + j] = z.data[i * H + j] > 0 ? s : 0; // the hard-ReLU mask
      }
    const gW1 = new Float64Array(X.cols * H),
      gb1 = new Float64Array(H);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < H; j++) {
        gb1[j] += dz[i * H + j];
        for (let d = 0; d < X.cols; d++) gW1[d * H + j] += X.data[i * X.cols + d] * dz[i * H + j];
      }
    const sep = fromLayout(base, impl.layout);
    const grads = toLayout(
      {
        weights: [{ rows: X.cols, cols: H, data: gW1 }, sep.weights[1]],
        biases: [{ rows: 1, cols: H, data: gb1 }, sep.biases[1]],
      },
      impl.layout,
    );
    out.unshift({
      explanation:
        'differs only where the hidden pre-activation is negative: ' +
        'backward uses the hard-ReLU derivative (0) under a leaky forward (α)',
      cause: 'leaky-forward-hard-gradient',
      grads,
    });
  }
  return out;
}
