import type { BuiltinDataset } from '../data/builtin.ts';
import { isFailure, isPlainPass, isSkipped, type Finding } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import type { RunReport, SubjectInfo } from '../findings/report.ts';
import { runReport } from '../findings/run-report.ts';
import { diagnose } from '../diagnosis/diagnose.ts';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { loadImplementation } from '../impl/load.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';
import { incidentFindings } from '../impl/incidents.ts';
import { capFinding } from '../findings/cap.ts';
import { runSuites, validateSelection, UnknownSelectionError } from '../engine/run-suites.ts';
import type { Suite } from '../engine/subject.ts';
import type { RunSettings } from '../engine/harness.ts';
import { resolvePrecision } from '../impl/detect-precision.ts';
import type { Precision } from '../core/precision.ts';
import { basename } from 'node:path';
import { DataError } from '../data/csv-loader.ts';
import { loadUserData } from '../data/user-data.ts';
import { fromDataset } from '../engine/train-data.ts';
import { SetupError } from '../impl/adapters/setup-error.ts';
import { freeOpsOf, noNetworkNorOps, noOpsToCheck, opsOnlySubject, type FreeOpsRequest } from './check-ops.ts';
import { networkNotChecked } from '../findings/network-not-checked.ts';
import { timed } from '../util/timings.ts';

export interface CheckOptions extends LoadOptions {
  /** The property catalogue to run (properties/suites' SUITES; the entry points pass it). */
  catalogue: readonly Suite[];
  suites?: string[];
  property?: string;
  settings: RunSettings;
  /** float32 | float64 overrides the declared or detected precision; auto (the default) detects it. */
  precision?: Precision | 'auto';
  dataset?: BuiltinDataset;
  onFinding?: (f: Finding) => void;
  /** Builds the command line that replays one property's counterexample (the property named by its id). */
  replayCommand?: (suite: string, id: string, seed: number, path: string) => string;
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

/** An unknown suite or property id is a usage error: its message and the names to use instead (exit 2). */
function asSetupError(e: unknown): never {
  if (e instanceof UnknownSelectionError) throw new SetupError(e.message, e.fix);
  throw e;
}

/** Loads an implementation and runs the chosen suites against it; SetupErrors propagate (exit 2). */
export async function checkImplementation(target: string, o: CheckOptions): Promise<RunReport> {
  const startedAt = new Date();
  const t0 = performance.now();
  try {
    validateSelection(o.catalogue, o.suites, undefined, undefined, o.ops ? [o.ops.suite.name] : []);
  } catch (e) {
    asSetupError(e);
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
    ((suite: string, id: string, seed: number, path: string) =>
      [
        `npx nncheck check ${target} --suite ${suite} --property '${id.replace(/'/g, "'\\''")}'`,
        `--seed ${seed} --runs ${o.settings.runs} --path ${path}`,
      ].join(' '));
  // A script of free ops without a network contract is checked as it is: no setup error. The
  // network is loaded meanwhile (its own process), and closed unused when the file has none.
  const opsOnlyAsked = !!o.suites?.length && o.suites.every((x) => x === o.ops?.suite.name);
  let loading: Settled<NetworkImplementation> | undefined;
  const load = () => (loading ??= settled(timed('loading the implementation', () => loadImplementation(target, o))));
  if (!opsOnlyAsked || !target.toLowerCase().endsWith('.py')) load();
  let ops: Awaited<ReturnType<typeof freeOpsOf>>;
  try {
    ops = await freeOpsOf(target, { ...o, replayCommand });
  } catch (e) {
    await discard(loading);
    throw e;
  }
  const onlyOps = ops !== undefined && opsOnlyAsked;
  if (onlyOps && ops && !ops.found && !ops.hasContract) noOpsToCheck(target, ops);
  const impl =
    (ops?.found && !ops.hasContract) || onlyOps
      ? undefined
      : await taken(load()).catch((e: unknown) => noNetworkNorOps(e, ops));
  if (!impl) await discard(loading);
  // A property of the free ops is run there alone; with only free ops checked it must be one of theirs.
  const opsProperty =
    o.property !== undefined && (ops?.findings.some((f) => f.id === o.property || f.property === o.property) ?? false);
  if (!impl && o.property && ops && !opsProperty)
    throw new SetupError(
      `no property '${o.property}' among the free ops of ${target}`,
      ops.ids.length ? `use one of these ids: ${ops.ids.join(', ')}` : 'no free op was recognised',
    );
  try {
    if (impl) await resolvePrecision(impl, o.precision);
    const suites = o.suites?.filter((x) => x !== o.ops?.suite.name);
    const findings =
      impl && !opsProperty
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
                o.suiteReplayCommand ??
                ((suite, seed) => `npx nncheck check ${target} --suite ${suite} --seed ${seed}`),
            },
          ).catch(asSetupError)
        : [];
    if (o.suites?.length)
      nothingCheckedIsASetupError([...(ops?.findings ?? []), ...findings], target, impl?.notes ?? []);
    const subject = impl ? subjectInfo(impl, target) : opsOnlySubject(target, ops!);
    // Both bridges loaded the file: a definitions-only note is said once.
    if (impl && ops) subject.notes.push(...ops.notes.filter((n) => !subject.notes.includes(n)));
    for (const f of findings) f.subject = subject.name;
    const notes: Finding[] = subject.notes.map((n) =>
      capFinding(
        finding({
          subject: subject.name,
          id: 'setup.read-as',
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
    // Free functions alone, when the user did not ask for just them: say the network was not checked.
    const scope = !impl && ops && !onlyOps ? [networkNotChecked(target, ops.functions, ops.checked)] : [];
    const all = [...notes, ...scope, ...(ops?.findings ?? []), ...findings, ...incidents];
    return runReport({
      command: 'check',
      startedAt,
      ms: performance.now() - t0,
      settings: { seed: o.settings.seed, runs: o.settings.runs, suites: o.suites },
      subjects: [subject],
      findings: all,
      defects: diagnose(all),
    });
  } finally {
    await impl?.close?.();
  }
}

/**
 * Suites chosen by name that ran no check at all (each skipped, or none applies): no defect was
 * looked for, so a green "no defects found" would be false. That is a setup error (exit 2) that
 * says why each could not run.
 */
function nothingCheckedIsASetupError(findings: readonly Finding[], target: string, notes: readonly string[]): void {
  if (findings.some((f) => isFailure(f) || isPlainPass(f))) return;
  const why = findings.filter(isSkipped).map((f) => `${f.suite}: ${f.message}`);
  // How the file was read (the interpreter note's second half) and a flag that was not used.
  const read = notes.flatMap((n) => (/^Python /.test(n) ? [n.slice(n.indexOf('; ') + 2)] : /^--/.test(n) ? [n] : []));
  throw new SetupError(
    `nothing was checked in ${target}: ${why.length ? why.join('; ') : 'the chosen suites hold no check for it'}` +
      (read.length ? `\n  the file was read as: ${read.join('; ')}` : ''),
    'choose suites that apply to this file (drop --suite to run every suite), or follow the reason above',
  );
}

type Settled<T> = Promise<{ ok: true; value: T } | { ok: false; error: unknown }>;

/** A promise whose rejection is held (not unhandled) until it is taken. */
const settled = <T>(p: Promise<T>): Settled<T> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

async function taken<T>(s: Settled<T>): Promise<T> {
  const r = await s;
  if (!r.ok) throw r.error;
  return r.value;
}

/** Closes an implementation loaded for nothing; its load's failure does not matter then. */
async function discard(s: Settled<NetworkImplementation> | undefined): Promise<void> {
  const r = await s;
  if (r?.ok) await r.value.close?.();
}
