/**
 * What kind of symptom a finding is: the diagnosis attaches a finding with no named cause to a
 * defect whose cause explains this kind of symptom.
 */
export type SymptomClass =
  | 'softmax-nan' // softmax gives NaN/Inf or leaves [0, 1] on finite logits
  | 'softmax-rows' // a row depends on other rows
  | 'loss-nan' // the loss is NaN/Inf on finite logits
  | 'loss-value' // the loss has the wrong value (not categorical cross-entropy, or inaccurate)
  | 'gradient' // a gradient disagrees with its loss
  | 'own-training' // the implementation's own train() fails
  | 'training' // nncheck-driven training on the implementation's gradients fails
  | 'other';

/**
 * The symptom of each property, by its stable id: read from what the property checks, never from
 * its sentence, so a sentence is free to change. A per-name id (`layers.backward-matches-forward:
 * Layer_Dense`) is looked up by the part before the colon.
 */
export const SYMPTOM_BY_ID: Readonly<Record<string, SymptomClass>> = {
  'softmax.rows-sum-to-one': 'softmax-nan',
  'softmax.shift-invariant': 'softmax-nan',
  'softmax.rows-independent': 'softmax-rows',
  'softmax.permutation-equivariant': 'softmax-rows',
  'softmax.argmax-preserved': 'softmax-rows',
  'softmax.finite-for-extreme-logits': 'softmax-nan',
  'softmax.matches-oracle': 'softmax-nan',
  'cross-entropy.finite-non-negative': 'loss-nan',
  'cross-entropy.stable-log-p': 'loss-value',
  'cross-entropy.gradient-is-p-minus-y': 'gradient',
  'cross-entropy.log-k-at-zero-logits': 'loss-value',
  'cross-entropy.is-categorical': 'loss-value',
  'activations.sigmoid-derivative': 'gradient',
  'activations.derivative-matches-forward': 'gradient',
  // Duplicating the batch leaves a mean loss and its gradient alone: a change there is a gradient scale.
  'network.duplicate-batch-invariant': 'gradient',
  'network.l2-loss-gradient-agree': 'gradient',
  'convergence.initial-loss-near-log-k': 'loss-value',
  // `nncheck compare`: a gradient row (at λ = 0, or its L2 part), and a few SGD steps on your gradients.
  'compare.gradient': 'gradient',
  'compare.l2-gradient': 'gradient',
  'compare.training-step': 'training',
  // `nncheck run`: a reference network trained on standardised digits.
  'training.trains-on-standardised-digits': 'training',
};

/** The symptom of every property of a suite that SYMPTOM_BY_ID does not list one by one. */
export const SYMPTOM_BY_SUITE: Readonly<Record<string, SymptomClass>> = {
  gradients: 'gradient',
  convergence: 'training',
  diagnostics: 'training',
  'own-train': 'own-training',
};

/** An id without its per-name part: `layers.backward-pure:Layer_Dense` → `layers.backward-pure`. */
export const baseId = (id: string): string => id.split(':')[0];

/** The symptom an id names: its own entry, else its suite's, else 'other' (purity, shapes, conventions). */
export function symptomOfId(id: string): SymptomClass {
  const base = baseId(id);
  if (Object.hasOwn(SYMPTOM_BY_ID, base)) return SYMPTOM_BY_ID[base];
  const suite = base.split('.')[0];
  return Object.hasOwn(SYMPTOM_BY_SUITE, suite) ? SYMPTOM_BY_SUITE[suite] : 'other';
}
