import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Matrix } from '../../core/matrix.ts';
import { ImplementationFault } from '../../gradcheck/objective.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { encodeFrame, FrameReader, type Frame } from './frames.ts';
import { idleUnref, killGroup, releasePipes, trackGroup } from '../../util/process-groups.ts';
import { timerMs } from '../../util/timers.ts';
import { recordIncident, type Incident } from '../incidents.ts';
import { timed } from '../../util/timings.ts';

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
}

interface Pending {
  resolve: (f: Frame) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One Python process for a whole run, leading its own process group (user code's children join
 * it). A call that times out, a process that dies and garbage on the protocol channel each fail
 * that call with an ImplementationFault and are recorded as incidents; the next call starts a
 * fresh process and restores the state the run depends on (the bias shapes init_params taught
 * the bridge), so the rest of the run goes on. close() always ends the whole group.
 */
export class PythonBridge {
  hello: Record<string, unknown> = {};
  private proc: ChildProcess | null = null;
  private reader = new FrameReader();
  private pending: Pending | null = null;
  private stderrTail = '';
  private nextId = 1;
  private starting: Promise<void> | null = null;
  restarts = 0;
  readonly incidents: Incident[] = [];
  /** What the bridge learned from init_params (bias shapes, parameter names), replayed after a restart. */
  private state: unknown = null;

  constructor(readonly opts: BridgeOptions) {}

  get stderr(): string {
    return this.stderrTail;
  }

  async start(): Promise<Record<string, unknown>> {
    await this.ensure();
    return this.hello;
  }

  private ensure(): Promise<void> {
    if (this.proc) return Promise.resolve();
    this.starting ??= this.spawnAndGreet().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async spawnAndGreet(): Promise<void> {
    const args = [
      this.opts.script ?? BRIDGE_SCRIPT,
      this.opts.file,
      ...(this.opts.className ? ['--class', this.opts.className] : []),
      ...(this.opts.extraArgs ?? []),
    ];
    const proc = spawn(this.opts.python, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, MPLBACKEND: process.env.MPLBACKEND ?? 'Agg', PYTHONUNBUFFERED: '1' },
    });
    trackGroup(proc);
    idleUnref(proc);
    this.proc = proc;
    this.reader = new FrameReader();
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
      const h = hello.header as { message?: string; fix?: string; traceback?: string };
      throw new SetupError(
        `${h.message ?? 'the bridge refused the file'}${h.traceback ? `\n${h.traceback.trimEnd()}` : ''}`,
        h.fix,
      );
    }
    this.hello = hello.header;
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    try {
      for (let f = this.reader.next(); f; f = this.reader.next()) this.resolve(f);
    } catch (e) {
      this.fail(
        new ImplementationFault('protocol', `${(e as Error).message}: the Python side wrote to nncheck's channel`),
      );
      this.kill();
    }
  }

  private wait(timeoutMs: number, what: string): Promise<Frame> {
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.kill();
        reject(
          new ImplementationFault(
            'timeout',
            `${what} took longer than ${(timeoutMs / 1000).toFixed(1)} s; ` +
              'the Python process was stopped (raise the limit with --timeout)',
          ),
        );
      }, timerMs(timeoutMs));
      this.pending = { resolve, reject, timer };
    });
  }

  private resolve(f: Frame): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(f);
  }

  private fail(e: Error): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.reject(e);
  }

  /** Sends one request; returns the response's arrays and header, or throws an ImplementationFault. */
  async call(op: string, header: Record<string, unknown>, arrays: Matrix[], what = `${op}()`): Promise<Frame> {
    try {
      if (!this.proc && this.hello.ok) {
        this.restarts++;
        await this.ensure();
        if (this.state)
          await this.request('restore', { state: this.state }, [], 'restoring the bridge after a restart');
      }
      const f = await timed(`bridge round trip: ${op}`, () => this.request(op, header, arrays, what));
      if (op === 'init_params' && f.header.ok === true && f.header.state) this.state = f.header.state;
      return f;
    } catch (e) {
      throw e instanceof ImplementationFault ? recordIncident(this.incidents, e, what) : e;
    }
  }

  private async request(op: string, header: Record<string, unknown>, arrays: Matrix[], what: string): Promise<Frame> {
    await this.ensure();
    const done = this.wait(this.opts.timeoutMs, what);
    this.proc!.stdin!.write(encodeFrame({ ...header, op, id: this.nextId++ }, arrays));
    const f = await done;
    if (f.header.ok !== true) {
      const err = f.header.error as { type: string; message: string; traceback?: string } | undefined;
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

  /** Ends the process and everything user code started in its group, at once. */
  kill(): void {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }

  /** Lets the bridge end by itself (end of input), then ends its group whatever it did. */
  async close(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.exitCode === null && p.signalCode === null) {
      p.stdin!.end();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 1000);
        p.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }
}
