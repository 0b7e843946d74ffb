import { describe, it, expect, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { smallProblem } from '../../helpers/network-case.ts';
import type { Matrix } from '../../../src/core/matrix.ts';

// loss() of this fixture is a digest of the exact bytes it received: any stale or wrong array shows.
const DIGEST = 'fixtures/user/py_digest.py';
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers) await c();
  closers = [];
});

function digest(arrays: Matrix[], lam: number): number {
  const h = createHash('sha256');
  for (const a of arrays) h.update(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength));
  h.update(Buffer.from(Float64Array.of(lam).buffer));
  return h.digest().readUIntLE(0, 6);
}

async function open(file = DIGEST) {
  const impl = await loadPythonModule(file);
  closers.push(() => impl.close!());
  // X of 600×8 = 4800 entries: above the size from which arrays are kept on the Python side.
  const { X, Y } = smallProblem(4, 600, 8, 3);
  const params = await impl.initParams(8, 5, 3, 4);
  return { impl, X, Y, params };
}

describe('large arrays kept on the Python side between calls', () => {
  it('sends X, keeps it the second time, then names it; the loss sees exactly the bytes of each call', async () => {
    const { impl, X, Y, params } = await open();
    const sent = impl.bridge.sent;
    expect(await impl.loss(params, X, Y, 0.5)).toBe(digest([...params, X, Y], 0.5));
    expect(sent.counts.kept).toBe(0);
    expect(await impl.loss(params, X, Y, 0.5)).toBe(digest([...params, X, Y], 0.5));
    const kept = sent.counts.kept;
    expect(kept).toBeGreaterThanOrEqual(1);
    expect(await impl.loss(params, X, Y, 0.5)).toBe(digest([...params, X, Y], 0.5));
    expect(sent.counts.named).toBeGreaterThanOrEqual(1);
    expect(sent.counts.kept).toBe(kept);
  });

  it('never reuses an array whose content changed in place (same object, same shape)', async () => {
    const { impl, X, Y, params } = await open();
    await impl.loss(params, X, Y, 0);
    await impl.loss(params, X, Y, 0);
    X.data[X.data.length - 1] += 2 ** -40; // the smallest of changes
    const redone = impl.bridge.sent.counts.redone;
    expect(await impl.loss(params, X, Y, 0)).toBe(digest([...params, X, Y], 0));
    // Named by identity while the process worked, found changed: that answer was thrown away.
    expect(impl.bridge.sent.counts.redone).toBe(redone + 1);
    await impl.loss(params, X, Y, 0); // kept again
    const copy = { ...X, data: X.data.slice() };
    const named = impl.bridge.sent.counts.named;
    expect(await impl.loss(params, copy, Y, 0)).toBe(digest([...params, copy, Y], 0));
    expect(impl.bridge.sent.counts.named).toBe(named + 1); // same content, another object: a hit
  });

  it('sends the arrays again to a restarted process', async () => {
    const { impl, X, Y, params } = await open();
    await impl.loss(params, X, Y, 0);
    await impl.loss(params, X, Y, 0);
    impl.bridge.kill();
    const kept = impl.bridge.sent.counts.kept;
    for (let i = 0; i < 3; i++) expect(await impl.loss(params, X, Y, 0)).toBe(digest([...params, X, Y], 0));
    expect(impl.bridge.restarts).toBe(1);
    expect(impl.bridge.sent.counts.kept).toBeGreaterThan(kept);
  });

  it('resends what the process says it no longer holds (a miss)', async () => {
    const { impl, X, Y, params } = await open();
    await impl.loss(params, X, Y, 0);
    await impl.loss(params, X, Y, 0);
    // Make the process drop every id the client believes it holds, behind the client's back.
    await impl.bridge.call('side_effects', { drop: [1, 2, 3, 4, 5, 6] }, []);
    expect(await impl.loss(params, X, Y, 0)).toBe(digest([...params, X, Y], 0));
    expect(impl.bridge.sent.counts.lost).toBeGreaterThanOrEqual(1);
    expect(await impl.loss(params, X, Y, 0)).toBe(digest([...params, X, Y], 0));
  });

  it('keeps the original intact when user code writes into a kept X, and reports the write', async () => {
    const { impl, X, Y, params } = await open('fixtures/user/py_digest_mutates_x.py');
    const before = X.data[0];
    const first = await impl.loss(params, X, Y, 0);
    expect(X.data[0]).toBe(before + 1); // written back, so purity checks see it
    for (let i = 0; i < 3; i++) {
      X.data[0] = before;
      expect(await impl.loss(params, X, Y, 0)).toBe(first);
      expect(X.data[0]).toBe(before + 1);
    }
    expect(impl.bridge.sent.counts.named).toBeGreaterThanOrEqual(1);
  });
});
