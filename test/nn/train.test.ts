import { describe, it, expect } from 'vitest';
import { trainReference } from '../../src/api/train-run.ts';
import { LEARNING_RATES } from '../../src/nn/learning-rates.ts';
import { THRESHOLDS } from '../../src/diagnostics/thresholds.ts';

describe('training the reference networks', () => {
  it('is deterministic: the same seed gives an identical history', () => {
    const a = trainReference({ dataset: 'iris', activation: 'relu', epochs: 5, seed: 3, momentum: 0.9 });
    const b = trainReference({ dataset: 'iris', activation: 'relu', epochs: 5, seed: 3, momentum: 0.9 });
    expect(a.history).toEqual(b.history);
    expect(Array.from(a.params.weights[0].data)).toEqual(Array.from(b.params.weights[0].data));
  });
  for (const activation of ['sigmoid', 'relu'] as const) {
    it(`digits (standardised): ${activation} with 64 hidden units reaches ≥ 95% test accuracy`, () => {
      const r = trainReference({ dataset: 'digits', activation, hidden: 64, seed: 0 });
      expect(r.testAccuracy).toBeGreaterThanOrEqual(0.95);
    });
  }
  it('spiral: ReLU reaches ≥ 97% training accuracy', () => {
    const r = trainReference({ dataset: 'spiral', activation: 'relu', hidden: 64, lr: 0.5, epochs: 200, seed: 0 });
    expect(r.trainAccuracy).toBeGreaterThanOrEqual(0.97);
  });
  it('full-batch gradient descent lowers the loss every epoch at a small step', () => {
    const r = trainReference({ dataset: 'iris', activation: 'tanh', batch: 0, lr: 0.05, epochs: 10, seed: 1 });
    for (let i = 1; i < r.history.length; i++) expect(r.history[i].loss).toBeLessThan(r.history[i - 1].loss);
  });
  it('reproduces the motivating collapse: ReLU with a sigmoid-era rate on raw digits', () => {
    const rawRelu = { dataset: 'digits', activation: 'relu', raw: true, epochs: 10, seed: 0 } as const;
    const bad = trainReference({ ...rawRelu, lr: LEARNING_RATES.trainDefault.sigmoid });
    const good = trainReference({ ...rawRelu, lr: LEARNING_RATES.rawPixelsRelu });
    expect(bad.testAccuracy).toBeLessThan(THRESHOLDS.collapseAccuracy);
    expect(good.testAccuracy).toBeGreaterThan(THRESHOLDS.referenceTrains);
  });
});
