import {
  BATCH_SCHEMA_VERSION,
  summariseBatch,
  type BatchReport,
  type SubmissionResult,
} from '../findings/batch-report.ts';
import type { ResultCache } from './cache.ts';
import { checkInChild, type ChildLimits } from './child.ts';
import { killTree } from './kill-tree.ts';

export interface BatchRun {
  /** The submissions to check (already expanded and sharded). */
  inputs: string[];
  /** How many checks run at once. */
  jobs: number;
  limits: ChildLimits;
  /** Absent with --no-cache. */
  cache?: ResultCache;
  /** Called as each submission finishes, in finishing order. */
  onDone?: (result: SubmissionResult, done: number, total: number) => void;
}

/**
 * Checks every submission, `jobs` at a time, each in its own process. Cached results are taken
 * first; an interrupt (Ctrl-C, a CI job cancelled) ends every running check's process tree
 * before the batch exits, so nothing is left behind. Results come back sorted by path.
 */
export async function runBatch(run: BatchRun): Promise<SubmissionResult[]> {
  const results: SubmissionResult[] = [];
  const todo: string[] = [];
  let done = 0;
  const record = (r: SubmissionResult) => {
    results.push(r);
    run.onDone?.(r, ++done, run.inputs.length);
  };
  for (const p of run.inputs) {
    const hit = run.cache?.get(p);
    if (hit) record(hit);
    else todo.push(p);
  }
  const running = new Set<number>();
  const onSignal = (signal: NodeJS.Signals) => {
    for (const pid of running) killTree(pid);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const path = todo[next++];
        const r = await checkInChild(path, run.limits, running);
        run.cache?.put(r);
        record(r);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(run.jobs, todo.length)) }, worker));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  return results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function batchReport(
  command: string,
  version: string,
  settings: Record<string, unknown>,
  shards: string[] | undefined,
  submissions: SubmissionResult[],
  startedAt: Date,
): BatchReport {
  const finished = new Date();
  return {
    kind: 'nncheck-batch',
    schemaVersion: BATCH_SCHEMA_VERSION,
    tool: { name: 'nncheck', version },
    command,
    startedAt: startedAt.toISOString(),
    finishedAt: finished.toISOString(),
    ms: finished.getTime() - startedAt.getTime(),
    settings,
    shards,
    submissions,
    summary: summariseBatch(submissions),
  };
}
