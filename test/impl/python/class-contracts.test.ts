/**
 * Network classes as people write them: the course's loss(X, y=None, reg=0.0) and the book's
 * ("Deep Learning from Scratch") predict(x), loss(x, t), gradient(x, t). A class nncheck calls
 * with arguments its methods do not take was misread: a setup error that names the signature it
 * has and the call nncheck made, never a finding against the user's code.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkImplementation } from '../../../src/api/check.ts';
import { loadImplementation } from '../../../src/impl/load.ts';
import { SetupError } from '../../../src/impl/adapters/setup-error.ts';
import { SUITES } from '../../../properties/suites/index.ts';
import type { Finding } from '../../../src/findings/finding.ts';

const BOOK = 'fixtures/zoo/scratch_book_layers.py';
const book = readFileSync(BOOK, 'utf8');
const settings = { seed: 42, runs: 10 };

/** The book fixture with one edit (each must apply). */
function variant(name: string, ...edits: [string, string][]): string {
  let text = book;
  for (const [from, to] of edits) {
    expect(text.includes(from), `${name}: ${from}`).toBe(true);
    text = text.replace(from, to);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'nncheck-class-')), `${name}.py`);
  writeFileSync(file, text);
  return file;
}

/** Findings other than passes and the clipped-log warnings the book's epsilon in the log draws. */
const notWarnedEpsilon = (fs: readonly Finding[]) =>
  fs
    .filter((f) => f.verdict !== 'pass' && !(f.severity === 'warning' && f.cause === 'clipped-log'))
    .map((f) => `[${f.severity}] ${f.message}`);

async function setupError(file: string): Promise<SetupError> {
  const e = await loadImplementation(file).then(
    async (impl) => {
      await impl.close?.();
      return undefined;
    },
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SetupError);
  return e as SetupError;
}

describe('a call nncheck made with arguments the method does not take is a setup error', () => {
  it('a book class without gradient() is read as the course class: loss(X) names loss(self, x, t)', async () => {
    const e = await setupError(variant('no_gradient', ['def gradient(self, x, t):', 'def backprop(self, x, t):']));
    expect(e.message).toMatch(/^could not be checked: nncheck called loss\(X\), but TwoLayerNet\.loss is/);
    expect(e.message).toContain('loss(self, x, t)');
    expect(e.message).toContain("missing 1 required positional argument: 't'");
    expect(e.message).toContain('not a bug in the code');
    expect(e.fix).toMatch(/loss\(X, y=None, reg=0\.0\).*predict\(x\) -> scores, loss\(x, t\)/);
  }, 60_000);

  it('a course class whose loss takes no reg: the unexpected keyword is named, nothing is a finding', async () => {
    const course = [
      'import numpy as np',
      'class TwoLayerNet:',
      '    def __init__(self, input_size, hidden_size, output_size, std=1e-1):',
      '        self.params = {"W1": std * np.random.randn(input_size, hidden_size), "b1": np.zeros(hidden_size),',
      '                       "W2": std * np.random.randn(hidden_size, output_size), "b2": np.zeros(output_size)}',
      '    def loss(self, X, y=None):',
      '        h = np.maximum(0, X @ self.params["W1"] + self.params["b1"])',
      '        s = h @ self.params["W2"] + self.params["b2"]',
      '        if y is None:',
      '            return s',
      '        raise AssertionError("not reached: nncheck passes reg")',
      '',
    ].join('\n');
    const file = join(mkdtempSync(join(tmpdir(), 'nncheck-class-')), 'no_reg.py');
    writeFileSync(file, course);
    const e = await setupError(file);
    expect(e.message).toContain(
      'nncheck called loss(X, y=labels, reg=λ), but TwoLayerNet.loss is loss(self, X, y=None)',
    );
    expect(e.message).toContain("unexpected keyword argument 'reg'");
  }, 60_000);

  it('a TypeError raised inside the user code stays a finding', async () => {
    const file = variant('inner_type_error', [
      '        self.loss = cross_entropy_error(self.y, self.t)',
      '        self.loss = cross_entropy_error(self.y, self.t, 1)',
    ]);
    const r = await checkImplementation(file, { catalogue: SUITES, suites: ['cross-entropy'], settings });
    const red = r.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error');
    expect(red.length).toBeGreaterThan(0);
    expect(red.map((f) => f.message).join('\n')).toContain('cross_entropy_error() takes 2 positional arguments but 3');
    expect(r.summary.exitCode).toBe(1);
  }, 60_000);
});

describe('the CS231n assignment-2 class: reg on the instance, loss(X, y=None)', () => {
  const OPTIONS = 'fixtures/zoo/fc_net_options.py';
  it("is checked with λ set as the instance's reg attribute: no bug, the class's own L2 convention", async () => {
    const r = await checkImplementation(OPTIONS, { catalogue: SUITES, suites: ['network', 'gradients'], settings });
    expect(r.subjects[0].notes[0]).toContain("λ set as the instance's reg attribute");
    expect(r.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error').map((f) => f.message)).toEqual([]);
    expect(r.findings.map((f) => f.message).join('\n')).toContain('L2 convention: 0.5·reg·ΣW² (weights only)');
    expect(r.summary.exitCode).toBe(0);
  }, 120_000);

  it('a grads dict without a key, or loss(X, y) giving the loss alone, is named as returned, not raised', async () => {
    const source = readFileSync(OPTIONS, 'utf8');
    const edits: [string, string, RegExp][] = [
      [
        "        grads['b2'] = dscores.sum(axis=0)\n",
        '',
        /SoftmaxMLP\.loss\(X, y\) returned gradients as a dict .* without 'b2'/,
      ],
      [
        '        return loss, grads\n',
        '        return loss\n',
        /SoftmaxMLP\.loss\(X, y\) returned a float64 \(.*\), expected \(loss, grads\)/,
      ],
    ];
    for (const [from, to, said] of edits) {
      expect(source.includes(from), from).toBe(true);
      const file = join(mkdtempSync(join(tmpdir(), 'nncheck-class-')), 'fc_net_variant.py');
      writeFileSync(file, source.replace(from, to));
      const r = await checkImplementation(file, { catalogue: SUITES, suites: ['network'], settings });
      const red = r.findings.filter((f) => f.verdict === 'fail' || f.verdict === 'error').map((f) => f.message);
      expect(red.join('\n')).toMatch(said);
      expect(red.join('\n')).not.toMatch(/raised/);
    }
  }, 120_000);

  it('the mutant whose W1 gradient adds 2·reg·W1 is caught as an L2 mismatch (λ reaches self.reg)', async () => {
    const r = await checkImplementation('fixtures/real-code/fc_net_options_reg_grad_doubled.py', {
      catalogue: SUITES,
      suites: ['network', 'gradients'],
      settings,
    });
    const bugs = r.findings.filter((f) => f.verdict === 'fail' && f.severity === 'bug');
    expect(bugs.find((f) => f.id === 'network.l2-loss-gradient-agree')?.cause).toBe('l2-gradient-mismatch');
    expect(r.summary.exitCode).toBe(1);
  }, 120_000);
});

describe('the "Deep Learning from Scratch" class', () => {
  it('is read through predict, loss(x, t) and gradient(x, t): no bug, the epsilon a warning at most', async () => {
    const r = await checkImplementation(BOOK, { catalogue: SUITES, suites: ['gradients', 'network'], settings });
    expect(r.subjects[0].notes[0]).toContain('class TwoLayerNet read as the "Deep Learning from Scratch" contract');
    expect(r.subjects[0].notes[0]).toContain('λ/(2N)·ΣW² is added by nncheck');
    // The book's −log(p + 1e-7) may draw clipped-log warnings, never a bug.
    expect(notWarnedEpsilon(r.findings)).toEqual([]);
    expect(r.summary.passed).toBeGreaterThan(5);
  }, 120_000);

  it("a class with weight_decay_lambda (the book's MultiLayerNet) is checked with its own L2", async () => {
    const file = variant(
      'weight_decay',
      [
        'def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01):',
        'def __init__(self, input_size, hidden_size, output_size, weight_init_std=0.01, weight_decay_lambda=0):\n' +
          '        self.weight_decay_lambda = weight_decay_lambda',
      ],
      [
        '        return self.lastLayer.forward(y, t)',
        '        decay = sum(0.5 * self.weight_decay_lambda * np.sum(self.params[k] ** 2) for k in ("W1", "W2"))\n' +
          '        return self.lastLayer.forward(y, t) + decay',
      ],
      [
        "        grads['W1'], grads['b1'] = self.layers['Affine1'].dW, self.layers['Affine1'].db",
        "        grads['W1'] = self.layers['Affine1'].dW + self.weight_decay_lambda * self.params['W1']\n" +
          "        grads['b1'] = self.layers['Affine1'].db",
      ],
      [
        "        grads['W2'], grads['b2'] = self.layers['Affine2'].dW, self.layers['Affine2'].db",
        "        grads['W2'] = self.layers['Affine2'].dW + self.weight_decay_lambda * self.params['W2']\n" +
          "        grads['b2'] = self.layers['Affine2'].db",
      ],
    );
    const r = await checkImplementation(file, { catalogue: SUITES, suites: ['network', 'gradients'], settings });
    expect(r.subjects[0].notes[0]).toContain('L2 through its weight_decay_lambda');
    // The book's −log(p + 1e-7) may draw clipped-log warnings, never a bug.
    expect(notWarnedEpsilon(r.findings)).toEqual([]);
    expect(r.findings.map((f) => f.message).join('\n')).toContain('L2 convention: 0.5·reg·ΣW² (weights only)');
  }, 120_000);

  it('the mutant whose Relu.backward passes dout unmasked fails with derivative-mismatch', async () => {
    const r = await checkImplementation('fixtures/real-code/book_relu_unmasked.py', {
      catalogue: SUITES,
      suites: ['activations', 'gradients'],
      settings,
    });
    const bugs = r.findings.filter((f) => f.verdict === 'fail' && f.severity === 'bug');
    expect(bugs.find((f) => f.id === 'activations.derivative-matches-forward')?.cause).toBe('derivative-mismatch');
    expect(bugs.some((f) => f.id === 'gradients.match-finite-differences')).toBe(true);
    expect(r.summary.exitCode).toBe(1);
  }, 120_000);
});

describe('--layer-classes and suites that check nothing', () => {
  const layerClasses = 'dense=Affine,activation=Relu,fused=SoftmaxWithLoss';
  it('--layer-classes given for a network class is noted as not used', async () => {
    const r = await checkImplementation(BOOK, { catalogue: SUITES, suites: ['network'], settings, layerClasses });
    expect(r.subjects[0].notes.join('\n')).toContain(
      `--layer-classes ${layerClasses} was not used: the file is checked as a network, class TwoLayerNet`,
    );
  }, 60_000);

  it('a chosen suite with no check for the file is a setup error, not "no defects found"', async () => {
    await expect(
      checkImplementation(BOOK, { catalogue: SUITES, suites: ['layers'], settings, layerClasses }),
    ).rejects.toThrow(/nothing was checked in .*layers: ran no checks: none of its checks applies[\s\S]*not used/);
  }, 60_000);
});
