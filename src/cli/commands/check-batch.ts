import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ResultCache } from '../../batch/cache.ts';
import { expandInputs } from '../../batch/inputs.ts';
import { batchReport, runBatch } from '../../batch/run-batch.ts';
import { formatShard, inShard, parseShard, type Shard } from '../../batch/shard.ts';
import { VERSION } from '../../util/version.ts';
import { settingsFromEnv } from '../../engine/harness.ts';
import { defectsOf, formatBatchSummary, isFailedSubmission } from '../../findings/batch-report.ts';
import { notCheckedReason } from '../../findings/network-not-checked.ts';
import { BATCH_REPORTERS, writeBatchReports } from '../../reporters/batch-registry.ts';
import { VERDICT_TEXT } from '../../reporters/batch-reporter.ts';
import { createBatchProgress } from '../batch-progress.ts';
import { packagePath } from '../../util/package-root.ts';
import { consoleFor } from '../output.ts';
import { writeSetupReport } from '../setup-report-fallback.ts';
import { checkReportDir } from '../report-dir.ts';
import type { BatchFlags } from './check-batch-options.ts';

export type { BatchFlags };

const BIN = packagePath('bin', 'nncheck.js');

const contentHash = (file?: string) =>
  file && existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined;

/** The flags each submission's check gets: the settings that decide its verdict (and key the cache). */
export function childArgs(f: BatchFlags, seed: number, runs: number): string[] {
  const a = ['--seed', String(seed), '--runs', String(runs), '--python', f.python, '--timeout', String(f.timeout)];
  for (const s of f.suite ?? []) a.push('--suite', s);
  if (f.property) a.push('--property', f.property);
  if (f.dataset) a.push('--dataset', f.dataset);
  if (f.data) a.push('--data', f.data);
  if (f.precision) a.push('--precision', f.precision);
  if (f.class) a.push('--class', f.class);
  if (f.activation) a.push('--activation', f.activation);
  if (f.layerClasses) a.push('--layer-classes', f.layerClasses);
  for (const o of f.op ?? []) a.push('--op', o);
  if (f.saveCounterexamples) a.push('--save-counterexamples');
  return a;
}

/** Checks many submissions, writes one merged report set and returns the exit status (0: all pass). */
export async function runBatchCheck(paths: string[], f: BatchFlags): Promise<number> {
  const dir = f.report ?? 'reports';
  let plan;
  try {
    plan = planBatch(paths, f);
  } catch (e) {
    // A batch always writes its report set: one that cannot start leaves its setup error there.
    await writeSetupReport('check', paths.join(' '), e as Error, dir);
    throw e;
  }
  const { all, inputs, shard, args } = plan;
  const settings = { args, budgetSeconds: f.budget, maxMemoryMb: f.maxMemory };
  checkReportDir(dir); // before the run, not after it: a folder that takes no file is a setup error
  const jobs = f.jobs ?? availableParallelism();
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const share = shard ? ` (shard ${formatShard(shard)} of ${all.length})` : '';
  // With --reporter, stdout holds only that format: the console text goes to stderr.
  const say = consoleFor(f);
  if (!f.json && !f.quiet) say(`checking ${plural(inputs.length, 'submission')}${share} with ${plural(jobs, 'job')}`);
  const started = new Date();
  const progress = createBatchProgress(inputs.length, !!f.quiet || !!f.json);
  const results = await runBatch({
    inputs,
    jobs,
    // A --data file is part of the settings by its content, not just its name.
    cache: f.cache ? new ResultCache(VERSION, { args, data: contentHash(f.data) }) : undefined,
    limits: { bin: BIN, args, budgetMs: f.budget * 1000, maxMemoryMb: f.maxMemory },
    onDone: progress.done,
  });
  progress.stop();
  const batch = batchReport(
    `check ${process.argv.slice(3).join(' ')}`,
    VERSION,
    settings,
    shard ? [formatShard(shard)] : undefined,
    results,
    started,
  );
  writeBatchReports(batch, dir);
  // --reporter as in a single check: the batch's form of the format (csv: one row per submission,
  // github: every submission's annotations) is all stdout holds.
  const format = BATCH_REPORTERS.find((r) => r.name === f.reporter);
  if (format) process.stdout.write(format.render(batch));
  if (f.json) console.log(JSON.stringify(batch, null, 1));
  else {
    for (const s of batch.submissions.filter(isFailedSubmission)) {
      const why = s.verdict === 'fail' ? defectsOf(s).join(', ') : (s.error ?? '').split('\n')[0];
      say(`✗ ${s.path}: ${VERDICT_TEXT[s.verdict]}${why ? ` (${why})` : ''}`);
    }
    // Not failed, yet not verified either: each said as loudly as a failure, with what was checked.
    for (const s of batch.submissions.filter((x) => x.verdict === 'not-checked')) {
      say(`? ${s.path}: ${notCheckedReason(s.report?.findings ?? []) ?? VERDICT_TEXT[s.verdict]}`);
    }
    say(formatBatchSummary(batch.summary, batch.ms / 1000));
    say(`reports written to ${dir}; open ${dir}/nncheck.html`);
  }
  return batch.summary.exitCode;
}

/** What a batch will check, and with which flags; a bad input, shard or setting is a setup error (exit 2). */
function planBatch(paths: string[], f: BatchFlags) {
  if (f.coverage)
    throw Object.assign(
      new Error('--coverage measures one JS/TS file\n  fix: run nncheck check FILE --coverage on one submission'),
      { exitCode: 2 },
    );
  const shard: Shard | undefined = f.shard === undefined ? undefined : parseShard(f.shard);
  const all = expandInputs(paths);
  if (all.length === 0)
    throw Object.assign(
      new Error(
        `no submissions found in ${paths.join(' ')}\n` +
          "  fix: name .py/.ts/.js files, folders holding them, or quoted globs such as 'subs/**/*.py'",
      ),
      { exitCode: 2 },
    );
  const inputs = shard ? all.filter((p) => inShard(p, shard)) : all;
  const { seed, runs } = settingsFromEnv({ seed: f.seed, runs: f.runs });
  const args = childArgs(f, seed, runs);
  return { all, inputs, shard, args };
}
