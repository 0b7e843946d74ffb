import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { joinRegex } from '../helpers/join-regex.ts';

const check = (file: string, ...more: string[]) =>
  runCli(['check', `fixtures/scripts/${file}`, '--runs', '50', ...more]);

describe('nncheck check on a script of free ops (issue 17)', () => {
  it('names all four defects of the motivating script, loaded without its missing data file (exit 1)', () => {
    const r = check('four_defects_script.py');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /does work at import: loaded its definitions only; skipped .*line 38: data = np\.loadtxt\("train_digits\.csv"/,
    );
    expect(r.stdout).toMatch(/line 43: for epoch in range\(100\)/);
    expect(r.stdout).toMatch(/relu\(\) is leaky ReLU \(slope 0\.0001\), but reluGrad\(\) is the hard-ReLU derivative/);
    expect(r.stdout).toMatch(/cause: leaky-forward-hard-gradient/);
    expect(r.stdout).toMatch(/reluGrad\(x\) writes into its argument x/);
    expect(r.stdout).toMatch(/cause: mutates-inputs/);
    expect(r.stdout).toMatch(
      joinRegex(
        /softmax\(\): each example is independent of the others in the batch[^\n]*\n/,
        /(?:[^\n]*\n)*?\s+cause: global-max-softmax/,
      ),
    );
    expect(r.stdout).toMatch(/cost\(\) is binary cross-entropy summed over classes[^\n]*softmax\(\)/);
    expect(r.stdout).toMatch(/cause: bce-on-softmax/);
    expect(r.stdout).toMatch(
      new RegExp(
        'replay: npx nncheck check fixtures/scripts/four_defects_script.py --suite ops ' +
          '--property ops\\.[a-z-]+:\\w+ --seed 42 --runs 50 --path [\\d:]+',
      ),
    );
    // The last line counts as the headline does: five failing checks, four defects.
    expect(r.stdout).toMatch(/5 failed \(4 defects found\)/);
    // The diagnosis: the five failing findings are four defects (the global max shows twice).
    expect(r.stdout).toMatch(/^4 defects found$/m);
  });
  it('passes its correct twin: same shape, same failing script part (exit 0)', () => {
    const r = check('four_defects_script_fixed.py');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recognised reluGrad\(x\) as the derivative of relu\(\)/);
    expect(r.stdout).toMatch(
      /recognised cost\(a, y\) as a cost of probabilities and one-hot labels: categorical cross-entropy/,
    );
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    // The script holds no network nncheck reads: the pass speaks for its free functions only.
    expect(r.stdout).toMatch(/^no defects found in the free functions \(the network was not checked\)$/m);
    expect(r.stdout).toMatch(
      /the network itself was not checked, only its free functions \(relu, reluGrad, softmax, cost\)/,
    );
  });
  it(
    'recognises column-major ops: softmax over axis 0, sigmoid_prime(A) taking the activation, ' +
      'cost(AL, Y) by columns (exit 0)',
    () => {
      const r = check('sigmoid_column_major.py');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/recognised softmax\(Z\) as a softmax over columns \(axis 0/);
      expect(r.stdout).toMatch(
        joinRegex(
          /recognised sigmoid_prime\(A\) as the derivative of sigmoid\(\) \(by its name\); /,
          /it expects the activation a = f\(z\)/,
        ),
      );
      expect(r.stdout).toMatch(
        joinRegex(
          /recognised compute_cost\(AL, Y\) as a cost of probabilities and one-hot labels, /,
          /one example per column: categorical cross-entropy/,
        ),
      );
      expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    },
  );
  it('recognises tanh with 1 - a**2, a stable sigmoid and a cost from logits with integer labels (exit 0)', () => {
    const r = check('tanh_ops.py');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /recognised tanh_derivative\(a\) as the derivative of tanh\(\) \(by its name\); it expects the activation/,
    );
    expect(r.stdout).toMatch(/recognised stable_sigmoid\(z\) as an activation: sigmoid/);
    expect(r.stdout).toMatch(/cross_entropy_from_logits\(scores, y\) as a cost of logits and indices labels/);
    expect(r.stdout).not.toMatch(/does work at import/); // only a main guard: loaded normally
  });
  it(
    'passes float32 ops (softmax, log-softmax, ReLU, tanh, their derivatives, a cost): ' +
      'no false alarm from float32 rounding',
    () => {
      const r = check('float32_ops.py');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/recognised log_softmax\(z\) as a log-softmax over rows/);
      expect(r.stdout).toMatch(/recognised relu\(z\) as an activation: ReLU, computed in float32/);
      expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    },
  );
  it('recognises a one-example (1-D vector) softmax and dsigmoid(y) taking the output: passes (exit 0)', () => {
    const r = check('vector_ops.py');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/recognised softmax\(x\) as a softmax of one example \(a 1-D vector/);
    expect(r.stdout).toMatch(
      /recognised dsigmoid\(y\) as the derivative of sigmoid\(\) \(by its name\); it expects the activation/,
    );
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
  });
});
