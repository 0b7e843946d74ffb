/**
 * Issue 15's benchmark: the wall time of one `nncheck check` at default settings, warm (one
 * untimed run first, so tsx's transform cache and the OS file cache are filled), as the median
 * of 3 runs, on a functional NumPy file and on a course-style class file with its own train(),
 * against the targets (3 s and 4 s), and on a TypeScript class file (its own Node process; held
 * to the class file's 4 s). Prints the ratio to the target, the load average (the machine may be
 * shared: wall time grows with it) and the biggest items of the median run's --timings breakdown.
 * Run: npm run bench -- check
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'nncheck.js');
const REPS = 3;

interface Shape {
  /** The prefix of its keys in the returned record, e.g. functionalWallS. */
  key: string;
  label: string;
  file: string;
  targetS: number;
  /** Also timed, interleaved run by run: the same check without gathering calls (NNCHECK_GATHER=0). */
  ungathered?: boolean;
}

const SHAPES: Shape[] = [
  {
    key: 'functional',
    label: 'functional NumPy file',
    file: 'examples/numpy_network.py',
    targetS: 3,
    ungathered: true,
  },
  // The course-style TwoLayerNet (params dict, std 1e-4, its own train()); the same code as
  // ../shared/zoo/course_class.py.
  { key: 'class', label: 'class file with its own train()', file: 'fixtures/zoo/course_class_std1e4.py', targetS: 4 },
  { key: 'typescript', label: 'TypeScript class file', file: 'fixtures/zoo/ts_class_relu.ts', targetS: 4 },
];

interface Run {
  wallS: number;
  /** CPU seconds (user + sys) of the check and its processes: steadier than wall time on a shared machine. */
  cpuS: number;
  exit: number | null;
  timings: string;
}

// CPU time of finished children: growth of this process's cutime + cstime (Linux /proc, clock ticks of 10 ms).
function childCpuS(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

function once(file: string, env: Record<string, string> = {}): Run {
  const cpu0 = childCpuS();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', file, '--quiet', '--timings'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`nncheck check ${file} exited ${r.status}: ${r.stderr}`);
  return {
    wallS,
    cpuS: childCpuS() - cpu0,
    exit: r.status,
    timings: r.stdout.slice(r.stdout.indexOf('timings (wall clock):')),
  };
}

/** The --timings lines worth reading first: suites, loading and bridge operations, largest first. */
export function biggestItems(timings: string, n = 6): string[] {
  const items = timings
    .split('\n')
    .map((l) => /^\s+(.+?)\s+(\d+\.\d+) s(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .filter((m) => !/^(total|bridge round trips)/.test(m[1]))
    .map((m) => ({ name: m[1], s: Number(m[2]), rest: m[3] }));
  return items
    .sort((a, b) => b.s - a.s)
    .slice(0, n)
    .map((x) => `${x.name} ${x.s.toFixed(2)} s${x.rest}`);
}

export function benchCheck(): Record<string, number> {
  const out: Record<string, number> = {};
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} (1, 5, 15 min)`,
  );
  for (const s of SHAPES) {
    once(s.file); // warm-up, untimed
    const runs: Run[] = [],
      off: Run[] = [];
    for (let i = 0; i < REPS; i++) {
      runs.push(once(s.file));
      if (s.ungathered) off.push(once(s.file, { NNCHECK_GATHER: '0' }));
    }
    runs.sort((a, b) => a.wallS - b.wallS);
    off.sort((a, b) => a.wallS - b.wallS);
    const median = runs[REPS >> 1];
    const ratio = median.wallS / s.targetS;
    console.log(
      `${s.label} (${s.file}): ${median.wallS.toFixed(2)} s wall, median of ${REPS} ` +
        `(${runs.map((r) => r.wallS.toFixed(2)).join(', ')}); ` +
        `target ${s.targetS} s → ${ratio.toFixed(2)}× the target ` +
        `${ratio <= 1 ? '(met)' : '(missed)'}, exit ${median.exit}; ` +
        `cpu ${median.cpuS.toFixed(2)} s (user + sys, all processes)`,
    );
    if (off.length) {
      const o = off[REPS >> 1];
      const trips = (r: Run) => /bridge round trips \(in suites\)\s+\S+ s in (\d+) calls/.exec(r.timings)?.[1];
      console.log(
        `  without gathering calls (NNCHECK_GATHER=0, interleaved): ${o.wallS.toFixed(2)} s wall ` +
          `(${off.map((r) => r.wallS.toFixed(2)).join(', ')}), cpu ${o.cpuS.toFixed(2)} s, ` +
          `${trips(o)} round trips against ${trips(median)} → ` +
          `gathering is ${(o.wallS / median.wallS).toFixed(2)}× faster`,
      );
      out[`${s.key}UngatheredWallS`] = o.wallS;
    }
    const total = /total\s+(\d+\.\d+) s/.exec(median.timings)?.[1];
    const trips = /bridge round trips \(in suites\)\s+(\d+\.\d+) s in (\d+) calls/.exec(median.timings);
    if (trips) console.log(`  bridge round trips ${trips[1]} s in ${trips[2]} calls (in-process total ${total} s)`);
    for (const line of biggestItems(median.timings)) console.log(`  ${line}`);
    out[`${s.key}WallS`] = median.wallS;
    out[`${s.key}Ratio`] = ratio;
    out[`${s.key}CpuS`] = median.cpuS;
  }
  console.log(
    `load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} after`,
  );
  return out;
}
