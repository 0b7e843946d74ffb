import { createRequire } from 'node:module';
import { extname } from 'node:path';

const shellQuote = (s: string) => (/^[\w./:@+-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/**
 * The command that runs a user's script on its own, the way nncheck loads it. TypeScript needs
 * tsx, which the user's folder need not have (`node --import tsx` fails there with
 * ERR_MODULE_NOT_FOUND): the command names nncheck's own tsx by its path.
 */
export function runAloneCommand(file: string): string {
  if (/^\.[cm]?js$/i.test(extname(file))) return `node ${shellQuote(file)}`;
  let tsx = 'tsx';
  try {
    tsx = createRequire(import.meta.url).resolve('tsx');
  } catch {
    // not resolvable from here (an unusual install): the bare name works where tsx is installed
  }
  return `node --import ${shellQuote(tsx)} ${shellQuote(file)}`;
}
