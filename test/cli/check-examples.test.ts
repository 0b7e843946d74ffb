import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { joinRegex } from '../helpers/join-regex.ts';

describe('nncheck check, end to end', () => {
  it('passes the correct NumPy example (exit 0)', () => {
    const r = runCli(['check', 'examples/numpy_network.py', '--quiet'], { timeoutMs: 300_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  }, 300_000);
  it('passes the correct TypeScript example (exit 0)', () => {
    const r = runCli(['check', 'examples/ts_network.ts', '--quiet'], { timeoutMs: 300_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  }, 300_000);
  it('names all four defects of the motivating NumPy network in one run (exit 1)', () => {
    const r = runCli(['check', 'examples/numpy_four_defects.py'], { timeoutMs: 300_000 });
    expect(r.code).toBe(1);
    // The diagnosis leads: four defects, the learning rate first with the measured reason.
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('4 defects found');
    expect(lines[1]).toMatch(
      joinRegex(
        /^1\. learning rate too high for the input scale — where: .* /,
        /— fix: lower the learning rate to [\d.]+ \(measured\)/,
      ),
    );
    expect(lines[2]).toMatch(
      joinRegex(
        /^ {3}why first: explains (the collapse to \d+%|the NaN\/Inf in training at its default rate): /,
        /with lr [\d.]+ the same code reaches \d+%/,
      ),
    );
    // Each finding under the cause its numbers show: one max per batch cannot change a single row, so
    // the cost's failures at one-row logits ([[-1000, 1000]], the stable value) are the BCE cost's.
    const evidence = (what: string) => r.stdout.split('\n— evidence for ').find((b) => b.includes(what)) ?? '';
    const globalMax = evidence('. softmax subtracts one max for the whole batch (');
    expect(globalMax).not.toMatch(/computed stably|for logits \[\[-?\d+,-?\d+\]\]/);
    expect(evidence('. binary cross-entropy cost on a softmax output (')).toMatch(/for logits \[\[-1000,1000\]\]/);
    const listed = lines.filter((l) => /^\d\. /.test(l));
    expect(
      listed
        .slice(1)
        .map((l) => l.replace(/^\d\. | — where.*/g, ''))
        .sort(),
    ).toEqual([
      'binary cross-entropy cost on a softmax output',
      'leaky-ReLU forward with a hard-ReLU gradient (0 below zero)',
      'softmax subtracts one max for the whole batch',
    ]);
    expect(listed.every((l) => / — fix: \S/.test(l))).toBe(true);
    // Then the evidence, each finding in full with its replay line.
    expect(r.stdout).toMatch(/— evidence for 3\. /);
    expect(r.stdout).toMatch(/the loss is binary cross-entropy summed over classes/);
    expect(r.stdout).toMatch(/a leaky ReLU forward needs slope α, not 0/);
    // Its own train() at its sigmoid-era default on raw digits, and the rate the probe of that loop finds.
    expect(r.stdout).toMatch(
      joinRegex(
        /own-train › .*learning-rate probe of your train\(\): /,
        /train\(\) (diverges \(NaN\/Inf\)|reaches \d+%) at its default rate.*; 9\d% at lr 0\.0\d+/,
      ),
    );
    expect(r.stdout).toMatch(/cause: lr-too-high/);
    expect(r.stdout).toMatch(/hint: a ReLU network with a sigmoid-era learning rate on raw inputs: use lr 0\.0\d+/);
    expect(r.stdout).toMatch(
      new RegExp(
        'replay: npx nncheck check examples/numpy_four_defects.py --suite softmax --property softmax\\.[a-z-]+ ' +
          '--seed 42 --runs 100 --path [\\d:]+',
      ),
    );
    const quiet = runCli(['check', 'examples/numpy_four_defects.py', '--quiet', '--suite', 'softmax'], {
      timeoutMs: 300_000,
    });
    expect(quiet.stdout.split('\n').slice(0, 2)).toEqual([
      '1 defect found',
      expect.stringMatching(/^1\. softmax subtracts one max for the whole batch — where: softmax — fix: /),
    ]);
    expect(quiet.stdout).not.toMatch(/evidence|replay/);
  }, 300_000);
  it('catches a broken TypeScript variant (hard-ReLU gradient under a leaky forward)', () => {
    const r = runCli(['check', 'fixtures/user/ts_hard_relu.ts', '--suite', 'activations', '--suite', 'gradients']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the derivative agrees with the forward away from kinks/);
    expect(r.stdout).toMatch(/zeros: .* exactly 0 where the numeric gradient is not/);
  });
  it('checks a course-style class without an adapter, accepting (1, H) bias gradients with a note', () => {
    const r = runCli([
      'check',
      'fixtures/user/two_layer_net.py',
      '--suite',
      'network',
      '--suite',
      'gradients',
      '--runs',
      '30',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/class TwoLayerNet/);
    expect(r.stdout).toMatch(
      /shape 1x4 for a parameter of shape 1x4|differ only by singleton dimensions|L2 convention: 0.5·reg·ΣW²/,
    );
  });
  it('replays one counterexample from the printed command', () => {
    const r = runCli([
      'check',
      'examples/numpy_four_defects.py',
      '--suite',
      'softmax',
      '--property',
      'softmax.rows-independent',
      '--seed',
      '42',
      '--runs',
      '100',
      '--path',
      '0:0:0:0:0:0:0:0:0',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/counterexample \(shrunk\): \[\[0,0\],\[750,750.5\]\]/);
  });
});
