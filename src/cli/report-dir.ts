import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { RunReport } from '../findings/report.ts';
import { SetupError } from '../impl/adapters/setup-error.ts';
import { terminalSafe } from '../util/text-safety.ts';

const FIX = "pass --report with a folder you can write to, or fix the folder's permissions (or free disk space)";

/** mkdir -p one level at a time: Node's recursive mkdir spins forever under /proc. */
function makeDirs(dir: string): void {
  if (existsSync(dir)) return;
  makeDirs(dirname(dir));
  mkdirSync(dir);
}

/** Checked before a run: the report folder exists (or can be made) and takes a file; else a setup error. */
export function checkReportDir(dir: string): void {
  const probe = join(dir, `.nncheck-write-test-${process.pid}`);
  try {
    makeDirs(resolve(dir));
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
  } catch (e) {
    throw new SetupError(`cannot write reports to ${resolve(dir)}: ${(e as Error).message}`, FIX);
  }
}

/**
 * Writes the report set; when that fails the run's results are not lost (the caller has printed
 * them or prints them next), the error names the folder and the fix. Returns whether it worked.
 */
export type ReportWriter = (report: RunReport, dir: string) => boolean;

/**
 * The report writer, loading the reporters (HTML, charts, XML: a third of the CLI's modules) only
 * for a command that writes a report. Awaited before the run, so that writing stays synchronous
 * (a signal's partial report is written from its handler).
 */
export async function reportWriter(): Promise<ReportWriter> {
  const { writeReports } = await import('../reporters/write.ts');
  return (report, dir) => {
    try {
      writeReports(report, dir);
      return true;
    } catch (e) {
      process.stderr.write(
        terminalSafe(
          `nncheck: the reports could not be written to ${resolve(dir)}: ${(e as Error).message}\n  fix: ${FIX}\n`,
        ),
      );
      return false;
    }
  };
}
