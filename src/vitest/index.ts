/**
 * nncheck inside your own vitest suite:
 *
 *   import { describeImplementation, installMatchers } from 'nncheck/vitest';
 *   await describeImplementation('src/my-network.ts');         // one test per property
 *   installMatchers();
 *   it('has correct gradients', async () => { await expect('src/my-network.ts').toHaveCorrectGradients(); });
 */
import { describe, it, expect, afterAll } from 'vitest';
import type { NetworkImplementation } from '../impl/implementation.ts';
import { loadImplementation } from '../impl/load.ts';
import type { LoadOptions } from '../impl/adapters/load-options.ts';
import { runProperty, settingsFromEnv, type RunSettings } from '../engine/harness.ts';
import { SUITES } from '../../properties/suites/index.ts';
import { runSuites, validateSelection } from '../engine/run-suites.ts';
import { formatFinding } from '../reporters/format-finding.ts';
import { isFailure } from '../findings/finding.ts';
import { loadCounterexamples, PROJECT_COUNTEREXAMPLE_DIR } from '../engine/counterexamples.ts';
import { replayOne } from '../api/replay.ts';
import { resolve } from 'node:path';
import { pairMatcher, type PairMatcherOptions } from './pair-matcher.ts';

export interface VitestOptions extends LoadOptions {
  suites?: string[];
  /** Folder of counterexamples saved by `nncheck check --save-counterexamples` to replay (false: none). */
  counterexamples?: string | false;
  settings?: Partial<RunSettings>;
  /** Per-test timeout in milliseconds (default 120 s). */
  timeout?: number;
}

type Target = string | NetworkImplementation;
const load = (t: Target, o: LoadOptions) => (typeof t === 'string' ? loadImplementation(t, o) : Promise.resolve(t));

/** The saved counterexamples that belong to this target (by file for a path, by name otherwise). */
function savedFor(target: Target, impl: NetworkImplementation, dir: string | false) {
  if (dir === false) return [];
  return loadCounterexamples(dir).filter((c) =>
    typeof target === 'string'
      ? c.load !== undefined && resolve(c.load.target) === resolve(target)
      : c.implementation === impl.name,
  );
}

/** Registers every suite as a describe block and every property as a test. Await it at top level. */
export async function describeImplementation(target: Target, o: VitestOptions = {}): Promise<void> {
  validateSelection(SUITES, o.suites);
  const impl = await load(target, o);
  const settings = settingsFromEnv(o.settings);
  const timeout = o.timeout ?? 120_000;
  describe(`nncheck: ${impl.name}`, () => {
    afterAll(async () => {
      if (typeof target === 'string') await impl.close?.();
    });
    const saved = savedFor(target, impl, o.counterexamples ?? PROJECT_COUNTEREXAMPLE_DIR);
    if (saved.length) {
      describe('saved counterexamples', () => {
        for (const c of saved) {
          it(
            `${c.suite} › ${c.property} (seed ${c.seed}, path ${c.path})`,
            async () => {
              const r = await replayOne(impl, c, SUITES);
              if (r.status !== 'fixed') throw new Error(r.finding ? formatFinding(r.finding) : r.reason);
            },
            timeout,
          );
        }
      });
    }
    for (const suite of SUITES.filter((s) => !o.suites || o.suites.includes(s.name))) {
      describe(suite.name, () => {
        for (const spec of suite.properties?.({ impl }) ?? []) {
          it(
            spec.sentence,
            async () => {
              const f = await runProperty(spec, settings);
              if (isFailure(f)) throw new Error(formatFinding(f));
            },
            timeout,
          );
        }
        if (suite.run) {
          it(
            `${suite.name} checks`,
            async () => {
              const failed = (await suite.run!({ impl }, settings)).filter(isFailure);
              if (failed.length) throw new Error(failed.map(formatFinding).join('\n'));
            },
            timeout,
          );
        }
      });
    }
  });
}

async function suiteMatcher(received: Target, suites: string[], o: VitestOptions, label: string) {
  const impl = await load(received, o);
  try {
    const findings = await runSuites({ impl }, { catalogue: SUITES, suites, settings: settingsFromEnv(o.settings) });
    const failed = findings.filter(isFailure);
    return {
      pass: failed.length === 0,
      message: () =>
        failed.length
          ? `expected ${impl.name} ${label}, but:\n${failed.map(formatFinding).join('\n')}`
          : `expected ${impl.name} not ${label}, but every check passed`,
    };
  } finally {
    if (typeof received === 'string') await impl.close?.();
  }
}

export const matchers = {
  toHaveCorrectGradients: (received: Target, o: VitestOptions = {}) =>
    suiteMatcher(received, ['gradients'], o, 'to have correct gradients'),
  toPassSuite: (received: Target, suite: string, o: VitestOptions = {}) =>
    suiteMatcher(received, [suite], o, `to pass the ${suite} suite`),
  toHaveCorrectLossGradient: (received: string, o: PairMatcherOptions) => pairMatcher(received, o),
};

/** Adds toHaveCorrectGradients and toPassSuite to vitest's expect. */
export function installMatchers(): void {
  expect.extend(matchers);
}

interface NncheckMatchers<R = unknown> {
  toHaveCorrectGradients(options?: VitestOptions): Promise<R>;
  toPassSuite(suite: string, options?: VitestOptions): Promise<R>;
  /** Any loss/gradient pair in a file: { loss, grad, params?, kinks? } name its functions (as nncheck grad). */
  toHaveCorrectLossGradient(options: PairMatcherOptions): Promise<R>;
}

// Vitest's documented extension point (3.2+): augmenting `Assertion`, a re-export, is lost in a
// consumer's tsc when nncheck/vitest is imported before vitest itself.
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends NncheckMatchers<T> {}
}
