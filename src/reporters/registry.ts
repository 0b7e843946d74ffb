import type { Reporter } from './reporter.ts';
import { jsonReporter } from './json.ts';
import { markdownReporter } from './markdown.ts';
import { junitReporter } from './junit.ts';
import { htmlReporter } from './html.ts';
import { csvReporter } from './csv.ts';
import { githubReporter } from './github.ts';
import { REPORT_FORMATS } from './formats.ts';

export type { Reporter };

export const REPORTERS: Record<string, Reporter> = Object.fromEntries(
  [jsonReporter, markdownReporter, junitReporter, htmlReporter, csvReporter, githubReporter].map((r) => [r.name, r]),
);

// The light list of formats speaks for these reporters (help texts, --reporter's choices): it must name them all.
const listed = Object.entries(REPORT_FORMATS).map(([name, file]) => `${name}:${file}`);
const registered = Object.values(REPORTERS).map((r) => `${r.name}:${r.file}`);
if (listed.join() !== registered.join())
  throw new Error(`reporters/formats.ts lists ${listed.join(', ')} but the reporters are ${registered.join(', ')}`);
