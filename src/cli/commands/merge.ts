import { Command } from 'commander';

/** `nncheck merge DIR...`: the report folders of shard runs become one report set with one summary. */
export function mergeCommand(): Command {
  return new Command('merge')
    .description('combine the report folders of batch or --shard runs into one report set')
    .argument('<dirs...>', 'report folders (or their nncheck.json) of batch runs')
    .option('--report <dir>', 'write the merged report set into this folder', 'reports')
    .option('--json', 'print the merged JSON report instead of text')
    .action(async (dirs: string[], f: { report: string; json?: boolean }) => {
      // Loaded by the command that runs them, not by every start of the CLI (see registry.ts).
      const { mergeBatches, readBatch } = await import('../../batch/merge.ts');
      const { formatBatchSummary } = await import('../../findings/batch-report.ts');
      const { writeBatchReports } = await import('../../reporters/batch-registry.ts');
      const { batch, notes } = mergeBatches(dirs.map(readBatch), `merge ${dirs.join(' ')}`);
      writeBatchReports(batch, f.report);
      if (f.json) console.log(JSON.stringify(batch, null, 1));
      else {
        for (const n of notes) console.log(`i ${n}`);
        console.log(formatBatchSummary(batch.summary, batch.ms / 1000));
        console.log(`reports written to ${f.report}; open ${f.report}/nncheck.html`);
      }
      process.exitCode = batch.summary.exitCode;
    });
}
