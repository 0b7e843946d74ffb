import { describe, it, expect, afterEach } from 'vitest';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { BRIDGE_SCRIPT } from '../../../src/impl/python/bridge-client.ts';
import { smallProblem } from '../../helpers/network-case.ts';

const BASE = 'fixtures/user/py_faults/_base.py';
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

describe('the Python bridge', () => {
  it('answers loss, gradients and batched losses, matching one-by-one calls', async () => {
    const impl = await loadPythonModule(BASE);
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(1, 6, 5, 3);
    const params = await impl.initParams(5, 4, 3, 1);
    const one = await impl.loss(params, X, Y, 0.1);
    const many = await impl.lossMany!([params, params], X, Y, 0.1);
    expect(many).toEqual([one, one]);
    const g = await impl.gradients(params, X, Y, 0.1);
    expect(g.map((m) => [m.rows, m.cols])).toEqual(params.map((m) => [m.rows, m.cols]));
  });
  it('turns garbage on the protocol channel into a protocol fault, then restarts and goes on', async () => {
    process.env.NNCHECK_BRIDGE_DIR = dirname(BRIDGE_SCRIPT);
    const impl = await loadPythonModule(BASE, {
      script: fileURLToPath(new URL('../../../fixtures/user/junk_bridge.py', import.meta.url)),
    });
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(2, 4, 5, 3);
    const params = await impl.initParams(5, 4, 3, 2);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await impl.loss(params, X, Y, 0);
        outcomes.push('ok');
      } catch (e) {
        outcomes.push((e as Error).message);
      }
    }
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(4);
    expect(outcomes.find((o) => o !== 'ok')).toMatch(
      /unexpected output on the protocol channel: "Warning: garbage on stdout/,
    );
    expect(impl.bridge.restarts).toBeGreaterThanOrEqual(1);
  });
  it('writes in-place modifications back so purity checks see them', async () => {
    const impl = await loadPythonModule('fixtures/user/py_mutates.py');
    closers.push(() => impl.close!());
    const { X, Y } = smallProblem(3, 4, 5, 3);
    const params = await impl.initParams(5, 4, 3, 3);
    const before = params[0].data[0];
    await impl.loss(params, X, Y, 0);
    expect(params[0].data[0]).not.toBe(before);
  });
});
