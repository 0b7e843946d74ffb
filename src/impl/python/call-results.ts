import type { Matrix } from '../../core/matrix.ts';
import type { CallsResult, PlainCall } from '../implementation.ts';
import type { Frame } from './frames.ts';

/** The bridge's `calls` response as results: a number per loss, a Matrix per forward, a list per gradients. */
export function callResults(f: Frame, calls: readonly PlainCall[]): CallsResult['results'] {
  const counts = f.header.counts as number[];
  let k = 0;
  return counts.map((n, i) => {
    const mine: Matrix[] = f.arrays.slice(k, (k += n));
    const op = calls[i].op;
    return op === 'loss' ? mine[0].data[0] : op === 'forward' ? mine[0] : mine;
  });
}
