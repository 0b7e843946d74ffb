import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { descendants, killTree } from '../../src/batch/kill-tree.ts';

/** A process counts as alive until it is gone or a zombie (a zombie has already ended). */
function alive(pid: number): boolean {
  try {
    if (existsSync('/proc/self/stat')) return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
const waitFor = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return cond();
};

describe.runIf(process.platform !== 'win32' && existsSync('/usr/bin/setsid'))('killTree', () => {
  it(
    'ends a group leader, a child that left the group (setsid) ' + 'and a grandchild re-parented out of the tree',
    async () => {
      // The shell prints the pids of: a child in its own session, a double-forked orphan, a plain child.
      const sh = spawn(
        '/bin/sh',
        ['-c', 'setsid sleep 301 & echo $!; (sleep 302 & echo $!); sleep 303 & echo $!; wait'],
        { detached: true, stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let out = '';
      sh.stdout.on('data', (b) => {
        out += b;
      });
      expect(await waitFor(() => out.trim().split('\n').length === 3, 10_000)).toBe(true);
      const pids = out.trim().split('\n').map(Number);
      expect(pids.every(alive)).toBe(true);
      expect(descendants(sh.pid as number)).toEqual(expect.arrayContaining([pids[0], pids[2]]));
      killTree(sh.pid as number);
      expect(await waitFor(() => ![sh.pid as number, ...pids].some(alive), 5_000)).toBe(true);
    },
  );
});
