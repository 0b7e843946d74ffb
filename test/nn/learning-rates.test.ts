import { describe, expect, it } from 'vitest';
import { BASELINE_LEARNING_RATES, LEARNING_RATES } from '../../src/nn/learning-rates.ts';
import { CONFIGS, loadBaselines } from '../../src/engine/baselines.ts';
import { ACTIVATIONS } from '../../src/ops/activation.ts';

describe('the learning-rate table', () => {
  it('gives every convergence configuration the rate its baseline was recorded with', () => {
    const recorded = loadBaselines()!.entries.map((e) => [e.id, e.lr]);
    expect(CONFIGS.map((c) => [c.id, c.lr])).toEqual(recorded);
    expect(Object.keys(BASELINE_LEARNING_RATES).sort()).toEqual(CONFIGS.map((c) => c.id).sort());
  });
  it('has a rate for every activation wherever rates depend on it', () => {
    for (const table of [LEARNING_RATES.trainDefault, LEARNING_RATES.standardisedSgd])
      for (const a of ACTIVATIONS) expect(table[a]).toBeGreaterThan(0);
  });
});
