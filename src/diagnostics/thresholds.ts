/**
 * Thresholds of the training diagnostics, with their sources.
 * - Dead ReLU units: a unit inactive on every training row gets no gradient and never recovers
 *   (Lu et al. 2019, "Dying ReLU and Initialization"); cs231n notes up to 40% dead units in a
 *   network trained with too high a learning rate as a sign of trouble. Warn at 50%, bug at 70%.
 * - Update-to-weight ratio ‖ΔW‖/‖W‖ per step: about 1e-3 is healthy (Karpathy, cs231n
 *   "Neural Networks Part 3"); outside [1e-4, 1e-1] the rate is far too low or too high.
 * - Saturated sigmoid/tanh units: |z| > 5 (σ' < 0.007) or |z| > 3 (tanh' < 0.01) on ≥ 95% of rows.
 * - Exploding/vanishing gradients: a tensor's gradient norm growing 1e3× or falling below 1e-7
 *   relative to its first epoch.
 */
export const THRESHOLDS = {
  deadWarn: 0.5,
  deadBug: 0.7,
  updateRatioLow: 1e-4,
  updateRatioHigh: 1e-1,
  saturatedWarn: 0.5,
  sigmoidSaturationZ: 5,
  tanhSaturationZ: 3,
  saturatedRowFraction: 0.95,
  explodingFactor: 1e3,
  vanishingNorm: 1e-7,
  /** Tiny gradients are vanishing only while the network has not learnt: below this training accuracy. */
  vanishingAccuracy: 0.9,
  /** Loss must fall by at least 1% from its first epoch to its best. */
  minRelativeFall: 0.01,
  /**
   * Final training accuracy below this after training means the run collapsed (the learning-rate
   * probe's "fails"): a digits network that learns at all passes 0.5 within a few epochs.
   */
  collapseAccuracy: 0.5,
  /**
   * A learning-rate probe explains a collapse only when some rate reaches this test accuracy: a
   * correct network on the bundled data sets reaches ≥ 0.9 at a suitable rate, so a best below 0.8
   * means no rate works and the gradient itself is suspect.
   */
  probeConvinces: 0.8,
  /** The reference network trained on standardised digits for 20 epochs reaches ≥ 95%: below 90% it is broken. */
  referenceTrains: 0.9,
  /**
   * Convergence suite: He or Glorot initial logits have variance of order 1-4, which adds about
   * Var/2 to log K; an initial loss up to log K + 2.5 leaves room for that and still flags weights
   * scaled 10× or more.
   */
  initialLossAboveLogK: 2.5,
  /** Convergence suite: a correct network memorises 10 examples (one per class) completely. */
  tinyBatchAccuracy: 1,
  /**
   * Convergence baselines: a run may land this far below its recorded accuracy, at least; the
   * recorded tolerance is max(this, 3·std over the baseline seeds).
   */
  baselineMinTolerance: 0.01,
  /** Escalating the user's loop: its loss "still falls" when doubling the budget lowers it by this share. */
  ownStillFalling: 0.01,
  /** The user's own loop collapsed: this share of dead units with accuracy within this of chance (1/K). */
  ownCollapseDead: 0.7,
  ownCollapseAboveChance: 0.1,
  /** The user's loop learns when its best test accuracy is within this of the reference network's. */
  ownLearnsWithin: 0.1,
  /**
   * The user's loop "ends above where it started" when its loss rises by more than 10%: a loop
   * stuck at chance (saturated units, loss ≈ log K) wanders by a few percent around its start,
   * a loop stepping up the gradient multiplies it.
   */
  ownLossRise: 0.1,
  /** Wall-time budgets for escalating the user's loop and for probing its learning rates. */
  ownTrainMs: 20_000,
  ownProbeMs: 20_000,
} as const;
