import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rowSlice, zeros, type Matrix } from '../../../src/core/matrix.ts';
import { oneHot } from '../../../src/data/dataset.ts';
import type { NetworkImplementation } from '../../../src/impl/implementation.ts';
import { loadImplementation } from '../../../src/impl/load.ts';
import { prefetchForwards, prefetchGradients, prefetchLosses } from '../../../src/impl/prefetch.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'nncheck-prefetch-'));
copyFileSync(join(REPO, 'fixtures/user/py_faults/_base.py'), join(dir, '_base.py'));
const variant = (name: string, body: string) => {
  writeFileSync(join(dir, `${name}.py`), `from _base import *  # noqa: F401,F403\nimport _base\n${body}`);
  return join(dir, `${name}.py`);
};
const FILES: Record<string, string> = {
  correct: join(REPO, 'examples/numpy_network.py'),
  // Raises on the third row alone: the fault must surface when that result is read, not before.
  raises: variant(
    'raises',
    'def forward(params, X):\n    if X.shape[0] == 1 and X[0, 0] == 3.0:\n        raise ValueError("row 3")\n' +
      '    return _base.forward(params, X)\n\n\ndef loss(params, X, Y, lam):\n' +
      '    if X.shape[0] == 1 and X[0, 0] == 3.0:\n        raise ValueError("row 3")\n' +
      '    return _base.loss(params, X, Y, lam)\n',
  ),
  // Writes into X on every batch call: later calls' arguments are built from the written-back X.
  mutates: variant(
    'mutates',
    'def forward(params, X):\n' +
      '    if X.shape[0] > 1:\n' +
      '        X[0, 0] += 1.0\n' +
      '    return _base.forward(params, X)\n\n\n' +
      'def loss(params, X, Y, lam):\n' +
      '    if X.shape[0] > 1:\n' +
      '        X[0, 0] += 1.0\n' +
      '    return _base.loss(params, X, Y, lam)\n',
  ),
  // A bias gradient as a column: the contract realigns it (with a note) when the call is made alone.
  column: variant(
    'column',
    'def gradients(params, X, Y, lam):\n    g = _base.gradients(params, X, Y, lam)\n' +
      '    return [g[0], g[1].reshape(-1, 1), g[2], g[3]]\n',
  ),
};

const opened: NetworkImplementation[] = [];
afterAll(async () => {
  for (const i of opened) await i.close?.();
});

/** Reads the batch and each row alone (twice over), as a property does; records results and the first fault. */
async function readAll(impl: NetworkImplementation, kind: 'forward' | 'loss' | 'gradients') {
  const X = zeros(5, 4);
  X.data.forEach((_, i) => (X.data[i] = Math.floor(i / 4) + (i % 4) / 10));
  const Y = oneHot([0, 1, 2, 0, 1], 3);
  const params = await impl.initParams(4, 5, 3, 1);
  const n = 2 * (X.rows + 1);
  const argsOf = (k: number) => {
    const r = (k % (X.rows + 1)) - 1;
    return { params, X: r < 0 ? X : rowSlice(X, [r]), Y: r < 0 ? Y : rowSlice(Y, [r]), lam: 0.1 };
  };
  const next: () => Promise<Matrix | number | Matrix[]> =
    kind === 'forward'
      ? prefetchForwards(impl, n, argsOf)
      : kind === 'loss'
        ? prefetchLosses(impl, n, argsOf)
        : prefetchGradients(impl, n, argsOf);
  const got: unknown[] = [];
  try {
    for (let k = 0; k < n; k++) {
      const v = await next();
      got.push(typeof v === 'number' ? v : Array.isArray(v) ? v.map((m) => [m.rows, m.cols, ...m.data]) : [...v.data]);
    }
  } catch (e) {
    got.push(`threw at ${got.length}: ${(e as Error).message}`);
  }
  return { got, X: [...X.data], incidents: impl.incidents?.length, notes: [...impl.notes] };
}

describe('prefetched forward()/loss() calls (callMany) read as the calls made one by one', () => {
  for (const [name, file] of Object.entries(FILES)) {
    for (const kind of ['forward', 'loss', 'gradients'] as const) {
      const same = 'the same results, the same fault at the same read, the same written-back input';
      it(`${name}, ${kind}: ${same}`, async () => {
        const impl = await loadImplementation(file, {});
        opened.push(impl);
        expect(impl.callMany).toBeDefined();
        const fast = await readAll(impl, kind);
        const slow = await readAll({ ...impl, callMany: undefined }, kind);
        expect(fast).toEqual(slow);
        if (name === 'raises' && kind !== 'gradients')
          expect(fast.got[fast.got.length - 1]).toMatch(/^threw at 4: .*row 3/);
        else expect(fast.got).toHaveLength(12);
      }, 60_000);
    }
  }
});
