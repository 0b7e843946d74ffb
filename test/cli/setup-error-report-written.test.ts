import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../helpers/run-cli.ts';
import { REPORTERS } from '../../src/reporters/registry.ts';

/**
 * "A setup error's reports carry the message, the fix and exitCode 2": also for the setup errors
 * found before any check starts (no submissions, a bad NNCHECK_RUNS, a bad flag), in the
 * --report folder, or in the default folder of the commands that always write one (batch, run).
 */
const NET = resolve(import.meta.dirname, '../../examples/numpy_network.py');
const FILES = Object.values(REPORTERS)
  .map((r) => r.file)
  .sort();

function setupReport(dir: string) {
  expect(readdirSync(dir).sort()).toEqual(FILES);
  const j = JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8'));
  expect(j.summary).toMatchObject({ exitCode: 2, bugs: 0, setupErrors: 1 });
  return j.setupError as { message: string; fix?: string };
}

describe('a setup error found before the check starts still writes its report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-early-setup-'));
  mkdirSync(join(dir, 'empty'));

  it('an empty folder (a batch): the report in --report', () => {
    const r = runCli(['check', 'empty', '--report', 'out-empty'], { cwd: dir });
    expect(r.code).toBe(2);
    const e = setupReport(join(dir, 'out-empty'));
    expect(e.message).toBe('no submissions found in empty');
    expect(e.fix).toMatch(/^name \.py\/\.ts\/\.js files/);
  });

  it("a glob that matches nothing, without --report: in the batch's default reports/", () => {
    const r = runCli(['check', 'nothing/*.py'], { cwd: join(dir, 'empty') });
    expect(r.code).toBe(2);
    expect(setupReport(join(dir, 'empty', 'reports')).message).toBe('no submissions found in nothing/*.py');
  });

  it('NNCHECK_RUNS=abc on a single check with --report', () => {
    const r = runCli(['check', NET, '--report', 'out-env'], { cwd: dir, env: { NNCHECK_RUNS: 'abc' } });
    expect(r.code).toBe(2);
    const e = setupReport(join(dir, 'out-env'));
    expect(e.message).toMatch(/^NNCHECK_RUNS must be an integer ≥ 1 \(like --runs\), got 'abc'/);
    expect(e.fix).toMatch(/^unset NNCHECK_RUNS/);
  });

  it('a bad flag value (commander refuses it before the command runs)', () => {
    const r = runCli(['check', NET, '--runs', 'abc', '--report=out-flag'], { cwd: dir });
    expect(r.code).toBe(2);
    const e = setupReport(join(dir, 'out-flag'));
    expect(e.message).toMatch(/--runs must be an integer ≥ 1, got 'abc'/);
    expect(e.fix).toBe('see nncheck check --help for the flags and their values');
  });

  it('no --report on a single check: nothing is written (as without an error)', () => {
    const r = runCli(['check', NET, '--runs', 'abc'], { cwd: join(dir, 'empty') });
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, 'empty')).filter((f) => f !== 'reports')).toEqual([]);
  });

  it('--help writes nothing and exits 0', () => {
    const r = runCli(['check', '--help', '--report', 'out-help'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).not.toContain('out-help');
  });
});
