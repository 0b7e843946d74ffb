import { describe, expect, it } from 'vitest';
import { checkImplementation } from '../../../src/api/check.ts';
import { SUITES } from '../../../properties/suites/index.ts';
import { isCauseId } from '../../../src/findings/causes.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const settings = { seed: 42, runs: 40 };
const layersOnly = (file: string) => checkImplementation(file, { catalogue: SUITES, suites: ['layers'], settings });

// Each mutant: the class the report must name and the cause it must give.
const MUTANTS: [string, string, string][] = [
  ['relu_inplace', 'Activation_ReLU', 'mutates-inputs'],
  ['fused_inplace', 'Activation_Softmax_Loss_CategoricalCrossentropy', 'mutates-inputs'],
  ['softmax_jvp', 'Activation_Softmax', 'softmax-jvp'],
  ['fused_no_mean', 'Activation_Softmax_Loss_CategoricalCrossentropy', 'missing-mean'],
  ['fused_sparse_only', 'Activation_Softmax_Loss_CategoricalCrossentropy', 'label-format-branch'],
  ['loss_onehot_only', 'Loss_CategoricalCrossentropy', 'label-format-branch'],
  ['dense_double_mean', 'Layer_Dense', 'double-mean'],
  ['float32_softmax_jvp', 'Activation_Softmax', 'softmax-jvp'],
  ['float32_relu_inplace', 'Activation_ReLU', 'mutates-inputs'],
];

describe('layer-style classes, each checked alone', () => {
  it.each(['nnfs_correct', 'nnfs_float32'])(
    '%s passes every layer property',
    async (name) => {
      const r = await layersOnly(`fixtures/layers/${name}.py`);
      const layerFindings = r.findings.filter((f) => f.suite === 'layers');
      expect(layerFindings.length).toBeGreaterThanOrEqual(13);
      expect(layerFindings.filter((f) => f.verdict !== 'pass').map((f) => f.message)).toEqual([]);
      expect(r.subjects[0].notes.join(' ')).toContain('layer-style classes found by their methods');
    },
    60_000,
  );

  it.each(MUTANTS)(
    'mutant %s: names %s and %s',
    async (name, cls, cause) => {
      const r = await layersOnly(`fixtures/layers/mutants/${name}.py`);
      const failed = r.findings.filter((f) => f.verdict === 'fail' && f.severity === 'bug');
      const hit = failed.find(
        (f) => f.cause === cause && f.property.startsWith(cls) && String(f.numbers?.class) === cls,
      );
      expect(hit, failed.map((f) => `${f.property}: ${f.cause}`).join('\n')).toBeDefined();
      expect(isCauseId(hit!.cause!)).toBe(true);
      expect(r.summary.exitCode).toBe(1);
    },
    60_000,
  );
});

describe('classes nncheck cannot find by their methods', () => {
  it('a partial module is a setup error naming what was found; --layer-classes maps the rest', async () => {
    const file = 'fixtures/layers/odd_names.py';
    await expect(checkImplementation(file, { catalogue: SUITES, suites: ['layers'], settings })).rejects.toThrow(
      /found layer-style classes \(dense: Linear; activation: Squash\) but no softmax\/loss head/,
    );
    const r = await checkImplementation(file, {
      catalogue: SUITES,
      suites: ['layers', 'gradients'],
      settings: { seed: 42, runs: 10 },
      layerClasses: 'fused=Criterion',
    });
    expect(r.subjects[0].activation).toBe('sigmoid'); // Squash is recognised by what it computes
    expect(r.findings.filter((f) => f.verdict !== 'pass').map((f) => f.message)).toEqual([]);
    expect(r.findings.some((f) => f.property === 'Criterion handles sparse and one-hot labels alike')).toBe(true);
  }, 60_000);
});

describe('faults in layer classes are findings; the run goes on', () => {
  const correct = readFileSync('fixtures/layers/nnfs_correct.py', 'utf8');
  const variant = (name: string, from: string, to: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'nncheck-layers-')), `${name}.py`);
    writeFileSync(file, correct.replace(from, to));
    return file;
  };

  it('a backward that raises is an error finding naming the class, with the traceback', async () => {
    const file = variant(
      'raising',
      '        self.dinputs = np.empty_like(dvalues)',
      '        raise RuntimeError("not written yet")',
    );
    const r = await checkImplementation(file, {
      catalogue: SUITES,
      suites: ['layers'],
      settings: { seed: 1, runs: 10 },
    });
    const err = r.findings.find(
      (f) => f.verdict === 'error' && f.property.startsWith('Activation_Softmax.backward agrees'),
    );
    expect(err?.message).toContain('Activation_Softmax.backward() raised RuntimeError: not written yet');
    expect(err?.detail).toContain('raise RuntimeError("not written yet")');
    expect(r.findings.filter((f) => f.suite === 'layers' && f.verdict === 'pass').length).toBeGreaterThanOrEqual(10);
  }, 60_000);

  it('a backward slower than --timeout is stopped and reported; nothing hangs', async () => {
    const file = variant(
      'slow',
      '        self.dinputs = dvalues.copy()\n        self.dinputs[self.inputs <= 0] = 0',
      '        import time\n        time.sleep(60)',
    );
    const t0 = performance.now();
    const r = await checkImplementation(file, {
      catalogue: SUITES,
      suites: ['layers'],
      settings: { seed: 1, runs: 10 },
      timeoutMs: 1000,
    });
    expect(r.findings.find((f) => f.property.startsWith('Activation_ReLU.backward agrees'))?.message).toMatch(
      /took longer than 1\.0 s/,
    );
    expect(r.findings.filter((f) => f.property.startsWith('Layer_Dense') && f.verdict === 'pass').length).toBe(2);
    expect(performance.now() - t0).toBeLessThan(50_000);
  }, 60_000);
});

describe('nncheck check on a layer-style file (every suite)', () => {
  it('exits 0 for the correct float64 file and names the classes', () => {
    const r = runCli(['check', 'fixtures/layers/nnfs_correct.py', '--runs', '20']);
    expect(r.stdout).toContain(
      'Layer_Dense -> Activation_ReLU -> Layer_Dense -> Activation_Softmax_Loss_CategoricalCrossentropy',
    );
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);

  it('exits 1 for a mutant and names the class and the defect', () => {
    const r = runCli(['check', 'fixtures/layers/mutants/softmax_jvp.py', '--runs', '20']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Activation_Softmax\.backward[^\n]*\n(.*\n)*?\s+cause: softmax-jvp/);
  }, 120_000);
});
