import type { CauseId } from '../findings/causes.ts';
import type { Finding } from '../findings/finding.ts';
import { baseId, type SymptomClass } from './symptoms.ts';

const GRADIENT_CAUSES: CauseId[] = [
  'missing-mean',
  'double-mean',
  'sign-flip',
  'tensor-sign-flip',
  'relu-mask-mismatch',
  'transposed-gradient',
  'leaky-forward-hard-gradient',
  'l2-gradient-mismatch',
];

/**
 * Which kinds of symptom each root cause explains, in the order a finding without a named cause
 * looks for its explanation among the causes the other findings established. A cause explains
 * a symptom when fixing it makes the symptom go away (a global-max softmax explains NaN
 * probabilities; a missing 1/N explains nncheck-driven training that does not converge).
 */
export const EXPLAINS: [CauseId, SymptomClass[]][] = [
  // Only the user's own loop has a learning rate nncheck did not choose.
  ['lr-too-high', ['own-training']],
  ['lr-too-low', ['own-training']],
  ['bce-on-softmax', ['loss-value', 'loss-nan', 'gradient', 'training', 'own-training']],
  ['log-after-shift', ['loss-nan', 'loss-value']],
  ['clipped-log', ['loss-value']],
  ...GRADIENT_CAUSES.map((c): [CauseId, SymptomClass[]] => [c, ['gradient', 'training', 'own-training']]),
  ['no-max-softmax', ['softmax-nan', 'softmax-rows', 'loss-nan', 'training', 'own-training']],
  ['global-max-softmax', ['softmax-nan', 'softmax-rows', 'loss-nan', 'training', 'own-training']],
  ['symmetric-init', ['training', 'own-training']],
  ['large-init', ['training', 'own-training']],
  ['params-never-updated', ['own-training']],
  // Training symptoms explain the rest of a training failure when no root cause does.
  ['training-collapse', ['own-training', 'training']],
  ['training-nan', ['own-training', 'training']],
  ['loss-rises', ['own-training', 'training']],
  ['dead-relu', ['own-training', 'training']],
  ['exploding-gradients', ['training', 'own-training']],
  ['vanishing-gradients', ['training', 'own-training']],
  ['saturated-units', ['training', 'own-training']],
];

export const explains = (cause: CauseId, c: SymptomClass): boolean =>
  EXPLAINS.some(([id, cs]) => id === cause && cs.includes(c));

export const isGradientCause = (c: CauseId): boolean => GRADIENT_CAUSES.includes(c);

/**
 * Which findings a rule means: the properties with these ids; a finding without an id (a report
 * saved before ids) by its suite and a sentence of that time.
 */
export interface PropertyRef {
  ids: string[];
  suite: string;
  sentence: RegExp;
}

export const refersTo = (r: PropertyRef, f: Finding): boolean =>
  f.id ? r.ids.includes(baseId(f.id)) : f.suite === r.suite && r.sentence.test(f.property);

/**
 * A failing property no established cause explains, that fits two causes: both, and the case
 * that tells them apart. When `resolvedBy` passed in the same run, the first cause is the one.
 */
export interface Ambiguity extends PropertyRef {
  causes: CauseId[];
  discriminator: string;
  resolvedBy?: PropertyRef;
}

const LOSS_AT_ZERO_LOGITS: PropertyRef = {
  ids: ['cross-entropy.log-k-at-zero-logits'],
  suite: 'cross-entropy',
  sentence: /log K/,
};

export const AMBIGUOUS: Ambiguity[] = [
  {
    ids: ['softmax.rows-sum-to-one', 'softmax.shift-invariant', 'softmax.finite-for-extreme-logits'],
    suite: 'softmax',
    sentence: /finite|lie in|adding a constant/,
    causes: ['no-max-softmax', 'global-max-softmax'],
    discriminator:
      'a single row with logits near 1e3: NaN on that row alone means no max is subtracted; ' +
      'NaN only next to a row with a far larger max means one max for the whole batch',
  },
  {
    ids: ['cross-entropy.finite-non-negative'],
    suite: 'cross-entropy',
    sentence: /finite/,
    causes: ['log-after-shift', 'no-max-softmax'],
    discriminator:
      'the softmax suite: finite probabilities at the same logits mean the NaN comes from log p ' +
      'taken after the softmax, not from exp overflowing',
    resolvedBy: { ids: ['softmax.finite-for-extreme-logits'], suite: 'softmax', sentence: /finite for extreme logits/ },
  },
  {
    ids: ['cross-entropy.stable-log-p'],
    suite: 'cross-entropy',
    sentence: /computed stably/,
    causes: ['clipped-log', 'bce-on-softmax'],
    discriminator:
      'the loss at zero logits: log K there means the cost is categorical cross-entropy ' +
      'with an epsilon or a clip in the log',
    resolvedBy: LOSS_AT_ZERO_LOGITS,
  },
  {
    ids: ['convergence.initial-loss-near-log-k'],
    suite: 'convergence',
    sentence: /initial loss/,
    causes: ['large-init', 'bce-on-softmax'],
    discriminator:
      'the loss at zero logits: log K there means the loss is categorical cross-entropy ' +
      'and the initial weights are too large',
    resolvedBy: LOSS_AT_ZERO_LOGITS,
  },
];
