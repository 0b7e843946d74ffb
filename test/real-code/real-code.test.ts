import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const DIR = 'fixtures/real-code';
// The exact command a user types (no flags); fewer generated cases per property keep npm test short.
const FEWER = { NNCHECK_RUNS: '30' };
const failures = (out: string) => out.split('\n').filter((l) => l.startsWith('✗'));
// Known false alarm owned by issue 9 (tolerance of the duplicated-batch gradient at std-1e-4 weights).
const foreign = (l: string) => l.includes('duplicating the batch changes neither');

describe("real code as written: no ACTIVATION, the class's own train() run (exact commands a user types)", () => {
  it.each([
    ['course_biases_frozen.py', /✗ own-train › train\(\) never updates b1, b2/, 'params-never-updated'],
    [
      'course_unfinished_train.py',
      /! own-train › train\(X, y, X_val, y_val, .*\) raised .*NotImplementedError: update the parameters here/,
      'train-raises',
    ],
    ['course_batch_max.py', /✗ as-written › .*one max subtracted for the whole batch/, 'global-max-softmax'],
  ] as const)(
    '%s: exit 1 and the cause named',
    (file, line, cause) => {
      const r = runCli(['check', `${DIR}/${file}`], { timeoutMs: 300_000, env: FEWER });
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(line);
      expect(r.stdout).toMatch(new RegExp(`cause: ${cause}`));
      expect(r.stdout).toMatch(/i hidden activation inferred by probing forward\(\) with a 1-1-2 network: relu/);
    },
    300_000,
  );
  it('a correct course-style class: its own train() learns raw digits, nothing else is red', () => {
    const r = runCli(['check', `${DIR}/course_correct.py`], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/✓ own-train › train\(\) reaches 9\d\.\d% test accuracy/);
    expect(failures(r.stdout).filter((l) => !foreign(l))).toEqual([]);
    if (failures(r.stdout).length === 0) expect(r.code).toBe(0);
  }, 300_000);
  it('a correct full-batch sigmoid loop (lr 1): escalated until it learns, exit 0', () => {
    const r = runCli(['check', `${DIR}/fullbatch_sigmoid.py`], { timeoutMs: 300_000, env: FEWER });
    expect(failures(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    // Escalation ends when it learns or, on a loaded machine, when the next budget would not fit the time budget.
    expect(r.stdout).toMatch(
      /escalation stopped: (reached 9\d\.\d% test accuracy|the next budget would not fit in 20 s)/,
    );
  }, 300_000);
});

describe('the training-loop and as-written suites on every fixture', () => {
  const run = (file: string, extra: string[] = []) =>
    runCli(['check', `${DIR}/${file}`, '--suite', 'own-train', '--suite', 'as-written', ...extra], {
      timeoutMs: 300_000,
      env: FEWER,
    });
  // A slow default may draw a warning ("learns slowly", with the probe's numbers), never a bug.
  it.each([
    'fullbatch_tanh.py',
    'fullbatch_relu.py',
    'minibatch_leaky.py',
    'momentum_tanh.py',
    'course_camel_train.py',
    'course_keepdims_bias_grads.py',
  ])(
    'correct: %s exits 0',
    (file) => {
      const r = run(file);
      expect(failures(r.stdout).filter((l) => l.endsWith('[bug]'))).toEqual([]);
      expect(r.code).toBe(0);
    },
    300_000,
  );
  it('reads a leaky slope nobody declared', () => {
    expect(run('minibatch_leaky.py').stdout).toMatch(
      /hidden activation inferred by probing .*: leaky_relu \(slope 0\.05\)/,
    );
  }, 300_000);
  it('maps camelCase keywords and says so', () => {
    expect(run('course_camel_train.py').stdout).toMatch(
      /train\(\) takes camelCase keywords \(xVal, yVal, learningRate, numIters\): mapped by name/,
    );
  }, 300_000);
  it.each([
    ['fullbatch_frozen_biases.py', /train\(\) never updates b1, b2/, 'params-never-updated', 1],
    [
      'minibatch_sign_flip.py',
      /✗ own-train › loss [\d.]+ at the initial parameters, [\d.]+ after train\(\)/,
      'loss-rises',
      1,
    ],
    ['course_no_max.py', /./, '', 1],
    // Its own train() then trips over the key loss() added (KeyError in the update loop): a real crash.
    ['course_loss_caches.py', /loss\(X\) added 'cache_h' to the params dict/, 'mutates-inputs', 1],
  ] as const)(
    'mutant %s is caught with its cause',
    (file, line, cause, code) => {
      const r = run(file, file === 'course_no_max.py' ? ['--suite', 'cross-entropy'] : []);
      expect(r.stdout).toMatch(line);
      if (cause) expect(r.stdout).toMatch(new RegExp(`cause: ${cause}`));
      expect(r.code).toBe(code);
    },
    300_000,
  );
  it('an activation nncheck does not know: the checks that need it say so, the rest run', () => {
    const r = runCli(
      [
        'check',
        `${DIR}/softplus_unrecognised.py`,
        '--suite',
        'activations',
        '--suite',
        'gradients',
        '--suite',
        'own-train',
      ],
      { timeoutMs: 300_000, env: FEWER },
    );
    expect(r.stdout).toMatch(/hidden activation matches none of sigmoid, tanh, relu, leaky relu \(f\(−1\) = 0\.3133/);
    expect(r.stdout).toMatch(
      /- activations › could not run: its cases are built from the hidden activation, which is unrecognised/,
    );
    expect(r.stdout).toMatch(/✓ gradients › /);
    expect(r.stdout).toMatch(/✓ own-train › train\(\) changed every parameter tensor/);
    expect(r.code).toBe(0);
  }, 300_000);
  it('a declared activation the code does not compute is a finding', () => {
    const r = runCli(['check', `${DIR}/fullbatch_tanh.py`, '--suite', 'as-written', '--activation', 'sigmoid'], {
      timeoutMs: 300_000,
    });
    expect(r.stdout).toMatch(/--activation sigmoid, but the probe network reads the hidden function as tanh/);
    expect(r.stdout).toMatch(/cause: activation-mismatch/);
  }, 300_000);
});

describe('replays that replay, and one set of counts', () => {
  it(
    'a training-loop finding prints a runnable command with every flag that mattered, ' +
      'and running it finds the same',
    () => {
      const args = [
        'check',
        `${DIR}/fullbatch_frozen_biases.py`,
        '--suite',
        'own-train',
        '--activation',
        'sigmoid',
        '--timeout',
        '60',
        '--data',
        `${DIR}/blobs.csv`,
      ];
      const r = runCli(args, { timeoutMs: 300_000 });
      expect(r.code).toBe(1);
      const replay = /replay: (npx nncheck check .*)/.exec(r.stdout)?.[1];
      expect(replay).toBe(
        [
          `npx nncheck check ${DIR}/fullbatch_frozen_biases.py`,
          `--activation sigmoid --timeout 60 --data ${DIR}/blobs.csv --suite own-train --seed 42 --runs 100`,
        ].join(' '),
      );
      const again = runCli(replay!.split(' ').slice(2), { timeoutMs: 300_000 });
      expect(again.code).toBe(1);
      expect(again.stdout).toMatch(/train\(\) never updates b1, b2/);
      expect(again.stdout).toMatch(/train\(\) is judged on blobs\.csv: raw inputs, 288 training and 72 test rows/);
    },
    600_000,
  );
  it('console, JSON, Markdown and HTML give the same counts', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-counts-'));
    const r = runCli(
      [
        'check',
        `${DIR}/course_loss_caches.py`,
        '--suite',
        'own-train',
        '--suite',
        'as-written',
        '--runs',
        '20',
        '--report',
        dir,
      ],
      { timeoutMs: 300_000 },
    );
    const s = JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8')).summary;
    // The console's last line counts the failed checks' defects as its headline does.
    const headline = /^(?:no defects found|\d+ defects? found)(?: and \d+ warnings?)?$/m.exec(r.stdout)?.[0];
    const line = `${s.passed} passed, ${s.failed + s.errors} failed (${headline}), ${s.infos} notes`;
    expect(r.stdout).toContain(line);
    expect(readFileSync(join(dir, 'nncheck.md'), 'utf8')).toContain(
      `| ${s.passed} | ${s.failed + s.errors} | ${s.bugs} | ${s.warnings} | ${s.infos} |`,
    );
    expect(readFileSync(join(dir, 'nncheck.html'), 'utf8')).toContain(
      `<td>${s.passed}</td><td>${s.failed + s.errors}</td><td>${s.bugs}</td><td>${s.warnings}</td><td>${s.infos}</td>`,
    );
    expect(s.bugs).toBeGreaterThan(0);
  }, 300_000);
});
