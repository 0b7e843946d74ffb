import type { ActivationName } from '../ops/activation.ts';

/**
 * Every learning rate nncheck trains with, named by what it is for, each with why that value.
 * All are plain SGD step sizes on the mean cross-entropy over mini-batches. Where two entries hold
 * different values for the same activation they serve different runs, and both are kept: changing
 * either would change recorded results (baselines, examples, reports).
 */
export const LEARNING_RATES = {
  /**
   * `nncheck train` and trainReference when no rate is given: 30 epochs of batch 32 on any bundled
   * data set, raw or standardised. ReLU-type and tanh units take 0.05, which also holds on raw
   * pixels (seed 0, raw digits, ReLU: 96.7% test accuracy at 0.05, 49.0% at 0.1); sigmoid's
   * derivative is at most 1/4, so it takes the "sigmoid-era" 0.5, the rate that kills ReLU units
   * on raw pixels (the motivating case).
   */
  trainDefault: { sigmoid: 0.5, relu: 0.05, leaky_relu: 0.05, tanh: 0.05 } as Record<ActivationName, number>,
  /**
   * nncheck's own SGD on standardised inputs: over an implementation's gradients in the diagnostics
   * suite (6 epochs of digits) and the convergence suite's tiny-batch overfit (300 full-batch steps
   * of 10 rows), and the reference network the user's own loop is measured against on data without
   * a recorded baseline (30 epochs). On standardised inputs ReLU-type and tanh units learn at 0.1,
   * twice trainDefault (which must also hold on raw pixels, where 0.1 collapses ReLU units); sigmoid
   * again 0.5.
   */
  standardisedSgd: { sigmoid: 0.5, relu: 0.1, leaky_relu: 0.1, tanh: 0.1 } as Record<ActivationName, number>,
  /**
   * The sweep after a collapse (nncheck's probe and the user's own train() alike): 1 down to 1e-3
   * in steps of about half a decade, from above the sigmoid-era 0.5 to below the rates at which
   * ReLU units learn raw 0..16 pixels (0.01, 0.005).
   */
  probeSweep: [1, 0.5, 0.1, 0.05, 0.01, 0.005, 0.001] as readonly number[],
  /** The rate the probe tries on standardised inputs, whatever the activation (standardisedSgd's but for sigmoid). */
  probeStandardised: 0.1,
  /** The motivating case's rate done right: ReLU on raw 0..16 pixels, where 0.5 kills the units. */
  rawPixelsRelu: 0.01,
  /**
   * nncheck compare's few training steps, scored by the reference's loss: large enough that a
   * wrong gradient moves the parameters visibly within a few steps, small enough that the
   * first-order drift bound lr·∇L·g (src/api/compare-steps.ts) describes the change.
   */
  compareSteps: 0.1,
  /**
   * The convergence suite's "loss falls under small steps": 5 full-batch steps with gradients of
   * order 1 move each weight by ~1e-3, deep inside the region where a correct gradient must
   * lower the loss (second-order terms ~1e-6), so a rise means the gradient points the wrong way.
   */
  descentCheck: 1e-3,
  /**
   * The rate passed to a user's optimizer constructor when it takes one (optimizers suite): away
   * from the common defaults (0.01, 0.001) so a variant that ignores it is told apart, and small
   * enough that 4 steps stay well scaled.
   */
  optimizerCheck: 0.05,
} as const;

/**
 * The convergence baselines' rates, by configuration id (src/engine/baselines.ts). Each was tuned once
 * to reach a stable accuracy in few epochs and is recorded with its baseline: changing one changes
 * the baseline file. Standardised digits: ReLU-type units take 0.2 over 8 epochs; raw 0..16 pixels
 * need 0.01 for ReLU-type and tanh units (0.5 kills them); the 2-D spiral needs large steps over 60
 * epochs, 2 for sigmoid (its gradient is at most 1/4 of the others').
 */
export const BASELINE_LEARNING_RATES: Record<string, number> = {
  'digits/sigmoid': 0.5,
  'digits/relu': 0.2,
  'digits/leaky_relu': 0.2,
  'digits/tanh': 0.1,
  'digits-raw/sigmoid': 0.5,
  'digits-raw/relu': 0.01,
  'digits-raw/leaky_relu': 0.01,
  'digits-raw/tanh': 0.01,
  'iris/sigmoid': 0.5,
  'iris/relu': 0.1,
  'iris/leaky_relu': 0.1,
  'iris/tanh': 0.1,
  'spiral/relu': 0.5,
  'spiral/leaky_relu': 0.5,
  'spiral/tanh': 0.5,
  'spiral/sigmoid': 2,
};
