/**
 * CLI start-up: the compiled CLI (what `npx nncheck` runs once installed: dist/, built by
 * `npm run build`) against the former start, every command transpiled from the sources through
 * tsx (what the repository's bin still does). Cold: the first start (for tsx, with its transform
 * cache switched off); warm: median of later starts. Wall time and CPU time (user + sys: a
 * steadier figure on a loaded machine). Usage: npm run bench -- startup
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt } from './util.ts';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist', 'src', 'cli', 'main.js');
const TSX = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts')];
const NETWORK = join(ROOT, 'examples', 'ts_network.ts');
const REPS = 7;

interface Sample {
  wallMs: number;
  cpuMs: number;
}

function once(args: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wallMs, cpuMs: childCpuMs() };
}

// CPU time of the finished child: growth of this process's cutime + cstime (Linux /proc, in
// clock ticks of 10 ms; NaN elsewhere).
let lastChildCpu = 0;
function childCpuMs(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const total = (Number(f[13]) + Number(f[14])) * 10;
  const d = total - lastChildCpu;
  lastChildCpu = total;
  return d;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function measure(label: string, args: string[], coldEnv: NodeJS.ProcessEnv): void {
  childCpuMs();
  const cold = once(args, coldEnv);
  const warm = Array.from({ length: REPS }, () => once(args));
  const w = { wallMs: median(warm.map((s) => s.wallMs)), cpuMs: median(warm.map((s) => s.cpuMs)) };
  console.log(
    `${label.padEnd(60)} cold ${fmt(cold.wallMs).padStart(11)} (cpu ${fmt(cold.cpuMs)})` +
      `   warm ${fmt(w.wallMs).padStart(11)} (cpu ${fmt(w.cpuMs)})`,
  );
}

export function benchStartup(): void {
  if (!existsSync(DIST)) throw new Error('no dist/: run `npm run build` first');
  const cases: [string, string[]][] = [
    ['--help', ['--help']],
    ['--version', ['--version']],
    [
      'check ts_network.ts --suite softmax --runs 1',
      ['check', NETWORK, '--suite', 'softmax', '--runs', '1', '--quiet'],
    ],
  ];
  measure('node itself (node -e 0), for scale', ['-e', '0'], {});
  for (const [name, args] of cases) {
    measure(`tsx (sources)   nncheck ${name}`, [...TSX, ...args], { TSX_DISABLE_CACHE: '1' });
    measure(`compiled (dist) nncheck ${name}`, [DIST, ...args], {});
  }
}
