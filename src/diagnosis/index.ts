import type { Defect } from '../findings/defect.ts';
import type { RunReport } from '../findings/report.ts';
import { diagnose } from './diagnose.ts';

export { diagnose } from './diagnose.ts';

/** A report's defects: the ones it carries when they fit its findings, else diagnosed from its findings now. */
export function defectsOf(r: Pick<RunReport, 'findings' | 'defects'>): Defect[] {
  const fits = r.defects?.every((d) => d.findings.every((i) => Number.isInteger(i) && i >= 0 && i < r.findings.length));
  return fits ? r.defects! : diagnose(r.findings);
}
