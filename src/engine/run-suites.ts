import type { Finding } from '../findings/finding.ts';
import { ImplementationFault } from '../gradcheck/objective.ts';
import { runProperty, type RunSettings } from './harness.ts';
import type { Subject, Suite } from './subject.ts';

export interface SuiteRunOptions {
  /** The catalogue to draw from (properties/suites): passed in, so the engine never imports it. */
  catalogue: readonly Suite[];
  /** Names of the suites to run (default: the whole catalogue). */
  suites?: string[];
  settings: RunSettings;
  /** Only the property with this exact name (for replaying one counterexample). */
  property?: string;
  onFinding?: (f: Finding) => void;
  replayCommand?: (suite: string, property: string, seed: number, path: string) => string;
}

/** Runs suites against one subject; every property becomes a Finding. A crash of one suite is a finding too. */
export async function runSuites(subject: Subject, o: SuiteRunOptions): Promise<Finding[]> {
  const chosen: Suite[] = o.suites?.length ? o.catalogue.filter((s) => o.suites!.includes(s.name)) : [...o.catalogue];
  const out: Finding[] = [];
  const emit = (f: Finding) => { out.push(f); o.onFinding?.(f); };
  for (const suite of chosen) {
    const t0 = performance.now();
    try {
      for (const spec of suite.properties?.(subject) ?? []) {
        if (o.property && spec.property !== o.property) continue;
        emit(await runProperty(spec, o.settings, o.replayCommand ? (seed, path) => o.replayCommand!(spec.suite, spec.property, seed, path) : undefined));
      }
      if (suite.run && !o.property) for (const f of await suite.run(subject, o.settings)) emit(f);
    } catch (e) {
      const ms = performance.now() - t0;
      if (e instanceof ImplementationFault && e.kind === 'not-run') emit({ suite: suite.name, property: '(suite)', verdict: 'skip', severity: 'none', message: `the suite's remaining checks were ${e.message}`, hint: e.detail, ms });
      else emit({ suite: suite.name, property: '(suite)', verdict: 'error', severity: 'bug', message: `the suite stopped: ${(e as Error).message}`, detail: (e as { detail?: string }).detail, ms });
    }
  }
  return out;
}
