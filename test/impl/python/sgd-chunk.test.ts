import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Matrix } from '../../../src/core/matrix.ts';
import { loadBuiltin } from '../../../src/data/builtin.ts';
import { oneHot } from '../../../src/data/dataset.ts';
import { prepare } from '../../../src/data/preprocess.ts';
import type { NetworkImplementation } from '../../../src/impl/implementation.ts';
import { loadImplementation } from '../../../src/impl/load.ts';
import { sgd, type SgdOptions } from '../../../src/impl/sgd.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'nncheck-sgd-chunk-'));
copyFileSync(join(REPO, 'fixtures/user/py_faults/_base.py'), join(dir, '_base.py'));
const variant = (name: string, body: string) => {
  writeFileSync(
    join(dir, `${name}.py`),
    `from _base import *  # noqa: F401,F403\nfrom _base import gradients as _ok\n${body}`,
  );
  return join(dir, `${name}.py`);
};
/** Files whose calls the loop next to the implementation cannot take as they are, at some steps only. */
const FILES: Record<string, string> = {
  correct: join(REPO, 'examples/numpy_network.py'),
  // Raises on the last, short mini-batch of an epoch: the fault must read as from the loop call by call.
  raises: variant(
    'raises',
    'def gradients(params, X, Y, lam):\n    if X.shape[0] < 32:\n        raise ValueError("short batch")\n' +
      '    return _ok(params, X, Y, lam)\n',
  ),
  // Writes into its parameters on some steps (the write is written back, then the update applies).
  mutates: variant(
    'mutates',
    'def gradients(params, X, Y, lam):\n    g = _ok(params, X, Y, lam)\n    if X[0, 0] > 0.5:\n' +
      '        params[1][...] = 0.0\n    return g\n',
  ),
  // Writes into X when evaluated on the whole set: the loop there stops at each epoch's evaluation,
  // whose observer must still see the epoch's last step's gradients.
  evalMutates: variant(
    'eval_mutates',
    'import _base\n\n\ndef loss(params, X, Y, lam):\n    if X.shape[0] > 100:\n        X[0, 0] += 1.0\n' +
      '    return _base.loss(params, X, Y, lam)\n',
  ),
  // A bias gradient as a column: accepted by the contract (noted), realigned there.
  column: variant(
    'column',
    'def gradients(params, X, Y, lam):\n' +
      '    g = _ok(params, X, Y, lam)\n' +
      '    return [g[0], g[1].reshape(-1, 1), g[2], g[3]]\n',
  ),
  float32: variant(
    'float32',
    'def gradients(params, X, Y, lam):\n    return [g.astype("float32") for g in _ok(params, X, Y, lam)]\n',
  ),
};

const opened: NetworkImplementation[] = [];
afterAll(async () => {
  for (const i of opened) await i.close?.();
});

/** One run of nncheck's SGD loop, with or without the loop next to the implementation. */
async function train(file: string, chunked: boolean, o: Partial<SgdOptions> = {}) {
  const impl = await loadImplementation(file, {});
  opened.push(impl);
  const used = chunked ? impl : { ...impl, sgdChunk: undefined };
  const { train: d } = prepare(loadBuiltin('digits', 0), { seed: 0 });
  const init = await impl.initParams(64, 16, 10, 0);
  const seen: { epoch: number; params: number[]; grads: number[] }[] = [];
  const flat = (ms: Matrix[]) => ms.flatMap((m) => [...m.data]);
  let result, error: string | undefined;
  try {
    result = await sgd(used, init, d.X, oneHot(d.labels, 10), d.labels, {
      lr: 0.1,
      epochs: 3,
      batchSize: 32,
      seed: 0,
      onEpoch: (epoch, _l, _a, params, grads) => {
        seen.push({ epoch, params: flat(params), grads: flat(grads) });
      },
      ...o,
    });
  } catch (e) {
    error = (e as Error).message;
  }
  return {
    error,
    history: result?.history,
    divergedAt: result?.divergedAt,
    params: result ? flat(result.params) : undefined,
    seen,
    notes: [...impl.notes],
    dtypes: [...(impl.returnedDtypes ?? [])].sort(),
    incidents: impl.incidents?.length,
  };
}

describe('nncheck SGD loop run next to a Python implementation (sgdChunk)', () => {
  for (const [name, file] of Object.entries(FILES)) {
    it(`${name}: the same parameters, history, observer calls, notes and faults as call by call`, async () => {
      const [fast, slow] = [await train(file, true), await train(file, false)];
      expect(fast).toEqual(slow);
      if (name === 'raises') expect(fast.error).toMatch(/short batch/);
      else expect(fast.history).toHaveLength(3);
    }, 120_000);
  }

  it('a run that diverges stops at the same epoch with the same (non-finite) losses', async () => {
    const [fast, slow] = [
      await train(FILES.correct, true, { lr: 1e6, epochs: 6 }),
      await train(FILES.correct, false, { lr: 1e6, epochs: 6 }),
    ];
    expect(fast.divergedAt).not.toBeNull();
    expect(fast).toEqual(slow);
  }, 120_000);

  it('requests that may each take one step only still make progress and give the same run', async () => {
    const impl = await loadImplementation(FILES.correct, {});
    opened.push(impl);
    const stops: string[] = [];
    const oneStep: NetworkImplementation = {
      ...impl,
      sgdChunk: async (r) => {
        const c = await impl.sgdChunk!({ ...r, budgetS: 1e-9 });
        if (c) stops.push(c.stop.reason);
        return c;
      },
    };
    const { train: d } = prepare(loadBuiltin('digits', 0), { seed: 0 });
    const X = { rows: 100, cols: 64, data: d.X.data.slice(0, 100 * 64) };
    const labels = d.labels.slice(0, 100);
    const init = await impl.initParams(64, 16, 10, 0);
    const o = { lr: 0.1, epochs: 2, batchSize: 32, seed: 0 };
    const [a, b] = [
      await sgd(oneStep, init, X, oneHot(labels, 10), labels, o),
      await sgd({ ...impl, sgdChunk: undefined }, init, X, oneHot(labels, 10), labels, o),
    ];
    expect(a).toEqual(b);
    // 4 steps per epoch: each request takes one step (the budget is spent at once), the evaluations ride along.
    expect(stops.filter((s) => s === 'time').length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
