import type { Reporter } from './reporter.ts';
import { jsonReporter } from './json.ts';
import { markdownReporter } from './markdown.ts';
import { junitReporter } from './junit.ts';
import { htmlReporter } from './html.ts';
import { csvReporter } from './csv.ts';
import { githubReporter } from './github.ts';

export type { Reporter };

export const REPORTERS: Record<string, Reporter> = Object.fromEntries(
  [jsonReporter, markdownReporter, junitReporter, htmlReporter, csvReporter, githubReporter].map((r) => [r.name, r]),
);

/** The report set's file names, as help texts and console lines list them. */
export const REPORT_FILES: string = Object.values(REPORTERS)
  .map((r) => r.file)
  .join(', ');
