import type { BuiltinDataset } from '../data/builtin.ts';
import type { Finding } from '../findings/finding.ts';
import { SCHEMA_VERSION, summarise, type RunReport, type SubjectInfo } from '../findings/report.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { loadImplementation, type ImplementationOptions } from '../impl/load.ts';
import { incidentFindings } from '../impl/incidents.ts';
import { runSuites } from '../engine/run-suites.ts';
import type { Suite } from '../engine/subject.ts';
import type { RunSettings } from '../engine/harness.ts';
import { VERSION } from './version.ts';

export interface CheckOptions extends ImplementationOptions {
  /** The property catalogue to run (properties/suites' SUITES; the entry points pass it). */
  catalogue: readonly Suite[];
  suites?: string[];
  property?: string;
  settings: RunSettings;
  dataset?: BuiltinDataset;
  onFinding?: (f: Finding) => void;
  /** Builds the command line that replays one property's counterexample. */
  replayCommand?: (suite: string, property: string, seed: number, path: string) => string;
}

export function subjectInfo(impl: NetworkImplementation, target: string): SubjectInfo {
  const language = target.startsWith('reference:') ? 'reference' : target.endsWith('.py') ? 'python' : 'typescript';
  return { name: impl.name, language, activation: impl.activation, layout: impl.layout, notes: [...impl.notes] };
}

/** Loads an implementation and runs the chosen suites against it; SetupErrors propagate (exit 2). */
export async function checkImplementation(target: string, o: CheckOptions): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const impl = await loadImplementation(target, o);
  try {
    const findings = await runSuites({ impl, trainDataset: o.dataset }, {
      catalogue: o.catalogue,
      suites: o.suites, property: o.property, settings: o.settings, onFinding: o.onFinding,
      replayCommand: o.replayCommand ?? ((suite, property, seed, path) => `npx nncheck check ${target} --suite ${suite} --property '${property.replace(/'/g, "'\\''")}' --seed ${seed} --runs ${o.settings.runs} --path ${path}`),
    });
    const subject = subjectInfo(impl, target);
    for (const f of findings) f.subject = impl.name;
    const notes: Finding[] = impl.notes.map((n) => ({ subject: impl.name, suite: 'setup', property: 'how the implementation was read', verdict: 'pass', severity: 'info', message: n, ms: 0 }));
    const all = [...notes, ...findings, ...incidentFindings(impl.incidents ?? [], impl.name)];
    return {
      schemaVersion: SCHEMA_VERSION, tool: { name: 'nncheck', version: VERSION }, command: 'check',
      startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ms: performance.now() - t0,
      settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.suites ?? [] },
      subjects: [subject], findings: all, summary: summarise(all),
    };
  } finally {
    await impl.close?.();
  }
}
