import { isCauseId, type CauseId } from '../findings/causes.ts';
import type { Finding } from '../findings/finding.ts';
import { symptomOfId, type SymptomClass } from './symptoms.ts';

export type { SymptomClass } from './symptoms.ts';

/**
 * Every finding nncheck builds has an id (build.ts requires one). Only a report saved before ids
 * (read back by `nncheck merge` or a reporter) has findings without: those are read by their
 * suite and sentence, as the diagnosis read them then. Nothing else reaches these rules.
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

/** What kind of symptom a finding is, read from its id (its sentence only in a report saved before ids). */
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
 * Free-text causes of reports saved before the typed table, and pattern names the gradient checker
 * still gives as a cause when no id fits, mapped to ids. A text not here is not a cause to group by.
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

/** The cause a finding names, as an id of the typed table, or undefined. Never read from its words. */
export function namedCause(f: Finding): CauseId | undefined {
  const c = f.cause?.trim();
  if (c && isCauseId(c)) return c;
  if (c && Object.hasOwn(LEGACY, c)) return LEGACY[c];
  return f.id ? undefined : causeInOldHint(f);
}

/** Hints of a report saved before ids that name a cause its finding did not. */
const OLD_HINTS: [RegExp, CauseId][] = [
  [/leaky ReLU forward needs slope|leaky ReLU are treated as hard ReLU/, 'leaky-forward-hard-gradient'],
  [/never write into arguments|do not modify their input/, 'mutates-inputs'],
];

/**
 * Only for a report saved before ids: some causes were then said only in a hint. Findings built
 * now name them (the gradient checker's pattern carries `cause`; the derivative check of a leaky
 * ReLU and the purity checks set theirs), so a finding with an id never comes here.
 */
function causeInOldHint(f: Finding): CauseId | undefined {
  const c = f.cause?.trim();
  const hint = f.hint ?? '';
  if (c === 'zeros' && /leaky/i.test(hint)) return 'leaky-forward-hard-gradient';
  // The gradient checker's "the loss is another function": binary cross-entropy when it says so.
  if (c === 'other-loss' && /binary cross-entropy/i.test(hint)) return 'bce-on-softmax';
  return OLD_HINTS.find(([re]) => re.test(hint))?.[1];
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
