import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { summariseBatch, type BatchReport, type SubmissionResult } from '../findings/batch-report.ts';

/** Reads a batch report from a report folder (or its nncheck.json); the message names what is wrong. */
export function readBatch(dirOrFile: string): BatchReport {
  const file = existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? join(dirOrFile, 'nncheck.json') : dirOrFile;
  if (!existsSync(file))
    throw new Error(
      `no batch report at ${file}\n` +
        '  fix: pass the --report folder of a batch or shard run (nncheck check PATH... --report DIR)',
    );
  let data: BatchReport;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as BatchReport;
  } catch (e) {
    throw new Error(
      `${file} is not valid JSON (${(e as Error).message})\n  fix: re-run that shard; its report was cut short`,
      { cause: e },
    );
  }
  if (data?.kind !== 'nncheck-batch')
    throw new Error(
      `${file} is a single check's report, not a batch's\n` +
        '  fix: give merge the --report folders of batch or --shard runs',
    );
  return data;
}

/**
 * One batch from several (the shards of one batch): submissions combined and sorted by path, the
 * same summary as one unsharded run. The shards must share their settings, or their verdicts would
 * not be comparable; a submission in two reports keeps the later one, and a note says so.
 */
export function mergeBatches(batches: BatchReport[], command: string): { batch: BatchReport; notes: string[] } {
  if (batches.length === 0)
    throw new Error('nothing to merge\n  fix: nncheck merge DIR... with the --report folders of the shards');
  const notes: string[] = [];
  const settings = JSON.stringify(batches[0].settings);
  batches.forEach((b, i) => {
    if (JSON.stringify(b.settings) !== settings)
      notes.push(
        `report ${i + 1} was checked with other settings (${JSON.stringify(b.settings)}) than the first (${settings})`,
      );
  });
  const byPath = new Map<string, SubmissionResult>();
  for (const b of batches)
    for (const s of b.submissions) {
      if (byPath.has(s.path)) notes.push(`${s.path} is in more than one report; the later result is kept`);
      byPath.set(s.path, s);
    }
  const submissions = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shards = [...new Set(batches.flatMap((b) => b.shards ?? []))].sort(
    (a, b) => Number(a.split('/')[0]) - Number(b.split('/')[0]),
  );
  const counts = new Set(shards.map((s) => s.split('/')[1]));
  const missing =
    counts.size === 1
      ? Array.from({ length: Number([...counts][0]) }, (_, i) => `${i + 1}/${[...counts][0]}`).filter(
          (s) => !shards.includes(s),
        )
      : [];
  if (counts.size > 1) notes.push(`the reports come from different shard counts (${shards.join(', ')})`);
  if (missing.length)
    notes.push(
      `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: ` +
        'the merged report covers only part of the batch',
    );
  const starts = batches.map((b) => b.startedAt).sort(),
    ends = batches.map((b) => b.finishedAt).sort();
  const batch: BatchReport = {
    kind: 'nncheck-batch',
    schemaVersion: batches[0].schemaVersion,
    tool: batches[0].tool,
    command,
    startedAt: starts[0],
    finishedAt: ends[ends.length - 1],
    ms: Math.max(...batches.map((b) => b.ms)),
    settings: batches[0].settings,
    shards: shards.length ? shards : undefined,
    submissions,
    summary: summariseBatch(submissions),
  };
  return { batch, notes };
}
