import type { RunReport } from '../findings/report.ts';
import { jsonReporter } from './json.ts';

/** A reporter renders the one result model into one file format. */
export interface Reporter {
  name: string;
  file: string;
  render(report: RunReport): string;
}

export const REPORTERS: Record<string, Reporter> = {
  [jsonReporter.name]: jsonReporter,
};
