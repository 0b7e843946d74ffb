import { relError, type EntryComparison } from './per-entry.ts';

/**
 * The worst cs231n relative error among compared entries, and the checker's tolerance at that
 * entry in the same units (its absolute tolerance over max(|analytic|, |numeric|)), so a chart
 * can draw the bar against the line it had to stay under.
 */
export function worstRelative(cmp: readonly EntryComparison[]): { worstRelError: number; worstRelTolerance?: number } {
  let worst = 0,
    at: EntryComparison | undefined;
  for (const c of cmp) {
    const r = relError(c.analytic, c.numeric);
    if (r >= worst) {
      worst = r;
      at = c;
    }
  }
  const scale = at ? Math.max(Math.abs(at.analytic), Math.abs(at.numeric)) : 0;
  return { worstRelError: worst, ...(at && scale > 0 ? { worstRelTolerance: at.tolerance / scale } : {}) };
}
