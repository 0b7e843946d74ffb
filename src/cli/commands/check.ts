import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { SetupError } from '../../impl/adapters/setup-error.ts';
import { interruptedReport, setupErrorReport } from '../../findings/setup-report.ts';
import type { Finding } from '../../findings/finding.ts';
import { terminalSafe } from '../../util/text-safety.ts';
import { onInterrupt } from '../interrupt.ts';
import { checkReportDir, reportWriter, type ReportWriter } from '../report-dir.ts';
import { BUILTIN_DATASETS, type BuiltinDataset } from '../../data/builtin.ts';
import { checkImplementation } from '../../api/check.ts';
import { formatFinding, formatSummary } from '../../reporters/format-finding.ts';
import { REPORT_FILES, REPORT_NAMES } from '../../reporters/formats.ts';
import type { Reporter } from '../../reporters/reporter.ts';
import { diagnosisHeadline, formatDiagnosis, formatEvidence } from '../../reporters/format-defects.ts';
import { NETWORK_NOT_CHECKED } from '../../findings/network-not-checked.ts';
import { allowPolling } from '../../impl/python/spin.ts';
import { defectsOf } from '../../diagnosis/index.ts';
import { SUITES, SUITE_NAMES } from '../../../properties/suites/index.ts';
import { opsSuite } from '../../../properties/suites/ops/index.ts';
import { PROJECT_COUNTEREXAMPLE_DIR, saveCounterexample } from '../../engine/counterexamples.ts';
import { settingsFromEnv } from '../../engine/harness.ts';
import type { Precision } from '../../core/precision.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { choiceArg, intArg, loadOptionsOf, withImplementationOptions, type ImplementationFlags } from '../options.ts';
import { isBatch, withBatchOptions, type BatchFlags } from './check-batch-options.ts';
import { formatTimings } from '../format-timings.ts';
import { consoleFor, machineOutputOnly, NO_REPORT } from '../output.ts';
import { markReported } from '../setup-report-fallback.ts';

interface CheckFlags extends ImplementationFlags {
  data?: string;
  suite?: string[];
  property?: string;
  path?: string;
  seed?: number;
  runs?: number;
  dataset?: BuiltinDataset;
  report?: string;
  json?: boolean;
  precision?: Precision | 'auto';
  saveCounterexamples?: boolean | string;
  quiet?: boolean;
  coverage?: boolean;
  op?: string[];
  timings?: boolean;
  reporter?: string;
}

const collect =
  (parse: (v: string) => string) =>
  (v: string, prev: string[] = []) => [...prev, parse(v)];
const shellQuote = (s: string) => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

export function checkCommand(): Command {
  return withBatchOptions(
    withImplementationOptions(
      new Command('check')
        .description(
          'check a network implementation ' +
            '(.py through the Python bridge, .ts/.js in a Node process of its own, or reference:<activation>)',
        )
        .argument(
          '<paths...>',
          'the implementation file, or reference:sigmoid|relu|leaky_relu|tanh; ' +
            'several files, folders or globs: batch mode',
        )
        .option(
          '--suite <name>',
          `run only this suite (repeatable): ${[...SUITE_NAMES, opsSuite.name].join(', ')}`,
          collect(choiceArg('--suite', [...SUITE_NAMES, opsSuite.name])),
        )
        .option(
          '--op <role=function>',
          "name a free function's role when its name or behaviour does not tell (repeatable): " +
            'softmax, activation, derivative or cost, e.g. --op softmax=my_softmax',
          collect(String),
        )
        .option(
          '--property <id>',
          'run only the property with this id, e.g. softmax.rows-sum-to-one (with --path: replay one ' +
            "counterexample); each failure's replay line names its id, --json gives every finding's id, and an " +
            "unknown id lists the chosen suites' ids (the old full sentence is still accepted)",
        )
        .option('--path <path>', 'fast-check path of a counterexample to replay (printed with each failure)')
        .option('--seed <n>', 'run seed (default NNCHECK_SEED or 42)', intArg('--seed', 0))
        .option('--runs <n>', 'generated cases per property (default NNCHECK_RUNS or 100)', intArg('--runs', 1))
        .option(
          '--dataset <name>',
          `data set for the implementation's own train(), kept raw: ${BUILTIN_DATASETS.join(', ')}`,
          choiceArg('--dataset', BUILTIN_DATASETS),
          'digits',
        )
        .option(
          '--precision <p>',
          "the implementation's working precision: float32, float64 or auto (detected from returned values and dtypes)",
          choiceArg('--precision', ['float32', 'float64', 'auto']),
          'auto',
        )
        .option(
          '--data <file>',
          "your data for the implementation's own train(), kept raw: " +
            'a CSV with a label column, or an .npz with X and y (default: the --dataset)',
        )
        .option(
          '--report <dir>',
          `write the report set into this folder: ${REPORT_FILES} (a single check writes none without ` +
            'it and says so; a batch writes it to reports/ by default)',
        )
        .option('--json', 'print the JSON report instead of text: stdout holds that JSON alone')
        .option(
          '--save-counterexamples [dir]',
          "save failing properties' shrunk counterexamples into your project " +
            `(default ${PROJECT_COUNTEREXAMPLE_DIR}; nncheck replay re-runs them)`,
        )
        .option(
          '--reporter <name>',
          `print this report format on stdout: ${REPORT_NAMES.join(', ')}; stdout then holds ` +
            'that format alone and the console text goes to stderr (github: workflow annotations; csv: one ' +
            'gradebook row per submission, path,verdict,exit_code,bugs,warnings,defects,seconds,cached,error, ' +
            'for one file as for a batch)',
          choiceArg('--reporter', REPORT_NAMES),
        )
        .option('--quiet', 'print only the diagnosis (the defects, one line each) and the summary')
        .option('--timings', 'print where the time went: start-up, loading, each suite, bridge round trips')
        .option(
          '--coverage',
          'measure which lines and branches of a JS/TS implementation the checks exercised ' +
            '(c8: HTML and lcov under <report>/coverage)',
        ),
      DEFAULT_TIMEOUT_MS / 1000,
    ),
  ).action(async (paths: string[], f: CheckFlags) => {
    machineOutputOnly(f);
    if (isBatch(paths, f as BatchFlags)) {
      const { runBatchCheck } = await import('./check-batch.ts');
      process.exitCode = await runBatchCheck(paths, f as BatchFlags);
      return;
    }
    const path = paths[0];
    // The reporters load only when a report is asked for, and before the run: a signal's partial
    // report is written synchronously. Counted in the start-up, as the other imports are.
    const writeReportsOrSay: ReportWriter | undefined = f.report ? await reportWriter() : undefined;
    const format: Reporter | undefined = f.reporter
      ? (await import('../../reporters/registry.ts')).REPORTERS[f.reporter]
      : undefined;
    const startupMs = performance.now();
    allowPolling(); // one check: its Python bridge may poll for requests on a free core
    if (f.coverage && !process.env.NNCHECK_UNDER_C8) {
      process.exitCode = underCoverage(path, f.report ?? 'reports');
      return;
    }
    const settings = settingsFromEnv({ seed: f.seed, runs: f.runs, path: f.path });
    // Every flag that changes the outcome goes into each replay line.
    const base = [
      'npx nncheck check',
      shellQuote(path),
      ...(f.python !== 'python3' ? ['--python', shellQuote(f.python)] : []),
      ...(f.class ? ['--class', shellQuote(f.class)] : []),
      ...(f.activation ? ['--activation', f.activation] : []),
      ...(f.timeout !== DEFAULT_TIMEOUT_MS / 1000 ? ['--timeout', String(f.timeout)] : []),
      ...(f.data ? ['--data', shellQuote(f.data)] : []),
      ...(f.dataset && f.dataset !== 'digits' ? ['--dataset', f.dataset] : []),
      ...(f.precision && f.precision !== 'auto' ? ['--precision', f.precision] : []),
      ...(f.layerClasses ? ['--layer-classes', shellQuote(f.layerClasses)] : []),
    ];
    const startedAt = new Date();
    const seen: Finding[] = [];
    let report;
    // With --reporter, stdout holds only that format: the console text goes to stderr.
    const say = consoleFor(f);
    try {
      if (f.report) checkReportDir(f.report);
      // Stopped by a signal: what was found so far is written, marked interrupted.
      onInterrupt((signal, code) => {
        const partial = interruptedReport('check', path, seen, {
          settings: { ...settings, suites: f.suite },
          startedAt,
          signal,
          exitCode: code,
        });
        if (f.json) process.stdout.write(`${JSON.stringify(partial, null, 2)}\n`);
        if (f.report) writeReportsOrSay?.(partial, f.report);
        const partialAt = f.report ? `, partial report in ${f.report}` : '';
        process.stderr.write(
          `nncheck: interrupted by ${signal} after ${seen.length} checks; processes ended${partialAt}\n`,
        );
      });
      report = await checkImplementation(path, {
        catalogue: SUITES,
        suites: f.suite,
        settings,
        dataset: f.dataset,
        data: f.data,
        ...loadOptionsOf(f),
        precision: f.precision,
        property: f.property,
        ops: { suite: opsSuite, hints: f.op },
        suiteReplayCommand: (suite, seed) =>
          [...base, '--suite', suite, '--seed', String(seed), '--runs', String(settings.runs)].join(' '),
        replayCommand: (suite, id, seed, p) =>
          [
            ...base,
            '--suite',
            suite,
            '--property',
            shellQuote(id),
            '--seed',
            String(seed),
            '--runs',
            String(settings.runs),
            '--path',
            p,
          ].join(' '),
        // Collected for a partial report on a signal; printed after the run, the diagnosis first.
        onFinding: (x) => {
          seen.push(x);
        },
      });
    } catch (e) {
      onInterrupt(null);
      // Nothing is lost: a setup error still leaves a report behind when one was asked for,
      // with its message, its fix and exit code 2 (the folder itself may be what failed).
      const setup = setupErrorReport('check', path, e as Error, settings);
      if (f.json) console.log(JSON.stringify(setup, null, 2));
      // --reporter prints even then: a gradebook's CSV gets the file's row (verdict setup-error).
      if (format) process.stdout.write(format.render(setup));
      if (f.report && !/^cannot write reports to /.test((e as Error).message)) writeReportsOrSay?.(setup, f.report);
      throw markReported(e);
    }
    onInterrupt(null);
    const bySentence = f.property && report.findings.find((x) => x.property === f.property && x.id !== f.property);
    if (bySentence && bySentence.id)
      process.stderr.write(
        `note: --property takes a property's id; '${f.property}' is the sentence of ${bySentence.id}: ` +
          `use --property ${bySentence.id} (sentences may change, ids stay)\n`,
      );
    if (f.saveCounterexamples) {
      const dir = f.saveCounterexamples === true ? PROJECT_COUNTEREXAMPLE_DIR : f.saveCounterexamples;
      const load = { target: relative(process.cwd(), resolve(path)), className: f.class, activation: f.activation };
      for (const x of report.findings)
        if (x.verdict === 'fail' && x.replay?.path)
          say(`saved ${saveCounterexample(x, report.subjects[0].name, settings.runs, dir, load)}`);
    }
    // The results reach stdout first, whatever happens to the report folder.
    if (format) process.stdout.write(format.render(report));
    if (f.json) console.log(JSON.stringify(report, null, 2));
    else {
      // The diagnosis first; then (unless --quiet) the evidence and every other check.
      const defects = defectsOf(report);
      say(terminalSafe(formatDiagnosis(defects, report.findings)));
      // What the headline speaks for, when the network itself was not read: even with --quiet.
      const scope = report.findings.find((x) => x.id === NETWORK_NOT_CHECKED);
      if (scope) say(terminalSafe(formatFinding(scope)));
      if (!f.quiet) {
        if (defects.length) say(terminalSafe(formatEvidence(defects, report.findings)));
        const shown = new Set(defects.flatMap((d) => d.findings));
        for (const [i, x] of report.findings.entries())
          if (!shown.has(i) && x.suite !== 'setup') say(terminalSafe(formatFinding(x)));
        for (const n of report.subjects[0].notes) say(terminalSafe(`i ${n}`));
      }
      say(formatSummary(report.summary, report.ms / 1000, diagnosisHeadline(defects)));
    }
    const written = f.report && writeReportsOrSay ? writeReportsOrSay(report, f.report) : false;
    if (written && !f.json) say(`reports written to ${f.report}; open ${f.report}/nncheck.html`);
    else if (!f.report && !f.json && !f.quiet) say(NO_REPORT);
    if (f.report && !written) {
      process.exitCode = 2;
      return;
    }
    if (f.timings) (f.json ? console.error : say)(formatTimings(startupMs));
    process.exitCode = report.summary.exitCode;
  });
}

/** Re-runs this very check under c8, measuring only the user's file. Returns the exit code. */
function underCoverage(path: string, reportDir: string): number {
  if (!/\.(m?[jt]s|cjs)$/.test(path))
    throw new SetupError(
      `--coverage measures JavaScript and TypeScript implementations; ${path} is not one`,
      'drop --coverage (for Python, run coverage.py around your own tests)',
    );
  let c8: string;
  try {
    c8 = createRequire(import.meta.url).resolve('c8/bin/c8.js');
  } catch {
    throw new SetupError(
      '--coverage needs c8, an optional peer dependency of nncheck, and it is not installed',
      'npm install --save-dev c8',
    );
  }
  const args = process.argv.slice(2).filter((a) => a !== '--coverage');
  const dir = join(reportDir, 'coverage');
  const r = spawnSync(
    process.execPath,
    [
      c8,
      '--reporter=html',
      '--reporter=lcov',
      '--reporter=text-summary',
      `--reports-dir=${dir}`,
      `--include=${relative(process.cwd(), resolve(path))}`,
      process.execPath,
      process.argv[1],
      ...args,
    ],
    { stdio: 'inherit', env: { ...process.env, NNCHECK_UNDER_C8: '1' } },
  );
  console.log(`coverage of ${path}: ${join(dir, 'index.html')} and ${join(dir, 'lcov.info')}`);
  return r.status ?? 2;
}
