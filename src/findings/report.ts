import type { Finding } from './finding.ts';
import type { Defect } from './defect.ts';
import { exitCodeOf, isFailure } from './finding.ts';

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
  /** Extra series for charts (training curves, gradient errors), keyed by a name. */
  charts?: Record<string, unknown>;
  summary: Summary;
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
  exitCode: 0 | 1;
}

export function summarise(findings: readonly Finding[]): Summary {
  const count = (p: (f: Finding) => boolean) => findings.filter(p).length;
  return {
    total: findings.length,
    passed: count((f) => f.verdict === 'pass'),
    failed: count((f) => f.verdict === 'fail'),
    errors: count((f) => f.verdict === 'error'),
    skipped: count((f) => f.verdict === 'skip'),
    bugs: count((f) => isFailure(f) && f.severity === 'bug'),
    warnings: count((f) => isFailure(f) && f.severity === 'warning'),
    infos: count((f) => f.severity === 'info'),
    exitCode: exitCodeOf(findings),
  };
}
