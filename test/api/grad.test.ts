import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLossGradientPair } from '../../src/api/grad.ts';
import { installMatchers } from '../../src/vitest/index.ts';
import { runCli } from '../helpers/run-cli.ts';

installMatchers();
const MLP = { loss: 'loss', grad: 'grad', params: 'params' };

describe('nncheck grad: any loss/gradient pair', () => {
  it('passes a correct 3-hidden-layer MLP (ReLU, tanh, ReLU) and counts its evaluations', async () => {
    const { report, result } = await checkLossGradientPair('fixtures/layers/mlp3.py', MLP);
    expect(result.verdict).toBe('pass');
    expect(result.tensors.map((t) => t.name)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `params[${i}]`));
    expect(result.evaluations.losses).toBeGreaterThan(8 * 2);
    expect(report.summary.exitCode).toBe(0);
  }, 60_000);

  it('localises the one wrong layer of the MLP (float64, and float32 with kink values)', async () => {
    for (const [file, kinks] of [
      ['fixtures/layers/mutants/mlp3_wrong_layer.py', undefined],
      ['fixtures/layers/mutants/mlp3_float32_wrong_layer.py', 'relu_inputs'],
    ] as const) {
      const { report, result } = await checkLossGradientPair(file, { ...MLP, kinks });
      expect(
        result.tensors.filter((t) => t.verdict === 'fail').map((t) => t.name),
        file,
      ).toEqual(['params[4]']);
      expect(result.wrongEntries.every((e) => e.tensor === 'params[4]')).toBe(true);
      const perTensor = report.findings.filter((f) => f.property.startsWith('gradient of '));
      expect(perTensor.filter((f) => f.severity === 'bug').map((f) => f.location)).toEqual(['params[4]']);
      expect(report.findings[0].numbers?.lossEvaluations).toBe(result.evaluations.losses);
      expect(report.summary.exitCode).toBe(1);
    }
  }, 60_000);

  it(
    'float32: passes the correct MLP given its kink values; ' +
      'without them a disagreement is an inconclusive warning',
    async () => {
      const withKinks = await checkLossGradientPair('fixtures/layers/mlp3_float32.py', {
        ...MLP,
        kinks: 'relu_inputs',
      });
      expect(withKinks.result.precision).toBe('float32');
      expect(withKinks.result.verdict).toBe('pass');
      const blind = await checkLossGradientPair('fixtures/layers/mlp3_float32.py', MLP);
      expect(blind.report.findings.filter((f) => f.severity === 'bug')).toEqual([]);
      if (blind.result.verdict === 'fail') expect(blind.report.findings[0].hint).toContain('--kinks');
    },
    60_000,
  );

  it('checks a TypeScript pair in process and names a constant factor in one tensor', async () => {
    await expect('fixtures/layers/mlp_pair.ts').toHaveCorrectLossGradient({ loss: 'loss', grad: 'grad' });
    await expect('fixtures/layers/mlp_pair.ts').not.toHaveCorrectLossGradient({ loss: 'loss', grad: 'gradWrongB1' });
    const { result } = await checkLossGradientPair('fixtures/layers/mlp_pair.ts', {
      loss: 'loss',
      grad: 'gradWrongB1',
    });
    expect(result.tensors.filter((t) => t.verdict === 'fail').map((t) => t.name)).toEqual(['params[1]']);
    expect(result.patterns[0]).toMatchObject({ tensor: 'params[1]', pattern: 'constant-factor' });
  }, 60_000);

  it('CLI: exit codes, the wrong layer named, the report set written, setup errors with a fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nncheck-grad-'));
    const bad = runCli([
      'grad',
      'fixtures/layers/mutants/mlp3_wrong_layer.py',
      '--loss',
      'loss',
      '--grad',
      'grad',
      '--report',
      dir,
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/✗ params\[4\] \(12x8\)/);
    expect(bad.stdout).toMatch(/gradient check FAIL: 8 tensors, \d+ loss and \d+ gradient evaluations/);
    const json = JSON.parse(readFileSync(join(dir, 'nncheck.json'), 'utf8'));
    expect(json.command).toBe('grad');
    expect(readFileSync(join(dir, 'nncheck.html'), 'utf8')).toContain('params[4]');
    expect(runCli(['grad', 'fixtures/layers/mlp3.py', '--loss', 'loss', '--grad', 'grad']).code).toBe(0);
    const missing = runCli(['grad', 'fixtures/layers/mlp3.py', '--loss', 'nope', '--grad', 'grad']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no function 'nope'");
    expect(missing.stderr).toContain('relu_inputs');
  }, 120_000);
});
