import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { zeros, type Matrix } from '../../src/core/matrix.ts';
import { oneHot } from '../../src/data/dataset.ts';
import type { NetworkImplementation, PlainCall } from '../../src/impl/implementation.ts';
import { loadImplementation } from '../../src/impl/load.ts';

const REPO = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'nncheck-progress-test-'));
// The process dies in gradients() for a batch of 3 rows (as fixtures/hostile/ts_crash.ts does).
const PY = join(dir, 'dies_on_three.py');
writeFileSync(
  PY,
  [
    'import os',
    'import numpy as np',
    'def init_params(D, H, K, seed):',
    '    r = np.random.default_rng(seed)',
    '    return [r.normal(size=(D, H)), np.zeros(H), r.normal(size=(H, K)), np.zeros(K)]',
    'def forward(params, X):',
    '    W1, b1, W2, b2 = params',
    '    z = np.maximum(X @ W1 + b1, 0) @ W2 + b2',
    '    e = np.exp(z - z.max(axis=1, keepdims=True))',
    '    return e / e.sum(axis=1, keepdims=True)',
    'def loss(params, X, Y, lam):',
    '    return float(-np.sum(Y * np.log(forward(params, X))) / X.shape[0])',
    'def gradients(params, X, Y, lam):',
    '    if X.shape[0] == 3:',
    '        os._exit(7)',
    '    return [np.zeros_like(p) for p in params]',
    '',
  ].join('\n'),
);

const opened: NetworkImplementation[] = [];
afterAll(async () => {
  for (const i of opened) await i.close?.();
});

const call = (params: Matrix[], rows: number): PlainCall => ({
  op: 'gradients',
  params,
  X: zeros(rows, 4),
  Y: oneHot(
    Array.from({ length: rows }, (_, i) => i % 3),
    3,
  ),
  lam: 0,
});

describe('a request of many calls that dies names the call that was running', () => {
  for (const [language, file] of [
    ['Python', PY],
    ['TypeScript', join(REPO, 'fixtures/hostile/ts_crash.ts')],
  ] as const) {
    it(`${language}: the fault of a batch is the third call's, not the batch's`, async () => {
      const impl = await loadImplementation(file, { timeoutMs: 20_000, activation: 'relu' });
      opened.push(impl);
      const params = await impl.initParams(4, 5, 3, 1);
      const ok = await impl.callMany!([call(params, 2), call(params, 4)]);
      expect(ok?.results).toHaveLength(2);
      const dies = impl.callMany!([call(params, 2), call(params, 5), call(params, 3), call(params, 2)]);
      await expect(dies).rejects.toMatchObject({ kind: 'crashed', inCall: 2 });
      // The restarted process answers again, and a batch that does not die is not marked.
      const again = await impl.callMany!([call(params, 2)]);
      expect(again?.results).toHaveLength(1);
    });
  }
});
