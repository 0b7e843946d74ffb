import type { RunReport } from '../findings/report.ts';

/** The summary row every run report shows, heading → value, in the order the tables print them. */
export function summaryCells(r: RunReport): [heading: string, value: string | number][] {
  const s = r.summary;
  return [
    ['passed', s.passed],
    ['failed', s.failed + s.errors],
    ['bugs', s.bugs],
    ['warnings', s.warnings],
    ['notes', s.infos],
    // Only when the run could not start: a setup error is neither a bug nor a failed check.
    ...(s.setupErrors ? ([['setup errors', s.setupErrors]] as [string, number][]) : []),
    ['seed', r.settings.seed],
    ['runs', r.settings.runs],
    ['time', `${(r.ms / 1000).toFixed(1)} s`],
  ];
}

/** A section with neither a failure nor a passed check (the motivating case: measurements only). */
export const NO_CHECKS = 'no checks of its own: what it measured is in the notes';
