import { describe, it, expect } from 'vitest';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHostile } from './run-hostile.ts';
import { expectCase } from './table.ts';
import { joinRegex } from '../helpers/join-regex.ts';

/**
 * Fault injection, items 1, 3 and 5 of issue 13: user code that hangs, never settles, writes
 * into its arguments, dies, or reads stdin. TypeScript runs in its own Node process, Python in
 * the bridge; both are stopped, restarted and reported the same way.
 */
const H = 'fixtures/hostile';
const quick = ['--suite', 'network', '--runs', '3']; // not --quiet: it prints the diagnosis, not each failure

describe('1. TypeScript/JavaScript user code runs where it can be stopped', { timeout: 200_000 }, () => {
  it('a synchronous endless loop in loss() is a timeout finding; the breaker stops calling it', async () => {
    const r = await runHostile(['check', `${H}/ts_hang_loss.ts`, ...quick, '--timeout', '2']);
    expectCase(r, {
      item: '1',
      lang: 'ts',
      name: 'sync endless loop in loss()',
      exit: 1,
      finding: /loss\(\) took longer than 2\.0 s; the Node process running it was stopped/,
      maxSeconds: 90,
    });
    expect(r.stdout).toMatch(/cause: call-timeout/);
  });
  it('a promise that never settles (a timer alive) is a timeout finding', async () => {
    const r = await runHostile(['check', `${H}/ts_never_settles.ts`, ...quick, '--timeout', '2']);
    expectCase(r, {
      item: '1',
      lang: 'ts',
      name: 'never-settling promise in gradients()',
      exit: 1,
      finding: /gradients\(\) took longer than 2\.0 s/,
      maxSeconds: 90,
    });
  });
  it("writing into the user's own parameter arrays is a finding with cause mutates-inputs", async () => {
    const r = await runHostile(['check', `${H}/ts_mutates.ts`, ...quick]);
    expectCase(r, {
      item: '1',
      lang: 'ts',
      name: 'gradients() writes into params',
      exit: 1,
      finding: /modified X, Y or the parameters in place[^\n]*\n(.*\n)*?\s+cause: mutates-inputs/,
      maxSeconds: 90,
    });
  });
  it('the same in Python (arrays modified in place come back)', async () => {
    const r = await runHostile(['check', `${H}/py_mutates.py`, ...quick]);
    expectCase(r, {
      item: '1',
      lang: 'py',
      name: 'gradients() writes into params',
      exit: 1,
      finding: /modified X, Y or the parameters in place[^\n]*\n(.*\n)*?\s+cause: mutates-inputs/,
      maxSeconds: 90,
    });
  });
});

describe(
  '3. after a crash the process is restarted, restored, and the crash is a finding',
  { timeout: 200_000 },
  () => {
    it('Python: one os._exit; the restarted bridge still hands out 1-D biases', async () => {
      const mark = join(tmpdir(), `nncheck-crash-${process.pid}-${Date.now()}`);
      const r = await runHostile(['check', `${H}/py_crash_once.py`, '--suite', 'network', '--runs', '10'], {
        env: { HOSTILE_MARK: mark },
      });
      rmSync(mark, { force: true });
      expectCase(r, {
        item: '3',
        lang: 'py',
        name: 'crash once, state restored',
        exit: 1,
        finding: joinRegex(
          /process › the process running the implementation died once during the run; /,
          /the first time in gradients\(\): the Python process exited \(code 7\)/,
        ),
        maxSeconds: 90,
      });
      expect(r.stdout).not.toMatch(/biases arrived with shapes/);
      expect(r.stdout).toMatch(/\d+ passed, 1 failed/);
    });
    it('TypeScript: process.exit() in gradients() is a finding and the run goes on', async () => {
      const r = await runHostile([
        'check',
        `${H}/ts_crash.ts`,
        '--suite',
        'network',
        '--property',
        'network.shapes',
        '--runs',
        '10',
      ]);
      expectCase(r, {
        item: '3',
        lang: 'ts',
        name: 'process.exit(7) in gradients()',
        exit: 1,
        finding: /the Node process running fixtures\/hostile\/ts_crash\.ts exited \(code 7\)/,
        maxSeconds: 120,
      });
      expect(r.stdout).toMatch(/process › the process running the implementation died \d+ times? during the run/);
    });
  },
);

describe('5. a hanging function costs a few timeouts, and a read from stdin is named', { timeout: 200_000 }, () => {
  it('Python: loss() never returns; every suite, --timeout 2: two timeouts, the rest not run', async () => {
    const r = await runHostile(['check', `${H}/py_hang_loss.py`, '--runs', '5', '--timeout', '2']);
    expectCase(r, {
      item: '5',
      lang: 'py',
      name: 'loss() never returns, all suites',
      exit: 1,
      finding: /not run: loss\(\) timed out 2 times earlier in this run/,
      maxSeconds: 150,
    });
    expect((r.stdout.match(/took longer than/g) ?? []).length).toBeLessThanOrEqual(2);
    expect((r.stdout.match(/^- .*not run: loss\(\) timed out/gm) ?? []).length).toBeGreaterThanOrEqual(5);
  });
  it('TypeScript: the same breaker', async () => {
    const r = await runHostile([
      'check',
      `${H}/ts_hang_loss.ts`,
      '--suite',
      'network',
      '--suite',
      'gradients',
      '--runs',
      '5',
      '--timeout',
      '2',
    ]);
    expectCase(r, {
      item: '5',
      lang: 'ts',
      name: 'loss() never returns, breaker',
      exit: 1,
      finding: /not run: loss\(\) timed out 2 times earlier in this run/,
      maxSeconds: 150,
    });
  });
  it('Python: input() inside loss() is named, not a timeout', async () => {
    const r = await runHostile(['check', `${H}/py_reads_stdin.py`, ...quick, '--timeout', '20']);
    expectCase(r, {
      item: '5',
      lang: 'py',
      name: 'input() in loss()',
      exit: 1,
      finding: /StdinClosed: the code read from standard input/,
      maxSeconds: 60,
    });
    expect(r.stdout).not.toMatch(/took longer than/);
  });
  it('TypeScript: process.stdin inside loss() is named, not a timeout', async () => {
    const r = await runHostile(['check', `${H}/ts_reads_stdin.ts`, ...quick, '--timeout', '20']);
    expectCase(r, {
      item: '5',
      lang: 'ts',
      name: 'process.stdin in loss()',
      exit: 1,
      finding: /StdinClosed: the code read from standard input/,
      maxSeconds: 60,
    });
    expect(r.stdout).not.toMatch(/took longer than/);
  });
});
