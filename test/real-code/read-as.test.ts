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
  // A backward() of no arguments returns the gradients of the last loss(X, y) call (the labels it
  // kept on the instance): read after a bare forward pass it raised AttributeError, or used labels
  // of another batch size, and a sigmoid-derivative bug was invented from those gradients.
  it('the zoo class whose backward() reads the labels loss() kept is read after loss() and passes: exit 0', () => {
    const r = runCli(['check', 'fixtures/zoo/cached_backward.py'], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/gradients backward\(\) after a forward pass and loss\(\) \(which keeps the labels/);
    expect(r.stdout).toMatch(/labels indices/);
    expect(r.stdout.split('\n').filter((l) => /^[✗!]/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
  it("its mutant with σ' taken of z instead of σ(z) is caught by the gradient check on W1, b1: exit 1", () => {
    const r = runCli(['check', `${DIR}/attr_net_cached_sigmoid_of_z.py`, '--suite', 'gradients'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    expect(r.stdout).toMatch(/✗ gradients › analytic gradients agree with finite differences: W1, b1 disagree/);
    expect(r.code).toBe(1);
  }, 300_000);
  // A float32 class: parameters written into it keep its float32, so it computes in float32 and its
  // precision is detected as float32 (float64 arrays written in made float64 tolerances judge it).
  it('the float32 zoo class is given float32 parameters, detected float32 and passes: exit 0', () => {
    const r = runCli(['check', 'fixtures/zoo/float32_leaky_net.py'], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/precision float32 \(detected: arrays returned with dtype float32/);
    expect(r.stdout).toMatch(/hidden activation inferred by probing forward\(\) with a 1-1-2 network: leaky_relu/);
    expect(r.stdout.split('\n').filter((l) => /^[✗!]/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
  it('its mutant with a hard-ReLU gradient (0 below zero) is caught, named and failed by the gradients: exit 1', () => {
    const r = runCli(['check', `${DIR}/attr_net_float32_hard_gradient.py`], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/precision float32/);
    expect(r.stdout).toMatch(/leaky-ReLU forward with a hard-ReLU gradient \(0 below zero\)/);
    expect(r.stdout).toMatch(/✗ gradients › analytic gradients agree with finite differences: W1, b1 disagree/);
    expect(r.code).toBe(1);
  }, 300_000);
  it('its mutant that halves self.W1 in backprop() is caught writing into its arguments (via the float32 copy)', () => {
    const r = runCli(['check', `${DIR}/attr_net_float32_mutates.py`, '--suite', 'network'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    // Without the write-back it passed all 8 network properties: the write never reached nncheck's arrays.
    expect(r.stdout).toMatch(/✗ network › calls are pure: .*modified X, Y or the parameters in place/);
    expect(r.code).toBe(1);
  }, 300_000);
});

// A course class (params dict) built in float32: the parameters nncheck writes keep its float32.
describe('a float32 course class, given parameters in its own dtype', () => {
  const SUITES = ['--suite', 'network', '--suite', 'cross-entropy', '--suite', 'softmax', '--suite', 'activations'];
  it('is detected float32 and passes (float64 arrays written in made its ReLU derivative look wrong): exit 0', () => {
    const r = runCli(['check', `${DIR}/class_float32_course.py`, ...SUITES], { timeoutMs: 300_000, env: FEWER });
    expect(r.stdout).toMatch(/precision float32 \(detected: arrays returned with dtype .*float32/);
    expect(r.stdout.split('\n').filter((l) => /^[✗!]/.test(l))).toEqual([]);
    expect(r.code).toBe(0);
  }, 300_000);
  it('its mutant that ignores reg fails "the L2 penalty grows with λ" at the larger λ too: exit 1', () => {
    const r = runCli(['check', `${DIR}/class_float32_course_l2_ignored.py`, '--suite', 'network'], {
      timeoutMs: 300_000,
      env: FEWER,
    });
    expect(r.stdout).toMatch(/✗ network › the L2 penalty grows with λ: the loss at λ = 0, 524288, 1048576 is /);
    expect(r.code).toBe(1);
  }, 300_000);
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
