import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImplementationFault } from '../findings/implementation-fault.ts';

const NONE = -1;

/**
 * Which call of a request of many calls was running when its process hung or died: the process
 * writes each call's index into a small file before making it (4 bytes, no flush: the page cache
 * outlives the process), and the fault is marked with it (`inCall`). A fault met by a batch of
 * many generated cases' calls is then the fault of that case's call, not of the whole batch.
 */
export class CallProgress {
  private dir: string | null = null;
  private fd: number | null = null;
  private readonly word = new Int32Array(1);

  /** The file's path, with no call started yet: to send with a request of many calls. */
  start(): string {
    if (this.fd === null) {
      this.dir = mkdtempSync(join(tmpdir(), 'nncheck-progress-'));
      this.fd = openSync(join(this.dir, 'call'), 'w+');
    }
    this.word[0] = NONE;
    writeSync(this.fd, this.word, 0, 4, 0);
    return join(this.dir!, 'call');
  }

  /** Runs a request of many calls, given the file's path; a fault it ends in is marked with the running call. */
  async during<T>(request: (path: string) => Promise<T>): Promise<T> {
    try {
      return await request(this.start());
    } catch (e) {
      throw this.mark(e);
    }
  }

  /** The fault, marked with the call that was running when the process hung or died (if one had started). */
  mark(e: unknown): unknown {
    if (this.fd === null || !(e instanceof ImplementationFault) || (e.kind !== 'timeout' && e.kind !== 'crashed'))
      return e;
    this.word[0] = NONE;
    readSync(this.fd, this.word, 0, 4, 0);
    if (this.word[0] !== NONE) e.inCall = this.word[0];
    return e;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.fd = this.dir = null;
  }
}
