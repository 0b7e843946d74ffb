import { existsSync } from 'node:fs';
import { settingsFromEnv } from '../engine/harness.ts';
import { setupErrorReport } from '../findings/setup-report.ts';
import { reportWriter } from './report-dir.ts';

/** The commands whose report is a run report (the schema's `command`): the ones a setup report is written for. */
const RUN_REPORT_COMMANDS = ['run', 'check', 'compare', 'grad'];
const CANNOT_WRITE = /^cannot write reports to /;

/** Marks an error whose setup report a command has already written, so that it is not written twice. */
export function markReported<E>(e: E): E {
  if (e instanceof Error) Object.assign(e, { reportWritten: true });
  return e;
}

/** The value of the last --report on a command line (`--report DIR` or `--report=DIR`). */
function reportFlag(args: readonly string[]): string | undefined {
  let dir: string | undefined;
  args.forEach((a, i) => {
    if (a === '--report' && i + 1 < args.length && !args[i + 1].startsWith('-')) dir = args[i + 1];
    else if (a.startsWith('--report=')) dir = a.slice('--report='.length);
  });
  return dir;
}

/** What the command line names to check, as far as can be told without its parse: files, references, globs. */
const targetsOf = (args: readonly string[]) =>
  args.filter((a) => !a.startsWith('-') && (a.startsWith('reference:') || /[*?[]/.test(a) || existsSync(a)));

/** Writes the setup-error report of `command` on `target` into `dir` and marks the error as reported. */
export async function writeSetupReport(command: string, target: string, error: Error, dir: string): Promise<void> {
  if ((error as { reportWritten?: boolean }).reportWritten || CANNOT_WRITE.test(error.message)) return;
  let settings;
  try {
    settings = settingsFromEnv();
  } catch {
    settings = { seed: 42, runs: 100 }; // NNCHECK_SEED/RUNS are what failed: the documented defaults
  }
  (await reportWriter())(setupErrorReport(command, target, error, settings), dir);
  markReported(error);
}

/**
 * A setup or usage error (exit 2) that stopped a command before it wrote its report: the report
 * is written all the same, with the message, the fix and exitCode 2, into the --report folder
 * (for `run`, whose report is always written, its default reports/). `argv` is process.argv.
 */
export async function writeSetupReportFallback(argv: readonly string[], error: Error): Promise<void> {
  const first = argv[2];
  const command = first === undefined || first.startsWith('-') ? 'run' : first;
  if (!RUN_REPORT_COMMANDS.includes(command)) return;
  const args = argv.slice(command === first ? 3 : 2);
  if (args.includes('--help') || args.includes('-h')) return;
  const dir = reportFlag(args) ?? (command === 'run' ? 'reports' : undefined);
  if (dir !== undefined) await writeSetupReport(command, targetsOf(args).join(' ') || command, error, dir);
}
