import { type Matrix, rowSlice } from '../core/matrix.ts';
import { createRng, permutation } from '../random/rng.ts';
import { accuracyOf } from '../nn/train.ts';
import type { NetworkImplementation } from './implementation.ts';

export interface SgdOptions {
  lr: number;
  epochs: number;
  batchSize: number;
  lam?: number;
  seed?: number;
  /** Called after each epoch with the loss, accuracy and current parameters (diagnostics). */
  onEpoch?: (epoch: number, loss: number, accuracy: number, params: Matrix[], grads: Matrix[]) => void | Promise<void>;
}

export interface SgdResult {
  params: Matrix[];
  history: { epoch: number; loss: number; accuracy: number }[];
  divergedAt: number | null;
}

/**
 * Mini-batch SGD driven by nncheck over any implementation's gradients(): the same loop for
 * the reference, a TypeScript module or a Python process, so their trajectories compare.
 */
export async function sgd(
  impl: NetworkImplementation,
  initial: Matrix[],
  X: Matrix,
  Y: Matrix,
  labels: Int32Array,
  o: SgdOptions,
): Promise<SgdResult> {
  const params = initial.map((m) => ({ rows: m.rows, cols: m.cols, data: m.data.slice() }));
  const rng = createRng(`sgd/${o.seed ?? 0}`);
  const lam = o.lam ?? 0;
  const history: SgdResult['history'] = [];
  let lastGrads: Matrix[] = [];
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = permutation(rng, X.rows);
    for (let s = 0; s < X.rows; s += o.batchSize) {
      const idx = order.subarray(s, Math.min(X.rows, s + o.batchSize));
      const g = await impl.gradients(params, rowSlice(X, idx), rowSlice(Y, idx), lam);
      params.forEach((p, i) => {
        const gd = g[i].data;
        for (let j = 0; j < p.data.length; j++) p.data[j] -= o.lr * gd[j];
      });
      lastGrads = g;
    }
    const loss = await impl.loss(params, X, Y, lam);
    const accuracy = accuracyOf(await impl.forward(params, X), labels);
    history.push({ epoch, loss, accuracy });
    await o.onEpoch?.(epoch, loss, accuracy, params, lastGrads);
    if (!Number.isFinite(loss)) return { params, history, divergedAt: epoch };
  }
  return { params, history, divergedAt: null };
}
