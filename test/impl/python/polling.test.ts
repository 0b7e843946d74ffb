import { describe, it, expect, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { allowPolling, ONE_CHECK_SPIN_US, SPIN_ENV } from '../../../src/impl/python/spin.ts';
import { smallProblem } from '../../helpers/network-case.ts';
import type { Matrix } from '../../../src/core/matrix.ts';

const saved = process.env[SPIN_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SPIN_ENV];
  else process.env[SPIN_ENV] = saved;
});

function digest(arrays: Matrix[], lam: number): number {
  const h = createHash('sha256');
  for (const a of arrays) h.update(Buffer.from(a.data.buffer, a.data.byteOffset, a.data.byteLength));
  h.update(Buffer.from(Float64Array.of(lam).buffer));
  return h.digest().readUIntLE(0, 6);
}

describe('a bridge polling for requests (a single check on a free core)', () => {
  it('is allowed for one check on two cores or more, never over a user setting or on one core', () => {
    const env: NodeJS.ProcessEnv = {};
    allowPolling(env, 2);
    expect(env[SPIN_ENV]).toBe(String(ONE_CHECK_SPIN_US));
    const one: NodeJS.ProcessEnv = {};
    allowPolling(one, 1);
    expect(one[SPIN_ENV]).toBeUndefined();
    const mine: NodeJS.ProcessEnv = { [SPIN_ENV]: '0' };
    allowPolling(mine, 8);
    expect(mine[SPIN_ENV]).toBe('0');
  });
  it('answers exactly as a blocking one: calls back to back and after a pause see the bytes sent', async () => {
    process.env[SPIN_ENV] = String(ONE_CHECK_SPIN_US);
    const impl = await loadPythonModule('fixtures/user/py_digest.py');
    try {
      const { X, Y } = smallProblem(4, 600, 8, 3);
      const params = await impl.initParams(8, 5, 3, 4);
      for (let i = 0; i < 20; i++) {
        X.data[i] += 1; // a new X each call, some calls back to back, some after a pause
        if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
        expect(await impl.loss(params, X, Y, i)).toBe(digest([...params, X, Y], i));
      }
    } finally {
      await impl.close!();
    }
  });
});
