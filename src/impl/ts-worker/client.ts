import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ImplementationFault } from '../../gradcheck/objective.ts';
import { SetupError } from '../adapters/setup-error.ts';
import type { LoadOptions } from '../adapters/load-options.ts';
import { idleUnref, killGroup, releasePipes, trackGroup } from '../../util/process-groups.ts';
import { timerMs } from '../../util/timers.ts';
import { recordIncident, type Incident } from '../incidents.ts';
import type { Hello, Method, Reply, Request, WireError } from './protocol.ts';

export const HOST_ENTRY = fileURLToPath(new URL('./boot.mjs', import.meta.url));

export interface NodeHostOptions {
  file: string;
  load: LoadOptions;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
}

interface Pending {
  id: number;
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * One Node process running the user's module, leading its own process group, with the Python
 * bridge's semantics: a call that times out or a process that dies fails that call with an
 * ImplementationFault and is recorded as an incident; the next call starts a fresh process,
 * which loads the module again (the adapter learns its shapes from initParams as it loads), so
 * the rest of the run goes on. close() always ends the whole group.
 */
export class NodeHost {
  hello: Hello | null = null;
  readonly incidents: Incident[] = [];
  restarts = 0;
  private proc: ChildProcess | null = null;
  private pending: Pending | null = null;
  private output = '';
  private nextId = 1;
  private starting: Promise<void> | null = null;

  constructor(readonly opts: NodeHostOptions) {}

  private lastOutput(): string {
    const t = this.output.trim();
    return t ? `; its last output:\n${t.split('\n').slice(-8).join('\n')}` : '';
  }

  private ensure(): Promise<void> {
    if (this.proc) return Promise.resolve();
    this.starting ??= this.spawnAndLoad().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async spawnAndLoad(): Promise<void> {
    const proc = fork(HOST_ENTRY, [], {
      execArgv: [],
      serialization: 'advanced',
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    trackGroup(proc);
    idleUnref(proc);
    this.proc = proc;
    this.output = '';
    const keep = (c: Buffer) => {
      this.output = (this.output + c.toString('utf8')).slice(-4000);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
    proc.on('message', (r: Reply) => this.settle(r));
    proc.on('error', () => {
      /* reported through 'exit' */
    });
    proc.on('exit', (code, signal) => {
      if (this.proc !== proc) return; // a process we stopped ourselves
      this.proc = null;
      this.fail(
        new ImplementationFault(
          'crashed',
          `the Node process running ${this.opts.file} exited (${signal ?? `code ${code}`})${this.lastOutput()}`,
        ),
      );
    });
    let r: Reply;
    try {
      // Starting Node, TypeScript support and the module can be slow on a loaded machine: at least 20 s.
      r = await this.request(
        { type: 'load', id: this.nextId++, path: this.opts.file, opts: this.opts.load },
        timerMs(Math.max(this.opts.timeoutMs * 2, 20_000)),
        'loading the module',
      );
    } catch (e) {
      this.kill();
      const what =
        e instanceof ImplementationFault && e.kind === 'timeout'
          ? e.message
          : `the module could not be loaded: ${(e as Error).message}`;
      throw new SetupError(
        what,
        `run it on its own (npx tsx ${this.opts.file}) and fix what it reports; ` +
          "move script code out of the module's top level",
      );
    }
    if (!r.ok) {
      this.kill();
      const w = r.error;
      if (w.kind === 'setup') throw toError(w, 'loading the module');
      throw new SetupError(
        `${this.opts.file} failed while being loaded: ${w.name}: ${w.message}${w.detail ? `\n${w.detail}` : ''}`,
        `run it on its own (npx tsx ${this.opts.file}) and fix the error`,
      );
    }
    this.hello = r.value as Hello;
  }

  private request(m: Request, timeoutMs: number, what: string): Promise<Reply> {
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.kill();
        reject(
          new ImplementationFault(
            'timeout',
            `${what} took longer than ${(timeoutMs / 1000).toFixed(1)} s; ` +
              'the Node process running it was stopped (raise the limit with --timeout)',
          ),
        );
      }, timeoutMs);
      this.pending = { id: m.id, resolve, reject, timer };
      this.proc!.send(m, (e) => {
        if (e)
          this.fail(
            new ImplementationFault('crashed', `cannot reach the Node process running ${this.opts.file}: ${e.message}`),
          );
      });
    });
  }

  private settle(r: Reply): void {
    const p = this.pending;
    if (!p || p.id !== r.id) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(r);
  }

  private fail(e: Error): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.reject(e);
  }

  async start(): Promise<Hello> {
    await this.ensure();
    return this.hello!;
  }

  /** One call; resolves with the value and the argument matrices it wrote into, or throws an ImplementationFault. */
  async call(
    method: Method,
    args: unknown[],
    what: string,
  ): Promise<Extract<Reply, { ok: true }> | Extract<Reply, { ok: false }>> {
    try {
      if (!this.proc && this.hello) this.restarts++;
      await this.ensure();
      return await this.request({ type: 'call', id: this.nextId++, method, args }, timerMs(this.opts.timeoutMs), what);
    } catch (e) {
      throw e instanceof ImplementationFault ? recordIncident(this.incidents, e, what) : e;
    }
  }

  /** Ends the process and everything user code started in its group, at once. */
  kill(): void {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }

  /** Closes the channel (the host exits, writing coverage when measured), then ends its group. */
  async close(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.exitCode === null && p.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 2000);
        p.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        if (p.connected) p.disconnect();
      });
    }
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }
}

/** Rebuilds an error that crossed the channel. */
export function toError(w: WireError, what: string): Error {
  if (w.kind === 'setup') return new SetupError(w.message, w.fix);
  if (w.kind === 'fault') return new ImplementationFault(w.faultKind ?? 'exception', w.message, w.detail);
  return new ImplementationFault('exception', `${what} threw ${w.name}: ${w.message}`, w.detail);
}
