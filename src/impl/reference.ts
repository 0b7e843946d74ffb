import type { Matrix } from '../core/matrix.ts';
import type { ActivationName } from '../ops/activation.ts';
import { mlpConfig, initParams } from '../nn/mlp.ts';
import { forward, loss } from '../nn/forward.ts';
import { lossAndGradients } from '../nn/backward.ts';
import { toLayout, fromLayout, type Layout } from '../nn/layouts.ts';
import { train } from '../nn/train.ts';
import type { NetworkImplementation } from './implementation.ts';

const configFor = (params: Matrix[], layout: Layout, activation: ActivationName, slope?: number) => {
  const p = fromLayout(params, layout);
  return {
    p,
    config: mlpConfig(
      p.weights[0].rows,
      p.weights.slice(0, -1).map((w) => w.cols),
      p.weights[p.weights.length - 1].cols,
      activation,
      slope,
    ),
  };
};

/** nncheck's reference network behind the implementation interface (any layout). */
export function referenceImplementation(
  activation: ActivationName,
  layout: Layout = 'separate',
  leakySlope?: number,
): NetworkImplementation {
  return {
    name: `reference-${activation}`,
    activation,
    layout,
    leakySlope,
    notes: [],
    async initParams(D, H, K, seed) {
      return toLayout(initParams(mlpConfig(D, H, K, activation, leakySlope), seed), layout);
    },
    async forward(params, X) {
      const { p, config } = configFor(params, layout, activation, leakySlope);
      return forward(config, p, X).probs;
    },
    async loss(params, X, Y, lam) {
      const { p, config } = configFor(params, layout, activation, leakySlope);
      return loss(config, p, X, Y, lam);
    },
    async gradients(params, X, Y, lam) {
      const { p, config } = configFor(params, layout, activation, leakySlope);
      return toLayout(lossAndGradients(config, p, X, Y, lam).grads, layout);
    },
    async train(X, Y, H, epochs, lr, lam, seed) {
      const config = mlpConfig(X.cols, H, Y.cols, activation, leakySlope);
      const labels = new Int32Array(Y.rows);
      for (let i = 0; i < Y.rows; i++) for (let j = 0; j < Y.cols; j++) if (Y.data[i * Y.cols + j] === 1) labels[i] = j;
      const res = train(
        config,
        initParams(config, seed),
        { X, Y, labels },
        { lr: lr ?? (activation === 'sigmoid' ? 0.5 : 0.01), epochs, batchSize: 32, lam, seed },
      );
      return toLayout(res.params, layout);
    },
  };
}
