import type { Matrix } from '../core/matrix.ts';
import { gemmTN, gemmNT, sumRows } from '../core/kernels.ts';
import { getActivation } from '../ops/activations.ts';
import { l2BackwardInto } from '../ops/l2.ts';
import type { MlpConfig, MlpParams } from './mlp.ts';
import { createWorkspace, type Workspace } from './workspace.ts';
import { forwardInto, lossFromWorkspace } from './forward.ts';
import { validateBatch, validateParams } from './validate.ts';

/**
 * Unchecked backward pass after forwardInto: fills ws.gradW and ws.gradB with the gradient of
 * mean cross-entropy + λ/(2N)·ΣW².
 */
export function backwardInto(
  config: MlpConfig,
  params: MlpParams,
  X: Matrix,
  Y: Matrix,
  lam: number,
  ws: Workspace,
): void {
  const act = getActivation(config.activation, config.leakySlope);
  const L = params.weights.length;
  const n = ws.n;
  // Softmax and cross-entropy fuse into (p − y)/N.
  const top = ws.dPre[L - 1].data,
    p = ws.probs.data,
    y = Y.data,
    inv = 1 / n;
  for (let i = 0; i < top.length; i++) top[i] = (p[i] - y[i]) * inv;
  for (let l = L - 1; l >= 0; l--) {
    const input = l === 0 ? X : ws.act[l - 1];
    const W = params.weights[l];
    gemmTN(W.rows, W.cols, n, input.data, ws.dPre[l].data, ws.gradW[l].data);
    sumRows(n, W.cols, ws.dPre[l].data, ws.gradB[l].data);
    l2BackwardInto(W, lam, n, ws.gradW[l]);
    if (l > 0) {
      gemmNT(n, W.rows, W.cols, ws.dPre[l].data, W.data, ws.dAct[l - 1].data);
      act.backward(ws.pre[l - 1], ws.act[l - 1], ws.dAct[l - 1], ws.dPre[l - 1]);
    }
  }
}

export interface LossAndGradients {
  loss: number;
  grads: MlpParams;
  probs: Matrix;
}

/** Checked loss and analytic gradients for every parameter tensor. */
export function lossAndGradients(
  config: MlpConfig,
  params: MlpParams,
  X: Matrix,
  Y: Matrix,
  lam = 0,
): LossAndGradients {
  validateParams(config, params, 'gradients');
  validateBatch(config, X, Y, 'gradients');
  const ws = createWorkspace(config, X.rows);
  forwardInto(config, params, X, ws);
  const loss = lossFromWorkspace(params, ws, Y, lam);
  backwardInto(config, params, X, Y, lam, ws);
  return { loss, grads: { weights: ws.gradW, biases: ws.gradB }, probs: ws.probs };
}
