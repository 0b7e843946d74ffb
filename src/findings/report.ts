import type { Finding } from './finding.ts';
import type { Charts } from './charts.ts';
import type { Defect } from './defect.ts';
import { exitCodeOf, isBug, isError, isNote, isPlainPass, isSetupError, isSkipped, isWarning } from './finding.ts';

export const SCHEMA_VERSION = 1;

export interface SubjectInfo {
  name: string;
  language: 'typescript' | 'python' | 'reference';
  activation: string;
  layout: string;
  notes: string[];
}

/** A whole run: the JSON report is this object, the source of truth for every other format. */
export interface RunReport {
  schemaVersion: typeof SCHEMA_VERSION;
  tool: { name: 'nncheck'; version: string };
  command: string;
  startedAt: string;
  finishedAt: string;
  ms: number;
  settings: { seed: number; runs: number; suites: string[] };
  subjects: SubjectInfo[];
  findings: Finding[];
  /**
   * The diagnosis: the findings grouped into ranked defects (src/diagnosis). Optional so that a
   * report built without it still renders: reporters diagnose the findings themselves then.
   */
  defects?: Defect[];
  /** The data of the report's charts (training curves, gradient error per tensor). */
  charts?: Charts;
  summary: Summary;
  /** Set when the run was stopped by a signal: the findings are the ones made before it. */
  interrupted?: { signal: string };
  /** Set when the run could not start: what went wrong and how to fix it (exit code 2). */
  setupError?: { message: string; fix?: string };
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  bugs: number;
  warnings: number;
  infos: number;
  /** Setup errors: the run could not check the code (exit 2); counted apart from bugs and failures. */
  setupErrors: number;
  /** The process's exit code: 0 no bug, 1 a bug, 2 a setup error, 128+n stopped by signal n. */
  exitCode: number;
}

export function summarise(findings: readonly Finding[]): Summary {
  const count = (p: (f: Finding) => boolean) => findings.filter(p).length;
  return {
    total: findings.length,
    // Checks that held; notes (how the file was read) are counted apart, never as passes.
    passed: count(isPlainPass),
    failed: count((f) => f.verdict === 'fail'),
    errors: count((f) => isError(f) && !isSetupError(f)),
    skipped: count(isSkipped),
    bugs: count(isBug),
    warnings: count(isWarning),
    infos: count(isNote),
    setupErrors: count(isSetupError),
    exitCode: exitCodeOf(findings),
  };
}
