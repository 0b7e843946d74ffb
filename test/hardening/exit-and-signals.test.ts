import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportJson, reportProblems, runHostile } from './run-hostile.ts';
import { expectCase } from './table.ts';

/** Fault injection, items 2 and 4 of issue 13: exit codes that never lie, signals, child processes. */
const H = 'fixtures/hostile';
const F = 'fixtures/user/py_faults';
const quick = ['--suite', 'network', '--runs', '3', '--quiet'];

describe('2. the exit code reflects the findings, whatever happens to stdout', { timeout: 200_000 }, () => {
  it('`| head -1` on a failing check still exits 1 (EPIPE)', async () => {
    const r = await runHostile(['check', `${F}/throws.py`, '--suite', 'network', '--runs', '5'], { headOne: true });
    expectCase(r, {
      item: '2',
      lang: 'py',
      name: 'check bad.py | head -1',
      exit: 1,
      finding: /gradients\(\) raised IndexError/,
      maxSeconds: 90,
    });
  });
  it('NNCHECK_RUNS=abc is a usage error (exit 2), like --runs abc', async () => {
    const r = await runHostile(['check', 'examples/numpy_network.py'], { env: { NNCHECK_RUNS: 'abc' } });
    expectCase(r, {
      item: '2',
      lang: '-',
      name: 'NNCHECK_RUNS=abc',
      exit: 2,
      finding: /NNCHECK_RUNS must be an integer ≥ 1 \(like --runs\), got 'abc'/,
      maxSeconds: 30,
    });
  });
  it('NNCHECK_SEED=abc is a usage error (exit 2)', async () => {
    const r = await runHostile(['run', '--quiet'], { env: { NNCHECK_SEED: 'abc' } });
    expectCase(r, {
      item: '2',
      lang: '-',
      name: 'NNCHECK_SEED=abc',
      exit: 2,
      finding: /NNCHECK_SEED must be an integer ≥ 0 \(like --seed\), got 'abc'/,
      maxSeconds: 30,
    });
  });
  it("--timeout beyond Node's 2^31 ms is capped with a message and does not fire at once", async () => {
    const r = await runHostile(['check', 'examples/numpy_network.py', ...quick, '--timeout', '99999999']);
    expectCase(r, {
      item: '2',
      lang: 'py',
      name: '--timeout 99999999',
      exit: 0,
      finding: /--timeout 99999999 is beyond the longest timer Node supports; using 2147483 s/,
      maxSeconds: 90,
    });
    expect(r.stdout).not.toMatch(/took longer than/);
  });
});

describe(
  '4. signals end every process and leave a partial report; user children never hold the pipes',
  { timeout: 200_000 },
  () => {
    it(
      'SIGTERM while Python user code spins: exit 143, the group ended, ' + 'a partial report marked interrupted',
      async () => {
        const dir = mkdtempSync(join(tmpdir(), 'nncheck-sigterm-'));
        const mark = join(dir, 'spinning');
        const r = await runHostile(
          [
            'check',
            `${H}/py_hang_late.py`,
            '--suite',
            'softmax',
            '--suite',
            'network',
            '--runs',
            '3',
            '--timeout',
            '60',
            '--report',
            dir,
          ],
          { env: { HOSTILE_MARK: mark }, signal: { name: 'SIGTERM', whenFile: mark } },
        );
        expectCase(r, {
          item: '4',
          lang: 'py',
          name: 'SIGTERM during an endless loop',
          exit: 143,
          finding: /interrupted by SIGTERM after \d+ checks; processes ended, partial report in/,
          maxSeconds: 90,
        });
        expect(reportProblems(dir)).toEqual([]);
        const j = reportJson(dir);
        expect(j.interrupted).toEqual({ signal: 'SIGTERM' });
        expect(j.summary.exitCode).toBe(143);
        expect(j.subjects[0].name).toBe(`${H}/py_hang_late.py`);
      },
    );
    it('SIGINT while TypeScript user code spins: exit 130, the Node process ended', async () => {
      const r = await runHostile(['check', `${H}/ts_hang_loss.ts`, ...quick, '--timeout', '60', '--json'], {
        signal: { name: 'SIGINT', afterMs: 8000 },
      });
      expectCase(r, {
        item: '4',
        lang: 'ts',
        name: 'SIGINT during an endless loop',
        exit: 130,
        finding: /interrupted by SIGINT/,
        maxSeconds: 60,
      });
      expect(JSON.parse(r.stdout).interrupted).toEqual({ signal: 'SIGINT' });
    });
    it('SIGHUP (the terminal closed): exit 129, nothing left', async () => {
      const r = await runHostile(['check', `${H}/py_hang_loss.py`, ...quick, '--timeout', '60'], {
        signal: { name: 'SIGHUP', afterMs: 8000 },
      });
      expectCase(r, {
        item: '4',
        lang: 'py',
        name: 'SIGHUP during an endless loop',
        exit: 129,
        finding: /interrupted by SIGHUP/,
        maxSeconds: 60,
      });
    });
    it(
      'Python: a child started by user code that inherits stderr ' + 'neither outlives nncheck nor keeps it waiting',
      async () => {
        const r = await runHostile(['check', `${H}/py_child_holds_stderr.py`, ...quick]);
        expectCase(r, {
          item: '4',
          lang: 'py',
          name: 'user child holds stderr',
          exit: 0,
          finding: /\d+ passed, 0 failed/,
          maxSeconds: 60,
        });
      },
    );
    it('TypeScript: the same with stdio inherited', async () => {
      const r = await runHostile(['check', `${H}/ts_child_holds_stderr.ts`, ...quick]);
      expectCase(r, {
        item: '4',
        lang: 'ts',
        name: 'user child holds stdout/stderr',
        exit: 0,
        finding: /\d+ passed, 0 failed/,
        maxSeconds: 60,
      });
    });
  },
);

describe(
  "8. a setup error's report agrees with the exit code; the report folder is checked first",
  { timeout: 200_000 },
  () => {
    it('a setup error with --report: message, fix and exitCode 2 in every report', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-setup-'));
      const r = await runHostile(['check', `${H}/py_slope_nan.py`, '--report', dir]);
      expectCase(r, {
        item: '8',
        lang: 'py',
        name: 'setup error report set',
        exit: 2,
        finding: /LEAKY_SLOPE = nan is not a finite number/,
        maxSeconds: 60,
      });
      expect(reportProblems(dir)).toEqual([]);
      const j = reportJson(dir);
      expect(j.summary.exitCode).toBe(2);
      expect(j.setupError.message).toMatch(/LEAKY_SLOPE = nan is not a finite number/);
      expect(j.setupError.fix).toMatch(/LEAKY_SLOPE = 0\.01/);
      expect(readFileSync(join(dir, 'nncheck.html'), 'utf8')).toMatch(
        /setup error: LEAKY_SLOPE = nan[\s\S]*LEAKY_SLOPE = 0\.01/,
      );
      expect(readFileSync(join(dir, 'nncheck.md'), 'utf8')).toMatch(
        /^# nncheck check: ❌ setup error: LEAKY\\_SLOPE = nan/,
      );
    });
    it('--json with a setup error prints the report with exitCode 2', async () => {
      const r = await runHostile(['check', `${H}/ts_slope_nan.ts`, '--json']);
      expectCase(r, {
        item: '8',
        lang: 'ts',
        name: 'setup error --json',
        exit: 2,
        finding: /declares leakySlope = NaN, which is not a finite number/,
        maxSeconds: 60,
      });
      expect(JSON.parse(r.stdout).summary.exitCode).toBe(2);
    });
    it('an unwritable --report is a setup error before the run', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'nncheck-notdir-')), 'a-file');
      writeFileSync(file, ''); // a folder under a file cannot be made, even by root
      const r = await runHostile(['check', 'examples/numpy_network.py', '--report', join(file, 'reports')]);
      expectCase(r, {
        item: '8',
        lang: '-',
        name: 'unwritable --report, before the run',
        exit: 2,
        finding:
          /cannot write reports to \S+a-file\/reports: ENOTDIR[\s\S]*fix: pass --report with a folder you can write to/,
        maxSeconds: 20,
      });
      expect(r.stdout).not.toMatch(/passed/);
    });
    it('when writing fails after the run the results still reach stdout, and the error names the folder', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-blocked-'));
      mkdirSync(join(dir, 'nncheck.json')); // a folder where the file must go: the rename fails
      const r = await runHostile([
        'check',
        'examples/numpy_network.py',
        ...quick.filter((x) => x !== '--quiet'),
        '--json',
        '--report',
        dir,
      ]);
      expectCase(r, {
        item: '8',
        lang: 'py',
        name: 'report write fails after the run',
        exit: 2,
        finding: new RegExp(`the reports could not be written to ${dir}`),
        maxSeconds: 90,
      });
      expect(JSON.parse(r.stdout).summary.exitCode).toBe(0);
    });
  },
);
