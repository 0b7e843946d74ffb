import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { joinRegex } from '../helpers/join-regex.ts';

const F = 'fixtures/user/py_faults';

describe('setup errors exit 2 with the cause and the fix', () => {
  it.each([
    [[`${F}/python2.py`], /looks like a Python 2 file: line 5 uses a print statement: print "initialising"/],
    [
      [`${F}/missing_module.py`],
      joinRegex(
        /imports 'nncheck_fixture_plotting_lib', which is not installed for .*\n/,
        / {2}fix: install 'nncheck_fixture_plotting_lib' into the interpreter given by --python/,
      ),
    ],
    [[`${F}/template.py`], /forward\(\) returned (nothing|None)[\s\S]*unfinished/],
    [[`${F}/no_contract.py`], /does not define init_params\(\), forward\(\), loss\(\), gradients\(\)/],
    [[`${F}/throws.py`, '--python', 'fixtures/user/no_numpy_python.sh'], /numpy is not installed for/],
    [
      [`${F}/throws.py`, '--python', '/nonexistent/python3'],
      /the Python interpreter '\/nonexistent\/python3' was not found/,
    ],
    [['nothere.py'], /file not found: nothere.py/],
    [['network.rb'], /unknown file type '.rb'/],
    [['examples/ts_network.ts', '--activation', 'swish'], /--activation must be one of/],
  ])('%j', (args, message) => {
    const r = runCli(['check', ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m); // no bare stack dump
  });
});

describe("a new user's files: no network at all, or a network script that exits at import", () => {
  it('a helper module (def helper(x): return x) is no activation: exit 2, what was looked for, the fix', () => {
    const r = runCli(['check', `${F}/helper_only.py`, '--reporter', 'csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/helper_only\.py,setup-error,2,/);
    expect(r.stderr).toMatch(
      joinRegex(
        /does not define init_params\(\), forward\(\), loss\(\), gradients\(\), /,
        /nor a softmax, activation, derivative or cost nncheck can check on its own /,
        /\(helper\(x\): an elementwise map, not sigmoid, tanh or \(leaky\) ReLU, nor named as an activation\)\n/,
        / {2}fix: define init_params\(D, H, K, seed\).*; or, when a function is such an op, /,
        /name its role: --op ROLE=FUNCTION/,
      ),
    );
  });
  it('--suite ops on it: nothing to check is no pass either (exit 2, with the fix)', () => {
    const r = runCli(['check', `${F}/helper_only.py`, '--suite', 'ops']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds no network and no softmax, activation, derivative or cost .*\(helper\(x\): /);
    expect(r.stderr).toMatch(/fix: check that it is the file you meant; .*--op ROLE=FUNCTION/);
  });
  it('the same helper named as an activation with --op is checked as one (exit 0)', () => {
    const r = runCli(['check', `${F}/helper_only.py`, '--op', 'activation=helper', '--runs', '5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/helper\(\) does not write into its argument/);
  });
  it.each([
    [
      'exits_after_definitions.py',
      /skipped line 31: X = np\.loadtxt\(.*; line 32: print\('training'\); line 34: sys\.exit\(0\)/,
    ],
    ['exits_before_definitions.py', /skipped line 3: sys\.exit\(3\)$/m],
  ])('%s: its definitions are checked, the sys.exit skipped and noted (exit 0)', (file, skipped) => {
    const r = runCli(['check', `${F}/${file}`, '--suite', 'network', '--runs', '5']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/does work at import: loaded its definitions only/);
    expect(r.stdout).toMatch(skipped);
  });
});

describe('nncheck check --coverage', () => {
  it("reports the lines and branches of the user's TypeScript code the checks exercised (HTML and lcov)", async () => {
    const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-cov-'));
    const r = runCli([
      'check',
      'fixtures/user/ts_hard_relu.ts',
      '--coverage',
      '--suite',
      'network',
      '--runs',
      '10',
      '--quiet',
      '--report',
      dir,
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'coverage', 'index.html'))).toBe(true);
    const lcov = readFileSync(join(dir, 'coverage', 'lcov.info'), 'utf8');
    expect(lcov).toMatch(/SF:.*fixtures\/user\/ts_hard_relu.ts/);
    expect(lcov).not.toMatch(/SF:.*src\//);
    expect(r.stdout).toMatch(/Lines\s+: \d+/);
  });
  it('refuses --coverage for a Python file with a setup error', () => {
    const r = runCli(['check', 'examples/numpy_network.py', '--coverage']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--coverage measures JavaScript and TypeScript implementations/);
  });
});

it('a setup error still writes the report set when --report is given', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'nncheck-setup-'));
  const r = runCli(['check', `${F}/python2.py`, '--report', dir]);
  expect(r.code).toBe(2);
  const report = JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8'));
  // A setup error is its own category: not a bug, no defect, its fix stated once.
  expect(report.findings[0]).toMatchObject({ suite: 'setup', verdict: 'error', severity: 'none' });
  expect(report.summary).toMatchObject({ bugs: 0, setupErrors: 1, exitCode: 2 });
  expect(report.defects).toEqual([]);
  expect(report.findings[0].message).toMatch(/Python 2 file: line 5/);
  expect(report.findings[0].hint).toMatch(/^port it to Python 3/);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<error message=".*Python 2 file/);
});
