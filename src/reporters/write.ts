import { join } from 'node:path';
import type { RunReport } from '../findings/report.ts';
import { writeFileAtomic } from '../util/atomic-write.ts';
import { REPORTERS } from './registry.ts';

/** Writes every registered format into `dir`, each file atomically. Returns the paths written. */
export function writeReports(report: RunReport, dir: string, formats: string[] = Object.keys(REPORTERS)): string[] {
  const written: string[] = [];
  for (const name of formats) {
    const r = REPORTERS[name];
    if (!r) throw new Error(`unknown report format '${name}': use ${Object.keys(REPORTERS).join(', ')}`);
    const path = join(dir, r.file);
    writeFileAtomic(path, r.render(report));
    written.push(path);
  }
  return written;
}
