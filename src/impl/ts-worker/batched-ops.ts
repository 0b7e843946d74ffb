import { rowSlice, type Matrix } from '../../core/matrix.ts';
import type { CallsResult, PlainCall, SgdChunkRequest, SgdChunkResult } from '../implementation.ts';
import { applyStep, batchRows } from '../sgd-step.ts';
import { openSync, writeSync } from 'node:fs';

/**
 * Requests that make many of the module's own calls in one round trip (the Node side of callMany
 * and sgdChunk, as batched_ops.py is the Python side's). Each call is made exactly as a request
 * of its own would make it (attempt); one that a request of its own would answer with anything
 * but a plain value (it threw, or wrote into an argument) is not taken: the request stops BEFORE
 * it, and the caller makes it through the ordinary request, so its fault reads exactly as before.
 */

/**
 * One call as a request of its own would make it: its value, or null when the caller must make
 * it itself. A call that returns null leaves its argument matrices as they were before it.
 */
export type Attempt = (method: PlainCall['op'], args: unknown[]) => Promise<{ value: unknown } | null>;

/** True once budgetS seconds have passed since the request began, from its second call on. */
function clock(budgetS: number) {
  const t0 = performance.now();
  let started = 0;
  return () => started++ > 0 && performance.now() - t0 > budgetS * 1000;
}

const copy = (m: Matrix): Matrix => ({ rows: m.rows, cols: m.cols, data: m.data.slice() });

const progressFiles = new Map<string, number>();
/** Writes the running call's index where the parent reads it if this process hangs or dies (call-progress.ts). */
function progressOf(path: string | undefined): (i: number) => void {
  if (!path) return () => undefined;
  let fd = progressFiles.get(path);
  if (fd === undefined) progressFiles.set(path, (fd = openSync(path, 'r+')));
  const word = new Int32Array(1);
  return (i) => {
    word[0] = i;
    writeSync(fd, word, 0, 4, 0);
  };
}

/** Independent forward/loss/gradients calls, in order, each answered as it would be alone. */
export async function runCalls(
  attempt: Attempt,
  calls: PlainCall[],
  budgetS: number,
  progress?: string,
): Promise<CallsResult> {
  const late = clock(budgetS);
  const running = progressOf(progress);
  const results: CallsResult['results'] = [];
  for (const [i, c] of calls.entries()) {
    if (late()) return { results, stop: 'time' };
    running(i);
    const args = c.op === 'forward' ? [c.params, c.X] : [c.params, c.X, c.Y, c.lam];
    const r = await attempt(c.op, args);
    if (!r) return { results, stop: 'replay' };
    results.push(r.value as CallsResult['results'][number]);
  }
  return { results, stop: 'done' };
}

/**
 * nncheck's SGD loop (sgd.ts) from the request's cursor on: the same rows, the same gradients()
 * calls on the parameters, the same update (sgd-step.ts), and after each epoch the
 * same loss() and forward() on the whole set. No step or evaluation starts after budgetS (the
 * request's first call excepted): the caller waits that much longer than one call's timeout.
 */
export async function runSgdChunk(
  attempt: Attempt,
  r: SgdChunkRequest,
  budgetS: number,
  tick: () => void,
): Promise<SgdChunkResult> {
  const late = clock(budgetS);
  const params = r.params.map(copy);
  const n = r.X.rows;
  const epochs: SgdChunkResult['epochs'] = [];
  let grads: Matrix[] | null = null;
  const stopAt = (epoch: number, step: number, phase: 'steps' | 'eval', reason: SgdChunkResult['stop']['reason']) => ({
    params,
    epochs,
    openGrads: grads,
    stop: { epoch, step, phase, reason },
  });
  for (let e = 0; e < r.orders.length; e++) {
    for (let s = e === 0 ? r.step : 0; s < n; s += r.batchSize) {
      if (late()) return stopAt(e, s, 'steps', 'time');
      const idx = batchRows(r.orders[e], s, r.batchSize, n);
      const g = await attempt('gradients', [params, rowSlice(r.X, idx), rowSlice(r.Y, idx), r.lam]);
      if (!g) return stopAt(e, s, 'steps', 'replay');
      applyStep(params, g.value as Matrix[], r.lr);
      grads = g.value as Matrix[];
    }
    if (late()) return stopAt(e, n, 'eval', 'time');
    const loss = await attempt('loss', [params, r.X, r.Y, r.lam]);
    if (!loss) return stopAt(e, n, 'eval', 'replay');
    // Stopping here would ask for this loss again: the forward() closing it starts late, on a fresh timeout.
    if (late()) tick();
    const probs = await attempt('forward', [params, r.X]);
    if (!probs) return stopAt(e, n, 'eval', 'replay');
    epochs.push({
      loss: loss.value as number,
      probs: probs.value as Matrix,
      grads,
      params: r.snapshots ? params.map(copy) : null,
    });
    grads = null;
    if (!Number.isFinite(loss.value)) return stopAt(e + 1, 0, 'steps', 'diverged');
  }
  return stopAt(r.orders.length, 0, 'steps', 'done');
}
