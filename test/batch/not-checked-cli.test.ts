import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { BatchReport } from '../../src/findings/batch-report.ts';
import { runCli } from '../helpers/run-cli.ts';

/**
 * A course's folder: a correct network, a buggy one, and a file with free functions only (no
 * network nncheck reads). The last found nothing wrong, yet no gradient, loss or training was
 * checked: every batch format must say `not-checked`, never `pass`, and a single check still exits 0.
 */
const REPO = resolve(import.meta.dirname, '../..');
const numpy = readFileSync(join(REPO, 'examples/numpy_network.py'), 'utf8');
const FREE_FUNCTIONS = [
  'import numpy as np',
  '',
  '',
  'def sigmoid(x):',
  '    return 1 / (1 + np.exp(-x))',
  '',
  '',
  'def softmax(z):',
  '    e = np.exp(z - z.max(axis=-1, keepdims=True))',
  '    return e / e.sum(axis=-1, keepdims=True)',
  '',
].join('\n');
const REASON = 'the network itself was not checked, only its free functions (sigmoid, softmax) were';
const FLAGS = ['--runs', '10', '--jobs', '2', '--budget', '150'];
const ENV = { CI: '1' };

const readBatch = (dir: string) => JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8')) as BatchReport;
const verdicts = (b: BatchReport) => Object.fromEntries(b.submissions.map((s) => [s.path, s.verdict]));
const EXPECTED = { 'course/buggy/net.py': 'fail', 'course/ok/net.py': 'pass', 'course/sigmoid.py': 'not-checked' };

describe('a file with free functions only, in a batch', () => {
  it(
    'is not-checked in every format, kept by the cache and by merge; alone it still exits 0',
    { timeout: 400_000 },
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'nncheck-not-checked-'));
      for (const sub of ['ok', 'buggy']) mkdirSync(join(dir, 'course', sub), { recursive: true });
      writeFileSync(join(dir, 'course/ok/net.py'), numpy);
      writeFileSync(join(dir, 'course/buggy/net.py'), numpy.replace('- Y) / n', '- Y)')); // the mean left out
      writeFileSync(join(dir, 'course/sigmoid.py'), FREE_FUNCTIONS);

      const r = runCli(['check', 'course', ...FLAGS, '--report', 'all', '--reporter', 'csv'], {
        cwd: dir,
        timeoutMs: 300_000,
        env: ENV,
      });
      expect(r.code, r.stderr).toBe(1); // the buggy one; the free functions alone fail nothing
      const batch = readBatch(join(dir, 'all'));
      expect(verdicts(batch)).toEqual(EXPECTED);
      expect(batch.summary).toMatchObject({ submissions: 3, pass: 1, fail: 1, notChecked: 1 });
      expect(r.stderr).toContain('3 submissions: 1 passed, 1 failed, 1 network not checked');
      expect(r.stderr).toContain(`? course/sigmoid.py: ${REASON}`);
      expect(r.stderr).toMatch(/\[3\/3\] [\d.]+s .* · 1 failing · ETA 0s/);

      // CSV (stdout is the file): its own verdict, exit 0, no bug, what was checked in the error column.
      expect(r.stdout).toBe(readFileSync(join(dir, 'all', 'nncheck.csv'), 'utf8'));
      const row = r.stdout.split('\n').find((l) => l.startsWith('course/sigmoid.py,'));
      expect(row).toMatch(new RegExp(`^course/sigmoid\\.py,not-checked,0,0,0,,[\\d.]+,no,"${esc(REASON)}"$`));
      expect(r.stdout).toMatch(/^course\/ok\/net\.py,pass,0,/m);
      expect(r.stdout).toMatch(/^course\/buggy\/net\.py,fail,1,/m);

      // JUnit: a skipped case saying why, no failure, no error.
      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
        readFileSync(join(dir, 'all', 'junit.xml'), 'utf8'),
      );
      const suite = xml.testsuites.testsuite.find((s: { name: string }) => s.name === 'course/sigmoid.py');
      expect(suite).toMatchObject({ failures: '0', errors: '0', skipped: '1' });
      const skipped = suite.testcase.find((c: { name: string }) => c.name === 'the network is checked');
      expect(skipped.skipped.message).toContain(REASON);

      // Markdown and HTML tables, and the GitHub annotations.
      const md = readFileSync(join(dir, 'all', 'nncheck.md'), 'utf8');
      expect(md.split('\n')[0]).toBe('# nncheck batch: 1/3 submissions pass');
      expect(md).toMatch(/^\| \[course\/sigmoid\.py\]\(.*\) \| ❔ network not checked \| 0 \|/m);
      expect(md).toContain('1 failed, 1 network not checked, 0 could not be checked');
      const html = readFileSync(join(dir, 'all', 'nncheck.html'), 'utf8');
      expect(html).toMatch(
        /<tr class="not-checked" data-path="course\/sigmoid\.py">.*?<td class="v">network not checked</,
      );
      expect(html).toMatch(/<tr class="pass" data-path="course\/ok\/net\.py">/);
      const gh = readFileSync(join(dir, 'all', 'github-annotations.txt'), 'utf8');
      expect(gh).toMatch(/^::notice file=course\/sigmoid\.py,title=nncheck%3A network not checked::/m);

      // Shards from the cache the full run left (every result cached, the verdict with it), then merged.
      for (const [i, s] of ['1/2', '2/2'].entries())
        runCli(['check', 'course', ...FLAGS, '--shard', s, '--report', `shard${i + 1}`], {
          cwd: dir,
          timeoutMs: 300_000,
          env: ENV,
        });
      const parts = [readBatch(join(dir, 'shard1')), readBatch(join(dir, 'shard2'))];
      expect(parts.reduce((a, p) => a + p.summary.cached, 0)).toBe(3);
      expect(parts.flatMap((p) => p.submissions).find((s) => s.path === 'course/sigmoid.py')?.verdict).toBe(
        'not-checked',
      );
      const merged = runCli(['merge', 'shard1', 'shard2', '--report', 'merged'], { cwd: dir });
      expect(merged.code).toBe(1);
      expect(merged.stdout).toContain('3 submissions: 1 passed, 1 failed, 1 network not checked');
      expect(verdicts(readBatch(join(dir, 'merged')))).toEqual(EXPECTED);
      expect(readBatch(join(dir, 'merged')).summary.notChecked).toBe(1);

      // Alone: exit 0 (nothing wrong was found; the headline says what was checked), the same CSV verdict.
      const one = runCli(['check', 'course/sigmoid.py', '--runs', '10', '--reporter', 'csv'], { cwd: dir });
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).toContain('no defects found in the free functions (the network was not checked)');
      expect(one.stdout.split('\n')[1]).toMatch(/^course\/sigmoid\.py,not-checked,0,0,0,,/);
    },
  );
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
