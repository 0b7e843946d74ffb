import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Every process's parent: from /proc on Linux, from `ps` elsewhere; empty when neither answers. */
function parents(): Map<number, number> {
  const out = new Map<number, number>();
  if (existsSync('/proc/self/stat')) {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        // The command name in (...) may hold spaces or parentheses: read past its last ')'.
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        out.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        /* it ended meanwhile */
      }
    }
    return out;
  }
  try {
    for (const line of execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' }).split('\n')) {
      const [pid, ppid] = line.trim().split(/\s+/).map(Number);
      if (pid) out.set(pid, ppid);
    }
  } catch {
    /* no ps: the process group kill still applies */
  }
  return out;
}

/** The descendants of a process (children, their children, ...), found before anything is killed. */
export function descendants(root: number): number[] {
  const kids = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) kids.set(ppid, [...(kids.get(ppid) ?? []), pid]);
  const out: number[] = [];
  const stack = [root];
  while (stack.length)
    for (const k of kids.get(stack.pop() as number) ?? []) {
      out.push(k);
      stack.push(k);
    }
  return out;
}

const kill = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
};

/**
 * Ends a child started as a process-group leader and everything it started, including processes
 * that left its group (a bridge in its own group): the tree is listed first, then each process and
 * each group is killed, so nothing is re-parented out of reach.
 */
export function killTree(pid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  const tree = descendants(pid);
  kill(-pid, signal);
  kill(pid, signal);
  for (const p of tree) {
    kill(-p, signal);
    kill(p, signal);
  }
}
