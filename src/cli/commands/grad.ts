import { Command } from 'commander';
import { setupErrorReport } from '../../findings/setup-report.ts';
import { markReported } from '../setup-report-fallback.ts';
import { REPORT_FILES } from '../../reporters/formats.ts';
import { isWarning } from '../../findings/finding.ts';
import type { GradCheckResult } from '../../gradcheck/result.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { choiceArg, intArg, positiveNumberArg } from '../options.ts';

interface GradFlags {
  loss: string;
  grad: string;
  params?: string;
  kinks?: string;
  seed: number;
  mode?: 'directional' | 'full';
  report?: string;
  json?: boolean;
  python: string;
  timeout: number;
}

/** A tensor's line: passed or not, its shape, and its worst relative error when one was measured. */
function tensorLine(t: GradCheckResult['tensors'][number]): string {
  const worst = t.worstRelError !== undefined ? `  worst relative error ${t.worstRelError.toExponential(2)}` : '';
  return `${t.verdict === 'pass' ? '✓' : '✗'} ${t.name} (${t.rows}x${t.cols})${worst}`;
}

/** nncheck grad FILE --loss NAME --grad NAME [--params NAME]: the gradient checker on any pair. */
export function gradCommand(): Command {
  return new Command('grad')
    .description(
      'check any loss/gradient pair: loss(params) -> number, grad(params) -> arrays shaped like params ' +
        '(.py through the bridge, .ts/.js in process)',
    )
    .argument('<path>', 'the file holding the loss, the gradient and the parameters')
    .requiredOption('--loss <name>', 'the loss function: loss(params) -> a number')
    .requiredOption('--grad <name>', 'the gradient function: grad(params) -> a list of arrays shaped like params')
    .option(
      '--params <name>',
      'the parameters: a list (or dict) of arrays, or a function returning one (default: params)',
    )
    .option(
      '--kinks <name>',
      'optional: a function of the parameters returning the values whose signs decide kinks ' +
        '(ReLU pre-activations), so kink crossings are found exactly',
    )
    .option('--seed <n>', 'seed for the random probes', intArg('--seed', 0), 0)
    .option(
      '--mode <mode>',
      'directional (probes, then localise; default) or full (every entry)',
      choiceArg('--mode', ['directional', 'full']),
    )
    .option('--report <dir>', `write the report set into this folder (${REPORT_FILES})`)
    .option('--json', 'print the JSON report instead of text')
    .option('--python <path>', 'Python interpreter for .py files', 'python3')
    .option(
      '--timeout <seconds>',
      'limit for one call into the file',
      positiveNumberArg('--timeout'),
      DEFAULT_TIMEOUT_MS / 1000,
    )
    .action(async (path: string, f: GradFlags) => {
      // Loaded by the command that runs them, not by every start of the CLI (see registry.ts).
      const { checkLossGradientPair } = await import('../../api/grad.ts');
      const { writeReports } = await import('../../reporters/write.ts');
      const { formatGradCheck } = await import('../../gradcheck/format.ts');
      const replay = [
        'npx nncheck grad',
        path,
        '--loss',
        f.loss,
        '--grad',
        f.grad,
        ...(f.params ? ['--params', f.params] : []),
        ...(f.kinks ? ['--kinks', f.kinks] : []),
        '--seed',
        String(f.seed),
        ...(f.mode ? ['--mode', f.mode] : []),
        ...(f.python !== 'python3' ? ['--python', f.python] : []),
      ].join(' ');
      let out;
      try {
        out = await checkLossGradientPair(path, {
          loss: f.loss,
          grad: f.grad,
          params: f.params,
          kinks: f.kinks,
          seed: f.seed,
          mode: f.mode,
          python: f.python,
          timeoutMs: f.timeout * 1000,
          replay,
        });
      } catch (e) {
        if (f.report) writeReports(setupErrorReport('grad', path, e as Error, { seed: f.seed, runs: 1 }), f.report);
        throw markReported(e);
      }
      const { report, result } = out;
      if (f.report) writeReports(report, f.report);
      if (f.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const n of report.subjects[0].notes) console.log(`i ${n}`);
        for (const t of result.tensors) console.log(tensorLine(t));
        console.log(formatGradCheck(result, replay));
        const main = report.findings[0];
        if (isWarning(main)) console.log(`! [warning] ${main.message}\n  hint: ${main.hint}`);
        if (f.report) console.log(`reports written to ${f.report}; open ${f.report}/nncheck.html`);
      }
      process.exitCode = report.summary.exitCode;
    });
}
