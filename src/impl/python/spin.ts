import { availableParallelism } from 'node:os';

/** The environment variable the Python bridge reads: how long it polls for the next request (µs). */
export const SPIN_ENV = 'NNCHECK_BRIDGE_SPIN_US';

/**
 * A single check's bridge polls this long for the next request (bridge.py's wait_for_request),
 * only while requests come back to back. Measured on 2 vCPUs (npm run bench -- bridge): a kept
 * loss() round trip of 784-128-10 at batch 64 went from 0.86 to 0.77 ms; a whole check's wall
 * time did not change (3.1-3.2 s either way), its CPU time grew by about 0.2 s.
 */
export const ONE_CHECK_SPIN_US = 300;

/**
 * Lets a single check's bridge poll when a core is free for it: one check runs one Node and one
 * Python process. A user's own setting wins; batches and test pools (many processes on few cores)
 * leave it unset, so nothing polls there.
 */
export function allowPolling(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): void {
  if (env[SPIN_ENV] === undefined && cores >= 2) env[SPIN_ENV] = String(ONE_CHECK_SPIN_US);
}
