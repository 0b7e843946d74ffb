import { Command } from 'commander';
import { REPORT_FILES } from '../../reporters/formats.ts';
import { formatDiagnosis } from '../../reporters/format-defects.ts';
import { defectsOf } from '../../diagnosis/index.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { intArg, loadOptionsOf, withImplementationOptions, type ImplementationFlags } from '../options.ts';

/** A line of the side-by-side table: quantity, yours and the reference's in fixed-width columns. */
const columns = (first: string, quantity: string, yours: string, reference: string, last: string) =>
  `${first} ${quantity.padEnd(48)} ${yours.padEnd(24)} ${reference.padEnd(24)} ${last}`;

export function compareCommand(): Command {
  return withImplementationOptions(
    new Command('compare')
      .description('run the same parameters and inputs through an implementation and the reference, side by side')
      .argument('<path>', 'the implementation file')
      .option('--seed <n>', 'seed for the parameters and the batch', intArg('--seed', 0), 0)
      .option('--steps <n>', 'training steps to compare', intArg('--steps', 0), 5)
      .option('--report <dir>', `write the report set into this folder (${REPORT_FILES})`)
      .option('--json', 'print the JSON report'),
    DEFAULT_TIMEOUT_MS / 1000,
  ).action(
    async (path: string, f: ImplementationFlags & { seed: number; steps: number; report?: string; json?: boolean }) => {
      // Loaded by the command that runs them, not by every start of the CLI (see registry.ts).
      const { compareWithReference } = await import('../../api/compare.ts');
      const { writeReports } = await import('../../reporters/write.ts');
      const { report, rows, verdict } = await compareWithReference(path, {
        seed: f.seed,
        steps: f.steps,
        ...loadOptionsOf(f),
      });
      if (f.report) writeReports(report, f.report);
      if (f.json) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        console.log(formatDiagnosis(defectsOf(report)));
        console.log(
          columns('  inputs'.padEnd(15), 'quantity (the entry that differs most)', 'yours', 'reference', 'rel. diff'),
        );
        for (const r of rows) {
          const mark = r.agrees ? ' ' : r.info ? 'i' : '✗';
          console.log(
            columns(`${mark} ${r.input.padEnd(13)}`, r.quantity, r.yours, r.reference, r.diff.toExponential(1)),
          );
          if (r.explanation) console.log(`    ${r.explanation}`);
        }
        console.log(verdict);
      }
      process.exitCode = report.summary.exitCode;
    },
  );
}
