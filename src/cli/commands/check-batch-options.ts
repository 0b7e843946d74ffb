import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { intArg, positiveNumberArg, type ImplementationFlags } from '../options.ts';

/** The check command's flags that a batch uses: each submission's check gets them (see childArgs). */
export interface BatchFlags extends ImplementationFlags {
  suite?: string[];
  property?: string;
  seed?: number;
  runs?: number;
  dataset?: string;
  report?: string;
  json?: boolean;
  reporter?: string;
  quiet?: boolean;
  saveCounterexamples?: boolean;
  coverage?: boolean;
  op?: string[];
  precision?: string;
  data?: string;
  jobs?: number;
  shard?: string;
  budget: number;
  maxMemory: number;
  cache: boolean;
}

/** The options of batch mode, on the check command. */
export function withBatchOptions(cmd: Command): Command {
  return cmd
    .option(
      '--jobs <n>',
      'batch: submissions checked at once, each in its own process (default: the number of cores)',
      intArg('--jobs', 1),
    )
    .option(
      '--shard <i/n>',
      'batch: check only share I of N of the inputs (stable: by a hash of each path); combine with nncheck merge',
    )
    .option(
      '--budget <seconds>',
      'batch: wall time for the whole check of one submission',
      positiveNumberArg('--budget'),
      300,
    )
    .option(
      '--max-memory <mb>',
      'batch: memory cap of each process checking a submission, in MB',
      intArg('--max-memory', 64),
      2048,
    )
    .option('--no-cache', 'batch: check every submission again, even when unchanged since a cached result');
}

const GLOB = /[*?[]/;

/** Batch mode: several paths, a folder, a glob that names no file, or --shard. One file keeps the single check. */
export function isBatch(paths: string[], f: { shard?: string }): boolean {
  if (paths.length !== 1 || f.shard !== undefined) return true;
  const p = paths[0];
  if (p.startsWith('reference:')) return false;
  return existsSync(p) ? statSync(p).isDirectory() : GLOB.test(p);
}
