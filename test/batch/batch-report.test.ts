import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ResultCache } from '../../src/batch/cache.ts';
import { mergeBatches, readBatch } from '../../src/batch/merge.ts';
import { batchReport } from '../../src/batch/run-batch.ts';
import {
  defectsOf,
  formatBatchSummary,
  isFailedSubmission,
  isIncompleteSubmission,
  summariseBatch,
  type SubmissionResult,
} from '../../src/findings/batch-report.ts';
import type { Finding } from '../../src/findings/finding.ts';
import { networkNotChecked } from '../../src/findings/network-not-checked.ts';
import { summarise, type RunReport } from '../../src/findings/report.ts';
import { csvLine } from '../../src/reporters/csv-format.ts';
import { BATCH_REPORTERS, writeBatchReports } from '../../src/reporters/batch-registry.ts';
import { submissionDir } from '../../src/reporters/batch-reporter.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';

const finding = (over: Partial<Finding>): Finding => ({
  suite: 'gradients',
  property: 'p',
  verdict: 'pass',
  severity: 'none',
  message: 'ok',
  ms: 1,
  ...over,
});
function run(path: string, findings: Finding[]): RunReport {
  return {
    schemaVersion: 1,
    tool: { name: 'nncheck', version: '0' },
    command: `check ${path}`,
    startedAt: '2026-01-01T00:00:00Z',
    finishedAt: '2026-01-01T00:00:01Z',
    ms: 1000,
    settings: { seed: 1, runs: 10, suites: [] },
    subjects: [{ name: path, language: 'python', activation: 'relu', layout: 'separate', notes: [] }],
    findings,
    summary: summarise(findings),
  };
}
const evil = 'subs/<script>alert(1)</script>,"=cmd".py';
// Sorted by path, as a batch's submissions are.
const SUBS: SubmissionResult[] = [
  {
    path: evil,
    verdict: 'fail',
    exitCode: 1,
    ms: 1200,
    report: run(evil, [
      finding({}),
      finding({ verdict: 'fail', severity: 'bug', message: 'dW2 off by a factor N <b>', cause: 'missing-mean' }),
      finding({ verdict: 'fail', severity: 'bug', property: 'q', message: 'again', cause: 'missing-mean' }),
      finding({ suite: 'softmax', verdict: 'fail', severity: 'warning', message: 'clipped', cause: 'clipped-log' }),
    ]),
  },
  { path: 'subs/hang.py', verdict: 'timeout', exitCode: null, ms: 30000, error: 'stopped after its budget of 30 s' },
  { path: 'subs/ok.py', verdict: 'pass', exitCode: 0, ms: 900, report: run('subs/ok.py', [finding({})]) },
  { path: 'subs/py2.py', verdict: 'setup-error', exitCode: 2, ms: 300, error: 'a Python 2 file\nfix: port it' },
  // Free functions alone, all sound: exit 0, yet no gradient, loss or training was checked.
  {
    path: 'subs/sigmoid.py',
    verdict: 'not-checked',
    exitCode: 0,
    ms: 500,
    report: run('subs/sigmoid.py', [
      networkNotChecked('subs/sigmoid.py', ['sigmoid', 'softmax'], ['sigmoid', 'softmax']),
      finding({ suite: 'ops', property: 'softmax sums to one' }),
    ]),
  },
];
const batch = batchReport('check subs', '0.1.0', { args: ['--runs', '10'] }, undefined, SUBS, new Date());

describe('the batch report model', () => {
  it("summarises verdicts and names each submission's defects once", () => {
    expect(summariseBatch(SUBS)).toMatchObject({
      submissions: 5,
      pass: 1,
      fail: 1,
      notChecked: 1,
      timeout: 1,
      setupError: 1,
      crash: 0,
      exitCode: 1,
    });
    expect(summariseBatch(SUBS.slice(2, 3)).exitCode).toBe(0);
    // Nothing wrong was found in it: the batch exits 0, as its single check does, but counts it apart.
    expect(summariseBatch([SUBS[2], SUBS[4]])).toMatchObject({ pass: 1, notChecked: 1, exitCode: 0 });
    expect(formatBatchSummary(summariseBatch(SUBS), 2)).toBe(
      '5 submissions: 1 passed, 1 failed, 1 network not checked, 1 could not be checked, 1 timed out, in 2.0 s',
    );
    expect(defectsOf(SUBS[0])).toEqual(['missing-mean', 'clipped-log']);
    expect(defectsOf(SUBS[1])).toEqual([]);
  });

  it('a submission fails when its check failed or did not complete; a network not checked is neither', () => {
    const verdicts = ['pass', 'fail', 'not-checked', 'setup-error', 'timeout', 'crash'] as const;
    expect(verdicts.filter((verdict) => isFailedSubmission({ verdict }))).toEqual([
      'fail',
      'setup-error',
      'timeout',
      'crash',
    ]);
    expect(verdicts.filter((verdict) => isIncompleteSubmission({ verdict }))).toEqual([
      'setup-error',
      'timeout',
      'crash',
    ]);
  });
});

describe('batch reporters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-batch-'));
  writeBatchReports(batch, dir);

  it("writes the merged set and each submission's own report set (single-run reporters)", () => {
    for (const r of BATCH_REPORTERS) expect(existsSync(join(dir, r.file))).toBe(true);
    for (const s of SUBS.filter((x) => x.report))
      for (const r of Object.values(REPORTERS)) expect(existsSync(join(dir, submissionDir(s.path), r.file))).toBe(true);
    expect(new Set(SUBS.map((s) => submissionDir(s.path))).size).toBe(SUBS.length);
  });
  it('HTML: the summary table comes first, one row per submission, user text escaped', () => {
    const html = readFileSync(join(dir, 'nncheck.html'), 'utf8');
    expect(html.indexOf('<table class="batch">')).toBeLessThan(html.indexOf('What failed'));
    expect(html.match(/<tr class="(pass|fail|not-checked|timeout|setup-error|crash)"/g)).toHaveLength(5);
    expect(html).toContain('<tr class="not-checked" data-path="subs/sigmoid.py"><td><a ');
    expect(html).toMatch(/<td class="v">network not checked<\/td>/);
    expect(html).toContain('1 failed, 1 network not checked, 1 could not be checked');
    const section = html.slice(html.indexOf('<h2>Network not checked</h2>'), html.indexOf('What failed'));
    expect(section).toMatch(/subs\/sigmoid\.py<\/b>: the network itself was not checked, only its free functions/);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toMatch(/missing-mean, clipped-log/);
  });
  it('Markdown: the summary table first, then the defects across submissions', () => {
    const md = readFileSync(join(dir, 'nncheck.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('# nncheck batch: 1/5 submissions pass');
    expect(md).toContain('1 failed, 1 network not checked, 1 could not be checked, 1 timed out, 0 crashed');
    expect(md).toMatch(/^\| \[subs\/sigmoid\.py\]\(.*\) \| ❔ network not checked \| 0 \| 0 \| 0 \| {2}\|/m);
    expect(md).toMatch(
      /## Network not checked\n\n- \*\*subs\/sigmoid\.py\*\*: the network itself was not checked, only/,
    );
    expect(md.slice(md.indexOf('## What failed'))).not.toContain('sigmoid');
    expect(md).toContain('| missing-mean | 1 |');
    expect(md.indexOf('| submission |')).toBeLessThan(md.indexOf('## What failed'));
  });
  it('JUnit: a suite per submission; a hang or a setup error is an errored case, a network not checked skipped', () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(
      readFileSync(join(dir, 'junit.xml'), 'utf8'),
    );
    const suites = xml.testsuites.testsuite;
    expect(suites.map((s: { name: string }) => s.name)).toEqual(SUBS.map((s) => s.path));
    expect(suites[0]).toMatchObject({ tests: '4', failures: '3', errors: '0' });
    expect(suites[1]).toMatchObject({ tests: '1', errors: '1' });
    expect(suites[1].testcase.error.type).toBe('timeout');
    expect(suites[4]).toMatchObject({ tests: '3', failures: '0', errors: '0', skipped: '1' });
    const skipped = suites[4].testcase.find((c: { name: string }) => c.name === 'the network is checked');
    expect(skipped.skipped.message).toMatch(
      /^the network itself was not checked, only its free functions \(sigmoid, soft/,
    );
    expect(xml.testsuites).toMatchObject({ errors: '2' }); // the timeout and the setup error, not the skipped one
  });
  it('CSV: one row per submission; quotes and formula-like fields made safe', () => {
    const rows = readFileSync(join(dir, 'nncheck.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('path,verdict,exit_code,bugs,warnings,defects,seconds,cached,error');
    expect(rows).toHaveLength(6);
    expect(rows[2]).toBe('subs/hang.py,timeout,,0,0,,30.0,no,stopped after its budget of 30 s');
    expect(rows[3]).toBe('subs/ok.py,pass,0,0,0,,0.9,no,');
    expect(rows[4]).toBe('subs/py2.py,setup-error,2,0,0,,0.3,no,a Python 2 file');
    expect(rows[5]).toBe(
      'subs/sigmoid.py,not-checked,0,0,0,,0.5,no,"the network itself was not checked, only its free functions ' +
        '(sigmoid, softmax) were"',
    );
    expect(csvLine(['=1+1', 'a,b', 'say "x"'])).toBe(`'=1+1,"a,b","say ""x"""`);
  });
  it('GitHub: a network not checked is a notice on its file (fails nothing, hidden nowhere)', () => {
    const lines = readFileSync(join(dir, 'github-annotations.txt'), 'utf8').trim().split('\n');
    const notice = lines.filter((l) => l.startsWith('::notice '));
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatch(
      /^::notice file=subs\/sigmoid\.py,title=nncheck%3A network not checked::the network itself/,
    );
  });
  it('JSON: the verdict as it is, and the count apart from passes', () => {
    const json = readBatch(dir);
    expect(json.submissions.find((x) => x.path === 'subs/sigmoid.py')?.verdict).toBe('not-checked');
    expect(json.summary).toMatchObject({ pass: 1, notChecked: 1 });
  });
  it('JSON round-trips through merge: shards combine into the same summary as one batch', () => {
    const shardA = {
      ...batch,
      shards: ['1/2'],
      submissions: [SUBS[1], SUBS[2]],
      summary: summariseBatch([SUBS[1], SUBS[2]]),
    };
    const shardB = {
      ...batch,
      shards: ['2/2'],
      submissions: [SUBS[0], SUBS[3], SUBS[4]],
      summary: summariseBatch([SUBS[0], SUBS[3], SUBS[4]]),
    };
    const a = mkdtempSync(join(tmpdir(), 'nncheck-shard-')),
      b = mkdtempSync(join(tmpdir(), 'nncheck-shard-'));
    writeBatchReports(shardA, a);
    writeBatchReports(shardB, b);
    const { batch: merged, notes } = mergeBatches([readBatch(b), readBatch(a)], 'merge');
    expect(notes).toEqual([]);
    expect(merged.submissions.map((s) => [s.path, s.verdict])).toEqual(
      readBatch(dir).submissions.map((s) => [s.path, s.verdict]),
    );
    expect(merged.summary).toEqual(batch.summary);
    expect(merged.submissions.find((s) => s.path === 'subs/sigmoid.py')?.verdict).toBe('not-checked');
    expect(merged.summary.notChecked).toBe(1);
    expect(merged.shards).toEqual(['1/2', '2/2']);
    expect(mergeBatches([readBatch(a)], 'merge').notes).toEqual([
      'shard 2/2 missing: the merged report covers only part of the batch',
    ]);
  });
  it('merge names what is wrong with its input', () => {
    expect(() => readBatch(join(dir, 'nowhere'))).toThrow(/no batch report/);
    const single = mkdtempSync(join(tmpdir(), 'nncheck-single-'));
    writeFileSync(join(single, 'nncheck.json'), JSON.stringify(SUBS[2].report));
    expect(() => readBatch(single)).toThrow(/single check's report/);
  });
});

describe('the result cache', () => {
  it('keys on content, path and settings; keeps only pass, fail and network not checked', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nncheck-cache-'));
    const file = join(cwd, 'net.py');
    writeFileSync(file, 'x = 1\n');
    const cache = new ResultCache('0.1.0', { args: ['--runs', '10'] }, cwd);
    const r: SubmissionResult = { path: file, verdict: 'pass', exitCode: 0, ms: 5 };
    expect(cache.get(file)).toBeUndefined();
    cache.put(r);
    expect(cache.get(file)).toMatchObject({ verdict: 'pass', cached: true });
    expect(new ResultCache('0.1.0', { args: ['--runs', '11'] }, cwd).get(file)).toBeUndefined();
    writeFileSync(file, 'x = 2\n');
    expect(cache.get(file)).toBeUndefined();
    cache.put({ ...r, verdict: 'timeout', exitCode: null });
    expect(cache.get(file)).toBeUndefined();
    cache.put({ ...r, verdict: 'not-checked' });
    expect(cache.get(file)).toMatchObject({ verdict: 'not-checked', cached: true });
    expect(existsSync(join(cwd, '.nncheck', 'cache'))).toBe(true);
  });
});
