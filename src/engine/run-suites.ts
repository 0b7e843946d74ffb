import { isFailure, type Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { capFinding } from '../findings/cap.ts';
import { runProperty, selects, type RunSettings } from './harness.ts';
import type { Subject, Suite } from './subject.ts';
import { resolvePrecision } from '../impl/detect-precision.ts';
import { recordTiming } from '../util/timings.ts';
import { withCallMemo } from '../impl/call-memo.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';

/**
 * Whether a property's calls are sent ahead, many cases at a time: only for an implementation
 * whose calls depend on their arguments alone (cases then cannot disturb each other), and that
 * takes many calls in one round trip. NNCHECK_GATHER=0 turns it off (to compare).
 */
const gathersCalls = (impl: NetworkImplementation) =>
  impl.statelessCalls === true && impl.callMany !== undefined && process.env.NNCHECK_GATHER !== '0';

export interface SuiteRunOptions {
  /** The catalogue to draw from (properties/suites): passed in, so the engine never imports it. */
  catalogue: readonly Suite[];
  /** Names of the suites to run (default: the whole catalogue). */
  suites?: string[];
  settings: RunSettings;
  /** Only the property with this id (or, from older command lines, this exact sentence): replays one counterexample. */
  property?: string;
  onFinding?: (f: Finding) => void;
  /** Builds the command that replays one property's counterexample, naming the property by its id. */
  replayCommand?: (suite: string, id: string, seed: number, path: string) => string;
  /** Builds the command that re-runs one whole suite (for findings of checks that are not generated case by case). */
  suiteReplayCommand?: (suite: string, seed: number) => string;
}

/** A suite or property name that is not in the catalogue: a usage error, never a silent pass. */
export class UnknownSelectionError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'UnknownSelectionError';
  }
}

/** Checks names before anything runs, as the CLI does: a typo'd suite or property must not pass. */
export function validateSelection(
  catalogue: readonly Suite[],
  suites: readonly string[] | undefined,
  property?: string,
  subject?: Subject,
  extraNames: string[] = [],
): void {
  const names = [...catalogue.map((s) => s.name), ...extraNames];
  const unknown = (suites ?? []).filter((s) => !names.includes(s));
  if (unknown.length)
    throw new UnknownSelectionError(
      `unknown suite${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `'${u}'`).join(', ')}`,
      `use one of ${names.join(', ')}`,
    );
  if (property === undefined || !subject) return;
  const chosen = suites?.length ? catalogue.filter((s) => suites.includes(s.name)) : catalogue;
  const specs = chosen.flatMap((s) => s.properties?.(subject) ?? []);
  if (specs.some((p) => selects(p, property))) return;
  // A check that is not generated case by case has an id too, but replays by re-running its suite.
  const byRun = chosen.find((s) => s.ids.includes(property.split(':')[0]));
  throw new UnknownSelectionError(
    `no property '${property}' in ${suites?.length ? `suite ${suites.join(', ')}` : 'any suite'}`,
    byRun
      ? `${property} is not generated case by case: run its suite instead (--suite ${byRun.name}, the same --seed)`
      : specs.length
        ? `use one of these ids: ${specs.map((p) => p.id).join(', ')}`
        : 'the chosen suites have no generated properties for this implementation',
  );
}

/** Runs suites against one subject; every property becomes a Finding. A crash of one suite is a finding too. */
export async function runSuites(subject: Subject, o: SuiteRunOptions): Promise<Finding[]> {
  validateSelection(o.catalogue, o.suites, o.property, subject);
  const chosen: Suite[] = o.suites?.length ? o.catalogue.filter((s) => o.suites!.includes(s.name)) : [...o.catalogue];
  const out: Finding[] = [];
  const emit = (raw: Finding) => {
    const f = capFinding(raw);
    out.push(f);
    o.onFinding?.(f);
  };
  // Every tolerance, step and extreme range follows the implementation's precision: settle it first.
  if (subject.impl.precision === undefined) await resolvePrecision(subject.impl);
  const memo = gathersCalls(subject.impl) ? withCallMemo(subject.impl) : undefined;
  if (memo) subject = { ...subject, impl: memo.impl };
  for (const suite of chosen) {
    const t0 = performance.now();
    const before = out.length;
    try {
      for (const spec of suite.properties?.(subject) ?? []) {
        if (o.property && !selects(spec, o.property)) continue;
        emit(
          await runProperty(
            spec,
            o.settings,
            o.replayCommand ? (seed, path) => o.replayCommand!(spec.suite, spec.id, seed, path) : undefined,
            memo,
          ),
        );
      }
      if (suite.run && !o.property) {
        for (const f of await suite.run(subject, o.settings)) {
          // A check that is not generated case by case replays by re-running its suite with the same seed.
          if (isFailure(f) && !f.replay?.command && o.suiteReplayCommand) {
            f.replay = {
              ...f.replay,
              seed: f.replay?.seed ?? o.settings.seed,
              command: o.suiteReplayCommand(suite.name, o.settings.seed),
            };
          }
          emit(f);
        }
      }
    } catch (e) {
      const ms = performance.now() - t0;
      if (e instanceof ImplementationFault && e.kind === 'not-run')
        emit(
          finding({
            id: `${suite.name}.suite-not-run`,
            suite: suite.name,
            property: '(suite)',
            verdict: 'skip',
            severity: 'none',
            message: `the suite's remaining checks were ${e.message}`,
            hint: e.detail,
            ms,
          }),
        );
      else
        emit(
          finding({
            id: `${suite.name}.suite-stopped`,
            suite: suite.name,
            property: '(suite)',
            verdict: 'error',
            severity: 'bug',
            message: `the suite stopped: ${(e as Error).message}`,
            detail: (e as { detail?: string }).detail,
            ms,
          }),
        );
    }
    // A suite asked for by name that has nothing to check here says so: silence would read as a pass.
    if (o.suites?.length && !o.property && out.length === before) emit(ranNothing(suite, performance.now() - t0));
    recordTiming(`suite ${suite.name}`, performance.now() - t0);
  }
  return out;
}

/** The note of a chosen suite none of whose checks applies to the implementation. */
function ranNothing(suite: Suite, ms: number): Finding {
  return finding({
    id: `${suite.name}.suite-ran-nothing`,
    suite: suite.name,
    property: '(suite)',
    verdict: 'skip',
    severity: 'none',
    message: `ran no checks: none of its checks applies to this implementation (it checks ${suite.description})`,
    ms,
  });
}
