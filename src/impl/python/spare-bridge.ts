import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { idleUnref, killGroup, trackGroup } from '../../util/process-groups.ts';
import { SPIN_ENV } from './spin.ts';

export const BRIDGE_SCRIPT = fileURLToPath(new URL('./bridge.py', import.meta.url));

const BLAS_THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];

/**
 * One BLAS thread unless the user chose a number: the matrices of a check are small, and a
 * multi-threaded BLAS on a busy machine makes each call wait for threads that spin for a core
 * (measured on 2 shared cores: gradients at N = 1438 took 19 ms instead of 1.4 ms).
 */
export function oneBlasThread(env: NodeJS.ProcessEnv): Record<string, string> {
  if (BLAS_THREAD_VARIABLES.some((v) => env[v] !== undefined)) return {};
  return Object.fromEntries(BLAS_THREAD_VARIABLES.map((v) => [v, '1']));
}

const bridgeEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  ...oneBlasThread(process.env),
  MPLBACKEND: process.env.MPLBACKEND ?? 'Agg',
  PYTHONUNBUFFERED: '1',
});

/**
 * Starts the bridge script under `python`, leading its own process group (user code's children
 * join it), tracked so that no way out of nncheck leaves it running.
 */
export function spawnBridge(python: string, args: string[]): ChildProcess {
  const proc = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true, env: bridgeEnv() });
  trackGroup(proc);
  idleUnref(proc);
  return proc;
}

/**
 * The environment a bridge gets, but for what a spare learns with its command line (the polling
 * a single check allows once its options are read): a spare started under another one is not used.
 */
const environmentKey = () =>
  JSON.stringify(
    Object.entries(bridgeEnv())
      .filter(([k]) => k !== SPIN_ENV)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );

interface Spare {
  proc: ChildProcess;
  python: string;
  environment: string;
  failed: boolean;
}

let spare: Spare | undefined;

/**
 * Starts a spare bridge under `python` before nncheck has loaded: Python and numpy load (about
 * 0.2 s) while Node loads nncheck's modules, instead of after. It waits for its command line
 * (bridge.py --spare); unused, it ends with nncheck like any bridge.
 */
export function startSpareBridge(python: string): void {
  if (spare) return;
  const proc = spawnBridge(python, [BRIDGE_SCRIPT, '--spare']);
  const s: Spare = { proc, python, environment: environmentKey(), failed: false };
  // A spare that cannot start is not used: the bridge then starts as without one, and says why.
  proc.on('error', () => {
    s.failed = true;
  });
  proc.stdin!.on('error', () => {
    /* a dead spare: not used */
  });
  spare = s;
}

/**
 * The spare, once, for the first bridge to start: only when it still runs, under the same
 * interpreter and environment this bridge would get. The caller sends it its command line
 * (spareCommandLine). A spare not taken is ended here, so that it holds no core for nothing.
 */
export function takeSpareBridge(python: string): ChildProcess | undefined {
  const s = spare;
  spare = undefined;
  if (!s) return undefined;
  const alive = !s.failed && s.proc.pid !== undefined && s.proc.exitCode === null && s.proc.signalCode === null;
  if (alive && s.python === python && s.environment === environmentKey()) return s.proc;
  end(s);
  return undefined;
}

const end = (s: Spare) => {
  if (s.proc.pid !== undefined) killGroup(s.proc.pid);
};

/** What a spare learns when taken: the arguments after the script, and the polling allowed since it started. */
export function spareCommandLine(args: string[]): Record<string, unknown> {
  return { argv: args, env: { [SPIN_ENV]: process.env[SPIN_ENV] ?? null } };
}
