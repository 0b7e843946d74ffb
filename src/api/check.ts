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
import { freeOpsOf, opsOnlySubject, type FreeOpsRequest } from './check-ops.ts';

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
  /** Free ops in a Python script (softmax, activations, derivatives, costs): found and checked too. */
  ops?: FreeOpsRequest;
}

export function subjectInfo(impl: NetworkImplementation, target: string): SubjectInfo {
  const language = target.startsWith('reference:') ? 'reference' : target.endsWith('.py') ? 'python' : 'typescript';
  return { name: impl.name, language, activation: impl.activation, layout: impl.layout, notes: [...impl.notes] };
}

/** Loads an implementation and runs the chosen suites against it; SetupErrors propagate (exit 2). */
export async function checkImplementation(target: string, o: CheckOptions): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  const replayCommand = o.replayCommand ?? ((suite: string, property: string, seed: number, path: string) => `npx nncheck check ${target} --suite ${suite} --property '${property.replace(/'/g, "'\\''")}' --seed ${seed} --runs ${o.settings.runs} --path ${path}`);
  // A script of free ops without a network contract is checked as it is: no setup error.
  const ops = await freeOpsOf(target, { ...o, replayCommand });
  const onlyOps = ops !== undefined && o.suites?.length && o.suites.every((x) => x === o.ops?.suite.name);
  const impl = (ops?.found && !ops.hasContract) || onlyOps ? undefined : await loadImplementation(target, o);
  try {
    const findings = impl ? await runSuites({ impl, trainDataset: o.dataset }, {
      catalogue: o.catalogue,
      suites: o.suites, property: o.property, settings: o.settings, onFinding: o.onFinding, replayCommand,
    }) : [];
    const subject = impl ? subjectInfo(impl, target) : opsOnlySubject(target, ops!);
    if (impl && ops) subject.notes.push(...ops.notes);
    for (const f of findings) f.subject = subject.name;
    const notes: Finding[] = subject.notes.map((n) => ({ subject: subject.name, suite: 'setup', property: 'how the implementation was read', verdict: 'pass', severity: 'info', message: n, ms: 0 }));
    const all = [...notes, ...(ops?.findings ?? []), ...findings, ...(impl ? incidentFindings(impl.incidents ?? [], impl.name) : [])];
    return {
      schemaVersion: SCHEMA_VERSION, tool: { name: 'nncheck', version: VERSION }, command: 'check',
      startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), ms: performance.now() - t0,
      settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.suites ?? [] },
      subjects: [subject], findings: all, summary: summarise(all),
    };
  } finally {
    await impl?.close?.();
  }
}
