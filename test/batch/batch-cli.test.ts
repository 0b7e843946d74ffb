import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BatchReport } from '../../src/findings/batch-report.ts';
import { runCli } from '../helpers/run-cli.ts';

const REPO = resolve(import.meta.dirname, '../..');
const src = (p: string) => join(REPO, p);
const numpy = readFileSync(src('examples/numpy_network.py'), 'utf8');
const ts = readFileSync(src('examples/ts_network.ts'), 'utf8');

function put(dir: string, rel: string, text: string): void {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
}
function fault(dir: string, name: string, into: string): void {
  mkdirSync(join(dir, into), { recursive: true });
  copyFileSync(src(`fixtures/user/py_faults/${name}.py`), join(dir, into, 'net.py'));
  copyFileSync(src('fixtures/user/py_faults/_base.py'), join(dir, into, '_base.py'));
}
/** Processes still running anything from the folder (cmdline or working directory): none may be left. */
function leftovers(dir: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)
    .flatMap((p) => {
      try {
        const cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const state = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1][0];
        return state !== 'Z' && cmd.includes(dir) ? [`${p} ${cmd}`] : [];
      } catch {
        return [];
      }
    });
}
const verdicts = (b: BatchReport) => Object.fromEntries(b.submissions.map((s) => [s.path, s.verdict]));
const readBatch = (dir: string) => JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8')) as BatchReport;
const KILLER = [
  'import os',
  'import signal',
  'from _base import *  # noqa: F401,F403',
  '',
  '',
  'def gradients(params, X, Y, lam):',
  '    os.kill(os.getppid(), signal.SIGKILL)',
  '',
].join('\n');
const FLAGS = ['--runs', '10', '--suite', 'softmax', '--suite', 'gradients', '--timeout', '20'];

describe('nncheck check PATH... (batch mode)', () => {
  it(
    'checks a folder of submissions in parallel, each verdict matching its kind; shards merge into the same verdicts',
    { timeout: 400_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-batch-cli-'));
      put(dir, 'subs/ok/net.py', numpy);
      put(dir, 'subs/ok-ts/net.ts', ts);
      copyFileSync(src('examples/numpy_four_defects.py'), join(dir, 'four.py'));
      put(dir, 'subs/mean/net.py', numpy.replace('- Y) / n', '- Y)'));
      fault(dir, 'exits', 'subs/exits');
      fault(dir, 'python2', 'subs/py2');
      // A submission that kills the process checking it: the one kind nncheck cannot report from inside.
      fault(dir, '_base', 'subs/killer');
      put(dir, 'subs/killer/net.py', KILLER);
      const expected = {
        'subs/ok/net.py': 'pass',
        'subs/ok-ts/net.ts': 'pass',
        'four.py': 'fail',
        'subs/mean/net.py': 'fail',
        'subs/exits/net.py': 'fail',
        'subs/py2/net.py': 'setup-error',
        'subs/killer/net.py': 'crash',
      };
      const t0 = Date.now();
      const all = runCli(['check', 'subs', 'four.py', ...FLAGS, '--jobs', '2', '--budget', '150', '--report', 'all'], {
        cwd: dir,
        timeoutMs: 300_000,
        env: { CI: '1' },
      });
      expect(all.code, all.stderr).toBe(1);
      const batch = readBatch(join(dir, 'all'));
      expect(verdicts(batch)).toEqual(expected);
      expect(
        batch.submissions
          .find((s) => s.path === 'subs/mean/net.py')
          ?.report?.findings.some((f) => f.verdict === 'fail' && f.suite === 'gradients'),
      ).toBe(true);
      expect(batch.submissions.find((s) => s.path === 'subs/killer/net.py')?.error).toMatch(
        /ended by SIGKILL without a report/,
      );
      expect(all.stdout).toContain('7 submissions: 2 passed, 3 failed, 1 could not be checked, 1 crashed');
      expect(all.stderr).toMatch(/\[7\/7\] [\d.]+s .* · 5 failing · ETA 0s/);
      const csv = readFileSync(join(dir, 'all', 'nncheck.csv'), 'utf8')
        .trim()
        .split('\n');
      expect(csv).toHaveLength(8);
      expect(csv.find((l) => l.startsWith('subs/ok/net.py,'))).toMatch(/^subs\/ok\/net\.py,pass,0,0,0,,[\d.]+,no,$/);
      expect(readFileSync(join(dir, 'all', 'nncheck.html'), 'utf8')).toContain('<table class="batch">');
      expect(existsSync(join(dir, 'all', 'junit.xml'))).toBe(true);
      expect(leftovers(dir)).toEqual([]);

      // The shards of the same inputs, with the cache the full run left: unchanged pass/fail results
      // are not re-checked.
      const shards = ['1/2', '2/2'].map((s, i) =>
        runCli(
          [
            'check',
            'subs',
            'four.py',
            ...FLAGS,
            '--jobs',
            '2',
            '--budget',
            '150',
            '--shard',
            s,
            '--report',
            `shard${i + 1}`,
          ],
          { cwd: dir, timeoutMs: 300_000, env: { CI: '1' } },
        ),
      );
      const parts = [readBatch(join(dir, 'shard1')), readBatch(join(dir, 'shard2'))];
      expect(parts[0].submissions.length + parts[1].submissions.length).toBe(7);
      expect(parts.every((p) => p.submissions.length > 0)).toBe(true);
      expect(parts.reduce((a, p) => a + p.summary.cached, 0)).toBe(5);
      expect(shards.map((s) => s.stdout).join('')).toMatch(/shard 1\/2 of 7/);
      const merged = runCli(['merge', 'shard1', 'shard2', '--report', 'merged'], { cwd: dir });
      expect(merged.code).toBe(1);
      expect(merged.stdout).toContain('7 submissions: 2 passed, 3 failed, 1 could not be checked, 1 crashed');
      const m = readBatch(join(dir, 'merged'));
      expect(verdicts(m)).toEqual(expected);
      expect(m.shards).toEqual(['1/2', '2/2']);
      expect(leftovers(dir)).toEqual([]);
      expect(Date.now() - t0).toBeLessThan(400_000);
    },
  );

  it(
    'a hang is ended on its budget with its whole process tree (a TS module, a Python bridge), the others unharmed',
    { timeout: 200_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-batch-hang-'));
      put(dir, 'hang-ts/net.ts', `for (;;) { /* never loads */ }\n${ts}`);
      fault(dir, 'sleeps', 'hang-py');
      const t0 = Date.now();
      // --timeout above the budget: the budget, not the check's own per-call limit, must end both.
      const r = runCli(
        [
          'check',
          '.',
          'nothere.py',
          ...FLAGS.slice(0, -2),
          '--timeout',
          '600',
          '--jobs',
          '3',
          '--budget',
          '12',
          '--report',
          'out',
          '--no-cache',
        ],
        { cwd: dir, timeoutMs: 180_000, env: { CI: '1' } },
      );
      const s = Date.now() - t0;
      expect(r.code, r.stderr).toBe(1);
      const b = readBatch(join(dir, 'out'));
      expect(verdicts(b)).toMatchObject({
        'hang-ts/net.ts': 'timeout',
        'hang-py/net.py': 'timeout',
        'nothere.py': 'setup-error',
      });
      for (const x of b.submissions.filter((y) => y.verdict === 'timeout')) expect(x.ms).toBeGreaterThanOrEqual(12_000);
      expect(s).toBeLessThan(120_000);
      expect(leftovers(dir)).toEqual([]);
    },
  );
});
