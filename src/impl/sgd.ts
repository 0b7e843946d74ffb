import { type Matrix, rowSlice } from '../core/matrix.ts';
import { createRng, permutation } from '../random/rng.ts';
import { accuracyOf } from '../nn/train.ts';
import type { NetworkImplementation, SgdChunkResult } from './implementation.ts';
import { applyStep, batchRows } from './sgd-step.ts';

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
 *
 * An implementation that can run this loop next to itself (sgdChunk: the Python bridge, the Node
 * process running a TypeScript module) runs it there, many steps per round trip, with the same
 * row orders, the same calls and the same float64 update (sgd-step.ts), so the parameters, losses
 * and accuracies are bit for bit the ones of the loop below. Where that loop stops for a call it
 * cannot take as it is (an exception, an argument written into, a gradient of another shape),
 * the call is made here through the ordinary method with its checks, so faults read exactly as
 * before, and the loop goes on.
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
  // Drawn up front: the generator serves nothing else, so each epoch's order is the one drawn lazily.
  const orders = Array.from({ length: o.epochs }, () => permutation(rng, X.rows));
  const step = async (order: Int32Array, s: number) => {
    const idx = batchRows(order, s, o.batchSize, X.rows);
    const g = await impl.gradients(params, rowSlice(X, idx), rowSlice(Y, idx), lam);
    applyStep(params, g, o.lr);
    lastGrads = g;
  };
  /** Records an epoch's end; true when its loss is not finite (training stops there). */
  const endEpoch = async (epoch: number, loss: number, accuracy: number, at: Matrix[]) => {
    history.push({ epoch, loss, accuracy });
    await o.onEpoch?.(epoch, loss, accuracy, at, lastGrads);
    return !Number.isFinite(loss);
  };
  const evaluate = async (epoch: number) =>
    endEpoch(epoch, await impl.loss(params, X, Y, lam), accuracyOf(await impl.forward(params, X), labels), params);
  // The cursor: the next step (a row offset) of `epoch`; X.rows means its evaluation is next.
  let epoch = 1,
    next = 0;
  while (epoch <= o.epochs) {
    const chunk = impl.sgdChunk
      ? await impl.sgdChunk({
          params,
          X,
          Y,
          orders: orders.slice(epoch - 1),
          step: next,
          lr: o.lr,
          lam,
          batchSize: o.batchSize,
          snapshots: o.onEpoch !== undefined,
        })
      : null;
    if (!chunk) {
      for (; next < X.rows; next += o.batchSize) await step(orders[epoch - 1], next);
      if (await evaluate(epoch)) return { params, history, divergedAt: epoch };
      [epoch, next] = [epoch + 1, 0];
      continue;
    }
    const diverged = await absorb(chunk, epoch);
    if (diverged !== null) return { params, history, divergedAt: diverged };
    const { stop } = chunk;
    [epoch, next] = [epoch + stop.epoch, stop.phase === 'eval' ? X.rows : stop.step];
    if (stop.reason !== 'replay') continue;
    // The call the remote loop would not take as it is: made here, with the ordinary checks.
    if (next < X.rows) {
      await step(orders[epoch - 1], next);
      next += o.batchSize;
    } else {
      if (await evaluate(epoch)) return { params, history, divergedAt: epoch };
      [epoch, next] = [epoch + 1, 0];
    }
  }
  return { params, history, divergedAt: null };

  /** Takes over a chunk's parameters and finished epochs; returns the epoch whose loss was not finite. */
  async function absorb(chunk: SgdChunkResult, first: number): Promise<number | null> {
    chunk.params.forEach((m, i) => params[i].data.set(m.data));
    for (const [k, e] of chunk.epochs.entries()) {
      if (e.grads) lastGrads = e.grads;
      if (await endEpoch(first + k, e.loss, accuracyOf(e.probs, labels), e.params ?? params)) return first + k;
    }
    if (chunk.openGrads) lastGrads = chunk.openGrads;
    return null;
  }
}
