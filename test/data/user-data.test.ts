import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseUserCsv, loadUserData } from '../../src/data/user-data.ts';
import { readNpz } from '../../src/data/npy.ts';

describe("--data: the user's own data set", () => {
  it('reads a CSV with a header and a named label column anywhere, string labels sorted into classes', () => {
    const d = parseUserCsv('label,a,b\ncat,1,2\ndog,3,4\ncat,5,6\n', 'x.csv');
    expect(d.classNames).toEqual(['cat', 'dog']);
    expect(Array.from(d.labels)).toEqual([0, 1, 0]);
    expect(Array.from(d.X.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('reads a headerless CSV (label last) and names the line and column of a bad cell', () => {
    expect(parseUserCsv('1,2,0\n3,4,1\n', 'x.csv').X.cols).toBe(2);
    expect(() => parseUserCsv('1,2,0\n3,oops,1\n', 'x.csv')).toThrow(/x\.csv:2:2: 'oops' is not a finite number/);
    expect(() => parseUserCsv('1,2,0\n3,4\n', 'x.csv')).toThrow(/x\.csv:2: 2 columns, expected 3/);
    expect(() => parseUserCsv('1,2,0\n3,4,0\n', 'x.csv')).toThrow(/at least 2/);
  });
  it('reads X and y from an .npz written by numpy (stored and compressed), float32 and int64', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-npz-'));
    const py =
      'import numpy as np, sys\nX = np.arange(12, dtype=np.float32).reshape(4, 3)\ny = np.array([0, 1, 2, 1])\n' +
      `np.savez("${dir}/a.npz", X=X, y=y)\n` +
      `np.savez_compressed("${dir}/b.npz", X=X.astype(np.float64), y=y.astype(np.int32))\n`;
    const r = spawnSync('python3', ['-c', py], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const f of ['a.npz', 'b.npz']) {
      const d = loadUserData(join(dir, f));
      expect([d.X.rows, d.X.cols]).toEqual([4, 3]);
      expect(Array.from(d.X.data)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      expect(Array.from(d.labels)).toEqual([0, 1, 2, 1]);
    }
    expect([...readNpz(readFileSync(join(dir, 'a.npz')), 'a.npz').keys()].sort()).toEqual(['X', 'y']);
    writeFileSync(join(dir, 'c.npz'), 'not a zip');
    expect(() => loadUserData(join(dir, 'c.npz'))).toThrow(/not an \.npz/);
  });
});
