import type { CauseId } from '../findings/causes.ts';
import type { Finding } from '../findings/finding.ts';
import { showsNonFinite, symptomClass } from './classify.ts';

/**
 * The order in which a reviewer would name defects: what explains the observed symptom first (a
 * training collapse or NaN in training), then what produces NaN/Inf from finite input, then a
 * gradient that disagrees with its loss, then other bugs, then warnings. Each tier has its reason.
 */
export interface Standing { tier: number; reason: string }

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(0)}%` : undefined);
const short = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** "explains the collapse: with lr 0.05 the same code reaches 96%", from the probe's numbers. */
export function collapseReason(evidence: readonly Finding[]): string | undefined {
  const probe = evidence.find((f) => typeof f.numbers?.bestLr === 'number' && typeof f.numbers?.bestAccuracy === 'number');
  if (!probe) return undefined;
  const n = probe.numbers!;
  const collapsed = pct(n.trainAccuracy) ?? pct(evidence.find((f) => typeof f.numbers?.testAccuracy === 'number')?.numbers?.testAccuracy);
  const std = pct(n.standardisedAccuracy);
  return `explains the collapse${collapsed ? ` to ${collapsed}` : ''}: with lr ${n.bestLr} the same code reaches ${pct(n.bestAccuracy)}`
    + (std ? ` (on standardised inputs: ${std})` : '');
}

export function standing(cause: CauseId | null, evidence: readonly Finding[]): Standing {
  const bugs = evidence.filter((f) => f.severity === 'bug');
  const training = bugs.find((f) => ['own-training', 'training'].includes(symptomClass(f)));
  if (training) {
    const nan = showsNonFinite(training) || /NaN|Inf|diverge/.test(training.message);
    return { tier: 1, reason: (cause === 'lr-too-high' && collapseReason(evidence)) || `explains the ${nan ? 'NaN in training' : 'training failure'}: ${short(training.message)}` };
  }
  const nonFinite = bugs.find((f) => showsNonFinite(f));
  if (nonFinite) return { tier: 2, reason: `produces NaN/Inf from finite inputs: ${short(nonFinite.message)}` };
  const gradient = bugs.find((f) => symptomClass(f) === 'gradient');
  if (gradient) return { tier: 3, reason: 'the gradient disagrees with the loss: training descends another function than the one reported' };
  if (bugs.length) return { tier: 4, reason: 'a bug; it explains neither a training failure nor a NaN' };
  return { tier: 5, reason: 'a warning: finite but inaccurate, or a sign of trouble rather than a wrong result' };
}
