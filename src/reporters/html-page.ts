import { escapeXml as e } from './escape.ts';

/**
 * A whole self-contained page: its stylesheet inline, no scripts, no network; `body` its blocks,
 * one a line; the footer names the nncheck version and when the run started.
 */
export function htmlPage(title: string, css: string, body: string[], run: { version: string; startedAt: string }) {
  const head =
    `<head><meta charset="utf-8"><title>${title}</title>` +
    `<meta name="viewport" content="width=device-width"><style>${css}</style></head>`;
  const footer = `<footer><small>nncheck ${e(run.version)}, ${e(run.startedAt)}</small></footer>`;
  return `<!doctype html><html lang="en">${head}<body>${body.join('\n')}${footer}</body></html>\n`;
}
