import type { BuiltinDataset } from '../data/builtin.ts';
import type { Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import { SCHEMA_VERSION, summarise, type RunReport, type SubjectInfo } from '../findings/report.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { loadImplementation, type ImplementationOptions } from '../impl/load.ts';
import { incidentFindings } from '../impl/incidents.ts';
import { capFinding } from '../findings/cap.ts';
import { runSuites, validateSelection, UnknownSelectionError } from '../engine/run-suites.ts';
import type { Suite } from '../engine/subject.ts';
import type { RunSettings } from '../engine/harness.ts';
import { VERSION } from './version.ts';
import { resolvePrecision } from '../impl/detect-precision.ts';
import type { Precision } from '../core/precision.ts';
import { basename } from 'node:path';
import { DataError } from '../data/csv-loader.ts';
import { loadUserData } from '../data/user-data.ts';
import { fromDataset } from '../engine/train-data.ts';
import { SetupError } from '../impl/adapters/setup-error.ts';
import { freeOpsOf, opsOnlySubject, type FreeOpsRequest } from './check-ops.ts';
import { timed } from '../util/timings.ts';

export interface CheckOptions extends ImplementationOptions {
  /** The property catalogue to run (properties/suites' SUITES; the entry points pass it). */
  catalogue: readonly Suite[];
  suites?: string[];
  property?: string;
  settings: RunSettings;
  /** float32 | float64 overrides the declared or detected precision; auto (the default) detects it. */
  precision?: Precision | 'auto';
  dataset?: BuiltinDataset;
  onFinding?: (f: Finding) => void;
  /** Builds the command line that replays one property's counterexample. */
  replayCommand?: (suite: string, property: string, seed: number, path: string) => string;
  /** Builds the command line that re-runs one suite (convergence, diagnostics, own-train findings). */
  suiteReplayCommand?: (suite: string, seed: number) => string;
  /** The user's data for the training checks (--data FILE: CSV with a label column, .npz with X and y). */
  data?: string;
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
  try {
    validateSelection(o.catalogue, o.suites, undefined, undefined, o.ops ? [o.ops.suite.name] : []);
  } catch (e) {
    if (e instanceof UnknownSelectionError) throw new SetupError(e.message, e.fix);
    throw e;
  }
  let trainData;
  try {
    trainData = o.data ? fromDataset(loadUserData(o.data), basename(o.data)) : undefined;
  } catch (e) {
    if (e instanceof DataError)
      throw new SetupError(
        e.message,
        'pass a CSV whose last column (or one headed label/target/class/y) holds the labels, ' +
          'or an .npz with arrays X and y',
      );
    throw e;
  }
  const replayCommand =
    o.replayCommand ??
    ((suite: string, property: string, seed: number, path: string) =>
      `npx nncheck check ${target} --suite ${suite} --property '${property.replace(/'/g, "'\\''")}' ` +
      `--seed ${seed} --runs ${o.settings.runs} --path ${path}`);
  // A script of free ops without a network contract is checked as it is: no setup error.
  const ops = await freeOpsOf(target, { ...o, replayCommand });
  const onlyOps = ops !== undefined && o.suites?.length && o.suites.every((x) => x === o.ops?.suite.name);
  const impl =
    (ops?.found && !ops.hasContract) || onlyOps
      ? undefined
      : await timed('loading the implementation', () => loadImplementation(target, o));
  try {
    if (impl) await resolvePrecision(impl, o.precision);
    const suites = o.suites?.filter((x) => x !== o.ops?.suite.name);
    const findings = impl
      ? await runSuites(
          { impl, trainDataset: o.dataset, trainData },
          {
            catalogue: o.catalogue,
            suites,
            property: o.property,
            settings: o.settings,
            onFinding: o.onFinding,
            replayCommand,
            suiteReplayCommand:
              o.suiteReplayCommand ?? ((suite, seed) => `npx nncheck check ${target} --suite ${suite} --seed ${seed}`),
          },
        )
      : [];
    const subject = impl ? subjectInfo(impl, target) : opsOnlySubject(target, ops!);
    if (impl && ops) subject.notes.push(...ops.notes);
    for (const f of findings) f.subject = subject.name;
    const notes: Finding[] = subject.notes.map((n) =>
      capFinding(
        finding({
          subject: subject.name,
          suite: 'setup',
          property: 'how the implementation was read',
          verdict: 'pass',
          severity: 'info',
          message: n,
        }),
      ),
    );
    const incidents = impl ? incidentFindings(impl.incidents ?? [], impl.name).map(capFinding) : [];
    incidents.forEach((f) => o.onFinding?.(f));
    const all = [...notes, ...(ops?.findings ?? []), ...findings, ...incidents];
    return {
      schemaVersion: SCHEMA_VERSION,
      tool: { name: 'nncheck', version: VERSION },
      command: 'check',
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      ms: performance.now() - t0,
      settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.suites ?? [] },
      subjects: [subject],
      findings: all,
      defects: diagnose(all),
      summary: summarise(all),
    };
  } finally {
    await impl?.close?.();
  }
}
