import { type Matrix, zeros } from '../core/matrix.ts';
import type { MlpConfig } from './mlp.ts';

/**
 * Every buffer one forward and backward pass needs for a batch of `n` rows, allocated once so
 * a training loop allocates nothing per step.
 */
export interface Workspace {
  readonly n: number;
  /** pre[l]: pre-activation of layer l+1, n×sizes[l+1]; the last one holds the logits. */
  pre: Matrix[];
  /** act[l]: activation of hidden layer l+1 (n×sizes[l+1]), for l < L−1. */
  act: Matrix[];
  probs: Matrix;
  /** dPre[l]: dLoss/d pre[l]. */
  dPre: Matrix[];
  /** dAct[l]: dLoss/d act[l]. */
  dAct: Matrix[];
  gradW: Matrix[];
  gradB: Matrix[];
}

/** `gradients: false` skips the backward buffers (a forward-only evaluation allocates less). */
export function createWorkspace(config: MlpConfig, n: number, gradients = true): Workspace {
  const { sizes } = config;
  const L = sizes.length - 1;
  const pre: Matrix[] = [],
    act: Matrix[] = [],
    dPre: Matrix[] = [],
    dAct: Matrix[] = [];
  const gradW: Matrix[] = [],
    gradB: Matrix[] = [];
  for (let l = 0; l < L; l++) {
    pre.push(zeros(n, sizes[l + 1]));
    if (l < L - 1) act.push(zeros(n, sizes[l + 1]));
    if (!gradients) continue;
    dPre.push(zeros(n, sizes[l + 1]));
    gradW.push(zeros(sizes[l], sizes[l + 1]));
    gradB.push(zeros(1, sizes[l + 1]));
    if (l < L - 1) dAct.push(zeros(n, sizes[l + 1]));
  }
  return { n, pre, act, probs: zeros(n, sizes[L]), dPre, dAct, gradW, gradB };
}
