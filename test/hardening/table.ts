import { afterAll, expect } from 'vitest';
import type { HostileRun } from './run-hostile.ts';

interface Row {
  item: string;
  lang: string;
  name: string;
  exit: string;
  finding: string;
  seconds: string;
  left: number;
}
const rows: Row[] = [];

/**
 * The common assertions of a fault-injection case: the exit code, a named finding or message,
 * a wall-time bound (generous: the machine is shared), no process of the run left, and nothing
 * holding nncheck's pipes after it exits. Each case adds a row to the table printed at the end.
 */
export function expectCase(
  r: HostileRun,
  c: { item: string; lang: 'py' | 'ts' | '-'; name: string; exit: number; finding: RegExp; maxSeconds: number },
): void {
  const out = r.stdout + r.stderr;
  const hit = c.finding.exec(out);
  rows.push({
    item: c.item,
    lang: c.lang,
    name: c.name,
    exit: `${r.code ?? r.signal}`,
    finding: hit ? hit[0].slice(0, 70) : '(missing)',
    seconds: (r.ms / 1000).toFixed(1),
    left: r.leftovers.length,
  });
  expect(r.leftovers, 'processes of the run left running').toEqual([]);
  expect(r.code, `exit code; stderr: ${r.stderr.slice(-600)}`).toBe(c.exit);
  expect(out).toMatch(c.finding);
  expect(r.ms / 1000, 'wall time (s)').toBeLessThan(c.maxSeconds);
  expect(r.pipesHeldMs, 'ms the pipes stayed open after nncheck exited').toBeLessThan(5000);
}

afterAll(() => {
  const lines = [
    '| item | lang | case | exit | named finding / message | s | left |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((x) => {
      const finding = x.finding.replace(/\|/g, '\\|').replace(/\n/g, ' ');
      return `| ${[x.item, x.lang, x.name, x.exit, finding, x.seconds, x.left].join(' | ')} |`;
    }),
  ];
  console.log(lines.join('\n'));
});
