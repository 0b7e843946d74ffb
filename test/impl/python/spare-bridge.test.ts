import { describe, it, expect, afterEach } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadPythonModule } from '../../../src/impl/python/python-module.ts';
import { startSpareBridges, takeSpareBridge } from '../../../src/impl/python/spare-bridge.ts';
import { SPIN_ENV } from '../../../src/impl/python/spin.ts';
import { smallProblem } from '../../helpers/network-case.ts';

const saved = process.env[SPIN_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[SPIN_ENV];
  else process.env[SPIN_ENV] = saved;
  takeSpareBridge('(none)'); // ends the spares a test left untaken
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
    startSpareBridges('python3', 1);
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
  it('two spares serve two bridges (the network and the free ops), each with its own command line', async () => {
    startSpareBridges('python3', 2);
    const pids = spares();
    expect(pids).toHaveLength(2);
    const [a, b] = await Promise.all([
      loadPythonModule('examples/numpy_network.py'),
      loadPythonModule('fixtures/user/py_digest.py'),
    ]);
    try {
      expect(pids.every(running)).toBe(true);
      // Each read its own file: py_digest's loss is a whole-number digest, the network's a cross-entropy.
      const { X, Y } = smallProblem(1, 6, 5, 3);
      const [lossA, lossB] = [
        await a.loss(await a.initParams(5, 4, 3, 1), X, Y, 0),
        await b.loss(await b.initParams(5, 4, 3, 1), X, Y, 0),
      ];
      expect(lossB).toBe(Math.round(lossB));
      expect(lossA).not.toBe(Math.round(lossA));
    } finally {
      await Promise.all([a.close!(), b.close!()]);
    }
    for (const pid of pids) expect(await gone(pid)).toBe(true);
  });
  it('learns the polling a check allowed after it started (the rest of its environment must match)', async () => {
    delete process.env[SPIN_ENV];
    startSpareBridges('python3', 1);
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
    startSpareBridges('python3', 1);
    const [first] = spares();
    expect(takeSpareBridge('python3.11-other')).toBeUndefined();
    expect(await gone(first)).toBe(true);
    startSpareBridges('python3', 1);
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
    startSpareBridges('/nonexistent/python3', 1);
    await expect(
      loadPythonModule('fixtures/user/py_faults/throws.py', { python: '/nonexistent/python3' }),
    ).rejects.toThrow(/the Python interpreter '\/nonexistent\/python3' was not found/);
    const noNumpy = 'fixtures/user/no_numpy_python.sh';
    startSpareBridges(noNumpy, 1);
    await expect(loadPythonModule('fixtures/user/py_faults/throws.py', { python: noNumpy })).rejects.toThrow(
      /numpy is not installed for/,
    );
  });
});
