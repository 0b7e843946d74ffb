import fc from 'fast-check';
import type { Finding, Severity } from '../findings/finding.ts';
import { finding } from '../findings/build.ts';
import { haltOnTimeout } from './halting.ts';

/** How many cases and which seed: from options, else NNCHECK_RUNS / NNCHECK_SEED, else defaults. */
export interface RunSettings {
  seed: number;
  runs: number;
  /** Replays one counterexample: fast-check's path from a failure report. */
  path?: string;
}

export function settingsFromEnv(over: Partial<RunSettings> = {}): RunSettings {
  return {
    seed: over.seed ?? envInteger('NNCHECK_SEED', '--seed', 0) ?? 42,
    runs: over.runs ?? envInteger('NNCHECK_RUNS', '--runs', 1) ?? 100,
    path: over.path,
  };
}

/** An environment variable validated like the flag it stands for: a bad value is a usage error (exit 2). */
function envInteger(name: string, flag: string, min: number): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  if (!/^\s*-?\d+\s*$/.test(v) || !Number.isSafeInteger(n) || n < min) {
    throw Object.assign(
      new Error(
        `${name} must be an integer ≥ ${min} (like ${flag}), got '${v}'\n` +
          `  fix: unset ${name} or set it to a whole number, e.g. ${name}=${min === 0 ? 42 : 100}`,
      ),
      { exitCode: 2 },
    );
  }
  return n;
}

/** A failed expectation inside a property: carries the numbers and a hint for the report. */
export class PropertyViolation extends Error {
  constructor(
    message: string,
    readonly numbers: Record<string, number | string | boolean | null> = {},
    readonly hint?: string,
    readonly namedCause?: string,
    /** A bug property's failure whose measured cause is finite but inaccurate (an epsilon in a log). */
    readonly severity?: 'warning',
    /** Where: the tensors or entries the numbers point at, when narrower than the property. */
    readonly location?: string,
  ) {
    super(message);
    this.name = 'PropertyViolation';
  }
}

/**
 * A property of any generator type, for lists of properties. Each spec's T is checked against its
 * generator where the spec is written (its predicate's parameter type); a list can only erase it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an existential type: see above
export type AnyPropertySpec = PropertySpec<any>;

export interface PropertySpec<T> {
  /**
   * Stable short id, `suite.kind` in kebab case (`softmax.rows-sum-to-one`), plus `:name` for a
   * property generated per user class or function (`layers.backward-matches-forward:Layer_Dense`).
   * `--property`, saved counterexamples and the mutant matrix use it; the sentence is free to change.
   */
  id: string;
  suite: string;
  /** What the property says, for people: the report's text. */
  sentence: string;
  /** Severity when the property fails. */
  severity: Severity;
  arbitrary: fc.Arbitrary<T>;
  /** Throws (a PropertyViolation, ideally) when the property does not hold. T comes from the arbitrary. */
  predicate: (value: NoInfer<T>) => Promise<void> | void;
  /** Runs for this property relative to the suite's setting (expensive ones run fewer). */
  runsFactor?: number;
  hint?: string;
  cause?: string;
}

/**
 * Writes one property: T is inferred from the arbitrary alone, so a predicate whose parameter
 * type does not match what its generator yields is a type error here.
 */
export const property = <T>(spec: PropertySpec<T>): PropertySpec<T> => spec;

/** Whether a `--property` selection names this property: its id, or (older command lines) its sentence. */
export const selects = (spec: Pick<AnyPropertySpec, 'id' | 'sentence'>, selection: string): boolean =>
  spec.id === selection || spec.sentence === selection;

/** Answers a property's calls ahead of its run (src/impl/call-memo.ts): see warm(). */
export interface CallWarmer {
  gather(cases: () => Promise<unknown>): Promise<void>;
  reset(): void;
}

/**
 * Runs the predicate on every value the run will generate, all at once, so the warmer can send
 * their calls together; what they conclude is dropped (the run itself decides). The values are
 * fast-check's own for this seed (fc.sample draws others), recorded by a run that only keeps them.
 */
async function warm<T>(spec: PropertySpec<T>, options: fc.Parameters<[T]>, warmer: CallWarmer): Promise<void> {
  const values: T[] = [];
  await fc.check(
    fc.asyncProperty(spec.arbitrary, async (v) => void values.push(v)),
    options,
  );
  await warmer.gather(() => Promise.allSettled(values.map(async (v) => spec.predicate(v))));
}

/**
 * Runs one property with fast-check and returns a Finding: pass, or fail with the shrunk
 * counterexample, the replay seed and path, the numbers and a hint. Never throws.
 */
export async function runProperty<T>(
  spec: PropertySpec<T>,
  settings: RunSettings,
  replayCommand?: (seed: number, path: string) => string,
  warmer?: CallWarmer,
): Promise<Finding> {
  const t0 = performance.now();
  const numRuns = Math.max(1, Math.round(settings.runs * (spec.runsFactor ?? 1)));
  const guarded = haltOnTimeout(spec.predicate);
  const prop = fc.asyncProperty(spec.arbitrary, guarded.run);
  const options = {
    seed: settings.seed,
    numRuns,
    path: settings.path,
    endOnFailure: false,
    markInterruptAsFailure: true,
  };
  if (warmer && settings.path === undefined) await warm(spec, options, warmer);
  const details = await fc.check(prop, options).finally(() => warmer?.reset());
  const base = {
    id: spec.id,
    suite: spec.suite,
    property: spec.sentence,
    runs: details.numRuns,
    ms: performance.now() - t0,
  };
  const halt = guarded.halted();
  if (halt?.kind === 'not-run') {
    return finding({
      ...base,
      runs: halt.index,
      verdict: 'skip',
      severity: 'none',
      message: `${spec.sentence}: ${halt.error.message}`,
      hint: (halt.error as { detail?: string }).detail,
    });
  }
  if (halt) {
    // The case that hung, unshrunk: shrinking would pay a timeout per step.
    const path = settings.path ?? String(halt.index);
    return finding({
      ...base,
      verdict: 'error',
      severity: spec.severity,
      message: `${spec.sentence}: ${halt.error.message}`,
      cause: 'call-timeout',
      detail: (halt.error as { detail?: string }).detail,
      counterexample: fc.stringify(halt.value),
      replay: { seed: details.seed, path, command: replayCommand?.(details.seed, path) },
    });
  }
  if (!details.failed) {
    return finding({
      ...base,
      verdict: 'pass',
      severity: 'none',
      message: `${spec.sentence}: held on ${details.numRuns} generated cases`,
    });
  }
  const err = details.errorInstance as Error | undefined;
  const v = err instanceof PropertyViolation ? err : undefined;
  const path = details.counterexamplePath ?? undefined;
  const isCrash = !v && err !== undefined;
  return finding({
    ...base,
    verdict: isCrash ? 'error' : 'fail',
    severity: v?.severity ?? spec.severity,
    message: `${spec.sentence}: ${err?.message ?? 'failed'}`,
    detail: (err as { detail?: string } | undefined)?.detail,
    numbers: v?.numbers,
    cause: v?.namedCause ?? spec.cause,
    hint: v?.hint ?? spec.hint,
    ...(v?.location ? { location: v.location } : {}),
    counterexample: details.counterexample ? fc.stringify(details.counterexample[0]) : undefined,
    replay: {
      seed: details.seed,
      path,
      command: path !== undefined && replayCommand ? replayCommand(details.seed, path) : undefined,
    },
  });
}

/** What a failed expectation carries besides its message: the numbers, a hint, the named cause. */
export interface Expectation {
  numbers?: Record<string, number | string | boolean | null>;
  hint?: string;
  cause?: string;
  /** Lowers a bug property's failure to a warning: its cause is measured and finite but inaccurate. */
  severity?: 'warning';
  location?: string;
}

/** Throws a PropertyViolation unless cond holds. */
export function expectThat(cond: boolean, message: string, o: Expectation = {}): asserts cond {
  if (!cond) throw new PropertyViolation(message, o.numbers, o.hint, o.cause, o.severity, o.location);
}
