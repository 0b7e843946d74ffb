import { Command } from 'commander';
import type { ActivationName } from '../../ops/activation.ts';
import { compareWithReference } from '../../api/compare.ts';
import { writeReports } from '../../reporters/write.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { intArg, withImplementationOptions } from '../options.ts';

export function compareCommand(): Command {
  return withImplementationOptions(new Command('compare')
    .description('run the same parameters and inputs through an implementation and the reference, side by side')
    .argument('<path>', 'the implementation file')
    .option('--seed <n>', 'seed for the parameters and the batch', intArg('--seed', 0), 0)
    .option('--steps <n>', 'training steps to compare', intArg('--steps', 0), 5)
    .option('--report <dir>', 'write the report set into this folder')
    .option('--json', 'print the JSON report'), DEFAULT_TIMEOUT_MS / 1000)
    .action(async (path: string, f: { seed: number; steps: number; python: string; class?: string; activation?: ActivationName; timeout: number; report?: string; json?: boolean; layerClasses?: string }) => {
      const { report, rows, firstDivergence } = await compareWithReference(path, { seed: f.seed, steps: f.steps, python: f.python, className: f.class, activation: f.activation, timeoutMs: f.timeout * 1000, layerClasses: f.layerClasses });
      if (f.report) writeReports(report, f.report);
      if (f.json) { console.log(JSON.stringify(report, null, 2)); }
      else {
        console.log(`${'quantity'.padEnd(44)} ${'yours'.padEnd(22)} ${'reference'.padEnd(22)} rel. diff`);
        for (const r of rows) {
          console.log(`${r.agrees ? ' ' : '✗'} ${r.quantity.padEnd(42)} ${r.yours.padEnd(22)} ${r.reference.padEnd(22)} ${r.diff.toExponential(1)}`);
          if (r.explanation) console.log(`    ${r.explanation}`);
        }
        console.log(firstDivergence ? `first divergence: ${firstDivergence.quantity}${firstDivergence.explanation ? ` — ${firstDivergence.explanation}` : ''}` : 'no divergence: the implementation matches the reference');
      }
      process.exitCode = report.summary.exitCode;
    });
}
