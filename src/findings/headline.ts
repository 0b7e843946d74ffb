import { hasBugSeverity } from './finding.ts';
import type { RunReport } from './report.ts';
import { notCheckedQualifier } from './network-not-checked.ts';

/** A run's outcome in a few words, agreeing with its exit code: setup error, interrupted, bugs or none. */
export function headline(r: RunReport): { ok: boolean; text: string } {
  const s = r.summary;
  const bugs = `${s.bugs} bug${s.bugs === 1 ? '' : 's'} found`;
  if (r.setupError) return { ok: false, text: `setup error: ${r.setupError.message}` };
  if (r.interrupted)
    return {
      ok: false,
      text:
        `interrupted by ${r.interrupted.signal} ` +
        `(partial report: ${s.exitCode === 0 || s.bugs === 0 ? 'no bugs found so far' : `${bugs} so far`})`,
    };
  if (r.defects) {
    // The diagnosis counts defects (root causes), not failed checks; warnings are counted apart.
    const n = r.defects.filter(hasBugSeverity).length,
      w = r.defects.length - n;
    const found = n ? `${n} defect${n === 1 ? '' : 's'} found` : `no defects found${notCheckedQualifier(r.findings)}`;
    const text = `${found}${w ? ` and ${w} warning${w === 1 ? '' : 's'}` : ''}`;
    return { ok: s.exitCode === 0, text };
  }
  return s.exitCode === 0 ? { ok: true, text: 'no bugs found' } : { ok: false, text: bugs };
}
