import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const F = 'fixtures/user/py_faults';

describe('nncheck check, end to end', () => {
  it('passes the correct NumPy example (exit 0)', () => {
    const r = runCli(['check', 'examples/numpy_network.py', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  });
  it('passes the correct TypeScript example (exit 0)', () => {
    const r = runCli(['check', 'examples/ts_network.ts', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  });
  it('names all four defects of the motivating NumPy network in one run (exit 1)', () => {
    const r = runCli(['check', 'examples/numpy_four_defects.py', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/cause: global-max softmax/);
    expect(r.stdout).toMatch(/the loss is binary cross-entropy summed over classes/);
    expect(r.stdout).toMatch(/a leaky ReLU forward needs slope α, not 0/);
    expect(r.stdout).toMatch(/cause: training collapse/);
    expect(r.stdout).toMatch(/replay: npx nncheck check examples\/numpy_four_defects.py --suite softmax --property '.+' --seed 42 --runs 100 --path [\d:]+/);
  });
  it('catches a broken TypeScript variant (hard-ReLU gradient under a leaky forward)', () => {
    const r = runCli(['check', 'fixtures/user/ts_hard_relu.ts', '--quiet', '--suite', 'activations', '--suite', 'gradients']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the derivative agrees with the forward away from kinks/);
    expect(r.stdout).toMatch(/zeros: .* exactly 0 where the numeric gradient is not/);
  });
  it('checks a course-style class without an adapter, accepting (1, H) bias gradients with a note', () => {
    const r = runCli(['check', 'fixtures/user/two_layer_net.py', '--suite', 'network', '--suite', 'gradients', '--runs', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/class TwoLayerNet/);
    expect(r.stdout).toMatch(/shape 1x4 for a parameter of shape 1x4|differ only by singleton dimensions|L2 convention: 0.5·reg·ΣW²/);
  });
  it('replays one counterexample from the printed command', () => {
    const r = runCli(['check', 'examples/numpy_four_defects.py', '--suite', 'softmax', '--property', 'each row is independent of the other rows in the batch', '--seed', '42', '--runs', '100', '--path', '0:0:0:0:0:0:0:0:0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/counterexample \(shrunk\): \[\[0,0\],\[750,750.5\]\]/);
  });
});

describe('faults are findings and the run completes', () => {
  it.each([
    ['throws.py', /gradients\(\) raised IndexError: index 3 is out of bounds/],
    ['returns_nan.py', /NaN/],
    ['wrong_shape.py', /gradient 2 has shape 3x2, its parameter 2x3/],
    ['exits.py', /the Python process exited \(code 3\)/],
  ])('%s', (file, message) => {
    const r = runCli(['check', `${F}/${file}`, '--suite', 'network', '--runs', '20', '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(message);
    expect(r.stdout).toMatch(/\d+ passed, \d+ failed/);
  });
  it('sleeps.py: a call past --timeout is stopped and reported', () => {
    const r = runCli(['check', `${F}/sleeps.py`, '--suite', 'network', '--property', 'outputs and gradients have the right shapes', '--runs', '5', '--timeout', '0.5']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gradients\(\) took longer than 0.5 s; the Python process was stopped/);
    expect(r.stdout).toMatch(/\d+ passed, 1 failed/);
  });
  it("prints_junk.py: the user's prints go to stderr and do not disturb the protocol", () => {
    const r = runCli(['check', `${F}/prints_junk.py`, '--suite', 'network', '--runs', '10', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/junk/);
  });
});

describe('setup errors exit 2 with the cause and the fix', () => {
  it.each([
    [[`${F}/python2.py`], /looks like a Python 2 file: line 5 uses a print statement: print "initialising"/],
    [[`${F}/missing_module.py`], /imports 'nncheck_fixture_plotting_lib', which is not installed for .*\n  fix: install 'nncheck_fixture_plotting_lib' into the interpreter given by --python/],
    [[`${F}/template.py`], /forward\(\) returned (nothing|None)[\s\S]*unfinished/],
    [[`${F}/no_contract.py`], /does not define init_params\(\), forward\(\), loss\(\), gradients\(\)/],
    [[`${F}/throws.py`, '--python', 'fixtures/user/no_numpy_python.sh'], /numpy is not installed for/],
    [[`${F}/throws.py`, '--python', '/nonexistent/python3'], /the Python interpreter '\/nonexistent\/python3' was not found/],
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

describe('nncheck check --coverage', () => {
  it('reports the lines and branches of the user\'s TypeScript code the checks exercised (HTML and lcov)', async () => {
    const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-cov-'));
    const r = runCli(['check', 'fixtures/user/ts_hard_relu.ts', '--coverage', '--suite', 'network', '--runs', '10', '--quiet', '--report', dir]);
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
