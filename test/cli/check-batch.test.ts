import { describe, expect, it } from 'vitest';
import { childArgs, type BatchFlags } from '../../src/cli/commands/check-batch.ts';

/** Every flag that decides a submission's verdict reaches its check (and so keys the result cache). */
describe('batch: the flags each submission is checked with', () => {
  const flags: BatchFlags = {
    python: 'python3',
    timeout: 30_000,
    class: 'TwoLayerNet',
    activation: 'relu',
    layerClasses: 'dense=Layer_Dense,loss=Loss_CE',
    suite: ['softmax'],
    property: 'softmax.rows-sum-to-one',
    dataset: 'digits',
    data: 'train.csv',
    precision: 'float32',
    op: ['softmax=my_softmax'],
    saveCounterexamples: true,
    budget: 60,
    maxMemory: 1024,
    cache: true,
  };
  const args = childArgs(flags, 7, 50);
  const after = (flag: string) => args[args.indexOf(flag) + 1];

  it.each([
    ['--seed', '7'],
    ['--runs', '50'],
    ['--python', 'python3'],
    ['--timeout', '30000'],
    ['--class', 'TwoLayerNet'],
    ['--activation', 'relu'],
    ['--layer-classes', 'dense=Layer_Dense,loss=Loss_CE'],
    ['--suite', 'softmax'],
    ['--property', 'softmax.rows-sum-to-one'],
    ['--dataset', 'digits'],
    ['--data', 'train.csv'],
    ['--precision', 'float32'],
    ['--op', 'softmax=my_softmax'],
  ])('%s %s', (flag, value) => {
    expect(after(flag)).toBe(value);
  });

  it('--save-counterexamples', () => expect(args).toContain('--save-counterexamples'));
});
