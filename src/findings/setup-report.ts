import type { Finding } from './finding.ts';
import { SCHEMA_VERSION, summarise, type RunReport } from './report.ts';

/**
 * The report of a run that stopped before any check (a setup error), so that --report always
 * leaves a report behind, with the cause and the fix as its one finding.
 */
export function setupErrorReport(command: string, target: string, error: Error, settings: { seed: number; runs: number }, version: string): RunReport {
  const now = new Date().toISOString();
  const [message, ...rest] = error.message.split('\n');
  const finding: Finding = {
    subject: target, suite: 'setup', property: 'the implementation loads', verdict: 'error', severity: 'bug',
    message, hint: rest.join(' ').replace(/^\s*fix:\s*/, '') || undefined, ms: 0,
  };
  const summary = { ...summarise([finding]), exitCode: 1 as const };
  return {
    schemaVersion: SCHEMA_VERSION, tool: { name: 'nncheck', version }, command, startedAt: now, finishedAt: now, ms: 0,
    settings: { ...settings, suites: [] }, subjects: [], findings: [finding], summary,
  };
}
