import type { CauseId } from '../findings/causes.ts';
import { isBug, type Finding } from '../findings/finding.ts';
import { showsNonFinite, symptomClass } from './classify.ts';

/**
 * The order in which a reviewer would name defects: what explains the observed symptom first (a
 * training collapse or NaN in training), then what produces NaN/Inf from finite input, then a
 * gradient that disagrees with its loss, then other bugs, then warnings. Each tier has its reason.
 */
export interface Standing {
  tier: number;
  reason: string;
}

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(0)}%` : undefined);
const short = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

interface ProbeNumbers {
  bestLr: number;
  bestAccuracy: number;
  collapsed?: number;
  standardised?: number;
  diverged?: boolean;
}

/** The learning-rate probe's numbers, from its finding's numbers or from the probe it carries. */
function probeNumbers(evidence: readonly Finding[]): ProbeNumbers | undefined {
  for (const f of evidence) {
    const n = f.numbers ?? {};
    if (typeof n.bestLr === 'number' && typeof n.bestAccuracy === 'number') {
      const collapsed = [n.trainAccuracy, ...evidence.map((g) => g.numbers?.testAccuracy)].find(
        (x) => typeof x === 'number',
      ) as number | undefined;
      return {
        bestLr: n.bestLr,
        bestAccuracy: n.bestAccuracy,
        collapsed,
        standardised: typeof n.standardisedAccuracy === 'number' ? n.standardisedAccuracy : undefined,
      };
    }
    // The own-train suite carries its probe of the user's loop: best and at-default runs.
    const p = (
      f.data as
        | {
            probe?: {
              best?: { lr: number; testAccuracy: number };
              atDefault?: { testAccuracy: number; finite?: boolean };
            };
          }
        | undefined
    )?.probe;
    if (p?.best && typeof p.best.lr === 'number' && typeof p.best.testAccuracy === 'number') {
      return {
        bestLr: p.best.lr,
        bestAccuracy: p.best.testAccuracy,
        collapsed: p.atDefault?.testAccuracy,
        diverged: p.atDefault?.finite === false,
      };
    }
  }
  return undefined;
}

/** "explains the collapse to 10%: with lr 0.005 the same code reaches 94%", from the probe's numbers. */
export function collapseReason(evidence: readonly Finding[]): string | undefined {
  const p = probeNumbers(evidence);
  if (!p) return undefined;
  const symptom = p.diverged
    ? 'the NaN/Inf in training at its default rate'
    : `the collapse${p.collapsed !== undefined ? ` to ${pct(p.collapsed)}` : ''}`;
  return (
    `explains ${symptom}: with lr ${p.bestLr} the same code reaches ${pct(p.bestAccuracy)}` +
    (p.standardised !== undefined ? ` (on standardised inputs: ${pct(p.standardised)})` : '')
  );
}

/** The rate the probe found, for the fix. */
export const probedRate = (evidence: readonly Finding[]): number | undefined => probeNumbers(evidence)?.bestLr;

export function standing(cause: CauseId | null, evidence: readonly Finding[]): Standing {
  const bugs = evidence.filter(isBug);
  const training = bugs.find((f) => ['own-training', 'training'].includes(symptomClass(f)));
  if (training) {
    const nan = showsNonFinite(training) || /NaN|Inf|diverge/.test(training.message);
    return {
      tier: 1,
      reason:
        ((cause === 'lr-too-high' || cause === 'lr-too-low') && collapseReason(evidence)) ||
        `explains the ${nan ? 'NaN in training' : 'training failure'}: ${short(training.message)}`,
    };
  }
  const nonFinite = bugs.find((f) => showsNonFinite(f));
  if (nonFinite) return { tier: 2, reason: `produces NaN/Inf from finite inputs: ${short(nonFinite.message)}` };
  const gradient = bugs.find((f) => symptomClass(f) === 'gradient');
  if (gradient)
    return {
      tier: 3,
      reason: 'the gradient disagrees with the loss: training descends another function than the one reported',
    };
  if (bugs.length) return { tier: 4, reason: 'a bug; it explains neither a training failure nor a NaN' };
  return { tier: 5, reason: 'a warning: finite but inaccurate, or a sign of trouble rather than a wrong result' };
}
