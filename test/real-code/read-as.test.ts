import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const DIR = 'fixtures/real-code';
const FEWER = { NNCHECK_RUNS: '30' };

// The tutorial style: weights as attributes (self.W1 ...), feedforward / cross_entropy / backprop.
describe('a network kept in class attributes, read as written', () => {
  it('the correct one is read (methods, weights and label form named) and passes: exit 0', () => {
    const r = runCli(['check', `${DIR}/attr_net_leaky.py`], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/class NeuralNetwork read as a network kept in attributes: weights W1, b1, W2, b2; /);
    expect(r.stdout).toMatch(
      /forward feedforward\(X\), cost cross_entropy\(\), gradients backprop\(\) after a forward pass, labels one-hot/,
    );
    expect(r.stdout).toMatch(/hidden activation inferred by probing forward\(\) with a 1-1-2 network: leaky_relu/);
    expect(r.stdout.split('\n').filter((l) => /^[✗!].*\[bug\]$/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
  it('its mutant with the sign of one bias gradient flipped fails the gradient check there: exit 1', () => {
    const r = runCli(['check', `${DIR}/attr_net_db2_sign.py`, '--suite', 'gradients'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    expect(r.stdout).toMatch(/✗ gradients › analytic gradients agree with finite differences: b2 disagree/);
    expect(r.code).toBe(1);
  }, 300_000);
  it('a class it cannot call as a whole network is a setup error naming why, never a finding', () => {
    const r = runCli(['check', `${DIR}/attr_net_unreadable.py`], { timeoutMs: 120_000, env: FEWER });
    expect(r.stderr + r.stdout).toMatch(/Net looks like a network kept in attributes \(forward and backward methods\)/);
    expect(r.stderr + r.stdout).toMatch(/but cannot tell what backward\(\)'s argument 'delta' is/);
    expect(r.code).toBe(2);
  }, 120_000);
  it('a class whose constructor raises is a setup error naming the error, not a crash of the bridge', () => {
    const r = runCli(['check', `${DIR}/attr_net_constructor_raises.py`], { timeoutMs: 120_000, env: FEWER });
    expect(r.stderr).toMatch(/NeuralNetwork looks like a network kept in attributes .* reading it raised ValueError/);
    expect(r.stderr).not.toMatch(/did not start/);
    expect(r.code).toBe(2);
  }, 120_000);
});

// init_params, forward and one loss_and_grads function: read as one network.
describe('a network of init/forward/loss-and-gradients functions, read as written', () => {
  it('the correct float32 zoo file is read (output kind, label form, its own L2 argument) and passes', () => {
    const r = runCli(
      ['check', 'fixtures/zoo/float32_tanh_loss_and_grads.py', '--suite', 'gradients', '--suite', 'network'],
      {
        timeoutMs: 300_000,
        env: FEWER,
      },
    );
    expect(r.stdout).toMatch(/functions read as one network: init_params\(D, H, K, seed\), forward\(params, X\) /);
    expect(r.stdout).toMatch(/giving log-probabilities \(nncheck takes exp\), loss_and_grads\(params, X, y\) /);
    expect(r.stdout).toMatch(/with indices labels; λ passed as its weight_decay argument/);
    expect(r.stdout).toMatch(/precision float32/);
    expect(r.code).toBe(0);
  }, 300_000);
  it('its mutant with the tanh derivative written 1 - h fails the gradient check on W1 and b1: exit 1', () => {
    const r = runCli(['check', `${DIR}/fn_net_tanh_derivative.py`, '--suite', 'gradients'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    expect(r.stdout).toMatch(/✗ gradients › analytic gradients agree with finite differences: W1, b1 disagree/);
    expect(r.code).toBe(1);
  }, 300_000);
});
