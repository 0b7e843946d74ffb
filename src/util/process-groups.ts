import type { ChildProcess } from 'node:child_process';

/**
 * The process groups nncheck started (one per subprocess running user code, spawned with
 * `detached: true` so the child leads its own group and user code's own children join it).
 * Ending a group ends everything user code started; the exit hook ends whatever is still
 * registered, so no path out of nncheck (an exception, a signal, process.exit) leaves one running.
 */
const groups = new Set<number>();

export function trackGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  groups.add(pid);
  child.once('exit', () => {
    // The leader is gone, but user code's children may still be in its group: end them too.
    killGroup(pid);
    groups.delete(pid);
  });
}

/** SIGKILLs a whole process group; a group already gone is not an error. */
export function killGroup(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

/** Ends every group still registered (synchronous: safe in an 'exit' handler). */
export function killAllGroups(): void {
  for (const pid of groups) killGroup(pid);
  groups.clear();
}

/**
 * The pipes of a child that user code's own children may have inherited: destroyed so that a
 * grandchild holding them never keeps nncheck waiting.
 */
export function releasePipes(child: ChildProcess): void {
  for (const s of [child.stdin, child.stdout, child.stderr]) s?.destroy();
  child.unref();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
}

process.once('exit', killAllGroups);

/**
 * Lets nncheck exit while a child is idle (a caller that forgets close() must not hang the
 * process); a call in flight keeps it alive through its own timeout timer.
 */
export function idleUnref(child: ChildProcess): void {
  child.unref();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  for (const s of [child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();
}
