import { timings } from '../util/timings.ts';

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`.padStart(9);

/**
 * The --timings breakdown of one check: start-up (node, tsx and nncheck's own modules, up to the
 * command's start), loading the implementation (for Python: starting the bridge and importing the
 * file), each suite (property runs; convergence and diagnostics are the training), and the bridge
 * round trips per operation (inside the suites, so not added to them), then the total wall time.
 */
export function formatTimings(startupMs: number): string {
  const all = timings();
  const lines = ['timings (wall clock):', `  start-up (node, tsx, imports)  ${sec(startupMs)}`];
  for (const t of all.filter((x) => !x.phase.startsWith('bridge '))) lines.push(`  ${t.phase.padEnd(30)} ${sec(t.ms)}`);
  const trips = all.filter((x) => x.phase.startsWith('bridge '));
  if (trips.length) {
    const ms = trips.reduce((a, t) => a + t.ms, 0),
      n = trips.reduce((a, t) => a + t.count, 0);
    lines.push(`  bridge round trips (in suites) ${sec(ms)} in ${n} calls`);
    for (const t of trips.sort((a, b) => b.ms - a.ms)) {
      const op = t.phase.replace('bridge round trip: ', '');
      lines.push(`    ${op.padEnd(28)} ${sec(t.ms)} in ${t.count} calls, ${(t.ms / t.count).toFixed(1)} ms each`);
    }
  }
  lines.push(`  total                          ${sec(performance.now())}`);
  return lines.join('\n');
}
