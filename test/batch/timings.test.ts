import { describe, expect, it } from 'vitest';
import { formatTimings } from '../../src/cli/format-timings.ts';
import { recordTiming, timed, timings } from '../../src/util/timings.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('--timings', () => {
  it('tallies phases (also when they throw) and prints bridge round trips per operation', async () => {
    recordTiming('suite softmax', 1500);
    recordTiming('bridge round trip: loss', 2);
    recordTiming('bridge round trip: loss', 4);
    await expect(
      timed('loading the implementation', async () => {
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(timings().find((t) => t.phase === 'loading the implementation')?.count).toBe(1);
    const text = formatTimings(2500);
    expect(text).toMatch(/start-up \(node, tsx, imports\)\s+2\.50 s/);
    expect(text).toMatch(/suite softmax\s+1\.50 s/);
    expect(text).toMatch(/bridge round trips \(in suites\)\s+0\.01 s in 2 calls/);
    expect(text).toMatch(/loss\s+0\.01 s in 2 calls, 3\.0 ms each/);
  });
  it('nncheck check FILE --timings prints the breakdown after the summary', () => {
    const r = runCli(['check', 'examples/ts_network.ts', '--suite', 'gradients', '--runs', '5', '--timings']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    const at = lines.findIndex((l) => l === 'timings (wall clock):');
    expect(at).toBeGreaterThan(0);
    const block = lines.slice(at).join('\n');
    expect(block).toMatch(/start-up[^\n]+\n\s+loading the implementation[^\n]+\n\s+suite gradients\s+[\d.]+ s\n/);
    expect(block).toMatch(/\n\s+total\s+[\d.]+ s$/);
    // The TS worker's round trips are counted as the Python bridge's are, per operation.
    expect(block).toMatch(/bridge round trips \(in suites\)\s+[\d.]+ s in \d+ calls\n/);
    expect(block).toMatch(/\n\s+\w+\s+[\d.]+ s in \d+ calls, [\d.]+ ms each/);
  });
});
