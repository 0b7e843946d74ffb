import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ImplementationFault } from '../../findings/implementation-fault.ts';
import { SetupError } from '../adapters/setup-error.ts';
import { runAloneCommand } from '../adapters/run-alone.ts';
import type { LoadOptions } from '../adapters/load-options.ts';
import { idleUnref, trackGroup } from '../../util/process-groups.ts';
import { timerMs } from '../../util/timers.ts';
import { timed } from '../../util/timings.ts';
import { ProcessClient } from '../process-client.ts';
import type { Hello, Method, Reply, Request, Tick, WireError } from './protocol.ts';

export const HOST_ENTRY = fileURLToPath(new URL('./boot.mjs', import.meta.url));

export interface NodeHostOptions {
  file: string;
  load: LoadOptions;
  /** Per-call timeout in milliseconds. */
  timeoutMs: number;
}

/**
 * One Node process running the user's module, leading its own process group, with the Python
 * bridge's semantics: a call that times out or a process that dies fails that call with an
 * ImplementationFault and is recorded as an incident; the next call starts a fresh process,
 * which loads the module again (the adapter learns its shapes from initParams as it loads), so
 * the rest of the run goes on. close() always ends the whole group.
 */
export class NodeHost extends ProcessClient<Reply> {
  hello: Hello | null = null;
  protected readonly processName = 'the Node process running it';
  protected readonly closeGraceMs = 2000;
  private output = '';

  constructor(readonly opts: NodeHostOptions) {
    super();
  }

  protected get started(): boolean {
    return this.hello !== null;
  }

  /** Closes the channel: the host exits, writing coverage when measured. */
  protected endGently(p: ChildProcess): void {
    if (p.connected) p.disconnect();
  }

  private lastOutput(): string {
    const t = this.output.trim();
    return t ? `; its last output:\n${t.split('\n').slice(-8).join('\n')}` : '';
  }

  protected async spawnAndGreet(): Promise<void> {
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
    proc.on('message', (r: Reply | Tick) => ('tick' in r ? this.rearm(r.id) : this.settle(r, r.id)));
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
        `run it on its own (${runAloneCommand(this.opts.file)}) and fix what it reports; ` +
          "move script code (a process.exit() too) out of the module's top level, under a main guard",
      );
    }
    if (!r.ok) {
      this.kill();
      const w = r.error;
      if (w.kind === 'setup') throw toError(w, 'loading the module');
      throw new SetupError(
        `${this.opts.file} failed while being loaded: ${w.name}: ${w.message}${w.detail ? `\n${w.detail}` : ''}`,
        `run it on its own (${runAloneCommand(this.opts.file)}) and fix the error`,
      );
    }
    this.hello = r.value as Hello;
  }

  private request(m: Request, timeoutMs: number, what: string, graceMs = 0): Promise<Reply> {
    const done = this.wait(timeoutMs, what, m.id, graceMs);
    this.proc!.send(m, (e) => {
      if (e)
        this.fail(
          new ImplementationFault('crashed', `cannot reach the Node process running ${this.opts.file}: ${e.message}`),
        );
    });
    return done;
  }

  async start(): Promise<Hello> {
    await this.ensure();
    return this.hello!;
  }

  /**
   * One call; resolves with the value and the argument matrices it wrote into, or throws an
   * ImplementationFault. graceMs: see ProcessClient.wait (a request of several calls).
   */
  async call(
    method: Method,
    args: unknown[],
    what: string,
    graceMs = 0,
  ): Promise<Extract<Reply, { ok: true }> | Extract<Reply, { ok: false }>> {
    return this.guarded(what, async () => {
      await this.ensure();
      const m: Request = { type: 'call', id: this.nextId++, method, args };
      return await timed(`bridge round trip: ${method}`, () =>
        this.request(m, timerMs(this.opts.timeoutMs), what, graceMs),
      );
    });
  }
}

/** Rebuilds an error that crossed the channel. */
export function toError(w: WireError, what: string): Error {
  if (w.kind === 'setup') return new SetupError(w.message, w.fix);
  if (w.kind === 'fault') return new ImplementationFault(w.faultKind ?? 'exception', w.message, w.detail);
  return new ImplementationFault('exception', `${what} threw ${w.name}: ${w.message}`, w.detail);
}
