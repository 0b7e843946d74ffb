import { statSync } from 'node:fs';

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * The interpreter (--python, default python3) of `nncheck check FILE.py ...`, a check of one
 * existing Python file, read from the raw command line before the program and its options are
 * loaded; undefined for anything else. A guess on the safe side: an argument that is neither
 * that file, a flag nor the value right after a flag (a second path: a batch) gives undefined,
 * and a wrong guess costs only a spare bridge nobody takes (spare-bridge.ts).
 */
export function pythonOfOneFileCheck(argv: readonly string[]): string | undefined {
  const [command, ...args] = argv.slice(2);
  if (command !== 'check') return undefined;
  // Help, coverage (a re-run under c8) and shards (a batch) start no bridge of their own here.
  if (args.some((a) => /^(-h|--help|--version|--coverage|--shard(=.*)?)$/.test(a))) return undefined;
  let python = 'python3';
  let files = 0;
  for (const [i, a] of args.entries()) {
    if (a.startsWith('--python=')) python = a.slice('--python='.length);
    else if (a === '--python' && i + 1 < args.length) python = args[i + 1];
    if (a.startsWith('-')) continue;
    if (/\.py$/i.test(a) && isFile(a)) files++;
    else if (!(i > 0 && args[i - 1].startsWith('--') && !args[i - 1].includes('='))) return undefined;
  }
  return files === 1 ? python : undefined;
}
