import type { Matrix } from '../../core/matrix.ts';
import type { SgdChunkResult } from '../implementation.ts';
import type { Frame } from './frames.ts';

/** The epochs' row orders as one matrix (row indices are exact in float64). */
export function ordersMatrix(orders: readonly Int32Array[], n: number): Matrix {
  const data = new Float64Array(orders.length * n);
  orders.forEach((o, e) => data.set(o, e * n));
  return { rows: orders.length, cols: n, data };
}

/**
 * Reads the bridge's `sgd` response (batched_ops.py): the parameters, the finished epochs'
 * losses as one array, then for each finished epoch its forward() probabilities, its last
 * step's gradients (when it took a step) and, when asked, its parameters; then the last step's
 * gradients of the epoch it stopped in, when it took steps there.
 */
export function sgdChunkResult(f: Frame, P: number, snapshots: boolean): SgdChunkResult {
  const a = f.arrays;
  let k = P;
  const losses = a[k++].data;
  const epochs = (f.header.epochs as { grads: boolean }[]).map((e, i) => {
    const probs = a[k++];
    const grads = e.grads ? a.slice(k, (k += P)) : null;
    const params = snapshots ? a.slice(k, (k += P)) : null;
    return { loss: losses[i], probs, grads, params };
  });
  const openGrads = f.header.open_grads ? a.slice(k, k + P) : null;
  return { params: a.slice(0, P), epochs, openGrads, stop: f.header.stop as SgdChunkResult['stop'] };
}
