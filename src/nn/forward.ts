import type { Matrix } from '../core/matrix.ts';
import { gemmNN, addRowVector } from '../core/kernels.ts';
import { getActivation } from '../ops/activations.ts';
import { softmax } from '../ops/softmax.ts';
import { crossEntropyFromLogits } from '../ops/cross-entropy.ts';
import { l2Penalty } from '../ops/l2.ts';
import type { MlpConfig, MlpParams } from './mlp.ts';
import { createWorkspace, type Workspace } from './workspace.ts';
import { validateBatch, validateParams } from './validate.ts';

/** Unchecked forward pass into ws: pre-activations, hidden activations, probabilities. */
export function forwardInto(config: MlpConfig, params: MlpParams, X: Matrix, ws: Workspace): Workspace {
  const act = getActivation(config.activation, config.leakySlope);
  const L = params.weights.length;
  let input = X;
  for (let l = 0; l < L; l++) {
    const W = params.weights[l],
      z = ws.pre[l];
    gemmNN(X.rows, W.cols, W.rows, input.data, W.data, z.data);
    addRowVector(X.rows, W.cols, z.data, params.biases[l].data);
    if (l < L - 1) {
      act.forward(z, ws.act[l]);
      input = ws.act[l];
    }
  }
  softmax(ws.pre[L - 1], ws.probs);
  return ws;
}

/** Mean cross-entropy of the logits in ws plus the L2 penalty. */
export function lossFromWorkspace(params: MlpParams, ws: Workspace, Y: Matrix, lam: number): number {
  return crossEntropyFromLogits(ws.pre[ws.pre.length - 1], Y) + l2Penalty(params.weights, lam, ws.n);
}

/** Checked forward pass; returns the workspace holding every intermediate (for diagnostics). */
export function forward(config: MlpConfig, params: MlpParams, X: Matrix): Workspace {
  validateParams(config, params, 'forward');
  validateBatch(config, X, undefined, 'forward');
  return forwardInto(config, params, X, createWorkspace(config, X.rows, false));
}

export function loss(config: MlpConfig, params: MlpParams, X: Matrix, Y: Matrix, lam = 0): number {
  validateBatch(config, X, Y, 'loss');
  const ws = forward(config, params, X);
  return lossFromWorkspace(params, ws, Y, lam);
}

export function predict(config: MlpConfig, params: MlpParams, X: Matrix): Int32Array {
  const p = forward(config, params, X).probs;
  const out = new Int32Array(p.rows);
  for (let i = 0; i < p.rows; i++) {
    let best = 0;
    for (let j = 1; j < p.cols; j++) if (p.data[i * p.cols + j] > p.data[i * p.cols + best]) best = j;
    out[i] = best;
  }
  return out;
}

export function accuracy(config: MlpConfig, params: MlpParams, X: Matrix, labels: ArrayLike<number>): number {
  if (labels.length === 0) return 0;
  const pred = predict(config, params, X);
  let hit = 0;
  for (let i = 0; i < labels.length; i++) if (pred[i] === labels[i]) hit++;
  return hit / labels.length;
}
