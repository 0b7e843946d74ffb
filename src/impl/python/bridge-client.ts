import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { encodeFrame, FrameReader, type Frame } from './frames.ts';
import { idleUnref, trackGroup } from '../../util/process-groups.ts';
import { timerMs } from '../../util/timers.ts';
import { timed } from '../../util/timings.ts';
import { ProcessClient } from '../process-client.ts';
import { SentArrays, type CacheLimits } from './sent-arrays.ts';

export const BRIDGE_SCRIPT = fileURLToPath(new URL('./bridge.py', import.meta.url));

export interface BridgeOptions {
  file: string;
  python: string;
  className?: string;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
  /** Overrides the bridge script (tests use broken ones). */
  script?: string;
  /** More arguments for the bridge script (e.g. --free-ops, --layer-classes MAP, --pair LOSS,GRAD,PARAMS,KINKS). */
  extraArgs?: string[];
  /** What the array cache keeps (the benchmark turns it off to compare). */
  cacheLimits?: CacheLimits;
}

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

/**
 * One Python process for a whole run, leading its own process group (user code's children join
 * it). A call that times out, a process that dies and garbage on the protocol channel each fail
 * that call with an ImplementationFault and are recorded as incidents; the next call starts a
 * fresh process and restores the state the run depends on (the bias shapes init_params taught
 * the bridge), so the rest of the run goes on. close() always ends the whole group.
 */
export class PythonBridge extends ProcessClient<Frame> {
  hello: Record<string, unknown> = {};
  protected readonly processName = 'the Python process';
  protected readonly closeGraceMs = 1000;
  private reader = new FrameReader();
  private stderrTail = '';
  /** What the bridge learned from init_params (bias shapes, parameter names), replayed after a restart. */
  private state: unknown = null;
  /** Large arrays the current process holds, so a request can name them instead of sending them. */
  readonly sent: SentArrays;

  constructor(readonly opts: BridgeOptions) {
    super();
    this.sent = new SentArrays(opts.cacheLimits);
  }

  protected get started(): boolean {
    return this.hello.ok === true;
  }

  /** End of input: the bridge's loop returns. */
  protected endGently(p: ChildProcess): void {
    p.stdin!.end();
  }

  /** The state init_params taught the bridge (bias shapes, parameter names). */
  protected override async afterRestart(): Promise<void> {
    if (this.state) await this.request('restore', { state: this.state }, [], 'restoring the bridge after a restart');
  }

  get stderr(): string {
    return this.stderrTail;
  }

  async start(): Promise<Record<string, unknown>> {
    await this.ensure();
    return this.hello;
  }

  protected async spawnAndGreet(): Promise<void> {
    const args = [
      this.opts.script ?? BRIDGE_SCRIPT,
      this.opts.file,
      ...(this.opts.className ? ['--class', this.opts.className] : []),
      ...(this.opts.extraArgs ?? []),
    ];
    const proc = spawn(this.opts.python, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: {
        ...process.env,
        ...oneBlasThread(process.env),
        MPLBACKEND: process.env.MPLBACKEND ?? 'Agg',
        PYTHONUNBUFFERED: '1',
      },
    });
    trackGroup(proc);
    idleUnref(proc);
    this.proc = proc;
    this.reader = new FrameReader();
    this.sent.clear();
    proc.stdout!.on('data', (c: Buffer) => this.onData(c));
    proc.stderr!.on('data', (c: Buffer) => {
      this.stderrTail = (this.stderrTail + c.toString('utf8')).slice(-4000);
    });
    proc.stdin!.on('error', () => {
      /* a dead process: reported through 'exit' */
    });
    const spawnError = new Promise<never>((_, reject) =>
      proc.on('error', (e: NodeJS.ErrnoException) => {
        reject(
          e.code === 'ENOENT'
            ? new SetupError(
                `the Python interpreter '${this.opts.python}' was not found`,
                "install Python 3 with numpy, or pass --python PATH (e.g. a virtual environment's bin/python)",
              )
            : new SetupError(`cannot start '${this.opts.python}': ${e.message}`),
        );
      }),
    );
    proc.on('exit', (code, signal) => {
      // A process we killed (timeout, garbage) was already replaced or reported: ignore it.
      if (this.proc !== proc) return;
      this.proc = null;
      this.fail(
        new ImplementationFault(
          'crashed',
          `the Python process exited (${signal ?? `code ${code}`})` +
            (this.stderrTail ? `; its last output:\n${this.stderrTail.trim().split('\n').slice(-8).join('\n')}` : ''),
        ),
      );
    });
    let hello: Frame;
    try {
      // Importing numpy and the user's file can be slow on a loaded machine: at least 20 s.
      hello = await Promise.race([
        this.wait(timerMs(Math.max(this.opts.timeoutMs * 2, 20_000)), 'starting the bridge and importing the file'),
        spawnError,
      ]);
    } catch (e) {
      this.fail(new Error('start aborted')); // clears the pending timer
      this.kill();
      if (e instanceof SetupError) throw e;
      const versionHint = /SyntaxError|invalid syntax/.test(this.stderrTail)
        ? ' (is the interpreter Python 2? nncheck needs Python 3)'
        : '';
      throw new SetupError(
        `the Python bridge did not start: ${(e as Error).message}${versionHint}`,
        `check that '${this.opts.python}' is Python 3 with numpy`,
      );
    }
    if (hello.header.ok !== true) {
      this.kill();
      const h = hello.header as { message?: string; fix?: string; traceback?: string; code?: string };
      throw new SetupError(
        `${h.message ?? 'the bridge refused the file'}${h.traceback ? `\n${h.traceback.trimEnd()}` : ''}`,
        h.fix,
        h.code,
      );
    }
    this.hello = hello.header;
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    try {
      for (let f = this.reader.next(); f; f = this.reader.next()) this.settle(f);
    } catch (e) {
      this.fail(
        new ImplementationFault('protocol', `${(e as Error).message}: the Python side wrote to nncheck's channel`),
      );
      this.kill();
    }
  }

  /** Sends one request; returns the response's arrays and header, or throws an ImplementationFault. */
  async call(op: string, header: Record<string, unknown>, arrays: Matrix[], what = `${op}()`): Promise<Frame> {
    return this.guarded(what, async () => {
      const f = await timed(`bridge round trip: ${op}`, () => this.request(op, header, arrays, what));
      if (op === 'init_params' && f.header.ok === true && f.header.state) this.state = f.header.state;
      return f;
    });
  }

  private async request(op: string, header: Record<string, unknown>, arrays: Matrix[], what: string): Promise<Frame> {
    await this.ensure();
    let f = await this.exchange(op, header, arrays, what);
    if (Array.isArray(f.header.miss)) {
      // The process no longer holds arrays we named (its own cap): send them again, once.
      this.sent.forget(f.header.miss as number[]);
      f = await this.exchange(op, header, arrays, what);
      if (Array.isArray(f.header.miss)) {
        this.kill();
        throw new ImplementationFault('protocol', 'the Python side lost arrays it had just been sent');
      }
    }
    if (f.header.ok !== true) {
      const err = f.header.error as { type: string; message: string; traceback?: string; fix?: string } | undefined;
      // nncheck called a function with arguments its signature does not take: the contract was
      // misread, so nothing it would report is the user's bug (bridge.py's CallMismatch).
      if (err?.type === 'CallMismatch') throw new SetupError(err.message, err.fix);
      // None on some inputs only (an unfinished template is caught before the run by the smoke test).
      if (err?.type === 'ReturnedNone')
        throw new ImplementationFault('returned-none', `${err.message} on this input: a code path without a return`);
      throw new ImplementationFault(
        'exception',
        `${what} raised ${err?.type ?? 'an error'}: ${err?.message ?? ''}`,
        err?.traceback,
      );
    }
    return f;
  }

  /**
   * Writes one request (large arrays the process holds named by id, see SentArrays) and waits for
   * its answer. A request the bridge may make twice names arrays by identity and compares their
   * bytes while the process works; if one changed in place, that answer is thrown away and the
   * request made again with the bytes compared first. Its answer was made on bytes this object held
   * before, which the same network already answered once, so it cannot fail where a request made
   * once would not, unless the network itself is not deterministic.
   */
  private async exchange(op: string, header: Record<string, unknown>, arrays: Matrix[], what: string): Promise<Frame> {
    const done = this.wait(this.opts.timeoutMs, what);
    const plan = this.sent.plan(arrays, this.mayRepeat(op));
    const h = { ...header, op, id: this.nextId++ };
    this.proc!.stdin!.write(
      plan
        ? encodeFrame({ ...h, refs: plan.refs, keep: plan.keep, drop: plan.drop }, plan.inline)
        : encodeFrame(h, arrays),
    );
    if (!plan || this.sent.confirm(plan)) return done;
    await done;
    return this.exchange(op, header, arrays, what);
  }

  /** Ops the bridge makes again when they fail on a read-only argument (bridge.py's READ_ONLY_OPS). */
  private mayRepeat(op: string): boolean {
    return (this.hello.shape === 'functional' || this.hello.shape === 'class') && REPEATABLE_OPS.has(op);
  }
}

const REPEATABLE_OPS = new Set([
  'loss',
  'gradients',
  'forward',
  'loss_many',
  'loss_along',
  'forward_many',
  'calls',
  'sgd',
]);
