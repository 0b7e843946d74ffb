import type { RunReport } from '../findings/report.ts';

/** A reporter renders the one result model into one file format; the registry lists them by name. */
export interface Reporter {
  name: string;
  file: string;
  render(report: RunReport): string;
}
