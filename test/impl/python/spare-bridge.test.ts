import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { startSpareBridge, takeSpareBridge } from '../../../src/impl/python/spare-bridge.ts';
import { SPIN_ENV } from '../../../src/impl/python/spin.ts';
import { smallProblem } from '../../helpers/network-case.ts';

const saved = process.env[SPIN_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SPIN_ENV];
  else process.env[SPIN_ENV] = saved;
  takeSpareBridge('(none)'); // ends a spare a test left untaken
});

/** This process's children started as spare bridges (bridge.py --spare), by pid. */
function spares(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const ppid = Number(readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1].split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes('\0--spare');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const running = (pid: number) =>
  existsSync(`/proc/${pid}`) && !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'latin1'));
const gone = async (pid: number) => {
  for (let i = 0; i < 100 && running(pid); i++) await new Promise((r) => setTimeout(r, 20));
  return !running(pid);
};

describe('a spare bridge started before the CLI has loaded', () => {
  it('becomes the bridge: the same file read the same way, and the process is the spare', async () => {
    const plain = await loadPythonModule('examples/numpy_network.py');
    const { X, Y } = smallProblem(1, 6, 5, 3);
    const params = await plain.initParams(5, 4, 3, 1);
    const expected = { notes: [...plain.notes], loss: await plain.loss(params, X, Y, 0.1) };
    await plain.close!();
    startSpareBridge('python3');
    const [pid] = spares();
    expect(pid).toBeGreaterThan(0);
    const impl = await loadPythonModule('examples/numpy_network.py');
    try {
      expect(running(pid)).toBe(true); // taken, not ended
      expect(spares()).toEqual([pid]);
      expect({ notes: impl.notes, loss: await impl.loss(params, X, Y, 0.1) }).toEqual(expected);
    } finally {
      await impl.close!();
    }
    expect(await gone(pid)).toBe(true);
  });
  it('learns the polling a check allowed after it started (the rest of its environment must match)', async () => {
    delete process.env[SPIN_ENV];
    startSpareBridge('python3');
    process.env[SPIN_ENV] = '250';
    const impl = await loadPythonModule('fixtures/user/py_spin_setting.py');
    try {
      const { X, Y } = smallProblem(1, 6, 5, 3);
      expect(await impl.loss(await impl.initParams(5, 4, 3, 1), X, Y, 0)).toBe(250);
    } finally {
      await impl.close!();
    }
  });
  it('is not taken, and is ended, under another interpreter or another environment', async () => {
    startSpareBridge('python3');
    const [first] = spares();
    expect(takeSpareBridge('python3.11-other')).toBeUndefined();
    expect(await gone(first)).toBe(true);
    startSpareBridge('python3');
    const [second] = spares();
    process.env.NNCHECK_SPARE_TEST_VARIABLE = '1';
    try {
      expect(takeSpareBridge('python3')).toBeUndefined();
    } finally {
      delete process.env.NNCHECK_SPARE_TEST_VARIABLE;
    }
    expect(await gone(second)).toBe(true);
  });
  it('that cannot start changes no message: a missing interpreter, an interpreter without numpy', async () => {
    startSpareBridge('/nonexistent/python3');
    await expect(
      loadPythonModule('fixtures/user/py_faults/throws.py', { python: '/nonexistent/python3' }),
    ).rejects.toThrow(/the Python interpreter '\/nonexistent\/python3' was not found/);
    const noNumpy = 'fixtures/user/no_numpy_python.sh';
    startSpareBridge(noNumpy);
    await expect(loadPythonModule('fixtures/user/py_faults/throws.py', { python: noNumpy })).rejects.toThrow(
      /numpy is not installed for/,
    );
  });
});
