import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const TIMEOUT = 300_000;
const check = (file: string) => runCli(['check', `fixtures/mutants/python/${file}`, '--quiet'], { timeoutMs: TIMEOUT });

/**
 * A new user's first bugs, checked as a user runs them (every suite, training included): one
 * defect, its cause named from the numbers and placed where it is, the training failure joined.
 */
describe('NumPy gradient mutants: one defect, named, located, explaining the training failure', () => {
  it(
    'db1 negated: a sign flip at b1, not the activation nor the output delta; compare agrees',
    () => {
      const r = check('bias_sign_flip.py');
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('1 defect found');
      expect(lines[1]).toMatch(/^1\. gradient with the wrong sign in some tensors, .* — where: b1 \(/);
      expect(lines[1]).not.toMatch(/output delta is P − Y, not Y − P/);
      expect(lines[2]).toMatch(/^ {3}why first: explains the training failure: /);
      const cmp = runCli(['compare', 'fixtures/mutants/python/bias_sign_flip.py'], { timeoutMs: TIMEOUT });
      expect(cmp.code).toBe(1);
      expect(cmp.stdout.split('\n').slice(0, 2)).toEqual([
        '1 defect found',
        expect.stringMatching(
          /^1\. gradient with the wrong sign in some tensors, while the others agree — where: b1 \(/,
        ),
      ]);
      expect(cmp.stdout).toMatch(/b1 gradient is the negative of the reference: a sign is flipped in this tensor only/);
    },
    2 * TIMEOUT,
  );
  it(
    'the ReLU mask from X @ W1: relu-mask-mismatch at W1, b1 and the hidden units concerned; compare agrees',
    () => {
      const r = check('relu_mask_without_bias.py');
      expect(r.code).toBe(1);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toBe('1 defect found');
      expect(lines[1]).toMatch(
        /^1\. the ReLU mask in backward is not the forward's .* — where: W1, b1: hidden units? /,
      );
      expect(lines[2]).toMatch(/^ {3}why first: explains the training failure: /);
      const cmp = runCli(['compare', 'fixtures/mutants/python/relu_mask_without_bias.py'], { timeoutMs: TIMEOUT });
      expect(cmp.code).toBe(1);
      expect(cmp.stdout).toMatch(/^1 defect found\n1\. the ReLU mask in backward is not the forward's/);
      expect(cmp.stdout).toMatch(/the ReLU mask in backward is taken from X·W1 without the bias/);
    },
    2 * TIMEOUT,
  );
});
