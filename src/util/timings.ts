/**
 * Where one run's wall time goes, for `nncheck check --timings`: a process-wide tally of named
 * phases (start-up, loading, each suite, each kind of bridge round trip). Phases may nest (bridge
 * round trips happen inside suites), so they are not meant to add up. Recording costs one
 * performance.now() pair; nothing is printed unless asked.
 */
export interface PhaseTiming {
  phase: string;
  ms: number;
  count: number;
}

const tally = new Map<string, PhaseTiming>();

export function recordTiming(phase: string, ms: number): void {
  const t = tally.get(phase) ?? { phase, ms: 0, count: 0 };
  t.ms += ms;
  t.count++;
  tally.set(phase, t);
}

/** Runs `fn`, adding its wall time (also when it throws) to `phase`. */
export async function timed<T>(phase: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    recordTiming(phase, performance.now() - t0);
  }
}

/** The phases recorded so far, in the order first seen. */
export const timings = (): PhaseTiming[] => [...tally.values()].map((t) => ({ ...t }));
