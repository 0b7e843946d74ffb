import { describe, it, expect } from 'vitest';
import {
  derivativeBase,
  isLabelName,
  extraParamRole,
  NEVER_PROBE,
  namedAsActivation,
} from '../../src/impl/ops/names.ts';
import { foundAny, type FoundOps } from '../../src/impl/ops/discover.ts';
import { GRID, identifyActivation, identifyDerivative, forwardOf } from '../../src/impl/ops/shapes.ts';
import { identifyLoss } from '../../src/impl/ops/losses.ts';
import { PROBE_PROBS, PROBE_LABELS, oneHot } from '../../src/impl/ops/probe.ts';

describe('what names say about free functions', () => {
  it('reads derivative names and pairs them with their forward', () => {
    const forwards = ['relu', 'sigmoid', 'my_act'];
    for (const [name, base] of [
      ['reluGrad', 'relu'],
      ['relu_derivative', 'relu'],
      ['d_relu', 'relu'],
      ['sigmoid_prime', 'sigmoid'],
      ['sigmoidGradient', 'sigmoid'],
      ['dsigmoid', 'sigmoid'],
      ['relu_backward', 'relu'],
      ['tanh_deriv', 'tanh'],
      ['my_act_grad', 'my_act'],
    ] as const) {
      expect(derivativeBase(name, forwards), name).toBe(base);
    }
    for (const name of ['dropout', 'header', 'dense', 'relu', 'softmax'])
      expect(derivativeBase(name, forwards), name).toBeUndefined();
  });
  it('reads labels, λ and params, and never probes loaders or trainers', () => {
    expect(['y', 'Y', 'labels', 'target', 'y_true'].every(isLabelName)).toBe(true);
    expect(['a', 'AL', 'probs', 'y_hat', 'y_pred'].some(isLabelName)).toBe(false);
    expect(extraParamRole('lam')).toBe('lambda');
    expect(extraParamRole('reg')).toBe('lambda');
    expect(extraParamRole('weights')).toBe('params');
    expect(extraParamRole('X')).toBeUndefined();
    expect(['train', 'load_data', 'plot_loss', 'fit'].every((n) => NEVER_PROBE.test(n))).toBe(true);
    expect(['softmax', 'relu', 'cost'].some((n) => NEVER_PROBE.test(n))).toBe(false);
  });
});

describe('an elementwise map alone is not a network op (def helper(x): return x handed in as the network)', () => {
  const fn = (name: string) => ({ name, params: ['x'], required: 1 });
  const only = (a: FoundOps['activations'][number]): FoundOps => ({
    softmaxes: [],
    activations: [a],
    derivatives: [],
    costs: [],
    unrecognised: [],
  });
  it('reads activation names word by word', () => {
    for (const name of ['sigmoid', 'stable_sigmoid', 'ReLU', 'LeakyReLU', 'leakyRelu', 'relu6', 'tanhAct', 'hidden'])
      expect(namedAsActivation(name), name).toBe(true);
    for (const name of ['helper', 'factor', 'react', 'util', 'scale', 'normalise', 'f', 'my_softmax'])
      expect(namedAsActivation(name), name).toBe(false);
  });
  it('counts an unrecognised map only when its name or an --op hint says activation; a known shape always', () => {
    expect(foundAny(only({ fn: fn('helper'), float32: false }))).toBe(false);
    expect(foundAny(only({ fn: fn('helper'), float32: false, hinted: true }))).toBe(true);
    expect(foundAny(only({ fn: fn('my_sigmoid'), float32: false }))).toBe(true); // a broken sigmoid is still checked
    expect(foundAny(only({ fn: fn('helper'), float32: false, shape: { kind: 'tanh', label: 'tanh' } }))).toBe(true);
  });
});

describe('which known op a map is', () => {
  it('identifies activations, with a leaky slope', () => {
    expect(identifyActivation(GRID.map((x) => 1 / (1 + Math.exp(-x))))?.kind).toBe('sigmoid');
    expect(identifyActivation(GRID.map(Math.tanh))?.kind).toBe('tanh');
    expect(identifyActivation(GRID.map((x) => Math.max(x, 0)))?.kind).toBe('relu');
    expect(identifyActivation(GRID.map((x) => Math.max(x, 1e-4 * x)))).toMatchObject({
      kind: 'leaky_relu',
      slope: 1e-4,
    });
    expect(identifyActivation(GRID.map((x) => x * x))).toBeUndefined();
  });
  it('identifies derivatives given z or given a = f(z)', () => {
    const sig = forwardOf({ kind: 'sigmoid', label: '' });
    const byA = (g: (v: number) => number) => (a: { kind: string }) => GRID.map((x) => g(forwardOf(a as never)(x)));
    expect(
      identifyDerivative(
        GRID.map((x) => (x > 0 ? 1 : 0)),
        byA((x) => (x > 0 ? 1 : 0)),
      ),
    ).toMatchObject({ of: { kind: 'relu' }, expects: 'z or a' });
    expect(
      identifyDerivative(
        GRID.map((x) => x * (1 - x)),
        byA((a) => a * (1 - a)),
      ),
    ).toMatchObject({ of: { kind: 'sigmoid' }, expects: 'a' });
    expect(
      identifyDerivative(
        GRID.map((x) => sig(x) * (1 - sig(x))),
        byA((x) => sig(x) * (1 - sig(x))),
      ),
    ).toMatchObject({ of: { kind: 'sigmoid' }, expects: 'z' });
    expect(
      identifyDerivative(
        GRID.map((x) => 1 - x * x),
        byA((a) => 1 - a * a),
      ),
    ).toMatchObject({ of: { kind: 'tanh' }, expects: 'a' });
    expect(
      identifyDerivative(
        GRID.map((x) => (x > 0 ? 1 : 0.2)),
        byA((x) => (x > 0 ? 1 : 0.2)),
      ),
    ).toMatchObject({ of: { kind: 'leaky_relu', slope: 0.2 } });
  });
  it('tells categorical from binary cross-entropy and squared error, with the reduction', () => {
    const Y = oneHot(PROBE_LABELS, 4);
    const ce = -PROBE_PROBS.reduce((s, r, i) => s + Math.log(r[PROBE_LABELS[i]]), 0);
    expect(identifyLoss(ce / 3, PROBE_PROBS, Y, 'probabilities')).toMatchObject({
      kind: 'categorical-ce',
      reduction: 'mean over examples',
    });
    expect(identifyLoss(ce, PROBE_PROBS, Y, 'probabilities')).toMatchObject({
      kind: 'categorical-ce',
      reduction: 'sum',
    });
    const bce = PROBE_PROBS.reduce(
      (s, r, i) => s - r.reduce((t, p, j) => t + (Y[i][j] ? Math.log(p) : Math.log(1 - p)), 0),
      0,
    );
    expect(identifyLoss(bce / 3, PROBE_PROBS, Y, 'probabilities')).toMatchObject({ kind: 'bce' });
    expect(identifyLoss(1.234, PROBE_PROBS, Y, 'probabilities')).toBeUndefined();
  });
});
