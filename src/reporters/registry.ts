import type { RunReport } from '../findings/report.ts';
import { jsonReporter } from './json.ts';
import { markdownReporter } from './markdown.ts';
import { junitReporter } from './junit.ts';
import { htmlReporter } from './html.ts';

/** A reporter renders the one result model into one file format. */
export interface Reporter {
  name: string;
  file: string;
  render(report: RunReport): string;
}

export const REPORTERS: Record<string, Reporter> = Object.fromEntries(
  [jsonReporter, markdownReporter, junitReporter, htmlReporter].map((r) => [r.name, r]),
);
