import { describe, it, expect } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';

describe('nncheck train', () => {
  it('prints per-epoch progress and the final accuracies', () => {
    const r = runCli(['train', '--dataset', 'iris', '--activation', 'sigmoid', '--epochs', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/epoch +3 +loss/);
    expect(r.stdout).toMatch(/iris sigmoid H=64 lr=0.5: train \d+\.\d%, test \d+\.\d%/);
  });
  it('prints one JSON object with --json', () => {
    const r = runCli([
      'train',
      '--dataset',
      'spiral',
      '--activation',
      'relu',
      '--epochs',
      '2',
      '--json',
      '--seed',
      '4',
    ]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ dataset: 'spiral', activation: 'relu', seed: 4 });
    expect(o.history).toHaveLength(2);
    for (const k of ['trainAccuracy', 'testAccuracy', 'finalLoss']) expect(typeof o[k]).toBe('number');
  });
  it.each([
    [
      ['train', '--dataset', 'mnist', '--activation', 'relu'],
      /--dataset must be one of digits, iris, wine, breast_cancer, spiral, got 'mnist'/,
    ],
    [['train', '--dataset', 'iris', '--activation', 'relu', '--epochs', 'x'], /--epochs must be an integer/],
    [['train', '--dataset', 'iris', '--activation', 'relu', '--lr', '0'], /--lr must be a positive number/],
    [['train', '--dataset', 'iris'], /required option '--activation <name>' not specified/],
    [['train', '--dataset', 'iris', '--activation', 'relu', '--what'], /unknown option '--what'/],
  ])('exits 2 with a one-line error for %j', (args, msg) => {
    const r = runCli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
