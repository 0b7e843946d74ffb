import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/run-cli.ts';

const REPO = resolve(import.meta.dirname, '../..');
const HEADER = 'path,verdict,exit_code,bugs,warnings,defects,seconds,cached,error';
const FAST = ['--suite', 'softmax', '--suite', 'gradients', '--runs', '10', '--quiet', '--reporter', 'csv'];
/** The CSV lines of stdout, which holds the CSV alone (the console text goes to stderr). */
const csvOf = (stdout: string) => {
  expect(stdout.split('\n')[0]).toBe(HEADER);
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout.slice(0, -1).split('\n');
};

describe('--reporter csv: one gradebook row per submission, the same columns for one file and for a batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-csv-'));
  const numpy = readFileSync(join(REPO, 'examples/numpy_network.py'), 'utf8');
  writeFileSync(join(dir, 'ok.py'), numpy);
  writeFileSync(join(dir, 'mean.py'), numpy.replace('- Y) / n', '- Y)'));
  copyFileSync(join(REPO, 'fixtures/user/py_faults/python2.py'), join(dir, 'py2.py'));

  it('a single correct file: pass, exit status 0, no defects, its time', { timeout: 120_000 }, () => {
    const r = runCli(['check', 'ok.py', ...FAST], { cwd: dir });
    expect(r.code).toBe(0);
    expect(csvOf(r.stdout)).toEqual([HEADER, expect.stringMatching(/^ok\.py,pass,0,0,0,,\d+\.\d,no,$/)]);
  });

  it('a single buggy file: fail, exit status 1 and its defect named', { timeout: 120_000 }, () => {
    const r = runCli(['check', 'mean.py', ...FAST], { cwd: dir });
    expect(r.code).toBe(1);
    const [, row] = csvOf(r.stdout);
    expect(row).toMatch(/^mean\.py,fail,1,[1-9]\d*,\d+,[^,]*missing-mean[^,]*,\d+\.\d,no,$/);
  });

  it('a file that cannot be checked still gets its row: setup-error, exit 2, no bug, why', { timeout: 120_000 }, () => {
    const r = runCli(['check', 'py2.py', ...FAST], { cwd: dir });
    expect(r.code).toBe(2);
    expect(csvOf(r.stdout)).toEqual([
      HEADER,
      expect.stringMatching(/^py2\.py,setup-error,2,0,0,,\d+\.\d,no,.*Python 2/),
    ]);
  });

  it('a batch prints the merged CSV: a row per submission, as in its nncheck.csv', { timeout: 300_000 }, () => {
    const r = runCli(['check', 'ok.py', 'mean.py', 'py2.py', ...FAST, '--jobs', '2', '--report', 'out'], {
      cwd: dir,
      env: { CI: '1' },
    });
    expect(r.code).toBe(1);
    const rows = csvOf(r.stdout);
    expect(rows).toEqual(
      readFileSync(join(dir, 'out', 'nncheck.csv'), 'utf8')
        .trim()
        .split('\n'),
    );
    expect(rows.map((l) => l.split(',').slice(0, 3).join(','))).toEqual([
      'path,verdict,exit_code',
      'mean.py,fail,1',
      'ok.py,pass,0',
      'py2.py,setup-error,2',
    ]);
  });
});
