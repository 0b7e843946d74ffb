import { Command } from 'commander';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { SetupError } from '../../impl/adapters/setup-error.ts';
import { setupErrorReport } from '../../findings/setup-report.ts';
import { VERSION } from '../../api/version.ts';
import type { ActivationName } from '../../ops/activation.ts';
import { BUILTIN_DATASETS, type BuiltinDataset } from '../../data/builtin.ts';
import { checkImplementation } from '../../api/check.ts';
import { formatFinding, formatSummary } from '../../reporters/format-finding.ts';
import { writeReports } from '../../reporters/write.ts';
import { REPORTERS } from '../../reporters/registry.ts';
import { SUITES, SUITE_NAMES } from '../../../properties/suites/index.ts';
import { PROJECT_COUNTEREXAMPLE_DIR, saveCounterexample } from '../../engine/counterexamples.ts';
import { settingsFromEnv } from '../../engine/harness.ts';
import { DEFAULT_TIMEOUT_MS } from '../../impl/python/python-module.ts';
import { choiceArg, intArg, withImplementationOptions } from '../options.ts';

interface CheckFlags {
  suite?: string[]; property?: string; path?: string; seed?: number; runs?: number; dataset?: BuiltinDataset; report?: string; json?: boolean;
  python: string; class?: string; activation?: ActivationName; timeout: number; saveCounterexamples?: boolean | string; reporter?: string; quiet?: boolean; coverage?: boolean;
}

const collect = (parse: (v: string) => string) => (v: string, prev: string[] = []) => [...prev, parse(v)];
const shellQuote = (s: string) => (/^[\w./:-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

export function checkCommand(): Command {
  return withImplementationOptions(new Command('check')
    .description('check a network implementation (.py through the Python bridge, .ts/.js in process, or reference:<activation>)')
    .argument('<path>', 'the implementation file, or reference:sigmoid|relu|leaky_relu|tanh')
    .option('--suite <name>', `run only this suite (repeatable): ${SUITE_NAMES.join(', ')}`, collect(choiceArg('--suite', SUITE_NAMES)))
    .option('--property <name>', 'run only the property with this exact name (with --path: replay one counterexample)')
    .option('--path <path>', 'fast-check path of a counterexample to replay (printed with each failure)')
    .option('--seed <n>', 'run seed (default NNCHECK_SEED or 42)', intArg('--seed', 0))
    .option('--runs <n>', 'generated cases per property (default NNCHECK_RUNS or 100)', intArg('--runs', 1))
    .option('--dataset <name>', `data set for the implementation's own train(), kept raw: ${BUILTIN_DATASETS.join(', ')}`, choiceArg('--dataset', BUILTIN_DATASETS), 'digits')
    .option('--report <dir>', 'write the report set (JSON, Markdown, JUnit XML, HTML) into this folder')
    .option('--json', 'print the JSON report instead of text')
    .option('--save-counterexamples [dir]', `save failing properties' shrunk counterexamples into your project (default ${PROJECT_COUNTEREXAMPLE_DIR}; nncheck replay re-runs them)`)
    .option('--reporter <name>', `also print this report format on stdout: ${Object.keys(REPORTERS).join(', ')} (github: workflow annotations)`, choiceArg('--reporter', Object.keys(REPORTERS)))
    .option('--quiet', 'print only failures and the summary')
    .option('--coverage', 'measure which lines and branches of a JS/TS implementation the checks exercised (c8: HTML and lcov under <report>/coverage)'), DEFAULT_TIMEOUT_MS / 1000)
    .action(async (path: string, f: CheckFlags) => {
      if (f.coverage && !process.env.NNCHECK_UNDER_C8) {
        process.exitCode = underCoverage(path, f.report ?? 'reports');
        return;
      }
      const settings = settingsFromEnv({ seed: f.seed, runs: f.runs, path: f.path });
      const base = ['npx nncheck check', shellQuote(path), ...(f.python !== 'python3' ? ['--python', shellQuote(f.python)] : []), ...(f.class ? ['--class', f.class] : [])];
      let report;
      try {
        report = await checkImplementation(path, {
        catalogue: SUITES,
        suites: f.suite, settings, dataset: f.dataset, python: f.python, className: f.class, activation: f.activation, timeoutMs: f.timeout * 1000,
        property: f.property,
        replayCommand: (suite, property, seed, p) => [...base, '--suite', suite, '--property', shellQuote(property), '--seed', String(seed), '--runs', String(settings.runs), '--path', p].join(' '),
        onFinding: f.json ? undefined : (x) => {
          if (!f.quiet || x.verdict === 'fail' || x.verdict === 'error') console.log(formatFinding(x));
        },
        });
      } catch (e) {
        // Nothing is lost: a setup error still leaves a report behind when one was asked for.
        if (f.report) writeReports(setupErrorReport('check', path, e as Error, settings, VERSION), f.report);
        throw e;
      }
      if (f.saveCounterexamples) {
        const dir = f.saveCounterexamples === true ? PROJECT_COUNTEREXAMPLE_DIR : f.saveCounterexamples;
        const load = { target: relative(process.cwd(), resolve(path)), className: f.class, activation: f.activation };
        for (const x of report.findings) if (x.verdict === 'fail' && x.replay?.path) console.log(`saved ${saveCounterexample(x, report.subjects[0].name, settings.runs, dir, load)}`);
      }
      if (f.report) writeReports(report, f.report);
      if (f.reporter) process.stdout.write(REPORTERS[f.reporter].render(report));
      if (f.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const n of report.subjects[0].notes) console.log(`i ${n}`);
        console.log(formatSummary(report.summary, report.ms / 1000));
        if (f.report) console.log(`reports written to ${f.report}; open ${f.report}/nncheck.html`);
      }
      process.exitCode = report.summary.exitCode;
    });
}

/** Re-runs this very check under c8, measuring only the user's file. Returns the exit code. */
function underCoverage(path: string, reportDir: string): number {
  if (!/\.(m?[jt]s|cjs)$/.test(path)) throw new SetupError(`--coverage measures JavaScript and TypeScript implementations; ${path} is not one`, 'drop --coverage (for Python, run coverage.py around your own tests)');
  let c8: string;
  try {
    c8 = createRequire(import.meta.url).resolve('c8/bin/c8.js');
  } catch {
    throw new SetupError('--coverage needs c8, an optional peer dependency of nncheck, and it is not installed', 'npm install --save-dev c8');
  }
  const args = process.argv.slice(2).filter((a) => a !== '--coverage');
  const dir = join(reportDir, 'coverage');
  const r = spawnSync(process.execPath, [c8, '--reporter=html', '--reporter=lcov', '--reporter=text-summary', `--reports-dir=${dir}`, `--include=${relative(process.cwd(), resolve(path))}`, process.execPath, process.argv[1], ...args],
    { stdio: 'inherit', env: { ...process.env, NNCHECK_UNDER_C8: '1' } });
  console.log(`coverage of ${path}: ${join(dir, 'index.html')} and ${join(dir, 'lcov.info')}`);
  return r.status ?? 2;
}
