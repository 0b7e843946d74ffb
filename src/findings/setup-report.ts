import type { Finding } from './finding.ts';
import { capFinding } from './cap.ts';
import { finding } from './build.ts';
import { capText } from '../util/text-safety.ts';
import type { RunReport, SubjectInfo } from './report.ts';
import { runReport } from './run-report.ts';

const languageOf = (target: string): SubjectInfo['language'] =>
  target.startsWith('reference:') ? 'reference' : target.endsWith('.py') ? 'python' : 'typescript';

/** The implementation as far as it is known when a run stops early (it may never have loaded). */
const unknownSubject = (target: string): SubjectInfo => ({
  name: target,
  language: languageOf(target),
  activation: 'unknown',
  layout: 'unknown',
  notes: [],
});

/**
 * The report of a run that stopped before any check (a setup error), so that --report always
 * leaves a report behind: the message and the fix as its one finding and as `setupError`, and
 * the exit code the process exits with (2).
 */
export function setupErrorReport(
  command: string,
  target: string,
  error: Error,
  settings: { seed: number; runs: number },
): RunReport {
  const now = new Date();
  const fixed = (error as { fix?: string }).fix;
  const [message, ...rest] = error.message.split('\n  fix: ')[0].split('\n');
  const fix = fixed ?? (error.message.includes('\n  fix: ') ? error.message.split('\n  fix: ')[1] : undefined);
  const loads: Finding = capFinding(
    finding({
      subject: target,
      id: 'setup.loads',
      suite: 'setup',
      property: 'the implementation loads',
      verdict: 'error',
      // Not a bug in the code's maths: the code could not be checked (isSetupError, counted apart).
      severity: 'none',
      message,
      hint: fix,
      detail: rest.join('\n') || undefined,
    }),
  );
  return runReport({
    command,
    startedAt: now,
    finishedAt: now,
    ms: 0,
    settings,
    subjects: [unknownSubject(target)],
    findings: [loads],
    exitCode: 2,
    setupError: { message: loads.message, ...(fix ? { fix: capText(fix) } : {}) },
  });
}

/** The report of a run stopped by a signal: what was found before it, marked interrupted. */
export function interruptedReport(
  command: string,
  target: string,
  findings: Finding[],
  o: {
    settings: { seed: number; runs: number; suites?: string[] };
    startedAt: Date;
    signal: string;
    exitCode: number;
  },
): RunReport {
  return runReport({
    command,
    startedAt: o.startedAt,
    settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.settings.suites },
    subjects: [unknownSubject(target)],
    findings,
    exitCode: o.exitCode,
    interrupted: { signal: o.signal },
  });
}
