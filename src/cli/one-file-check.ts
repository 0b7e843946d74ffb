import { statSync } from 'node:fs';

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The free ops' suite (properties/suites/ops), run by a bridge of its own beside the network's. */
export const OPS_SUITE = 'ops';

/**
 * The bridges `nncheck check FILE.py ...`, a check of one existing Python file, starts and their
 * interpreter (--python, default python3), read from the raw command line before the program and
 * its options are loaded: two (the network's, and the free ops' unless --suite leaves the ops out),
 * or one for --suite ops alone; undefined for anything else. A guess on the safe side: an argument
 * that is neither that file, a flag nor the value right after a flag (a second path: a batch)
 * gives undefined, and a wrong guess costs only a spare bridge nobody takes (spare-bridge.ts).
 */
export function bridgesOfOneFileCheck(argv: readonly string[]): { python: string; bridges: number } | undefined {
  const [command, ...args] = argv.slice(2);
  if (command !== 'check') return undefined;
  // Help, coverage (a re-run under c8) and shards (a batch) start no bridge of their own here.
  if (args.some((a) => /^(-h|--help|--version|--coverage|--shard(=.*)?)$/.test(a))) return undefined;
  let python = 'python3';
  let files = 0;
  const suites: string[] = [];
  for (const [i, a] of args.entries()) {
    if (a.startsWith('--python=')) python = a.slice('--python='.length);
    else if (a === '--python' && i + 1 < args.length) python = args[i + 1];
    if (a.startsWith('--suite=')) suites.push(a.slice('--suite='.length));
    else if (a === '--suite' && i + 1 < args.length) suites.push(args[i + 1]);
    if (a.startsWith('-')) continue;
    if (/\.py$/i.test(a) && isFile(a)) files++;
    else if (!(i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('='))) return undefined;
  }
  if (files !== 1) return undefined;
  const ops = suites.length === 0 || suites.includes(OPS_SUITE);
  const network = suites.length === 0 || suites.some((x) => x !== OPS_SUITE);
  return { python, bridges: Number(ops) + Number(network) };
}
