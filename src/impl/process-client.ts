import type { ChildProcess } from 'node:child_process';
import { ImplementationFault } from '../findings/implementation-fault.ts';
import { killGroup, releasePipes } from '../util/process-groups.ts';
import { timerMs } from '../util/timers.ts';
import { recordIncident, type Incident } from './incidents.ts';

interface Pending<R> {
  /** The request id a reply must carry, when the channel numbers them. */
  id?: number;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * What the Python bridge and the Node host share: one process running user code, leading its
 * own process group, answering one request at a time. A request that times out stops the
 * process; a process that dies fails the request waiting on it; either way the subclass's
 * ImplementationFault is recorded as an incident, and the next call starts a fresh process
 * (counted in restarts) and lets the subclass restore what the run depends on. close() always
 * ends the whole group.
 */
export abstract class ProcessClient<R> {
  protected proc: ChildProcess | null = null;
  protected nextId = 1;
  restarts = 0;
  readonly incidents: Incident[] = [];
  private pending: Pending<R> | null = null;
  private starting: Promise<void> | null = null;

  /** Names the process in messages, e.g. "the Python process". */
  protected abstract readonly processName: string;
  /** How long close() lets the process end by itself before ending its group. */
  protected abstract readonly closeGraceMs: number;
  /** Starts a process (setting proc) and waits until it is ready to answer. */
  protected abstract spawnAndGreet(): Promise<void>;
  /** True once a process was ready: from then on, a missing process is a restart. */
  protected abstract get started(): boolean;
  /** Asks a live process to end by itself (end of its input, a closed channel). */
  protected abstract endGently(p: ChildProcess): void;

  /** After a restart, before the call that needed it: what the fresh process must learn again. */
  protected async afterRestart(): Promise<void> {}

  protected ensure(): Promise<void> {
    if (this.proc) return Promise.resolve();
    this.starting ??= this.spawnAndGreet().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Runs one call: restarts the process first when it is gone, records the faults that end one. */
  protected async guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      if (!this.proc && this.started) {
        this.restarts++;
        await this.ensure();
        await this.afterRestart();
      }
      return await run();
    } catch (e) {
      throw e instanceof ImplementationFault ? recordIncident(this.incidents, e, what) : e;
    }
  }

  /**
   * The next reply (with `id`, when given); past the timeout the process is stopped and a timeout
   * fault thrown. graceMs: a request of several calls that starts none after graceMs is waited on
   * that much longer, so it fails only when one of its calls alone took longer than timeoutMs.
   */
  protected wait(timeoutMs: number, what: string, id?: number, graceMs = 0): Promise<R> {
    const after = timerMs(timeoutMs + graceMs);
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        this.kill();
        reject(
          new ImplementationFault(
            'timeout',
            `${what} took longer than ${(timeoutMs / 1000).toFixed(1)} s; ` +
              `${this.processName} was stopped (raise the limit with --timeout)`,
          ),
        );
      }, after);
      this.pending = { id, resolve, reject, timer };
    });
  }

  /** Hands a reply to the waiting request (a reply for another id is ignored). */
  protected settle(r: R, id?: number): void {
    const p = this.pending;
    if (!p || p.id !== id) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.resolve(r);
  }

  /**
   * Starts the waiting request's timeout afresh: a request of several calls says so before it
   * starts one past its grace, which then has the whole timeout to itself.
   */
  protected rearm(id?: number): void {
    const p = this.pending;
    if (p && p.id === id) p.timer.refresh();
  }

  /** Fails the waiting request, if any. */
  protected fail(e: Error): void {
    const p = this.pending;
    if (!p) return;
    clearTimeout(p.timer);
    this.pending = null;
    p.reject(e);
  }

  /** Ends the process and everything user code started in its group, at once. */
  kill(): void {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }

  /** Lets the process end by itself, then ends its group whatever it did. */
  async close(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p) return;
    if (p.exitCode === null && p.signalCode === null) {
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, this.closeGraceMs);
        p.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        this.endGently(p);
      });
    }
    if (p.pid !== undefined) killGroup(p.pid);
    releasePipes(p);
  }
}
