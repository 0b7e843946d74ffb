import { isCauseId, type CauseId } from '../findings/causes.ts';
import type { Finding } from '../findings/finding.ts';
import { symptomOfId, type SymptomClass } from './symptoms.ts';

export type { SymptomClass } from './symptoms.ts';

/**
 * Findings without an id (reports saved before ids, `compare` rows, a suite that could not run) are
 * read by their suite and sentence, as the diagnosis did before ids; every other finding by its id.
 */
const RULES: [RegExp, RegExp, SymptomClass][] = [
  [/^softmax$/, /independent|permuting|argmax/, 'softmax-rows'],
  [/^softmax$/, /./, 'softmax-nan'],
  [/^cross-entropy$/, /gradient/, 'gradient'],
  [/^cross-entropy$/, /finite/, 'loss-nan'],
  [/^cross-entropy$/, /./, 'loss-value'],
  [/^convergence$/, /initial loss/, 'loss-value'],
  [/^gradients$/, /./, 'gradient'],
  [/^compare$/, /training step/, 'training'],
  [/^compare$/, /gradient/, 'gradient'],
  [/^network$/, /duplicating the batch|L2 term/, 'gradient'],
  [/^activations$/, /derivative|σ'/, 'gradient'],
  [/^own-train$/, /./, 'own-training'],
  [/^(convergence|diagnostics)$/, /own train|own training loop/, 'own-training'],
  [/^(convergence|diagnostics|training)$/, /./, 'training'],
];

/** What kind of symptom a finding is, read from its id (its sentence only when it has none). */
export function symptomClass(f: Finding): SymptomClass {
  if (f.id) return symptomOfId(f.id);
  for (const [suite, property, c] of RULES) if (suite.test(f.suite) && property.test(f.property)) return c;
  return 'other';
}

/** Causes that are symptoms of training: they attach to a root cause that explains them. */
export const TRAINING_SYMPTOMS: ReadonlySet<CauseId> = new Set<CauseId>([
  'training-collapse',
  'dead-relu',
  'saturated-units',
  'exploding-gradients',
  'vanishing-gradients',
  'training-nan',
]);

/**
 * Free-text causes (and pattern names of the gradient checker) written before the typed table,
 * mapped to its ids. A text that is not here is not a cause the diagnosis can group by.
 */
const LEGACY: Record<string, CauseId> = {
  'global-max softmax': 'global-max-softmax',
  'missing 1/N': 'missing-mean',
  'bce-sum': 'bce-on-softmax',
  transposed: 'transposed-gradient',
  regularisation: 'l2-gradient-mismatch',
  'weights-only': 'l2-gradient-mismatch',
  'L2 gradient/loss mismatch': 'l2-gradient-mismatch',
  'training collapse': 'training-collapse',
  'dead ReLU units': 'dead-relu',
  'saturated units': 'saturated-units',
  'symmetric initialisation': 'symmetric-init',
  'exploding gradients': 'exploding-gradients',
  'vanishing gradients': 'vanishing-gradients',
  'parameters never updated': 'params-never-updated',
  'learning rate too high for the input scale': 'lr-too-high',
  divergence: 'training-nan',
};

/** Hints specific enough to name a cause when the finding names none. */
const HINTS: [RegExp, CauseId][] = [
  [/leaky ReLU forward needs slope|leaky ReLU are treated as hard ReLU/, 'leaky-forward-hard-gradient'],
  [/never write into arguments|do not modify their input/, 'mutates-inputs'],
];

/** The cause a finding names, as an id of the typed table, or undefined. */
export function namedCause(f: Finding): CauseId | undefined {
  const c = f.cause?.trim();
  if (c && isCauseId(c)) return c;
  if (c && Object.hasOwn(LEGACY, c)) return LEGACY[c];
  if (c === 'zeros' && f.hint && /leaky/i.test(f.hint)) return 'leaky-forward-hard-gradient';
  // The gradient checker's "the loss is another function": binary cross-entropy when it says so.
  if (c === 'other-loss' && f.hint && /binary cross-entropy/i.test(f.hint)) return 'bce-on-softmax';
  for (const [re, id] of HINTS) if (f.hint && re.test(f.hint)) return id;
  return undefined;
}

/** True when a finding's numbers or message show a NaN or an Inf. */
export function showsNonFinite(f: Finding): boolean {
  const nums = Object.values(f.numbers ?? {});
  return (
    nums.some(
      (v) => (typeof v === 'number' && !Number.isFinite(v)) || v === 'NaN' || v === 'Infinity' || v === '-Infinity',
    ) || /\bNaN\b|\bInf(inity)?\b/.test(f.message)
  );
}
