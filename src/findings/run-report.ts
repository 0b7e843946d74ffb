import { VERSION } from '../util/version.ts';
import type { Charts } from './charts.ts';
import type { Defect } from './defect.ts';
import type { Finding } from './finding.ts';
import { SCHEMA_VERSION, summarise, type RunReport, type SubjectInfo } from './report.ts';

/** What a command knows about its run; the envelope (schema, tool, times, summary) is filled in. */
export interface RunReportInit {
  command: string;
  startedAt: Date;
  /** The run's duration; by default the wall-clock time from startedAt to now. */
  ms?: number;
  /** When the run ended; by default now. */
  finishedAt?: Date;
  /** As given (a setup error's report keeps whatever settings it was called with); suites default to none. */
  settings: { seed: number; runs: number; suites?: string[] };
  subjects: SubjectInfo[];
  findings: Finding[];
  defects?: Defect[];
  charts?: Charts;
  /** The exit code when it is not the findings' own: 2 for a setup error, 128+n when stopped by signal n. */
  exitCode?: number;
  interrupted?: RunReport['interrupted'];
  setupError?: RunReport['setupError'];
}

/** The one way to build a RunReport: every command's report has the same envelope and summary. */
export function runReport(o: RunReportInit): RunReport {
  const finishedAt = o.finishedAt ?? new Date();
  const summary = summarise(o.findings);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'nncheck', version: VERSION },
    command: o.command,
    startedAt: o.startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    ms: o.ms ?? finishedAt.getTime() - o.startedAt.getTime(),
    settings: { ...o.settings, suites: o.settings.suites ?? [] },
    subjects: o.subjects,
    findings: o.findings,
    ...(o.defects ? { defects: o.defects } : {}),
    ...(o.charts ? { charts: o.charts } : {}),
    summary: o.exitCode === undefined ? summary : { ...summary, exitCode: o.exitCode },
    ...(o.interrupted ? { interrupted: o.interrupted } : {}),
    ...(o.setupError ? { setupError: o.setupError } : {}),
  };
}
