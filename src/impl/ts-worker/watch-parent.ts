import { Worker } from 'node:worker_threads';

/**
 * nncheck killed outright (SIGKILL) cannot end this process group, and user code busy in an
 * endless loop never sees the channel close: a thread of its own notices the parent is gone
 * and ends the whole group.
 */
export function watchParent(): void {
  const code = `
    const parent = ${process.ppid};
    setInterval(() => { if (process.ppid !== parent) process.kill(-${process.pid}, 'SIGKILL'); }, 1000);`;
  new Worker(code, { eval: true }).unref();
}
